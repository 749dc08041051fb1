package pdf

// Page geometry in mm (A4 portrait).
const (
	pageW        = 210.0
	pageH        = 297.0
	marginLeft   = 22.0
	marginRight  = 20.0
	contentW     = pageW - marginLeft - marginRight
	headerBase   = 13.0  // baseline of the running header
	headerRule   = 15.5  // rule under the running header
	bodyTop      = 24.0  // first line of body text
	bodyBottom   = 272.0 // no body text below this
	footerRule   = 277.0
	footerLine1  = 282.0 // baselines of the footer lines
	footerLine2  = 286.5
	ptPerMM      = 72 / 25.4
	lineSpacing  = 1.38 // line height as a multiple of the font size
	paraGap      = 2.6  // space after a paragraph
	listIndent   = 6.0
	quoteIndent  = 5.0
	cellPadX     = 1.6
	cellPadY     = 1.3
	codePad      = 2.0
	bodySize     = 10.0
	tableSize    = 8.5
	codeSize     = 8.5
	headerSize   = 8.0
	footerSize   = 7.5
	digestSize   = 7.0
	tocEntrySize = 10.0
)

// headingSize is the font size per heading level 1–4 (index 0 unused).
var headingSize = [...]float64{0, 16, 13, 11, 10}

// rgb is a colour.
type rgb struct{ r, g, b int }

var (
	black      = rgb{0x1a, 0x1a, 0x1a}
	textGrey   = rgb{0x55, 0x5b, 0x63}
	accent     = rgb{0x1f, 0x3a, 0x5f} // dark blue: headings, rules
	linkColour = rgb{0x1d, 0x4e, 0x89}
	ruleGrey   = rgb{0xb8, 0xbe, 0xc6}
	lightRule  = rgb{0xdd, 0xe1, 0xe6}
	headerFill = rgb{0xe3, 0xe9, 0xf1}
	codeFill   = rgb{0xf3, 0xf4, 0xf6}
	codeText   = rgb{0x24, 0x29, 0x2e}
	quoteText  = rgb{0x3d, 0x44, 0x4d}
	noticeFill = rgb{0xfd, 0xf3, 0xe1}
	noticeRule = rgb{0xc9, 0x85, 0x1a}
	draftRed   = rgb{0xb0, 0x24, 0x24}
	watermark  = rgb{0xe6, 0xe6, 0xe6}
	white      = rgb{0xff, 0xff, 0xff}
)

// lineHeight returns the line height in mm for a font size in pt.
func lineHeight(size float64) float64 { return size * lineSpacing / ptPerMM }

// labels are the few words the renderer writes itself.
type labels struct {
	contents string
	page     string // format with current page and total
	digest   string
	status   string
	lang     string // PDF /Lang
}

var labelsByLang = map[string]labels{
	"de": {contents: "Inhaltsverzeichnis", page: "Seite %d von %d", digest: "Nachweis-Digest", status: "Status", lang: "de-DE"},
	"en": {contents: "Contents", page: "Page %d of %d", digest: "Evidence digest", status: "Status", lang: "en-GB"},
}

package pdf

import (
	_ "embed"
	"fmt"
	"math"
	"strings"
	"sync"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// style is one of the five embedded faces.
type style int

const (
	regular style = iota
	bold
	italic
	boldItalic
	mono
	numStyles
)

// face is an embedded TrueType font with the advance widths fpdf will use,
// so that text can be measured without switching fpdf's current font.
type face struct {
	family, style string
	ttf           []byte
	// widths holds the advance width per BMP rune in 1/1000 em, rounded the
	// way fpdf rounds them; 0 means the font has no glyph for the rune.
	widths []uint16
	font   *sfnt.Font
	upem   int
	parsed *fpdf.UTF8Font // the font as fpdf embeds it
}

// The embedded faces: Liberation Sans for text and Liberation Mono for
// code, identifiers and hashes (SIL Open Font License 1.1, fonts/LICENSE).
var (
	//go:embed fonts/LiberationSans-Regular.ttf
	sansRegular []byte
	//go:embed fonts/LiberationSans-Bold.ttf
	sansBold []byte
	//go:embed fonts/LiberationSans-Italic.ttf
	sansItalic []byte
	//go:embed fonts/LiberationSans-BoldItalic.ttf
	sansBoldItalic []byte
	//go:embed fonts/LiberationMono-Regular.ttf
	monoRegular []byte
)

var faces = [numStyles]*face{
	regular:    {family: "sans", style: "", ttf: sansRegular},
	bold:       {family: "sans", style: "B", ttf: sansBold},
	italic:     {family: "sans", style: "I", ttf: sansItalic},
	boldItalic: {family: "sans", style: "BI", ttf: sansBoldItalic},
	mono:       {family: "mono", style: "", ttf: monoRegular},
}

// replacement stands in for every rune some embedded face cannot draw.
const replacement = '□'

var (
	loadFaces    sync.Once
	loadFacesErr error
)

// measureFaces reads each font's character map and advance widths once per
// process.
func measureFaces() error {
	loadFaces.Do(func() {
		for _, fc := range faces {
			if err := fc.measure(); err != nil {
				loadFacesErr = err
				return
			}
		}
		for _, fc := range faces {
			if fc.widths[replacement] == 0 {
				loadFacesErr = fmt.Errorf("font %s%s has no glyph for %q", fc.family, fc.style, replacement)
				return
			}
		}
	rune:
		for r := 1; r < 0x10000; r++ {
			for _, fc := range faces {
				if fc.widths[r] == 0 {
					continue rune
				}
			}
			coverage[r>>6] |= 1 << (r & 63)
		}
	})
	return loadFacesErr
}

func (fc *face) measure() error {
	f, err := sfnt.Parse(fc.ttf)
	if err != nil {
		return fmt.Errorf("parse font %s%s: %w", fc.family, fc.style, err)
	}
	var buf sfnt.Buffer
	upem := float64(f.UnitsPerEm())
	ppem := f.UnitsPerEm()
	widths := make([]uint16, 0x10000)
	for r := rune(1); r < 0x10000; r++ {
		gi, err := f.GlyphIndex(&buf, r)
		if err != nil || gi == 0 {
			continue
		}
		adv, err := f.GlyphAdvance(&buf, gi, fixed.I(int(ppem)), font.HintingNone)
		if err != nil {
			return fmt.Errorf("font %s%s: advance of %U: %w", fc.family, fc.style, r, err)
		}
		w := math.Round(1000 / upem * float64(adv) / 64)
		if w < 1 {
			// A zero-width glyph (combining mark) still counts as present.
			w = 1
		}
		widths[r] = uint16(w)
	}
	parsed, err := fpdf.ParseUTF8Font(fc.family, fc.style, fc.ttf)
	if err != nil {
		return err
	}
	fc.widths = widths
	fc.font = f
	fc.upem = int(ppem)
	fc.parsed = parsed
	return nil
}

// coverage has a bit set for each BMP rune every embedded face has a
// glyph for (measureFaces): every rune of every string drawn is looked up.
var coverage [0x10000 / 64]uint64

// covered reports whether every embedded face has a glyph for r.
func covered(r rune) bool {
	if r <= 0 || r >= 0x10000 {
		return false
	}
	return coverage[r>>6]&(1<<(r&63)) != 0
}

// sanitize makes s drawable, so that text reaches the PDF as written
// where it can and visibly marked where it cannot: every rune no embedded
// face has (emoji, runes above U+FFFF, which crash fpdf), every control
// character other than line feed, carriage return and tab (ESC of a
// terminal sequence), every bidirectional control (U+202E RIGHT-TO-LEFT
// OVERRIDE would let a name read backwards) and every byte that is not
// UTF-8 becomes the replacement glyph □. Line feed, carriage return and
// tab stay for the Markdown parser; the drawing layer never gets them
// (drawable).
func sanitize(s string) string {
	return clean(s, func(r rune) bool { return r == '\n' || r == '\r' || r == '\t' })
}

// drawable is sanitize for text handed to fpdf: nothing but covered runes.
func drawable(s string) string {
	return clean(s, func(rune) bool { return false })
}

// clean replaces what cannot be drawn in s; keep allows extra runes.
func clean(s string, keep func(rune) bool) string {
	if isClean(s, keep) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteRune(replacement) // a byte that is not UTF-8
		case isBidiControl(r):
			b.WriteRune(replacement)
		case keep(r) || covered(r):
			b.WriteRune(r)
		case r == 0xfe0f || r == 0x200d || r == 0x200b || r == 0xfeff:
			// emoji variation selector, zero-width joiner and spaces: they
			// belong to the previous rune, which is replaced already
		default:
			b.WriteRune(replacement)
		}
	}
	return b.String()
}

func isClean(s string, keep func(rune) bool) bool {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if (r == utf8.RuneError && n == 1) || isBidiControl(r) || !(keep(r) || covered(r)) {
			return false
		}
	}
	return true
}

// isBidiControl reports the explicit directional formatting characters of
// Unicode's bidirectional algorithm (UAX #9): marks, embeddings, overrides
// and isolates.
func isBidiControl(r rune) bool {
	switch {
	case r == 0x061c, r == 0x200e, r == 0x200f:
		return true
	case r >= 0x202a && r <= 0x202e:
		return true
	case r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// width returns the width of s in mm at size pt in face st. s must be
// sanitized.
func width(s string, st style, size float64) float64 {
	w := faces[st].widths
	total := 0
	for _, r := range s {
		if r < 0x10000 && w[r] > 0 {
			total += int(w[r])
		} else {
			total += 500 // fpdf's default for a missing width
		}
	}
	return float64(total) * size / 1000 / ptPerMM
}

// addFonts embeds the five faces into pdf. fpdf parses each font once per
// process (measureFaces); a document gets its own copy of what subsetting
// changes, the font bytes among them (third_party/fpdf/README.md).
func addFonts(pdf *fpdf.Fpdf) error {
	for _, fc := range faces {
		pdf.AddParsedUTF8Font(fc.parsed)
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("embed fonts: %w", err)
	}
	return nil
}

package pdf

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/nachweis/nachweis/output/pdf/hyphen"
	"github.com/nachweis/nachweis/templates"
)

// Render lays out doc as an A4 PDF and writes it to w.
//
// The same Document gives the same bytes: dates come from doc.Created, the
// catalogue is written in sorted order and nothing else varies between runs.
// Bad input in the Markdown (a malformed bar chart) is an error naming the
// Markdown line; runes the embedded fonts cannot draw are replaced, never a
// crash. Render is safe for concurrent use.
//
// No input may crash the process: a panic inside the layout or in fpdf
// (a defect, since every string is sanitized first) is recovered and
// returned as an error naming the document.
func Render(w io.Writer, doc templates.Document) (err error) {
	defer func() {
		p := recover()
		switch p.(type) {
		case nil:
		case tooManyPages:
			err = fmt.Errorf("render pdf %s: the document exceeds %d pages; does a template loop?", drawable(doc.ID), MaxPages)
		default:
			err = fmt.Errorf("render pdf %s: internal error (please report it): %v", drawable(doc.ID), p)
		}
	}()
	return render(w, doc)
}

// MaxPages bounds a document's length, and so the memory its layout
// takes (about 170 KB a page): the largest real document, the C5 report
// of a provider with 2,000 tenants, has about 60 pages.
const MaxPages = 5000

// tooManyPages unwinds the layout when a page past MaxPages is started.
type tooManyPages struct{}

func render(w io.Writer, doc templates.Document) error {
	if err := measureFaces(); err != nil {
		return fmt.Errorf("render pdf: %w", err)
	}
	lb, ok := labelsByLang[doc.Lang]
	if !ok {
		return fmt.Errorf("render pdf: document language %q: want de or en", doc.Lang)
	}
	if doc.Created.IsZero() {
		// fpdf would stamp the current time and the bytes would vary.
		return fmt.Errorf("render pdf: document date (Created) is not set")
	}
	doc = sanitizeDocument(doc)
	src := doc.Markdown
	root := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser().Parse(text.NewReader(src))

	r, err := newRenderer(doc, lb, src)
	if err != nil {
		return fmt.Errorf("render pdf: %w", err)
	}
	r.titlePage()
	r.collectTOC(root)
	r.reserveTOC()
	if root.HasChildren() {
		r.newPage()
		if err := r.blocks(root, marginLeft, contentW); err != nil {
			return fmt.Errorf("render pdf: %w", err)
		}
	}
	r.closeQuotes()
	last := r.pdf.PageNo()
	r.drawTOC()
	r.decoratePages(last)
	r.pdf.SetPage(last)
	var buf bytes.Buffer
	if err := r.pdf.Output(&buf); err != nil {
		return fmt.Errorf("render pdf: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}

// renderer holds the layout state of one document. fpdf draws at absolute
// positions only: automatic page breaks are off and every block checks the
// space left itself, so nothing is ever placed outside the margins.
type renderer struct {
	pdf *fpdf.Fpdf
	doc templates.Document
	lb  labels
	src []byte

	y       float64 // top of the next thing drawn on the current page
	lastGap float64 // trailing space added after the last block
	colour  rgb     // base text colour of the current block

	fontSt    style
	fontSize  float64
	fontValid bool

	toc      []*tocEntry
	tocNext  int // index of the next heading that goes into the TOC
	tocFirst int // first page of the table of contents

	quotes []*quoteMark
	marker *listMarker

	hy     *hyphen.Hyphenator // the document language's hyphenation
	tables map[*east.Table]*tableLayout
	laid   map[ast.Node]laidOut // paragraphs and headings measured, not yet drawn
}

func newRenderer(doc templates.Document, lb labels, src []byte) (*renderer, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	created := doc.Created.UTC()
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.SetCatalogSort(true)
	pdf.SetCompression(true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(marginLeft, bodyTop, marginRight)
	pdf.SetTitle(doc.Title, true)
	pdf.SetAuthor(doc.Organisation, true)
	pdf.SetSubject(doc.Subject, true)
	pdf.SetKeywords(strings.Join(doc.Keywords, ", "), true)
	pdf.SetCreator("nachweis", true)
	pdf.SetProducer("nachweis (go-pdf/fpdf)", true)
	pdf.SetLang(lb.lang)
	pdf.SetDisplayMode("fullwidth", "single")
	if err := addFonts(pdf); err != nil {
		return nil, err
	}
	hy, err := hyphen.For(doc.Lang)
	if err != nil {
		return nil, err
	}
	r := &renderer{pdf: pdf, doc: doc, lb: lb, src: src, colour: black, hy: hy}
	if doc.Draft && strings.TrimSpace(doc.Watermark) != "" {
		// The watermark is drawn first on each page, so the content covers
		// it and stays legible.
		pdf.SetHeaderFunc(r.drawWatermark)
	}
	return r, nil
}

// sanitizeDocument replaces what the fonts cannot draw in every string
// that reaches the PDF.
func sanitizeDocument(doc templates.Document) templates.Document {
	doc.ID = sanitize(doc.ID)
	doc.Title = sanitize(doc.Title)
	doc.Subtitle = sanitize(doc.Subtitle)
	doc.ShortTitle = sanitize(doc.ShortTitle)
	doc.Organisation = sanitize(doc.Organisation)
	doc.Classification = sanitize(doc.Classification)
	doc.Status = sanitize(doc.Status)
	doc.Watermark = sanitize(doc.Watermark)
	doc.Notice = sanitize(doc.Notice)
	doc.BundleDigest = sanitize(doc.BundleDigest)
	doc.Subject = sanitize(doc.Subject)
	cover := make([]templates.Field, len(doc.Cover))
	for i, f := range doc.Cover {
		cover[i] = templates.Field{Label: sanitize(f.Label), Value: sanitize(f.Value)}
	}
	doc.Cover = cover
	kw := make([]string, len(doc.Keywords))
	for i, k := range doc.Keywords {
		kw[i] = sanitize(k)
	}
	doc.Keywords = kw
	doc.Markdown = []byte(sanitize(string(doc.Markdown)))
	return doc
}

// newPage starts a body page; block quotes open across the break get their
// rule drawn on the old page and continue on the new one.
func (r *renderer) newPage() {
	if r.pdf.PageNo() > 0 {
		for _, q := range r.quotes {
			q.draw(r, r.y-r.lastGap)
		}
	}
	if r.pdf.PageNo() >= MaxPages {
		panic(tooManyPages{})
	}
	r.pdf.AddPage()
	r.fontValid = false
	r.y = bodyTop
	r.lastGap = 0
	for _, q := range r.quotes {
		q.top = bodyTop
	}
}

// atTop reports whether nothing has been drawn on the current page yet.
func (r *renderer) atTop() bool { return r.y <= bodyTop+0.01 }

// ensure starts a new page unless h mm fit below the current position.
func (r *renderer) ensure(h float64) {
	if r.y+h > bodyBottom && !r.atTop() {
		r.newPage()
	}
}

// gap adds vertical space after a block; at the top of a page it is dropped.
func (r *renderer) gap(h float64) {
	if r.atTop() {
		return
	}
	r.y += h
	r.lastGap += h
}

// advance moves down by h mm of drawn content.
func (r *renderer) advance(h float64) {
	r.y += h
	r.lastGap = 0
}

// font selects a face and size, skipping fpdf's call when nothing changes
// (every SetFont writes an operator into the page).
func (r *renderer) font(st style, size float64) {
	if r.fontValid && r.fontSt == st && r.fontSize == size {
		return
	}
	fc := faces[st]
	r.pdf.SetFont(fc.family, fc.style, size)
	r.fontSt, r.fontSize, r.fontValid = st, size, true
}

// textColour sets the colour of the text drawn next. fpdf only records it
// (Text writes it), and formats it anew on every call: a colour already
// set is not set again, which leaves fpdf's state as it was.
func (r *renderer) textColour(c rgb) {
	if cr, cg, cb := r.pdf.GetTextColor(); cr == c.r && cg == c.g && cb == c.b {
		return
	}
	r.pdf.SetTextColor(c.r, c.g, c.b)
}

func (r *renderer) fillColour(c rgb) { r.pdf.SetFillColor(c.r, c.g, c.b) }
func (r *renderer) drawColour(c rgb) { r.pdf.SetDrawColor(c.r, c.g, c.b) }

// rule draws a horizontal line.
func (r *renderer) rule(x1, x2, y, lw float64, c rgb) {
	r.drawColour(c)
	r.pdf.SetLineWidth(lw)
	r.pdf.Line(x1, y, x2, y)
}

// text draws s with its baseline at y.
func (r *renderer) text(x, y float64, s string, st style, size float64, c rgb) {
	r.font(st, size)
	r.textColour(c)
	r.pdf.Text(x, y, drawable(s))
}

// baseline returns the baseline of a line of size pt whose box starts at
// top and is lh high: the cap height centred in the box.
func baseline(top, lh, size float64) float64 {
	return top + lh/2 + 0.34*size/ptPerMM
}

// sourceLine returns the 1-based line number of byte offset off in the
// Markdown.
func (r *renderer) sourceLine(off int) int {
	if off > len(r.src) {
		off = len(r.src)
	}
	return bytes.Count(r.src[:off], []byte("\n")) + 1
}

package pdf

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// decoratePages draws the running header (all pages but the title page) and
// the footer (all pages) once the page count is known.
func (r *renderer) decoratePages(total int) {
	for p := 1; p <= total; p++ {
		r.pdf.SetPage(p)
		r.fontValid = false
		// Other pages' streams may have left any colour set: set all.
		r.fillColour(white)
		r.pdf.SetLineWidth(0.2)
		if p > 1 {
			r.runningHeader()
		}
		r.footer(p, total)
	}
}

func (r *renderer) runningHeader() {
	d := r.doc
	left := d.ShortTitle
	if left == "" {
		left = d.Title
	}
	right := d.Classification
	centre := ""
	if d.Draft {
		centre = d.Status
	}
	cw := width(centre, bold, headerSize)
	side := contentW/2 - 3
	if centre != "" {
		side = (contentW-cw)/2 - 4
	}
	left = truncate(left, regular, headerSize, side)
	right = truncate(right, regular, headerSize, side)
	r.text(marginLeft, headerBase, left, regular, headerSize, textGrey)
	if centre != "" {
		r.text(marginLeft+(contentW-cw)/2, headerBase, centre, bold, headerSize, draftRed)
	}
	r.text(marginLeft+contentW-width(right, regular, headerSize), headerBase, right, regular, headerSize, textGrey)
	r.rule(marginLeft, marginLeft+contentW, headerRule, 0.25, ruleGrey)
}

func (r *renderer) footer(page, total int) {
	d := r.doc
	r.rule(marginLeft, marginLeft+contentW, footerRule, 0.25, ruleGrey)
	num := fmt.Sprintf(r.lb.page, page, total)
	nw := width(num, regular, footerSize)
	id := truncate(d.ID, regular, footerSize, contentW-nw-6)
	r.text(marginLeft, footerLine1, id, regular, footerSize, textGrey)
	r.text(marginLeft+contentW-nw, footerLine1, num, regular, footerSize, textGrey)
	if d.BundleDigest == "" {
		return
	}
	// The digest is the reproducibility anchor: print it whole, in smaller
	// type if needed, and shorten it only if even that does not fit.
	label := r.lb.digest + ": "
	size := digestSize
	for size > 5 && width(label, regular, size)+width(d.BundleDigest, mono, size) > contentW {
		size -= 0.5
	}
	lw := width(label, regular, size)
	r.text(marginLeft, footerLine2, label, regular, size, textGrey)
	r.text(marginLeft+lw, footerLine2, truncate(d.BundleDigest, mono, size, contentW-lw), mono, size, textGrey)
}

// truncate shortens s with an ellipsis to at most w mm.
func truncate(s string, st style, size, w float64) string {
	if width(s, st, size) <= w {
		return s
	}
	// Rune by rune, so that a long value (a name from evidence) costs
	// linear time on every page it is printed on.
	avail := w - width("…", st, size)
	used, cut := 0.0, 0
	for cut < len(s) {
		_, n := utf8.DecodeRuneInString(s[cut:])
		rw := width(s[cut:cut+n], st, size)
		if used+rw > avail {
			break
		}
		used += rw
		cut += n
	}
	return strings.TrimRight(s[:cut], " ") + "…"
}

// drawWatermark draws the draft watermark diagonally across the page, sized
// to fit the diagonal. It runs first on every page (fpdf's header hook), so
// content is drawn over it. The letters are drawn as outlines, not text,
// so that copying or extracting the page's text does not pick them up.
func (r *renderer) drawWatermark() {
	text := r.doc.Watermark
	size := 54.0
	if w := width(text, bold, size); w > 230 {
		size = size * 230 / w
	}
	w := width(text, bold, size)
	cx, cy := pageW/2, pageH/2
	r.pdf.TransformBegin()
	r.pdf.TransformRotate(54.7, cx, cy) // the A4 diagonal
	r.fillColour(watermark)
	if ops := r.outlineOps(text, bold, size, cx-w/2, cy+0.35*size/ptPerMM); ops != "" {
		r.pdf.RawWriteStr(ops)
	}
	r.pdf.TransformEnd()
}

// outlineKey names one outline drawn on one page geometry.
type outlineKey struct {
	text        string
	st          style
	size, x, bl float64
	k, h        float64 // fpdf's scale (points per unit) and page height
}

// outlineCache holds the content-stream operators of the outlines drawn
// so far. A watermark is the same on every page of every draft, and
// loading and formatting its hundreds of curve points per page took about
// a tenth of a batch of TOM annexes. Only the first few outlines are kept,
// so that a process rendering many different watermarks (fuzzing) does not
// grow without bound.
var outlineCache struct {
	sync.Mutex
	ops map[outlineKey]string
}

const maxCachedOutlines = 16

// outlineOps returns the operators that fill the glyph outlines of s with
// its baseline starting at (x, bl), as fpdf's path calls would write them
// on this page, without the final line end (RawWriteStr adds it). fpdf's
// current position is left where it was: the layout never uses it.
func (r *renderer) outlineOps(s string, st style, size, x, bl float64) string {
	_, h := r.pdf.GetPageSize()
	key := outlineKey{text: s, st: st, size: size, x: x, bl: bl, k: r.pdf.GetConversionRatio(), h: h}
	c := &outlineCache
	c.Lock()
	ops, ok := c.ops[key]
	c.Unlock()
	if ok {
		return ops
	}
	rec := &pathRecorder{k: key.k, h: key.h}
	fillOutline(rec, s, st, size, x, bl)
	ops = strings.TrimSuffix(string(rec.b), "\n")
	c.Lock()
	if c.ops == nil {
		c.ops = map[outlineKey]string{}
	}
	if len(c.ops) < maxCachedOutlines {
		c.ops[key] = ops
	}
	c.Unlock()
	return ops
}

// pathSink is the part of fpdf's path API an outline is drawn with.
type pathSink interface {
	MoveTo(x, y float64)
	LineTo(x, y float64)
	CurveTo(cx, cy, x, y float64)
	CurveBezierCubicTo(cx0, cy0, cx1, cy1, x, y float64)
	ClosePath()
	DrawPath(styleStr string)
}

// pathRecorder writes path operators exactly as fpdf's path calls do on a
// page whose scale is k and height h: coordinates in points from the
// bottom, two decimals for points of lines, five for points of curves,
// one operator a line.
type pathRecorder struct {
	b    []byte
	k, h float64
}

func (p *pathRecorder) num(v float64, prec int) {
	p.b = strconv.AppendFloat(p.b, v, 'f', prec, 64)
}

func (p *pathRecorder) point(x, y float64, prec int) {
	p.num(x*p.k, prec)
	p.b = append(p.b, ' ')
	p.num((p.h-y)*p.k, prec)
}

func (p *pathRecorder) MoveTo(x, y float64) {
	p.point(x, y, 2)
	p.b = append(p.b, " m\n"...)
}

func (p *pathRecorder) LineTo(x, y float64) {
	p.point(x, y, 2)
	p.b = append(p.b, " l\n"...)
}

func (p *pathRecorder) CurveTo(cx, cy, x, y float64) {
	p.point(cx, cy, 5)
	p.b = append(p.b, ' ')
	p.point(x, y, 5)
	p.b = append(p.b, " v\n"...)
}

func (p *pathRecorder) CurveBezierCubicTo(cx0, cy0, cx1, cy1, x, y float64) {
	p.point(cx0, cy0, 5)
	p.b = append(p.b, ' ')
	p.point(cx1, cy1, 5)
	p.b = append(p.b, ' ')
	p.point(x, y, 5)
	p.b = append(p.b, " c\n"...)
}

func (p *pathRecorder) ClosePath() { p.b = append(p.b, "h\n"...) }

// DrawPath writes the fill operator: outlines are only ever filled ("F").
func (p *pathRecorder) DrawPath(string) { p.b = append(p.b, "f\n"...) }

// fillOutline fills the glyph outlines of s with its baseline starting at
// (x, bl).
func fillOutline(pdf pathSink, s string, st style, size, x, bl float64) {
	fc := faces[st]
	var buf sfnt.Buffer
	scale := size / ptPerMM / float64(fc.upem)
	pt := func(p fixed.Point26_6) (float64, float64) {
		return x + float64(p.X)/64*scale, bl + float64(p.Y)/64*scale
	}
	open := false
	for _, ru := range s {
		gi, err := fc.font.GlyphIndex(&buf, ru)
		if err == nil && gi != 0 {
			segs, err := fc.font.LoadGlyph(&buf, gi, fixed.I(fc.upem), nil)
			if err == nil {
				for _, seg := range segs {
					switch seg.Op {
					case sfnt.SegmentOpMoveTo:
						if open {
							pdf.ClosePath()
						}
						pdf.MoveTo(pt(seg.Args[0]))
						open = true
					case sfnt.SegmentOpLineTo:
						pdf.LineTo(pt(seg.Args[0]))
					case sfnt.SegmentOpQuadTo:
						cx, cy := pt(seg.Args[0])
						ex, ey := pt(seg.Args[1])
						pdf.CurveTo(cx, cy, ex, ey)
					case sfnt.SegmentOpCubeTo:
						c1x, c1y := pt(seg.Args[0])
						c2x, c2y := pt(seg.Args[1])
						ex, ey := pt(seg.Args[2])
						pdf.CurveBezierCubicTo(c1x, c1y, c2x, c2y, ex, ey)
					}
				}
			}
		}
		x += width(string(ru), st, size)
	}
	if open {
		pdf.ClosePath()
		pdf.DrawPath("F")
	}
}

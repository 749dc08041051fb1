package pdf

import (
	"strings"
	"unicode/utf8"

	"github.com/nachweis/nachweis/output/pdf/hyphen"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// run is a piece of inline text in one face: what a paragraph, heading or
// table cell is made of before it is broken into lines.
type run struct {
	text string
	st   style
	link string
	code bool
	hash bool // a digest, set in mono at the code size without a background
}

// emphasis tracks the inline formatting in effect while collecting runs.
type emphasis struct {
	bold, italic, code bool
	link               string
}

func (e emphasis) style() style {
	switch {
	case e.code:
		return mono
	case e.bold && e.italic:
		return boldItalic
	case e.bold:
		return bold
	case e.italic:
		return italic
	}
	return regular
}

// inlineRuns collects the runs of n's inline children.
func (r *renderer) inlineRuns(n ast.Node, base emphasis) []run {
	var runs []run
	r.collectRuns(n, base, &runs)
	return runs
}

func (r *renderer) collectRuns(parent ast.Node, e emphasis, runs *[]run) {
	add := func(s string, e emphasis) {
		if s == "" {
			return
		}
		*runs = append(*runs, run{text: s, st: e.style(), link: e.link, code: e.code})
	}
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Text:
			v := n.Value(r.src)
			if !n.IsRaw() {
				v = unescape(v)
			}
			add(string(v), e)
			switch {
			case n.HardLineBreak():
				add("\n", e)
			case n.SoftLineBreak():
				add(" ", e)
			}
		case *ast.String:
			v := n.Value
			if !n.IsRaw() && !n.IsCode() {
				v = unescape(v)
			}
			add(string(v), e)
		case *ast.CodeSpan:
			c := e
			c.code = true
			var b strings.Builder
			for t := n.FirstChild(); t != nil; t = t.NextSibling() {
				switch t := t.(type) {
				case *ast.Text:
					b.Write(t.Value(r.src))
				case *ast.String:
					b.Write(t.Value)
				}
			}
			add(strings.ReplaceAll(b.String(), "\n", " "), c)
		case *ast.Emphasis:
			c := e
			if n.Level >= 2 {
				c.bold = true
			} else {
				c.italic = true
			}
			r.collectRuns(n, c, runs)
		case *ast.Link:
			c := e
			c.link = string(n.Destination)
			r.collectRuns(n, c, runs)
		case *ast.AutoLink:
			c := e
			c.link = string(n.URL(r.src))
			add(string(n.Label(r.src)), c)
		case *ast.Image:
			// No images in generated documents: the alt text stands in.
			r.collectRuns(n, e, runs)
		case *ast.RawHTML:
			var b strings.Builder
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				b.Write(seg.Value(r.src))
			}
			if isLineBreakTag(b.String()) {
				add("\n", e)
			} else if !strings.HasPrefix(b.String(), "<!--") {
				add(b.String(), e)
			}
		case *east.TaskCheckBox:
			if n.IsChecked {
				add("[x] ", e)
			} else {
				add("[ ] ", e)
			}
		default:
			// Strikethrough and anything else: keep the text.
			r.collectRuns(n, e, runs)
		}
	}
}

func isLineBreakTag(s string) bool {
	s = strings.ToLower(strings.ReplaceAll(s, " ", ""))
	return s == "<br>" || s == "<br/>"
}

// unescape resolves backslash escapes, so that `\|` in a table cell prints
// as "|". Entity references (&lt;, &#x1F600;) are not decoded: text reaches
// the PDF exactly as written, and decoding after sanitize would bring back
// runes the fonts cannot draw.
func unescape(v []byte) []byte {
	if !strings.Contains(string(v), `\`) {
		return v
	}
	return util.UnescapePunctuations(v)
}

// plainText returns the runs' text on one line (TOC entries, bookmarks).
func plainText(runs []run) string {
	var b strings.Builder
	for _, rn := range runs {
		b.WriteString(rn.text)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// piece is a run fragment placed on a line.
type piece struct {
	run
	x, w float64
}

// line is one laid-out line of inline text; x of each piece is relative to
// the line's start.
type line struct {
	pieces []piece
	w      float64
}

// layoutRuns breaks runs into lines at most maxW mm wide at size pt,
// without pattern hyphenation (headings, the contents, the title page).
func layoutRuns(runs []run, size, maxW float64) []line {
	return layoutText(runs, size, maxW, nil)
}

// layoutText breaks runs into lines at most maxW mm wide at size pt: at
// spaces, except those glued (words), and inside a word only where
// wordBreaks allows, hyphenating words of natural language with hy (nil:
// only at their own hyphens). Nothing ever overflows: a part longer than
// a line is broken where it fills the line.
//
// The lines may be shared with other documents (textLayouts): callers
// must not change them.
func layoutText(runs []run, size, maxW float64, hy *hyphen.Hyphenator) []line {
	return textLayouts.get(runs, size, maxW, hy)
}

// breakLines is layoutText without the cache.
func breakLines(runs []run, size, maxW float64, hy *hyphen.Hyphenator) []line {
	b := &lineBreaker{hy: hy, size: size, maxW: maxW}
	for _, tok := range words(runs) {
		b.place(tok.frags)
		switch tok.after {
		case '\n':
			b.flush(false)
		case ' ':
			if len(b.cur.pieces) > 0 {
				last := b.cur.pieces[len(b.cur.pieces)-1]
				b.space = width(" ", last.st, runSize(last.run, size))
			}
		}
	}
	if len(b.cur.pieces) > 0 || len(b.lines) == 0 {
		b.lines = append(b.lines, b.cur)
	}
	return b.lines
}

// fitSlack lets text exceed a width by a rounding error (column widths are
// rounded to 0.01 mm), far less than any padding.
const fitSlack = 0.05

// codeScale shrinks code spans: a monospaced face looks larger than the
// text face at the same size.
const codeScale = 0.92

// runSize is the font size a run is drawn at.
func runSize(rn run, size float64) float64 {
	if rn.code || rn.hash {
		return size * codeScale
	}
	return size
}

// breakSeparators are where a long token is best broken.
const breakSeparators = "/-_:.?&=,;"

// breakWord splits s so that head is at most avail mm wide. A separator in
// the second half of head is preferred as the break. With force, head holds
// at least one rune even if it does not fit, so that layout always
// progresses.
func breakWord(s string, st style, size, avail float64, force bool) (head, tail string) {
	w := 0.0
	cut := 0
	for i, r := range s {
		rw := width(string(r), st, size)
		if w+rw > avail+fitSlack {
			break
		}
		w += rw
		cut = i + utf8.RuneLen(r)
	}
	if cut == len(s) {
		return s, ""
	}
	if cut == 0 {
		if !force {
			return "", s
		}
		_, n := utf8.DecodeRuneInString(s)
		return s[:n], s[n:]
	}
	if sep := strings.LastIndexAny(s[:cut], breakSeparators); sep >= cut/2 && sep+1 < cut {
		cut = sep + 1
	}
	return s[:cut], s[cut:]
}

// drawLines draws laid-out lines in a column at x, w mm wide, starting at
// r.y, breaking pages between lines; align is "L", "C" or "R".
func (r *renderer) drawLines(lines []line, x, w, size float64, align string) {
	lh := lineHeight(size)
	for _, ln := range lines {
		r.ensure(lh)
		r.drawLine(ln, x, r.y, w, lh, size, align)
		r.advance(lh)
	}
}

// drawLine draws one line whose box starts at top.
func (r *renderer) drawLine(ln line, x, top, w, lh, size float64, align string) {
	bl := baseline(top, lh, size)
	r.drawMarker(bl)
	switch align {
	case "R":
		x += w - ln.w
	case "C":
		x += (w - ln.w) / 2
	}
	prevCodeEnd := -1.0
	for _, p := range ln.pieces {
		c := r.colour
		sz := size
		switch {
		case p.code:
			c = codeText
			sz = runSize(p.run, size)
			// One background across the words of a code span.
			from := p.x - 0.3
			if prevCodeEnd >= 0 {
				from = prevCodeEnd
			}
			r.fillColour(codeFill)
			r.pdf.Rect(x+from, top+lh*0.08, p.x+p.w+0.3-from, lh*0.84, "F")
		case p.link != "":
			c = linkColour
		}
		if p.hash {
			sz = runSize(p.run, size)
		}
		prevCodeEnd = -1
		if p.code {
			prevCodeEnd = p.x + p.w + 0.3
		}
		r.text(x+p.x, bl, p.text, p.st, sz, c)
		if p.link != "" {
			r.pdf.LinkString(x+p.x, top, p.w, lh, drawable(p.link))
		}
	}
}

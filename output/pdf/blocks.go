package pdf

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// blocks lays out parent's block children in a column at x, w mm wide.
func (r *renderer) blocks(parent ast.Node, x, w float64) error {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		if err := r.block(n, x, w); err != nil {
			return err
		}
	}
	return nil
}

func (r *renderer) block(n ast.Node, x, w float64) error {
	switch n := n.(type) {
	case *ast.Heading:
		r.heading(n, x, w)
	case *ast.Paragraph:
		if r.isLeadIn(n) {
			// A run-in heading ("**Prüfungen.**") or a sentence that
			// introduces what follows ("… bedeuten:") stays with it.
			r.ensure(r.keepHeight(n, x, w))
		}
		r.paragraph(n, x, w)
		r.gap(paraGap)
	case *ast.TextBlock:
		r.paragraph(n, x, w)
	case *ast.List:
		return r.list(n, x, w)
	case *ast.Blockquote:
		return r.quote(n, x, w)
	case *ast.FencedCodeBlock:
		if string(n.Language(r.src)) == "barchart" {
			return r.barchart(n, x, w)
		}
		r.code(codeLines(n, r.src), x, w)
	case *ast.CodeBlock:
		r.code(codeLines(n, r.src), x, w)
	case *ast.HTMLBlock:
		if isComment(n, r.src) {
			return nil // a comment in a template
		}
		lines := codeLines(n, r.src)
		if n.HasClosure() {
			lines = append(lines, strings.TrimRight(string(n.ClosureLine.Value(r.src)), "\r\n"))
		}
		r.code(lines, x, w)
	case *ast.ThematicBreak:
		r.ensure(6)
		r.rule(x, x+w, r.y+3, 0.3, ruleGrey)
		r.advance(6)
	case *east.Table:
		r.table(n, x, w)
	default:
		return r.blocks(n, x, w)
	}
	return nil
}

// heading draws a heading; level 1 starts a page, levels 1 and 2 go into
// the table of contents and the bookmarks. Numbers come from the text. A
// heading never ends a page: it starts a new one unless the start of what
// follows it fits below it too (keepHeight).
func (r *renderer) heading(n *ast.Heading, x, w float64) {
	level := headingLevel(n)
	size := headingSize[level]
	lines := r.headingLines(n, w)
	delete(r.laid, n)
	lh := lineHeight(size)
	if level == 1 && !r.atTop() {
		r.newPage()
	}
	r.ensure(headingBefore[level] + float64(len(lines))*lh + headingAfter(level) + r.keepHeight(n.NextSibling(), x, w))
	r.gap(headingBefore[level])
	c := accent
	if level == 4 {
		c = black
	}
	saved := r.colour
	r.colour = c
	top := r.y
	for _, ln := range lines {
		r.drawLine(ln, x, r.y, w, lh, size, "L")
		r.advance(lh)
	}
	r.colour = saved
	if level <= 2 && r.tocNext < len(r.toc) {
		e := r.toc[r.tocNext]
		r.tocNext++
		e.page = r.pdf.PageNo()
		e.link = r.pdf.AddLink()
		r.pdf.SetLink(e.link, top, e.page)
		r.font(bold, size) // Bookmark encodes for the current (UTF-8) font
		r.pdf.Bookmark(drawable(e.title), level-1, top)
	}
	if level == 1 {
		r.advance(0.8)
		r.rule(x, x+w, r.y, 0.4, accent)
		r.advance(1.2)
	}
	r.gap(headingGap[level])
}

func headingLevel(n *ast.Heading) int { return min(max(n.Level, 1), 4) }

// Space before and after a heading per level 1–4 (index 0 unused); level 1
// also has its rule (2 mm) after it.
var (
	headingBefore = [...]float64{0, 0, 5, 4, 3}
	headingGap    = [...]float64{0, 3.5, 2.2, 1.6, 1.2}
)

func headingAfter(level int) float64 {
	if level == 1 {
		return 2 + headingGap[1]
	}
	return headingGap[level]
}

// keepHeight is how much of block n must stand on the same page as the
// heading before it: two lines of a paragraph (all of one of three lines
// or fewer, which is never split), a table's header with its first rows,
// the first item of a list, and for a heading all of it and what it keeps
// in turn.
func (r *renderer) keepHeight(n ast.Node, x, w float64) float64 {
	for n != nil && isComment(n, r.src) {
		n = n.NextSibling()
	}
	switch n := n.(type) {
	case nil:
		return 0
	case *ast.Heading:
		level := headingLevel(n)
		size := headingSize[level]
		lines := r.headingLines(n, w)
		return headingBefore[level] + float64(len(lines))*lineHeight(size) + headingAfter(level) + r.keepHeight(n.NextSibling(), x, w)
	case *ast.Paragraph, *ast.TextBlock:
		k := len(r.paragraphLines(n, w))
		if k == 0 {
			return 0
		}
		if p, ok := n.(*ast.Paragraph); ok && r.isLeadIn(p) {
			return float64(k)*lineHeight(bodySize) + paraGap + r.keepHeight(n.NextSibling(), x, w)
		}
		if k > 3 {
			k = 2
		}
		return float64(k) * lineHeight(bodySize)
	case *ast.List:
		if item := n.FirstChild(); item != nil {
			return r.keepHeight(item.FirstChild(), x+listIndent, w-listIndent)
		}
	case *ast.Blockquote:
		return r.keepHeight(n.FirstChild(), x+quoteIndent, w-quoteIndent)
	case *east.Table:
		return r.prepareTable(n, w).startHeight()
	case *ast.FencedCodeBlock:
		if string(n.Language(r.src)) == "barchart" {
			return 2 * (barH + barGap)
		}
		return float64(min(n.Lines().Len(), 3))*lineHeight(codeSize)*0.95 + 2*codePad
	case *ast.CodeBlock, *ast.HTMLBlock:
		return float64(min(n.Lines().Len(), 3))*lineHeight(codeSize)*0.95 + 2*codePad
	}
	return lineHeight(bodySize)
}

// isLeadIn reports a paragraph that leads into the block after it: one
// that is bold as a whole (a run-in heading such as "**Prüfungen.**") or,
// if short, ends with a colon. Such a paragraph keeps the start of the
// next block on its page, as a heading does.
func (r *renderer) isLeadIn(n *ast.Paragraph) bool {
	next := n.NextSibling()
	for next != nil && isComment(next, r.src) {
		next = next.NextSibling()
	}
	if next == nil {
		return false
	}
	if c := n.FirstChild(); c != nil && c.NextSibling() == nil {
		if e, ok := c.(*ast.Emphasis); ok && e.Level >= 2 {
			return true
		}
	}
	lines := n.Lines()
	if lines.Len() == 0 || lines.Len() > 3 {
		return false
	}
	last := lines.At(lines.Len() - 1)
	return bytes.HasSuffix(bytes.TrimRight(last.Value(r.src), " \t\r\n"), []byte(":"))
}

// isComment reports an HTML comment block, which templates use and which
// draws nothing.
func isComment(n ast.Node, src []byte) bool {
	h, ok := n.(*ast.HTMLBlock)
	if !ok {
		return false
	}
	lines := codeLines(h, src)
	return len(lines) > 0 && strings.HasPrefix(strings.TrimSpace(lines[0]), "<!--")
}

// paragraph draws a paragraph's inline content.
func (r *renderer) paragraph(n ast.Node, x, w float64) {
	lines := r.paragraphLines(n, w)
	delete(r.laid, n)
	if len(lines) == 0 {
		return
	}
	r.drawKept(lines, x, w, bodySize)
}

// laidOut is a paragraph's or heading's lines at one width. keepHeight
// measures the blocks after a heading, and after that heading's own
// heading, before they are drawn: each is laid out once and kept until
// it is drawn.
type laidOut struct {
	w     float64
	lines []line
}

// paragraphLines returns the lines of a paragraph w mm wide, none if it
// has no text.
func (r *renderer) paragraphLines(n ast.Node, w float64) []line {
	if l, ok := r.laid[n]; ok && l.w == w {
		return l.lines
	}
	var lines []line
	if runs := r.inlineRuns(n, emphasis{}); len(runs) > 0 {
		lines = layoutText(runs, bodySize, w, r.hy)
	}
	r.keepLines(n, w, lines)
	return lines
}

// headingLines returns the lines of a heading w mm wide.
func (r *renderer) headingLines(n *ast.Heading, w float64) []line {
	if l, ok := r.laid[n]; ok && l.w == w {
		return l.lines
	}
	lines := layoutRuns(r.inlineRuns(n, emphasis{bold: true}), headingSize[headingLevel(n)], w)
	r.keepLines(n, w, lines)
	return lines
}

func (r *renderer) keepLines(n ast.Node, w float64, lines []line) {
	if r.laid == nil {
		r.laid = map[ast.Node]laidOut{}
	}
	r.laid[n] = laidOut{w: w, lines: lines}
}

// drawKept draws a paragraph's lines, breaking the page between them so
// that neither page holds a single line of it: at least two lines stay
// at the foot of a page (no orphan) and two go to the next (no widow); a
// paragraph of three lines or fewer is not split.
func (r *renderer) drawKept(lines []line, x, w, size float64) {
	lh := lineHeight(size)
	for i := 0; i < len(lines); {
		left := len(lines) - i
		fit := int((bodyBottom - r.y + 1e-9) / lh)
		k := left
		if fit < left {
			k = min(fit, left-2)
			if k < 2 {
				if !r.atTop() {
					r.newPage()
					continue
				}
				k = max(fit, 1) // longer than a page, at its top
			}
		}
		for _, ln := range lines[i : i+k] {
			r.drawLine(ln, x, r.y, w, lh, size, "L")
			r.advance(lh)
		}
		i += k
		if i < len(lines) {
			r.newPage()
		}
	}
}

// listMarker is a list item's bullet or number, drawn with the first line
// of the item's content so that both land on the same page.
type listMarker struct {
	text  string
	x, w  float64
	right bool
}

// drawMarker draws the pending list marker at baseline bl.
func (r *renderer) drawMarker(bl float64) {
	m := r.marker
	if m == nil {
		return
	}
	r.marker = nil
	x := m.x
	if m.right {
		x = m.x + m.w - 1.8 - width(m.text, regular, bodySize)
	}
	r.text(x, bl, m.text, regular, bodySize, r.colour)
}

var bullets = [...]string{"•", "–", "◦"}

func (r *renderer) list(n *ast.List, x, w float64) error {
	depth := 0
	for p := n.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*ast.List); ok {
			depth++
		}
	}
	num := n.Start
	markerW := listIndent
	if n.IsOrdered() {
		last := num + n.ChildCount() - 1
		markerW = max(listIndent, width(strconv.Itoa(last)+string(n.Marker), regular, bodySize)+2.5)
	}
	for item := n.FirstChild(); item != nil; item = item.NextSibling() {
		m := &listMarker{x: x, w: markerW}
		if n.IsOrdered() {
			m.text = strconv.Itoa(num) + string(n.Marker)
			m.right = true
			num++
		} else {
			m.text = bullets[depth%len(bullets)]
			m.x = x + 1.2
		}
		if n.IsTight && (item != n.FirstChild() || depth > 0) {
			r.gap(0.9)
		}
		r.marker = m
		if err := r.blocks(item, x+markerW, w-markerW); err != nil {
			return err
		}
		if r.marker != nil { // empty item
			r.ensure(lineHeight(bodySize))
			r.drawMarker(baseline(r.y, lineHeight(bodySize), bodySize))
			r.advance(lineHeight(bodySize))
		}
	}
	if depth == 0 || !n.IsTight {
		r.gap(paraGap)
	}
	return nil
}

// quoteMark is an open block quote: its rule is drawn from top down to
// where the quote ends or the page breaks.
type quoteMark struct {
	x, top float64
}

func (q *quoteMark) draw(r *renderer, bottom float64) {
	if bottom <= q.top {
		return
	}
	r.drawColour(ruleGrey)
	r.pdf.SetLineWidth(0.8)
	r.pdf.Line(q.x, q.top, q.x, bottom)
}

func (r *renderer) quote(n *ast.Blockquote, x, w float64) error {
	q := &quoteMark{x: x + 1, top: r.y}
	r.quotes = append(r.quotes, q)
	saved := r.colour
	r.colour = quoteText
	err := r.blocks(n, x+quoteIndent, w-quoteIndent)
	r.colour = saved
	r.quotes = r.quotes[:len(r.quotes)-1]
	q.draw(r, r.y-r.lastGap)
	return err
}

// closeQuotes draws the rules of quotes still open (none after a clean walk).
func (r *renderer) closeQuotes() {
	for _, q := range r.quotes {
		q.draw(r, r.y-r.lastGap)
	}
	r.quotes = nil
}

// codeLines returns a block's lines without line ends, tabs expanded.
func codeLines(n ast.Node, src []byte) []string {
	lines := n.Lines()
	out := make([]string, 0, lines.Len())
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		v := bytes.TrimRight(seg.Value(src), "\r\n")
		out = append(out, expandTabs(string(v)))
	}
	return out
}

func expandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	col := 0
	for _, r := range s {
		if r == '\t' {
			n := 4 - col%4
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		b.WriteRune(r)
		col++
	}
	return b.String()
}

// code draws preformatted lines in mono on a light background, wrapped at
// the column width and split across pages in whole lines.
func (r *renderer) code(src []string, x, w float64) {
	inner := w - 2*codePad
	var lines []string
	for _, s := range src {
		if s == "" {
			lines = append(lines, "")
			continue
		}
		for s != "" {
			head, tail := breakWord(s, mono, codeSize, inner, true)
			lines = append(lines, head)
			s = tail
		}
	}
	if len(lines) == 0 {
		lines = []string{""}
	}
	lh := lineHeight(codeSize) * 0.95
	for i := 0; i < len(lines); {
		k := int((bodyBottom - r.y - 2*codePad) / lh)
		left := len(lines) - i
		if k < 1 || (k < left && k < 3 && !r.atTop()) {
			r.newPage()
			continue
		}
		k = min(k, left)
		h := float64(k)*lh + 2*codePad
		r.fillColour(codeFill)
		r.pdf.Rect(x, r.y, w, h, "F")
		r.drawMarker(baseline(r.y+codePad, lh, codeSize))
		for j := 0; j < k; j++ {
			top := r.y + codePad + float64(j)*lh
			r.text(x+codePad, baseline(top, lh, codeSize), lines[i+j], mono, codeSize, codeText)
		}
		r.advance(h)
		i += k
		if i < len(lines) {
			r.newPage()
		}
	}
	r.gap(paraGap)
}

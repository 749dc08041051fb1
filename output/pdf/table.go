package pdf

import (
	"math"
	"sort"
	"strings"

	east "github.com/yuin/goldmark/extension/ast"
)

// tableCell is a laid-out cell: its lines at the column's width.
type tableCell struct {
	runs  []run
	lines []line
}

type tableRow struct {
	cells  []tableCell
	header bool
}

// table draws a GFM table: column widths from the content, wrapped cells,
// a bold header row on a tinted background that is repeated after every
// page break, rows kept on one page unless taller than a page. A table
// starts on a page only with its header and first two rows, and its last
// row never stands alone under a repeated header.
func (r *renderer) table(n *east.Table, x, w float64) {
	t := r.prepareTable(n, w)
	if t == nil {
		return
	}
	t.x = x
	if r.y+t.startHeight() > bodyBottom && !r.atTop() {
		r.newPage()
	}
	t.drawRow(t.header, 0, -1)
	for i := range t.body {
		t.placeRow(i)
	}
	r.gap(paraGap + 0.6)
}

// prepareTable measures and lays out a table's cells at width w, once: a
// heading before the table asks for its start height first.
func (r *renderer) prepareTable(n *east.Table, w float64) *tableLayout {
	if t, ok := r.tables[n]; ok && t.w == w {
		return t
	}
	var rows []tableRow
	cols := len(n.Alignments)
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		row := tableRow{}
		_, row.header = c.(*east.TableHeader)
		base := emphasis{bold: row.header}
		for cell := c.FirstChild(); cell != nil; cell = cell.NextSibling() {
			row.cells = append(row.cells, tableCell{runs: r.inlineRuns(cell, base)})
		}
		cols = max(cols, len(row.cells))
		rows = append(rows, row)
	}
	if cols == 0 || len(rows) == 0 {
		return nil
	}
	for i := range rows {
		for len(rows[i].cells) < cols {
			rows[i].cells = append(rows[i].cells, tableCell{})
		}
	}
	widths := columnWidths(rows, cols, w)
	for i := range rows {
		for j := range rows[i].cells {
			c := &rows[i].cells[j]
			c.lines = layoutText(c.runs, tableSize, widths[j]-2*cellPadX, r.hy)
		}
	}
	align := make([]string, cols)
	for j := range align {
		align[j] = "L"
		if j < len(n.Alignments) {
			switch n.Alignments[j] {
			case east.AlignRight:
				align[j] = "R"
			case east.AlignCenter:
				align[j] = "C"
			}
		}
	}
	t := &tableLayout{r: r, w: w, widths: widths, align: align, lh: lineHeight(tableSize)}
	t.body = rows
	if rows[0].header {
		t.header = &rows[0]
		t.body = rows[1:]
	}
	if r.tables == nil {
		r.tables = map[*east.Table]*tableLayout{}
	}
	r.tables[n] = t
	return t
}

// startHeight is what must fit on a page for the table to start there:
// its header and first two rows, or all of a table of three rows or fewer,
// which no page break can split without a single row on one side (rows
// are not split unless taller than a page).
func (t *tableLayout) startHeight() float64 {
	h := t.rowHeight(t.header)
	fresh := bodyBottom - bodyTop - h
	n := 2
	if len(t.body) <= 3 {
		n = len(t.body)
	}
	for i := 0; i < n; i++ {
		h += min(t.rowHeight(&t.body[i]), fresh)
	}
	return h
}

type tableLayout struct {
	r      *renderer
	x, w   float64
	widths []float64
	align  []string
	lh     float64
	header *tableRow
	body   []tableRow
	onPage int // body rows drawn on the current page
}

func (t *tableLayout) rowLines(row *tableRow) int {
	n := 1
	for _, c := range row.cells {
		n = max(n, len(c.lines))
	}
	return n
}

func (t *tableLayout) rowHeight(row *tableRow) float64 {
	if row == nil {
		return 0
	}
	return float64(t.rowLines(row))*t.lh + 2*cellPadY
}

// placeRow draws body row i, breaking the page before it if it does not
// fit, or if it is the second-to-last row and the last would then stand
// alone on the next page; a row taller than a whole page is split between
// lines.
func (t *tableLayout) placeRow(i int) {
	r := t.r
	row := &t.body[i]
	total := t.rowLines(row)
	h := t.rowHeight(row)
	fresh := bodyBottom - bodyTop - t.rowHeight(t.header)
	switch {
	case r.y+h > bodyBottom:
		// Move the row to the next page if it fits there; a taller row is
		// split anyway, so it starts here unless barely a line fits.
		if h <= fresh || bodyBottom-r.y-2*cellPadY < 3*t.lh {
			t.breakPage()
		}
	case i == len(t.body)-2 && t.onPage > 0:
		last := t.rowHeight(&t.body[i+1])
		if r.y+h+last > bodyBottom && h+last <= fresh {
			t.breakPage()
		}
	}
	for from := 0; from < total; {
		fit := int((bodyBottom - r.y - 2*cellPadY) / t.lh)
		if fit < 1 {
			t.breakPage()
			continue
		}
		to := min(total, from+fit)
		t.drawRow(row, from, to)
		from = to
		if from < total {
			t.breakPage()
		}
	}
	t.onPage++
}

// breakPage continues the table on a new page under a repeated header.
func (t *tableLayout) breakPage() {
	t.r.newPage()
	t.drawRow(t.header, 0, -1)
	t.onPage = 0
}

// drawRow draws lines [from, to) of every cell of row (to < 0: all).
func (t *tableLayout) drawRow(row *tableRow, from, to int) {
	if row == nil {
		return
	}
	r := t.r
	if to < 0 {
		to = t.rowLines(row)
	}
	h := float64(to-from)*t.lh + 2*cellPadY
	tw := 0.0
	for _, cw := range t.widths {
		tw += cw
	}
	r.drawMarker(baseline(r.y+cellPadY, t.lh, tableSize))
	if row.header {
		r.fillColour(headerFill)
		r.pdf.Rect(t.x, r.y, tw, h, "F")
	}
	saved := r.colour
	if row.header {
		r.colour = accent
	}
	cx := t.x
	for j, c := range row.cells {
		cw := t.widths[j]
		for k := from; k < to && k < len(c.lines); k++ {
			top := r.y + cellPadY + float64(k-from)*t.lh
			r.drawLine(c.lines[k], cx+cellPadX, top, cw-2*cellPadX, t.lh, tableSize, t.align[j])
		}
		cx += cw
	}
	r.colour = saved
	lw, col := 0.15, lightRule
	if row.header {
		lw, col = 0.35, accent
	}
	r.rule(t.x, t.x+tw, r.y+h, lw, col)
	r.advance(h)
}

// columnWidths sizes columns by one rule for every table, from the
// measured content and the kind of each column:
//
//   - a hash column (every cell a SHA-256 digest) is exactly as wide as
//     hashGroupsPerLine groups of the digest (half as many if the other
//     columns need the room), so that a digest wraps between the same
//     groups in every table;
//   - a column of single short tokens (identifiers, dates, numbers, up to
//     a third of the width) is as wide as its widest cell and its
//     header's longest word, and never wider: it is never wrapped;
//   - the text columns share the rest like a browser's automatic table
//     layout: each gets at least its longest word (capped, since long
//     words are hyphenated and long names broken) and the rest of the
//     width in proportion to how much its longest line wants beyond that.
//
// Tables always span the full width.
func columnWidths(rows []tableRow, cols int, w float64) []float64 {
	minW := make([]float64, cols)
	prefW := make([]float64, cols)
	hashCol := make([]bool, cols)
	single := make([]bool, cols)
	for j := range single {
		single[j], hashCol[j] = true, true
	}
	headWord := make([]float64, cols)
	filled := make([]bool, cols)
	capW := w * 0.4
	for _, row := range rows {
		for j, c := range row.cells {
			m := measureCell(c.runs)
			minW[j] = max(minW[j], min(m.partW, capW)+2*cellPadX)
			prefW[j] = max(prefW[j], m.lineW+2*cellPadX)
			if row.header {
				headWord[j] = max(headWord[j], m.wordW+2*cellPadX)
				continue
			}
			if m.tokens == 0 || m.dash {
				continue
			}
			filled[j] = true
			single[j] = single[j] && m.tokens == 1 && !m.breakable && m.lineW+2*cellPadX <= w/3
			hashCol[j] = hashCol[j] && m.hash
		}
	}
	// The fixed widths are kept only while the text columns still get
	// their minimum: first hash columns of four groups a line and
	// single-token columns, then hash columns of two groups, then hash
	// columns alone, then none.
	type rule struct {
		keep   func(j int) bool
		groups int
	}
	var out []float64
	rules := []rule{
		{func(j int) bool { return hashCol[j] || single[j] }, hashGroupsPerLine},
		{func(j int) bool { return hashCol[j] || single[j] }, hashGroupsPerLine / 2},
		{func(j int) bool { return hashCol[j] }, hashGroupsPerLine},
		{func(j int) bool { return hashCol[j] }, hashGroupsPerLine / 2},
		{func(int) bool { return false }, 0},
	}
	for k, rl := range rules {
		keep := rl.keep
		out = make([]float64, cols)
		var text []int
		fixedSum, textMin := 0.0, 0.0
		for j := range out {
			switch {
			case filled[j] && hashCol[j] && keep(j):
				out[j] = hashColumnWidth(rl.groups)
			case filled[j] && single[j] && keep(j):
				out[j] = min(max(prefW[j], headWord[j]), capW)
			default:
				text = append(text, j)
				textMin += minW[j]
				continue
			}
			fixedSum += out[j]
		}
		if k < len(rules)-1 && (fixedSum+textMin > w+fitSlack || (len(text) == 0 && fixedSum < w)) {
			continue
		}
		tmin := make([]float64, len(text))
		tpref := make([]float64, len(text))
		for i, j := range text {
			tmin[i], tpref[i] = minW[j], prefW[j]
		}
		for i, x := range shareWidth(tmin, tpref, w-fixedSum) {
			out[text[i]] = x
		}
		break
	}
	// Round to 0.01 mm so that float noise cannot change the bytes.
	for j := range out {
		out[j] = math.Floor(out[j]*100) / 100
	}
	return out
}

// hashGroupsPerLine is how many groups of a digest a line of a hash column
// holds: a SHA-256 digest takes two lines of four groups (four lines of
// two where the other columns need the room).
const hashGroupsPerLine = 4

// hashColumnWidth is the width of a hash column of groups groups a line.
func hashColumnWidth(groups int) float64 {
	return width(strings.Repeat("0", groups*hashGroup), mono, tableSize*codeScale) + 2*cellPadX + fitSlack
}

// shareWidth distributes w among columns with minimum and preferred widths.
func shareWidth(minW, prefW []float64, w float64) []float64 {
	sum := func(v []float64) float64 {
		s := 0.0
		for _, x := range v {
			s += x
		}
		return s
	}
	out := make([]float64, len(minW))
	sMin, sPref := sum(minW), sum(prefW)
	switch {
	case sPref <= w:
		// everything fits on one line: share the spare width by preference
		for j := range out {
			out[j] = prefW[j] + (w-sPref)*prefW[j]/sPref
		}
	case sMin <= w:
		extra := sPref - sMin
		for j := range out {
			out[j] = minW[j]
			if extra > 0 {
				out[j] += (w - sMin) * (prefW[j] - minW[j]) / extra
			}
		}
	default:
		// Not even the longest words fit: narrow columns keep theirs, the
		// wide ones (long tokens, which are broken anyway) share the rest.
		out = fillMinimums(minW, w)
	}
	return out
}

// fillMinimums gives each column its minimum width, narrowest first, but
// never more than an equal share of the width still left.
func fillMinimums(minW []float64, w float64) []float64 {
	order := make([]int, len(minW))
	for j := range order {
		order[j] = j
	}
	sort.SliceStable(order, func(a, b int) bool { return minW[order[a]] < minW[order[b]] })
	out := make([]float64, len(minW))
	left := w
	for i, j := range order {
		out[j] = min(minW[j], left/float64(len(order)-i))
		left -= out[j]
	}
	return out
}

// cellMeasure is what column sizing needs to know of a cell.
type cellMeasure struct {
	lineW, wordW float64 // widest line (hard breaks split lines) and word
	// partW is the widest part that is never broken: a word of natural
	// language whole (a column should not need hyphens to hold it), a
	// name or digest between its break points.
	partW     float64
	tokens    int  // words, glued parts counting as one
	breakable bool // a name or digest that may break at its separators
	hash      bool // a single word holding a digest
	dash      bool // just "–" (no value)
}

// measureCell measures a cell at table size, cut into words as layout
// cuts it (glued spaces, digests in mono).
func measureCell(runs []run) cellMeasure {
	var m cellMeasure
	cur := 0.0
	for _, tok := range words(runs) {
		if len(tok.frags) > 0 {
			m.tokens++
			ww := fragsWidth(tok.frags, tableSize)
			m.wordW = max(m.wordW, ww)
			m.partW = max(m.partW, widestPart(tok.frags, ww, &m.breakable))
			cur += ww
			for _, f := range tok.frags {
				m.hash = m.hash || f.hash
			}
		}
		switch tok.after {
		case ' ':
			if len(tok.frags) > 0 {
				last := tok.frags[len(tok.frags)-1]
				cur += width(" ", last.st, runSize(last, tableSize))
			}
		case '\n':
			m.lineW = max(m.lineW, cur)
			cur = 0
		}
	}
	m.lineW = max(m.lineW, cur)
	m.hash = m.hash && m.tokens == 1
	m.dash = m.tokens == 1 && strings.TrimSpace(fragsText(runs)) == "–"
	return m
}

// widestPart is the width of the widest part of a word that is never
// broken (ww, the word's width, for a word of natural language); it sets
// breakable if the word is a name or digest with break points.
func widestPart(frags []run, ww float64, breakable *bool) float64 {
	ops, natural := wordBreaks(frags, nil)
	var at []int
	for _, o := range ops {
		if !o.glue { // a glued phrase is meant to stay whole
			at = append(at, o.at)
		}
	}
	if natural || len(at) == 0 {
		return ww
	}
	*breakable = true
	w := newWordLayout(frags, tableSize, nil)
	widest, from := 0.0, 0
	for _, a := range at {
		widest = max(widest, w.width(from, a))
		from = a
	}
	return max(widest, w.width(from, len(w.text)))
}

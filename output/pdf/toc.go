package pdf

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// tocEntry is a level-1 or level-2 heading: its text is known before
// layout, its page and link target once the heading is drawn.
type tocEntry struct {
	title string
	level int
	page  int
	link  int
}

// collectTOC lists the level-1 and level-2 headings in document order.
func (r *renderer) collectTOC(root ast.Node) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		h, ok := n.(*ast.Heading)
		if !ok {
			return ast.WalkContinue, nil
		}
		if h.Level <= 2 {
			r.toc = append(r.toc, &tocEntry{title: plainText(r.inlineRuns(h, emphasis{})), level: h.Level})
		}
		return ast.WalkSkipChildren, nil
	})
}

// The table of contents is laid out twice with the same code: once before
// the body to count its pages (which must not depend on the page numbers:
// the number column has a fixed width), and once after the body with the
// numbers, on the pages reserved for it.
const tocNumberW = 12.0

// reserveTOC adds the pages the table of contents will need.
func (r *renderer) reserveTOC() {
	if len(r.toc) == 0 {
		return
	}
	r.tocFirst = r.pdf.PageNo() + 1
	pages := r.layoutTOC(false)
	for range pages {
		r.newPage()
	}
}

// drawTOC fills the reserved pages.
func (r *renderer) drawTOC() {
	if len(r.toc) == 0 {
		return
	}
	r.layoutTOC(true)
}

// layoutTOC lays out the contents and returns the number of pages used;
// with draw it draws them on the reserved pages.
func (r *renderer) layoutTOC(draw bool) int {
	page := 0
	y := bodyTop
	start := func() {
		if draw {
			r.pdf.SetPage(r.tocFirst + page)
			r.fontValid = false
			r.fillColour(white) // the page's stream may have left any fill set
		}
	}
	start()
	titleLH := lineHeight(headingSize[1])
	if draw {
		r.text(marginLeft, baseline(y, titleLH, headingSize[1]), r.lb.contents, bold, headingSize[1], accent)
		r.rule(marginLeft, marginLeft+contentW, y+titleLH+0.8, 0.4, accent)
	}
	y += titleLH + 6
	for _, e := range r.toc {
		indent, st, size, before := 0.0, bold, tocEntrySize, 2.6
		if e.level == 2 {
			indent, st, size, before = 7, regular, tocEntrySize-0.5, 0.6
		}
		lh := lineHeight(size)
		textW := contentW - indent - tocNumberW - 4
		lines := layoutRuns([]run{{text: e.title, st: st}}, size, textW)
		h := before + float64(len(lines))*lh
		if y+h > bodyBottom {
			page++
			y = bodyTop
			start()
		} else {
			y += before
		}
		if draw {
			x := marginLeft + indent
			saved := r.colour
			r.colour = black
			if e.level == 1 {
				r.colour = accent
			}
			for i, ln := range lines {
				r.drawLine(ln, x, y+float64(i)*lh, textW, lh, size, "L")
			}
			r.colour = saved
			last := lines[len(lines)-1]
			bl := baseline(y+float64(len(lines)-1)*lh, lh, size)
			num := strconv.Itoa(e.page)
			r.dotLeader(x+last.w+1.5, marginLeft+contentW-width(num, st, size)-1.5, bl, size)
			r.text(marginLeft+contentW-width(num, st, size), bl, num, st, size, black)
			r.pdf.Link(x, y, contentW-indent, float64(len(lines))*lh, e.link)
		}
		y += float64(len(lines)) * lh
	}
	return page + 1
}

// dotLeader fills the space between x1 and x2 with spaced dots, flush
// right so that the dots line up across entries.
func (r *renderer) dotLeader(x1, x2, bl, size float64) {
	unit := width(" .", regular, size)
	n := int((x2 - x1) / unit)
	if n < 2 {
		return
	}
	s := strings.Repeat(" .", n)
	r.text(x2-float64(n)*unit, bl, s, regular, size, ruleGrey)
}

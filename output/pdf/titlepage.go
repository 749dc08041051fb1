package pdf

import "strings"

// titlePage draws page 1: organisation, title, subtitle, the notice in a
// box, status, the cover fields as a two-column block and the
// classification.
func (r *renderer) titlePage() {
	r.pdf.AddPage()
	r.fontValid = false
	d := r.doc
	x, w := marginLeft, contentW
	r.y = 42
	if d.Organisation != "" {
		r.flowText(d.Organisation, bold, 11, textGrey, x, w)
		r.advance(2)
	}
	r.rule(x, x+28, r.y, 1.2, accent)
	r.advance(8)
	r.flowText(d.Title, bold, 24, accent, x, w)
	if d.Subtitle != "" {
		r.advance(2)
		r.flowText(d.Subtitle, regular, 14, textGrey, x, w)
	}
	r.advance(10)
	if strings.TrimSpace(d.Notice) != "" {
		lines := layoutText([]run{{text: d.Notice, st: bold}}, 11, w-10, r.hy)
		lh := lineHeight(11)
		h := float64(len(lines))*lh + 6
		r.fillColour(noticeFill)
		r.pdf.Rect(x, r.y, w, h, "F")
		r.fillColour(noticeRule)
		r.pdf.Rect(x, r.y, 1.4, h, "F")
		saved := r.colour
		r.colour = black
		for i, ln := range lines {
			r.drawLine(ln, x+6, r.y+3+float64(i)*lh, w-10, lh, 11, "L")
		}
		r.colour = saved
		r.advance(h + 8)
	}
	if d.Status != "" {
		c := black
		if d.Draft {
			c = draftRed
		}
		r.text(x, baseline(r.y, lineHeight(11), 11), r.lb.status+":", regular, 11, textGrey)
		r.text(x+width(r.lb.status+": ", regular, 11), baseline(r.y, lineHeight(11), 11), d.Status, bold, 11, c)
		r.advance(lineHeight(11) + 6)
	}
	r.coverBlock(x, w)
	if d.Classification != "" {
		lines := layoutRuns([]run{{text: d.Classification, st: bold}}, 10, w)
		lh := lineHeight(10)
		top := max(r.y+6, bodyBottom-float64(len(lines))*lh)
		if top+float64(len(lines))*lh > bodyBottom {
			r.newPage()
			top = r.y
		}
		r.rule(x, x+w, top-2, 0.3, ruleGrey)
		saved := r.colour
		r.colour = accent
		for i, ln := range lines {
			r.drawLine(ln, x, top+float64(i)*lh, w, lh, 10, "L")
		}
		r.colour = saved
	}
}

// flowText draws plain text wrapped in the column.
func (r *renderer) flowText(s string, st style, size float64, c rgb, x, w float64) {
	saved := r.colour
	r.colour = c
	r.drawLines(layoutRuns([]run{{text: s, st: st}}, size, w), x, w, size, "L")
	r.colour = saved
}

// coverBlock draws the cover fields: label left, value right, a hairline
// between rows; a row never splits across pages.
func (r *renderer) coverBlock(x, w float64) {
	if len(r.doc.Cover) == 0 {
		return
	}
	const size = 9.5
	lh := lineHeight(size)
	labelW := 0.0
	for _, f := range r.doc.Cover {
		labelW = max(labelW, width(f.Label, bold, size))
	}
	labelW = min(labelW+4, w*0.38)
	r.rule(x, x+w, r.y, 0.35, accent)
	for _, f := range r.doc.Cover {
		ll := layoutRuns([]run{{text: f.Label, st: bold}}, size, labelW-3)
		vl := layoutText([]run{{text: f.Value, st: regular}}, size, w-labelW, r.hy)
		h := float64(max(len(ll), len(vl)))*lh + 2.4
		r.ensure(h)
		saved := r.colour
		r.colour = textGrey
		for i, ln := range ll {
			r.drawLine(ln, x, r.y+1.2+float64(i)*lh, labelW, lh, size, "L")
		}
		r.colour = black
		for i, ln := range vl {
			r.drawLine(ln, x+labelW, r.y+1.2+float64(i)*lh, w-labelW, lh, size, "L")
		}
		r.colour = saved
		r.advance(h)
		r.rule(x, x+w, r.y, 0.15, lightRule)
	}
}

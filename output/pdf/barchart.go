package pdf

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// A bar chart is a fenced code block with the info string "barchart":
//
//	legend | pass=erfüllt | fail=nicht erfüllt | …
//	OIS – Organisation der Informationssicherheit | 3 | 1 | …
//
// The first line names the series (an outcome code and its label), every
// further line is a row label and one non-negative count per series. It is
// drawn as horizontal stacked bars scaled to the largest row total.

// seriesColour is the fixed colour of each outcome code.
var seriesColour = map[string]rgb{
	"pass":                {0x2e, 0x7d, 0x32},
	"fail":                {0xc6, 0x28, 0x28},
	"no-evidence":         {0xef, 0x6c, 0x00},
	"attestation-expired": {0xf2, 0xb7, 0x05},
	"exception":           {0x7b, 0x3f, 0xa0},
	"attested":            {0x1e, 0x6f, 0xb8},
	"not-applicable":      {0x9e, 0x9e, 0x9e},
}

type chartSeries struct {
	code, label string
}

type chartRow struct {
	label  string
	values []int
	total  int
}

type chart struct {
	series []chartSeries
	rows   []chartRow
}

// parseChart reads a bar chart; line is the Markdown line number of each
// input line, for errors.
func parseChart(lines []string, line []int) (chart, error) {
	var c chart
	first := -1
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			first = i
			break
		}
	}
	if first < 0 {
		return c, fmt.Errorf("barchart: empty, want a legend line")
	}
	fields := splitChartLine(lines[first])
	if fields[0] != "legend" {
		return c, fmt.Errorf("barchart line %d: first line must start with \"legend\", got %q", line[first], fields[0])
	}
	if len(fields) < 2 {
		return c, fmt.Errorf("barchart line %d: legend names no series, want code=label after \"legend\"", line[first])
	}
	seen := map[string]bool{}
	for _, f := range fields[1:] {
		code, label, ok := strings.Cut(f, "=")
		code, label = strings.TrimSpace(code), strings.TrimSpace(label)
		if !ok || code == "" || label == "" {
			return c, fmt.Errorf("barchart line %d: legend entry %q: want code=label", line[first], f)
		}
		if _, known := seriesColour[code]; !known {
			return c, fmt.Errorf("barchart line %d: unknown outcome code %q, want one of %s", line[first], code, knownCodes())
		}
		if seen[code] {
			return c, fmt.Errorf("barchart line %d: outcome code %q appears twice", line[first], code)
		}
		seen[code] = true
		c.series = append(c.series, chartSeries{code: code, label: label})
	}
	for i := first + 1; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == "" {
			continue
		}
		fields := splitChartLine(lines[i])
		if fields[0] == "" {
			return c, fmt.Errorf("barchart line %d: empty row label", line[i])
		}
		if len(fields)-1 != len(c.series) {
			return c, fmt.Errorf("barchart line %d: row %q has %d values, want %d (one per legend entry)", line[i], fields[0], len(fields)-1, len(c.series))
		}
		row := chartRow{label: fields[0]}
		for j, f := range fields[1:] {
			v, err := strconv.Atoi(f)
			if err != nil || v < 0 {
				return c, fmt.Errorf("barchart line %d: row %q, %s: %q is not a non-negative integer", line[i], fields[0], c.series[j].code, f)
			}
			row.values = append(row.values, v)
			row.total += v
		}
		c.rows = append(c.rows, row)
	}
	return c, nil
}

func splitChartLine(l string) []string {
	parts := strings.Split(l, "|")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

func knownCodes() string {
	return "pass, fail, no-evidence, attestation-expired, exception, attested, not-applicable"
}

// barchart parses and draws a chart block.
func (r *renderer) barchart(n *ast.FencedCodeBlock, x, w float64) error {
	lines := codeLines(n, r.src)
	nums := make([]int, len(lines))
	for i := range lines {
		nums[i] = r.sourceLine(n.Lines().At(i).Start)
	}
	c, err := parseChart(lines, nums)
	if err != nil {
		if len(nums) == 0 {
			// report the fence itself
			return fmt.Errorf("%w (block after Markdown line %d)", err, r.sourceLine(n.Info.Segment.Start))
		}
		return err
	}
	r.drawChart(c, x, w)
	return nil
}

const (
	barH      = 4.6
	barGap    = 2.2
	chartSize = 8.5
)

// drawChart draws the bars, each with its label wrapped in a column of at
// most a third of the width (hyphenated like body text, never cut), and
// the legend.
func (r *renderer) drawChart(c chart, x, w float64) {
	maxTotal := 1
	labelW := 0.0
	for _, row := range c.rows {
		maxTotal = max(maxTotal, row.total)
		labelW = max(labelW, width(row.label, regular, chartSize))
	}
	labelW = min(labelW+3, w*0.36)
	totalW := width(strconv.Itoa(maxTotal), bold, chartSize) + 3
	barX := x + labelW
	barW := w - labelW - totalW
	lh := lineHeight(chartSize)
	r.drawMarker(baseline(r.y, barH, chartSize))
	for _, row := range c.rows {
		labels := layoutText([]run{{text: row.label}}, chartSize, labelW-3, r.hy)
		textH := float64(len(labels)) * lh
		rowH := max(barH, textH)
		r.ensure(rowH + barGap)
		top := r.y
		barTop := top + (rowH-barH)/2
		saved := r.colour
		r.colour = black
		for i, ln := range labels {
			r.drawLine(ln, x, top+(rowH-textH)/2+float64(i)*lh, labelW-3, lh, chartSize, "L")
		}
		r.colour = saved
		bx := barX
		for j, v := range row.values {
			if v == 0 {
				continue
			}
			sw := barW * float64(v) / float64(maxTotal)
			r.fillColour(seriesColour[c.series[j].code])
			r.pdf.Rect(bx, barTop, sw, barH, "F")
			if label := strconv.Itoa(v); width(label, bold, chartSize-1)+1.2 < sw {
				fg := white
				if c.series[j].code == "attestation-expired" {
					fg = black
				}
				r.text(bx+(sw-width(label, bold, chartSize-1))/2, baseline(barTop, barH, chartSize-1), label, bold, chartSize-1, fg)
			}
			bx += sw
		}
		r.text(bx+1.5, baseline(barTop, barH, chartSize), strconv.Itoa(row.total), bold, chartSize, black)
		r.advance(rowH + barGap)
	}
	r.advance(1)
	r.legend(c, x, w)
	r.gap(paraGap)
}

// legend draws a colour swatch and label per series, flowing across lines;
// a label wider than the whole line is wrapped beside its swatch.
func (r *renderer) legend(c chart, x, w float64) {
	lh := lineHeight(chartSize)
	const sw, pad, spacing = 3.0, 1.5, 5.0
	cx := x
	r.ensure(lh)
	for _, s := range c.series {
		lines := layoutText([]run{{text: s.label}}, chartSize, w-sw-pad, r.hy)
		lw := 0.0
		for _, ln := range lines {
			lw = max(lw, ln.w)
		}
		iw := sw + pad + lw
		if cx > x && cx+iw > x+w {
			r.advance(lh)
			r.ensure(lh)
			cx = x
		}
		r.fillColour(seriesColour[s.code])
		r.pdf.Rect(cx, r.y+(lh-sw)/2, sw, sw, "F")
		saved := r.colour
		r.colour = black
		for i, ln := range lines {
			if i > 0 {
				r.advance(lh)
				r.ensure(lh)
			}
			r.drawLine(ln, cx+sw+pad, r.y, lw, lh, chartSize, "L")
		}
		r.colour = saved
		cx += iw + spacing
		if len(lines) > 1 {
			cx = x + w // the next entry starts a new line
		}
	}
	r.advance(lh)
}

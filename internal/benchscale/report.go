package main

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"time"
)

// table collects the rows printed at the end, as a Markdown table.
type table struct{ rows [][]string }

func (t *table) section(title string) {
	t.rows = append(t.rows, []string{"**" + title + "**", "", "", ""})
}

func (t *table) add(r result) {
	t.rows = append(t.rows, []string{r.name, seconds(r.wall), seconds(r.cpu), fmt.Sprintf("%.0f MB", float64(r.rssKB)/1024)})
}

// ratio adds how many times a is the figures of b.
func (t *table) ratio(name string, a, b sample) {
	t.rows = append(t.rows, []string{"ratio " + name,
		fmt.Sprintf("%.1f×", a.wall.Seconds()/b.wall.Seconds()),
		fmt.Sprintf("%.1f×", a.cpu.Seconds()/b.cpu.Seconds()),
		fmt.Sprintf("%.1f×", float64(a.rssKB)/float64(b.rssKB))})
}

// perTenant adds the figures divided by the number of tenants.
func (t *table) perTenant(s sample, n int) {
	t.rows = append(t.rows, []string{fmt.Sprintf("  per tenant (%d)", n),
		fmt.Sprintf("%.2f ms", s.wall.Seconds()*1000/float64(n)),
		fmt.Sprintf("%.2f ms", s.cpu.Seconds()*1000/float64(n)),
		fmt.Sprintf("%.0f kB", float64(s.rssKB)/float64(n))})
}

func (t *table) print(w io.Writer) {
	head := []string{"command", "wall", "CPU (user+sys)", "peak RSS"}
	width := make([]int, len(head))
	for _, r := range append([][]string{head}, t.rows...) {
		for i, c := range r {
			width[i] = max(width[i], len([]rune(c)))
		}
	}
	line := func(r []string) {
		var sb strings.Builder
		sb.WriteString("|")
		for i, c := range r {
			pad := strings.Repeat(" ", width[i]-len([]rune(c)))
			if i == 0 {
				sb.WriteString(" " + c + pad + " |")
			} else {
				sb.WriteString(" " + pad + c + " |")
			}
		}
		fmt.Fprintln(w, sb.String())
	}
	line(head)
	rule := make([]string, len(head))
	for i := range rule {
		rule[i] = strings.Repeat("-", width[i])
		if i > 0 {
			rule[i] = rule[i][1:] + ":"
		}
	}
	line(rule)
	for _, r := range t.rows {
		line(r)
	}
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

func numCPU() int { return runtime.NumCPU() }

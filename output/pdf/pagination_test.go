package pdf

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// bodyLines returns a page's lines of pdftotext -layout output between
// the running header and the footer, each with its spaces collapsed.
func bodyLines(page string) []string {
	var lines []string
	for _, l := range strings.Split(page, "\n") {
		if f := strings.Fields(l); len(f) > 0 {
			lines = append(lines, strings.Join(f, " "))
		}
	}
	// The footer: the document id with "Seite X von Y" and the digest.
	for i := len(lines) - 1; i >= 0; i-- {
		if footerLine.MatchString(lines[i]) {
			lines = lines[:i]
			break
		}
	}
	return lines
}

var footerLine = regexp.MustCompile(`(Seite|Page) \d+ (von|of) \d+$`)

// markdownHeadings returns the text of every heading of a Markdown
// document, as pdftotext reads it, run-in headings (a paragraph in bold,
// "**Prüfungen.**") included.
func markdownHeadings(md string) []string {
	var out []string
	for _, l := range strings.Split(md, "\n") {
		m := headingLine.FindStringSubmatch(l)
		if m == nil {
			m = runInHeading.FindStringSubmatch(l)
		}
		if m == nil {
			continue
		}
		h := strings.NewReplacer(`\`, "", "**", "", "`", "").Replace(m[1])
		out = append(out, strings.Join(strings.Fields(h), " "))
	}
	return out
}

var headingLine = regexp.MustCompile(`^#{1,6} +(.+?) *#*$`)

var runInHeading = regexp.MustCompile(`^\*\*([^*]+)\*\*$`)

var annex = regexp.MustCompile(`^(Anhang|Anlage|Annex) [A-Z]\b`)

// strandedHeadings returns, per page, a last body line that is a heading
// (or the first or last line of a wrapped one).
//
// A heading whose text is also a table cell (the report's areas are rows
// of its bar chart) is matched by a whole line only: a wrapped cell ending
// a page reads like the end of a wrapped heading.
func strandedHeadings(ps []string, headings []string, inTable ...string) []string {
	cell := map[string]bool{}
	for _, h := range headings {
		for _, c := range inTable {
			if strings.HasSuffix(h, c) && c != "" {
				cell[h] = true
			}
		}
	}
	var out []string
	for i, p := range ps {
		lines := bodyLines(p)
		if len(lines) == 0 {
			continue
		}
		last := lines[len(lines)-1]
		// The tail of a wrapped heading counts only when the line before
		// it holds the rest of the heading: a wrapped chart label that
		// ends like a heading is not one.
		wrapped := func(h string) bool {
			if len(lines) < 2 {
				return false
			}
			two := lines[len(lines)-2] + " " + last
			return h == two || strings.HasSuffix(h, " "+two)
		}
		for _, h := range headings {
			// A wrapped heading's first or last line counts too; a line of
			// one word ("kube-system") that merely ends a heading's text
			// is the end of a paragraph, not a heading.
			if h == last || !cell[h] && len(last) >= 10 && strings.Contains(last, " ") && (strings.HasPrefix(h, last+" ") || strings.HasSuffix(h, " "+last) && wrapped(h)) {
				out = append(out, fmt.Sprintf("page %d ends with heading %q", i+1, h))
				break
			}
		}
	}
	return out
}

// stressMarkdown holds one section per page offset: level-1 heading (a new
// page), a filler paragraph of k lines, then a chain of headings of levels
// 2 to 4 with a paragraph, a table and a list behind headings and a table
// behind a run-in heading, so that the page breaks at every place in them
// for some k.
func stressMarkdown(maxK int) string {
	var b strings.Builder
	for k := 1; k <= maxK; k++ {
		fmt.Fprintf(&b, "# %d Abschnitt\n\n", k)
		for i := 1; i <= k; i++ {
			fmt.Fprintf(&b, "F%d Zeile %d\\\n", k, i)
		}
		fmt.Fprintf(&b, "F%d Ende\n\n", k)
		fmt.Fprintf(&b, "## %d.1 Zweite Ebene\n\n### %d.1.1 Dritte Ebene\n\n#### TOM-X-%02d Vierte Ebene\n\n", k, k, k)
		for i := 1; i <= 5; i++ {
			fmt.Fprintf(&b, "Q%d Zeile %d\\\n", k, i)
		}
		fmt.Fprintf(&b, "Q%d Zeile 6\n\n", k)
		fmt.Fprintf(&b, "## %d.2 Tabelle\n\n| Spalte A | Spalte B |\n|---|---|\n", k)
		for i := 1; i <= 6; i++ {
			fmt.Fprintf(&b, "| T%d Zeile %d | Wert |\n", k, i)
		}
		fmt.Fprintf(&b, "\n## %d.3 Liste\n\n- L%d Punkt 1\n- L%d Punkt 2\n\n", k, k, k)
		fmt.Fprintf(&b, "**Vorspann %d.**\n\n| Spalte A | Spalte B |\n|---|---|\n", k)
		for i := 1; i <= 3; i++ {
			fmt.Fprintf(&b, "| R%d Zeile %d | Wert |\n", k, i)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestPagination renders every page offset of a chain of headings, a
// paragraph, a table and a list and reads the pages back: no page ends
// with a heading, no page holds a single line of a paragraph (orphan or
// widow), and a table starts and ends with at least two of its rows on a
// page.
func TestPagination(t *testing.T) {
	doc := fixtureDocument()
	doc.Markdown = []byte(stressMarkdown(56))
	ps := pages(t, renderFile(t, "pagination.pdf", doc))
	for _, s := range strandedHeadings(ps, markdownHeadings(string(doc.Markdown))) {
		t.Error(s)
	}
	// Lines of one paragraph or one table per page: at least two.
	line := regexp.MustCompile(`\b([FQTR]\d+) (Zeile \d+|Ende)`)
	for i, p := range ps {
		count := map[string]int{}
		var order []string
		for _, l := range bodyLines(p) {
			for _, m := range line.FindAllStringSubmatch(l, -1) {
				if count[m[1]] == 0 {
					order = append(order, m[1])
				}
				count[m[1]]++
			}
		}
		for _, id := range order {
			if count[id] == 1 {
				t.Errorf("page %d holds a single line or row of %s", i+1, id)
			}
		}
	}
}

// TestNoStrandedHeadingInDocuments renders the documents the templates
// produce (their golden Markdown) and checks that no page ends with a
// heading and that every annex is in the table of contents.
func TestNoStrandedHeadingInDocuments(t *testing.T) {
	files, err := filepath.Glob("../../templates/testdata/*.md")
	if err != nil || len(files) < 5 {
		t.Fatalf("golden documents of the templates: %v, %v", files, err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			md, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc := fixtureDocument()
			if strings.Contains(f, ".en.") {
				doc.Lang = "en"
			}
			doc.Markdown = md
			ps := pages(t, renderFile(t, strings.TrimSuffix(filepath.Base(f), ".md")+".pdf", doc))
			headings := markdownHeadings(string(md))
			for _, s := range strandedHeadings(ps, headings, tableCells(string(md))...) {
				t.Error(s)
			}
			var toc strings.Builder
			for _, p := range ps[1:] {
				if !strings.Contains(p, ". . .") {
					break
				}
				toc.WriteString(strings.Join(strings.Fields(p), " "))
			}
			annexes := 0
			for _, h := range headings {
				if annex.MatchString(h) {
					annexes++
					if !strings.Contains(toc.String(), h) {
						t.Errorf("the contents lack the annex %q", h)
					}
				}
			}
			if annexes == 0 {
				t.Error("no annex found")
			}
		})
	}
}

// tableCells are the texts of the cells of md's tables and bar charts
// (lines with "|").
func tableCells(md string) []string {
	var out []string
	for _, l := range strings.Split(md, "\n") {
		if !strings.Contains(l, "|") {
			continue
		}
		for _, c := range strings.Split(strings.Trim(l, "|"), "|") {
			if c = strings.TrimSpace(c); len(c) >= 10 {
				out = append(out, c)
			}
		}
	}
	return out
}

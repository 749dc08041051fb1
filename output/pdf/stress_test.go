package pdf

import (
	"fmt"
	"strings"
	"testing"
)

// TestPageBreaks renders blocks longer than a page: a table row taller than
// a page, a long code block and a quote over several pages; a document
// without headings has no contents page.
func TestPageBreaks(t *testing.T) {
	var tall, code, quote strings.Builder
	for i := 1; i <= 160; i++ {
		fmt.Fprintf(&tall, "Zeile%03d<br>", i)
		fmt.Fprintf(&code, "code line %03d\n", i)
		fmt.Fprintf(&quote, "> Zitatzeile %03d mit etwas Text, damit die Zeile eine gewisse Länge hat.\n>\n", i)
	}
	md := "Absatz ohne Überschrift.\n\n" +
		"- Punkt mit Tabelle:\n\n  | A | B |\n  |---|---|\n  | kurz | " + tall.String() + " |\n  | danach | Ende der Tabelle |\n\n" +
		"```\n" + code.String() + "```\n\n" + quote.String() + "\nSchluss.\n"
	doc := fixtureDocument()
	doc.Draft = false
	doc.Markdown = []byte(md)
	path := renderFile(t, "breaks.pdf", doc)
	if out := string(readWith(t, "qpdf", "--check", path)); !strings.Contains(out, "No syntax or stream encoding errors found") {
		t.Fatalf("qpdf --check:\n%s", out)
	}
	checkMargins(t, path, 500)
	ps := pages(t, path)
	all := strings.Join(ps, "\n")
	if strings.Contains(all, "Inhaltsverzeichnis") {
		t.Error("contents page without headings")
	}
	for i := 1; i <= 160; i++ {
		for _, want := range []string{fmt.Sprintf("Zeile%03d", i), fmt.Sprintf("code line %03d", i), fmt.Sprintf("Zitatzeile %03d", i)} {
			if strings.Count(all, want) != 1 {
				t.Errorf("%q appears %d times, want once", want, strings.Count(all, want))
			}
		}
	}
	// The tall row continues under a repeated header.
	var headers int
	for _, p := range ps {
		for _, l := range strings.Split(p, "\n") {
			if f := strings.Fields(l); len(f) == 2 && f[0] == "A" && f[1] == "B" {
				headers++
			}
		}
	}
	if headers < 3 {
		t.Errorf("table header found %d times, want it on each of the ≥3 pages of the tall row", headers)
	}
	if !strings.Contains(all, "Ende der Tabelle") || !strings.Contains(all, "Schluss.") {
		t.Error("content after the long blocks is missing")
	}
}

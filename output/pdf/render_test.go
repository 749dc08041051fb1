package pdf

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nachweis/nachweis/templates"
)

// pages runs pdftotext -layout and splits its output into pages.
func pages(t *testing.T, path string) []string {
	t.Helper()
	out := string(readWith(t, "pdftotext", "-layout", path, "-"))
	ps := strings.Split(out, "\f")
	if len(ps) > 0 && strings.TrimSpace(ps[len(ps)-1]) == "" {
		ps = ps[:len(ps)-1]
	}
	return ps
}

func TestRenderReadBack(t *testing.T) {
	path := renderFile(t, "fixture.pdf", fixtureDocument())
	check := string(readWith(t, "qpdf", "--check", path))
	if !strings.Contains(check, "No syntax or stream encoding errors found") {
		t.Fatalf("qpdf --check:\n%s", check)
	}
	ps := pages(t, path)
	all := strings.Join(ps, "\n")

	t.Run("german text", func(t *testing.T) {
		joined := joinHyphenated(all)
		for _, want := range []string{
			"Technische und organisatorische",
			"Selbstbewertung – kein Testat, kein Zertifikat",
			"Speicher 12 € pro Monat – Prüfumfang § 3 Abs. 2",
			"„Rahmenvertrag“ — alle Umlaute: äöü ÄÖÜ ß.",
			"Rechenzentrum Nürnberg",
			"fett-kursivem",
			"kubectl get networkpolicies -A",
			"Link zur DSGVO",
			"policyTypes: [Ingress, Egress]",
			"Pipe | im Text",                  // escaped pipe in a cell
			"nicht bewertet – Nachweis fehlt", // chart legend
			"Ende des Dokuments.",
		} {
			if !strings.Contains(joined, want) {
				t.Errorf("pdftotext output lacks %q", want)
			}
		}
	})

	t.Run("emoji replaced", func(t *testing.T) {
		if strings.Contains(all, "🚀") || !strings.Contains(all, "Emoji □ das ersetzt wird") {
			t.Errorf("emoji not replaced by □:\n%s", grepLine(all, "Emoji"))
		}
	})

	t.Run("footers", func(t *testing.T) {
		n := len(ps)
		if n < 8 {
			t.Fatalf("got %d pages, want the 60-row table to force at least 8", n)
		}
		for i, p := range ps {
			if want := fmt.Sprintf("Seite %d von %d", i+1, n); !strings.Contains(p, want) {
				t.Errorf("page %d lacks footer %q", i+1, want)
			}
			if !strings.Contains(p, "TOM-acme-2026-v1") || !strings.Contains(p, "Nachweis-Digest: "+fixtureDigest) {
				t.Errorf("page %d lacks the document id or the full digest", i+1)
			}
			hasHeader := strings.Contains(p, "TOM – Anlage zum AVV")
			if hasHeader != (i > 0) {
				t.Errorf("page %d: running header present = %v, want %v", i+1, hasHeader, i > 0)
			}
		}
	})

	t.Run("watermark not extracted", func(t *testing.T) {
		if strings.Contains(all, "nachgewiesen") {
			t.Error("watermark is extractable text")
		}
	})

	t.Run("toc page numbers", func(t *testing.T) {
		checkTOC(t, ps, 1, 7)
	})

	t.Run("table header repeated", func(t *testing.T) {
		header := regexp.MustCompile(`Nr\.\s+Nachweis\s+Quelle\s+Erhoben \(UTC\)\s+SHA-256`)
		var with []int
		for i, p := range ps {
			if header.MatchString(p) {
				with = append(with, i+1)
			}
		}
		if len(with) < 3 {
			t.Fatalf("table header on pages %v, want it repeated on every continuation page", with)
		}
		for i := 1; i < len(with); i++ {
			if with[i] != with[i-1]+1 {
				t.Errorf("table header on pages %v: not consecutive", with)
			}
		}
		for _, row := range []string{"EV-20261123-0001", "EV-20261123-0060"} {
			if !strings.Contains(all, row) {
				t.Errorf("row %s missing", row)
			}
		}
		// Digests are printed whole, possibly over several lines of their
		// cell (-raw keeps a cell's lines together).
		compact := strings.Join(strings.Fields(string(readWith(t, "pdftotext", "-raw", path, "-"))), "")
		for _, d := range []string{
			"6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b", // sha256("1")
			"39fa9ec190eee7b6f4dff1100d6343e10918d044c75eac8f9e9a2596173f80c9", // sha256("60")
		} {
			if !strings.Contains(compact, d) {
				t.Errorf("digest %s not found whole", d)
			}
		}
	})
}

// checkTOC reads the contents on the tocPages pages after the title page
// and checks that there are want entries and each names the page on which
// pdftotext finds the heading.
func checkTOC(t *testing.T, ps []string, tocPages, want int) {
	t.Helper()
	entry := regexp.MustCompile(`^\s*(\d+(?:\.\d+)* \S.*?)\s*(?:\.\s*){3,}(\d+)\s*$`)
	var got int
	for _, p := range ps[1 : 1+tocPages] {
		for _, l := range strings.Split(p, "\n") {
			m := entry.FindStringSubmatch(l)
			if m == nil {
				continue
			}
			got++
			title := strings.TrimSpace(m[1])
			page, _ := strconv.Atoi(m[2])
			if where := headingPage(ps, 1+tocPages, title); where != page {
				t.Errorf("TOC entry %q says page %d, heading found on page %d", title, page, where)
			}
		}
	}
	if got != want {
		t.Errorf("TOC has %d entries, want %d", got, want)
	}
}

// headingPage returns the 1-based page, from index from on, with a line
// that is exactly title, or 0.
func headingPage(ps []string, from int, title string) int {
	for i := from; i < len(ps); i++ {
		for _, l := range strings.Split(ps[i], "\n") {
			if strings.TrimSpace(l) == title {
				return i + 1
			}
		}
	}
	return 0
}

// joinHyphenated undoes the hyphenation of pdftotext output: a line that
// ends with the soft hyphen of a break is joined to the next without it.
func joinHyphenated(s string) string {
	return strings.ReplaceAll(s, softHyphen+"\n", "")
}

func grepLine(s, sub string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}

// TestNothingOutsideMargins reads every word's box back and checks it lies
// within the page margins (header and footer included).
func TestNothingOutsideMargins(t *testing.T) {
	checkMargins(t, renderFile(t, "margins.pdf", fixtureDocument()), 1000)
}

// checkMargins fails for every word of the PDF at path outside the margins;
// at least minWords must be read back.
func checkMargins(t *testing.T, path string, minWords int) {
	t.Helper()
	out := string(readWith(t, "pdftotext", "-bbox", path, "-"))
	word := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
	const pt = 72 / 25.4
	left, right := marginLeft*pt-0.5, (pageW-marginRight)*pt+0.5
	top, bottom := 8*pt, (pageH-8)*pt
	words := word.FindAllStringSubmatch(out, -1)
	if len(words) < minWords {
		t.Fatalf("only %d words read back", len(words))
	}
	for _, m := range words {
		var v [4]float64
		for i := range v {
			v[i], _ = strconv.ParseFloat(m[i+1], 64)
		}
		if v[0] < left || v[2] > right || v[1] < top || v[3] > bottom {
			t.Errorf("word %q at x %.1f–%.1f, y %.1f–%.1f pt lies outside the margins", m[5], v[0], v[2], v[1], v[3])
		}
	}
}

func TestRenderDeterministic(t *testing.T) {
	render := func(doc templates.Document) []byte {
		var buf bytes.Buffer
		if err := Render(&buf, doc); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	a, b := render(fixtureDocument()), render(fixtureDocument())
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the same document differ")
	}
	later := fixtureDocument()
	later.Created = later.Created.Add(time.Hour)
	if bytes.Equal(a, render(later)) {
		t.Error("the document date does not reach the PDF")
	}
}

// Renders running at the same time (nachweis demo, tom --all-tenants) give
// the same bytes as one alone: no render may write into shared font data.
func TestConcurrentRendersIdentical(t *testing.T) {
	var want bytes.Buffer
	if err := Render(&want, fixtureDocument()); err != nil {
		t.Fatal(err)
	}
	const n = 6
	got := make([][]byte, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			errs[i] = Render(&buf, fixtureDocument())
			got[i] = buf.Bytes()
		}()
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if !bytes.Equal(got[i], want.Bytes()) {
			t.Errorf("concurrent render %d differs from a render alone", i)
		}
	}
}

func TestBookmarksAndMetadata(t *testing.T) {
	path := renderFile(t, "meta.pdf", fixtureDocument())
	var out struct {
		Outlines []outline `json:"outlines"`
	}
	if err := json.Unmarshal(readWith(t, "qpdf", "--json", "--json-key=outlines", path), &out); err != nil {
		t.Fatal(err)
	}
	var got []string
	var walk func([]outline, string)
	walk = func(os []outline, indent string) {
		for _, o := range os {
			got = append(got, fmt.Sprintf("%s%s p%d", indent, o.Title, o.Page))
			walk(o.Kids, indent+"  ")
		}
	}
	walk(out.Outlines, "")
	want := []string{
		"1 Zweck und Geltungsbereich p3", "  1.1 Parteien p3", "  1.2 Methode p3",
		"2 Ergebnisse p5", "  2.1 Übersicht je Bereich p5", "  2.2 Nachweisverzeichnis p5",
		"3 Unterauftragnehmer p10",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("bookmarks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	info := string(readWith(t, "pdfinfo", path))
	for _, want := range []string{
		"Title:           Technische und organisatorische Maßnahmen",
		"Author:          ACME Hosting GmbH",
		"Subject:         TOM-Anlage für Beispiel Kunde AG",
		"Keywords:        DSGVO, Art. 32, TOM, C5",
		"Creator:         nachweis",
		"CreationDate:    Mon Nov 23 14:05:00 2026 UTC",
		"Page size:       595.28 x 841.89 pts (A4)",
	} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	raw := string(readWith(t, "qpdf", "--qdf", "--object-streams=disable", path, "-"))
	if !strings.Contains(raw, "/Lang (de-DE)") {
		t.Error("catalog lacks /Lang (de-DE)")
	}
	if !strings.Contains(raw, "/URI (https://eur-lex.europa.eu/eli/reg/2016/679/oj)") {
		t.Error("the Markdown link is not clickable (no /URI annotation)")
	}
	// Seven bookmarks and seven TOC entries each point at a heading.
	if n := strings.Count(raw, "/Dest ["); n != 14 {
		t.Errorf("%d destinations, want 14: a bookmark and a TOC link per heading", n)
	}
}

type outline struct {
	Title string    `json:"title"`
	Page  int       `json:"destpageposfrom1"`
	Kids  []outline `json:"kids"`
}

func TestRenderEnglish(t *testing.T) {
	doc := fixtureDocument()
	doc.Lang = "en"
	doc.Draft = false
	doc.Status = "Released"
	doc.ShortTitle = ""
	doc.Markdown = []byte("# 1 Scope\n\nShort body.\n\n## 1.1 Parties\n\nA provider.\n")
	path := renderFile(t, "en.pdf", doc)
	ps := pages(t, path)
	if len(ps) != 3 {
		t.Fatalf("got %d pages, want title, contents and one body page", len(ps))
	}
	for i, p := range ps {
		if want := fmt.Sprintf("Page %d of 3", i+1); !strings.Contains(p, want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
		if !strings.Contains(p, "Evidence digest: "+fixtureDigest) {
			t.Errorf("page %d lacks the evidence digest", i+1)
		}
	}
	if !strings.Contains(ps[1], "Contents") || !strings.Contains(ps[2], "Technische und organisatorische Maßnahmen") {
		t.Error("contents title or running header (full title without ShortTitle) missing")
	}
	if strings.Contains(ps[2], "Released") {
		t.Error("status in the running header of a released document")
	}
	raw := string(readWith(t, "qpdf", "--qdf", "--object-streams=disable", path, "-"))
	if !strings.Contains(raw, "/Lang (en-GB)") {
		t.Error("catalog lacks /Lang (en-GB)")
	}
}

// TestLongTOC fills more than one contents page; the reserved pages must
// match and every entry point at its heading.
func TestLongTOC(t *testing.T) {
	var md strings.Builder
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&md, "# %d Kapitel mit längerem Titel Nummer %d\n\nText.\n\n## %d.1 Abschnitt\n\nText.\n\n", i, i, i)
	}
	doc := fixtureDocument()
	doc.Draft = false
	doc.Markdown = []byte(md.String())
	ps := pages(t, renderFile(t, "longtoc.pdf", doc))
	if len(ps) != 1+3+40 {
		t.Fatalf("got %d pages, want title, 3 contents pages, 40 chapters", len(ps))
	}
	if !strings.Contains(ps[3], "40.1 Abschnitt") || !strings.Contains(ps[4], "1 Kapitel mit längerem Titel Nummer 1\nText.") {
		t.Fatal("contents not on pages 2–4, or the body does not follow them")
	}
	checkTOC(t, ps, 3, 80)
}

func TestRenderTitleOnly(t *testing.T) {
	doc := fixtureDocument()
	doc.Markdown = nil
	ps := pages(t, renderFile(t, "title.pdf", doc))
	if len(ps) != 1 || !strings.Contains(ps[0], "Seite 1 von 1") {
		t.Fatalf("got %d pages, want the title page only", len(ps))
	}
}

func TestRenderErrors(t *testing.T) {
	tests := []struct {
		name string
		edit func(*templates.Document)
		want string
	}{
		{"unknown language", func(d *templates.Document) { d.Lang = "fr" }, `document language "fr": want de or en`},
		{"no date", func(d *templates.Document) { d.Created = time.Time{} }, "document date (Created) is not set"},
		{"bad chart value", func(d *templates.Document) {
			d.Markdown = []byte("# 1 A\n\nText.\n\n```barchart\nlegend | pass=erfüllt | fail=nicht erfüllt\nOIS | 3 | x\n```\n")
		}, `barchart line 7: row "OIS", fail: "x" is not a non-negative integer`},
		{"chart without legend", func(d *templates.Document) {
			d.Markdown = []byte("```barchart\nOIS | 3 | 1\n```\n")
		}, `barchart line 2: first line must start with "legend"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := fixtureDocument()
			tt.edit(&doc)
			err := Render(&bytes.Buffer{}, doc)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Render error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

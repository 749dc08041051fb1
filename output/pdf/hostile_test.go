package pdf

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/nachweis/nachweis/templates"
)

// hostile are strings from evidence or configuration that once crashed the
// renderer or came out changed.
var hostile = []string{
	"&#x1F600;",                    // decoded after sanitising: fpdf indexed out of range
	"&lt;b&gt;",                    // decoded to <b>
	"<script>alert(1)</script>",    // raw HTML
	"[link](https://evil.example)", // a link that disappeared
	"evil\u202etxt.exe",            // RIGHT-TO-LEFT OVERRIDE
	"\x1b]0;title\x07",             // a terminal title sequence
	"bad \xff byte",                // not UTF-8
	"https://evil.example/x www.evil.example a@evil.example",
}

func hostileDocument(markdown string) templates.Document {
	doc := fixtureDocument()
	doc.Markdown = []byte(markdown)
	doc.Title = "Titel " + strings.Join(hostile, " ")
	doc.Organisation = hostile[0] + " GmbH"
	doc.Cover = append(doc.Cover, templates.Field{Label: hostile[1], Value: strings.Join(hostile, " ")})
	doc.Keywords = hostile
	return doc
}

// TestRenderHostileText renders evidence text as the templates write it
// (escaped) in a paragraph, a table cell, a heading and a list, and in
// every field of the title page: pdftotext reads it back exactly as
// written, with □ for what cannot be drawn (the bidi override, ESC, BEL,
// the byte that is not UTF-8).
func TestRenderHostileText(t *testing.T) {
	var md strings.Builder
	md.WriteString("# Befunde\n\n")
	for _, h := range hostile {
		md.WriteString("## Wert " + templates.Escape(h) + "\n\n")
		md.WriteString("Im Text: " + templates.Escape(h) + " Ende.\n\n")
		md.WriteString("- Liste " + templates.Escape(h) + "\n\n")
		md.WriteString("| Spalte | Wert |\n|---|---|\n| Zelle | " + templates.Cell(h) + " |\n\n")
	}
	path := renderFile(t, "hostile.pdf", hostileDocument(md.String()))
	text := string(readWith(t, "pdftotext", "-enc", "UTF-8", path, "-"))
	for _, want := range []string{
		"&#x1F600;", "&lt;b&gt;", "<script>alert(1)</script>", "[link](https://evil.example)",
		"evil□txt.exe", "□]0;title□", "bad □ byte",
		"Im Text: &#x1F600; Ende.", "Im Text: <script>alert(1)</script> Ende.", "Im Text: [link](https://evil.example) Ende.",
		"https://evil.example/x www.evil.example a@evil.example",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext output lacks %q", want)
		}
	}
	for _, bad := range []string{"😀", "<b>", "\u202e", "\x1b", "\x07"} {
		if strings.Contains(text, bad) {
			t.Errorf("pdftotext output holds %q", bad)
		}
	}
	// Escaped evidence never becomes a link annotation.
	raw := readWith(t, "qpdf", "--qdf", "--object-streams=disable", path, "-")
	if bytes.Contains(raw, []byte("evil.example")) && bytes.Contains(raw, []byte("/URI")) {
		for _, line := range bytes.Split(raw, []byte("\n")) {
			if bytes.Contains(line, []byte("/URI")) && bytes.Contains(line, []byte("evil")) {
				t.Errorf("link annotation to evidence text: %s", line)
			}
		}
	}
}

// TestRenderNeverPanics feeds raw Markdown a template could produce (an
// override with mistakes, a value printed without escaping) and odd title
// page fields: Render returns, with a PDF or an error, and never panics.
func TestRenderNeverPanics(t *testing.T) {
	inputs := []string{
		"&#x1F600; &#128512; &#1114111; &#0; &#xD800; &#xFFFF; &bogus; &NotACharacter;",
		"Text \xff\xfe\xfd und \xc3",
		"[\xff](\xff) <\xff> <https://\xff.example>",
		"# &#x1F600;\n\n## \xff\n\n| &#x1F600; | \xff |\n|---|---|\n| \u202e | \x1b |",
		"> &#x1F600;\n> > \xff\n\n1. &#x1F600;\n   - \u202e",
		strings.Repeat("&#x1F600;", 5000),
		"<!-- \xff --> <br> &#x1F600;<br/>",
		"www.&#x1F600;.example https://&#x1F600;.example",
	}
	// A malformed bar chart is an error naming its line, never a panic.
	for _, in := range []string{"```barchart\n\xff\n```", "```barchart\nlegend: x\n&#x1F600;: 1\n\xff: 2\n```"} {
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("Render(%q) panicked: %v", in, p)
				}
			}()
			if err := Render(&bytes.Buffer{}, hostileDocument(in)); err == nil || !strings.Contains(err.Error(), "barchart line") {
				t.Errorf("Render(%q): %v, want an error naming the chart line", in, err)
			}
		}()
	}
	for _, in := range inputs {
		doc := hostileDocument(in)
		doc.ID = in
		doc.BundleDigest = in
		var buf bytes.Buffer
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("Render(%q) panicked: %v", in, p)
				}
			}()
			if err := Render(&buf, doc); err != nil {
				t.Errorf("Render(%q): %v", in, err)
			}
		}()
	}
}

// TestRenderPageLimit: a document past MaxPages (a template that loops)
// is an error, not gigabytes of layout.
func TestRenderPageLimit(t *testing.T) {
	doc := fixtureDocument()
	doc.Markdown = []byte(strings.Repeat("# Kapitel\n\nText.\n\n", MaxPages+1))
	doc.Created = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	err := Render(&bytes.Buffer{}, doc)
	if err == nil || !strings.Contains(err.Error(), "exceeds 5000 pages") {
		t.Errorf("Render of %d chapters: %v, want the page limit", MaxPages+1, err)
	}
}

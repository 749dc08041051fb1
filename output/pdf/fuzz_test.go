package pdf

import (
	"bytes"
	"strings"
	"testing"

	"github.com/nachweis/nachweis/templates"
)

// escapedDocument is Markdown as the templates write it around a value
// from evidence or configuration: escaped inline (templates.Escape) in a
// heading, a paragraph, a list and a quote, one line in table cells
// (templates.Cell), rows rows of a table and lists and quotes nested
// depth deep, the value in each.
func escapedDocument(value string, rows, depth int) string {
	v, c := templates.Escape(value), templates.Cell(value)
	var b strings.Builder
	b.WriteString("# Befunde " + v + "\n\n## " + v + "\n\nIm Text: " + v + " Ende.\n\n- " + v + "\n\n> " + v + "\n\n")
	b.WriteString("| Nr. | Objekt | Wert |\n|---:|---|---|\n")
	for i := 0; i <= rows; i++ {
		b.WriteString("| " + strings.Repeat("9", i%7+1) + " | " + c + " | " + c + c + " |\n")
	}
	b.WriteString("\n")
	for i := 0; i < depth; i++ {
		b.WriteString(strings.Repeat("  ", i) + "- " + v + "\n")
	}
	b.WriteString("\n" + strings.Repeat("> ", depth) + v + "\n\n" + chartBlock)
	return b.String()
}

// FuzzRender lays out hostile strings (HTML entities, bidirectional
// controls, bytes that are not UTF-8, huge tables, deep nesting):
//
//   - a value escaped as the templates escape it, wherever they put it
//     and in every field of the title page, always renders, to a PDF
//     (starting %PDF-, ending %%EOF), the same bytes twice;
//   - Markdown as a faulty template override could write it renders or
//     is refused with an error of one line, never a panic (Render turns
//     a panic into an "internal error", which fails here).
//
// Seeds are the strings that once broke the renderer.
func FuzzRender(f *testing.F) {
	for _, s := range append(append([]string{}, hostile...),
		"&#x1F600; &#128512; &#1114111; &#0; &#xD800; &bogus;", "Text \xff\xfe\xfd und \xc3",
		"[\xff](\xff) <\xff> <https://\xff.example>", "\u202e\u2066\u200f\u061c", "ä\u0301\u200d\U0001F468\u200d\U0001F469",
		"a\tb\vc\fd\re\u2028f\u0085g", strings.Repeat("W", 400), "1. x", "# x", "---", "```", "| a |", "<br>", "\\", "***x***",
	) {
		f.Add(s, fixtureMarkdown(), uint8(3), uint8(2))
	}
	for _, md := range []string{
		"# &#x1F600;\n\n## \xff\n\n| &#x1F600; | \xff |\n|---|---|\n| \u202e | \x1b |",
		"> &#x1F600;\n> > \xff\n\n1. &#x1F600;\n   - \u202e",
		strings.Repeat("> ", 200) + "tief", strings.Repeat("- ", 100) + "tief", strings.Repeat("  ", 50) + "- x",
		"| a |\n|---|\n" + strings.Repeat("| "+strings.Repeat("x ", 300)+" |\n", 40),
		"| " + strings.Repeat("a | ", 60) + "\n|" + strings.Repeat("---|", 60) + "\n",
		"```barchart\n\xff\n```", "```barchart\nlegend | pass=x\nA | 99999999999999999999\n```",
		"```barchart\nlegend | pass=x | fail=y\nA | -1 | 2\n```", "<!-- \xff --> <br> &#x1F600;<br/>",
		"www.&#x1F600;.example https://&#x1F600;.example", "\x00", "",
	} {
		f.Add("&lt;b&gt;", md, uint8(0), uint8(0))
	}
	f.Add("x", "", uint8(255), uint8(60))
	f.Fuzz(func(t *testing.T, value, markdown string, rows, depth uint8) {
		doc := hostileDocument(escapedDocument(value, int(rows), int(depth)%64))
		doc.Title += " " + value
		doc.ShortTitle = value
		doc.Organisation = value
		doc.Watermark = value
		doc.ID = value
		doc.BundleDigest = value
		doc.Cover = append(doc.Cover, templates.Field{Label: value, Value: value})
		doc.Keywords = append(doc.Keywords, value)
		var a, b bytes.Buffer
		if err := Render(&a, doc); err != nil {
			t.Fatalf("escaped value %q: %v", value, err)
		}
		if !bytes.HasPrefix(a.Bytes(), []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(a.Bytes()), []byte("%%EOF")) {
			t.Fatalf("escaped value %q: output is no PDF", value)
		}
		if err := Render(&b, doc); err != nil || !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Fatalf("escaped value %q: a second rendering differs (%v)", value, err)
		}

		if len(markdown) > 64<<10 {
			return // the layout of long documents is the benchmarks' concern
		}
		raw := hostileDocument(markdown)
		var out bytes.Buffer
		err := Render(&out, raw)
		switch {
		case err != nil && (strings.Contains(err.Error(), "internal error") || strings.ContainsAny(err.Error(), "\n\r")):
			t.Fatalf("Markdown %q: %q", markdown, err)
		case err == nil && !bytes.HasPrefix(out.Bytes(), []byte("%PDF-")):
			t.Fatalf("Markdown %q: output is no PDF", markdown)
		}
	})
}

package pdf

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nachweis/nachweis/templates"
)

// BenchmarkRender renders a document of about 15 pages: the fixture with a
// 120-row evidence index.
func BenchmarkRender(b *testing.B) {
	doc := fixtureDocument()
	doc.Markdown = []byte(strings.Replace(fixtureMarkdown(), evidenceRows(60), evidenceRows(120), 1))
	benchmarkRender(b, func(int) templates.Document { return doc })
}

// BenchmarkRenderTOM renders a German TOM annex of 26 pages, a draft with
// its watermark, as tom --all-tenants does for every tenant
// (testdata/tom-acme.de.md is a copy of the golden annex in templates).
// "same" renders one annex again and again; "tenants" names another
// customer each time, so that what differs between tenants is laid out and
// embedded anew as in a real batch.
func BenchmarkRenderTOM(b *testing.B) {
	doc := tomDocument(b)
	b.Run("same", func(b *testing.B) {
		benchmarkRender(b, func(int) templates.Document { return doc })
	})
	b.Run("tenants", func(b *testing.B) {
		benchmarkRender(b, func(i int) templates.Document {
			d := doc
			name := fmt.Sprintf("Kunde %04d GmbH", i%1000)
			d.Markdown = bytes.ReplaceAll(doc.Markdown, []byte("ACME GmbH"), []byte(name))
			d.ShortTitle = strings.ReplaceAll(doc.ShortTitle, "ACME GmbH", name)
			d.ID = fmt.Sprintf("TOM-kunde-%04d-20261123", i%1000)
			return d
		})
	})
}

func benchmarkRender(b *testing.B, doc func(i int) templates.Document) {
	var buf bytes.Buffer
	if err := Render(&buf, doc(0)); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		i++
		d := doc(i)
		buf.Reset()
		if err := Render(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(bytes.Count(buf.Bytes(), []byte("/Type /Page\n"))), "pages")
	b.ReportMetric(float64(buf.Len())/1024, "KB/pdf")
}

// tomDocument reads testdata/tom-acme.de.md: the document fields as
// comments ("<!-- Title: … -->"), a blank line, the Markdown.
func tomDocument(tb testing.TB) templates.Document {
	tb.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", "tom-acme.de.md"))
	if err != nil {
		tb.Fatal(err)
	}
	head, body, ok := bytes.Cut(src, []byte("\n\n"))
	if !ok {
		tb.Fatal("tom-acme.de.md: no blank line after the document fields")
	}
	doc := templates.Document{Lang: "de", Markdown: body, Organisation: "Beispiel Cloud GmbH"}
	sc := bufio.NewScanner(bytes.NewReader(head))
	for sc.Scan() {
		field, ok := strings.CutPrefix(sc.Text(), "<!-- ")
		field, ok2 := strings.CutSuffix(field, " -->")
		key, value, ok3 := strings.Cut(field, ": ")
		if !ok || !ok2 || !ok3 {
			continue // "<!-- Document fields -->"
		}
		switch key {
		case "ID":
			doc.ID = value
		case "Title":
			doc.Title = value
		case "Subtitle":
			doc.Subtitle = value
		case "ShortTitle":
			doc.ShortTitle = value
		case "Status":
			doc.Status = value
		case "Watermark":
			doc.Watermark, doc.Draft = value, value != ""
		case "Classification":
			doc.Classification = value
		case "Created":
			if doc.Created, err = time.Parse(time.RFC3339, value); err != nil {
				tb.Fatal(err)
			}
		case "Cover":
			label, v, _ := strings.Cut(value, ": ")
			doc.Cover = append(doc.Cover, templates.Field{Label: label, Value: v})
			if label == "Nachweis-Bundle" {
				doc.BundleDigest = v
			}
		}
	}
	if doc.Title == "" || doc.Created.IsZero() || !doc.Draft || len(doc.Cover) == 0 {
		tb.Fatalf("tom-acme.de.md: document fields not read: %+v", doc)
	}
	return doc
}

package pdf

import (
	"bytes"
	"strings"
	"testing"
)

// BenchmarkRender renders a document of about 15 pages: the fixture with a
// 120-row evidence index.
func BenchmarkRender(b *testing.B) {
	doc := fixtureDocument()
	doc.Markdown = []byte(strings.Replace(fixtureMarkdown(), evidenceRows(60), evidenceRows(120), 1))
	var buf bytes.Buffer
	if err := Render(&buf, doc); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		buf.Reset()
		if err := Render(&buf, doc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(bytes.Count(buf.Bytes(), []byte("/Type /Page\n"))), "pages")
	b.ReportMetric(float64(buf.Len())/1024, "KB/pdf")
}

package output

import (
	"bytes"
	"io"
	"strings"

	"github.com/nachweis/nachweis/templates"
)

// WriteMarkdown writes a document as one Markdown file: the title, the
// subtitle, the status (and watermark text of a draft), the metadata block
// of the title page as a table, then the body. The PDF renderer lays out
// the same Document.
func WriteMarkdown(w io.Writer, doc templates.Document) error {
	var b bytes.Buffer
	b.WriteString("# " + templates.Escape(doc.Title) + "\n\n")
	if doc.Subtitle != "" {
		b.WriteString(templates.Escape(doc.Subtitle) + "\n\n")
	}
	if doc.Draft && doc.Watermark != "" {
		b.WriteString("**" + templates.Escape(doc.Watermark) + "**\n\n")
	}
	if len(doc.Cover) > 0 {
		b.WriteString("| | |\n|---|---|\n")
		for _, f := range doc.Cover {
			b.WriteString("| " + templates.Cell(f.Label) + " | " + templates.Cell(f.Value) + " |\n")
		}
		b.WriteString("\n")
	}
	body := strings.TrimLeft(string(doc.Markdown), "\n")
	b.WriteString(body)
	if !strings.HasSuffix(body, "\n") {
		b.WriteString("\n")
	}
	_, err := w.Write(b.Bytes())
	return err
}

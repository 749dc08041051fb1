package pdf

import (
	"bytes"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// TestOutlineOpsMatchFpdf checks that the recorded outline operators are
// the bytes fpdf's own path calls write: a page drawn with each gives the
// same uncompressed PDF.
func TestOutlineOpsMatchFpdf(t *testing.T) {
	if err := measureFaces(); err != nil {
		t.Fatal(err)
	}
	page := func(draw func(pdf *fpdf.Fpdf)) []byte {
		t.Helper()
		pdf := fpdf.New("P", "mm", "A4", "")
		at := time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)
		pdf.SetCreationDate(at)
		pdf.SetModificationDate(at)
		pdf.SetCompression(false)
		pdf.AddPage()
		draw(pdf)
		var buf bytes.Buffer
		if err := pdf.Output(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	for _, tc := range []struct {
		text        string
		st          style
		size, x, bl float64
	}{
		{"ENTWURF", bold, 54, 40.3, 167.2},
		{"Entwurf – nicht alle Maßnahmen nachgewiesen", bold, 31.7, -10.25, 152.4},
		{"Draft §§ 0123456789 äöüß □", regular, 12.5, 0, 0},
		{"mono 0x1f", mono, 9, 3.33333, 290},
	} {
		t.Run(tc.text, func(t *testing.T) {
			want := page(func(pdf *fpdf.Fpdf) { fillOutline(pdf, tc.text, tc.st, tc.size, tc.x, tc.bl) })
			var ops string
			got := page(func(pdf *fpdf.Fpdf) {
				r := &renderer{pdf: pdf}
				ops = r.outlineOps(tc.text, tc.st, tc.size, tc.x, tc.bl)
				pdf.RawWriteStr(ops)
				if again := r.outlineOps(tc.text, tc.st, tc.size, tc.x, tc.bl); again != ops {
					t.Error("the second call returns other operators")
				}
			})
			if len(ops) < 1000 {
				t.Fatalf("only %d bytes of operators", len(ops))
			}
			if !bytes.Equal(got, want) {
				t.Errorf("recorded operators differ from fpdf's:\n got %.300q\nwant %.300q", diffFrom(got, want), diffFrom(want, got))
			}
		})
	}
}

// diffFrom returns a from the first byte where it differs from b.
func diffFrom(a, b []byte) []byte {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return a[max(i-40, 0):]
}

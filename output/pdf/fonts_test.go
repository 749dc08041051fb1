package pdf

import (
	"bytes"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// TestParsedFontsAsFromBytes checks the fonts fpdf parses once per process
// (third_party/fpdf's AddParsedUTF8Font): a document embedding them is
// byte-identical to one that gives fpdf its own copy of each font file, and
// a document cut from them leaves nothing behind for the next one.
func TestParsedFontsAsFromBytes(t *testing.T) {
	if err := measureFaces(); err != nil {
		t.Fatal(err)
	}
	doc := func(text string, add func(*fpdf.Fpdf)) []byte {
		t.Helper()
		pdf := fpdf.New("P", "mm", "A4", "")
		at := time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)
		pdf.SetCreationDate(at)
		pdf.SetModificationDate(at)
		pdf.SetCatalogSort(true)
		pdf.SetCompression(true)
		add(pdf)
		pdf.AddPage()
		for i, fc := range faces {
			pdf.SetFont(fc.family, fc.style, 10)
			pdf.Text(20, 20+float64(i)*10, text)
		}
		var buf bytes.Buffer
		if err := pdf.Output(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	fromBytes := func(pdf *fpdf.Fpdf) {
		for _, fc := range faces {
			pdf.AddUTF8FontFromBytes(fc.family, fc.style, bytes.Clone(fc.ttf))
		}
	}
	parsed := func(pdf *fpdf.Fpdf) {
		if err := addFonts(pdf); err != nil {
			t.Fatal(err)
		}
	}
	for _, text := range []string{
		"Technische und organisatorische Maßnahmen",
		"Größe „Äpfel“ – § 32 Abs. 1 lit. b DSGVO: 99,50 % ÿ ŉ ǅ ﬁ ﬂ □ € ‰ {}[]|~",
		"0123456789 abcdef sha256:9f2c4e1b",
		"ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþ",
	} {
		want := doc(text, fromBytes)
		if got := doc(text, parsed); !bytes.Equal(got, want) {
			t.Errorf("%q: the document with parsed fonts differs from one with the font files (%d and %d bytes)", text, len(got), len(want))
		}
	}
}

package pdf

import (
	"bytes"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// TestParsedFontsAsFromBytes checks the fonts fpdf parses once per process
// (third_party/fpdf's AddParsedUTF8Font) and the font subsets it shares
// between documents: a document embedding them is byte-identical to one
// that gives fpdf its own copy of each font file, whether its subsets are
// cut for it or taken from an earlier document, and an encrypted document
// (whose streams fpdf encrypts in place) leaves the shared subsets as they
// were.
func TestParsedFontsAsFromBytes(t *testing.T) {
	if err := measureFaces(); err != nil {
		t.Fatal(err)
	}
	encrypt := false
	doc := func(text string, add func(*fpdf.Fpdf)) []byte {
		t.Helper()
		pdf := fpdf.New("P", "mm", "A4", "")
		at := time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)
		pdf.SetCreationDate(at)
		pdf.SetModificationDate(at)
		pdf.SetCatalogSort(true)
		pdf.SetCompression(true)
		if encrypt {
			pdf.SetProtection(fpdf.CnProtectPrint, "user", "owner")
		}
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
		for _, run := range []string{"cut", "shared"} {
			if got := doc(text, parsed); !bytes.Equal(got, want) {
				t.Errorf("%q, subsets %s: the document with parsed fonts differs from one with the font files (%d and %d bytes)", text, run, len(got), len(want))
			}
		}
		encrypt = true
		wantEnc := doc(text, fromBytes)
		gotEnc := doc(text, parsed)
		encrypt = false
		if !bytes.Equal(gotEnc, wantEnc) {
			t.Errorf("%q, encrypted: the document with parsed fonts differs from one with the font files", text)
		}
		if got := doc(text, parsed); !bytes.Equal(got, want) {
			t.Errorf("%q: after an encrypted document, the shared subsets give other bytes", text)
		}
	}
}

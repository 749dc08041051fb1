package approval

import (
	"bytes"
	"compress/zlib"
	"errors"
	"strings"
	"testing"
	"unicode/utf16"
)

var testStamp = Stamp{Document: "TOM-acme", Version: 3, Content: digestA}

// utf16Literal writes s as fpdf writes a UTF-8 metadata string: UTF-16BE
// with a byte order mark in a literal string, ( ) \ and CR escaped.
func utf16Literal(s string) string {
	var b strings.Builder
	b.WriteString("(\xfe\xff")
	for _, u := range utf16.Encode([]rune(s)) {
		for _, c := range []byte{byte(u >> 8), byte(u)} {
			switch c {
			case '(', ')', '\\':
				b.WriteByte('\\')
				b.WriteByte(c)
			case '\r':
				b.WriteString(`\r`)
			default:
				b.WriteByte(c)
			}
		}
	}
	b.WriteString(")")
	return b.String()
}

func keywords(s Stamp) string {
	return strings.Join(append([]string{"TOM", "Art. 32 DSGVO (AVV)"}, s.Keywords()...), ", ")
}

func deflate(s string) string {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.String()
}

func TestReadStamp(t *testing.T) {
	older := Stamp{Document: "TOM-acme", Version: 2, Content: digestB}
	hexKW := func(s string) string {
		var b strings.Builder
		b.WriteString("<")
		for _, c := range []byte(s) {
			b.WriteString(strings.ToUpper(string("0123456789abcdef"[c>>4])) + string("0123456789abcdef"[c&15]) + " ")
		}
		return b.String() + ">"
	}
	tests := []struct {
		name string
		pdf  string
		want Stamp
	}{
		{"fpdf's UTF-16 literal", "%PDF-1.4\n1 0 obj\n<</Title (x) /Keywords " + utf16Literal(keywords(testStamp)) + ">>\nendobj\n%%EOF\n", testStamp},
		{"PDFDocEncoding literal with escapes", "%PDF-1.7\n1 0 obj<</Keywords(TOM\\(x\\), " + strings.Join(testStamp.Keywords(), ",\\\n ") + ")>>endobj", testStamp},
		{"hex string", "%PDF-1.7\n1 0 obj<</Keywords " + hexKW(keywords(testStamp)) + ">>endobj", testStamp},
		{"object stream", "%PDF-1.7\n5 0 obj<</Type/ObjStm/Filter/FlateDecode/Length 99>>stream\r\n" + deflate("1 0 <</Keywords "+utf16Literal(keywords(testStamp))+">>") + "\r\nendstream\nendobj", testStamp},
		{"XMP metadata", "%PDF-1.7\n7 0 obj<</Type/Metadata>>stream\n<pdf:Keywords>" + keywords(testStamp) + "</pdf:Keywords>\nendstream", testStamp},
		{"incremental update: the last stamp counts", "%PDF-1.4\n1 0 obj<</Keywords " + utf16Literal(keywords(older)) + ">>endobj\n%%EOF\n1 0 obj<</Keywords " + utf16Literal(keywords(testStamp)) + ">>endobj\n%%EOF\n", testStamp},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadStamp([]byte(tt.pdf))
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("ReadStamp = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestReadStampRefuses(t *testing.T) {
	if _, err := ReadStamp([]byte("%PDF-1.4\n1 0 obj<</Keywords (TOM, nachweis-content=sha256:abc)>>endobj")); !errors.Is(err, ErrNoStamp) {
		t.Errorf("a PDF without a whole stamp: %v, want ErrNoStamp", err)
	}
	if _, err := ReadStamp([]byte(keywords(testStamp))); err == nil || !strings.Contains(err.Error(), "not a PDF") {
		t.Errorf("text that is not a PDF: %v", err)
	}
	// A zip bomb in a stream stops at the limit.
	bomb := "%PDF-1.7\n1 0 obj<</Filter/FlateDecode>>stream\n" + deflate(strings.Repeat("\x00", 40<<20)) + "\nendstream"
	if _, err := ReadStamp([]byte(bomb)); !errors.Is(err, ErrNoStamp) {
		t.Errorf("bomb: %v", err)
	}
}

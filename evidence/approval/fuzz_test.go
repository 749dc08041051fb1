package approval

import (
	"strings"
	"testing"
)

// FuzzParse: no input makes the approvals parser panic, every error is
// one line, and what it accepts Encode writes and Parse reads back alike.
func FuzzParse(f *testing.F) {
	f.Add([]byte(goodFile))
	f.Add([]byte("schema: nachweis.approvals/v1\napprovals: []\n"))
	f.Add([]byte("schema: nachweis.approvals/v1\napprovals:\n  - &a {document: TOM-acme}\n  - *a\n"))
	f.Add([]byte("schema: nachweis.approvals/v1\napprovals:\n  - {document: TOM-acme, version: 1, content: " + digestA + ", step: approved, name: A, role: B, at: 2026-11-24T10:00:00Z, at: 2026-11-24T10:00:00Z}\n"))
	f.Add([]byte("\xff\xfe"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("approvals.yaml", data)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error of more than one line: %q", err)
			}
			return
		}
		out, err := s.Encode()
		if err != nil {
			t.Fatalf("Encode of an accepted file: %v", err)
		}
		back, err := Parse("approvals.yaml", out)
		if err != nil || len(back.Records) != len(s.Records) {
			t.Fatalf("read back: %v, %d records, want %d", err, len(back.Records), len(s.Records))
		}
	})
}

// FuzzReadStamp: no input makes the PDF stamp reader panic; a stamp it
// reads is valid.
func FuzzReadStamp(f *testing.F) {
	f.Add([]byte("%PDF-1.4\n1 0 obj\n<</Keywords " + utf16Literal(keywords(testStamp)) + ">>\nendobj\n"))
	f.Add([]byte("%PDF-1.7\n5 0 obj<</Filter/FlateDecode>>stream\r\n" + deflate("<</Keywords ("+keywords(testStamp)+")>>") + "\r\nendstream"))
	f.Add([]byte("%PDF-1.4 /Keywords (\\"))
	f.Add([]byte("%PDF-1.4 /Keywords <4"))
	f.Add([]byte("%PDF-1.4 stream\nendstream stream"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ReadStamp(data)
		if err != nil {
			return
		}
		if !ValidDocument(s.Document) || !ValidContent(s.Content) || s.Version < 1 {
			t.Fatalf("invalid stamp %+v", s)
		}
	})
}

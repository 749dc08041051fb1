package approval

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"unicode/utf16"
)

// Stamp is what a rendered document says about itself for its approval:
// its series, version and content digest.
type Stamp struct {
	Document string
	Version  int
	Content  string
}

// The keyword prefixes of a stamp in a PDF's keywords.
const (
	keyDocument = "nachweis-document="
	keyVersion  = "nachweis-version="
	keyContent  = "nachweis-content="
)

// Keywords are the PDF keywords that carry the stamp; ReadStamp reads them
// back.
func (s Stamp) Keywords() []string {
	return []string{keyDocument + s.Document, keyVersion + strconv.Itoa(s.Version), keyContent + s.Content}
}

var stampRE = regexp.MustCompile(`nachweis-document=([A-Za-z0-9][A-Za-z0-9._-]{0,127})\s*,\s*nachweis-version=([0-9]{1,9})\s*,\s*nachweis-content=(sha256:[0-9a-f]{64})`)

// maxInflate bounds what ReadStamp decompresses of one stream and of all
// streams together, so that a hostile file cannot make it run away.
const (
	maxInflate      = 16 << 20
	maxInflateTotal = 64 << 20
)

// ErrNoStamp is returned by ReadStamp for a PDF without a stamp.
var ErrNoStamp = errors.New("no nachweis document stamp (nachweis-document, nachweis-version, nachweis-content) in the PDF keywords")

// ReadStamp reads the stamp of a PDF rendered by nachweis from its
// keywords. It reads the keywords as fpdf writes them (a literal string
// in UTF-16BE) and in the other forms a PDF tool may rewrite them to:
// hex strings, PDFDocEncoding, the document information dictionary inside
// a compressed object stream, and XMP metadata. When the file holds more
// than one stamp (an incremental update), the last one counts.
func ReadStamp(pdf []byte) (Stamp, error) {
	if !bytes.HasPrefix(bytes.TrimLeft(pdf, "\x00\t\n\f\r "), []byte("%PDF-")) {
		return Stamp{}, errors.New("not a PDF file (no %PDF- header)")
	}
	var last *Stamp
	scan := func(b []byte) {
		for _, text := range pdfStrings(b) {
			if s, ok := parseStamp(text); ok {
				last = &s
			}
		}
		// XMP metadata and other plain text.
		if s, ok := parseStamp(string(b)); ok {
			last = &s
		}
	}
	scan(pdf)
	total := 0
	for _, body := range streams(pdf) {
		if total >= maxInflateTotal {
			break
		}
		out, err := inflate(body, min(maxInflate, maxInflateTotal-total))
		if err != nil || len(out) == 0 {
			continue
		}
		total += len(out)
		scan(out)
	}
	if last == nil {
		return Stamp{}, ErrNoStamp
	}
	return *last, nil
}

func parseStamp(text string) (Stamp, bool) {
	m := stampRE.FindAllStringSubmatch(text, -1)
	if len(m) == 0 {
		return Stamp{}, false
	}
	g := m[len(m)-1]
	v, err := strconv.Atoi(g[2])
	if err != nil || v < 1 {
		return Stamp{}, false
	}
	return Stamp{Document: g[1], Version: v, Content: g[3]}, true
}

// pdfStrings decodes the string objects that follow a /Keywords key.
func pdfStrings(b []byte) []string {
	var out []string
	key := []byte("/Keywords")
	for i := 0; ; {
		j := bytes.Index(b[i:], key)
		if j < 0 {
			return out
		}
		i += j + len(key)
		k := i
		for k < len(b) && isSpace(b[k]) {
			k++
		}
		if k >= len(b) {
			return out
		}
		var raw []byte
		var ok bool
		switch b[k] {
		case '(':
			raw, ok = literal(b[k:])
		case '<':
			raw, ok = hexString(b[k:])
		}
		if ok {
			out = append(out, decodeText(raw))
		}
	}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0
}

// literal decodes a PDF literal string starting at b[0] == '('.
func literal(b []byte) ([]byte, bool) {
	var out []byte
	depth := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '(':
			depth++
			if depth == 1 {
				continue
			}
		case c == ')':
			depth--
			if depth == 0 {
				return out, true
			}
		case c == '\\':
			i++
			if i >= len(b) {
				return nil, false
			}
			e := b[i]
			switch e {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case '\r':
				if i+1 < len(b) && b[i+1] == '\n' {
					i++
				}
			case '\n':
			default:
				if e >= '0' && e <= '7' {
					v, n := 0, 0
					for n < 3 && i < len(b) && b[i] >= '0' && b[i] <= '7' {
						v = v*8 + int(b[i]-'0')
						i++
						n++
					}
					i--
					out = append(out, byte(v))
				} else {
					out = append(out, e)
				}
			}
			continue
		}
		out = append(out, c)
	}
	return nil, false
}

// hexString decodes a PDF hex string starting at b[0] == '<'.
func hexString(b []byte) ([]byte, bool) {
	if len(b) > 1 && b[1] == '<' {
		return nil, false // a dictionary
	}
	var out []byte
	var hi int = -1
	for i := 1; i < len(b); i++ {
		c := b[i]
		var v int
		switch {
		case c == '>':
			if hi >= 0 {
				out = append(out, byte(hi<<4))
			}
			return out, true
		case c >= '0' && c <= '9':
			v = int(c - '0')
		case c >= 'a' && c <= 'f':
			v = int(c-'a') + 10
		case c >= 'A' && c <= 'F':
			v = int(c-'A') + 10
		case isSpace(c):
			continue
		default:
			return nil, false
		}
		if hi < 0 {
			hi = v
		} else {
			out = append(out, byte(hi<<4|v))
			hi = -1
		}
	}
	return nil, false
}

// decodeText decodes a PDF text string: UTF-16BE after a byte order mark,
// UTF-8 after its mark, else PDFDocEncoding, which agrees with ASCII on
// everything a stamp holds.
func decodeText(raw []byte) string {
	switch {
	case len(raw) >= 2 && raw[0] == 0xfe && raw[1] == 0xff:
		u := make([]uint16, 0, len(raw)/2)
		for i := 2; i+1 < len(raw); i += 2 {
			u = append(u, uint16(raw[i])<<8|uint16(raw[i+1]))
		}
		return string(utf16.Decode(u))
	case len(raw) >= 3 && raw[0] == 0xef && raw[1] == 0xbb && raw[2] == 0xbf:
		return string(raw[3:])
	}
	return string(raw)
}

// streams returns the bodies of the PDF's streams (between "stream" and
// "endstream").
func streams(b []byte) [][]byte {
	var out [][]byte
	start, end := []byte("stream"), []byte("endstream")
	for i := 0; ; {
		j := bytes.Index(b[i:], start)
		if j < 0 {
			return out
		}
		j += i + len(start)
		// "endstream" contains "stream": skip it.
		if j-len(end) >= 0 && bytes.Equal(b[j-len(end):j], end) {
			i = j
			continue
		}
		switch {
		case bytes.HasPrefix(b[j:], []byte("\r\n")):
			j += 2
		case bytes.HasPrefix(b[j:], []byte("\n")), bytes.HasPrefix(b[j:], []byte("\r")):
			j++
		default:
			i = j
			continue
		}
		k := bytes.Index(b[j:], end)
		if k < 0 {
			return out
		}
		out = append(out, b[j:j+k])
		i = j + k + len(end)
	}
}

// inflate decompresses a FlateDecode stream body, at most limit bytes.
func inflate(body []byte, limit int) ([]byte, error) {
	r, err := zlib.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	defer r.Close()
	out, err := io.ReadAll(io.LimitReader(r, int64(limit)))
	if len(out) > 0 {
		// A stream cut at the limit or with a bad checksum may still
		// hold the stamp.
		return out, nil
	}
	return out, err
}

// String is the stamp on one line.
func (s Stamp) String() string {
	return fmt.Sprintf("%s version %d, content %s", s.Document, s.Version, s.Content)
}

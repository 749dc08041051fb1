package fuzzcheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Message checks what a reader says about input it refuses: one line,
// naming the file (when file is not empty).
func Message(err error, file string) error {
	msg := err.Error()
	switch {
	case msg == "":
		return fmt.Errorf("empty error message")
	case strings.ContainsAny(msg, "\n\r"):
		return fmt.Errorf("error spans lines: %q", msg)
	case file != "" && !strings.Contains(msg, file):
		return fmt.Errorf("error does not name the file %s: %q", file, msg)
	case strings.Contains(msg, "struct {") || strings.Contains(msg, "json.RawMessage") || strings.Contains(msg, "Go value of type") || strings.Contains(msg, "Go struct field"):
		return fmt.Errorf("error shows Go types: %q", msg)
	}
	return nil
}

// Ref checks that ref is "<path>#<pointer>" and that the JSON pointer
// leads to a value of data.
func Ref(ref, path string, data []byte) error {
	d, err := Parse(data)
	if err != nil {
		return fmt.Errorf("ref %q: %w", ref, err)
	}
	return d.Ref(ref, path)
}

// Doc is a decoded JSON document whose pointers are resolved without
// decoding it again.
type Doc struct{ v any }

// Parse decodes data for Doc.Ref and Doc.Resolve.
func Parse(data []byte) (*Doc, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("not JSON: %w", err)
	}
	return &Doc{v: v}, nil
}

// Ref is the package's Ref on the decoded document.
func (d *Doc) Ref(ref, path string) error {
	p, ptr, ok := strings.Cut(ref, "#")
	if !ok || p != path {
		return fmt.Errorf("ref %q does not point into %s", ref, path)
	}
	if _, err := d.Resolve(ptr); err != nil {
		return fmt.Errorf("ref %q: %w", ref, err)
	}
	return nil
}

// Resolve returns the value the JSON pointer ptr (RFC 6901) leads to in
// data. A key matches as encoding/json matches struct fields: exactly,
// else without regard to case.
func Resolve(data []byte, ptr string) (any, error) {
	d, err := Parse(data)
	if err != nil {
		return nil, err
	}
	return d.Resolve(ptr)
}

// Resolve is the package's Resolve on the decoded document.
func (d *Doc) Resolve(ptr string) (any, error) {
	v := d.v
	if ptr == "" {
		return v, nil
	}
	if !strings.HasPrefix(ptr, "/") {
		return nil, fmt.Errorf("pointer %q does not start with /", ptr)
	}
	for _, tok := range strings.Split(ptr[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch x := v.(type) {
		case map[string]any:
			next, ok := x[tok]
			if !ok {
				for k, val := range x {
					if strings.EqualFold(k, tok) {
						next, ok = val, true
						break
					}
				}
			}
			if !ok {
				return nil, fmt.Errorf("pointer %q: no key %q", ptr, tok)
			}
			v = next
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(x) || strconv.Itoa(i) != tok {
				return nil, fmt.Errorf("pointer %q: no index %q", ptr, tok)
			}
			v = x[i]
		default:
			return nil, fmt.Errorf("pointer %q: %q indexes a scalar", ptr, tok)
		}
	}
	return v, nil
}

package approval

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/nachweis/nachweis/evidence/internal/yamlstrict"
)

// MaxFileSize bounds an approvals file; a file of thousands of records
// stays far below it.
const MaxFileSize = 8 << 20

// file is the layout of approvals.yaml.
type file struct {
	Schema    string   `yaml:"schema"`
	Approvals []Record `yaml:"approvals"`
}

// rfc3339 decodes the time of a record: RFC 3339 with a zone, between the
// years 1678 and 2262 like every clock of nachweis.
var rfc3339 = yamlstrict.NewScalar("a time in RFC 3339 with a zone, e.g. 2026-11-23T10:00:00+01:00", func(s string) (time.Time, bool) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil || t.Year() < 1678 || t.Year() > 2261 {
		return time.Time{}, false
	}
	return t, true
})

// Load reads the approvals file at path. A file that does not exist is an
// error wrapping fs.ErrNotExist, so that a caller can treat "no approvals
// yet" as an empty set.
func Load(path string) (*Set, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read approvals: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("read approvals: %s: not a regular file", path)
	}
	if fi.Size() > MaxFileSize {
		return nil, fmt.Errorf("read approvals: %s: %d bytes, more than the limit of %d MiB", path, fi.Size(), MaxFileSize>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read approvals: %w", err)
	}
	return Parse(path, data)
}

// LoadOptional is Load that returns an empty set for a file that does
// not exist.
func LoadOptional(path string) (*Set, error) {
	s, err := Load(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &Set{File: path}, nil
	}
	return s, err
}

// Parse decodes an approvals file strictly. Every error is a
// *yamlstrict.Error naming name, the line and the field.
func Parse(name string, data []byte) (*Set, error) {
	if len(data) > MaxFileSize {
		return nil, &yamlstrict.Error{File: name, Line: 1, Msg: fmt.Sprintf("file too large: more than %d MiB", MaxFileSize>>20)}
	}
	n, err := yamlstrict.Parse(name, data)
	if err != nil {
		return nil, err
	}
	var f file
	d := &yamlstrict.Decoder{File: name, Noun: "field", Unit: "approvals file", Scalars: []yamlstrict.Scalar{rfc3339}}
	lines, err := d.Decode(n, &f)
	if err != nil {
		return nil, err
	}
	bad := func(path, msg string) error {
		return &yamlstrict.Error{File: name, Line: lines.Line(path), Path: path, Msg: msg}
	}
	if n == nil {
		return nil, bad("", fmt.Sprintf("empty file; expected schema: %s and a list approvals", Schema))
	}
	if f.Schema != Schema {
		if f.Schema == "" {
			return nil, bad("schema", "missing; expected "+Schema)
		}
		return nil, bad("schema", fmt.Sprintf("expected %s, got %s", Schema, yamlstrict.Quote(f.Schema)))
	}
	for i, r := range f.Approvals {
		p := "approvals[" + strconv.Itoa(i) + "]"
		if field, want := r.check(); field != "" {
			return nil, bad(p+"."+field, "expected "+want+got(r, field))
		}
		if msg := conflict(f.Approvals, i); msg != "" {
			return nil, bad(p, msg)
		}
	}
	return &Set{File: name, Records: f.Approvals}, nil
}

// got quotes the value of a bad field for the message, if it has one.
func got(r Record, field string) string {
	var v string
	switch field {
	case "document":
		v = r.Document
	case "version":
		if r.Version == 0 {
			return ""
		}
		v = strconv.Itoa(r.Version)
	case "content":
		v = r.Content
	case "step":
		v = string(r.Step)
	case "name":
		v = r.Name
	case "role":
		v = r.Role
	}
	if v == "" {
		return ", got nothing"
	}
	return ", got " + yamlstrict.Quote(v)
}

// Add appends r after validating it against the set: the record must be
// valid and must not contradict a recorded one.
func (s *Set) Add(r Record) error {
	if field, want := r.check(); field != "" {
		return fmt.Errorf("approval: %s: expected %s%s", field, want, got(r, field))
	}
	recs := append(append([]Record{}, s.Records...), r)
	if msg := conflict(recs, len(recs)-1); msg != "" {
		return fmt.Errorf("approval: %s", msg)
	}
	s.Records = recs
	return nil
}

// Encode writes the set as an approvals file: a comment, the schema and
// the records in the order they were added, times in UTC.
func (s *Set) Encode() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("# Approvals of nachweis documents: who prepared, reviewed and approved which\n")
	b.WriteString("# version, bound to the content digest printed on the document's title page.\n")
	b.WriteString("# Written by `nachweis approve`; see the README for the format.\n")
	f := file{Schema: Schema, Approvals: make([]Record, len(s.Records))}
	for i, r := range s.Records {
		r.At = r.At.UTC()
		f.Approvals[i] = r
	}
	if len(f.Approvals) == 0 {
		f.Approvals = nil
	}
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(f); err != nil {
		return nil, fmt.Errorf("encode approvals: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode approvals: %w", err)
	}
	out := b.Bytes()
	// Read back what was written, so that a record the strict reader
	// would refuse never reaches the file.
	if _, err := Parse("approvals", out); err != nil {
		return nil, fmt.Errorf("encode approvals: %w", err)
	}
	return out, nil
}

// String describes a record on one line, e.g. for the approve command.
func (r Record) String() string {
	s := fmt.Sprintf("%s version %d (%s): %s by %s (%s) at %s", r.Document, r.Version, r.Content, r.Step, r.Name, r.Role, r.At.UTC().Format(time.RFC3339))
	if r.Comment != "" {
		s += ": " + strings.ReplaceAll(r.Comment, "\n", " ")
	}
	return s
}

package attest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Error is a problem with an attestation or exception file. Its text is
// "<file>:<line>: field <field>: <message>", e.g.
//
//	attestations/backup-restore.yaml:7: field valid_until: expected a date YYYY-MM-DD after date (2026-03-01), got "2026-02-30"
//
// Field is relative to the attestation or exception it is in (statement.de,
// attachments[0].sha256); it is empty for problems with the whole file.
type Error struct {
	File  string
	Line  int
	Field string
	Msg   string
	// Err is the underlying error, e.g. fs.ErrNotExist for a missing
	// attachment; nil for problems of the file's content.
	Err error
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

func (e *Error) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d: field %s: %s", e.File, e.Line, e.Field, e.Msg)
}

// maxNodes bounds the work of decoding one file, so that nested aliases
// cannot make the decoder run away.
const maxNodes = 100_000

// decoder decodes a yaml.Node tree into Go values strictly: every key must
// be a field, every value must have the field's type, and errors name the
// field and quote only the offending value. It records the line of every
// field path for later validation. (evidence/config has the same decoder
// with durations, dates and secret-key detection; the packages must not
// import each other.)
type decoder struct {
	file  string
	lines map[string]int
	nodes *int
}

func newDecoder(file string, nodes *int) *decoder {
	return &decoder{file: file, lines: map[string]int{}, nodes: nodes}
}

func (d *decoder) errAt(line int, p, format string, args ...any) *Error {
	return &Error{File: d.file, Line: line, Field: p, Msg: fmt.Sprintf(format, args...)}
}

// decode decodes n into v (addressable) at field path p.
func (d *decoder) decode(p string, n *yaml.Node, v reflect.Value) error {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if *d.nodes++; *d.nodes > maxNodes {
		return d.errAt(n.Line, p, "file too large (more than %d values after expanding aliases)", maxNodes)
	}
	if _, ok := d.lines[p]; !ok {
		d.lines[p] = n.Line
	}
	if isNull(n) {
		return nil // an empty value leaves the zero value: "not given"
	}
	switch v.Kind() {
	case reflect.Pointer:
		e := reflect.New(v.Type().Elem())
		if err := d.decode(p, n, e.Elem()); err != nil {
			return err
		}
		v.Set(e)
		return nil
	case reflect.Struct:
		return d.decodeStruct(p, n, v)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return d.errAt(n.Line, p, "expected a list, got %s", describe(n))
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			cp := fmt.Sprintf("%s[%d]", p, i)
			d.lines[cp] = c.Line
			if err := d.decode(cp, c, s.Index(i)); err != nil {
				return err
			}
		}
		v.Set(s)
		return nil
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			return d.errAt(n.Line, p, "expected text, got %s", describe(n))
		}
		v.SetString(n.Value)
		return nil
	}
	// Only reachable when a field of an unsupported type is added to the
	// format; the tests decode every field, so this is a programming error.
	return d.errAt(n.Line, p, "cannot decode into %s", v.Type())
}

// fieldKeys lists the yaml keys of a struct type with their field index.
func fieldKeys(t reflect.Type) ([]string, map[string]int) {
	var keys []string
	index := map[string]int{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		keys = append(keys, name)
		index[name] = i
	}
	return keys, index
}

func (d *decoder) decodeStruct(p string, n *yaml.Node, v reflect.Value) error {
	if n.Kind != yaml.MappingNode {
		return d.errAt(n.Line, p, "expected a mapping, got %s", describe(n))
	}
	keys, index := fieldKeys(v.Type())
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return d.errAt(k.Line, p, "expected a mapping with text keys, got a key that is %s", describe(k))
		}
		cp := join(p, k.Value)
		fi, ok := index[k.Value]
		if !ok {
			return d.errAt(k.Line, cp, "unknown field (expected one of: %s)", strings.Join(keys, ", "))
		}
		if first, dup := seen[k.Value]; dup {
			return d.errAt(k.Line, cp, "field repeated (first on line %d)", first)
		}
		seen[k.Value] = k.Line
		d.lines[cp] = k.Line
		if err := d.decode(cp, val, v.Field(fi)); err != nil {
			return err
		}
	}
	return nil
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// describe names a node for an error message: scalars are quoted
// (shortened), collections named by kind.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if isNull(n) {
		return "nothing"
	}
	return quote(n.Value)
}

// quote quotes a value for a message, shortened so that a message never
// carries more than the start of a long value.
func quote(s string) string {
	const max = 60
	if utf8.RuneCountInString(s) > max {
		r := []rune(s)
		return strconv.Quote(string(r[:max])) + "…"
	}
	return strconv.Quote(s)
}

func join(p, key string) string {
	if p == "" {
		return key
	}
	return p + "." + key
}

// yamlLine finds the line in a yaml.v3 syntax error ("yaml: line 3: ...").
var yamlLine = regexp.MustCompile(`^yaml: line ([0-9]+): (.*)$`)

// parseYAML parses exactly one YAML document; an empty file gives nil.
func parseYAML(name string, data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, syntaxError(name, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		if err != nil {
			return nil, syntaxError(name, err)
		}
		return nil, &Error{File: name, Line: extra.Line, Msg: "expected one YAML document, found another (remove the \"---\")"}
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}

func syntaxError(name string, err error) *Error {
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &Error{File: name, Line: line, Msg: "invalid YAML: " + m[2]}
	}
	// Without a line, yaml.v3 means the first one.
	return &Error{File: name, Line: 1, Msg: "invalid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}
}

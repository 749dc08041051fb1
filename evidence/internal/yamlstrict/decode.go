package yamlstrict

import (
	"fmt"
	"reflect"
	"strings"

	"gopkg.in/yaml.v3"
)

// DefaultMaxNodes is the Decoder's MaxNodes when none is set.
const DefaultMaxNodes = 1_000_000

// Decoder decodes yaml.Node trees into Go values strictly: every key must
// be a field of the struct (by its yaml tag, following ",inline" embedded
// structs), every value must have the field's type. An empty value leaves
// the zero value, so that a pointer or slice field can tell "not given".
//
// It decodes structs, pointers, slices, maps with string keys, strings,
// ints and bools, and the types of its Scalars. The zero Decoder uses the
// defaults of the settings below.
type Decoder struct {
	// File names the file in errors.
	File string
	// Noun is what a key is called in messages ("unknown key", "key
	// repeated"); default "key".
	Noun string
	// Unit is what is too large when MaxNodes is exceeded ("document too
	// large"); default "document".
	Unit string
	// MaxNodes bounds the values decoded, counted after expanding aliases,
	// over all Decode calls of this Decoder; default DefaultMaxNodes.
	MaxNodes int
	// Unknown, when set, may give the message for a key that the struct
	// does not have, given the struct's keys; "" keeps the default
	// "unknown <noun> (expected one of: <keys>)".
	Unknown func(key string, keys []string) string
	// Scalars are types decoded from text in a syntax of their own; they
	// take precedence over the kind of the type, except that a struct
	// type written as a mapping is decoded as a struct.
	Scalars []Scalar

	nodes int
	lines Lines
}

// Decode decodes n into the value v points to. It returns the line of
// every key path it visited; a nil n (an empty file) leaves v as it is.
// Errors are *Error values.
func (d *Decoder) Decode(n *yaml.Node, v any) (Lines, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return nil, fmt.Errorf("yamlstrict: Decode needs a non-nil pointer, got %T", v)
	}
	d.lines = Lines{}
	if n == nil {
		return d.lines, nil
	}
	if err := d.decode("", n, rv.Elem()); err != nil {
		return nil, err
	}
	return d.lines, nil
}

func (d *Decoder) errAt(line int, path, format string, args ...any) *Error {
	return &Error{File: d.File, Line: line, Path: path, Msg: fmt.Sprintf(format, args...)}
}

func (d *Decoder) noun() string {
	if d.Noun == "" {
		return "key"
	}
	return d.Noun
}

// decode decodes n into v (addressable) at key path p.
func (d *Decoder) decode(p string, n *yaml.Node, v reflect.Value) error {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	limit, unit := d.MaxNodes, d.Unit
	if limit <= 0 {
		limit = DefaultMaxNodes
	}
	if unit == "" {
		unit = "document"
	}
	if d.nodes++; d.nodes > limit {
		return d.errAt(n.Line, p, "%s too large (more than %d values after expanding aliases)", unit, limit)
	}
	if _, ok := d.lines[p]; !ok {
		d.lines[p] = n.Line
	}
	if IsNull(n) {
		return nil // an empty value leaves the zero value: "not given"
	}
	for _, s := range d.Scalars {
		if s.typ != v.Type() {
			continue
		}
		if n.Kind == yaml.MappingNode && v.Kind() == reflect.Struct {
			// A struct with a scalar syntax of its own (a text in one
			// language) may still be written out as a mapping.
			break
		}
		text, err := d.scalar(p, n, s.want)
		if err != nil {
			return err
		}
		x, ok := s.parse(text)
		if !ok {
			return d.errAt(n.Line, p, "expected %s, got %s", s.want, Quote(text))
		}
		v.Set(x)
		return nil
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
		return d.decodeSlice(p, n, v)
	case reflect.Map:
		if v.Type().Key().Kind() == reflect.String {
			return d.decodeMap(p, n, v)
		}
	case reflect.String:
		s, err := d.scalar(p, n, "text")
		if err != nil {
			return err
		}
		v.SetString(s)
		return nil
	case reflect.Int:
		var i int
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || n.Decode(&i) != nil {
			return d.errAt(n.Line, p, "expected a whole number, got %s", Describe(n))
		}
		v.SetInt(int64(i))
		return nil
	case reflect.Bool:
		var b bool
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" || n.Decode(&b) != nil {
			return d.errAt(n.Line, p, "expected true or false, got %s", Describe(n))
		}
		v.SetBool(b)
		return nil
	}
	// Only reachable when a field of an unsupported type is added to a
	// format; the formats' tests decode every field, so this is a
	// programming error.
	return d.errAt(n.Line, p, "cannot decode into %s", v.Type())
}

// scalar returns the text of a scalar node or an error naming what was
// expected instead.
func (d *Decoder) scalar(p string, n *yaml.Node, want string) (string, error) {
	if n.Kind != yaml.ScalarNode {
		return "", d.errAt(n.Line, p, "expected %s, got %s", want, Describe(n))
	}
	return n.Value, nil
}

func (d *Decoder) decodeSlice(p string, n *yaml.Node, v reflect.Value) error {
	if n.Kind != yaml.SequenceNode {
		return d.errAt(n.Line, p, "expected a list, got %s", Describe(n))
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
}

func (d *Decoder) decodeMap(p string, n *yaml.Node, v reflect.Value) error {
	if n.Kind != yaml.MappingNode {
		return d.errAt(n.Line, p, "expected a mapping, got %s", Describe(n))
	}
	m := reflect.MakeMapWithSize(v.Type(), len(n.Content)/2)
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || IsNull(k) {
			return d.errAt(k.Line, p, "expected a mapping with text keys, got a key that is %s", Describe(k))
		}
		cp := join(p, k.Value)
		if first, dup := seen[k.Value]; dup {
			return d.errAt(k.Line, cp, "%s repeated (first on line %d)", d.noun(), first)
		}
		seen[k.Value] = k.Line
		d.lines[cp] = k.Line
		e := reflect.New(v.Type().Elem()).Elem()
		if err := d.decode(cp, val, e); err != nil {
			return err
		}
		m.SetMapIndex(reflect.ValueOf(k.Value).Convert(v.Type().Key()), e)
	}
	v.Set(m)
	return nil
}

func (d *Decoder) decodeStruct(p string, n *yaml.Node, v reflect.Value) error {
	if n.Kind != yaml.MappingNode {
		return d.errAt(n.Line, p, "expected a mapping, got %s", Describe(n))
	}
	fields := fieldsOf(v.Type())
	keys := make([]string, len(fields))
	byKey := make(map[string][]int, len(fields))
	for i, f := range fields {
		keys[i] = f.key
		byKey[f.key] = f.index
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return d.errAt(k.Line, p, "expected a mapping with text keys, got a key that is %s", Describe(k))
		}
		cp := join(p, k.Value)
		index, ok := byKey[k.Value]
		if !ok {
			if d.Unknown != nil {
				if msg := d.Unknown(k.Value, keys); msg != "" {
					return &Error{File: d.File, Line: k.Line, Path: cp, Msg: msg}
				}
			}
			return d.errAt(k.Line, cp, "unknown %s (expected one of: %s)", d.noun(), strings.Join(keys, ", "))
		}
		if first, dup := seen[k.Value]; dup {
			return d.errAt(k.Line, cp, "%s repeated (first on line %d)", d.noun(), first)
		}
		seen[k.Value] = k.Line
		d.lines[cp] = k.Line
		if err := d.decode(cp, val, v.FieldByIndex(index)); err != nil {
			return err
		}
	}
	return nil
}

// field is one key of a struct: its index path (through inline embedded
// structs) in the Go value.
type field struct {
	key   string
	index []int
}

// fieldsOf lists the yaml keys of a struct type in field order, following
// embedded structs tagged ",inline". A field tagged "-" and unexported
// fields have no key; an untagged field's key is its lower-cased name.
func fieldsOf(t reflect.Type) []field {
	var out []field
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		if tag == "-" || !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if opts == "inline" && f.Type.Kind() == reflect.Struct {
			for _, inner := range fieldsOf(f.Type) {
				inner.index = append([]int{i}, inner.index...)
				out = append(out, inner)
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out = append(out, field{key: name, index: []int{i}})
	}
	return out
}

// join appends key to the key path p.
func join(p, key string) string {
	if p == "" {
		return key
	}
	return p + "." + key
}

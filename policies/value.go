package policies

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"
)

// toValue converts a Go value to the OPA value that encoding/json's
// encoding of it, parsed by OPA (ast.ValueFromReader), would give, without
// writing and parsing the JSON: the input of a large provider is a few
// hundred thousand values, and the round trip cost more than the
// conversion itself. Equal strings share one term (OPA never changes the
// terms of its input), which keeps the value small.
//
// It follows encoding/json for what the projections use: structs by their
// json tags (omitempty and "-"), maps with string keys, slices and arrays
// (nil slices and maps as null), pointers, interfaces, strings (invalid
// UTF-8 replaced by U+FFFD byte by byte, as encoding/json writes it),
// booleans and integers. Everything else, and any type with its own JSON
// or text encoding, is encoded by encoding/json and parsed by OPA, so
// the value is the same whichever way it is built (TestToValueMatchesJSON).
func toValue(v any) (ast.Value, error) {
	c := converter{strings: map[string]*ast.Term{}}
	t, err := c.term(reflect.ValueOf(v))
	if err != nil {
		return nil, err
	}
	return t.Value, nil
}

type converter struct {
	strings map[string]*ast.Term
}

var (
	marshalerType     = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
	nullTerm          = ast.NullTerm()
	trueTerm          = ast.BooleanTerm(true)
	falseTerm         = ast.BooleanTerm(false)
)

func (c *converter) str(s string) *ast.Term {
	if t, ok := c.strings[s]; ok {
		return t
	}
	v := s
	if !utf8.ValidString(v) {
		var sb strings.Builder
		for i := 0; i < len(s); {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				sb.WriteRune(utf8.RuneError)
			} else {
				sb.WriteString(s[i : i+n])
			}
			i += n
		}
		v = sb.String()
	}
	t := ast.StringTerm(v)
	c.strings[s] = t
	return t
}

func (c *converter) term(v reflect.Value) (*ast.Term, error) {
	if !v.IsValid() {
		return nullTerm, nil
	}
	t := v.Type()
	if t.Implements(marshalerType) || t.Implements(textMarshalerType) ||
		v.CanAddr() && (reflect.PointerTo(t).Implements(marshalerType) || reflect.PointerTo(t).Implements(textMarshalerType)) {
		return viaJSON(v)
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nullTerm, nil
		}
		return c.term(v.Elem())
	case reflect.String:
		return c.str(v.String()), nil
	case reflect.Bool:
		if v.Bool() {
			return trueTerm, nil
		}
		return falseTerm, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return ast.NumberTerm(json.Number(strconv.FormatInt(v.Int(), 10))), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return ast.NumberTerm(json.Number(strconv.FormatUint(v.Uint(), 10))), nil
	case reflect.Slice:
		if v.IsNil() {
			return nullTerm, nil
		}
		if t.Elem().Kind() == reflect.Uint8 {
			return viaJSON(v) // base64
		}
		fallthrough
	case reflect.Array:
		terms := make([]*ast.Term, v.Len())
		for i := range terms {
			e, err := c.term(v.Index(i))
			if err != nil {
				return nil, err
			}
			terms[i] = e
		}
		return ast.ArrayTerm(terms...), nil
	case reflect.Map:
		if v.IsNil() {
			return nullTerm, nil
		}
		if t.Key().Kind() != reflect.String || t.Key().Implements(textMarshalerType) {
			return viaJSON(v)
		}
		obj := ast.NewObjectWithCapacity(v.Len())
		it := v.MapRange()
		for it.Next() {
			e, err := c.term(it.Value())
			if err != nil {
				return nil, err
			}
			obj.Insert(c.str(it.Key().String()), e)
		}
		return ast.NewTerm(obj), nil
	case reflect.Struct:
		fields, ok := structFields(t)
		if !ok {
			return viaJSON(v)
		}
		obj := ast.NewObjectWithCapacity(len(fields))
		for _, f := range fields {
			fv := v.Field(f.index)
			if f.omitEmpty && isEmpty(fv) {
				continue
			}
			e, err := c.term(fv)
			if err != nil {
				return nil, err
			}
			obj.Insert(c.str(f.name), e)
		}
		return ast.NewTerm(obj), nil
	}
	return viaJSON(v)
}

// viaJSON converts v the slow way: encoding/json, parsed by OPA.
func viaJSON(v reflect.Value) (*ast.Term, error) {
	x := v.Interface()
	if v.CanAddr() {
		x = v.Addr().Interface() // as encoding/json, which uses pointer methods of what it can address
	}
	b, err := json.Marshal(x)
	if err != nil {
		return nil, fmt.Errorf("encode policy input: %w", err)
	}
	val, err := ast.ValueFromReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("convert policy input: %w", err)
	}
	return ast.NewTerm(val), nil
}

// field is a struct field as encoding/json encodes it.
type field struct {
	name      string
	index     int
	omitEmpty bool
}

var fieldCache sync.Map // reflect.Type → []field, or nil when not plain

// structFields lists the fields encoding/json encodes of a struct type:
// exported, not tagged "-". ok is false for a struct with embedded fields
// or tag options other than omitempty, which are left to encoding/json.
func structFields(t reflect.Type) ([]field, bool) {
	if f, ok := fieldCache.Load(t); ok {
		fs := f.([]field)
		return fs, fs != nil
	}
	var fs []field
	plain := true
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.Anonymous {
			plain = false
			break
		}
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if opts != "" && opts != "omitempty" || !validTagName(name) {
			plain = false
			break
		}
		if name == "" {
			name = sf.Name
		}
		fs = append(fs, field{name: name, index: i, omitEmpty: opts == "omitempty"})
	}
	// encoding/json drops fields whose names collide; the projections
	// have none, but a struct that had would be left to encoding/json.
	names := map[string]bool{}
	for _, f := range fs {
		if names[f.name] {
			plain = false
		}
		names[f.name] = true
	}
	if !plain {
		fs = nil
	} else if fs == nil {
		fs = []field{}
	}
	fieldCache.Store(t, fs)
	return fs, plain
}

// validTagName accepts the names encoding/json takes from a tag as they
// are; "" means the field's name.
func validTagName(s string) bool {
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case c >= 0x80, c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		default:
			return false
		}
	}
	return true
}

// isEmpty is encoding/json's notion of an empty value for omitempty.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64,
		reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

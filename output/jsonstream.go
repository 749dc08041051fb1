package output

import (
	"bufio"
	"bytes"
	"encoding"
	"encoding/json"
	"io"
	"reflect"
	"strings"
	"sync"
)

// streamJSON writes v as json.Encoder with SetIndent("", "  ") and
// SetEscapeHTML(false) writes it, byte for byte, followed by a newline,
// without holding the whole document in memory: the outer structs and
// slices (the results, their checks, a check's findings) are written
// member by member, and each member is encoded on its own. A provider of
// thousands of tenants has results of tens of megabytes, which the
// encoder would otherwise hold twice, encoded and indented.
//
// An error of the encoding (never one of the results model) leaves what
// was written before it; files are written through a staging file
// (internal/outfile), which is then removed.
func streamJSON(w io.Writer, v any) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	s := &jsonStreamer{w: bw}
	if err := s.value(reflect.ValueOf(v), "", 0); err != nil {
		return err
	}
	if err := bw.WriteByte('\n'); err != nil {
		return err
	}
	return bw.Flush()
}

// encodeError is an error of encoding/json, as opposed to one of writing.
type encodeError struct{ err error }

func (e *encodeError) Error() string { return e.err.Error() }
func (e *encodeError) Unwrap() error { return e.err }

// streamDepth is how many levels of structs and slices are written
// member by member; deeper values are encoded whole.
const streamDepth = 4

type jsonStreamer struct {
	w   *bufio.Writer
	buf bytes.Buffer
	// encs are the encoders into buf, one per indentation: an encoder
	// keeps its indentation buffer from value to value, so that writing
	// 28,000 findings does not allocate 28,000 of them.
	encs map[string]*json.Encoder
}

var (
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// value writes v at the given indentation (the prefix of its lines after
// the first).
func (s *jsonStreamer) value(v reflect.Value, indent string, depth int) error {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() || depth >= streamDepth || ownEncoding(v.Type()) {
			break
		}
		v = v.Elem()
	}
	if depth < streamDepth && !ownEncoding(v.Type()) && (!v.CanAddr() || !ownEncoding(reflect.PointerTo(v.Type()))) {
		switch v.Kind() {
		case reflect.Struct:
			if fields, ok := jsonFields(v.Type()); ok {
				return s.object(v, fields, indent, depth)
			}
		case reflect.Slice:
			if !v.IsNil() && v.Type().Elem().Kind() != reflect.Uint8 {
				return s.array(v, indent, depth)
			}
		}
	}
	return s.encode(v, indent)
}

// ownEncoding reports whether t encodes itself (MarshalJSON, MarshalText).
func ownEncoding(t reflect.Type) bool {
	return t.Implements(jsonMarshalerType) || t.Implements(textMarshalerType)
}

func (s *jsonStreamer) encode(v reflect.Value, indent string) error {
	s.buf.Reset()
	enc, ok := s.encs[indent]
	if !ok {
		enc = json.NewEncoder(&s.buf)
		enc.SetIndent(indent, "  ")
		enc.SetEscapeHTML(false)
		if s.encs == nil {
			s.encs = map[string]*json.Encoder{}
		}
		s.encs[indent] = enc
	}
	x := v.Interface()
	if v.CanAddr() {
		x = v.Addr().Interface() // pointer methods, as the encoder of the whole uses them
	}
	if err := enc.Encode(x); err != nil {
		return &encodeError{err}
	}
	_, err := s.w.Write(bytes.TrimSuffix(s.buf.Bytes(), []byte("\n")))
	return err
}

func (s *jsonStreamer) object(v reflect.Value, fields []jsonField, indent string, depth int) error {
	inner := indent + "  "
	n := 0
	for _, f := range fields {
		fv := v.Field(f.index)
		if f.omitEmpty && emptyValue(fv) {
			continue
		}
		if n == 0 {
			s.w.WriteString("{\n")
		} else {
			s.w.WriteString(",\n")
		}
		n++
		s.w.WriteString(inner)
		s.w.Write(f.key)
		s.w.WriteString(": ")
		if err := s.value(fv, inner, depth+1); err != nil {
			return err
		}
	}
	if n == 0 {
		_, err := s.w.WriteString("{}")
		return err
	}
	s.w.WriteString("\n")
	s.w.WriteString(indent)
	_, err := s.w.WriteString("}")
	return err
}

func (s *jsonStreamer) array(v reflect.Value, indent string, depth int) error {
	if v.Len() == 0 {
		_, err := s.w.WriteString("[]")
		return err
	}
	inner := indent + "  "
	s.w.WriteString("[\n")
	for i := range v.Len() {
		if i > 0 {
			s.w.WriteString(",\n")
		}
		s.w.WriteString(inner)
		if err := s.value(v.Index(i), inner, depth+1); err != nil {
			return err
		}
	}
	s.w.WriteString("\n")
	s.w.WriteString(indent)
	_, err := s.w.WriteString("]")
	return err
}

// jsonField is a struct field as encoding/json writes it.
type jsonField struct {
	key       []byte // the quoted name
	index     int
	omitEmpty bool
}

var jsonFieldCache sync.Map // reflect.Type → []jsonField, nil when left to encoding/json

// jsonFields lists the fields encoding/json writes of a struct type, in
// order. ok is false for what the streamer leaves to encoding/json:
// embedded fields, tag options other than omitempty, names that collide
// or need escaping.
func jsonFields(t reflect.Type) ([]jsonField, bool) {
	if f, ok := jsonFieldCache.Load(t); ok {
		fs := f.([]jsonField)
		return fs, fs != nil
	}
	var fs []jsonField
	plain := true
	seen := map[string]bool{}
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
		if opts != "" && opts != "omitempty" {
			plain = false
			break
		}
		if name == "" {
			name = sf.Name
		}
		for _, c := range name {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '$' || c == '@') {
				plain = false
			}
		}
		if seen[name] {
			plain = false
		}
		seen[name] = true
		fs = append(fs, jsonField{key: []byte(`"` + name + `"`), index: i, omitEmpty: opts == "omitempty"})
	}
	if !plain {
		fs = nil
	} else if fs == nil {
		fs = []jsonField{}
	}
	jsonFieldCache.Store(t, fs)
	return fs, plain
}

// emptyValue is encoding/json's notion of empty for omitempty.
func emptyValue(v reflect.Value) bool {
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

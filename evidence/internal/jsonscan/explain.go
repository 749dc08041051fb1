package jsonscan

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/nachweis/nachweis/evidence/internal/printable"
)

// TypeError is a JSON value of another type than the reader expects.
type TypeError struct {
	// File is the file the value is in; empty when not known (yet).
	File string
	// Pointer is the value's JSON pointer; "" is the whole document.
	Pointer string
	// Expected and Found name the types in words, e.g. "an array of
	// objects" and "a string". Found never quotes the value itself,
	// which may be a secret.
	Expected, Found string
	// Context names what the value belongs to, e.g. "Pod acme/web";
	// may be empty.
	Context string
}

func (e *TypeError) Error() string {
	where := pointerText(e.Pointer)
	if e.File != "" {
		where = e.File + "#" + printable.String(e.Pointer)
	}
	if e.Context != "" {
		where += " (" + printable.String(e.Context) + ")"
	}
	return fmt.Sprintf("%s: expected %s, found %s", where, e.Expected, e.Found)
}

// Explain turns an error of decoding data with encoding/json into one
// that names where and what: a *json.UnmarshalTypeError becomes a
// *TypeError with the value's JSON pointer and both types in words, a
// *json.SyntaxError a *SyntaxError with the pointer of the value being
// read. Other errors are returned as they are.
func Explain(data []byte, err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		// The offset is just after a scalar, or just after the opening
		// bracket of a container: its last byte is inside the value.
		return &TypeError{
			Pointer:  PointerAt(data, te.Offset-1),
			Expected: describeType(te.Type),
			Found:    describeValue(te.Value),
		}
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		s := scanner{data: data, target: -1}
		var own *SyntaxError
		if errors.As(s.run(), &own) {
			return own
		}
		msg := strings.TrimPrefix(se.Error(), "json: ")
		if msg == "unexpected end of JSON input" {
			msg = "unexpected end of input (truncated JSON)"
		}
		return &SyntaxError{Offset: se.Offset, Pointer: PointerAt(data, se.Offset-1), Msg: msg}
	}
	return err
}

// Decode unmarshals raw, the value at JSON pointer ptr of a document ("" for
// the document itself), into v with encoding/json. A type error becomes a
// *TypeError whose pointer starts with ptr, invalid JSON a *SyntaxError
// (see Explain).
func Decode(raw []byte, ptr string, v any) error {
	err := json.Unmarshal(raw, v)
	if err == nil {
		return nil
	}
	err = Explain(raw, err)
	var te *TypeError
	if errors.As(err, &te) && te.File == "" {
		out := *te
		out.Pointer = ptr + te.Pointer
		return &out
	}
	if ptr == "" {
		return err
	}
	return fmt.Errorf("%s: %w", ptr, err)
}

// Within prefixes err, an error about the value at JSON pointer ptr of a
// document, with ptr, unless err's chain holds a *TypeError: that one
// names its full pointer already (decode with Decode and the full
// pointer of the value).
func Within(ptr string, err error) error {
	if err == nil || ptr == "" {
		return err
	}
	var te *TypeError
	if errors.As(err, &te) {
		return err
	}
	return fmt.Errorf("%s: %w", ptr, err)
}

// At places an error about a value decoded from the raw bytes at ref
// ("<file>#<JSON pointer>", as in evidence refs): a *TypeError's pointer,
// relative to those bytes, is appended to ref's; other errors are
// prefixed with ref. A nil error stays nil.
func At(ref string, err error) error {
	if err == nil {
		return nil
	}
	file, ptr, _ := strings.Cut(ref, "#")
	var te *TypeError
	if errors.As(err, &te) {
		out := *te
		if out.File == "" {
			out.File, out.Pointer = file, ptr+te.Pointer
		}
		return &out
	}
	return fmt.Errorf("%s: %w", ref, err)
}

// AtObject is At for an error about the object what (e.g. "Pod
// acme/web") at ref: a *TypeError names it in parentheses after its
// pointer; other errors read "<ref> <what>: <err>". what comes from the
// evidence and is written printable (see printable.String).
func AtObject(ref, what string, err error) error {
	if err == nil {
		return nil
	}
	var te *TypeError
	if errors.As(At(ref, err), &te) {
		te.Context = what
		return te
	}
	return fmt.Errorf("%s %s: %w", ref, printable.String(what), err)
}

// Under explains err (see Explain) of decoding raw, the value of the
// member name of an object, so that its pointer starts with /name.
func Under(name string, raw []byte, err error) error {
	err = Explain(raw, err)
	var te *TypeError
	if errors.As(err, &te) && te.File == "" {
		out := *te
		out.Pointer = "/" + escape([]byte(name)) + te.Pointer
		return &out
	}
	return fmt.Errorf("%s: %w", name, err)
}

// UnderPointer is Under for a value found at a JSON pointer below the
// object being decoded (/spec/template/spec): the error's pointer is
// prefixed with it as it stands.
func UnderPointer(pointer string, raw []byte, err error) error {
	err = Explain(raw, err)
	var te *TypeError
	if errors.As(err, &te) && te.File == "" {
		out := *te
		out.Pointer = pointer + te.Pointer
		return &out
	}
	return fmt.Errorf("%s: %w", pointer, err)
}

var (
	rawMessageType = reflect.TypeFor[json.RawMessage]()
	numberType     = reflect.TypeFor[json.Number]()
)

// describeType names what a Go type accepts in JSON, in words.
func describeType(t reflect.Type) string {
	if t == nil {
		return "another type"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case rawMessageType:
		return "a JSON value"
	case numberType:
		return "a number"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean (true or false)"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "an integer"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "a non-negative integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return "a base64 string"
		}
		return "an array of " + plural(t.Elem())
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return "a JSON value"
}

// plural names the elements of an array of t.
func plural(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case rawMessageType:
		return "JSON values"
	case numberType:
		return "numbers"
	}
	switch t.Kind() {
	case reflect.String:
		return "strings"
	case reflect.Bool:
		return "booleans"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "integers"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "non-negative integers"
	case reflect.Float32, reflect.Float64:
		return "numbers"
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return "base64 strings"
		}
		return "arrays of " + plural(t.Elem())
	case reflect.Map, reflect.Struct:
		return "objects"
	}
	return "JSON values"
}

// describeValue names encoding/json's UnmarshalTypeError.Value in words,
// without the value: "number 1.5" is "a number".
func describeValue(v string) string {
	kind, _, _ := strings.Cut(v, " ")
	switch kind {
	case "string":
		return "a string"
	case "number":
		return "a number"
	case "bool":
		return "a boolean"
	case "array":
		return "an array"
	case "object":
		return "an object"
	case "null":
		return "null"
	}
	return "another type"
}

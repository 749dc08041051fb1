package output

import (
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nachweis/nachweis/controls"
)

// SafeText makes s harmless on a terminal or in a CI log: every control
// character but line feed and tab (ESC starting a colour, cursor or OSC
// title sequence; BEL; carriage return, which would let a line overwrite
// itself; the 8-bit CSI 0x9B), every bidirectional control (U+202E would
// let a name read backwards) and every byte that is not UTF-8 becomes
// U+FFFD, as in the JUnit output. Evidence names (namespaces, subjects,
// file names) are not validated by their sources, so every text written
// for a terminal passes through here.
func SafeText(s string) string {
	if isSafeText(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if (r == utf8.RuneError && n == 1) || !safeRune(r) {
			b.WriteRune(unicode.ReplacementChar)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isSafeText(s string) bool {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if (r == utf8.RuneError && n == 1) || !safeRune(r) {
			return false
		}
	}
	return true
}

func safeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return true
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		return false
	case r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
		return false
	}
	return true
}

// safeResults returns a copy of r with every string passed through
// SafeText, so that the text writer cannot forget a field: a field added
// to the results model later is covered too.
func safeResults(r *controls.Results) *controls.Results {
	out := safeValue(reflect.ValueOf(*r)).Interface().(controls.Results)
	return &out
}

// safeValue copies v with SafeText applied to every string in it
// (exported fields, elements, map keys and values).
func safeValue(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.String:
		out := reflect.New(v.Type()).Elem()
		out.SetString(SafeText(v.String()))
		return out
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		out.Set(v) // unexported fields (time.Time's) as they are
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				out.Field(i).Set(safeValue(v.Field(i)))
			}
		}
		return out
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			out.Index(i).Set(safeValue(v.Index(i)))
		}
		return out
	case reflect.Array:
		out := reflect.New(v.Type()).Elem()
		for i := range v.Len() {
			out.Index(i).Set(safeValue(v.Index(i)))
		}
		return out
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeMapWithSize(v.Type(), v.Len())
		iter := v.MapRange()
		for iter.Next() {
			out.SetMapIndex(safeValue(iter.Key()), safeValue(iter.Value()))
		}
		return out
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type().Elem())
		out.Elem().Set(safeValue(v.Elem()))
		return out
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type()).Elem()
		out.Set(safeValue(v.Elem()))
		return out
	}
	return v
}

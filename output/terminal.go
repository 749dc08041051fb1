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

// safeResults returns r with every string passed through SafeText, so
// that the text writer cannot forget a field: a field added to the
// results model later is covered too. What needs no change is shared with
// r, not copied: results are almost always safe, and copying 28,000
// findings would cost more than writing them.
func safeResults(r *controls.Results) *controls.Results {
	out, changed := safeValue(reflect.ValueOf(*r))
	if !changed {
		return r
	}
	c := out.Interface().(controls.Results)
	return &c
}

// safeValue returns v with SafeText applied to every string in it
// (exported fields, elements, map keys and values), and whether anything
// changed. A value in which nothing changes is returned as it is; one in
// which something does is a copy, sharing its unchanged parts with v.
func safeValue(v reflect.Value) (reflect.Value, bool) {
	switch v.Kind() {
	case reflect.String:
		s := v.String()
		if isSafeText(s) {
			return v, false
		}
		out := reflect.New(v.Type()).Elem()
		out.SetString(SafeText(s))
		return out, true
	case reflect.Struct:
		var out reflect.Value
		for i := range v.NumField() {
			if !v.Type().Field(i).IsExported() {
				continue
			}
			f, changed := safeValue(v.Field(i))
			if !changed {
				continue
			}
			if !out.IsValid() {
				out = reflect.New(v.Type()).Elem()
				out.Set(v) // unexported fields (time.Time's) as they are
			}
			out.Field(i).Set(f)
		}
		if !out.IsValid() {
			return v, false
		}
		return out, true
	case reflect.Slice:
		if v.IsNil() {
			return v, false
		}
		var out reflect.Value
		for i := range v.Len() {
			e, changed := safeValue(v.Index(i))
			if !changed {
				continue
			}
			if !out.IsValid() {
				out = reflect.MakeSlice(v.Type(), v.Len(), v.Len())
				reflect.Copy(out, v)
			}
			out.Index(i).Set(e)
		}
		if !out.IsValid() {
			return v, false
		}
		return out, true
	case reflect.Array:
		var out reflect.Value
		for i := range v.Len() {
			e, changed := safeValue(v.Index(i))
			if !changed {
				continue
			}
			if !out.IsValid() {
				out = reflect.New(v.Type()).Elem()
				out.Set(v)
			}
			out.Index(i).Set(e)
		}
		if !out.IsValid() {
			return v, false
		}
		return out, true
	case reflect.Map:
		if v.IsNil() {
			return v, false
		}
		changed := false
		iter := v.MapRange()
		for iter.Next() {
			_, k := safeValue(iter.Key())
			_, e := safeValue(iter.Value())
			if k || e {
				changed = true
				break
			}
		}
		if !changed {
			return v, false
		}
		out := reflect.MakeMapWithSize(v.Type(), v.Len())
		iter = v.MapRange()
		for iter.Next() {
			k, _ := safeValue(iter.Key())
			e, _ := safeValue(iter.Value())
			out.SetMapIndex(k, e)
		}
		return out, true
	case reflect.Pointer:
		if v.IsNil() {
			return v, false
		}
		e, changed := safeValue(v.Elem())
		if !changed {
			return v, false
		}
		out := reflect.New(v.Type().Elem())
		out.Elem().Set(e)
		return out, true
	case reflect.Interface:
		if v.IsNil() {
			return v, false
		}
		e, changed := safeValue(v.Elem())
		if !changed {
			return v, false
		}
		out := reflect.New(v.Type()).Elem()
		out.Set(e)
		return out, true
	}
	return v, false
}

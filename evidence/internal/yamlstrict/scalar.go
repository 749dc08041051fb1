package yamlstrict

import (
	"reflect"
	"time"
)

// Scalar decodes one Go type from text in a syntax of its own, such as a
// date or a duration, instead of by the type's kind.
type Scalar struct {
	typ   reflect.Type
	want  string
	parse func(string) (reflect.Value, bool)
}

// NewScalar makes the Scalar for type T. parse converts a value's text and
// reports whether it is valid; want says what is expected, for the
// message "expected <want>, got <value>".
func NewScalar[T any](want string, parse func(string) (T, bool)) Scalar {
	return Scalar{
		typ:  reflect.TypeFor[T](),
		want: want,
		parse: func(s string) (reflect.Value, bool) {
			v, ok := parse(s)
			return reflect.ValueOf(v), ok
		},
	}
}

// Date decodes a time.Time from a date YYYY-MM-DD, at midnight UTC.
var Date = NewScalar("a date YYYY-MM-DD", func(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
})

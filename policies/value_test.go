package policies

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/nachweis/nachweis/evidence/scaletest"
)

// viaRoundTrip is how the input used to be converted: encoding/json, then
// parsed by OPA.
func viaRoundTrip(t *testing.T, v any) ast.Value {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	val, err := ast.ValueFromReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return val
}

func checkToValue(t *testing.T, v any) {
	t.Helper()
	got, err := toValue(v)
	if err != nil {
		t.Fatal(err)
	}
	want := viaRoundTrip(t, v)
	if ast.Compare(got, want) != 0 {
		t.Fatalf("toValue differs from the JSON round trip:\n got %v\nwant %v", got, want)
	}
}

type embedded struct {
	E string `json:"e"`
}

type textKey string

func (k textKey) MarshalText() ([]byte, error) { return []byte("k-" + string(k)), nil }

type ptrMarshaler struct{ n int }

func (p *ptrMarshaler) MarshalJSON() ([]byte, error) { return []byte(`{"ptr":true}`), nil }

// TestToValueMatchesJSON: the value built directly equals the value of
// the JSON encoding, for the input of the demo and of a generated
// provider and for every kind of Go value encoding/json treats its own
// way.
func TestToValueMatchesJSON(t *testing.T) {
	t.Run("demo", func(t *testing.T) {
		opt := demoRunOptions(t)
		in, err := BuildInput(opt.Bundle, opt.Config, opt.Now)
		if err != nil {
			t.Fatal(err)
		}
		checkToValue(t, in)
	})
	t.Run("scale", func(t *testing.T) {
		f := scaletest.Generate(t, t.TempDir(), 20)
		in, err := BuildInput(f.Bundle, f.Config, f.Now)
		if err != nil {
			t.Fatal(err)
		}
		checkToValue(t, in)
	})
	one := 1
	for name, v := range map[string]any{
		"omitempty": struct {
			A string         `json:"a,omitempty"`
			B []int          `json:"b,omitempty"`
			C map[string]int `json:"c,omitempty"`
			D *int           `json:"d,omitempty"`
			E bool           `json:"e,omitempty"`
			F int            `json:"f,omitempty"`
			G [0]int         `json:"g,omitempty"`
			H any            `json:"h,omitempty"`
		}{},
		"set": struct{ A, B *int }{A: &one},
		"nil and empty": struct {
			A []string          `json:"a"`
			B []string          `json:"b"`
			C map[string]string `json:"c"`
			D map[string]string `json:"d"`
		}{B: []string{}, D: map[string]string{}},
		"strings":  []string{"", "ä€", "a\xffb\xfe", "\xed\xa0\x80", "<&>", "\u2028", "\x00\x1f"},
		"numbers":  []any{0, -1, int64(math.MaxInt64), int64(math.MinInt64), uint64(math.MaxUint64), 1.5, 1e21, float32(0.1), math.Copysign(0, -1)},
		"bytes":    struct{ B []byte }{B: []byte("raw")},
		"time":     struct{ T time.Time }{T: time.Date(2026, 11, 23, 19, 0, 0, 5, time.UTC)},
		"raw":      struct{ R json.RawMessage }{R: json.RawMessage(`{"x":[1,2]}`)},
		"embedded": struct{ embedded }{embedded{E: "x"}},
		"tag options": struct {
			N int `json:"n,string"`
		}{N: 3},
		"unexported": struct{ a, B int }{a: 1, B: 2},
		"no tag":     struct{ Name string }{Name: "x"},
		"dash": struct {
			A string `json:"-"`
			//lint:ignore SA5008 a field named "-" must be converted as encoding/json does
			B string `json:"-,"`
		}{A: "a", B: "b"},
		"int keys":                map[int]string{2: "b", 1: "a"},
		"text keys":               map[textKey]int{"x": 1},
		"pointer method":          struct{ P []ptrMarshaler }{P: []ptrMarshaler{{1}}},
		"pointer method by value": map[string]ptrMarshaler{"a": {1}},
		"nested pointers":         func() any { s := "x"; p := &s; return struct{ P **string }{P: &p} }(),
		"interface":               []any{nil, "s", map[string]any{"k": []any{true, false, nil}}},
	} {
		t.Run(name, func(t *testing.T) { checkToValue(t, v) })
	}
}

// TestToValueSharesStrings: equal strings are one term.
func TestToValueSharesStrings(t *testing.T) {
	v, err := toValue(map[string][]string{"a": {"kunde-0001-prod", "x"}, "b": {"kunde-0001-prod"}})
	if err != nil {
		t.Fatal(err)
	}
	obj := v.(ast.Object)
	a := obj.Get(ast.StringTerm("a")).Value.(*ast.Array).Elem(0)
	b := obj.Get(ast.StringTerm("b")).Value.(*ast.Array).Elem(0)
	if a != b {
		t.Errorf("the same string became two terms")
	}
}

package jsonscan

import (
	"encoding/json"
	"testing"
)

// decoderCorpus holds valid and invalid documents, with and without
// duplicate keys.
var decoderCorpus = []string{
	`{}`, `[]`, `"x"`, `{"a":1}`, ` {"a" : [1, 2.5e-3, -0, true, false, null, "s\u00e4\n\"", {}, []]} `,
	`{"a":1,"a":2}`, `{"a":1,"A":2}`, `{"labels":{"a":1,"A":2}}`, `{"labels":{"a":1,"a":2}}`,
	`{"a":{"b":{"c":[{"d":1},{"d":2,"D":3}]}}}`, `{"kind":"Pod","\u006bind":"x"}`, `{"kind":1,"\u212aind":2}`,
	`{"a":1,}`, `[1,]`, `{"a" 1}`, `[1 2]`, `{"a":tru}`, `[nul]`, `[-]`, `[01]`, `[1.]`, `[1e]`, `[.5]`,
	"[\"\x01\"]", `["\x"]`, `["\u12"]`, `["\ud800"]`, "[\"\xff\"]", `{} {}`, `{"a":1]`, `[1}`, `{`, `[`, `"abc`,
	`{"a":"b"`, `[1,2`, ``, ` `, `nul`, `1`, `-1.5e+10`, `{"":1,"":2}`, `{"k\/":1,"k/":2}`,
}

func decodeAll(data []byte) error {
	d := NewDecoder(data)
	d.Skip()
	return d.Done()
}

// TestDecoderValidates: the decoder reads a document to its end exactly
// when encoding/json accepts it and Duplicates finds no duplicate key.
func TestDecoderValidates(t *testing.T) {
	for _, in := range decoderCorpus {
		want := json.Valid([]byte(in)) && Duplicates([]byte(in)) == nil
		if got := decodeAll([]byte(in)) == nil; got != want {
			t.Errorf("%q: decoded %v, want %v", in, got, want)
		}
	}
}

// TestDecoderValues: what the decoder reads equals what encoding/json
// decodes into the same Go type, or it stops.
func TestDecoderValues(t *testing.T) {
	for _, in := range decoderCorpus {
		checkValues(t, []byte(in))
	}
}

func checkValues(t *testing.T, data []byte) {
	t.Helper()
	{
		d := NewDecoder(data)
		got := d.String()
		var want string
		err := json.Unmarshal(data, &want)
		if d.Done() == nil && (err != nil || got != want) {
			t.Errorf("String(%q) = %q, encoding/json %q, %v", data, got, want, err)
		}
	}
	{
		d := NewDecoder(data)
		got, set := d.Int64()
		var want *int64
		err := json.Unmarshal(data, &want)
		if d.Done() == nil && (err != nil || set != (want != nil) || want != nil && *want != got) {
			t.Errorf("Int64(%q) = %d, %v; encoding/json %v, %v", data, got, set, want, err)
		}
	}
	{
		d := NewDecoder(data)
		got, set := d.Bool()
		var want *bool
		err := json.Unmarshal(data, &want)
		if d.Done() == nil && (err != nil || set != (want != nil) || want != nil && *want != got) {
			t.Errorf("Bool(%q) = %v, %v; encoding/json %v, %v", data, got, set, want, err)
		}
	}
}

// TestDecoderShort: input that ends inside a value is ErrShort, so that a
// stream reads more and tries again.
func TestDecoderShort(t *testing.T) {
	for _, in := range []string{`{"a":[1,2`, `{"a":"b`, `{"a":tr`, `[1.5`, `{"a":1`, `["\u00`, `[`} {
		d := NewDecoder([]byte(in))
		d.Skip()
		if d.Err() != ErrShort {
			t.Errorf("%q: %v, want ErrShort", in, d.Err())
		}
	}
}

// FuzzDecoder: for any input the decoder agrees with encoding/json and
// Duplicates on whether it is a valid document, and on its value when it
// is a scalar.
func FuzzDecoder(f *testing.F) {
	for _, in := range decoderCorpus {
		f.Add([]byte(in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		want := json.Valid(data) && Duplicates(data) == nil
		if got := decodeAll(data) == nil; got != want {
			t.Fatalf("%q: decoded %v, want %v", data, got, want)
		}
		checkValues(t, data)
	})
}

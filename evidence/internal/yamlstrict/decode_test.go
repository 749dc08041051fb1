package yamlstrict

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"
)

// level is a type with a syntax of its own, decoded through a Scalar.
type level int

func parseLevel(s string) (level, bool) {
	switch s {
	case "low":
		return 1, true
	case "high":
		return 2, true
	}
	return 0, false
}

type Named struct {
	Name string `yaml:"name"`
}

type item struct {
	ID    string `yaml:"id"`
	Level level  `yaml:"level"`
}

type doc struct {
	Named    `yaml:",inline"`
	Count    int             `yaml:"count"`
	On       *bool           `yaml:"on"`
	Tags     []string        `yaml:"tags"`
	Item     *item           `yaml:"item"`
	Items    []item          `yaml:"items"`
	ByName   map[string]item `yaml:"by_name"`
	Day      time.Time       `yaml:"day"`
	Untagged string
	Skipped  string `yaml:"-"`
}

func ptr[T any](v T) *T { return &v }

func decode(d *Decoder, src string) (doc, Lines, error) {
	var v doc
	n, err := Parse("f.yaml", []byte(src))
	if err != nil {
		return v, nil, err
	}
	lines, err := d.Decode(n, &v)
	return v, lines, err
}

func newTestDecoder() *Decoder {
	return &Decoder{File: "f.yaml", Scalars: []Scalar{NewScalar("low or high", parseLevel), Date}}
}

func TestDecode(t *testing.T) {
	src := `name: web
count: 3
on: true
tags: [a, b]
item: {id: x, level: high}
items:
  - &low {id: y, level: low}
  - *low
by_name:
  first:
    id: z
day: 2026-02-28
untagged: u
`
	got, lines, err := decode(newTestDecoder(), src)
	if err != nil {
		t.Fatal(err)
	}
	want := doc{
		Named: Named{Name: "web"}, Count: 3, On: ptr(true), Tags: []string{"a", "b"},
		Item:     &item{ID: "x", Level: 2},
		Items:    []item{{ID: "y", Level: 1}, {ID: "y", Level: 1}},
		ByName:   map[string]item{"first": {ID: "z"}},
		Day:      time.Date(2026, 2, 28, 0, 0, 0, 0, time.UTC),
		Untagged: "u",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Decode (-want +got):\n%s", diff)
	}
	wantLines := Lines{
		"": 1, "name": 1, "count": 2, "on": 3, "tags": 4, "tags[0]": 4, "tags[1]": 4,
		"item": 5, "item.id": 5, "item.level": 5,
		"items": 6, "items[0]": 7, "items[0].id": 7, "items[0].level": 7,
		// An alias element has the alias's line; its keys the anchor's.
		"items[1]": 8, "items[1].id": 7, "items[1].level": 7,
		"by_name": 9, "by_name.first": 10, "by_name.first.id": 11,
		"day": 12, "untagged": 13,
	}
	if diff := cmp.Diff(wantLines, lines); diff != "" {
		t.Errorf("Decode lines (-want +got):\n%s", diff)
	}
}

func TestDecodeNull(t *testing.T) {
	// Empty values leave the zero value, so that "not given" stays nil.
	got, _, err := decode(newTestDecoder(), "name:\non: ~\ntags: null\nitem:\nday:\n")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(doc{}, got); diff != "" {
		t.Errorf("Decode (-want +got):\n%s", diff)
	}
	// An empty file decodes nothing.
	v := doc{Count: 7}
	lines, err := newTestDecoder().Decode(nil, &v)
	if err != nil || v.Count != 7 || len(lines) != 0 {
		t.Errorf("Decode(nil) = %v, %v; value %+v", lines, err, v)
	}
}

func TestDecodeBad(t *testing.T) {
	secret := func(key string, keys []string) string {
		if key == "password" {
			return "a literal secret (keys: " + strings.Join(keys, " ") + ")"
		}
		return ""
	}
	tests := []struct {
		name string
		d    Decoder
		yaml string
		want string
	}{
		{
			name: "unknown key",
			yaml: "name: web\nnmae: web\n",
			want: "f.yaml:2: nmae: unknown key (expected one of: name, count, on, tags, item, items, by_name, day, untagged)",
		},
		{
			name: "unknown nested field, with the noun field",
			d:    Decoder{Noun: "field"},
			yaml: "item:\n  id: x\n  email: x@example.com\n",
			want: "f.yaml:3: item.email: unknown field (expected one of: id, level)",
		},
		{
			name: "unknown key hook",
			d:    Decoder{Unknown: secret},
			yaml: "item: {password: hunter2}\n",
			want: "f.yaml:1: item.password: a literal secret (keys: id level)",
		},
		{
			name: "unknown key hook declines",
			d:    Decoder{Unknown: secret},
			yaml: "item: {token: x}\n",
			want: "f.yaml:1: item.token: unknown key (expected one of: id, level)",
		},
		{
			name: "skipped field is unknown",
			yaml: "skipped: x\n",
			want: "f.yaml:1: skipped: unknown key (expected one of: name, count, on, tags, item, items, by_name, day, untagged)",
		},
		{
			name: "repeated key",
			yaml: "name: a\ncount: 1\nname: b\n",
			want: "f.yaml:3: name: key repeated (first on line 1)",
		},
		{
			name: "repeated field",
			d:    Decoder{Noun: "field"},
			yaml: "name: a\nname: b\n",
			want: "f.yaml:2: name: field repeated (first on line 1)",
		},
		{
			name: "repeated map key",
			yaml: "by_name:\n  a: {id: x}\n  a: {id: y}\n",
			want: "f.yaml:3: by_name.a: key repeated (first on line 2)",
		},
		{
			name: "list key",
			yaml: "? [a]\n: x\n",
			want: "f.yaml:1: expected a mapping with text keys, got a key that is a list",
		},
		{
			name: "null map key",
			yaml: "by_name:\n  ~: {id: x}\n",
			want: "f.yaml:2: by_name: expected a mapping with text keys, got a key that is nothing",
		},
		{
			name: "not a mapping",
			yaml: "- a\n",
			want: "f.yaml:1: expected a mapping, got a list",
		},
		{
			name: "map not a mapping",
			yaml: "by_name: [a]\n",
			want: "f.yaml:1: by_name: expected a mapping, got a list",
		},
		{
			name: "list expected",
			yaml: "tags: a\n",
			want: `f.yaml:1: tags: expected a list, got "a"`,
		},
		{
			name: "text expected",
			yaml: "name: {first: a}\n",
			want: "f.yaml:1: name: expected text, got a mapping",
		},
		{
			name: "whole number expected",
			yaml: "count: 1.5\n",
			want: `f.yaml:1: count: expected a whole number, got "1.5"`,
		},
		{
			name: "whole number too large",
			yaml: "count: 99999999999999999999\n",
			want: `f.yaml:1: count: expected a whole number, got "99999999999999999999"`,
		},
		{
			name: "bool expected",
			yaml: "on: 'true'\n",
			want: `f.yaml:1: on: expected true or false, got "true"`,
		},
		{
			name: "scalar of its own syntax",
			yaml: "items:\n  - {id: x, level: medium}\n",
			want: `f.yaml:2: items[0].level: expected low or high, got "medium"`,
		},
		{
			name: "scalar given a list",
			yaml: "item: {level: [low]}\n",
			want: `f.yaml:1: item.level: expected low or high, got a list`,
		},
		{
			name: "bad date",
			yaml: "day: 2026-02-30\n",
			want: `f.yaml:1: day: expected a date YYYY-MM-DD, got "2026-02-30"`,
		},
		{
			name: "long value shortened",
			yaml: "count: " + strings.Repeat("9", 100) + "x\n",
			want: `f.yaml:1: count: expected a whole number, got "` + strings.Repeat("9", 60) + `"…`,
		},
		{
			name: "too many values",
			d:    Decoder{MaxNodes: 5},
			yaml: "tags: &t [a, b]\nitems: [{id: x}]\n",
			want: "f.yaml:2: items[0]: document too large (more than 5 values after expanding aliases)",
		},
		{
			name: "too many values through aliases, in a file",
			d:    Decoder{MaxNodes: 10, Unit: "file"},
			yaml: "tags: &t [a, b, c, d]\nitems: [{id: x}]\nby_name: {a: {id: *t}}\n",
			want: "f.yaml:3: by_name.a: file too large (more than 10 values after expanding aliases)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.d
			d.File = "f.yaml"
			d.Scalars = []Scalar{NewScalar("low or high", parseLevel), Date}
			_, _, err := decode(&d, tt.yaml)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Decode error = %v (%T), want *Error %s", err, err, tt.want)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("Decode error\n got: %s\nwant: %s", got, tt.want)
			}
		})
	}
}

// TestDecodeLimitAcrossCalls checks that MaxNodes bounds all the values
// one Decoder decodes, not each call: a file of many records is bounded
// as a whole.
func TestDecodeLimitAcrossCalls(t *testing.T) {
	d := &Decoder{File: "f.yaml", MaxNodes: 4}
	n, err := Parse("f.yaml", []byte("{id: x}\n"))
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"", "", "f.yaml:1: document too large (more than 4 values after expanding aliases)"} {
		var v item
		_, err := d.Decode(n, &v)
		if got := errText(err); got != want {
			t.Errorf("call %d: error %q, want %q", i+1, got, want)
		}
	}
}

func TestDecodeDefaultLimit(t *testing.T) {
	// 1,000 references to a list of 1,000 values ("billion laughs"):
	// stopped at the default limit instead of decoding a million values.
	// The values of an alias have the lines of the anchor.
	var b strings.Builder
	b.WriteString("lists:\n  - &t [" + strings.Repeat("a, ", 999) + "a]\n")
	for range 1_000 {
		b.WriteString("  - *t\n")
	}
	n, err := Parse("bomb.yaml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Lists [][]string `yaml:"lists"`
	}
	_, err = (&Decoder{File: "bomb.yaml"}).Decode(n, &v)
	if want := "bomb.yaml:2: lists[998][999]: document too large (more than 1000000 values after expanding aliases)"; errText(err) != want {
		t.Errorf("Decode error %q, want %q", errText(err), want)
	}
}

func TestDecodeUnsupported(t *testing.T) {
	var v struct {
		F float64 `yaml:"f"`
		M map[int]string
	}
	tests := []struct{ yaml, want string }{
		{"f: 1.5\n", "f.yaml:1: f: cannot decode into float64"},
		{"m: {1: a}\n", "f.yaml:1: m: cannot decode into map[int]string"},
	}
	for _, tt := range tests {
		n, err := Parse("f.yaml", []byte(tt.yaml))
		if err != nil {
			t.Fatal(err)
		}
		_, err = (&Decoder{File: "f.yaml"}).Decode(n, &v)
		if got := errText(err); got != tt.want {
			t.Errorf("Decode(%q) error %q, want %q", tt.yaml, got, tt.want)
		}
	}
	if _, err := (&Decoder{}).Decode(&yaml.Node{}, v); err == nil {
		t.Errorf("Decode into a non-pointer gave no error")
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// pair is a struct with a scalar syntax of its own ("a/b") that may also
// be written as a mapping.
type pair struct {
	A string `yaml:"a"`
	B string `yaml:"b"`
}

func TestDecodeScalarOrMapping(t *testing.T) {
	d := &Decoder{File: "f.yaml", Scalars: []Scalar{NewScalar("a/b or {a: …, b: …}", func(s string) (pair, bool) {
		a, b, ok := strings.Cut(s, "/")
		return pair{A: a, B: b}, ok
	})}}
	var got struct {
		X pair `yaml:"x"`
		Y pair `yaml:"y"`
	}
	n, err := Parse("f.yaml", []byte("x: one/two\ny: {a: three, b: four}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Decode(n, &got); err != nil {
		t.Fatal(err)
	}
	if got.X != (pair{"one", "two"}) || got.Y != (pair{"three", "four"}) {
		t.Errorf("decoded %+v", got)
	}
	n, _ = Parse("f.yaml", []byte("x: [one, two]\n"))
	_, err = d.Decode(n, &got)
	if err == nil || !strings.Contains(err.Error(), "expected a/b or {a: …, b: …}, got a list") {
		t.Errorf("a list: %v", err)
	}
}

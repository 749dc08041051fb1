package jsonscan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDuplicates(t *testing.T) {
	many := func(last string) string {
		var sb strings.Builder
		sb.WriteString(`{"spec":{`)
		for i := range 40 {
			fmt.Fprintf(&sb, `"k%d":%d,`, i, i)
		}
		sb.WriteString(last + `}}`)
		return sb.String()
	}
	tests := []struct {
		name string
		in   string
		want error
	}{
		{"no duplicates", `{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}`, nil},
		{"scalar document", `"x"`, nil},
		{"empty containers", `{"a":{},"b":[],"c":[{}, []]}`, nil},
		{"top level", `{"a":1,"a":2}`, &DuplicateKeyError{Pointer: "/a", Key: "a", First: "a"}},
		{"privileged flipped", `{"items":[{"spec":{"containers":[{"securityContext":{"privileged":true,"privileged":false}}]}}]}`,
			&DuplicateKeyError{Pointer: "/items/0/spec/containers/0/securityContext/privileged", Key: "privileged", First: "privileged"}},
		{"escaped key", `{"kind":"Pod","\u006bind":"Secret"}`, &DuplicateKeyError{Pointer: "/kind", Key: "kind", First: "kind"}},
		{"case differs", `{"read_only":false,"Read_Only":true}`, &DuplicateKeyError{Pointer: "/Read_Only", Key: "Read_Only", First: "read_only"}},
		{"long s folds to s", `{"status":1,"\u017ftatus":2}`, &DuplicateKeyError{Pointer: "/\u017ftatus", Key: "\u017ftatus", First: "status"}},
		{"kelvin sign folds to k", `{"kind":"Pod","\u212aind":"Secret"}`, &DuplicateKeyError{Pointer: "/\u212aind", Key: "\u212aind", First: "kind"}},
		{"labels are case-sensitive", `{"metadata":{"labels":{"app":"a","App":"b"},"annotations":{"x":"1","X":"2"}}}`, nil},
		{"labels still exact", `{"metadata":{"labels":{"app":"a","app":"b"}}}`, &DuplicateKeyError{Pointer: "/metadata/labels/app", Key: "app", First: "app"}},
		{"invalid UTF-8 keys decode alike", "{\"a\xff\":1,\"a\xfe\":2}", &DuplicateKeyError{Pointer: "/a\uFFFD", Key: "a\uFFFD", First: "a\uFFFD"}},
		{"pointer escapes", `{"a/b":{"~":1,"~":2}}`, &DuplicateKeyError{Pointer: "/a~1b/~0", Key: "~", First: "~"}},
		{"many keys", many(`"k7":1`), &DuplicateKeyError{Pointer: "/spec/k7", Key: "k7", First: "k7"}},
		{"many keys case", many(`"K39":1`), &DuplicateKeyError{Pointer: "/spec/K39", Key: "K39", First: "k39"}},
		{"many keys distinct", many(`"k40":1`), nil},
		{"same key in sibling objects", `[{"a":1},{"a":2},{"b":{"a":3}}]`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Duplicates([]byte(tt.in))); diff != "" {
				t.Errorf("Duplicates(%s) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestDuplicatesSyntax(t *testing.T) {
	tests := []struct {
		in   string
		want *SyntaxError
	}{
		{``, &SyntaxError{Offset: 0, Msg: "unexpected end of input, expected a value"}},
		{`{"a":1,}`, &SyntaxError{Offset: 7, Msg: "expected a string key"}},
		{`{"a" 1}`, &SyntaxError{Offset: 5, Pointer: "", Msg: "expected ':' after an object key"}},
		{`{"a":[1 2]}`, &SyntaxError{Offset: 8, Pointer: "/a", Msg: "expected ',' or ']' after an array element"}},
		{`{"a":{"b":`, &SyntaxError{Offset: 10, Pointer: "/a/b", Msg: "unexpected end of input, expected a value"}},
		{`{"a":"x`, &SyntaxError{Offset: 7, Msg: "unexpected end of input in a string"}},
		{`[tru]`, &SyntaxError{Offset: 1, Msg: "invalid literal, expected true"}},
		{`[-]`, &SyntaxError{Offset: 2, Msg: "invalid number"}},
		{`[1.]`, &SyntaxError{Offset: 3, Msg: "invalid number: no digits after the decimal point"}},
		{`{} {}`, &SyntaxError{Offset: 3, Msg: "data after the top-level value"}},
		{`{"a":1]`, &SyntaxError{Offset: 6, Msg: "expected ',' or '}' after an object member"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if json.Valid([]byte(tt.in)) {
				t.Fatalf("%q is valid JSON; the test needs invalid input", tt.in)
			}
			if diff := cmp.Diff(error(tt.want), Duplicates([]byte(tt.in))); diff != "" {
				t.Errorf("Duplicates(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestDuplicatesDeepNesting(t *testing.T) {
	deep := strings.Repeat("[", maxDepth+1) + "1" + strings.Repeat("]", maxDepth+1)
	var se *SyntaxError
	if err := Duplicates([]byte(deep)); !errors.As(err, &se) || se.Msg != "nested too deeply" {
		t.Errorf("nesting %d deep: %v, want nested too deeply", maxDepth+1, err)
	}
	ok := strings.Repeat(`{"a":`, 500) + "1" + strings.Repeat("}", 500)
	if err := Duplicates([]byte(ok)); err != nil {
		t.Errorf("nesting 500 deep: %v", err)
	}
}

func TestPointerAt(t *testing.T) {
	doc := `{"items": [{"name": "a", "tags": ["x", "y"]}, {"e": {}, "n": null}], "k~/": 1}`
	at := func(sub string) int64 { return int64(strings.Index(doc, sub)) }
	tests := []struct {
		offset int64
		want   string
	}{
		{0, ""},
		{at(`"items"`), "/items"},
		{at(`[{`), "/items"},
		{at(`{"name"`), "/items/0"},
		{at(`"a"`) + 1, "/items/0/name"},
		{at(`"x"`), "/items/0/tags/0"},
		{at(`"y"`) + 2, "/items/0/tags/1"},
		{at(`, "y"`), "/items/0/tags"},
		{at(`]}, {`), "/items/0/tags"},
		{at(`}, {"e"`), "/items/0"},
		{at(`{}`) + 1, "/items/1/e"},
		{at(`null`) + 3, "/items/1/n"},
		{at(`1}`), "/k~0~1"},
		{int64(len(doc) - 1), ""},
		{int64(len(doc) + 5), ""},
		{-1, ""},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.offset), func(t *testing.T) {
			if got := PointerAt([]byte(doc), tt.offset); got != tt.want {
				t.Errorf("PointerAt(%d) = %q, want %q (byte %q)", tt.offset, got, tt.want, doc[max(0, min(tt.offset, int64(len(doc)-1)))])
			}
		})
	}
}

func FuzzDuplicates(f *testing.F) {
	for _, s := range []string{`{"a":1,"a":2}`, `{"items":[{"x":[1,2,{"y":"\u0041"}]}]}`, `[1,2,3]`, `{"a":`, "{\"a\xff\":1}", `{"labels":{"a":1,"A":2}}`, `-0.5e+3`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		err := Duplicates(data)
		var se *SyntaxError
		var de *DuplicateKeyError
		// The structure is checked, string contents are the decoders'
		// concern: valid JSON is never reported as invalid, and invalid
		// JSON is accepted only for what is inside its strings.
		switch {
		case errors.As(err, &se):
			if json.Valid(data) {
				t.Fatalf("valid JSON %q reported as invalid: %v", data, err)
			}
		case errors.As(err, &de):
		case err != nil:
			t.Fatalf("unexpected error type %T: %v", err, err)
		default:
			if !json.Valid(data) && !json.Valid(blankStrings(data)) {
				t.Fatalf("invalid JSON %q accepted", data)
			}
		}
		// PointerAt and Explain never panic.
		for _, off := range []int64{0, int64(len(data) / 2), int64(len(data))} {
			_ = PointerAt(data, off)
		}
		var v struct {
			A []struct {
				B bool              `json:"b"`
				C map[string]string `json:"c"`
			} `json:"a"`
			N int `json:"n"`
		}
		if err := json.Unmarshal(data, &v); err != nil {
			_ = Explain(data, err)
		}
	})
}

// largeList is real kubectl output (a PodList of kube-system) repeated
// into one 16 MiB List, as the bundle reader meets it at check time.
func largeList(b *testing.B) []byte {
	one, err := os.ReadFile("../../testdata/fixtures/kubernetes/lists/sonobuoy-kind-v1.21.1/ns-kube-system__core_v1_pods.list.json")
	if err != nil {
		b.Fatal(err)
	}
	var list struct {
		Items []json.RawMessage `json:"items"`
	}
	if err := json.Unmarshal(one, &list); err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	buf.WriteString(`{"apiVersion":"v1","kind":"List","items":[`)
	for i := 0; buf.Len() < 16<<20; i++ {
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := json.Indent(&buf, list.Items[i%len(list.Items)], "    ", "    "); err != nil {
			b.Fatal(err)
		}
	}
	buf.WriteString("]}")
	return buf.Bytes()
}

func BenchmarkDuplicates(b *testing.B) {
	data := largeList(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if err := Duplicates(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValid is the baseline: encoding/json's own syntax check of the
// same input.
func BenchmarkValid(b *testing.B) {
	data := largeList(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if !json.Valid(data) {
			b.Fatal("invalid")
		}
	}
}

func FuzzUnquote(f *testing.F) {
	for _, s := range []string{`a\u00e9b`, `\ud83d\ude00`, `\ud83d`, `\ud83dx`, `\udc00\ud800`, "\xff\xfe", `\"\\\/\b\f\n\r\t`, `\u0000`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		quoted := append(append([]byte{'"'}, raw...), '"')
		var want string
		if json.Unmarshal(quoted, &want) != nil {
			return
		}
		s := scanner{data: quoted}
		got, plain, err := s.str(true)
		if err != nil {
			t.Fatalf("str(%q): %v, but encoding/json decodes it", quoted, err)
		}
		if !plain {
			got = unquote(got)
		}
		if string(got) != want {
			t.Fatalf("unquote(%q) = %q, encoding/json: %q", raw, got, want)
		}
	})
}

// blankStrings replaces the content of every string of data (as the
// scanner delimits them) by "x", so that only the structure is left.
func blankStrings(data []byte) []byte {
	out := make([]byte, 0, len(data))
	for i := 0; i < len(data); i++ {
		if data[i] != '"' {
			out = append(out, data[i])
			continue
		}
		s := scanner{data: data, pos: i}
		if _, _, err := s.str(false); err != nil {
			return append(out, data[i:]...)
		}
		out = append(out, `"x"`...)
		i = s.pos - 1
	}
	return out
}

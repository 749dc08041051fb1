package jsonscan

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

type meta struct {
	Name   string            `json:"name"`
	Labels map[string]string `json:"labels"`
}

type object struct {
	Kind     string `json:"kind"`
	Metadata meta   `json:"metadata"`
	Subjects []struct {
		Kind string `json:"kind"`
	} `json:"subjects"`
	Spec struct {
		Replicas   *int32     `json:"replicas"`
		Privileged bool       `json:"privileged"`
		Ports      []uint16   `json:"ports"`
		Matrix     [][]string `json:"matrix"`
	} `json:"spec"`
	Items []object `json:"items"`
}

func TestExplain(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want error
	}{
		{"subjects not an array", `{"items":[{"kind":"RoleBinding"},{"subjects":"system:anonymous"}]}`,
			&TypeError{Pointer: "/items/1/subjects", Expected: "an array of objects", Found: "a string"}},
		{"metadata not an object", `{"items": [ {"metadata": "x"} ]}`,
			&TypeError{Pointer: "/items/0/metadata", Expected: "an object", Found: "a string"}},
		{"metadata an array", `{"metadata": ["x"]}`,
			&TypeError{Pointer: "/metadata", Expected: "an object", Found: "an array"}},
		{"bool as string", `{"spec":{"privileged":"true"}}`,
			&TypeError{Pointer: "/spec/privileged", Expected: "a boolean (true or false)", Found: "a string"}},
		{"integer as float", `{"spec":{"replicas":1.5}}`,
			&TypeError{Pointer: "/spec/replicas", Expected: "an integer", Found: "a number"}},
		{"negative port", `{"spec":{"ports":[80, -1]}}`,
			&TypeError{Pointer: "/spec/ports/1", Expected: "a non-negative integer", Found: "a number"}},
		{"nested arrays", `{"spec":{"matrix":[["a"], "b"]}}`,
			&TypeError{Pointer: "/spec/matrix/1", Expected: "an array of strings", Found: "a string"}},
		{"label value", `{"metadata":{"labels":{"a/b":1}}}`,
			&TypeError{Pointer: "/metadata/labels/a~1b", Expected: "a string", Found: "a number"}},
		{"kind not a string", `{"kind":{"x":1}}`,
			&TypeError{Pointer: "/kind", Expected: "a string", Found: "an object"}},
		{"truncated", `{"items":[{"kind":"Pod"`,
			&SyntaxError{Offset: 23, Pointer: "/items/0", Msg: "unexpected end of input"}},
		{"syntax", `{"items":[{"kind" "Pod"}]}`,
			&SyntaxError{Offset: 18, Pointer: "/items/0", Msg: "expected ':' after an object key"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var o object
			err := json.Unmarshal([]byte(tt.in), &o)
			if err == nil {
				t.Fatal("json.Unmarshal accepted the input")
			}
			if diff := cmp.Diff(tt.want, Explain([]byte(tt.in), err)); diff != "" {
				t.Errorf("Explain (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExplainTopLevel(t *testing.T) {
	var v []object
	in := []byte(`{"kind":"Pod"}`)
	err := Explain(in, json.Unmarshal(in, &v))
	want := "the top-level value: expected an array of objects, found an object"
	if err == nil || err.Error() != want {
		t.Errorf("Explain = %v, want %s", err, want)
	}
}

func TestAtUnder(t *testing.T) {
	raw := []byte(`{"containers": "app"}`)
	var spec struct {
		Containers []struct {
			Name string `json:"name"`
		} `json:"containers"`
	}
	err := At("sources/prod/kubernetes/pods.json#/items/3", Under("spec", raw, json.Unmarshal(raw, &spec)))
	want := "sources/prod/kubernetes/pods.json#/items/3/spec/containers: expected an array of objects, found a string"
	if err == nil || err.Error() != want {
		t.Errorf("At(Under) = %v\nwant %s", err, want)
	}
	// An error that is not about a type is prefixed with the ref.
	other := At("f.json#/0", Under("time", []byte(`"x"`), errOther))
	if other == nil || other.Error() != "f.json#/0: time: other" {
		t.Errorf("At(other) = %v", other)
	}
	if At("f.json#", nil) != nil {
		t.Error("At(nil) is not nil")
	}
}

type otherError struct{}

func (otherError) Error() string { return "other" }

var errOther = otherError{}

func TestTypeErrorMessage(t *testing.T) {
	e := &TypeError{File: "a.json", Pointer: "", Expected: "an object", Found: "a string"}
	if got := e.Error(); got != "a.json#: expected an object, found a string" {
		t.Errorf("Error() = %q", got)
	}
}

func TestAtObject(t *testing.T) {
	raw := []byte(`{"hostNetwork": "yes"}`)
	var spec struct {
		HostNetwork bool `json:"hostNetwork"`
	}
	err := AtObject("pods.json#/items/0", "Pod a/p", Under("spec", raw, json.Unmarshal(raw, &spec)))
	if want := "pods.json#/items/0/spec/hostNetwork (Pod a/p): expected a boolean (true or false), found a string"; err == nil || err.Error() != want {
		t.Errorf("AtObject = %v\nwant %s", err, want)
	}
	err = AtObject("pods.json#/items/0", "Pod a/p", errOther)
	if want := "pods.json#/items/0 Pod a/p: other"; err == nil || err.Error() != want {
		t.Errorf("AtObject = %v, want %s", err, want)
	}
}

func TestDecode(t *testing.T) {
	var k struct {
		ReadOnly *bool `json:"read_only"`
	}
	err := Decode([]byte(`{"read_only":"no"}`), "/3", &k)
	if want := "/3/read_only: expected a boolean (true or false), found a string"; err == nil || err.Error() != want {
		t.Errorf("Decode = %v, want %s", err, want)
	}
	if err := Decode([]byte(`{"read_only":true}`), "/3", &k); err != nil || k.ReadOnly == nil || !*k.ReadOnly {
		t.Errorf("Decode = %v, %v", err, k.ReadOnly)
	}
	if err := Decode([]byte(`{"read_only":`), "/3", &k); err == nil || err.Error() != "/3: invalid JSON at byte 13 (/read_only): unexpected end of input, expected a value" {
		t.Errorf("Decode of truncated JSON = %v", err)
	}
}

// TestMessagesOneLine: keys and names from evidence with line breaks,
// terminal escapes, bidirectional controls or bytes that are not UTF-8
// leave every message one line, written as %XX.
func TestMessagesOneLine(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"syntax error under a key with CR", Explain([]byte("{\"\r\":"), json.Unmarshal([]byte("{\"\r\":"), new(any))),
			"invalid JSON at byte 5 (/%0D): unexpected end of input, expected a value"},
		{"type error under an escape sequence", Explain([]byte(`{"a\u001b[2J":1}`), json.Unmarshal([]byte(`{"a\u001b[2J":1}`), new(map[string]string))),
			"/a%1B[2J: expected a string, found a number"},
		{"file, pointer and context", &TypeError{File: "f.json", Pointer: "/x\u202e", Expected: "a string", Found: "a number", Context: "Pod a/b\n\xff"},
			"f.json#/x%E2%80%AE (Pod a/b%0A%FF): expected a string, found a number"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

package output

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// encoded is how the writers used to encode: the whole document at once.
func encoded(t *testing.T, v any) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

type streamPtr struct{ N int }

func (p *streamPtr) MarshalJSON() ([]byte, error) { return []byte(`{"ptr":1}`), nil }

type streamInner struct {
	A  string            `json:"a"`
	B  []int             `json:"b"`
	C  map[string][]int  `json:"c,omitempty"`
	D  *streamInner      `json:"d,omitempty"`
	E  []streamInner     `json:"e"`
	F  time.Time         `json:"f"`
	G  json.RawMessage   `json:"g,omitempty"`
	H  any               `json:"h"`
	P  streamPtr         `json:"p"`
	Q  []streamPtr       `json:"q"`
	S  struct{}          `json:"s"`
	X  string            `json:"-"`
	Y  string            `json:"y,string"`
	Z  [2]int            `json:"z"`
	M  map[string]string `json:"m"`
	NS []string          `json:"ns"`
	U  []byte            `json:"u"`
}

// TestStreamJSONMatchesEncoder: the streamed document is byte for byte
// what encoding/json writes of the whole, for the writers' fixtures and
// for values of every shape the streamer handles itself or leaves to
// encoding/json.
func TestStreamJSONMatchesEncoder(t *testing.T) {
	deep := &streamInner{A: "<&>", B: []int{}, E: []streamInner{{A: "x", D: &streamInner{A: "y"}}}, H: map[string]any{"k": []any{1, "ä"}},
		C: map[string][]int{"b": {2}, "a": nil}, G: json.RawMessage(`{"r" : 1}`), M: map[string]string{}, Y: "s", Q: []streamPtr{{1}}, U: []byte("u")}
	for name, v := range map[string]any{
		"results":   fixture(),
		"sarif":     buildSARIF(fixture(), SARIFOptions{ToolName: "nachweis", ToolVersion: "0.4.0"}),
		"deep":      deep,
		"empty":     &streamInner{},
		"slice":     []*streamInner{nil, deep, {}},
		"scalar":    "x",
		"nil slice": []int(nil),
		"map":       map[string]*streamInner{"a": deep},
	} {
		t.Run(name, func(t *testing.T) {
			var got bytes.Buffer
			if err := streamJSON(&got, v); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(encoded(t, v), got.String()); diff != "" {
				t.Errorf("streamed JSON differs (-encoder +streamed):\n%s", diff)
			}
		})
	}
}

// TestStreamJSONErrors: an encoding error is an *encodeError, a write
// error is passed on.
func TestStreamJSONErrors(t *testing.T) {
	var enc *encodeError
	if err := streamJSON(&bytes.Buffer{}, struct{ F float64 }{math.NaN()}); !errors.As(err, &enc) {
		t.Errorf("NaN: %v, want an encoding error", err)
	}
	if err := streamJSON(failingWriter{}, fixture()); !errors.Is(err, errWrite) || errors.As(err, &enc) {
		t.Errorf("failing writer: %v, want %v", err, errWrite)
	}
}

package yamlstrict

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		// want is the top node's value and line for a scalar document,
		// "" for no document.
		want     string
		wantLine int
		err      string
	}{
		{name: "empty", yaml: ""},
		{name: "only comments", yaml: "# nothing yet\n"},
		{name: "one document", yaml: "\n\nhello\n", want: "hello", wantLine: 3},
		{name: "document marker", yaml: "---\nhello\n", want: "hello", wantLine: 2},
		{
			name: "two documents",
			yaml: "a: 1\n---\nb: 2\n",
			err:  `f.yaml:2: expected one YAML document, found another (remove the "---")`,
		},
		{
			name: "syntax error with a line",
			yaml: "a:\n  - b\n c: d\n",
			err:  `f.yaml:2: invalid YAML: did not find expected key`,
		},
		{
			name: "syntax error without a line",
			yaml: "a: b: c\n",
			err:  `f.yaml:1: invalid YAML: mapping values are not allowed in this context`,
		},
		{
			name: "invalid UTF-8 in a value",
			yaml: "a: 1\nb: 2\nc: \"caf\xe9\"\n",
			err:  `f.yaml:3: byte 0xe9 at column 8 is not UTF-8: save the file as UTF-8`,
		},
		{
			name: "invalid UTF-8 in a comment",
			yaml: "a: 1\n\n# Gr\xc3\xbc\xc3e\n",
			err:  `f.yaml:3: byte 0xc3 at column 6 is not UTF-8: save the file as UTF-8`,
		},
		{
			name: "syntax error in the second document",
			yaml: "a: 1\n---\nb: [\n",
			err:  `f.yaml:3: invalid YAML: did not find expected node content`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Parse("f.yaml", []byte(tt.yaml))
			if tt.err != "" {
				var e *Error
				if !errors.As(err, &e) || err.Error() != tt.err {
					t.Fatalf("Parse error = %v (%T), want *Error %s", err, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			var got string
			var line int
			if n != nil {
				got, line = n.Value, n.Line
			}
			if diff := cmp.Diff([2]any{tt.want, tt.wantLine}, [2]any{got, line}); diff != "" {
				t.Errorf("Parse top node (value, line) (-want +got):\n%s", diff)
			}
		})
	}
}

func TestErrorText(t *testing.T) {
	tests := []struct {
		err  Error
		want string
	}{
		{Error{File: "a.yaml", Line: 3, Path: "x.y[0]", Msg: "expected text"}, "a.yaml:3: x.y[0]: expected text"},
		{Error{File: "a.yaml", Line: 1, Msg: "invalid YAML: boom"}, "a.yaml:1: invalid YAML: boom"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

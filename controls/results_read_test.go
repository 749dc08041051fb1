package controls

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestReadResultsRefusesInWords: a results file that is not one names
// where and what in words, never Go's type names, on one line.
func TestReadResultsRefusesInWords(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"not JSON", `{"schema":`, "read results: unexpected end of input (truncated JSON)"},
		{"syntax", `{"schema" "x"}`, "read results: invalid JSON at byte 11: invalid character '\"' after object key"},
		{"schema of the wrong type", `{"schema":1}`, "read results: /schema: expected a string, found a number"},
		{"no schema", `{}`, "read results: no schema field: not a nachweis results file (want " + ResultsSchema + ")"},
		{"frameworks of the wrong type", `{"schema":"` + ResultsSchema + `","frameworks":"c5-2020"}`, "read results: /frameworks: expected an array, found a string"},
		{"unknown field", `{"schema":"` + ResultsSchema + `","secret":1}`, `read results: unknown field "secret"`},
		{"two objects", `{"schema":"` + ResultsSchema + `"} {}`, "read results: invalid JSON at byte 34: invalid character '{' after top-level value"},
		{"top level", `[]`, "read results: the top-level value: expected an object, found an array"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadResults([]byte(c.in))
			if err == nil || err.Error() != c.want {
				t.Errorf("error = %v\nwant    %s", err, c.want)
			}
		})
	}
}

// FuzzReadResults: any input is a results model or an error of one line
// without Go type names; a model read can be written again.
func FuzzReadResults(f *testing.F) {
	f.Add([]byte(`{"schema":"` + ResultsSchema + `","frameworks":["c5-2020"]}`))
	f.Add([]byte(`{"schema":"` + ResultsSchemaV2 + `","frameworks":["c5"],"requirements":[{"framework":"iso27001","id":"A.5.1"}]}`))
	f.Add([]byte(`{"schema":"` + ResultsSchema + `","checks":[{"id":"X","findings":[{"message":{"id":"m","args":{"n":1e400}}}]}]}`))
	f.Add([]byte(`{"schema":"nachweis.results/v1"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ReadResults(data)
		if err != nil {
			msg := err.Error()
			if strings.ContainsAny(msg, "\n\r") || strings.Contains(msg, "Go value") || strings.Contains(msg, "Go struct") || strings.Contains(msg, "controls.") {
				t.Fatalf("error %q", msg)
			}
			return
		}
		if _, err := json.Marshal(r); err != nil {
			t.Fatalf("a model read does not marshal: %v", err)
		}
	})
}

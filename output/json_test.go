package output

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/controls"
)

func TestWriteJSONRoundTrip(t *testing.T) {
	want := fixture()
	var buf bytes.Buffer
	if err := WriteJSON(&buf, want); err != nil {
		t.Fatal(err)
	}
	got, err := controls.ReadResults(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results changed in a JSON round trip (-want +got):\n%s", diff)
	}
}

func TestWriteJSONShape(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, fixture()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "{\n  \"schema\": \"nachweis.results/v3\",\n") || !strings.HasSuffix(out, "}\n") {
		t.Errorf("not 2-space indented JSON with a trailing newline:\n%.200s", out)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"schema", "evaluated_at", "bundle_digest", "checks", "measures", "requirements", "summary", "sources"} {
		if _, ok := doc[key]; !ok {
			t.Errorf("JSON lacks %q", key)
		}
	}
	// Messages stay readable: no \u003c for "<".
	if !strings.Contains(out, "<http>") {
		t.Errorf("HTML characters are escaped")
	}
}

func TestWriteJSONFillsSchema(t *testing.T) {
	r := fixture()
	r.Schema = ""
	var buf bytes.Buffer
	if err := WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"schema": "`+controls.ResultsSchema+`"`) {
		t.Errorf("JSON without a schema name")
	}
	if r.Schema != "" {
		t.Errorf("WriteJSON changed its input")
	}
}

package deletion

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPlanJSONRoundTrip(t *testing.T) {
	p := afterPlan()
	var b bytes.Buffer
	if err := WriteJSON(&b, p); err != nil {
		t.Fatal(err)
	}
	got, err := ReadPlan("plan.json", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(p, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	var again bytes.Buffer
	if err := WriteJSON(&again, got); err != nil || !bytes.Equal(b.Bytes(), again.Bytes()) {
		t.Errorf("not byte-identical after a round trip (%v)", err)
	}
	if !strings.HasSuffix(b.String(), "}\n") || !strings.Contains(b.String(), `"schema": "nachweis.deletion-plan/v1"`) {
		t.Errorf("plan JSON:\n%s", b.String())
	}
}

func TestReadPlanBad(t *testing.T) {
	good := func() string {
		var b bytes.Buffer
		if err := WriteJSON(&b, beforePlan()); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}()
	tests := []struct{ name, data, want string }{
		{"not JSON", "plan", "p.json: not a deletion plan (nachweis.deletion-plan/v1): invalid JSON at byte 1: invalid character 'p' looking for beginning of value"},
		{"a protocol", `{"schema":"nachweis.deletion-protocol/v1","document_id":"LP-acme-20261123"}`,
			`p.json: not a deletion plan (nachweis.deletion-plan/v1): unknown field "document_id"`},
		{"wrong schema", `{"schema":"nachweis.deletion-plan/v2","tenant":{"id":"acme"}}`, `p.json: /schema: expected "nachweis.deletion-plan/v1", got "nachweis.deletion-plan/v2"`},
		{"no tenant", `{"schema":"nachweis.deletion-plan/v1"}`, "p.json: /tenant/id: required"},
		{"wrong type", `{"schema":"nachweis.deletion-plan/v1","tenant":{"id":"acme"},"objects":[{"key":1}]}`,
			"p.json: not a deletion plan (nachweis.deletion-plan/v1): /objects/key: expected a string, got number"},
		{"trailing data", good + "{}", "p.json: data after the plan object"},
		{"duplicate key", strings.Replace(good, `"key": "kubernetes/prod/PersistentVolumeClaim/acme-prod/data"`, `"key": "kubernetes/prod/Namespace//acme-prod"`, 1),
			`p.json: /objects/1/key: "kubernetes/prod/Namespace//acme-prod" appears twice`},
		{"expiry without date", strings.Replace(good, `"at": "2026-11-20T02:00:00Z",`, "", 1), `p.json: /copies/0/expiry: basis "simulated" needs a date`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadPlan("p.json", []byte(tt.data))
			if err == nil || err.Error() != tt.want {
				t.Errorf("ReadPlan: %v\nwant: %s", err, tt.want)
			}
		})
	}
}

// FuzzReadPlan: any bytes give a plan or one error line, never a panic;
// a plan that reads back writes and reads back the same.
func FuzzReadPlan(f *testing.F) {
	for _, p := range []*Plan{beforePlan(), afterPlan()} {
		var b bytes.Buffer
		if err := WriteJSON(&b, p); err != nil {
			f.Fatal(err)
		}
		f.Add(b.Bytes())
	}
	f.Add([]byte(`{"schema":"nachweis.deletion-plan/v1","tenant":{"id":"x"},"copies":[{"key":"k","tool":"restic","id":"1","expiry":{"basis":"never"}}]}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ReadPlan("fuzz.json", data)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans lines: %q", err)
			}
			return
		}
		var b bytes.Buffer
		if err := WriteJSON(&b, p); err != nil {
			t.Fatal(err)
		}
		q, err := ReadPlan("again.json", b.Bytes())
		if err != nil {
			t.Fatalf("a plan read back does not read again: %v", err)
		}
		if diff := cmp.Diff(p, q); diff != "" {
			t.Errorf("second read differs (-first +second):\n%s", diff)
		}
	})
}

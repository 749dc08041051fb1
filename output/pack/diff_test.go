package pack

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDiffJSON(t *testing.T) {
	want := []byte(`{"checks":[{"id":"A","status":"fail"},{"id":"B","status":"pass"}],"run_id":"x","a/b":1}`)
	got := []byte(`{"checks":[{"id":"A","status":"pass"},{"id":"B","status":"pass"},{"id":"C"}],"run_id":"x","extra":true}`)
	diffs, n := DiffJSON(want, got, 2)
	if n != 4 {
		t.Errorf("%d differences, want 4", n)
	}
	if d := cmp.Diff([]string{`/a~1b: packed 1, re-evaluated nothing`, `/checks/0/status: packed "fail", re-evaluated "pass"`}, diffs); d != "" {
		t.Errorf("diffs (-want +got):\n%s", d)
	}
	if diffs, n := DiffJSON(want, want, 5); n != 0 || len(diffs) != 0 {
		t.Errorf("equal documents differ: %v", diffs)
	}
	if _, n := DiffJSON([]byte("{"), want, 5); n != 1 {
		t.Errorf("invalid JSON: %d differences", n)
	}
}

package policies

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestReadmeListsChecks keeps the README's table of checks in step with
// the checks the engine runs: every check with its severity, measures and
// title, and no other.
func TestReadmeListsChecks(t *testing.T) {
	raw, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	e, err := NewEngine(context.Background(), EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile(`^\| ([A-Z0-9]+(?:-[A-Z0-9]+)*-[0-9]{2}) \| ([a-z]+) \| ([A-Z0-9, -]+) \| (.+) \|$`)
	got := map[string]string{}
	for line := range strings.SplitSeq(string(raw), "\n") {
		if m := row.FindStringSubmatch(line); m != nil {
			got[m[1]] = m[2] + " | " + m[3] + " | " + m[4]
		}
	}
	want := map[string]string{}
	for _, c := range e.Checks() {
		want[c.ID] = string(c.Severity) + " | " + strings.Join(c.Measures, ", ") + " | " + c.Title.EN
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("README check table (-engine +README):\n%s", diff)
	}
}

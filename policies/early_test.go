package policies

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestEarlyChecksGiveTheSameResults: with the checks that read no
// Kubernetes evidence evaluated while it is projected, every check's
// result is what evaluating all of them on the whole input gives.
func TestEarlyChecksGiveTheSameResults(t *testing.T) {
	ctx := context.Background()
	opt := demoRunOptions(t)
	if !hasKubernetes(opt.Bundle) {
		t.Fatal("the demo bundle has no Kubernetes source: the early path is not taken")
	}
	e, err := NewEngine(ctx, EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	early := 0
	for _, ch := range e.Checks() {
		if ch.beforeKubernetes() {
			early++
		}
	}
	if early == 0 || early == len(e.Checks()) {
		t.Fatalf("%d of %d checks evaluated early: nothing to compare", early, len(e.Checks()))
	}
	v := demoValue(t)
	resolve := resolver(opt.Bundle)
	want, err := e.Evaluate(ctx, v, opt.Now, resolve)
	if err != nil {
		t.Fatal(err)
	}
	pre := startEarly(ctx, func() (*Engine, error) { return e, nil }, opt.Bundle, opt.Config, opt.Now, resolve)
	got, err := e.evaluateRest(ctx, v, opt.Now, resolve, pre)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("checks (-all at once +early ones first):\n%s", diff)
	}
}

// TestEarlyCheckErrorIsReported: a check evaluated early that fails (here:
// runs out of time) stops the run with an error naming it, as it would
// among the others.
func TestEarlyCheckErrorIsReported(t *testing.T) {
	dir := t.TempDir()
	policy := `# METADATA
# title: Test check without Kubernetes evidence that never finishes in time
# description: Pairs every number up to 100,000 with every other.
# custom:
#   id: TEST-SLOW-02
#   severity: low
#   measures: [TOM-VER-02]
#   requires: [backup.snapshots]
#   title_de: Testprüfung ohne Kubernetes-Nachweise, die nicht rechtzeitig fertig wird
#   description_de: Bildet alle Paare der Zahlen bis 100.000.
package nachweis.test.slowbackup

_n := numbers.range(1, 100000)

results contains r if {
	count(input.backup.repositories) >= 0
	some i in _n
	some j in _n
	i * j == -1
	r := {"status": "pass", "resource": "never", "message": "never reached", "refs": []}
}
`
	if err := os.WriteFile(filepath.Join(dir, "slow.rego"), []byte(policy), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	e, err := NewEngine(ctx, EngineOptions{Dirs: []string{dir}, CheckTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ch, ok := e.Check("TEST-SLOW-02")
	if !ok || !ch.beforeKubernetes() {
		t.Fatal("TEST-SLOW-02 is not evaluated early")
	}
	_, err = e.Run(ctx, demoRunOptions(t))
	want := "check TEST-SLOW-02 (" + filepath.Join(dir, "slow.rego") + "): stopped: the evaluation took longer than 1s (--policy-timeout)"
	if err == nil || err.Error() != want {
		t.Fatalf("error = %v\nwant    %s", err, want)
	}
}

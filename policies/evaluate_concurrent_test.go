package policies

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nachweis/nachweis/controls"
)

// Evaluate runs checks concurrently; its results must keep the check
// order, and an evaluation error or a cancelled context must not be lost.

func TestEvaluateKeepsCheckOrder(t *testing.T) {
	ctx := context.Background()
	e, err := NewEngine(ctx, EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	opt := demoRunOptions(t)
	in, err := BuildInput(opt.Bundle, opt.Config, opt.Now)
	if err != nil {
		t.Fatal(err)
	}
	v, err := Convert(in)
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.Evaluate(ctx, v, opt.Now, resolver(opt.Bundle))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(e.Checks()) {
		t.Fatalf("%d results for %d checks", len(got), len(e.Checks()))
	}
	for i, ch := range e.Checks() {
		if got[i].ID != ch.ID {
			t.Errorf("result %d is %s, want %s", i, got[i].ID, ch.ID)
		}
		if got[i].Status == "" {
			t.Errorf("%s: no status", ch.ID)
		}
	}
	if _, err := e.Evaluate(canceled(), v, opt.Now, resolver(opt.Bundle)); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: got %v, want context.Canceled", err)
	}
}

func canceled() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}

func TestEvaluateReportsCheckError(t *testing.T) {
	dir := t.TempDir()
	policy := `# METADATA
# title: Test check with a runtime error
# description: A complete rule with two values fails at evaluation.
# custom:
#   id: TEST-ERR-01
#   severity: low
#   measures: [TOM-TEST-01]
#   requires: [kubernetes.namespaces]
#   title_de: Testprüfung mit Laufzeitfehler
#   description_de: Eine vollständige Regel mit zwei Werten scheitert.
package nachweis.test.err

x := 1 if input.now_ns >= 0

x := 2 if input.now_ns >= 0

results contains {"status": "pass", "resource": "r", "message": sprintf("x is %d", [x]), "refs": []}
`
	if err := os.WriteFile(filepath.Join(dir, "err.rego"), []byte(policy), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	e, err := NewEngine(ctx, EngineOptions{Dirs: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	opt := demoRunOptions(t)
	in, err := BuildInput(opt.Bundle, opt.Config, opt.Now)
	if err != nil {
		t.Fatal(err)
	}
	v, err := Convert(in)
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.Evaluate(ctx, v, time.Unix(0, 0), func(string) (controls.EvidenceRef, bool) { return controls.EvidenceRef{}, false })
	if err == nil || !strings.Contains(err.Error(), "TEST-ERR-01") || errors.Is(err, context.Canceled) {
		t.Fatalf("want the evaluation error of TEST-ERR-01, got %v", err)
	}
}

package policies

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence/kubernetes"
)

func TestEngineRejectsBadMetadata(t *testing.T) {
	_, err := NewEngine(context.Background(), EngineOptions{Dirs: []string{"testdata/badmeta"}})
	if err == nil || !strings.Contains(err.Error(), "bad.rego") || !strings.Contains(err.Error(), "severity") {
		t.Fatalf("want an error naming bad.rego and severity, got %v", err)
	}
	_, err = NewEngine(context.Background(), EngineOptions{Dirs: []string{"testdata/nonexistent"}})
	if err == nil || !strings.Contains(err.Error(), "testdata/nonexistent") {
		t.Fatalf("want an error naming the missing directory, got %v", err)
	}
}

func TestEngineFailsClosed(t *testing.T) {
	ctx := context.Background()
	e, err := NewEngine(ctx, EngineOptions{Dirs: []string{"testdata/extra"}})
	if err != nil {
		t.Fatal(err)
	}
	in := &Input{
		Tenants:    map[string]Tenant{},
		Kubernetes: map[string]*kubernetes.Cluster{"c": {Present: map[string]bool{"namespaces": true}, Errors: map[string]string{}}},
	}
	v, err := Convert(in)
	if err != nil {
		t.Fatal(err)
	}
	resolve := func(ref string) (controls.EvidenceRef, bool) { return controls.EvidenceRef{}, false }
	got, err := e.Evaluate(ctx, v, time.Unix(0, 0), resolve)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]controls.CheckResult{}
	for _, c := range got {
		byID[c.ID] = c
	}
	tests := []struct {
		id, reason string
	}{
		{"TEST-EMPTY-01", "nothing in scope"},
		{"TEST-NEEDS-01", "evidence github.organization missing"},
		{"TEST-NOREF-01", ""},
		// Every embedded check that needs GitHub, backups or more of
		// Kubernetes than namespaces has no evidence here.
		{"GH-2FA-01", "evidence github.organization missing"},
		{"BAK-FRESH-01", "evidence backup.snapshots missing"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			c, ok := byID[tt.id]
			if !ok {
				t.Fatalf("check %s not evaluated", tt.id)
			}
			if c.Status != controls.NoEvidence {
				t.Errorf("status %s, want no-evidence (findings %+v)", c.Status, c.Findings)
			}
			if !strings.Contains(c.Reason, tt.reason) {
				t.Errorf("reason %q, want it to contain %q", c.Reason, tt.reason)
			}
		})
	}
	for _, f := range byID["TEST-NOREF-01"].Findings {
		if f.Status != controls.NoEvidence {
			t.Errorf("pass without a resolvable evidence reference counted as %s: %s", f.Status, f.Message)
		}
	}
	for _, c := range got {
		if c.Status == controls.Pass {
			t.Errorf("%s passed on an input without evidence", c.ID)
		}
	}
}

package policies

import (
	"context"
	"io/fs"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

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
			if !strings.Contains(c.Reason.Text.EN, tt.reason) {
				t.Errorf("reason %q, want it to contain %q", c.Reason.Text.EN, tt.reason)
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

// TestEngineFromFS loads the policies from a given file system instead of
// the embedded ones, as the evidence pack's re-evaluation does: a copy of
// the embedded modules gives the same checks under the same names, an
// edited copy is what gets compiled, and nothing embedded is added.
func TestEngineFromFS(t *testing.T) {
	ctx := context.Background()
	embedded, err := NewEngine(ctx, EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	files := fstest.MapFS{}
	err = fs.WalkDir(FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !IsModule(p) {
			return err
		}
		data, err := fs.ReadFile(FS, p)
		files[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	copied, err := NewEngine(ctx, EngineOptions{FS: files})
	if err != nil {
		t.Fatal(err)
	}
	summary := func(e *Engine) []string {
		var out []string
		for _, c := range e.Checks() {
			out = append(out, c.ID+" "+c.Policy+":"+strconv.Itoa(c.Line)+" "+c.Title.EN)
		}
		return out
	}
	if diff := cmp.Diff(summary(embedded), summary(copied)); diff != "" {
		t.Fatalf("checks from a copy of the embedded policies differ (-embedded +copy):\n%s", diff)
	}

	const file = "kubernetes/netpol_default_deny.rego"
	src := string(files[file].Data)
	if !strings.Contains(src, "# title: ") {
		t.Fatalf("%s has no METADATA title", file)
	}
	only := fstest.MapFS{}
	for p, f := range files {
		if strings.HasPrefix(p, "lib/") {
			only[p] = f
		}
	}
	only[file] = &fstest.MapFile{Data: []byte(strings.Replace(src, "# title: ", "# title: Edited - ", 1))}
	only["kubernetes/ignored_test.rego"] = &fstest.MapFile{Data: []byte("package broken (")}
	edited, err := NewEngine(ctx, EngineOptions{FS: only})
	if err != nil {
		t.Fatal(err)
	}
	if got := summary(edited); len(got) != 1 || !strings.HasPrefix(got[0], "K8S-NET-01 policies/"+file+":") || !strings.Contains(got[0], " Edited - ") {
		t.Fatalf("checks from one edited module = %q, want only K8S-NET-01 from policies/%s with the edited title", got, file)
	}
}

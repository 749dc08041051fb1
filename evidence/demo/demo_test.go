package demo

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/evidence"
)

// sources mirrors the demo-bundle target of the Makefile.
var sources = []struct{ kind, name, dir string }{
	{"kubernetes", "prod", "kubernetes"},
	{"restic", "web01", "restic-web01"},
	{"restic", "shared", "restic-shared"},
	{"borg", "files01", "borg-files01"},
	{"borg", "db01", "borg-db01"},
	{"pgbackrest", "main", "pgbackrest-main"},
	{"github", "example-org", "github"},
}

// TestBundleUpToDate rebuilds the demo bundle from src/ and compares it
// with the embedded one: a changed source without `make demo-bundle`
// fails here.
func TestBundleUpToDate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "bundle")
	at := time.Date(2026, 11, 23, 19, 0, 0, 0, time.UTC)
	for _, s := range sources {
		files, err := filepath.Glob(filepath.Join("src", s.dir, "*"))
		if err != nil || len(files) == 0 {
			t.Fatalf("src/%s: %v (%d files)", s.dir, err, len(files))
		}
		err = evidence.Import(context.Background(), evidence.ImportOptions{
			Bundle: dir, Kind: s.kind, Source: s.name, Files: files, Now: at, ToolVersion: "0.1.0-dev",
		})
		if err != nil {
			t.Fatalf("import %s: %v", s.dir, err)
		}
	}
	want, err := os.ReadFile(filepath.Join(dir, evidence.ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	got, err := fs.ReadFile(data, "data/bundle/"+evidence.ManifestFile)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("embedded demo bundle is stale; run make demo-bundle (-rebuilt +embedded):\n%s", diff)
	}
}

func TestDemoLoads(t *testing.T) {
	b, err := Bundle()
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Manifest.Sources) != len(sources) {
		t.Errorf("bundle has %d sources, want %d", len(b.Manifest.Sources), len(sources))
	}
	if got := b.CutOff().Format(time.RFC3339); got != "2026-11-23T19:00:00Z" {
		t.Errorf("cut-off %s", got)
	}
	cfg, err := Config()
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Tenants) != 3 || cfg.Organisation.Name != "Beispiel Cloud GmbH" {
		t.Errorf("config: %d tenants, organisation %q", len(cfg.Tenants), cfg.Organisation.Name)
	}
	rec, err := Records()
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Exceptions) != 1 || rec.Exceptions[0].Check != "BAK-OFFSITE-01" {
		t.Errorf("exceptions: %+v", rec.Exceptions)
	}
	expired := 0
	now := time.Date(2026, 11, 23, 19, 0, 0, 0, time.UTC)
	for _, a := range rec.Attestations {
		if a.ExpiredAt(now) {
			expired++
		}
	}
	if len(rec.Attestations) < 40 || expired != 1 {
		t.Errorf("attestations: %d, expired %d (want ≥40, exactly 1 expired)", len(rec.Attestations), expired)
	}
}

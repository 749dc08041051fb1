package collect

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/config"
)

func TestRunSourcesWithoutLiveCollector(t *testing.T) {
	cfg, err := config.Parse("nachweis.yaml", []byte(`
sources:
  pgbackrest: [{name: main, stanza: main}]
`))
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 23, 19, 0, 0, 0, time.UTC)
	var warnings []string
	bundle := filepath.Join(t.TempDir(), "bundle")
	b, err := Run(context.Background(), Options{
		Config: cfg, Bundle: bundle, ToolVersion: "test", Clock: func() time.Time { return at },
		Warn: func(s string) { warnings = append(warnings, s) },
	})
	if err != nil {
		t.Fatal(err)
	}
	got := b.Manifest.Sources
	msg := func(kind string) string {
		return "live collection of " + kind + " sources is not available yet; import its output with nachweis import"
	}
	src := func(kind, name string) evidence.Source {
		return evidence.Source{Kind: kind, Name: name, Collector: "nachweis test", StartedAt: at, FinishedAt: at,
			Status: evidence.StatusError, Error: msg(kind), Files: []evidence.File{}}
	}
	want := []evidence.Source{src("pgbackrest", "main")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
	wantWarn := []string{"pgbackrest/main: " + msg("pgbackrest")}
	if diff := cmp.Diff(wantWarn, warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
}

func TestRunNoSources(t *testing.T) {
	cfg := &config.Config{File: "nachweis.yaml"}
	_, err := Run(context.Background(), Options{Config: cfg, Bundle: filepath.Join(t.TempDir(), "b"), Clock: time.Now})
	if !errors.Is(err, ErrNoSources) {
		t.Errorf("Run without sources: %v", err)
	}
}

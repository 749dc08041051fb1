package collect

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/backup/backuptest"
	"github.com/nachweis/nachweis/evidence/config"
)

// TestRunBackupSources collects real restic and borg repositories: the
// readable ones with their items, the one with a wrong password as a
// failed source with restic's message and a warning.
func TestRunBackupSources(t *testing.T) {
	at := time.Date(2026, 11, 23, 19, 0, 0, 0, time.UTC)
	restic := backuptest.Restic(t, "restic-secret-a1", backuptest.Snapshot{Time: at.Add(-time.Hour), Host: "web-01"})
	borg := backuptest.Borg(t, "repokey-blake2", "borg-secret-b2", backuptest.Snapshot{Name: "files-1", Time: at.Add(-time.Hour)})
	pass := filepath.Join(t.TempDir(), "borg.pass")
	if err := os.WriteFile(pass, []byte("borg-secret-b2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse("nachweis.yaml", []byte(`
sources:
  restic:
    - {name: web01, repository: `+restic+`, password_env: WEB01_PW}
    - {name: wrong, repository: `+restic+`, password_env: WRONG_PW}
  borg:
    - {name: files01, repository: `+borg+`, passphrase_file: `+pass+`}
`))
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"PATH": os.Getenv("PATH"), "WEB01_PW": "restic-secret-a1", "WRONG_PW": "not-the-password-c3"}
	var warnings []string
	b, err := Run(context.Background(), Options{
		Config: cfg, Bundle: filepath.Join(t.TempDir(), "bundle"), ToolVersion: "test", Clock: func() time.Time { return at },
		Warn:   func(s string) { warnings = append(warnings, s) },
		Getenv: func(k string) string { return env[k] },
	})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range b.Manifest.Sources {
		var files []string
		for _, f := range s.Files {
			files = append(files, f.Kind)
		}
		got[s.Kind+"/"+s.Name] = s.Status + " " + strings.Join(files, ",") + " " + s.Error
	}
	wrongMsg := "restic snapshots " + restic + ": Fatal: wrong password or no key found (exit status 1)"
	want := map[string]string{
		"restic/web01": "ok restic/config,restic/snapshots,restic/stats ",
		"restic/wrong": "error  " + wrongMsg,
		"borg/files01": "ok borg/info,borg/list ",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"restic/wrong: " + wrongMsg}, warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	for _, s := range b.Manifest.Sources {
		if s.Status == evidence.StatusOK && !s.FinishedAt.Equal(at) {
			t.Errorf("%s/%s finished at %s", s.Kind, s.Name, s.FinishedAt)
		}
	}
}

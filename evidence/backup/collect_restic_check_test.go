package backup_test

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/backup"
	"github.com/nachweis/nachweis/evidence/backup/backuptest"
)

func TestResticCheckSubset(t *testing.T) {
	day := func(s string) time.Time {
		t.Helper()
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name  string
		check backup.ResticCheck
		now   time.Time
		want  string
	}{
		// 2026-11-23 is day 20780 since 1970-01-01; 20780 mod 7 = 4.
		{"rotate 7 on day 20780", backup.ResticCheck{Rotate: 7}, day("2026-11-23T00:00:00Z"), "5/7"},
		{"rotate 7, same UTC day, late", backup.ResticCheck{Rotate: 7}, day("2026-11-23T23:59:59Z"), "5/7"},
		{"rotate 7, same instant in another zone", backup.ResticCheck{Rotate: 7}, day("2026-11-24T00:30:00+01:00"), "5/7"},
		{"rotate 7, next day", backup.ResticCheck{Rotate: 7}, day("2026-11-24T00:00:00Z"), "6/7"},
		{"rotate 7, last part of the cycle", backup.ResticCheck{Rotate: 7}, day("2026-11-25T12:00:00Z"), "7/7"},
		{"rotate 7, wraps to 1", backup.ResticCheck{Rotate: 7}, day("2026-11-26T12:00:00Z"), "1/7"},
		{"rotate 1 reads all", backup.ResticCheck{Rotate: 1}, day("2026-11-23T12:00:00Z"), "1/1"},
		{"rotate 30", backup.ResticCheck{Rotate: 30}, day("2026-11-23T12:00:00Z"), "21/30"},
		{"epoch", backup.ResticCheck{Rotate: 7}, day("1970-01-01T00:00:00Z"), "1/7"},
		{"before the epoch", backup.ResticCheck{Rotate: 7}, day("1969-12-31T23:00:00Z"), "7/7"},
		{"subset passed through", backup.ResticCheck{ReadDataSubset: "5%"}, day("2026-11-23T12:00:00Z"), "5%"},
		{"structure only", backup.ResticCheck{}, day("2026-11-23T12:00:00Z"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.check.Subset(tt.now); got != tt.want {
				t.Errorf("Subset(%s) = %q, want %q", tt.now, got, tt.want)
			}
		})
	}
}

// TestCollectResticCheck runs restic check on real repositories: a sound
// one passes, a damaged one is stored as evidence of the damage, and a
// check that cannot run (a backup holds the lock) is an error of the
// integrity evidence only.
func TestCollectResticCheck(t *testing.T) {
	snap := backuptest.Snapshot{Time: collectedAt.Add(-time.Hour), Host: "web-01"}
	sound := backuptest.Restic(t, resticPassword, snap)
	damaged := backuptest.Restic(t, resticPassword, snap)
	backuptest.DamageResticPack(t, damaged, resticPassword)
	locked := backuptest.Restic(t, resticPassword, snap)

	all := []string{"restic/snapshots snapshots.json", "restic/stats stats-raw-data.json", "restic/config cat-config.json", "restic/check check.txt"}
	tests := []struct {
		name   string
		repo   string
		check  backup.ResticCheck
		kinds  []string
		ok     bool
		detail string // prefix
		errors map[string]string
	}{
		{"structure", sound, backup.ResticCheck{}, all, true, "no errors were found", nil},
		{"all data", sound, backup.ResticCheck{ReadDataSubset: "100%"}, all, true, "no errors were found", nil},
		{"rotating subset", sound, backup.ResticCheck{Rotate: 7}, all, true, "no errors were found", nil},
		{"damaged pack", damaged, backup.ResticCheck{}, all, false, "Fatal: repository contains errors", nil},
		{"locked by a running backup", locked, backup.ResticCheck{}, all[:3], false, "", map[string]string{
			"integrity": "restic check " + locked + ": unable to create lock in backend: repository is already locked by PID …"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.repo == locked {
				holdLock(t, locked)
			}
			o := options("web01", tt.repo, map[string]string{"PW": resticPassword})
			o.SecretEnv = "PW"
			o.Check = &tt.check
			sd, err := backup.CollectRestic(context.Background(), o)
			if err != nil {
				t.Fatal(err)
			}
			if sd.Source.Status != evidence.StatusOK {
				t.Fatalf("source %+v", sd.Source)
			}
			if diff := cmp.Diff(tt.kinds, kinds(sd)); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
			errs := sd.Source.Errors
			for k, w := range tt.errors {
				if p, ok := strings.CutSuffix(w, "…"); ok && strings.HasPrefix(errs[k], p) {
					errs[k] = w
				}
			}
			if diff := cmp.Diff(tt.errors, errs); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
			var files []backup.File
			for _, it := range sd.Items {
				files = append(files, backup.File{Path: it.Origin, Kind: it.Kind, Data: it.Data})
			}
			b, err := backup.Project([]backup.Repo{{Source: "web01", Tool: "restic", Files: files, CheckedAt: sd.Source.FinishedAt}}, backup.Params{DefaultMaxAge: 26 * time.Hour})
			if err != nil {
				t.Fatal(err)
			}
			r := b.Repositories["web01"]
			if tt.errors != nil {
				if r.Integrity != nil || r.Present["integrity"] {
					t.Errorf("integrity %+v without a check", r.Integrity)
				}
				return
			}
			in := r.Integrity
			if in == nil || in.OK != tt.ok || !strings.HasPrefix(in.Detail, tt.detail) || in.CheckedAtNS == nil || *in.CheckedAtNS != collectedAt.UnixNano() {
				t.Errorf("integrity %+v, want ok %v, detail %q…", in, tt.ok, tt.detail)
			}
			if len(sd.Items) != 4 {
				return
			}
			check := string(sd.Items[3].Data)
			if !tt.ok && (!strings.Contains(check, "unexpected file size") || !strings.Contains(check, "Fatal: repository contains errors")) {
				t.Errorf("stored check output lacks restic's findings:\n%s", check)
			}
			if strings.Contains(check, resticPassword) || strings.Contains(check, "restic-check-cache") {
				t.Errorf("stored check output holds the password or a temporary path:\n%s", check)
			}
		})
	}
}

// holdLock runs restic backup --stdin on repo until the test ends: restic
// holds its (non-exclusive) lock while it waits for input.
func holdLock(t *testing.T, repo string) {
	t.Helper()
	cmd := exec.Command("restic", "-r", repo, "backup", "-q", "--stdin")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "RESTIC_PASSWORD=" + resticPassword}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		io.WriteString(stdin, "data\n")
		stdin.Close()
		cmd.Wait()
	})
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if locks, _ := filepath.Glob(filepath.Join(repo, "locks", "*")); len(locks) > 0 {
			return
		}
	}
	t.Fatal("restic backup --stdin took no lock within 30s")
}

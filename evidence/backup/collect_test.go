package backup_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/backup"
	"github.com/nachweis/nachweis/evidence/backup/backuptest"
)

const (
	resticPassword = "restic-test-password-7f3a9c"
	borgPassphrase = "borg-test-passphrase-2d81e4"
)

var collectedAt = time.Date(2026, 11, 23, 19, 0, 0, 0, time.UTC)

func options(name, repo string, env map[string]string) backup.CollectOptions {
	return backup.CollectOptions{
		Name:       name,
		Repository: repo,
		Collector:  "nachweis test",
		Now:        func() time.Time { return collectedAt },
		Getenv: func(k string) string {
			if k == "PATH" {
				return os.Getenv("PATH")
			}
			return env[k]
		},
	}
}

// project projects a collected source as the policies read it.
func project(t *testing.T, sd evidence.SourceData) *backup.Repository {
	t.Helper()
	var files []backup.File
	for _, it := range sd.Items {
		files = append(files, backup.File{Path: it.Origin, Kind: it.Kind, Data: it.Data})
	}
	b, err := backup.Project([]backup.Repo{{Source: sd.Source.Name, Tool: sd.Source.Kind, Files: files}}, backup.Params{DefaultMaxAge: 26 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	return b.Repositories[sd.Source.Name]
}

func kinds(sd evidence.SourceData) []string {
	var out []string
	for _, it := range sd.Items {
		out = append(out, it.Kind+" "+it.Origin)
	}
	return out
}

func TestCollectRestic(t *testing.T) {
	at := collectedAt.Add(-2 * time.Hour)
	repo := backuptest.Restic(t, resticPassword, backuptest.Snapshot{Time: at, Host: "web-01", Tags: []string{"acme"}})
	passFile := filepath.Join(t.TempDir(), "restic.pass")
	if err := os.WriteFile(passFile, []byte(resticPassword+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		opt  func(*backup.CollectOptions)
	}{
		{"password_env", func(o *backup.CollectOptions) { o.SecretEnv = "WEB01_PASSWORD" }},
		{"password_file", func(o *backup.CollectOptions) { o.SecretFile = passFile }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := options("web01", repo, map[string]string{"WEB01_PASSWORD": resticPassword})
			tt.opt(&o)
			sd, err := backup.CollectRestic(context.Background(), o)
			if err != nil {
				t.Fatal(err)
			}
			want := evidence.Source{Kind: "restic", Name: "web01", Collector: "nachweis test", StartedAt: collectedAt, FinishedAt: collectedAt, Status: evidence.StatusOK}
			if diff := cmp.Diff(want, sd.Source); diff != "" {
				t.Errorf("source (-want +got):\n%s", diff)
			}
			wantKinds := []string{"restic/snapshots snapshots.json", "restic/stats stats-raw-data.json", "restic/config cat-config.json"}
			if diff := cmp.Diff(wantKinds, kinds(sd)); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
			r := project(t, sd)
			if r.Encryption == nil || r.Encryption.Encrypted == nil || !*r.Encryption.Encrypted || len(r.Snapshots) != 1 {
				t.Fatalf("projection: encryption %+v, snapshots %+v", r.Encryption, r.Snapshots)
			}
			s := r.Snapshots[0]
			if s.TimeNS != at.UnixNano() || s.Hostname != "web-01" || !cmp.Equal(s.Tags, []string{"acme"}) {
				t.Errorf("snapshot %+v, want time %s", s, at)
			}
		})
	}
}

func TestCollectBorg(t *testing.T) {
	at := collectedAt.Add(-3 * time.Hour)
	encrypted := backuptest.Borg(t, "repokey-blake2", borgPassphrase, backuptest.Snapshot{Name: "acme-2026-11-23", Time: at})
	plain := backuptest.Borg(t, "none", "", backuptest.Snapshot{Name: "globex-2026-11-23", Time: at})
	passFile := filepath.Join(t.TempDir(), "it's borg.pass") // a quote and a space for BORG_PASSCOMMAND
	if err := os.WriteFile(passFile, []byte(borgPassphrase+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, repo, mode, archive string
		encrypted                 bool
		opt                       func(*backup.CollectOptions)
	}{
		{"passphrase_env", encrypted, "repokey-blake2", "acme-2026-11-23", true, func(o *backup.CollectOptions) { o.SecretEnv = "FILES01_PASSPHRASE" }},
		{"passphrase_file", encrypted, "repokey-blake2", "acme-2026-11-23", true, func(o *backup.CollectOptions) { o.SecretFile = passFile }},
		{"unencrypted", plain, "none", "globex-2026-11-23", false, func(*backup.CollectOptions) {}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := options("files01", tt.repo, map[string]string{"FILES01_PASSPHRASE": borgPassphrase})
			tt.opt(&o)
			sd, err := backup.CollectBorg(context.Background(), o)
			if err != nil {
				t.Fatal(err)
			}
			if sd.Source.Status != evidence.StatusOK || sd.Source.Errors != nil {
				t.Fatalf("source %+v", sd.Source)
			}
			if diff := cmp.Diff([]string{"borg/list list.json", "borg/info info.json"}, kinds(sd)); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
			r := project(t, sd)
			if r.Encryption == nil || r.Encryption.Mode != tt.mode || r.Encryption.Encrypted == nil || *r.Encryption.Encrypted != tt.encrypted {
				t.Errorf("encryption %+v, want mode %s", r.Encryption, tt.mode)
			}
			// borg ran with TZ=UTC: its offset-less times are the UTC
			// time given to borg create --timestamp.
			if len(r.Snapshots) != 1 || r.Snapshots[0].ID != tt.archive || r.Snapshots[0].TimeNS != at.UnixNano() {
				t.Errorf("snapshots %+v, want %s at %s", r.Snapshots, tt.archive, at)
			}
		})
	}
}

// TestCollectFailures: every way a repository cannot be read becomes the
// source's error with the tool's message and without the secret.
func TestCollectFailures(t *testing.T) {
	resticRepo := backuptest.Restic(t, resticPassword, backuptest.Snapshot{Time: collectedAt})
	borgRepo := backuptest.Borg(t, "repokey-blake2", borgPassphrase, backuptest.Snapshot{Name: "a", Time: collectedAt})
	dir := t.TempDir()
	wrongFile := filepath.Join(dir, "wrong.pass")
	if err := os.WriteFile(wrongFile, []byte("wrong-file-secret-91c2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"PW": "wrong-env-secret-5be0", "EMPTY": ""}
	restic, borg := backup.CollectRestic, backup.CollectBorg
	tests := []struct {
		name    string
		collect func(context.Context, backup.CollectOptions) (evidence.SourceData, error)
		repo    string
		opt     func(*backup.CollectOptions)
		want    string // the whole error, or its prefix when ending in "…"
		secrets []string
	}{
		{"restic wrong password env", restic, resticRepo, func(o *backup.CollectOptions) { o.SecretEnv = "PW" },
			"restic snapshots " + resticRepo + ": Fatal: wrong password or no key found (exit status 1)", []string{env["PW"]}},
		{"restic wrong password file", restic, resticRepo, func(o *backup.CollectOptions) { o.SecretFile = wrongFile },
			"restic snapshots " + resticRepo + ": Fatal: wrong password or no key found (exit status 1)", []string{"wrong-file-secret-91c2"}},
		{"restic no repository", restic, filepath.Join(dir, "missing"), func(o *backup.CollectOptions) { o.SecretEnv = "PW" },
			"restic snapshots " + filepath.Join(dir, "missing") + ": Fatal: unable to open config file: stat " + filepath.Join(dir, "missing", "config") + ": no such file or directory; Is there a repository at the following location?; " + filepath.Join(dir, "missing") + " (exit status 1)", nil},
		{"restic not installed", restic, resticRepo, func(o *backup.CollectOptions) { o.SecretEnv = "PW"; o.Binary = "restic-not-installed" },
			"restic snapshots: restic-not-installed not found: install it or put it on PATH", nil},
		{"restic timeout", restic, resticRepo, func(o *backup.CollectOptions) { o.SecretEnv = "PW"; o.Timeout = time.Nanosecond },
			"restic snapshots " + resticRepo + ": no answer within 1ns", nil},
		{"restic password variable unset", restic, resticRepo, func(o *backup.CollectOptions) { o.SecretEnv = "EMPTY" },
			"the environment variable EMPTY that should hold the restic secret is not set or empty", nil},
		{"restic password file missing", restic, resticRepo, func(o *backup.CollectOptions) { o.SecretFile = filepath.Join(dir, "nope") },
			"read the restic secret file: open " + filepath.Join(dir, "nope") + ": no such file or directory", nil},
		{"borg wrong passphrase env", borg, borgRepo, func(o *backup.CollectOptions) { o.SecretEnv = "PW" },
			"borg list " + borgRepo + ": passphrase supplied in BORG_PASSPHRASE, by BORG_PASSCOMMAND or via BORG_PASSPHRASE_FD is incorrect. (exit status 2)", []string{env["PW"]}},
		{"borg wrong passphrase file", borg, borgRepo, func(o *backup.CollectOptions) { o.SecretFile = wrongFile },
			"borg list " + borgRepo + ": passphrase supplied in BORG_PASSPHRASE, by BORG_PASSCOMMAND or via BORG_PASSPHRASE_FD is incorrect. (exit status 2)", []string{"wrong-file-secret-91c2"}},
		{"borg no repository", borg, filepath.Join(dir, "missing"), func(*backup.CollectOptions) {},
			"borg list " + filepath.Join(dir, "missing") + ": Repository " + filepath.Join(dir, "missing") + " does not exist. (exit status 2)", nil},
		{"borg not installed", borg, borgRepo, func(o *backup.CollectOptions) { o.Binary = filepath.Join(dir, "borg") },
			"borg list: " + filepath.Join(dir, "borg") + " not found: install it or put it on PATH", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := options("src", tt.repo, env)
			tt.opt(&o)
			sd, err := tt.collect(context.Background(), o)
			if err != nil {
				t.Fatal(err)
			}
			s := sd.Source
			if s.Status != evidence.StatusError || len(sd.Items) != 0 || s.Errors != nil {
				t.Errorf("status %s, %d items, errors %v: want an error source without items", s.Status, len(sd.Items), s.Errors)
			}
			if s.Error != tt.want {
				t.Errorf("error\n got: %s\nwant: %s", s.Error, tt.want)
			}
			for _, secret := range tt.secrets {
				if strings.Contains(s.Error, secret) {
					t.Errorf("error contains the secret %q", secret)
				}
			}
		})
	}
}

// TestCollectScrubsSecrets: a tool that repeats the password in its
// message (as a misconfigured wrapper might) has it removed.
func TestCollectScrubsSecrets(t *testing.T) {
	passFile := filepath.Join(t.TempDir(), "pass")
	if err := os.WriteFile(passFile, []byte("file-secret-line\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var got []backup.Command
	echo := func(_ context.Context, c backup.Command) ([]byte, []byte, error) {
		got = append(got, c)
		return nil, []byte("Fatal: password env-secret-value and file-secret-line rejected\n"), context.Canceled
	}
	for _, tt := range []struct {
		name string
		opt  func(*backup.CollectOptions)
		env  string
		msg  string // what remains of the message
	}{
		{"env", func(o *backup.CollectOptions) { o.SecretEnv = "PW" }, "RESTIC_PASSWORD=env-secret-value", "[redacted] and file-secret-line"},
		{"file", func(o *backup.CollectOptions) { o.SecretFile = passFile }, "RESTIC_PASSWORD_FILE=" + passFile, "env-secret-value and [redacted]"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got = nil
			o := options("web01", "/srv/restic", map[string]string{"PW": "env-secret-value"})
			o.Run = echo
			o.TempDir = t.TempDir()
			tt.opt(&o)
			sd, err := backup.CollectRestic(context.Background(), o)
			if err != nil {
				t.Fatal(err)
			}
			if want := "restic snapshots /srv/restic: Fatal: password " + tt.msg + " rejected (context canceled)"; sd.Source.Error != want {
				t.Errorf("error\n got: %s\nwant: %s", sd.Source.Error, want)
			}
			if len(got) != 1 {
				t.Fatalf("%d runs, want 1 (stop after snapshots failed)", len(got))
			}
			c := got[0]
			home := ""
			for _, e := range c.Env {
				if h, ok := strings.CutPrefix(e, "HOME="); ok {
					home = h
				}
			}
			wantEnv := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "LANG=C.UTF-8", tt.env}
			if diff := cmp.Diff(wantEnv, c.Env); diff != "" || !strings.HasPrefix(home, o.TempDir) {
				t.Errorf("environment (-want +got):\n%s", diff)
			}
			if _, err := os.Stat(home); !os.IsNotExist(err) {
				t.Errorf("temporary HOME %s not removed: %v", home, err)
			}
			wantArgs := []string{"--no-lock", "-r", "/srv/restic", "snapshots", "--json"}
			if c.Path != "restic" || !cmp.Equal(c.Args, wantArgs) {
				t.Errorf("command %s %v", c.Path, c.Args)
			}
		})
	}
}

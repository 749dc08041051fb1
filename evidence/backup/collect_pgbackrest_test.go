package backup_test

import (
	"bytes"
	"context"
	"encoding/json"
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
	pgCipherPass = "pg-cipher-pass-3e8b71"
	pgWrongPass  = "pg-wrong-pass-90fa2c"
)

// TestCollectPgBackRest reads a real stanza with an encrypted repo1 and an
// unencrypted repo2, each holding one full backup, with the cipher pass
// from pgBackRest's configuration, the environment or a file, and every
// way the stanza cannot be read.
func TestCollectPgBackRest(t *testing.T) {
	pg := backuptest.PgBackRest(t, "main", backuptest.PgRepo{CipherPass: pgCipherPass}, backuptest.PgRepo{})
	dir := t.TempDir()
	passFile := filepath.Join(dir, "cipher.pass")
	if err := os.WriteFile(passFile, []byte(pgCipherPass+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// repo2 moved away: pgBackRest finds no stanza there.
	conf, err := os.ReadFile(pg.Config)
	if err != nil {
		t.Fatal(err)
	}
	missingRepo2 := filepath.Join(dir, "missing-repo2.conf")
	if err := os.WriteFile(missingRepo2, bytes.ReplaceAll(conf, []byte("repo2-path="+pg.Repos[1]), []byte("repo2-path="+filepath.Join(dir, "gone"))), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"PG_PASS": pgCipherPass, "PG_WRONG": pgWrongPass}
	pgOptions := func(stanza, config string) backup.CollectOptions {
		o := options("main", "", env)
		o.Stanza, o.Config = stanza, config
		return o
	}
	secrets := []string{pgCipherPass, pgWrongPass}

	type repo struct {
		Present   map[string]bool
		Cipher    string
		Backups   int
		Integrity bool
		Error     string // of snapshots; its prefix when ending in "…"
	}
	ok := func(cipher string) repo {
		return repo{Present: map[string]bool{"snapshots": true, "encryption": true, "integrity": true}, Cipher: cipher, Backups: 1, Integrity: true}
	}
	unusable := func(msg string) repo {
		return repo{Present: map[string]bool{"snapshots": false, "encryption": false, "integrity": false}, Cipher: "aes-256-cbc", Error: msg}
	}
	tests := []struct {
		name  string
		opt   backup.CollectOptions
		repos map[string]repo
	}{
		{"cipher pass in pgbackrest.conf", pgOptions("main", pg.Config),
			map[string]repo{"main/repo1": ok("aes-256-cbc"), "main/repo2": ok("none")}},
		{"cipher_pass_env", func() backup.CollectOptions {
			o := pgOptions("main", pg.ConfigNoPass)
			o.SecretEnv, o.CipherRepos = "PG_PASS", []int{1, 2}
			return o
		}(), map[string]repo{"main/repo1": ok("aes-256-cbc"), "main/repo2": ok("none")}},
		{"cipher_pass_file", func() backup.CollectOptions {
			o := pgOptions("main", pg.ConfigNoPass)
			o.SecretFile = passFile
			return o
		}(), map[string]repo{"main/repo1": ok("aes-256-cbc"), "main/repo2": ok("none")}},
		{"wrong cipher pass: repo1 unreadable, repo2 fine", func() backup.CollectOptions {
			o := pgOptions("main", pg.ConfigNoPass)
			o.SecretEnv = "PG_WRONG"
			return o
		}(), map[string]repo{
			"main/repo1": unusable("pgBackRest cannot read repo1 of stanza main: status 99 ([FormatError] unable to load info file '" + pg.Repos[0] + "/backup/main/backup.info' or …"),
			"main/repo2": ok("none"),
		}},
		{"repo2 missing", pgOptions("main", missingRepo2), map[string]repo{
			"main/repo1": ok("aes-256-cbc"),
			"main/repo2": func() repo {
				r := unusable("pgBackRest cannot read repo2 of stanza main: status 1 (missing stanza path)")
				r.Cipher = "none"
				return r
			}(),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sd, err := backup.CollectPgBackRest(context.Background(), tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			want := evidence.Source{Kind: "pgbackrest", Name: "main", Collector: "nachweis test", StartedAt: collectedAt, FinishedAt: collectedAt, Status: evidence.StatusOK}
			if diff := cmp.Diff(want, sd.Source); diff != "" {
				t.Fatalf("source (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]string{"pgbackrest/info info.json"}, kinds(sd)); diff != "" {
				t.Fatalf("items (-want +got):\n%s", diff)
			}
			assertSystemID(t, sd.Items[0].Data, pg.SystemID)
			b, err := backup.Project([]backup.Repo{{Source: "main", Tool: "pgbackrest", Files: []backup.File{{Path: "info.json", Kind: backup.KindPgBackRestInfo, Data: sd.Items[0].Data}}}},
				backup.Params{DefaultMaxAge: 26 * time.Hour})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]repo{}
			for name, r := range b.Repositories {
				g := repo{Present: r.Present, Backups: len(r.Snapshots), Integrity: r.Integrity != nil && r.Integrity.OK, Error: r.Errors["snapshots"]}
				if r.Encryption != nil {
					g.Cipher = r.Encryption.Mode
				}
				if w := tt.repos[name]; strings.HasSuffix(w.Error, "…") && strings.HasPrefix(g.Error, strings.TrimSuffix(w.Error, "…")) {
					g.Error = w.Error
				}
				got[name] = g
				for _, s := range secrets {
					if strings.Contains(r.Errors["snapshots"], s) {
						t.Errorf("%s: error contains a cipher pass", name)
					}
				}
			}
			if diff := cmp.Diff(tt.repos, got); diff != "" {
				t.Errorf("repositories (-want +got):\n%s", diff)
			}
			for _, s := range secrets {
				if bytes.Contains(sd.Items[0].Data, []byte(s)) {
					t.Error("the info output contains a cipher pass")
				}
			}
		})
	}

	failures := []struct {
		name string
		opt  func(*backup.CollectOptions)
		want string
	}{
		{"wrong stanza", func(o *backup.CollectOptions) { o.Stanza = "nope" },
			"pgbackrest info stanza nope: the stanza exists in no repository (check the stanza name and the configuration): repo1 status 1 (missing stanza path); repo2 status 1 (missing stanza path)"},
		{"no cipher pass", func(o *backup.CollectOptions) { o.Config = pg.ConfigNoPass },
			"pgbackrest info stanza main: ERROR: [037]: info command requires option: repo1-cipher-pass (exit status 37)"},
		{"cipher pass for repo2 only", func(o *backup.CollectOptions) {
			o.Config, o.SecretEnv, o.CipherRepos = pg.ConfigNoPass, "PG_PASS", []int{2}
		}, "pgbackrest info stanza main: ERROR: [037]: info command requires option: repo1-cipher-pass (exit status 37)"},
		{"configuration missing", func(o *backup.CollectOptions) { o.Config = filepath.Join(dir, "nope.conf") },
			"pgbackrest info stanza main: ERROR: [055]: unable to open missing file '" + filepath.Join(dir, "nope.conf") + "' for read (exit status 55)"},
		{"cipher pass variable unset", func(o *backup.CollectOptions) { o.SecretEnv = "UNSET" },
			"the environment variable UNSET that should hold the pgbackrest secret is not set or empty"},
		{"not installed", func(o *backup.CollectOptions) { o.Binary = "pgbackrest-not-installed" },
			"pgbackrest info: pgbackrest-not-installed not found: install it or put it on PATH"},
		{"timeout", func(o *backup.CollectOptions) { o.Timeout = time.Nanosecond },
			"pgbackrest info stanza main: no answer within 1ns"},
	}
	for _, tt := range failures {
		t.Run(tt.name, func(t *testing.T) {
			o := pgOptions("main", pg.Config)
			tt.opt(&o)
			sd, err := backup.CollectPgBackRest(context.Background(), o)
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
		})
	}
}

// assertSystemID checks that the stored info output carries the cluster's
// system identifier digit for digit: it does not fit a float64.
func assertSystemID(t *testing.T, data []byte, want string) {
	t.Helper()
	var info []struct {
		DB []struct {
			SystemID json.Number `json:"system-id"`
		} `json:"db"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&info); err != nil {
		t.Fatal(err)
	}
	if len(info) != 1 || len(info[0].DB) == 0 {
		t.Fatalf("info output without db: %s", data)
	}
	for _, db := range info[0].DB {
		if db.SystemID.String() != want {
			t.Errorf("system-id %s, want %s", db.SystemID, want)
		}
	}
}

// TestCollectPgBackRestCommand: the command line and the environment,
// with the cipher pass given once per repository and removed from
// pgBackRest's messages.
func TestCollectPgBackRestCommand(t *testing.T) {
	var got []backup.Command
	o := options("main", "", map[string]string{"PG_PASS": "cipher-secret-77"})
	o.Stanza, o.Config, o.SecretEnv, o.CipherRepos = "main", "/etc/pgbackrest/pgbackrest.conf", "PG_PASS", []int{2, 1, 2}
	o.TempDir = t.TempDir()
	o.Run = func(_ context.Context, c backup.Command) ([]byte, []byte, error) {
		got = append(got, c)
		return []byte(`[]`), nil, nil
	}
	sd, err := backup.CollectPgBackRest(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if want := "pgbackrest info stanza main: the output does not report the stanza"; sd.Source.Error != want {
		t.Errorf("error %q, want %q", sd.Source.Error, want)
	}
	if len(got) != 1 {
		t.Fatalf("%d runs, want 1", len(got))
	}
	c := got[0]
	wantArgs := []string{"--stanza=main", "--config=/etc/pgbackrest/pgbackrest.conf", "--output=json", "--log-level-console=off", "--log-level-stderr=warn", "--log-level-file=off", "info"}
	if c.Path != "pgbackrest" || !cmp.Equal(wantArgs, c.Args) {
		t.Errorf("command %s %v", c.Path, c.Args)
	}
	home := ""
	for _, e := range c.Env {
		if h, ok := strings.CutPrefix(e, "HOME="); ok {
			home = h
		}
	}
	wantEnv := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "LANG=C.UTF-8", "PGBACKREST_REPO1_CIPHER_PASS=cipher-secret-77", "PGBACKREST_REPO2_CIPHER_PASS=cipher-secret-77"}
	if diff := cmp.Diff(wantEnv, c.Env); diff != "" || !strings.HasPrefix(home, o.TempDir) {
		t.Errorf("environment (-want +got):\n%s", diff)
	}

	o.Run = func(context.Context, backup.Command) ([]byte, []byte, error) {
		return []byte("not json"), nil, nil
	}
	sd, err = backup.CollectPgBackRest(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if want := "pgbackrest info stanza main: output is not pgbackrest info --output=json: invalid character 'o' in literal null (expecting 'u')"; sd.Source.Error != want {
		t.Errorf("error %q, want %q", sd.Source.Error, want)
	}
	o.Run = func(context.Context, backup.Command) ([]byte, []byte, error) {
		return nil, []byte("ERROR: [099]: cipher pass cipher-secret-77 rejected\n"), context.Canceled
	}
	sd, err = backup.CollectPgBackRest(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if want := "pgbackrest info stanza main: ERROR: [099]: cipher pass [redacted] rejected (context canceled)"; sd.Source.Error != want {
		t.Errorf("error %q, want %q", sd.Source.Error, want)
	}
}

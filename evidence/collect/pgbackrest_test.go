package collect

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence/backup/backuptest"
	"github.com/nachweis/nachweis/evidence/config"
	"github.com/nachweis/nachweis/policies"
)

// Secrets of TestRunPgBackRestAndResticCheck; none may appear in the
// bundle, the warnings or the results.
const (
	pgPass       = "pg-cipher-pass-c41d09"
	pgWrongPass  = "pg-wrong-pass-7b2e55"
	resticSecret = "restic-check-pass-e90a"
)

// TestRunPgBackRestAndResticCheck collects a real pgBackRest stanza (an
// encrypted repo1 and an unencrypted repo2, each with a full backup) and
// real restic repositories with restic check configured, then evaluates
// the backup checks with the embedded policies.
func TestRunPgBackRestAndResticCheck(t *testing.T) {
	pg := backuptest.PgBackRest(t, "main", backuptest.PgRepo{CipherPass: pgPass}, backuptest.PgRepo{})
	// The backups were just taken; collect a minute later.
	at := time.Now().UTC().Truncate(time.Second).Add(time.Minute)
	snap := backuptest.Snapshot{Time: at.Add(-time.Hour), Host: "web-01"}
	checked := backuptest.Restic(t, resticSecret, snap)
	damaged := backuptest.Restic(t, resticSecret, snap)
	backuptest.DamageResticPack(t, damaged, resticSecret)
	unchecked := backuptest.Restic(t, resticSecret, snap)

	sites := "sites: {repo1: DE-Falkenstein, repo2: FI-Helsinki}"
	cfg, err := config.Parse("nachweis.yaml", []byte(`
sources:
  pgbackrest:
    - {name: main, stanza: main, config: `+pg.Config+`, `+sites+`}
    - {name: envpass, stanza: main, config: `+pg.ConfigNoPass+`, cipher_pass_env: PG_PASS, `+sites+`}
    - {name: wrongpass, stanza: main, config: `+pg.ConfigNoPass+`, cipher_pass_env: PG_WRONG, `+sites+`}
    - {name: nostanza, stanza: nope, config: `+pg.Config+`, sites: {repo1: DE-Falkenstein}}
  restic:
    - {name: checked, repository: `+checked+`, password_env: RESTIC_PW, check: {rotate: 7}}
    - {name: damaged, repository: `+damaged+`, password_env: RESTIC_PW, check: {}}
    - {name: unchecked, repository: `+unchecked+`, password_env: RESTIC_PW}
`))
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"PATH": os.Getenv("PATH"), "PG_PASS": pgPass, "PG_WRONG": pgWrongPass, "RESTIC_PW": resticSecret}
	var warnings []string
	bundleDir := filepath.Join(t.TempDir(), "bundle")
	b, err := Run(context.Background(), Options{
		Config: cfg, Bundle: bundleDir, ToolVersion: "test", Clock: func() time.Time { return at },
		Warn:   func(s string) { warnings = append(warnings, s) },
		Getenv: func(k string) string { return env[k] },
	})
	if err != nil {
		t.Fatal(err)
	}
	noStanza := "pgbackrest info stanza nope: the stanza exists in no repository (check the stanza name and the configuration): repo1 status 1 (missing stanza path); repo2 status 1 (missing stanza path)"
	if diff := cmp.Diff([]string{"pgbackrest/nostanza: " + noStanza}, warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}

	engine, err := policies.NewEngine(context.Background(), policies.EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	model, err := controls.Load()
	if err != nil {
		t.Fatal(err)
	}
	res, err := engine.Run(context.Background(), policies.RunOptions{Bundle: b, Config: cfg, Model: model, Now: at, ToolVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	got, messages := map[string]string{}, map[string]string{}
	for _, c := range res.Checks {
		if c.ID != "BAK-FRESH-01" && c.ID != "BAK-ENC-01" && c.ID != "BAK-INT-01" {
			continue
		}
		for _, f := range c.Findings {
			got[c.ID+" "+f.Resource] = string(f.Status)
			messages[c.ID+" "+f.Resource] = f.Message.In("en")
		}
	}
	want := map[string]string{}
	for _, id := range []string{"main", "envpass"} {
		for k, v := range map[string]string{
			"BAK-FRESH-01 pgbackrest/%s/repo1": "pass", "BAK-FRESH-01 pgbackrest/%s/repo2": "pass",
			"BAK-ENC-01 pgbackrest/%s/repo1": "pass", "BAK-ENC-01 pgbackrest/%s/repo2": "fail",
			"BAK-INT-01 pgbackrest/%s/repo1": "pass", "BAK-INT-01 pgbackrest/%s/repo2": "pass",
		} {
			want[strings.Replace(k, "%s", id, 1)] = v
		}
	}
	for k, v := range map[string]string{
		// A wrong cipher pass: repo1 cannot be read, repo2 can.
		"BAK-FRESH-01 pgbackrest/wrongpass/repo1": "no-evidence", "BAK-FRESH-01 pgbackrest/wrongpass/repo2": "pass",
		"BAK-ENC-01 pgbackrest/wrongpass/repo1": "no-evidence", "BAK-ENC-01 pgbackrest/wrongpass/repo2": "fail",
		"BAK-INT-01 pgbackrest/wrongpass/repo1": "no-evidence", "BAK-INT-01 pgbackrest/wrongpass/repo2": "pass",
		"BAK-FRESH-01 pgbackrest/nostanza/repo1": "no-evidence",
		"BAK-ENC-01 pgbackrest/nostanza/repo1":   "no-evidence",
		"BAK-INT-01 pgbackrest/nostanza/repo1":   "no-evidence",
		// restic check: passed, found the damaged pack, not configured.
		"BAK-FRESH-01 restic/checked": "pass", "BAK-ENC-01 restic/checked": "pass", "BAK-INT-01 restic/checked": "pass",
		"BAK-FRESH-01 restic/damaged": "pass", "BAK-ENC-01 restic/damaged": "pass", "BAK-INT-01 restic/damaged": "fail",
		"BAK-FRESH-01 restic/unchecked": "pass", "BAK-ENC-01 restic/unchecked": "pass", "BAK-INT-01 restic/unchecked": "no-evidence",
	} {
		want[k] = v
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	for key, sub := range map[string]string{
		"BAK-FRESH-01 pgbackrest/nostanza/repo1":  noStanza,
		"BAK-INT-01 pgbackrest/wrongpass/repo1":   "pgBackRest cannot read repo1 of stanza main: status 99 ([FormatError] unable to load info file",
		"BAK-INT-01 restic/damaged":               "found errors: Fatal: repository contains errors",
		"BAK-ENC-01 pgbackrest/main/repo2":        "none",
		"BAK-INT-01 pgbackrest/main/repo1":        "completed without errors",
		"BAK-FRESH-01 pgbackrest/envpass/repo1":   "F is ",
		"BAK-INT-01 restic/checked":               "no errors were found",
		"BAK-FRESH-01 pgbackrest/wrongpass/repo1": "key/value found outside of section at line 1:; HINT: backup.info cannot be opened and is required to perform a backup.; HINT: has a stanza-create been performed?); the repository is encrypted: is its cipher pass right?)",
	} {
		if !strings.Contains(messages[key], sub) {
			t.Errorf("%s: message %q does not contain %q", key, messages[key], sub)
		}
	}

	// No cipher pass or password in the bundle, the warnings or the
	// results.
	results, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{"warnings": strings.Join(warnings, "\n"), "results": string(results)}
	err = filepath.WalkDir(bundleDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		texts[p] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range texts {
		for _, secret := range []string{pgPass, pgWrongPass, resticSecret} {
			if strings.Contains(text, secret) {
				t.Errorf("%s contains the secret %q", name, secret)
			}
		}
	}
}

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence/backup/backuptest"
)

// Secrets of the backup test; none may appear in the bundle, on stderr or
// in the results.
const (
	web01Password   = "web01-restic-password-4c1f"
	old01Password   = "old01-restic-password-8e2a"
	wrongPassword   = "wrong-restic-password-0b9d"
	files01Passkey  = "files01-borg-passphrase-6a73"
	backupCollectAt = "2026-11-23T19:00:00Z"
)

// TestCollectAndCheckBackups collects real restic and borg repositories
// with nachweis collect and checks them with nachweis check.
func TestCollectAndCheckBackups(t *testing.T) {
	now, err := time.Parse(time.RFC3339, backupCollectAt)
	if err != nil {
		t.Fatal(err)
	}
	fresh := now.Add(-2 * time.Hour)
	web01 := backuptest.Restic(t, web01Password,
		backuptest.Snapshot{Time: fresh, Host: "web-01", Tags: []string{"acme"}},
		backuptest.Snapshot{Time: fresh, Host: "web-01", Tags: []string{"globex"}})
	old01 := backuptest.Restic(t, old01Password, backuptest.Snapshot{Time: now.Add(-31 * 24 * time.Hour), Host: "app-01"})
	files01 := backuptest.Borg(t, "repokey-blake2", files01Passkey, backuptest.Snapshot{Name: "globex-2026-11-23", Time: fresh})
	plain01 := backuptest.Borg(t, "none", "", backuptest.Snapshot{Name: "plain-2026-11-23", Time: fresh})

	dir := t.TempDir()
	passFile := filepath.Join(dir, "web01.pass")
	if err := os.WriteFile(passFile, []byte(web01Password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "nachweis.yaml")
	if err := os.WriteFile(cfg, []byte(`organisation: {name: Beispiel Cloud GmbH}
tenants:
  - {id: acme, name: ACME GmbH}
  - {id: globex, name: Globex Logistik AG}
sources:
  restic:
    - name: web01
      repository: `+web01+`
      password_file: web01.pass
      site: DE-Falkenstein
      max_age: 26h
      tenants: {acme: {tags: [acme]}, globex: {tags: [globex]}}
    - name: old01
      repository: `+old01+`
      password_env: OLD01_PASSWORD
      site: DE-Nuremberg
      max_age: 26h
    - name: wrong01
      repository: `+web01+`
      password_env: WRONG_PASSWORD
      site: DE-Falkenstein
  borg:
    - name: files01
      repository: `+files01+`
      passphrase_env: FILES01_PASSPHRASE
      site: FI-Helsinki
      max_age: 26h
      tenants: {globex: {archive_prefix: globex-}}
    - name: plain01
      repository: `+plain01+`
      site: FI-Helsinki
      max_age: 26h
`), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{
		"PATH":               os.Getenv("PATH"),
		"OLD01_PASSWORD":     old01Password,
		"WRONG_PASSWORD":     wrongPassword,
		"FILES01_PASSPHRASE": files01Passkey,
	}
	bundle := filepath.Join(dir, "bundle")
	_, collectErr, code := nachweis(t, env, "collect", "--config", cfg, "-o", bundle, "--now", backupCollectAt)
	if code != exitOK {
		t.Fatalf("collect: exit %d, stderr %s", code, collectErr)
	}
	wrongMsg := "restic/wrong01: restic snapshots " + web01 + ": Fatal: wrong password or no key found (exit status 1)"
	if want := "nachweis: warning: " + wrongMsg + "\n"; !strings.HasPrefix(collectErr, want) {
		t.Errorf("collect stderr\n got: %s\nwant: %s...", collectErr, want)
	}

	out, checkErr, code := nachweis(t, env, "check", "--bundle", bundle, "--config", cfg, "--format", "json", "--now", backupCollectAt)
	if code != exitFailing {
		t.Fatalf("check: exit %d, stderr %s", code, checkErr)
	}
	var res controls.Results
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	// status per check and resource
	got := map[string]string{}
	reasons := map[string]string{}
	for _, c := range res.Checks {
		if !strings.HasPrefix(c.ID, "BAK-FRESH-01") && c.ID != "BAK-ENC-01" && c.ID != "BAK-OFFSITE-01" {
			continue
		}
		for _, f := range c.Findings {
			got[c.ID+" "+f.Resource] = string(f.Status)
			reasons[c.ID+" "+f.Resource] = f.Message.In("en")
		}
	}
	want := map[string]string{
		"BAK-FRESH-01 restic/web01":   "pass",
		"BAK-FRESH-01 restic/old01":   "fail",
		"BAK-FRESH-01 restic/wrong01": "no-evidence",
		"BAK-FRESH-01 borg/files01":   "pass",
		"BAK-FRESH-01 borg/plain01":   "pass",
		"BAK-ENC-01 restic/web01":     "pass",
		"BAK-ENC-01 restic/old01":     "pass",
		"BAK-ENC-01 restic/wrong01":   "no-evidence",
		"BAK-ENC-01 borg/files01":     "pass",
		"BAK-ENC-01 borg/plain01":     "fail",
		// acme's data is only in web01; globex's in web01 and files01,
		// at two sites.
		"BAK-OFFSITE-01 backup/tenant/acme":   "fail",
		"BAK-OFFSITE-01 backup/tenant/globex": "pass",
		// Per tenant, the newest snapshot is fresh.
		"BAK-FRESH-01 backup/tenant/acme":   "pass",
		"BAK-FRESH-01 backup/tenant/globex": "pass",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if r := reasons["BAK-FRESH-01 restic/wrong01"]; !strings.Contains(r, "Fatal: wrong password or no key found") {
		t.Errorf("BAK-FRESH-01 restic/wrong01 does not say why: %q", r)
	}

	// No password or passphrase reached the bundle, the terminal or the
	// results.
	for _, secret := range []string{web01Password, old01Password, wrongPassword, files01Passkey} {
		for name, text := range map[string]string{"collect stderr": collectErr, "check stderr": checkErr, "results": out} {
			if strings.Contains(text, secret) {
				t.Errorf("%s contains %q", name, secret)
			}
		}
		assertBundleLacks(t, bundle, secret)
	}
}

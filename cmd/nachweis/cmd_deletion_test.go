package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// deletionImport imports the restic fixture web01-daily-9d (nine daily
// snapshots of host web-01) into a bundle and writes a configuration whose
// restic retention is given by retention.
func deletionImport(t *testing.T, retention string) (cfg, bundle string) {
	t.Helper()
	dir := t.TempDir()
	fixture := filepath.Join("..", "..", "evidence", "backup", "testdata", "restic", "web01-daily-9d")
	bundle = filepath.Join(dir, "bundle")
	if _, errOut, code := nachweis(t, nil, "import", "-o", bundle, "--source", "web01", "--kind", "restic", "--collected-at", "2026-11-23T19:00:00Z",
		filepath.Join(fixture, "snapshots.json"), filepath.Join(fixture, "cat-config.json")); code != exitOK {
		t.Fatalf("import: exit %d: %s", code, errOut)
	}
	cfg = filepath.Join(dir, "nachweis.yaml")
	data := `organisation: {name: Beispiel Cloud GmbH}
tenants:
  - id: acme
    name: ACME GmbH
    deletion: {trigger: contract_end, contract_end: 2026-10-31, requested_by: DSB der ACME GmbH}
sources:
  restic:
    - name: web01
      repository: /srv/backup/restic/web-01
      password_env: RESTIC_PASSWORD
      site: DE-Falkenstein
      retention: ` + retention + `
      tenants: {acme: {hosts: [web-01]}}
`
	if err := os.WriteFile(cfg, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return cfg, bundle
}

func TestDeletionPlanOutputs(t *testing.T) {
	cfg, bundle := deletionImport(t, "{daily: 7, weekly: 4, monthly: 6}")
	args := []string{"deletion", "plan", "--config", cfg, "--tenant", "acme", "--bundle", bundle, "--now", "2026-11-23T19:00:00Z"}
	out, errOut, code := nachweis(t, nil, append(args, "-o", "-")...)
	if code != exitOK || !strings.Contains(out, `"schema": "nachweis.deletion-plan/v1"`) || errOut != "" {
		t.Fatalf("plan -o -: exit %d, stderr %q\n%s", code, errOut, out)
	}
	// A series of the tenant's host only: no new backups after the
	// deletion, so what the rule keeps does not expire.
	if !strings.Contains(out, `"reason": "no-new-backups"`) {
		t.Errorf("plan lacks copies kept for good:\n%s", out)
	}
	dir := t.TempDir()
	for _, name := range []string{"plan.json", "plan.md", "plan.pdf"} {
		var first []byte
		for i := range 2 {
			path := filepath.Join(dir, name)
			if _, errOut, code := nachweis(t, nil, append(args, "-o", path)...); code != exitOK {
				t.Fatalf("plan -o %s: exit %d: %s", name, code, errOut)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if i == 1 && !bytes.Equal(first, b) {
				t.Errorf("%s differs between two runs with the same clock", name)
			}
			first = b
		}
	}
	md, _ := os.ReadFile(filepath.Join(dir, "plan.md"))
	if !strings.HasPrefix(string(md), "# Löschplan – Bestandsaufnahme\n") || !strings.Contains(string(md), "| restic web01 (hosts web-01) | DE-Falkenstein | 9 |") {
		t.Errorf("plan.md:\n%s", md)
	}
	if text := pdfText(t, filepath.Join(dir, "plan.pdf")); !strings.Contains(text, "läuft nicht ab – gesondert zu löschen") {
		t.Errorf("plan.pdf: %s", text)
	}
}

// TestDeletionBadInput: one line, the right exit code, no file written.
func TestDeletionBadInput(t *testing.T) {
	cfg, bundle := deletionImport(t, "{interval: 12h}")
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.json")
	if err := os.WriteFile(garbage, []byte(`{"schema":"nachweis.deletion-plan/v1","tenant":{"id":"acme"},"objects":{}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.pdf")
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"retention without keep rules", []string{"plan", "--config", cfg, "--tenant", "acme", "--bundle", bundle, "-o", out}, exitUsage,
			cfg + ": sources.restic[0].retention: cannot compute when the copies of tenant acme in restic source web01 expire: give a keep rule (last, hourly, daily, weekly, monthly, yearly or within)"},
		{"unknown tenant", []string{"plan", "--config", cfg, "--tenant", "umbrella", "-o", out}, exitUsage,
			"--tenant umbrella: not a tenant of " + cfg + " (defined tenants: acme)"},
		{"output format", []string{"plan", "--config", cfg, "--tenant", "acme", "-o", filepath.Join(dir, "plan.txt")}, exitUsage,
			"-o " + filepath.Join(dir, "plan.txt") + ": expected a file ending in .json, .pdf or .md, or - for JSON on standard output"},
		{"protocol as json via -o", []string{"verify", "--config", cfg, "--tenant", "acme", "--before", bundle, "--after", bundle, "-o", filepath.Join(dir, "p.json")}, exitUsage,
			"-o " + filepath.Join(dir, "p.json") + ": expected a file ending in .pdf or .md (JSON: --json FILE)"},
		{"no output", []string{"verify", "--config", cfg, "--tenant", "acme", "--before", bundle, "--after", bundle}, exitUsage,
			"no output: give -o protocol.pdf and/or --json protocol.json"},
		{"no after", []string{"verify", "--config", cfg, "--tenant", "acme", "--before", bundle, "-o", out}, exitUsage,
			"give --before (bundle or plan JSON from before the deletion) and --after (bundle from after it)"},
		{"bad lang", []string{"verify", "--config", cfg, "--tenant", "acme", "--before", bundle, "--after", bundle, "-o", out, "--lang", "fr"}, exitUsage,
			`--lang "fr": expected de or en`},
		{"broken plan", []string{"verify", "--config", cfg, "--tenant", "acme", "--before", garbage, "--after", bundle, "-o", out}, exitError,
			garbage + ": not a deletion plan (nachweis.deletion-plan/v1): /objects: expected a list, got object"},
		{"missing before", []string{"verify", "--config", cfg, "--tenant", "acme", "--before", filepath.Join(dir, "nope"), "--after", bundle, "-o", out}, exitError,
			"--before " + filepath.Join(dir, "nope") + ": stat " + filepath.Join(dir, "nope") + ": no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, errOut, code := nachweis(t, nil, append([]string{"deletion"}, tt.args...)...)
			if code != tt.code || errOut != "nachweis: "+tt.want+"\n" || stdout != "" {
				t.Errorf("exit %d, stderr %q; want %d, %q", code, errOut, tt.code, "nachweis: "+tt.want+"\n")
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s written", out)
			}
		})
	}
}

package config

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestParseResticCheckAndCipherPass parses the restic check block and the
// pgBackRest cipher pass references.
func TestParseResticCheckAndCipherPass(t *testing.T) {
	c, err := Parse(filepath.Join("conf", "nachweis.yaml"), []byte(`
sources:
  restic:
    - {name: a, repository: /r/a, check: {rotate: 7}}
    - {name: b, repository: /r/b, check: {read_data_subset: "5%"}}
    - {name: c, repository: /r/c, check: {}}
    - {name: d, repository: /r/d}
  pgbackrest:
    - {name: main, stanza: main, cipher_pass_file: secrets/main.pass, sites: {repo2: FI-Helsinki, repo1: DE-Falkenstein, repo10: DE-Nuremberg}}
    - {name: sales, stanza: sales, cipher_pass_env: PGBACKREST_SALES_CIPHER_PASS}
`))
	if err != nil {
		t.Fatal(err)
	}
	var checks []*ResticCheck
	for _, r := range c.Sources.Restic {
		checks = append(checks, r.Check)
	}
	if diff := cmp.Diff([]*ResticCheck{{Rotate: 7}, {ReadDataSubset: "5%"}, {}, nil}, checks); diff != "" {
		t.Errorf("restic checks (-want +got):\n%s", diff)
	}
	type pass struct {
		File, Env string
		Repos     []int
	}
	var got []pass
	for _, p := range c.Sources.PgBackRest {
		got = append(got, pass{p.CipherPassFile, p.CipherPassEnv, p.CipherRepos()})
	}
	want := []pass{
		{File: filepath.Join("conf", "secrets", "main.pass"), Repos: []int{1, 2, 10}},
		{Env: "PGBACKREST_SALES_CIPHER_PASS", Repos: []int{1}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("cipher passes (-want +got):\n%s", diff)
	}
}

// TestParseBadResticCheckAndCipherPass: each mistake gets one message
// naming the line, the key and what was expected, never the secret.
func TestParseBadResticCheckAndCipherPass(t *testing.T) {
	const restic = "sources:\n  restic:\n    - name: web01\n      repository: /r\n"
	const pg = "sources:\n  pgbackrest:\n    - name: main\n      stanza: main\n"
	const forms = "n/t with 1 <= n <= t (1/7), a percentage above 0 and at most 100 (5%) or a size (500M)"
	tests := []struct {
		name, yaml, want, secret string
	}{
		{"subset and rotate", restic + "      check: {read_data_subset: 1/7, rotate: 7}\n",
			`bad.yaml:5: sources.restic[0].check.rotate: give read_data_subset or rotate, not both`, ""},
		{"rotate zero", restic + "      check: {rotate: 0}\n",
			`bad.yaml:5: sources.restic[0].check.rotate: expected a number of days from 1 to 1000 over which all data is read, got 0`, ""},
		{"rotate too large", restic + "      check:\n        rotate: 1001\n",
			`bad.yaml:6: sources.restic[0].check.rotate: expected a number of days from 1 to 1000 over which all data is read, got 1001`, ""},
		{"subset n above t", restic + "      check: {read_data_subset: 8/7}\n",
			`bad.yaml:5: sources.restic[0].check.read_data_subset: expected ` + forms + `, got "8/7"`, ""},
		{"subset zero part", restic + "      check: {read_data_subset: 0/7}\n",
			`bad.yaml:5: sources.restic[0].check.read_data_subset: expected ` + forms + `, got "0/7"`, ""},
		{"subset zero percent", restic + "      check: {read_data_subset: 0%}\n",
			`bad.yaml:5: sources.restic[0].check.read_data_subset: expected ` + forms + `, got "0%"`, ""},
		{"subset above 100 percent", restic + "      check: {read_data_subset: 100.5%}\n",
			`bad.yaml:5: sources.restic[0].check.read_data_subset: expected ` + forms + `, got "100.5%"`, ""},
		{"subset fractional size", restic + "      check: {read_data_subset: 2.5G}\n",
			`bad.yaml:5: sources.restic[0].check.read_data_subset: expected ` + forms + `, got "2.5G"`, ""},
		{"subset empty", restic + "      check: {read_data_subset: \"\"}\n",
			`bad.yaml:5: sources.restic[0].check.read_data_subset: expected ` + forms + `, got ""`, ""},
		{"unknown check key", restic + "      check: {read_data: true}\n",
			`bad.yaml:5: sources.restic[0].check.read_data: unknown key (expected one of: read_data_subset, rotate)`, ""},
		{"check not a mapping", restic + "      check: weekly\n",
			`bad.yaml:5: sources.restic[0].check: expected a mapping, got "weekly"`, ""},
		{"cipher pass file and env", pg + "      cipher_pass_file: /p\n      cipher_pass_env: PG_PASS\n",
			`bad.yaml:6: sources.pgbackrest[0].cipher_pass_env: give cipher_pass_file or cipher_pass_env, not both`, ""},
		{"cipher pass value in the env key", pg + "      cipher_pass_env: \"hunter2 s3cr3t!\"\n",
			`bad.yaml:5: sources.pgbackrest[0].cipher_pass_env: not a valid environment variable name (it looks like a secret value?): expected a name like PGBACKREST_REPO1_CIPHER_PASS (the value is not shown)`, "hunter2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse("bad.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatalf("Parse gave no error, want %q; config %+v", tt.want, c)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("Parse error\n got: %s\nwant: %s", got, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Errorf("error %T is not an *Error", err)
			}
			if tt.secret != "" && strings.Contains(err.Error(), tt.secret) {
				t.Errorf("error echoes the secret: %s", err)
			}
		})
	}
}

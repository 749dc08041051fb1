package config

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSigningKeyFileResolved(t *testing.T) {
	c, err := Parse("conf/nachweis.yaml", []byte("signing:\n  key_file: keys/nachweis.key\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Signing.KeyFile != "conf/keys/nachweis.key" {
		t.Fatalf("signing.key_file = %q, want it resolved against the configuration's directory", c.Signing.KeyFile)
	}
}

// TestSanitize sanitizes the example nachweis init writes (every section,
// with comments) plus planted secrets in comments and references: what
// remains parses to the same configuration without the credential
// references, and none of the planted values is left.
func TestSanitize(t *testing.T) {
	planted := []string{"planted-comment-secret", "/etc/nachweis/restic-web01.pass", "BORG_FILES01_PASSPHRASE", "GITHUB_TOKEN",
		"./kubeconfig", "/etc/pgbackrest/pgbackrest.conf", "PLANTED_KEY_ENV", "./policies"}
	src := strings.Replace(string(Example), "# Printed on every document:", "# Printed on every document: password: planted-comment-secret", 1) +
		"signing: {key_env: PLANTED_KEY_ENV}\npolicies: [./policies]\nattestations: [./attestations]\nexceptions: [./exceptions]\n"
	orig, err := Parse("/etc/nachweis/nachweis.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	out, err := Sanitize("/etc/nachweis/nachweis.yaml", []byte(src), SanitizeOptions{Attestations: []string{"records/1"}, Exceptions: []string{"records/2"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range planted {
		if !strings.Contains(src, p) {
			t.Fatalf("the source lacks %q: the test proves nothing", p)
		}
		if strings.Contains(string(out), p) {
			t.Errorf("sanitized configuration still contains %q", p)
		}
	}
	if strings.Contains(string(out), "#") {
		t.Errorf("sanitized configuration has comments:\n%s", out)
	}
	got, err := Parse("pack/config/nachweis.yaml", out)
	if err != nil {
		t.Fatalf("sanitized configuration does not parse: %v\n%s", err, out)
	}
	want := *orig
	want.File, want.Dir = got.File, got.Dir
	want.Signing = Signing{}
	want.Policies = nil
	want.Attestations = []string{"pack/config/records/1"}
	want.Exceptions = []string{"pack/config/records/2"}
	want.Sources.Kubernetes = append([]KubernetesSource(nil), orig.Sources.Kubernetes...)
	for i := range want.Sources.Kubernetes {
		want.Sources.Kubernetes[i].Kubeconfig = ""
	}
	want.Sources.Restic = append([]ResticSource(nil), orig.Sources.Restic...)
	for i := range want.Sources.Restic {
		want.Sources.Restic[i].PasswordFile, want.Sources.Restic[i].PasswordEnv = "", ""
	}
	want.Sources.Borg = append([]BorgSource(nil), orig.Sources.Borg...)
	for i := range want.Sources.Borg {
		want.Sources.Borg[i].PassphraseFile, want.Sources.Borg[i].PassphraseEnv = "", ""
	}
	want.Sources.PgBackRest = append([]PgBackRestSource(nil), orig.Sources.PgBackRest...)
	for i := range want.Sources.PgBackRest {
		s := &want.Sources.PgBackRest[i]
		s.Config, s.CipherPassFile, s.CipherPassEnv = "", "", ""
	}
	want.Sources.GitHub = append([]GitHubSource(nil), orig.Sources.GitHub...)
	for i := range want.Sources.GitHub {
		want.Sources.GitHub[i].TokenEnv = ""
	}
	if diff := cmp.Diff(&want, got); diff != "" {
		t.Errorf("sanitized configuration parses differently (-want +got):\n%s", diff)
	}
	again, err := Sanitize("x.yaml", out, SanitizeOptions{Attestations: []string{"records/1"}, Exceptions: []string{"records/2"}})
	if err != nil || string(again) != string(out) {
		t.Errorf("sanitizing twice changes the result (%v):\n%s\n---\n%s", err, out, again)
	}
}

func TestSanitizeAliases(t *testing.T) {
	src := "organisation: {name: O}\nsources:\n  restic:\n    - name: a\n      repository: /r\n      password_env: &pw RESTIC_PW\n      site: &site DE-Falkenstein\n    - name: b\n      repository: /s\n      password_env: *pw\n      site: *site\n"
	if _, err := Parse("x.yaml", []byte(src)); err != nil {
		t.Fatal(err)
	}
	out, err := Sanitize("x.yaml", []byte(src), SanitizeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse("x.yaml", out)
	if err != nil {
		t.Fatalf("sanitized configuration does not parse: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "RESTIC_PW") || got.Sources.Restic[1].Site != "DE-Falkenstein" {
		t.Errorf("aliases not expanded or reference kept:\n%s", out)
	}
}

func TestSanitizeEmpty(t *testing.T) {
	out, err := Sanitize("x.yaml", nil, SanitizeOptions{Attestations: []string{"records/1"}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse("d/x.yaml", out)
	if err != nil || len(got.Attestations) != 1 || got.Attestations[0] != "d/records/1" {
		t.Fatalf("sanitized empty configuration: %v %+v\n%s", err, got, out)
	}
}

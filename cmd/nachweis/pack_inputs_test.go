package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/nachweis/nachweis/controls"
)

// copyTree copies the directory src to dst.
func copyTree(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

const customCheck = `# METADATA
# title: Every namespace is listed
# description: A check of the provider's own.
# custom:
#   id: CUSTOM-NS-01
#   severity: low
#   measures: [TOM-TRN-01]
#   requires: [kubernetes.namespaces]
#   title_de: Jeder Namespace ist erfasst
#   description_de: Eine eigene Prüfung des Anbieters.
package nachweis.custom.namespaces

results contains r if {
	some src, cluster in input.kubernetes
	some name, ns in cluster.namespaces
	r := {"status": "pass", "resource": sprintf("%s/namespace/%s", [src, name]), "message": "listed", "refs": [ns.ref]}
}
`

// providerOnDisk lays out a provider as a user has it: the demo's
// configuration, records, SoA and bundle as files, a directory of its own
// checks, a restic password file and a GitHub token in the environment
// (planted secrets), and the signing key named by signing.key_env.
func providerOnDisk(t *testing.T) (dir string, env map[string]string, secrets []string) {
	t.Helper()
	dir = t.TempDir()
	copyTree(t, filepath.Join("..", "..", "evidence", "demo", "data"), dir)
	if err := os.MkdirAll(filepath.Join(dir, "custom"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "custom", "namespaces.rego"), []byte(customCheck), 0o644)
	os.WriteFile(filepath.Join(dir, "restic.pass"), []byte("planted-restic-password\n"), 0o600)
	cfgPath := filepath.Join(dir, "nachweis.yaml")
	raw, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	cfg := strings.Replace(string(raw), "password_file: /etc/nachweis/restic-web01.pass", "password_file: ./restic.pass # planted-comment-secret", 1)
	cfg += "policies: [./custom]\nsigning:\n  key_env: NACHWEIS_TEST_SIGNING_KEY\n"
	if !strings.Contains(cfg, "planted-comment-secret") {
		t.Fatal("demo configuration changed: no restic password_file to replace")
	}
	os.WriteFile(cfgPath, []byte(cfg), 0o644)
	priv, _ := testKeys(t)
	key, err := os.ReadFile(priv)
	if err != nil {
		t.Fatal(err)
	}
	env = map[string]string{"NACHWEIS_TEST_SIGNING_KEY": string(key), "GITHUB_TOKEN": "ghp_plantedTokenValue0123456789", "RESTIC_SHARED_PASSWORD": "planted-env-password"}
	lines := strings.Split(strings.TrimSpace(string(key)), "\n")
	secrets = []string{"planted-restic-password", "planted-comment-secret", "ghp_plantedTokenValue", "planted-env-password",
		strings.Join(lines[1:len(lines)-1], ""), "NACHWEIS_TEST_SIGNING_KEY", "restic.pass", "./kubeconfig", "RESTIC_SHARED_PASSWORD"}
	return dir, env, secrets
}

// TestPackProviderOnDisk packs a provider's files (configuration with its
// own checks, attestations with attachments, exceptions, SoA; signing key
// from an environment variable named in the configuration): the pack
// verifies, was evaluated with the provider's check, and carries none of
// the planted secrets or credential references.
func TestPackProviderOnDisk(t *testing.T) {
	dir, env, secrets := providerOnDisk(t)
	out := filepath.Join(t.TempDir(), "pack.zip")
	stdout, errOut, code := nachweis(t, env, "pack", "--bundle", filepath.Join(dir, "bundle"), "--config", filepath.Join(dir, "nachweis.yaml"),
		"--now", demoNow, "--lang", "de", "-o", out)
	if code != exitOK {
		t.Fatalf("pack exit %d: %s%s", code, stdout, errOut)
	}
	for _, s := range secrets {
		if strings.Contains(stdout+errOut, s) {
			t.Errorf("pack output contains %q", s)
		}
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range unzipAll(t, data) {
		for _, s := range secrets {
			if bytes.Contains(e.data, []byte(s)) {
				t.Errorf("%s contains %q", e.name, s)
			}
		}
	}
	var r controls.Results
	if err := json.Unmarshal(zipFile(t, data, "results.json"), &r); err != nil {
		t.Fatal(err)
	}
	custom := false
	for _, c := range r.Checks {
		if c.ID == "CUSTOM-NS-01" {
			custom = c.Policy == "policies/custom/1/namespaces.rego" && c.Status == controls.Pass
		}
	}
	if !custom {
		t.Error("results.json lacks the provider's check CUSTOM-NS-01 from policies/custom/1/namespaces.rego")
	}
	names := map[string]bool{}
	for _, n := range zipNames(t, data) {
		names[n] = true
	}
	for _, w := range []string{"policies/custom/1/namespaces.rego", "config/soa.yaml", "config/records/1/attachments/pentest-bericht-2025.txt", "documents/soa.de.xlsx"} {
		if !names[w] {
			t.Errorf("pack lacks %s", w)
		}
	}
	// The attachment's packed bytes are the attested ones.
	att := zipFile(t, data, "config/records/1/attachments/pentest-bericht-2025.txt")
	sum := sha256.Sum256(att)
	if !strings.Contains(string(zipFile(t, data, "config/records/1/entwicklung.yaml")), hex.EncodeToString(sum[:])) {
		t.Error("packed attachment does not have the sha256 its attestation records")
	}
	if stdout, errOut, code := nachweis(t, nil, "verify", out); code != exitOK {
		t.Fatalf("verify exit %d: %s%s", code, stdout, errOut)
	}
}

func TestPackAttachmentOutsideRecords(t *testing.T) {
	dir, env, _ := providerOnDisk(t)
	outside := []byte("shared document\n")
	os.WriteFile(filepath.Join(dir, "outside.txt"), outside, 0o644)
	sum := sha256.Sum256(outside)
	att := "attestations:\n- id: ATT-OUT-1\n  measure: TOM-ORG-01\n  statement: {de: Aussage, en: Statement}\n  attested_by: {name: A, role: B}\n  date: 2026-01-10\n  valid_until: 2027-01-10\n  attachments:\n  - path: ../outside.txt\n    sha256: " + hex.EncodeToString(sum[:]) + "\n"
	os.WriteFile(filepath.Join(dir, "attestations", "zz-outside.yaml"), []byte(att), 0o644)
	out := filepath.Join(t.TempDir(), "pack.zip")
	_, errOut, code := nachweis(t, env, "pack", "--bundle", filepath.Join(dir, "bundle"), "--config", filepath.Join(dir, "nachweis.yaml"), "-o", out)
	if code != exitError || !strings.Contains(errOut, "attestation ATT-OUT-1") || !strings.Contains(errOut, "attachment ../outside.txt lies outside the attestation directory") {
		t.Fatalf("pack with an attachment outside the records: exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed pack left a file behind")
	}
}

func TestPackSigningKeyErrors(t *testing.T) {
	dir, env, secrets := providerOnDisk(t)
	_, pub := testKeys(t)
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "nachweis.yaml")
	bundle := filepath.Join(dir, "bundle")
	planted := "-----BEGIN PRIVATE KEY-----\nplantedKeyMaterial0123456789abcdefghij\n-----END PRIVATE KEY-----\n"
	tests := []struct {
		name string
		env  map[string]string
		args []string
		code int
		want string
	}{
		{"no key", nil, []string{"--demo"}, exitUsage, "no signing key: give --sign-key FILE"},
		{"env unset", map[string]string{}, []string{"--bundle", bundle, "--config", cfg}, exitError, "signing key signing.key_env NACHWEIS_TEST_SIGNING_KEY: the environment variable is not set or empty"},
		{"env not a key", map[string]string{"NACHWEIS_TEST_SIGNING_KEY": planted}, []string{"--bundle", bundle, "--config", cfg}, exitError, "signing key signing.key_env NACHWEIS_TEST_SIGNING_KEY: not a PEM key file"},
		{"public key given", nil, []string{"--demo", "--sign-key", pub}, exitError, "a public key where the private key was expected"},
		{"fifo", nil, []string{"--demo", "--sign-key", fifo}, exitError, "not a regular file"},
		{"missing file", env, []string{"--demo", "--sign-key", filepath.Join(dir, "nope.key")}, exitError, "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "pack.zip")
			stdout, errOut, code := nachweis(t, tt.env, append(append([]string{"pack"}, tt.args...), "-o", out)...)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Fatalf("exit %d, stderr %q; want exit %d and %q", code, errOut, tt.code, tt.want)
			}
			for _, s := range append(secrets, "plantedKeyMaterial") {
				if s == "NACHWEIS_TEST_SIGNING_KEY" {
					continue // the variable's name is no secret; the message names it
				}
				if strings.Contains(stdout+errOut, s) {
					t.Errorf("output contains %q", s)
				}
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a pack was written")
			}
		})
	}
}

func TestPackUsage(t *testing.T) {
	priv, _ := testKeys(t)
	out := filepath.Join(t.TempDir(), "p.zip")
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--demo", "--sign-key", priv}, exitUsage, "no output: give -o PACK.zip"},
		{[]string{"--demo", "--sign-key", priv, "-o", "-"}, exitUsage, "no output"},
		{[]string{"--sign-key", priv, "-o", out}, exitUsage, "no evidence: give --bundle DIR"},
		{[]string{"--demo", "--bundle", "b", "--sign-key", priv, "-o", out}, exitUsage, "--demo cannot be combined"},
		{[]string{"--demo", "--framework", "nist", "--sign-key", priv, "-o", out}, exitUsage, `--framework "nist"`},
		{[]string{"--demo", "--lang", "fr", "--sign-key", priv, "-o", out}, exitUsage, `--lang "fr"`},
		{[]string{"--demo", "--tenant", "nobody", "--sign-key", priv, "-o", out}, exitError, `tenant "nobody": not defined`},
	}
	for _, tt := range tests {
		_, errOut, code := nachweis(t, nil, append([]string{"pack"}, tt.args...)...)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("pack %v: exit %d, stderr %q; want exit %d and %q", tt.args, code, errOut, tt.code, tt.want)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed pack left a file behind")
	}
}

// TestPackTenant packs one tenant's scope with its TOM annex: no audit
// report or SoA (they need the whole provider), matrices of the selected
// framework, and it verifies.
func TestPackTenant(t *testing.T) {
	priv, pub := testKeys(t)
	out := filepath.Join(t.TempDir(), "acme.zip")
	if _, errOut, code := nachweis(t, nil, "pack", "--demo", "--tenant", "acme", "--tom", "--framework", "gdpr", "--lang", "de", "--sign-key", priv, "-o", out); code != exitOK {
		t.Fatalf("pack --tenant exit %d: %s", code, errOut)
	}
	data, _ := os.ReadFile(out)
	var docs []string
	for _, n := range zipNames(t, data) {
		if strings.HasPrefix(n, "documents/") {
			docs = append(docs, n)
		}
	}
	if strings.Join(docs, " ") != "documents/matrix-gdpr.de.xlsx documents/tom-acme.de.pdf" {
		t.Fatalf("documents of a tenant pack: %v", docs)
	}
	var r controls.Results
	json.Unmarshal(zipFile(t, data, "results.json"), &r)
	if r.Tenant != "acme" || strings.Join(r.Frameworks, ",") != "gdpr" {
		t.Fatalf("results.json: tenant %q, frameworks %v", r.Tenant, r.Frameworks)
	}
	if stdout, errOut, code := nachweis(t, nil, "verify", out, "--key", pub); code != exitOK {
		t.Fatalf("verify exit %d: %s%s", code, stdout, errOut)
	}
}

// TestVerifyHostile: inputs that are not packs, or zips made to escape
// or exhaust, end with one clear line, exit 1, and nothing written.
func TestVerifyHostile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o600)
		return p
	}
	zipOf := func(names ...string) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, n := range names {
			w, _ := zw.Create(n)
			w.Write([]byte("x"))
		}
		zw.Close()
		return buf.Bytes()
	}
	tests := []struct {
		name, path, want string
	}{
		{"not a zip", write("report.pdf", []byte("%PDF-1.7\n")), "not a zip archive"},
		{"path outside", write("evil.zip", zipOf("manifest.json", "../../../tmp/evil")), `entry "../../../tmp/evil": ".." in path`},
		{"absolute", write("abs.zip", zipOf("/etc/cron.d/evil")), `entry "/etc/cron.d/evil": absolute path`},
		{"duplicate", write("dup.zip", zipOf("results.json", "results.json")), `entry "results.json": duplicate entry`},
		{"directory", dir, "not a regular file"},
		{"missing", filepath.Join(dir, "nope.zip"), "no such file"},
		{"zip without a manifest", write("bare.zip", zipOf("hello.txt")), "FAIL manifest.json: missing"},
	}
	before, _ := os.ReadDir(dir)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, errOut, code := nachweis(t, nil, "verify", tt.path)
			if code != exitError || !strings.Contains(stdout+errOut, tt.want) {
				t.Fatalf("exit %d, output %q; want exit 1 and %q", code, stdout+errOut, tt.want)
			}
		})
	}
	after, _ := os.ReadDir(dir)
	if len(after) != len(before) {
		t.Errorf("verify created files: %d entries before, %d after", len(before), len(after))
	}
	if _, err := os.Stat("/tmp/evil"); err == nil {
		t.Error("/tmp/evil exists")
	}
}

func TestKeysGenerate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "keys")
	out, errOut, code := nachweis(t, nil, "keys", "generate", "-o", dir)
	if code != exitOK {
		t.Fatalf("keys generate exit %d: %s", code, errOut)
	}
	priv, pub := filepath.Join(dir, "nachweis.key"), filepath.Join(dir, "nachweis.pub")
	for p, want := range map[string]fs.FileMode{dir: 0o700 | fs.ModeDir, priv: 0o600, pub: 0o644} {
		info, err := os.Stat(p)
		if err != nil || info.Mode() != want {
			t.Errorf("%s: mode %v (%v), want %v", p, info.Mode(), err, want)
		}
	}
	privPEM, _ := os.ReadFile(priv)
	pubPEM, _ := os.ReadFile(pub)
	block := strings.Split(strings.TrimSpace(string(privPEM)), "\n")[1]
	if strings.Contains(out+errOut, block) {
		t.Error("keys generate printed the private key")
	}
	var fp string
	for _, l := range strings.Split(out, "\n") {
		if v, ok := strings.CutPrefix(l, "fingerprint "); ok {
			fp = v
		}
	}
	if !strings.HasPrefix(fp, "sha256:") || len(fp) != 71 {
		t.Fatalf("fingerprint line %q", fp)
	}
	// The fingerprint is what openssl prints for the public key file.
	if _, err := exec.LookPath("openssl"); err == nil {
		der, err := exec.Command("openssl", "pkey", "-pubin", "-in", pub, "-outform", "DER").Output()
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(der)
		if fp != "sha256:"+hex.EncodeToString(sum[:]) {
			t.Errorf("fingerprint %s, openssl's DER hashes to %x", fp, sum)
		}
	}

	// A second run refuses and leaves both files as they were.
	_, errOut, code = nachweis(t, nil, "keys", "generate", "-o", dir)
	if code != exitError || !strings.Contains(errOut, "exists; nachweis never overwrites a key") {
		t.Fatalf("second keys generate: exit %d: %s", code, errOut)
	}
	if a, _ := os.ReadFile(priv); !bytes.Equal(a, privPEM) {
		t.Error("private key changed")
	}
	if b, _ := os.ReadFile(pub); !bytes.Equal(b, pubPEM) {
		t.Error("public key changed")
	}
	if _, _, code := nachweis(t, nil, "keys", "generate"); code != exitUsage {
		t.Errorf("keys generate without -o: exit %d", code)
	}
	if _, _, code := nachweis(t, nil, "keys", "generate", "-o", dir, "--name", "../x"); code != exitUsage {
		t.Errorf("keys generate --name ../x: exit %d", code)
	}
}

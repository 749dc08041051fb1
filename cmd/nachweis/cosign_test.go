package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nachweis/nachweis/output/pack"
)

// cosignBinary finds cosign: $NACHWEIS_COSIGN, bin/cosign of the
// repository (make deps installs the pinned version there), or PATH. A
// missing cosign skips the test, unless NACHWEIS_REQUIRE_TOOLS makes it
// a failure (make test sets it after installing cosign).
func cosignBinary(t *testing.T) string {
	t.Helper()
	candidates := []string{os.Getenv("NACHWEIS_COSIGN"), filepath.Join("..", "..", "bin", "cosign")}
	if p, err := exec.LookPath("cosign"); err == nil {
		candidates = append(candidates, p)
	}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if info, err := os.Stat(c); err == nil && info.Mode().IsRegular() {
			abs, _ := filepath.Abs(c)
			return abs
		}
	}
	if os.Getenv("NACHWEIS_REQUIRE_TOOLS") != "" {
		t.Fatal("cosign is not installed: run make deps (go install of github.com/sigstore/cosign/v2/cmd/cosign into bin/)")
	}
	t.Skip("cosign not installed (make deps installs it into bin/; set NACHWEIS_REQUIRE_TOOLS to make this a failure)")
	return ""
}

// extract writes the files of a verified pack into dir, as an auditor's
// unzip would.
func extract(t *testing.T, data []byte, dir string) {
	t.Helper()
	for _, e := range unzipAll(t, data) {
		p := filepath.Join(dir, filepath.FromSlash(e.name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, e.data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCosignVerifiesPack is the independent check of the signature:
// cosign verify-blob-attestation checks the DSSE envelope of a real pack
// with the provider's public key, offline and without a transparency log,
// and that SHA256SUMS and manifest.json are subjects of the signed
// statement; sha256sum -c then checks every file against SHA256SUMS. It
// fails with another key, with a changed SHA256SUMS and with another
// predicate type.
func TestCosignVerifiesPack(t *testing.T) {
	cosign := cosignBinary(t)
	data, _, _, pub := demoPack(t)
	_, otherPub := testKeys(t)
	dir := t.TempDir()
	extract(t, data, filepath.Join(dir, "pack"))
	home := filepath.Join(dir, "home")
	os.MkdirAll(home, 0o700)
	run := func(key, blob, predicateType string) (string, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, cosign, "verify-blob-attestation", "--key", key, "--insecure-ignore-tlog",
			"--signature", pack.EnvelopeFile, "--type", predicateType, blob)
		cmd.Dir = filepath.Join(dir, "pack")
		// A fresh HOME holds no cached trust root. SIGSTORE_REKOR_PUBLIC_KEY
		// names a file that does not exist: with it set, cosign does not
		// fetch its TUF trust root, so nothing but the key and the files
		// is used (and nothing waits for a network).
		cmd.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "SIGSTORE_REKOR_PUBLIC_KEY=" + filepath.Join(dir, "no-rekor-key.pem")}
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	for _, blob := range []string{pack.SumsFile, pack.ManifestFile} {
		out, err := run(pub, blob, pack.PredicateType)
		if err != nil || !strings.Contains(out, "Verified OK") {
			t.Fatalf("cosign verify-blob-attestation %s: %v\n%s", blob, err, out)
		}
	}
	if sum, err := exec.LookPath("sha256sum"); err == nil {
		cmd := exec.Command(sum, "--check", "--strict", pack.SumsFile)
		cmd.Dir = filepath.Join(dir, "pack")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("sha256sum -c: %v\n%s", err, out)
		}
	}

	if out, err := run(otherPub, pack.SumsFile, pack.PredicateType); err == nil {
		t.Fatalf("cosign accepted the pack with another key:\n%s", out)
	}
	if out, err := run(pub, pack.SumsFile, "https://example.com/other/v1"); err == nil || !strings.Contains(out, "invalid predicate type") {
		t.Fatalf("cosign accepted another predicate type: %v\n%s", err, out)
	}
	sums := filepath.Join(dir, "pack", pack.SumsFile)
	orig, _ := os.ReadFile(sums)
	os.WriteFile(sums, append(orig, []byte("0000000000000000000000000000000000000000000000000000000000000000  added.txt\n")...), 0o644)
	if out, err := run(pub, pack.SumsFile, pack.PredicateType); err == nil || !strings.Contains(out, "no matching subject digest") {
		t.Fatalf("cosign accepted a changed SHA256SUMS: %v\n%s", err, out)
	}
}

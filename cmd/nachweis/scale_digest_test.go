package main

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/evidence/scaletest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// scaleDigestTenants is the size of the provider TestScaleOutputDigests
// checks: every kind of defect the generator makes occurs.
const scaleDigestTenants = 60

// TestScaleOutputDigests pins what nachweis makes of a generated provider
// (evidence/scaletest), byte for byte, by digest: results.json, SARIF,
// JUnit and text in both languages for the whole provider and one
// tenant, and the TOM annexes and release checklists of every tenant. Work on the speed of the
// projection, the evaluation and the writers must leave every byte as it
// was; rewrite testdata/scale-60.digests with -update only when an output
// changes on purpose.
func TestScaleOutputDigests(t *testing.T) {
	if testing.Short() {
		t.Skip("renders a TOM annex per tenant")
	}
	f := scaletest.Generate(t, t.TempDir(), scaleDigestTenants)
	out := t.TempDir()
	at := f.Now.Format(time.RFC3339)
	evidence := []string{"--bundle", f.BundleDir, "--config", f.ConfigPath, "--now", at}
	tenant := scaletest.Tenant(7)
	var lines []string
	digest := func(name string, data []byte) {
		lines = append(lines, fmt.Sprintf("%s sha256:%x %d", name, sha256.Sum256(data), len(data)))
	}
	for _, c := range []struct {
		name string
		args []string
		code int
	}{
		{"results.json", []string{"check", "--format", "json"}, exitFailing},
		{"results.sarif", []string{"check", "--format", "sarif"}, exitFailing},
		{"junit.xml", []string{"check", "--format", "junit"}, exitFailing},
		{"text.en", []string{"check", "--format", "text", "--lang", "en"}, exitFailing},
		{"text.de", []string{"check", "--format", "text", "--lang", "de"}, exitFailing},
		{"results." + tenant + ".json", []string{"check", "--format", "json", "--tenant", tenant}, exitFailing},
		{"results.c5.json", []string{"check", "--format", "json", "--framework", "c5"}, exitFailing},
		{"tom-" + tenant + ".en.pdf", []string{"tom", "--tenant", tenant, "--lang", "en"}, exitOK},
	} {
		file := filepath.Join(out, c.name)
		args := append(append(slices.Clone(c.args), evidence...), "-o", file)
		if _, errOut, code := nachweis(t, nil, args...); code != c.code {
			t.Fatalf("%s: exit %d, want %d: %s", strings.Join(c.args, " "), code, c.code, errOut)
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		digest(c.name, data)
	}
	dir := filepath.Join(out, "tom")
	if _, errOut, code := nachweis(t, nil, append([]string{"tom", "--all-tenants", "--lang", "de", "-o", dir}, evidence...)...); code != exitOK {
		t.Fatalf("tom --all-tenants: exit %d: %s", code, errOut)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	// An annex and its internal release checklist per tenant.
	if len(entries) != 2*scaleDigestTenants {
		t.Fatalf("tom --all-tenants wrote %d files, want %d (an annex and a release checklist per tenant)", len(entries), 2*scaleDigestTenants)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		digest("tom/"+e.Name(), data)
	}
	got := strings.Join(lines, "\n") + "\n"
	golden := filepath.Join("testdata", fmt.Sprintf("scale-%d.digests", scaleDigestTenants))
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read %s (go test ./cmd/nachweis -run TestScaleOutputDigests -update writes it): %v", golden, err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("outputs for the %d-tenant provider differ from %s (-want +got):\n%s", scaleDigestTenants, golden, diff)
	}
}

package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/output/pack"
)

// testKeys makes a key pair with nachweis keys generate.
func testKeys(t testing.TB) (priv, pub string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "keys")
	if _, errOut, code := nachweis(t, nil, "keys", "generate", "-o", dir); code != exitOK {
		t.Fatalf("keys generate exit %d: %s", code, errOut)
	}
	return filepath.Join(dir, "nachweis.key"), filepath.Join(dir, "nachweis.pub")
}

var demoPackOnce struct {
	sync.Once
	priv, pub, zip string
	data           []byte
}

// demoPack packs the demo once per test binary: every document in both
// languages, TOM annexes included.
func demoPack(t *testing.T) (data []byte, zipPath, priv, pub string) {
	t.Helper()
	d := &demoPackOnce
	d.Do(func() {
		dir, err := os.MkdirTemp("", "nachweis-pack-test-")
		if err != nil {
			t.Fatal(err)
		}
		keys := filepath.Join(dir, "keys")
		if _, errOut, code := nachweis(t, nil, "keys", "generate", "-o", keys); code != exitOK {
			t.Fatalf("keys generate exit %d: %s", code, errOut)
		}
		d.priv, d.pub = filepath.Join(keys, "nachweis.key"), filepath.Join(keys, "nachweis.pub")
		d.zip = filepath.Join(dir, "pack.zip")
		if _, errOut, code := nachweis(t, nil, "pack", "--demo", "--tom", "--sign-key", d.priv, "-o", d.zip); code != exitOK {
			t.Fatalf("pack --demo exit %d: %s", code, errOut)
		}
		if d.data, err = os.ReadFile(d.zip); err != nil {
			t.Fatal(err)
		}
	})
	if d.data == nil {
		t.Fatal("demo pack failed in an earlier test")
	}
	return d.data, d.zip, d.priv, d.pub
}

func TestMain(m *testing.M) {
	code := m.Run()
	if demoPackOnce.zip != "" {
		os.RemoveAll(filepath.Dir(demoPackOnce.zip))
	}
	os.Exit(code)
}

// oscalSchema compiles the official OSCAL 1.1.3 complete schema kept in
// output/oscal/testdata.
func oscalSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "output", "oscal", "testdata", "oscal-1.1.3", "oscal_complete_schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft7)
	c.AssertFormat()
	url := "file://" + filepath.ToSlash(p)
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func zipNames(t testing.TB, data []byte) []string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	return names
}

func zipFile(t testing.TB, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	t.Fatalf("pack has no %s", name)
	return nil
}

func TestPackDemoContents(t *testing.T) {
	data, _, _, _ := demoPack(t)
	names := map[string]bool{}
	for _, n := range zipNames(t, data) {
		names[n] = true
	}
	want := []string{"README.de.md", "README.en.md", "SHA256SUMS", "manifest.json", "results.json",
		"signature/statement.dsse.json", "signature/nachweis.pub",
		"oscal/assessment-results.json", "oscal/component-definition.json",
		"bundle/manifest.json", "bundle/sources/kubernetes/prod/namespaces.json",
		"policies/kubernetes/netpol_default_deny.rego", "policies/lib/kubernetes.rego",
		"controls/catalogs/c5-2020.yaml", "controls/measures.yaml", "controls/crosswalk.yaml",
		"config/nachweis.yaml", "config/soa.yaml", "config/records/1/isms.yaml", "config/records/1/attachments/pentest-bericht-2025.txt",
		"config/records/2/globex-offsite.yaml",
		"documents/report-c5-2020.de.pdf", "documents/report-c5-2026.de.pdf", "documents/report-gdpr.en.pdf", "documents/matrix-iso27001-2022.de.xlsx", "documents/matrix-c5-2026.de.xlsx",
		"documents/soa.en.xlsx", "documents/tom-acme.de.pdf", "documents/tom-initech.en.pdf"}
	for _, w := range want {
		if !names[w] {
			t.Errorf("pack lacks %s", w)
		}
	}
	for n := range names {
		if strings.HasSuffix(n, "_test.rego") {
			t.Errorf("pack carries the test module %s: only the modules the engine loads belong in it", n)
		}
	}
	// The packed OSCAL documents validate against the official schema.
	complete := oscalSchema(t)
	for _, f := range []string{"oscal/assessment-results.json", "oscal/component-definition.json"} {
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(zipFile(t, data, f)))
		if err != nil {
			t.Fatal(err)
		}
		if err := complete.Validate(inst); err != nil {
			t.Errorf("%s: not valid OSCAL 1.1.3: %v", f, err)
		}
	}
	// Attestation files are cited at their path in the pack, with their
	// sha256.
	ar := string(zipFile(t, data, "oscal/assessment-results.json"))
	isms := zipFile(t, data, "config/records/1/isms.yaml")
	sum := sha256.Sum256(isms)
	if !strings.Contains(ar, `"href":"../config/records/1/isms.yaml","media-type":"application/yaml","hashes":[{"algorithm":"SHA-256","value":"`+hex.EncodeToString(sum[:])+`"}]`) {
		t.Error("assessment results do not cite config/records/1/isms.yaml with its sha256")
	}

	// results.json is what check --demo reports, but evaluated from the
	// packed files: attestation files are cited at their pack paths.
	var r controls.Results
	if err := json.Unmarshal(zipFile(t, data, "results.json"), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Attestations) == 0 || !strings.HasPrefix(r.Attestations[0].File, "config/records/") {
		t.Fatalf("attestations in results.json: %+v", r.Attestations)
	}
	if r.Checks[0].Policy == "" || !names[r.Checks[0].Policy] {
		t.Fatalf("check %s cites policy %q, which is not in the pack", r.Checks[0].ID, r.Checks[0].Policy)
	}
}

func TestPackVerifies(t *testing.T) {
	_, zipPath, _, pub := demoPack(t)
	out, errOut, code := nachweis(t, nil, "verify", zipPath, "--key", pub)
	if code != exitOK {
		t.Fatalf("verify --key exit %d: %s%s", code, out, errOut)
	}
	raw, _ := os.ReadFile(pub)
	key, err := pack.ParsePublicKey(raw)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"ok   files:", "ok   signature: by the given key " + pack.Fingerprint(key), "ok   results: results.json reproduced byte for byte"} {
		if !strings.Contains(out, w) {
			t.Errorf("verify output lacks %q:\n%s", w, out)
		}
	}
	out, _, code = nachweis(t, nil, "verify", zipPath)
	if code != exitOK || !strings.Contains(out, "valid with the key packed in the pack, "+pack.Fingerprint(key)) || !strings.Contains(out, "integrity, not origin") {
		t.Fatalf("verify without --key exit %d:\n%s", code, out)
	}
}

func TestPackWrongKey(t *testing.T) {
	_, zipPath, _, _ := demoPack(t)
	_, otherPub := testKeys(t)
	out, errOut, code := nachweis(t, nil, "verify", zipPath, "--key", otherPub)
	if code != exitError {
		t.Fatalf("verify with another key exit %d, want %d:\n%s", code, exitError, out)
	}
	if !strings.Contains(out, "FAIL signature/statement.dsse.json: the signature does not verify") || !strings.Contains(errOut, "not intact") {
		t.Fatalf("verify with another key:\n%s%s", out, errOut)
	}
	if !strings.Contains(out, "FAIL results.json: not evaluated again") {
		t.Errorf("a pack failing its signature was evaluated again:\n%s", out)
	}
}

// zipEntry is one file of a zip, decompressed.
type zipEntry struct {
	name string
	data []byte
}

func unzipAll(t testing.TB, data []byte) []zipEntry {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out []zipEntry
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		content, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, zipEntry{f.Name, content})
	}
	return out
}

// rezipFiles rewrites a zip with edit applied to each entry (nil drops
// it) and extra entries added.
func rezipFiles(t testing.TB, data []byte, edit func(string, []byte) []byte, extra map[string][]byte) []byte {
	t.Helper()
	return rezipEntries(t, unzipAll(t, data), edit, extra)
}

func rezipEntries(t testing.TB, entries []zipEntry, edit func(string, []byte) []byte, extra map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	write := func(name string, content []byte) {
		// Stored, not deflated: the test rewrites the pack hundreds of times.
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(content); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range entries {
		if content := edit(e.name, e.data); content != nil {
			write(e.name, content)
		}
	}
	names := make([]string, 0, len(extra))
	for n := range extra {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		write(n, extra[n])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestPackMutations is the acceptance test of verify: for every file of a
// pack, flipping one byte or deleting the file makes verify fail with a
// line naming that file, with and without --key; so does adding a file.
// The untouched pack verifies.
func TestPackMutations(t *testing.T) {
	data, _, _, pub := demoPack(t)
	dir := t.TempDir()
	verify := func(t *testing.T, mutated []byte, name string, key bool) {
		t.Helper()
		p := filepath.Join(dir, "mutated.zip")
		if err := os.WriteFile(p, mutated, 0o600); err != nil {
			t.Fatal(err)
		}
		args := []string{"verify", p}
		if key {
			args = append(args, "--key", pub)
		}
		out, errOut, code := nachweis(t, nil, args...)
		if code != exitError {
			t.Fatalf("verify after changing %s: exit %d, want %d\n%s%s", name, code, exitError, out, errOut)
		}
		if !strings.Contains(out, "FAIL "+name+": ") {
			t.Fatalf("verify after changing %s does not name it:\n%s", name, out)
		}
	}
	entries := unzipAll(t, data)
	if len(entries) < 100 {
		t.Fatalf("the demo pack has only %d files", len(entries))
	}
	for _, e := range entries {
		name := e.name
		t.Run("flip/"+name, func(t *testing.T) {
			mutated := rezipEntries(t, entries, func(n string, c []byte) []byte {
				if n == name {
					c = append([]byte(nil), c...)
					c[len(c)/2] ^= 0x20
				}
				return c
			}, nil)
			verify(t, mutated, name, true)
			verify(t, mutated, name, false)
		})
		t.Run("delete/"+name, func(t *testing.T) {
			mutated := rezipEntries(t, entries, func(n string, c []byte) []byte {
				if n == name {
					return nil
				}
				return c
			}, nil)
			verify(t, mutated, name, true)
		})
	}
	for _, extra := range []string{"extra.txt", "documents/report-c5.fr.pdf", "bundle/sources/kubernetes/prod/added.json", "signature/second.sig", "policies/kubernetes/allow_all.rego"} {
		t.Run("add/"+extra, func(t *testing.T) {
			verify(t, rezipEntries(t, entries, func(_ string, c []byte) []byte { return c }, map[string][]byte{extra: []byte("added")}), extra, true)
		})
	}
	t.Run("untouched", func(t *testing.T) {
		p := filepath.Join(dir, "same.zip")
		os.WriteFile(p, rezipFiles(t, data, func(_ string, c []byte) []byte { return c }, nil), 0o600)
		if out, errOut, code := nachweis(t, nil, "verify", p, "--key", pub); code != exitOK {
			t.Fatalf("re-zipped unchanged pack: exit %d\n%s%s", code, out, errOut)
		}
	})
}

// resign rebuilds a pack from its files with edit applied, signed with
// the given key: what someone holding the provider's key could make.
func resign(t *testing.T, data []byte, priv string, edit func(name string, content []byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var files []pack.File
	var m pack.Manifest
	for _, f := range zr.File {
		rc, _ := f.Open()
		content, _ := io.ReadAll(rc)
		rc.Close()
		switch {
		case f.Name == pack.ManifestFile:
			if err := json.Unmarshal(content, &m); err != nil {
				t.Fatal(err)
			}
		case f.Name == pack.SumsFile || strings.HasPrefix(f.Name, "signature/"):
		default:
			files = append(files, pack.File{Path: f.Name, Data: edit(f.Name, content)})
		}
	}
	raw, _ := os.ReadFile(priv)
	key, err := pack.ParsePrivateKey(raw)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := pack.Write(&buf, files, pack.WriteOptions{Tool: m.Tool, Evaluation: m.Evaluation, Key: key, ModTime: m.Evaluation.EvaluatedAt}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestPackEditedResultsFailReevaluation: results.json edited to turn a
// failing check into a pass and the pack signed again with the right key
// passes every hash and the signature; only evaluating the packed
// evidence again catches it, naming results.json and what differs.
func TestPackEditedResultsFailReevaluation(t *testing.T) {
	data, _, priv, pub := demoPack(t)
	var r controls.Results
	if err := json.Unmarshal(zipFile(t, data, "results.json"), &r); err != nil {
		t.Fatal(err)
	}
	failing := -1
	for i, c := range r.Checks {
		if c.Status == controls.Fail {
			failing = i
			break
		}
	}
	if failing < 0 {
		t.Fatal("the demo has no failing check")
	}
	edited := resign(t, data, priv, func(name string, c []byte) []byte {
		if name != "results.json" {
			return c
		}
		var doc map[string]any
		if err := json.Unmarshal(c, &doc); err != nil {
			t.Fatal(err)
		}
		doc["checks"].([]any)[failing].(map[string]any)["status"] = "pass"
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		enc.Encode(doc)
		return buf.Bytes()
	})
	p := filepath.Join(t.TempDir(), "edited.zip")
	os.WriteFile(p, edited, 0o600)
	out, _, code := nachweis(t, nil, "verify", p, "--key", pub)
	if code != exitError {
		t.Fatalf("verify of a pack with edited results: exit %d\n%s", code, out)
	}
	want := `FAIL results.json: differs from the results of evaluating the packed evidence again: /checks/` + strconv.Itoa(failing) + `/status: packed "pass", re-evaluated "fail"`
	if !strings.Contains(out, want) {
		t.Fatalf("verify output lacks %q:\n%s", want, out)
	}
	if strings.Count(out, "FAIL ") != 1 {
		t.Fatalf("only the re-evaluation may fail (hashes and signature hold):\n%s", out)
	}

	// The same pack, signed again unchanged, verifies: the failure above
	// is the edit, not the re-signing.
	same := resign(t, data, priv, func(_ string, c []byte) []byte { return c })
	os.WriteFile(p, same, 0o600)
	if out, _, code := nachweis(t, nil, "verify", p, "--key", pub); code != exitOK {
		t.Fatalf("re-signed unchanged pack: exit %d\n%s", code, out)
	}
}

// TestPackDeterministic: the same inputs, key and clock give a
// byte-identical zip; SOURCE_DATE_EPOCH for the same instant too.
func TestPackDeterministic(t *testing.T) {
	priv, _ := testKeys(t)
	dir := t.TempDir()
	a, b, c := filepath.Join(dir, "a.zip"), filepath.Join(dir, "b.zip"), filepath.Join(dir, "c.zip")
	for _, o := range []struct {
		file string
		env  map[string]string
		args []string
	}{
		{a, nil, []string{"--now", demoNow}},
		{b, nil, []string{"--now", demoNow}},
		{c, map[string]string{"SOURCE_DATE_EPOCH": "1795460400"}, nil},
	} {
		args := append([]string{"pack", "--demo", "--lang", "en", "--sign-key", priv, "-o", o.file}, o.args...)
		if _, errOut, code := nachweis(t, o.env, args...); code != exitOK {
			t.Fatalf("pack exit %d: %s", code, errOut)
		}
	}
	x, _ := os.ReadFile(a)
	y, _ := os.ReadFile(b)
	z, _ := os.ReadFile(c)
	if len(x) == 0 || !bytes.Equal(x, y) {
		t.Fatal("two packs of the same inputs, key and clock differ")
	}
	if !bytes.Equal(x, z) {
		t.Fatal("SOURCE_DATE_EPOCH of the same instant gives another pack than --now")
	}
}

func TestPackPrivateKeyNeverPacked(t *testing.T) {
	data, _, priv, _ := demoPack(t)
	raw, _ := os.ReadFile(priv)
	key, err := pack.ParsePrivateKey(raw)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	secrets := [][]byte{[]byte(strings.Join(lines[1:len(lines)-1], "")), key.Seed(), []byte(hex.EncodeToString(key.Seed()))}
	for _, name := range zipNames(t, data) {
		content := zipFile(t, data, name)
		for _, s := range secrets {
			if bytes.Contains(content, s) {
				t.Errorf("%s contains the private key", name)
			}
		}
	}
	if bytes.Contains(data, key.Seed()) {
		t.Error("the zip contains the private key's seed")
	}
}

// TestPackReevaluatesPackedFiles: verify evaluates the packed policies,
// catalogs and records, not its own embedded copies: a pack whose policy,
// catalog or exception record was changed and signed again with the right
// key (results.json untouched) fails the re-evaluation.
func TestPackReevaluatesPackedFiles(t *testing.T) {
	data, _, priv, pub := demoPack(t)
	tests := []struct {
		file, old, new, want string
	}{
		{"policies/kubernetes/netpol_default_deny.rego", "# title: Default-deny NetworkPolicy", "# title: Edited NetworkPolicy", "/title/en"},
		{"controls/catalogs/c5-2020.yaml", "en: Information Security Management System (ISMS)", "en: Edited ISMS", "/title/en"},
		{"config/records/2/globex-offsite.yaml", "risk_owner: Jonas Becker", "risk_owner: Someone Else", "/risk_owner"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			changed := false
			edited := resign(t, data, priv, func(name string, c []byte) []byte {
				if name != tt.file {
					return c
				}
				out := bytes.Replace(c, []byte(tt.old), []byte(tt.new), 1)
				changed = !bytes.Equal(out, c)
				return out
			})
			if !changed {
				t.Fatalf("%s lacks %q", tt.file, tt.old)
			}
			p := filepath.Join(t.TempDir(), "edited.zip")
			os.WriteFile(p, edited, 0o600)
			out, _, code := nachweis(t, nil, "verify", p, "--key", pub)
			if code != exitError || strings.Count(out, "FAIL ") != 1 || !strings.Contains(out, "FAIL results.json: differs from the results of evaluating the packed evidence again: ") || !strings.Contains(out, tt.want) {
				t.Fatalf("verify after editing %s: exit %d, want one FAIL on results.json at %s:\n%s", tt.file, code, tt.want, out)
			}
		})
	}
}

// TestPackOlderResultsSchema: a pack whose results.json is of the older
// results schema (nachweis.results/v1, English strings where v2 has
// messages) is named as such by verify, not listed as thousands of
// differences or read as if it were v2.
func TestPackOlderResultsSchema(t *testing.T) {
	data, _, priv, pub := demoPack(t)
	old := resign(t, data, priv, func(name string, c []byte) []byte {
		if name != "results.json" {
			return c
		}
		return bytes.Replace(c, []byte(`"schema": "`+controls.ResultsSchema+`"`), []byte(`"schema": "nachweis.results/v1"`), 1)
	})
	p := filepath.Join(t.TempDir(), "old.zip")
	os.WriteFile(p, old, 0o600)
	out, _, code := nachweis(t, nil, "verify", p, "--key", pub)
	if code != exitError {
		t.Fatalf("verify of a pack with v1 results: exit %d\n%s", code, out)
	}
	want := `FAIL results.json: holds results of schema "nachweis.results/v1", this nachweis writes ` + controls.ResultsSchema
	if !strings.Contains(out, want) || strings.Count(out, "FAIL ") != 1 {
		t.Fatalf("verify output lacks %q (and only that failure):\n%s", want, out)
	}
}

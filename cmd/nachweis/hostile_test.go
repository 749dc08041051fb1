package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Hostile strings planted in evidence and configuration. Kubernetes does
// not validate user names in bindings, imported evidence is not validated
// like the API server validates names, and configuration is free text.
const (
	hostileEntity = "&#x1F600;"
	hostileEscEnt = "&lt;b&gt;"
	hostileScript = "<script>alert(1)</script>"
	hostileLink   = "[link](https://evil.example)"
	hostileRLO    = "evil\u202etxt.exe"
	hostileOSC    = "\x1b]0;title\x07"
)

// hostileFixture writes a bundle and a configuration carrying the hostile
// strings: tenant namespaces named <script>… and [link](…) (selected by
// label), a cluster-admin binding to subjects with an entity, an escaped
// entity, a bidi override and a terminal title sequence, and a tenant and
// sub-processors named with all of them.
func hostileFixture(t *testing.T) (bundle, config string) {
	t.Helper()
	dir := t.TempDir()
	write := func(name string, v any) string {
		p := filepath.Join(dir, name)
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	type m = map[string]any
	var nss []any
	for _, n := range []string{hostileScript, hostileLink, "a/b_c*d"} {
		nss = append(nss, m{"apiVersion": "v1", "kind": "Namespace", "metadata": m{"name": n, "labels": m{"tenant": "hostile"}}})
	}
	var subjects []any
	for _, s := range []string{hostileEntity, hostileEscEnt, hostileRLO, hostileOSC, hostileScript} {
		subjects = append(subjects, m{"kind": "User", "name": s})
	}
	subjects = append(subjects, m{"kind": "Group", "name": hostileLink})
	files := []string{
		write("namespaces.json", m{"apiVersion": "v1", "kind": "List", "items": nss}),
		write("crb.json", m{"apiVersion": "v1", "kind": "List", "items": []any{m{
			"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
			"metadata": m{"name": "admins-" + hostileEntity},
			"roleRef":  m{"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"},
			"subjects": subjects,
		}}}),
		write("pods.json", m{"apiVersion": "v1", "kind": "PodList", "items": []any{}}),
		write("netpol.json", m{"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicyList", "items": []any{}}),
	}
	bundle = filepath.Join(dir, "bundle")
	if _, errOut, code := nachweis(t, nil, append([]string{"import", "-o", bundle, "--source", "prod",
		"--collected-at", "2026-11-23T19:00:00Z"}, files...)...); code != exitOK {
		t.Fatalf("import: exit %d: %s", code, errOut)
	}
	// YAML escapes for the control characters: \e is ESC, \a is BEL.
	cfg := `organisation: {name: "Anbieter ` + hostileEntity + ` GmbH"}
tenants:
  - id: hostile
    name: "Kunde ` + hostileEntity + ` ` + hostileEscEnt + ` ` + hostileScript + ` ` + hostileLink + ` ` + hostileRLO + ` \e]0;title\a"
    namespace_selector: {match_labels: {tenant: hostile}}
sources:
  kubernetes:
    - {name: prod, kubeconfig: ./kubeconfig}
sub_processors:
  - {name: "` + hostileEntity + ` ` + hostileLink + `", address: "` + hostileEscEnt + ` ` + hostileScript + `", service: {de: "**bold** _x_ # h", en: "**bold** _x_ # h"}, location: DE}
`
	config = filepath.Join(dir, "nachweis.yaml")
	if err := os.WriteFile(config, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return bundle, config
}

// TestHostileStringsInDocuments: the hostile strings reach the TOM annex
// (the tenant's, the provider's and the sub-processor's names; findings
// are for the release checklist and the report) and the audit report
// (read back with pdftotext) exactly as written:
// entities not decoded, HTML and Markdown printed as text, names with
// "/" whole; what the fonts cannot draw (the bidi override, ESC, BEL) as
// □. Nothing panics.
func TestHostileStringsInDocuments(t *testing.T) {
	bundle, config := hostileFixture(t)
	dir := t.TempDir()
	tom := filepath.Join(dir, "tom.pdf")
	report := filepath.Join(dir, "report.pdf")
	for _, args := range [][]string{
		{"tom", "--tenant", "hostile", "-o", tom},
		{"report", "--framework", "c5", "--lang", "en", "-o", report},
	} {
		args = append(args, "--bundle", bundle, "--config", config, "--now", "2026-11-23T20:00:00Z")
		if _, errOut, code := nachweis(t, nil, args...); code != exitOK {
			t.Fatalf("%s: exit %d: %s", args[0], code, errOut)
		}
	}
	// The subjects as the German TOM and the English report list them.
	subjects := func(and string) string {
		return "User/" + hostileEntity + ", User/" + hostileEscEnt + ", User/" + hostileScript + " " + and + " User/evil□txt.exe"
	}
	for path, wants := range map[string][]string{
		tom: {
			// the tenant's namespaces, whole (a "/" once cut them short)
			hostileScript + ", " + hostileLink + ", a/b_c*d",
			"Kunde " + hostileEntity + " " + hostileEscEnt + " " + hostileScript + " " + hostileLink + " evil□txt.exe □]0;title□",
			"Anbieter " + hostileEntity + " GmbH",
			hostileEntity + " " + hostileLink, hostileEscEnt + " " + hostileScript, "**bold** _x_ # h",
		},
		report: {
			"prod/clusterrolebinding/admins-" + hostileEntity,
			subjects("and"),
			hostileEntity + " " + hostileLink, "**bold** _x_ # h",
		},
	} {
		text := pdfText(t, path)
		mustContain(t, filepath.Base(path), text, wants...)
		for _, bad := range []string{"😀", "<b>", "\u202e", "\x1b", "\x07"} {
			if strings.Contains(text, bad) {
				t.Errorf("%s holds %q", filepath.Base(path), bad)
			}
		}
	}
}

// TestHostileTemplateBytes: a template override with a byte that is not
// UTF-8 and an entity renders (□ for the byte, the entity as written)
// instead of crashing fpdf.
func TestHostileTemplateBytes(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "templates", "text", "tom.de.md.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src = bytes.Replace(src, []byte("## 1 "), []byte("Vorwort \xff\xfe &#x1F600; &#128512;\n\n## 1 "), 1)
	if err := os.WriteFile(filepath.Join(dir, "tom.de.md.tmpl"), src, 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "tom.pdf")
	if _, errOut, code := nachweis(t, nil, "tom", "--demo", "--tenant", "acme", "--now", demoNow, "--template-dir", dir, "-o", out); code != exitOK {
		t.Fatalf("tom with the override: exit %d: %s", code, errOut)
	}
	mustContain(t, "tom.pdf", pdfText(t, out), "Vorwort □□ &#x1F600; &#128512;")
}

// TestHostileStringsOnTerminal: escape sequences and bidi controls from
// evidence never reach the terminal, in the text summary or in messages
// on stderr.
func TestHostileStringsOnTerminal(t *testing.T) {
	bundle, config := hostileFixture(t)
	out, errOut, code := nachweis(t, nil, "check", "--bundle", bundle, "--config", config, "--now", "2026-11-23T20:00:00Z")
	if code != exitFailing {
		t.Fatalf("check: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "User/\ufffd]0;title\ufffd") || !strings.Contains(out, "User/evil\ufffdtxt.exe") {
		t.Errorf("text output does not show the subjects neutralised:\n%s", out)
	}
	// A file name from the user's shell glob, echoed in an error.
	_, errOut, code = nachweis(t, nil, "import", "-o", filepath.Join(t.TempDir(), "b"), filepath.Join(t.TempDir(), "x"+hostileOSC+hostileRLO+".json"))
	if code == exitOK || !strings.Contains(errOut, "x\ufffd]0;title\ufffdevil\ufffdtxt.exe.json") {
		t.Errorf("import of a missing file: exit %d, stderr %q", code, errOut)
	}
	for name, s := range map[string]string{"stdout": out, "stderr": errOut} {
		for _, bad := range []string{"\x1b", "\x07", "\u202e"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s holds %q", name, bad)
			}
		}
	}
}

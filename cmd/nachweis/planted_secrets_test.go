package main

import (
	"archive/zip"
	"encoding/base64"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/kubernetes/fakeapi"
)

// Planted values: each must never appear in anything nachweis writes. They
// share no substring with anything else the test writes.
const (
	plantedToken   = "nwPlantedSsoToken7c41e9b2d058" // printed by the exec credential plugin
	plantedEnv     = "nw-planted-env-value-1f4b9c"
	plantedArg     = "nw-planted-arg-value-7d2e61"
	plantedCmd     = "nw-planted-cmd-value-3a9f05"
	plantedProbe   = "nw-planted-probe-value-e27a4c"
	plantedApplied = "nw-planted-applied-secret-c8e1d2" // in a Secret manifest inside a last-applied annotation
	plantedSecret  = "nw-planted-secret-data-90b3f7"    // a Secret's own value
)

// plantedValues are the planted values and the encodings they may take in
// a Secret's data.
func plantedValues() []string {
	vs := []string{plantedToken, plantedEnv, plantedArg, plantedCmd, plantedProbe, plantedApplied, plantedSecret}
	for _, v := range []string{plantedApplied, plantedSecret} {
		vs = append(vs, base64.StdEncoding.EncodeToString([]byte(v)))
	}
	return vs
}

// plantedPodSpec is a pod spec whose containers carry every kind of
// literal: env values, command, args and an exec probe, next to the
// references that must stay.
func plantedPodSpec() map[string]any {
	c := func(name string) map[string]any {
		return map[string]any{
			"name": name, "image": "registry.example/web:1",
			"command": []any{"/bin/web", "--db-password=" + plantedCmd},
			"args":    []any{"--api-key", plantedArg},
			"env": []any{
				map[string]any{"name": "DB_PASSWORD", "value": plantedEnv},
				map[string]any{"name": "API_KEY", "valueFrom": map[string]any{"secretKeyRef": map[string]any{"name": "api", "key": "key"}}},
			},
			"envFrom":        []any{map[string]any{"secretRef": map[string]any{"name": "web-env"}}},
			"readinessProbe": map[string]any{"exec": map[string]any{"command": []any{"check", "--token", plantedProbe}}},
		}
	}
	return map[string]any{
		"containers":          []any{c("web")},
		"initContainers":      []any{c("migrate")},
		"ephemeralContainers": []any{c("debug")},
	}
}

// lastAppliedSecret is a last-applied-configuration annotation holding a
// whole Secret manifest, as kubectl apply of a Secret leaves it.
func lastAppliedSecret() map[string]any {
	manifest, _ := json.Marshal(map[string]any{
		"apiVersion": "v1", "kind": "Secret",
		"metadata":   map[string]any{"name": "db", "namespace": "acme-prod"},
		"stringData": map[string]any{"password": plantedApplied},
		"data":       map[string]any{"password": base64.StdEncoding.EncodeToString([]byte(plantedApplied))},
	})
	return map[string]any{"kubectl.kubernetes.io/last-applied-configuration": string(manifest) + "\n"}
}

// plantedCluster is a fake API server that logs in through an exec
// credential plugin, repeats the request's Authorization header in its
// errors, may not list NetworkPolicies, and holds workloads and
// annotations with planted values.
func plantedCluster(t *testing.T) *fakeapi.Server {
	s := fakeapi.New(t, plantedToken)
	s.EchoToken = true
	s.Forbid("/apis/networking.k8s.io/v1/networkpolicies")
	s.Add("/api/v1/namespaces",
		map[string]any{"metadata": map[string]any{"name": "acme-prod", "labels": map[string]any{"tenant": "acme"}, "annotations": lastAppliedSecret()}})
	md := func(name string) map[string]any {
		return map[string]any{"name": name, "namespace": "acme-prod", "annotations": lastAppliedSecret(),
			"managedFields": []any{map[string]any{"manager": "kubectl-client-side-apply", "operation": "Update"}}}
	}
	template := map[string]any{"metadata": map[string]any{"labels": map[string]any{"app": "web"}}, "spec": plantedPodSpec()}
	s.Add("/api/v1/pods", map[string]any{"metadata": md("web-0"), "spec": plantedPodSpec()})
	for _, r := range []string{"deployments", "statefulsets", "daemonsets", "replicasets"} {
		s.Add("/apis/apps/v1/"+r, map[string]any{"metadata": md("web"), "spec": map[string]any{"template": template}})
	}
	s.Add("/apis/batch/v1/jobs", map[string]any{"metadata": md("migrate"), "spec": map[string]any{"template": template}})
	s.Add("/apis/batch/v1/cronjobs", map[string]any{"metadata": md("backup"),
		"spec": map[string]any{"schedule": "0 3 * * *", "jobTemplate": map[string]any{"spec": map[string]any{"template": template}}}})
	s.Add("/api/v1/secrets", map[string]any{"metadata": md("db"), "type": "Opaque",
		"data": map[string]any{"password": base64.StdEncoding.EncodeToString([]byte(plantedSecret))}})
	return s
}

// plantedImport writes kubectl get -o json output with the planted values
// of every workload kind, a Secret applied with kubectl, and a List
// nested in a List; it returns the file.
func plantedImport(t *testing.T, dir string) string {
	obj := func(apiVersion, kind, name string, spec map[string]any) map[string]any {
		return map[string]any{"apiVersion": apiVersion, "kind": kind,
			"metadata": map[string]any{"name": name, "namespace": "acme-prod", "annotations": lastAppliedSecret()}, "spec": spec}
	}
	template := map[string]any{"spec": plantedPodSpec()}
	items := []any{
		obj("v1", "Pod", "imported-web-0", plantedPodSpec()),
		obj("apps/v1", "Deployment", "imported-web", map[string]any{"template": template}),
		obj("apps/v1", "StatefulSet", "imported-db", map[string]any{"template": template}),
		obj("apps/v1", "DaemonSet", "imported-agent", map[string]any{"template": template}),
		obj("apps/v1", "ReplicaSet", "imported-web-5d4", map[string]any{"template": template}),
		obj("batch/v1", "Job", "imported-migrate", map[string]any{"template": template}),
		obj("batch/v1", "CronJob", "imported-backup", map[string]any{"schedule": "0 3 * * *", "jobTemplate": map[string]any{"spec": map[string]any{"template": template}}}),
		map[string]any{"apiVersion": "v1", "kind": "List", "items": []any{
			map[string]any{"apiVersion": "v1", "kind": "Secret", "metadata": map[string]any{"name": "db", "namespace": "acme-prod", "annotations": lastAppliedSecret()},
				"type": "Opaque", "data": map[string]any{"password": base64.StdEncoding.EncodeToString([]byte(plantedSecret))}},
		}},
	}
	data, err := json.MarshalIndent(map[string]any{"apiVersion": "v1", "kind": "List", "items": items}, "", "    ")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "kubectl-get-all.json")
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestPlantedSecretsReachNoOutput (issue 9, "leak nothing"): secrets planted
// in a cluster reached through an exec credential plugin and in kubectl
// output imported from files — pod env values, command and args, probe
// commands, a last-applied annotation holding a Secret manifest, a
// Secret's data, the plugin's token echoed by the API server — appear in
// no file of the bundle, on no stdout or stderr, in no check output
// (text, JSON, SARIF, JUnit), in no PDF (as pdftotext reads it) and in no
// XLSX (its unzipped XML).
func TestPlantedSecretsReachNoOutput(t *testing.T) {
	needTool(t, "pdftotext")
	s := plantedCluster(t)
	dir := t.TempDir()
	s.ExecKubeconfig(t, dir, "fake")
	cfg := filepath.Join(dir, "nachweis.yaml")
	if err := os.WriteFile(cfg, []byte(`organisation: {name: Beispiel Cloud GmbH}
tenants:
  - id: acme
    name: ACME GmbH
    namespaces: [acme-prod]
sources:
  kubernetes:
    - name: prod
      kubeconfig: ./kubeconfig
      context: fake
      timeout: 5s
`), 0o644); err != nil {
		t.Fatal(err)
	}
	// The SoA reads the declarations beside the configuration.
	if err := os.WriteFile(filepath.Join(dir, "soa.yaml"), []byte(mustRead(t, filepath.Join("..", "..", "evidence", "demo", "data", "soa.yaml"))), 0o644); err != nil {
		t.Fatal(err)
	}
	bundle := filepath.Join(dir, "bundle")
	out := filepath.Join(dir, "out")
	if err := os.Mkdir(out, 0o700); err != nil {
		t.Fatal(err)
	}
	const now = "2026-11-23T19:00:00Z"

	// texts are everything nachweis printed or wrote, by name.
	texts := map[string]string{}
	runOK := func(name string, okCodes []int, args ...string) string {
		t.Helper()
		stdout, stderr, code := nachweis(t, nil, args...)
		texts[name+" stdout"], texts[name+" stderr"] = stdout, stderr
		for _, c := range okCodes {
			if code == c {
				return stdout
			}
		}
		t.Fatalf("%s: exit %d, stderr %s", name, code, stderr)
		return ""
	}
	ok, failing := []int{exitOK}, []int{exitOK, exitFailing}

	runOK("collect", ok, "collect", "--config", cfg, "-o", bundle, "--now", now)
	runOK("import", ok, "import", "-o", bundle, "--source", "imported", "--collected-at", now, plantedImport(t, dir))
	ev := []string{"--bundle", bundle, "--config", cfg, "--now", now}
	for _, format := range []string{"text", "json", "sarif", "junit"} {
		runOK("check "+format, failing, append([]string{"check", "--format", format, "--fail-on", "none"}, ev...)...)
		file := filepath.Join(out, "check."+format)
		runOK("check -o "+format, failing, append([]string{"check", "--format", format, "--fail-on", "none", "-o", file}, ev...)...)
	}
	runOK("check de", failing, append([]string{"check", "--lang", "de", "--fail-on", "none"}, ev...)...)
	for _, lang := range []string{"de", "en"} {
		runOK("tom "+lang, ok, append([]string{"tom", "--tenant", "acme", "--lang", lang, "-o", filepath.Join(out, "tom-acme."+lang+".pdf")}, ev...)...)
		runOK("report "+lang, ok, append([]string{"report", "--framework", "c5", "--lang", lang, "-o", filepath.Join(out, "report-c5."+lang+".pdf")}, ev...)...)
		runOK("soa "+lang, ok, append([]string{"soa", "--lang", lang, "-o", filepath.Join(out, "soa."+lang+".xlsx")}, ev...)...)
		runOK("matrix "+lang, ok, append([]string{"matrix", "--framework", "c5", "--lang", lang, "-o", filepath.Join(out, "matrix-c5."+lang+".xlsx")}, ev...)...)
	}

	// Every file written: as bytes, PDFs also as pdftotext reads them,
	// spreadsheets also as the XML inside the zip.
	files := 0
	for _, root := range []string{bundle, out} {
		err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			files++
			texts[p] = mustRead(t, p)
			switch filepath.Ext(p) {
			case ".pdf":
				texts[p+" (pdftotext)"] = pdfText(t, p)
			case ".xlsx":
				texts[p+" (unzipped)"] = xlsxXML(t, p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if files < 20 {
		t.Fatalf("only %d files written; the test searches too little", files)
	}
	for name, text := range texts {
		// PDF lines break inside long words; search without white space too.
		joined := strings.Join(strings.Fields(text), "")
		for _, v := range plantedValues() {
			if strings.Contains(text, v) || strings.Contains(joined, v) {
				t.Errorf("%s holds the planted %q", name, v)
			}
		}
	}

	// The test can fail: the echoed header reached every output, scrubbed;
	// the workloads reached the bundle, with their env names and
	// references; the manifest says what was removed.
	b, err := evidence.Open(bundle)
	if err != nil {
		t.Fatal(err)
	}
	var notes []string
	for _, src := range b.Manifest.Sources {
		if src.Kind == "kubernetes" && src.Name == "prod" {
			if e := src.Errors["networkpolicies"]; !strings.Contains(e, "Authorization: Bearer [redacted]") {
				t.Errorf("networkpolicies error does not show the scrubbed echo: %q", e)
			}
		}
		for _, f := range src.Files {
			if f.Redacted != "" {
				notes = append(notes, f.Path+": "+f.Redacted)
			}
		}
	}
	allNotes := strings.Join(notes, "\n")
	mustContain(t, "redaction notes", allNotes, "env values of containers", "commands of containers", "args of containers",
		"exec commands of probes", "kubectl.kubernetes.io/last-applied-configuration annotations", "metadata.managedFields",
		"data and stringData of Secrets (1)", "nested Lists flattened into their items (1)")
	mustContain(t, "the bundle's pods", texts[filepath.Join(bundle, "sources", "kubernetes", "prod", "pods.json")], `"name":"DB_PASSWORD"`, `"secretKeyRef"`, `"web-env"`)
	mustContain(t, "the imported file", texts[filepath.Join(bundle, "sources", "kubernetes", "imported", "kubectl-get-all.json")], `"kind":"CronJob"`, `"name":"DB_PASSWORD"`)
	mustContain(t, "check text", texts["check text stdout"], "Authorization: Bearer [redacted]")
	mustContain(t, "SARIF", texts[filepath.Join(out, "check.sarif")], "Authorization: Bearer [redacted]")
	mustContain(t, "report", texts[filepath.Join(out, "report-c5.en.pdf")+" (pdftotext)"], "[redacted]")
}

// xlsxXML returns the XML of every part of a spreadsheet, unzipped.
func xlsxXML(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("open %s as zip: %v", path, err)
	}
	defer zr.Close()
	var sb strings.Builder
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		sb.WriteString(f.Name + "\n")
		sb.Write(b)
	}
	if !strings.Contains(sb.String(), "xl/worksheets/") {
		t.Fatalf("%s has no worksheets", path)
	}
	return sb.String()
}

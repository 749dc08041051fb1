package main

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/kubernetes"
	"github.com/nachweis/nachweis/evidence/kubernetes/fakeapi"
)

const (
	collectToken = "nachweis-cmd-test-token-3b9d0e6f1a2c"
	// collectSecret is the value of a Secret in the cluster; it must
	// never reach the bundle.
	collectSecret = "correct-horse-battery-staple"
)

// fakeCluster is a cluster whose collector may not list NetworkPolicies,
// which repeats the request's token in its errors, and which holds a
// Secret with a known value.
func fakeCluster(t *testing.T) *fakeapi.Server {
	s := fakeapi.New(t, collectToken)
	s.EchoToken = true
	md := func(name, ns string, labels map[string]any) map[string]any {
		m := map[string]any{"name": name, "labels": labels}
		if ns != "" {
			m["namespace"] = ns
		}
		return m
	}
	s.Add("/api/v1/namespaces",
		map[string]any{"metadata": md("acme-prod", "", map[string]any{"tenant": "acme"})},
		map[string]any{"metadata": md("globex-prod", "", map[string]any{"tenant": "globex"})},
		map[string]any{"metadata": md("kube-system", "", nil)})
	for i, ns := range []string{"acme-prod", "globex-prod", "globex-prod"} {
		s.Add("/api/v1/pods", map[string]any{
			"metadata": md(fmt.Sprintf("web-%d", i), ns, map[string]any{"app": "web"}),
			"spec": map[string]any{"containers": []any{map[string]any{
				"name": "app", "image": "registry.example/web:1",
				"securityContext": map[string]any{"privileged": ns == "globex-prod"},
			}}},
		})
	}
	s.Add("/api/v1/secrets", map[string]any{
		"metadata":   md("db", "acme-prod", nil),
		"type":       "Opaque",
		"data":       map[string]any{"password": "Y29ycmVjdC1ob3JzZS1iYXR0ZXJ5LXN0YXBsZQ=="},
		"stringData": map[string]any{"password": collectSecret},
	})
	s.Forbid("/apis/networking.k8s.io/v1/networkpolicies")
	return s
}

// collectConfig writes nachweis.yaml for a cluster reached through
// kubeconfig, with a tenant selected by label and a restic repository.
func collectConfig(t *testing.T, dir, kubeconfig string) string {
	cfg := `organisation: {name: Beispiel Cloud GmbH}
tenants:
  - id: acme
    name: ACME GmbH
    namespaces: [acme-prod]
  - id: globex
    name: Globex Logistik AG
    namespace_selector: {match_labels: {tenant: globex}}
sources:
  kubernetes:
    - name: prod
      kubeconfig: ` + kubeconfig + `
      context: fake
      timeout: 5s
      page_size: 2
  restic:
    - name: web01
      repository: /srv/backup/restic/web-01
      password_env: RESTIC_PASSWORD
      site: DE-Falkenstein
`
	p := filepath.Join(dir, "nachweis.yaml")
	if err := os.WriteFile(p, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCollectAndCheck(t *testing.T) {
	s := fakeCluster(t)
	dir := t.TempDir()
	s.Kubeconfig(t, dir, "fake")
	cfg := collectConfig(t, dir, "./kubeconfig") // relative to the configuration
	bundle := filepath.Join(dir, "bundle")

	out, errOut, code := nachweis(t, nil, "collect", "--config", cfg, "-o", bundle, "--now", "2026-11-23T19:00:00Z")
	if code != exitOK {
		t.Fatalf("collect: exit %d, stderr %s", code, errOut)
	}
	if out != "" {
		t.Errorf("collect wrote to stdout: %q", out)
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if len(lines) != 2 ||
		lines[0] != "nachweis: warning: restic/web01: the environment variable RESTIC_PASSWORD that should hold the restic secret is not set or empty" ||
		!strings.HasPrefix(lines[1], "collected 2 source(s) into "+bundle+" (sha256:") {
		t.Errorf("collect stderr (no terminal: no progress):\n%s", errOut)
	}

	b, err := evidence.Open(bundle)
	if err != nil {
		t.Fatal(err)
	}
	var k8s, restic evidence.Source
	for _, src := range b.Manifest.Sources {
		switch src.Kind + "/" + src.Name {
		case "kubernetes/prod":
			k8s = src
		case "restic/web01":
			restic = src
		default:
			t.Errorf("unexpected source %s/%s", src.Kind, src.Name)
		}
	}
	if k8s.Status != evidence.StatusOK || len(k8s.Files) != 25 || !strings.HasPrefix(k8s.Collector, "nachweis ") {
		t.Errorf("kubernetes/prod: status %s, %d files, collector %q", k8s.Status, len(k8s.Files), k8s.Collector)
	}
	if e := k8s.Errors["networkpolicies"]; !strings.Contains(e, "networkpolicies.networking.k8s.io is forbidden") || !strings.Contains(e, "[redacted]") {
		t.Errorf("networkpolicies error: %q", e)
	}
	if e := k8s.Errors["velero_backups"]; !strings.HasPrefix(e, "CRD not installed") {
		t.Errorf("velero_backups error: %q", e)
	}
	if restic.Status != evidence.StatusError || restic.Error != "the environment variable RESTIC_PASSWORD that should hold the restic secret is not set or empty" {
		t.Errorf("restic/web01: %+v", restic)
	}
	if got := k8s.FinishedAt.Format("2006-01-02T15:04:05Z"); got != "2026-11-23T19:00:00Z" || !b.Manifest.CreatedAt.Equal(k8s.FinishedAt) {
		t.Errorf("times: finished %s, created %s", got, b.Manifest.CreatedAt)
	}

	// Neither the token nor the Secret's value reached the bundle or the
	// terminal.
	for _, leak := range []string{collectToken, collectSecret, "Y29ycmVjdC1ob3JzZS1iYXR0ZXJ5LXN0YXBsZQ=="} {
		if strings.Contains(errOut, leak) {
			t.Errorf("stderr contains %q", leak)
		}
		assertBundleLacks(t, bundle, leak)
	}

	// check: the forbidden NetworkPolicies make isolation no-evidence,
	// never pass; the restic source's checks lack evidence too.
	out, errOut, code = nachweis(t, nil, "check", "--bundle", bundle, "--config", cfg, "--format", "json", "--now", "2026-11-23T20:00:00Z")
	if code != exitFailing {
		t.Fatalf("check: exit %d, stderr %s", code, errOut)
	}
	var res controls.Results
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	checks := map[string]controls.CheckResult{}
	for _, c := range res.Checks {
		checks[c.ID] = c
	}
	net01 := checks["K8S-NET-01"]
	t.Logf("K8S-NET-01 %s: %s", net01.Status, net01.Reason)
	if net01.Status != controls.NoEvidence {
		t.Errorf("K8S-NET-01 = %s, want no-evidence", net01.Status)
	}
	for _, f := range net01.Findings {
		if f.Status == controls.Pass {
			t.Errorf("K8S-NET-01 passes %s without NetworkPolicy evidence", f.Resource)
		}
	}
	if !strings.Contains(net01.Reason.In("en"), "list networkpolicies.networking.k8s.io: networkpolicies.networking.k8s.io is forbidden") {
		t.Errorf("K8S-NET-01 reason does not quote the collector error: %q", net01.Reason)
	}
	// The fake serves no velero.io group: every Velero check lacks
	// evidence and names the missing CRD, never fails.
	for _, id := range []string{"K8S-VEL-01", "K8S-VEL-02", "K8S-VEL-03", "K8S-VEL-04"} {
		if c := checks[id]; c.Status != controls.NoEvidence || !strings.Contains(c.Reason.In("en"), "CRD not installed") {
			t.Errorf("%s = %s (%q), want no-evidence naming the missing CRD", id, c.Status, c.Reason)
		}
	}
	if c := checks["BAK-FRESH-01"]; c.Status != controls.NoEvidence || !strings.Contains(c.Reason.In("en"), "restic/web01: the environment variable RESTIC_PASSWORD that should hold the restic secret is not set or empty") {
		t.Errorf("BAK-FRESH-01 = %s: %q", c.Status, c.Reason)
	}
	// The tenant selected by label owns its namespace's pods.
	tenants := map[string]string{}
	for _, f := range checks["K8S-POD-01"].Findings {
		tenants[f.Resource] = f.Tenant + " " + string(f.Status)
	}
	want := map[string]string{}
	for r := range tenants {
		if strings.Contains(r, "globex-prod") {
			want[r] = "globex fail"
		} else if strings.Contains(r, "acme-prod") {
			want[r] = "acme pass"
		}
	}
	if len(want) < 2 {
		t.Fatalf("K8S-POD-01 findings: %v", tenants)
	}
	if diff := cmp.Diff(want, tenants); diff != "" {
		t.Errorf("K8S-POD-01 tenants (-want +got):\n%s", diff)
	}
}

func TestCollectFailures(t *testing.T) {
	s := fakeCluster(t)
	dir := t.TempDir()
	kubeconfig := s.Kubeconfig(t, dir, "fake")
	data, err := os.ReadFile(kubeconfig)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "https://" + l.Addr().String()
	l.Close()
	if err := os.WriteFile(kubeconfig, []byte(strings.Replace(string(data), s.URL, closed, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := collectConfig(t, dir, kubeconfig)

	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unreachable", []string{"collect", "--config", cfg, "-o", filepath.Join(dir, "bundle")}, exitError,
			"nachweis: collect kubernetes/prod: cannot reach the API server " + closed + ": dial tcp " + l.Addr().String() + ": connect: connection refused\n"},
		{"no config", []string{"collect", "-o", filepath.Join(dir, "bundle")}, exitUsage,
			"nachweis: collect: --config nachweis.yaml is required (write an example with nachweis init)\n"},
		{"no bundle", []string{"collect", "--config", cfg}, exitUsage, "nachweis: collect: -o BUNDLE is required\n"},
		{"missing config", []string{"collect", "--config", filepath.Join(dir, "nope.yaml"), "-o", filepath.Join(dir, "bundle")}, exitError,
			"nachweis: read configuration: open " + filepath.Join(dir, "nope.yaml") + ": no such file or directory\n"},
		{"bad now", []string{"collect", "--config", cfg, "-o", filepath.Join(dir, "bundle"), "--now", "today"}, exitUsage,
			`nachweis: --now "today": expected an RFC 3339 time like 2026-11-23T00:00:00Z` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := nachweis(t, nil, tt.args...)
			if code != tt.code || errOut != tt.want || out != "" {
				t.Errorf("exit %d, stderr %q, stdout %q\nwant exit %d, stderr %q", code, errOut, out, tt.code, tt.want)
			}
			if strings.Contains(errOut, collectToken) {
				t.Error("stderr contains the token")
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if e.Name() != "kubeconfig" && e.Name() != "nachweis.yaml" {
					t.Errorf("a failed collect left %s", e.Name())
				}
			}
		})
	}

	// A configuration without sources writes no bundle either.
	empty := filepath.Join(dir, "empty.yaml")
	if err := os.WriteFile(empty, []byte("organisation: {name: X}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := nachweis(t, nil, "collect", "--config", empty, "-o", filepath.Join(dir, "bundle"))
	if code != exitError || errOut != "nachweis: "+empty+": no sources configured: add a cluster under sources.kubernetes (see nachweis init)\n" {
		t.Errorf("no sources: exit %d, stderr %q", code, errOut)
	}
}

// TestCollectKeepsBundleOnFailure: a failed collect leaves the previous
// bundle exactly as it was; a successful one replaces it as a whole.
func TestCollectKeepsBundleOnFailure(t *testing.T) {
	s := fakeCluster(t)
	dir := t.TempDir()
	s.Kubeconfig(t, dir, "fake")
	cfg := collectConfig(t, dir, "kubeconfig")
	bundle := filepath.Join(dir, "bundle")
	if _, errOut, code := nachweis(t, nil, "import", "-o", bundle, "--collected-at", "2026-11-01T00:00:00Z", "--source", "old",
		filepath.Join("..", "..", "evidence", "demo", "src", "restic-web01", "snapshots.json")); code != exitOK {
		t.Fatalf("import: %s", errOut)
	}
	first, err := evidence.Open(bundle)
	if err != nil {
		t.Fatal(err)
	}

	// The cluster goes away: collect fails and the bundle is unchanged.
	broken := filepath.Join(dir, "broken.yaml")
	if err := os.WriteFile(broken, []byte(strings.Replace(mustRead(t, cfg), "kubeconfig: kubeconfig", "kubeconfig: missing", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := nachweis(t, nil, "collect", "--config", broken, "-o", bundle)
	if code != exitError || errOut != "nachweis: collect kubernetes/prod: kubeconfig "+filepath.Join(dir, "missing")+": no such file\n" {
		t.Errorf("collect with a missing kubeconfig: exit %d, stderr %q", code, errOut)
	}
	if b, err := evidence.Open(bundle); err != nil || b.Digest != first.Digest {
		t.Errorf("failed collect changed the bundle: %v", err)
	}

	if _, errOut, code := nachweis(t, nil, "collect", "--config", cfg, "-o", bundle); code != exitOK {
		t.Fatalf("collect: %s", errOut)
	}
	b, err := evidence.Open(bundle)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, src := range b.Manifest.Sources {
		ids = append(ids, src.Kind+"/"+src.Name)
	}
	if diff := cmp.Diff([]string{"kubernetes/prod", "restic/web01"}, ids); diff != "" {
		t.Errorf("sources after collect (-want +got):\n%s", diff)
	}
}

func mustRead(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestPrintProgress(t *testing.T) {
	var b strings.Builder
	printProgress(&b, kubernetes.Progress{Source: "prod", Resource: "pods", Objects: 1000}, 1234*time.Millisecond)
	printProgress(&b, kubernetes.Progress{Source: "prod", Resource: "pods", Objects: 1500, Done: true}, 2*time.Second)
	printProgress(&b, kubernetes.Progress{Source: "prod", Resource: "networkpolicies.networking.k8s.io", Done: true, Err: "forbidden"}, 2*time.Second)
	want := "\r\033[Kkubernetes/prod: pods: 1000 objects (1.2s)" +
		"\r\033[Kkubernetes/prod: pods: 1500 objects (2s)\n" +
		"\r\033[Kkubernetes/prod: networkpolicies.networking.k8s.io: not collected: forbidden\n"
	if b.String() != want {
		t.Errorf("progress\n got: %q\nwant: %q", b.String(), want)
	}
	if isTerminal(&b) {
		t.Error("a buffer is a terminal")
	}
}

package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"maps"
	"net"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"text/template"
	"time"

	"github.com/google/go-cmp/cmp"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/dynamic"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/kubernetes"
	"github.com/nachweis/nachweis/evidence/kubernetes/kubetest"
)

// The end-to-end test runs nachweis collect and check against a real etcd
// and kube-apiserver holding the sample provider of testdata/kube, once as
// cluster admin and once as a user who may read everything the collector
// lists except NetworkPolicies. One cluster serves every subtest.

const (
	// e2eNow is the collection and evaluation time; the Velero backups of
	// testdata/kube/velero.yaml are aged relative to it.
	e2eNow = "2026-11-23T12:00:00Z"
	// e2eSecret is the value of the Secret acme-prod/db-credentials.
	e2eSecret = "s3cr3t-nachweis-e2e"

	restrictedUser  = "nachweis-restricted"
	restrictedToken = "nachweis-e2e-restricted-3f8a1c6d9b2e"

	// forbiddenResource is the one resource the restricted user may not
	// list.
	forbiddenResource = "networkpolicies.networking.k8s.io"
)

// e2eRun is one collect and check of the cluster.
type e2eRun struct {
	config, bundle string
	// collectOut and collectErr are what collect printed.
	collectOut, collectErr string
	source                 evidence.Source
	results                *controls.Results
	// findings maps check id and resource to the finding.
	findings map[string]map[string]controls.Finding
	checks   map[string]controls.CheckResult
}

func TestE2EKubernetes(t *testing.T) {
	began := time.Now()
	cluster := kubetest.Start(t, kubetest.Options{
		Users: []kubetest.User{{Name: restrictedUser, Token: restrictedToken}},
	})
	ready := time.Now()
	manifests := [][]byte{kubetest.VeleroCRDs, restrictedRBAC(t)}
	files, err := filepath.Glob(filepath.Join("testdata", "kube", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no manifests in testdata/kube: %v", err)
	}
	for _, f := range files {
		manifests = append(manifests, []byte(mustRead(t, f)))
	}
	cluster.Apply(t, manifests...)
	applied := time.Now()

	dir := t.TempDir()
	admin := collectAndCheck(t, filepath.Join(dir, "admin"), cluster.Kubeconfig(kubetest.Admin))
	collected := time.Now()
	restricted := collectAndCheck(t, filepath.Join(dir, "restricted"), cluster.Kubeconfig(restrictedUser))

	t.Run("Outcomes", func(t *testing.T) { testE2EOutcomes(t, admin) })
	t.Run("ForbiddenNetworkPolicies", func(t *testing.T) { testE2EForbidden(t, admin, restricted) })
	t.Run("NoSecretInBundle", func(t *testing.T) { testE2ENoSecret(t, cluster, admin, restricted) })
	t.Run("UnusableCluster", func(t *testing.T) { testE2EUnusable(t, cluster) })
	// Last: it removes a CRD from the cluster the others read.
	t.Run("VeleroCRDMissing", func(t *testing.T) { testE2EVeleroCRDMissing(t, cluster, admin, filepath.Join(dir, "no-bsl")) })

	t.Logf("start %s, apply %s, collect+check as admin %s, as restricted user %s; total %s",
		ready.Sub(began).Round(time.Millisecond), applied.Sub(ready).Round(time.Millisecond),
		collected.Sub(applied).Round(time.Millisecond), time.Since(collected).Round(time.Millisecond),
		time.Since(began).Round(time.Millisecond))
}

// restrictedRBAC grants the restricted user get and list on every
// resource the collector lists except NetworkPolicies. It is built from
// kubernetes.CollectedResources, so a resource the collector learns to
// list is granted too and only NetworkPolicies stay forbidden.
func restrictedRBAC(t *testing.T) []byte {
	byGroup := map[string][]string{}
	var groups []string
	found := false
	for _, r := range kubernetes.CollectedResources() {
		if r == forbiddenResource {
			found = true
			continue
		}
		name, group, _ := strings.Cut(r, ".")
		if _, ok := byGroup[group]; !ok {
			groups = append(groups, group)
		}
		byGroup[group] = append(byGroup[group], name)
	}
	if !found {
		t.Fatalf("the collector does not list %s: %v", forbiddenResource, kubernetes.CollectedResources())
	}
	var rules []map[string]any
	for _, g := range groups {
		rules = append(rules, map[string]any{"apiGroups": []string{g}, "resources": byGroup[g], "verbs": []string{"get", "list"}})
	}
	list := map[string]any{
		"apiVersion": "v1",
		"kind":       "List",
		"items": []any{
			map[string]any{
				"apiVersion": "rbac.authorization.k8s.io/v1",
				"kind":       "ClusterRole",
				"metadata":   map[string]any{"name": "nachweis-collector-without-networkpolicies"},
				"rules":      rules,
			},
			map[string]any{
				"apiVersion": "rbac.authorization.k8s.io/v1",
				"kind":       "ClusterRoleBinding",
				"metadata":   map[string]any{"name": "nachweis-collector-without-networkpolicies"},
				"roleRef":    map[string]any{"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "nachweis-collector-without-networkpolicies"},
				"subjects":   []any{map[string]any{"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": restrictedUser}},
			},
		},
	}
	b, err := json.Marshal(list)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// writeE2EConfig writes dir/nachweis.yaml from testdata/kube's template,
// reaching the cluster through kubeconfig.
func writeE2EConfig(t *testing.T, dir, kubeconfig string) string {
	t.Helper()
	tmpl, err := template.ParseFiles(filepath.Join("testdata", "kube", "nachweis.yaml.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	// A Go-quoted ASCII path is a valid YAML double-quoted string.
	if err := tmpl.Execute(&b, map[string]string{"Kubeconfig": strconv.Quote(kubeconfig)}); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "nachweis.yaml")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// collectAndCheck runs collect and check in-process against the cluster
// reached through kubeconfig, in dir.
func collectAndCheck(t *testing.T, dir, kubeconfig string) *e2eRun {
	t.Helper()
	r := &e2eRun{config: writeE2EConfig(t, dir, kubeconfig), bundle: filepath.Join(dir, "bundle")}
	var code int
	r.collectOut, r.collectErr, code = nachweis(t, nil, "collect", "--config", r.config, "-o", r.bundle, "--now", e2eNow)
	if code != exitOK {
		t.Fatalf("collect as %s: exit %d, stderr %s", kubeconfig, code, r.collectErr)
	}
	b, err := evidence.Open(r.bundle)
	if err != nil {
		t.Fatalf("open the collected bundle: %v", err)
	}
	if len(b.Manifest.Sources) != 1 || b.Manifest.Sources[0].Kind != "kubernetes" || b.Manifest.Sources[0].Name != "prod" {
		t.Fatalf("bundle sources: %+v", b.Manifest.Sources)
	}
	r.source = b.Manifest.Sources[0]

	out, errOut, code := nachweis(t, nil, "check", "--bundle", r.bundle, "--config", r.config, "--format", "json", "--now", e2eNow, "--fail-on", "none")
	if code != exitOK {
		t.Fatalf("check as %s: exit %d, stderr %s", kubeconfig, code, errOut)
	}
	r.results = &controls.Results{}
	if err := json.Unmarshal([]byte(out), r.results); err != nil {
		t.Fatalf("check --format json: %v", err)
	}
	r.checks = map[string]controls.CheckResult{}
	r.findings = map[string]map[string]controls.Finding{}
	for _, c := range r.results.Checks {
		r.checks[c.ID] = c
		r.findings[c.ID] = map[string]controls.Finding{}
		for _, f := range c.Findings {
			r.findings[c.ID][f.Resource] = f
		}
	}
	return r
}

func testE2EOutcomes(t *testing.T, admin *e2eRun) {
	src := admin.source
	if src.Status != evidence.StatusOK || src.Collector != "nachweis "+version {
		t.Errorf("source prod: status %q, collector %q", src.Status, src.Collector)
	}
	if got := src.FinishedAt.UTC().Format(time.RFC3339); got != e2eNow {
		t.Errorf("source prod finished at %s, want --now %s", got, e2eNow)
	}
	// Admin may list everything, Velero's three resources included.
	if len(src.Errors) != 0 {
		t.Errorf("collector errors as admin: %v, want none", src.Errors)
	}
	if admin.collectOut != "" {
		t.Errorf("collect wrote to stdout: %q", admin.collectOut)
	}
	if !strings.HasPrefix(admin.collectErr, "collected 1 source(s) into "+admin.bundle+" (sha256:") || strings.Count(admin.collectErr, "\n") != 1 {
		t.Errorf("collect stderr (no terminal: no progress) = %q", admin.collectErr)
	}

	const (
		pass = controls.Pass
		fail = controls.Fail
	)
	tests := []struct {
		check, resource string
		want            controls.Outcome
		tenant          string
		// message is part of the finding's message; object is the name
		// of an object one of its evidence references must point at.
		message, object string
	}{
		{"K8S-NET-01", "prod/namespace/acme-prod", pass, "acme", "", "default-deny-all"},
		{"K8S-NET-01", "prod/namespace/globex-prod", fail, "globex", "default-deny-ingress", "default-deny-ingress"},
		{"K8S-NET-01", "prod/namespace/initech-prod", pass, "initech", "", "default-deny-all"},
		{"K8S-NET-02", "prod/namespace/acme-prod", pass, "acme", "", "default-deny-all"},
		{"K8S-NET-02", "prod/namespace/globex-prod", pass, "globex", "", "default-deny-ingress"},
		{"K8S-NET-02", "prod/namespace/initech-prod", fail, "initech", "allow-from-all-namespaces", "allow-from-all-namespaces"},
		{"K8S-RBAC-01", "prod/clusterrolebinding/kubecfg-cluster-admin", fail, "", "User/kubecfg", "kubecfg-cluster-admin"},
		{"K8S-RBAC-01", "prod/clusterrolebinding/cluster-admin", pass, "", "Group/system:masters", "cluster-admin"},
		{"K8S-RBAC-02", "prod/clusterrolebinding/anonymous-view", fail, "", "system:anonymous", "anonymous-view"},
		{"K8S-RBAC-03", "prod/clusterrole/secret-operator", fail, "", "secret-operator", "secret-operator"},
		{"K8S-POD-01", "prod/pod/globex-prod/log-shipper", fail, "globex", "shipper", "log-shipper"},
		{"K8S-POD-01", "prod/namespace/acme-prod", pass, "acme", "", "api-0"},
		{"K8S-POD-02", "prod/pod/globex-prod/log-shipper", fail, "globex", "varlog", "log-shipper"},
		{"K8S-POD-02", "prod/namespace/acme-prod", pass, "acme", "", "api-0"},
		{"K8S-POD-03", "prod/pod/initech-prod/node-exporter", fail, "initech", "", "node-exporter"},
		// A privileged Deployment without any pod (no controller manager
		// runs): its template fails, and with it the namespace.
		{"K8S-POD-01", "prod/deployment/initech-prod/metrics-agent", fail, "initech",
			"Deployment initech-prod/metrics-agent (0 pods) runs privileged containers: containers[agent].securityContext.privileged true", "metrics-agent"},
		{"K8S-AVAIL-01", "prod/deployment/globex-prod/web", fail, "globex", "1 replica", "web"},
		{"K8S-AVAIL-01", "prod/deployment/acme-prod/api", pass, "acme", "", "api"},
		{"K8S-ING-01", "prod/ingress/initech-prod/shop", fail, "initech", "shop.initech.example", "shop"},
		{"K8S-ING-01", "prod/ingress/acme-prod/web", pass, "acme", "", "web"},
		{"K8S-VEL-01", "prod/namespace/acme-prod", pass, "acme", "velero/acme-nightly", "acme-nightly"},
		{"K8S-VEL-01", "prod/namespace/globex-prod", fail, "globex", "paused", ""},
		{"K8S-VEL-01", "prod/namespace/initech-prod", fail, "initech", "", ""},
		// The newest completed backup counts: yesterday's is ignored,
		// and so is globex's fresh PartiallyFailed one.
		{"K8S-VEL-02", "prod/namespace/acme-prod", pass, "acme", "acme-nightly-20261123020000", "acme-nightly-20261123020000"},
		{"K8S-VEL-02", "prod/namespace/globex-prod", fail, "globex", "globex-nightly-20261119020000", "globex-nightly-20261119020000"},
		{"K8S-VEL-02", "prod/namespace/initech-prod", fail, "initech", "no completed Velero backup", ""},
		// The declared retention is 30d (nachweis.yaml.tmpl).
		{"K8S-VEL-03", "prod/velero/schedule/velero/acme-nightly", pass, "", "keeps backups for the declared 30 days", "acme-nightly"},
		{"K8S-VEL-03", "prod/velero/schedule/velero/platform-weekly", fail, "", "keeps backups for 7 days, the declared retention is 30 days", "platform-weekly"},
		// The primary location is in Falkenstein, a second one in
		// Helsinki: both sites are declared and in the EU.
		{"K8S-VEL-04", "prod/velero/backupstoragelocations", pass, "", "velero/offsite-hel1 (site FI-Helsinki, region hel1, Available, ReadWrite) besides the primary velero/default at DE-Falkenstein", "offsite-hel1"},
	}
	files := bundleFiles{root: admin.bundle}
	for _, tt := range tests {
		t.Run(tt.check+"/"+tt.resource, func(t *testing.T) {
			f, ok := admin.findings[tt.check][tt.resource]
			if !ok {
				t.Fatalf("no finding for %s; %s has %v", tt.resource, tt.check, slices.Sorted(maps.Keys(admin.findings[tt.check])))
			}
			if f.Status != tt.want || f.Tenant != tt.tenant {
				t.Errorf("status %s, tenant %q (%s); want %s, tenant %q", f.Status, f.Tenant, f.Message, tt.want, tt.tenant)
			}
			if !strings.Contains(f.Message.In("en"), tt.message) {
				t.Errorf("message %q does not contain %q", f.Message, tt.message)
			}
			if f.Status != controls.NoEvidence && len(f.Evidence) == 0 {
				t.Error("no evidence reference")
			}
			var names []string
			for _, ref := range f.Evidence {
				names = append(names, files.resolve(t, ref))
			}
			if tt.object != "" && !slices.Contains(names, tt.object) {
				t.Errorf("evidence %v does not point at %s", names, tt.object)
			}
		})
	}

	// Every reference of every finding resolves to an object of a bundle
	// file with the recorded hash.
	for _, c := range admin.results.Checks {
		for _, f := range c.Findings {
			for _, ref := range f.Evidence {
				if files.resolve(t, ref) == "" {
					t.Errorf("%s %s: reference %s#%s names no object", c.ID, f.Resource, ref.File, ref.Pointer)
				}
			}
		}
	}

	// The namespace of the privileged template does not pass although
	// none of its pods is privileged.
	if f, ok := admin.findings["K8S-POD-01"]["prod/namespace/initech-prod"]; ok {
		t.Errorf("K8S-POD-01 passes initech-prod beside its privileged Deployment: %s", f.Message)
	}

	// K8S-VEL-03 judges the active schedules only: the paused
	// globex-nightly has no finding.
	var schedules []string
	for r, f := range admin.findings["K8S-VEL-03"] {
		schedules = append(schedules, r+" "+string(f.Status))
	}
	slices.Sort(schedules)
	if diff := cmp.Diff([]string{"prod/velero/schedule/velero/acme-nightly pass", "prod/velero/schedule/velero/platform-weekly fail"}, schedules); diff != "" {
		t.Errorf("K8S-VEL-03 findings (-want +got):\n%s", diff)
	}
	for id, want := range map[string]controls.Outcome{"K8S-VEL-03": fail, "K8S-VEL-04": pass} {
		if c := admin.checks[id]; c.Status != want {
			t.Errorf("%s = %s (%s), want %s", id, c.Status, c.Reason, want)
		}
	}
	// Both locations are evidence of the off-site verdict.
	var locations []string
	for _, ref := range admin.findings["K8S-VEL-04"]["prod/velero/backupstoragelocations"].Evidence {
		locations = append(locations, files.resolve(t, ref))
	}
	slices.Sort(locations)
	if diff := cmp.Diff([]string{"default", "offsite-hel1"}, locations); diff != "" {
		t.Errorf("K8S-VEL-04 evidence (-want +got):\n%s", diff)
	}
	if s := admin.results.Sources; len(s) != 1 || s[0].Kind+"/"+s[0].Name != "kubernetes/prod" || s[0].Status != evidence.StatusOK {
		t.Errorf("results sources: %+v", s)
	}
}

func testE2EForbidden(t *testing.T, admin, restricted *e2eRun) {
	src := restricted.source
	if src.Status != evidence.StatusOK {
		t.Errorf("source prod: status %q (%s), want ok: one forbidden resource does not fail the source", src.Status, src.Error)
	}
	// Exactly NetworkPolicies are forbidden: the restricted role covers
	// everything else the collector lists.
	if diff := cmp.Diff([]string{kubernetes.KeyNetworkPolicies}, errorKeys(src)); diff != "" {
		t.Errorf("collector errors as %s (-want +got):\n%s\n%v", restrictedUser, diff, src.Errors)
	}
	wantErr := `list networkpolicies.networking.k8s.io: networkpolicies.networking.k8s.io is forbidden: User "` + restrictedUser + `" cannot list resource "networkpolicies"`
	if e := src.Errors[kubernetes.KeyNetworkPolicies]; !strings.HasPrefix(e, wantErr) {
		t.Errorf("networkpolicies error = %q, want it to start with %q", e, wantErr)
	}
	for _, f := range src.Files {
		if strings.Contains(f.Path, "networkpolicies") {
			t.Errorf("bundle holds %s although NetworkPolicies were forbidden", f.Path)
		}
	}

	for _, id := range []string{"K8S-NET-01", "K8S-NET-02"} {
		c := restricted.checks[id]
		if c.Status != controls.NoEvidence {
			t.Errorf("%s = %s, want no-evidence", id, c.Status)
		}
		for _, f := range c.Findings {
			if f.Status == controls.Pass {
				t.Errorf("%s passes %s without NetworkPolicy evidence", id, f.Resource)
			}
		}
		if !strings.Contains(c.Reason.In("en"), "kubernetes.networkpolicies") || !strings.Contains(c.Reason.In("en"), "is forbidden") {
			t.Errorf("%s reason %q does not name the forbidden NetworkPolicies", id, c.Reason)
		}
	}
	// Every other check comes out as with admin rights; a check that
	// differs lacks evidence because of the NetworkPolicies.
	for _, c := range restricted.results.Checks {
		a := admin.checks[c.ID]
		if c.Status != a.Status && (c.Status != controls.NoEvidence || !strings.Contains(c.Reason.In("en"), "networkpolicies")) {
			t.Errorf("%s = %s as %s (%s), %s as admin", c.ID, c.Status, restrictedUser, c.Reason, a.Status)
		}
	}
}

func testE2ENoSecret(t *testing.T, cluster *kubetest.Cluster, runs ...*e2eRun) {
	// The value is in the cluster, in data and in stringData's result.
	dyn, err := dynamic.NewForConfig(cluster.RESTConfig(kubetest.Admin))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := dyn.Resource(schema.GroupVersionResource{Version: "v1", Resource: "secrets"}).Namespace("acme-prod").Get(ctx, "db-credentials", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b64 := base64.StdEncoding.EncodeToString([]byte(e2eSecret))
	if data, _ := s.Object["data"].(map[string]any); data["password"] != b64 || data["token"] != b64 {
		t.Fatalf("the cluster's Secret does not hold the test value: %v", s.Object["data"])
	}

	leaks := map[string]string{
		"the Secret value":         e2eSecret,
		"the Secret value, base64": strings.TrimRight(b64, "="),
		"the admin token":          cluster.AdminToken,
		"the restricted token":     restrictedToken,
	}
	for _, r := range runs {
		// The Secret was collected, as metadata and type only.
		if got := collectedSecret(t, r); !cmp.Equal(got, []string{"apiVersion", "kind", "metadata", "type"}) {
			t.Errorf("%s: Secret db-credentials collected with fields %v, want metadata and type only", r.bundle, got)
		}
		n := 0
		err := filepath.WalkDir(r.bundle, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			n++
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for what, v := range leaks {
				if bytes.Contains(data, []byte(v)) {
					t.Errorf("%s contains %s", p, what)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n < 20 {
			t.Errorf("%s: only %d files searched", r.bundle, n)
		}
		for what, v := range leaks {
			if strings.Contains(r.collectOut+r.collectErr, v) {
				t.Errorf("collect's output contains %s", what)
			}
		}
	}
}

// collectedSecret returns the fields of the Secret acme-prod/db-credentials
// in the bundle's secrets file.
func collectedSecret(t *testing.T, r *e2eRun) []string {
	t.Helper()
	for _, f := range r.source.Files {
		if f.Origin != "secrets.json" {
			continue
		}
		var list struct {
			Items []map[string]json.RawMessage `json:"items"`
		}
		if err := json.Unmarshal([]byte(mustRead(t, filepath.Join(r.bundle, filepath.FromSlash(f.Path)))), &list); err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		for _, item := range list.Items {
			var md struct{ Name, Namespace string }
			if err := json.Unmarshal(item["metadata"], &md); err == nil && md.Namespace == "acme-prod" && md.Name == "db-credentials" {
				return slices.Sorted(maps.Keys(item))
			}
		}
		t.Fatalf("%s lacks the Secret acme-prod/db-credentials", f.Path)
	}
	t.Fatalf("%s: no secrets.json", r.bundle)
	return nil
}

func testE2EUnusable(t *testing.T, cluster *kubetest.Cluster) {
	kubeconfig := mustRead(t, cluster.Kubeconfig(kubetest.Admin))
	if !strings.Contains(kubeconfig, cluster.URL) || !strings.Contains(kubeconfig, cluster.AdminToken) {
		t.Fatalf("admin kubeconfig lacks the server URL or the token:\n%s", kubeconfig)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "https://" + l.Addr().String()
	l.Close()
	// Broken right after the token, so that a parser quoting its context
	// would quote the token.
	i := strings.Index(kubeconfig, cluster.AdminToken) + len(cluster.AdminToken)
	broken := kubeconfig[:i] + "\n  - name: [unterminated\n" + kubeconfig[i:]

	tests := []struct {
		name, kubeconfig string
		// want are parts of the one line on stderr; KUBECONFIG stands
		// for the kubeconfig's path.
		want []string
	}{
		{"closed port", strings.ReplaceAll(kubeconfig, cluster.URL, closed), []string{"cannot reach the API server " + closed, "connection refused"}},
		{"broken kubeconfig", broken, []string{"kubeconfig KUBECONFIG: "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			kc := filepath.Join(dir, "kubeconfig")
			if err := os.WriteFile(kc, []byte(tt.kubeconfig), 0o600); err != nil {
				t.Fatal(err)
			}
			cfg := writeE2EConfig(t, dir, kc)
			bundle := filepath.Join(dir, "bundle")
			out, errOut, code := nachweis(t, nil, "collect", "--config", cfg, "-o", bundle, "--now", e2eNow)
			t.Logf("stderr: %s", errOut)
			if code != exitError {
				t.Errorf("exit %d, want %d", code, exitError)
			}
			if out != "" {
				t.Errorf("stdout %q", out)
			}
			if strings.Count(errOut, "\n") != 1 || !strings.HasSuffix(errOut, "\n") || !strings.HasPrefix(errOut, "nachweis: collect kubernetes/prod: ") {
				t.Errorf("stderr %q: want one line starting with %q", errOut, "nachweis: collect kubernetes/prod: ")
			}
			for _, w := range tt.want {
				w = strings.ReplaceAll(w, "KUBECONFIG", kc)
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr %q does not contain %q", errOut, w)
				}
			}
			if strings.Contains(errOut, cluster.AdminToken) {
				t.Error("stderr contains the admin token")
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			var left []string
			for _, e := range entries {
				left = append(left, e.Name())
			}
			if diff := cmp.Diff([]string{"kubeconfig", "nachweis.yaml"}, left); diff != "" {
				t.Errorf("a failed collect left files (-want +got):\n%s", diff)
			}
		})
	}
}

// testE2EVeleroCRDMissing deletes the BackupStorageLocation CRD and
// collects again: the collector records the missing CRD, and K8S-VEL-04
// has no evidence and says why, while the Velero checks whose resources
// are still served come out as before.
func testE2EVeleroCRDMissing(t *testing.T, cluster *kubetest.Cluster, admin *e2eRun, dir string) {
	const crd = "backupstoragelocations.velero.io"
	cfg := cluster.RESTConfig(kubetest.Admin)
	dyn, err := dynamic.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	disc, err := discovery.NewDiscoveryClientForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	crds := schema.GroupVersionResource{Group: "apiextensions.k8s.io", Version: "v1", Resource: "customresourcedefinitions"}
	if err := dyn.Resource(crds).Delete(ctx, crd, metav1.DeleteOptions{}); err != nil {
		t.Fatalf("delete CRD %s: %v", crd, err)
	}
	// The server first deletes the CRD's objects, then stops serving it.
	for served := true; served; {
		list, err := disc.ServerResourcesForGroupVersion("velero.io/v1")
		if err != nil {
			t.Fatalf("discover velero.io/v1: %v", err)
		}
		served = slices.ContainsFunc(list.APIResources, func(r metav1.APIResource) bool { return r.Name == "backupstoragelocations" })
		if served {
			select {
			case <-ctx.Done():
				t.Fatalf("velero.io/v1 still serves backupstoragelocations after deleting its CRD: %v", ctx.Err())
			case <-time.After(100 * time.Millisecond):
			}
		}
	}

	r := collectAndCheck(t, dir, cluster.Kubeconfig(kubetest.Admin))
	want := map[string]string{kubernetes.KeyVeleroLocations: "CRD not installed: the cluster does not serve " + crd}
	if diff := cmp.Diff(want, r.source.Errors); diff != "" {
		t.Errorf("collector errors without the %s CRD (-want +got):\n%s", crd, diff)
	}
	c := r.checks["K8S-VEL-04"]
	if c.Status != controls.NoEvidence || !strings.Contains(c.Reason.In("en"), "kubernetes.velero_backupstoragelocations") || !strings.Contains(c.Reason.In("en"), "CRD not installed") {
		t.Errorf("K8S-VEL-04 = %s (%q), want no-evidence naming the missing CRD", c.Status, c.Reason)
	}
	for _, f := range c.Findings {
		if f.Status != controls.NoEvidence {
			t.Errorf("K8S-VEL-04 %s %s without BackupStorageLocations", f.Status, f.Resource)
		}
	}
	for _, id := range []string{"K8S-VEL-01", "K8S-VEL-02", "K8S-VEL-03"} {
		if got, want := r.checks[id].Status, admin.checks[id].Status; got != want {
			t.Errorf("%s = %s without the %s CRD (%s), %s with it", id, got, crd, r.checks[id].Reason, want)
		}
	}
}

func errorKeys(src evidence.Source) []string {
	return slices.Sorted(maps.Keys(src.Errors))
}

// bundleFiles reads and hashes the files of a bundle once.
type bundleFiles struct {
	root  string
	cache map[string]any
}

// resolve checks ref against the bundle: the file exists with the recorded
// SHA-256, and the pointer names an object in it. It returns the object's
// metadata.name ("" when the pointer names none).
func (b *bundleFiles) resolve(t *testing.T, ref controls.EvidenceRef) string {
	t.Helper()
	if b.cache == nil {
		b.cache = map[string]any{}
	}
	doc, ok := b.cache[ref.File]
	if !ok {
		data, err := os.ReadFile(filepath.Join(b.root, filepath.FromSlash(ref.File)))
		if err != nil {
			t.Errorf("evidence file: %v", err)
			return ""
		}
		sum := sha256.Sum256(data)
		if got := hex.EncodeToString(sum[:]); got != ref.SHA256 {
			t.Errorf("%s: sha256 %s, reference says %s", ref.File, got, ref.SHA256)
		}
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Errorf("%s: %v", ref.File, err)
		}
		b.cache[ref.File] = doc
	}
	if ref.Source != "kubernetes/prod" || ref.CollectedAt.Format(time.RFC3339) != e2eNow {
		t.Errorf("reference %s: source %q, collected at %s", ref.File, ref.Source, ref.CollectedAt)
	}
	if ref.Pointer == "" {
		// The whole file: the server's version, or the list the result
		// rests on as a whole (no Secret is a token).
		if doc == nil {
			t.Errorf("reference %s: empty file", ref.File)
		}
		return path.Base(ref.File)
	}
	if !strings.HasPrefix(ref.Pointer, "/") {
		t.Errorf("reference %s: pointer %q names no object", ref.File, ref.Pointer)
		return ""
	}
	v := doc
	for _, tok := range strings.Split(ref.Pointer[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch x := v.(type) {
		case map[string]any:
			v = x[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(x) {
				return ""
			}
			v = x[i]
		default:
			return ""
		}
	}
	obj, _ := v.(map[string]any)
	md, _ := obj["metadata"].(map[string]any)
	name, _ := md["name"].(string)
	return name
}

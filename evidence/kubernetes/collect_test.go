package kubernetes_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/kubernetes"
	"github.com/nachweis/nachweis/evidence/kubernetes/fakeapi"
)

const (
	testToken = "nachweis-test-token-7f3a9c2e51b84d06"
	// secretValue is the decoded value of the test Secret; secretData is
	// it as the API serves it (base64).
	secretValue = "hunter2-do-not-leak"
	secretData  = "aHVudGVyMi1kby1ub3QtbGVhaw=="
	// configValue is a ConfigMap value that must not be collected.
	configValue = "kunde@example.invalid"
)

var collectedAt = time.Date(2026, 11, 23, 19, 0, 0, 0, time.UTC)

func fixedClock() time.Time { return collectedAt }

func obj(name, namespace string, labels map[string]string, extra map[string]any) map[string]any {
	md := map[string]any{"name": name, "uid": "uid-" + name, "resourceVersion": "4700", "creationTimestamp": "2026-11-20T10:00:00Z"}
	if namespace != "" {
		md["namespace"] = namespace
	}
	if labels != nil {
		md["labels"] = labels
	}
	o := map[string]any{"metadata": md}
	for k, v := range extra {
		o[k] = v
	}
	return o
}

// provider fills a server with a small provider: three namespaces, seven
// pods (four pages of two), a deployment, a Secret whose value must never
// be collected, and no NetworkPolicies for the collector (403).
func provider(s *fakeapi.Server) {
	s.Add("/api/v1/namespaces",
		obj("acme-prod", "", map[string]string{"tenant": "acme"}, nil),
		obj("globex-prod", "", map[string]string{"tenant": "globex"}, nil),
		obj("kube-system", "", nil, nil))
	for i := range 7 {
		ns := "acme-prod"
		if i%2 == 1 {
			ns = "globex-prod"
		}
		s.Add("/api/v1/pods", obj(fmt.Sprintf("web-%d", i), ns, map[string]string{"app": "web"}, map[string]any{
			"spec": map[string]any{"containers": []any{map[string]any{"name": "app", "image": "registry.example/web:1"}}},
		}))
	}
	s.Add("/apis/apps/v1/deployments", obj("web", "acme-prod", nil, map[string]any{"spec": map[string]any{"replicas": 2}}))
	sec := obj("db-credentials", "acme-prod", map[string]string{"app": "db"}, map[string]any{
		"type": "Opaque",
		"data": map[string]any{"password": secretData},
	})
	sec["metadata"].(map[string]any)["annotations"] = map[string]any{
		"kubectl.kubernetes.io/last-applied-configuration": `{"data":{"password":"` + secretData + `"}}`,
		"note": "the password is " + secretValue,
	}
	s.Add("/api/v1/secrets", sec)
	cm := obj("app-settings", "acme-prod", map[string]string{"app": "web"}, map[string]any{
		"data": map[string]any{"customer-email": configValue},
	})
	cm["metadata"].(map[string]any)["annotations"] = map[string]any{
		"kubectl.kubernetes.io/last-applied-configuration": `{"data":{"customer-email":"` + configValue + `"}}`,
	}
	s.Add("/api/v1/configmaps", cm)
	s.Forbid("/apis/networking.k8s.io/v1/networkpolicies")
}

func collectOpts(t *testing.T, s *fakeapi.Server) kubernetes.CollectOptions {
	return kubernetes.CollectOptions{
		Name:       "prod",
		Kubeconfig: s.Kubeconfig(t, t.TempDir(), "fake"),
		Timeout:    10 * time.Second,
		PageSize:   2,
		Collector:  "nachweis test",
		Now:        fixedClock,
	}
}

// typedList is a collected list file.
type typedList struct {
	APIVersion string           `json:"apiVersion"`
	Kind       string           `json:"kind"`
	Items      []map[string]any `json:"items"`
}

func items(t *testing.T, sd evidence.SourceData) map[string]typedList {
	t.Helper()
	out := map[string]typedList{}
	for _, it := range sd.Items {
		if it.Kind != evidence.KindKubernetesList {
			continue
		}
		var l typedList
		if err := json.Unmarshal(it.Data, &l); err != nil {
			t.Fatalf("%s: %v", it.Origin, err)
		}
		out[it.Origin] = l
	}
	return out
}

func TestCollect(t *testing.T) {
	s := fakeapi.New(t, testToken)
	provider(s)
	var progress []kubernetes.Progress
	o := collectOpts(t, s)
	o.Progress = func(p kubernetes.Progress) { progress = append(progress, p) }
	sd, err := kubernetes.Collect(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	src := sd.Source
	if src.Kind != "kubernetes" || src.Name != "prod" || src.Status != evidence.StatusOK || src.Collector != "nachweis test" ||
		!src.StartedAt.Equal(collectedAt) || !src.FinishedAt.Equal(collectedAt) {
		t.Errorf("source = %+v", src)
	}

	// Files: the version, and one typed list per resource except the
	// forbidden NetworkPolicies and the absent Velero resources.
	var origins []string
	for _, it := range sd.Items {
		origins = append(origins, it.Origin+" "+it.Kind)
	}
	want := []string{"version.json kubernetes/version"}
	for _, r := range []string{"namespaces", "pods", "deployments", "statefulsets", "daemonsets", "replicasets", "jobs", "cronjobs",
		"poddisruptionbudgets", "nodes", "persistentvolumes", "persistentvolumeclaims", "storageclasses", "ingresses", "services", "roles",
		"clusterroles", "rolebindings", "clusterrolebindings", "serviceaccounts", "secrets", "resourcequotas", "limitranges", "configmaps"} {
		want = append(want, r+".json kubernetes/list")
	}
	if diff := cmp.Diff(want, origins); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	var version struct{ GitVersion string }
	if err := json.Unmarshal(sd.Items[0].Data, &version); err != nil || version.GitVersion != "v1.31.4" {
		t.Errorf("version item: %s (%v)", sd.Items[0].Data, err)
	}

	// Item errors: the Forbidden list under its input key with the
	// server's reason; Velero's resources as CRD not installed.
	wantErrs := map[string]string{
		"networkpolicies":               `list networkpolicies.networking.k8s.io: networkpolicies.networking.k8s.io is forbidden: User "nachweis-collector" cannot list resource "networkpolicies" in API group "networking.k8s.io" at the cluster scope (HTTP 403)`,
		"velero_backups":                "CRD not installed: the cluster does not serve backups.velero.io",
		"velero_schedules":              "CRD not installed: the cluster does not serve schedules.velero.io",
		"velero_backupstoragelocations": "CRD not installed: the cluster does not serve backupstoragelocations.velero.io",
	}
	if diff := cmp.Diff(wantErrs, src.Errors); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}

	lists := items(t, sd)
	kinds := map[string]string{"namespaces.json": "NamespaceList", "pods.json": "PodList", "deployments.json": "DeploymentList",
		"clusterrolebindings.json": "ClusterRoleBindingList", "secrets.json": "SecretList", "storageclasses.json": "StorageClassList"}
	for origin, kind := range kinds {
		if got := lists[origin].Kind; got != kind {
			t.Errorf("%s: kind %q, want %q", origin, got, kind)
		}
	}
	// Pagination gathered every pod, and every item names its kind.
	pods := lists["pods.json"]
	if len(pods.Items) != 7 {
		t.Fatalf("pods.json has %d pods, want 7", len(pods.Items))
	}
	var names []string
	for _, p := range pods.Items {
		if p["apiVersion"] != "v1" || p["kind"] != "Pod" {
			t.Errorf("pod without apiVersion/kind: %v", p)
		}
		names = append(names, p["metadata"].(map[string]any)["name"].(string))
	}
	if diff := cmp.Diff([]string{"web-0", "web-1", "web-2", "web-3", "web-4", "web-5", "web-6"}, names); diff != "" {
		t.Errorf("pods (-want +got):\n%s", diff)
	}
	if d := lists["deployments.json"].Items[0]; d["apiVersion"] != "apps/v1" || d["kind"] != "Deployment" {
		t.Errorf("deployment: %v", d)
	}
	var podRequests []string
	for _, r := range s.Requests() {
		if r.Path == "/api/v1/pods" {
			podRequests = append(podRequests, r.Query)
		}
	}
	if diff := cmp.Diff([]string{"limit=2&timeout=10s", "continue=2&limit=2&timeout=10s", "continue=4&limit=2&timeout=10s", "continue=6&limit=2&timeout=10s"}, podRequests); diff != "" {
		t.Errorf("pod list requests (-want +got):\n%s", diff)
	}

	// Secrets: metadata and type only, and only through the table view,
	// so the value never travelled.
	secrets := lists["secrets.json"]
	wantSecret := map[string]any{"apiVersion": "v1", "kind": "Secret", "type": "Opaque", "metadata": map[string]any{
		"name": "db-credentials", "namespace": "acme-prod", "creationTimestamp": "2026-11-20T10:00:00Z",
		"labels": map[string]any{"app": "db"},
	}}
	if len(secrets.Items) != 1 {
		t.Fatalf("secrets.json: %d items", len(secrets.Items))
	}
	if diff := cmp.Diff(wantSecret, secrets.Items[0]); diff != "" {
		t.Errorf("secret (-want +got):\n%s", diff)
	}
	for _, r := range s.Requests() {
		if r.Path == "/api/v1/secrets" && (!strings.Contains(r.Accept, "as=Table") || !strings.Contains(r.Query, "includeObject=Metadata")) {
			t.Errorf("secrets requested as objects: accept %q, query %q", r.Accept, r.Query)
		}
	}
	// ConfigMaps the same way: their data may hold personal data.
	wantCM := map[string]any{"apiVersion": "v1", "kind": "ConfigMap", "metadata": map[string]any{
		"name": "app-settings", "namespace": "acme-prod", "creationTimestamp": "2026-11-20T10:00:00Z",
		"labels": map[string]any{"app": "web"},
	}}
	if cms := lists["configmaps.json"]; cms.Kind != "ConfigMapList" || len(cms.Items) != 1 {
		t.Errorf("configmaps.json: %+v", cms)
	} else if diff := cmp.Diff(wantCM, cms.Items[0]); diff != "" {
		t.Errorf("configmap (-want +got):\n%s", diff)
	}
	for _, r := range s.Requests() {
		if r.Path == "/api/v1/configmaps" && (!strings.Contains(r.Accept, "as=Table") || !strings.Contains(r.Query, "includeObject=Metadata")) {
			t.Errorf("configmaps requested as objects: accept %q, query %q", r.Accept, r.Query)
		}
	}
	for _, it := range sd.Items {
		for _, leak := range []string{secretValue, secretData, testToken, configValue} {
			if strings.Contains(string(it.Data), leak) {
				t.Errorf("%s contains %q", it.Origin, leak)
			}
		}
	}

	// Progress: one final report per resource listed or refused.
	var done []string
	for _, p := range progress {
		if p.Done {
			done = append(done, p.Resource)
		}
	}
	if len(done) != 25 || done[1] != "networkpolicies.networking.k8s.io" || !slices.Contains(done, "secrets") {
		t.Errorf("progress: %v", done)
	}

	// The projection reads the collected files unchanged.
	files := make([]kubernetes.File, 0, len(sd.Items))
	for _, it := range sd.Items {
		files = append(files, kubernetes.File{Path: it.Origin, Kind: it.Kind, Data: it.Data})
	}
	c, err := kubernetes.Project(files, kubernetes.Scope{TenantNamespaces: map[string]string{"acme-prod": "acme", "globex-prod": "globex"}})
	if err != nil {
		t.Fatal(err)
	}
	for key, present := range map[string]bool{"namespaces": true, "pods": true, "workloads": true, "bindings": true,
		"ingresses": true, "poddisruptionbudgets": true, "networkpolicies": false, "version": true, "secrets": true,
		"services": true, "resourcequotas": true, "limitranges": true} {
		if c.Present[key] != present {
			t.Errorf("projection present[%s] = %v, want %v", key, c.Present[key], present)
		}
	}
	if len(c.Pods) != 7 || c.Namespaces["acme-prod"].Tenant != "acme" {
		t.Errorf("projection: %d pods, acme-prod %+v", len(c.Pods), c.Namespaces["acme-prod"])
	}
}

func TestCollectVelero(t *testing.T) {
	s := fakeapi.New(t, testToken)
	s.Velero = true
	s.Add("/apis/velero.io/v1/backups", map[string]any{
		"apiVersion": "velero.io/v1", "kind": "Backup",
		"metadata": map[string]any{"name": "daily-20261123", "namespace": "velero"},
		"status":   map[string]any{"phase": "Completed"},
	})
	sd, err := kubernetes.Collect(context.Background(), collectOpts(t, s))
	if err != nil {
		t.Fatal(err)
	}
	if len(sd.Source.Errors) != 0 {
		t.Errorf("errors: %v", sd.Source.Errors)
	}
	lists := items(t, sd)
	for origin, kind := range map[string]string{"velero-backups.json": "BackupList", "velero-schedules.json": "ScheduleList",
		"velero-backupstoragelocations.json": "BackupStorageLocationList"} {
		l, ok := lists[origin]
		if !ok || l.Kind != kind || l.APIVersion != "velero.io/v1" {
			t.Errorf("%s: %+v (present %v), want a %s", origin, l, ok, kind)
		}
	}
	b := lists["velero-backups.json"].Items
	if len(b) != 1 || b[0]["kind"] != "Backup" || b[0]["apiVersion"] != "velero.io/v1" {
		t.Errorf("backups: %v", b)
	}
}

// TestCollectExpiredContinue: when a continue token expires midway, the
// list is fetched again in full rather than stored in part.
func TestCollectExpiredContinue(t *testing.T) {
	s := fakeapi.New(t, testToken)
	provider(s)
	s.ExpireContinue = true
	sd, err := kubernetes.Collect(context.Background(), collectOpts(t, s))
	if err != nil {
		t.Fatal(err)
	}
	// namespaces is listed first: page one, an expired token, then all.
	if n := len(items(t, sd)["namespaces.json"].Items); n != 3 {
		t.Errorf("namespaces.json has %d namespaces after an expired continue token, want 3", n)
	}
	if n := len(items(t, sd)["pods.json"].Items); n != 7 {
		t.Errorf("pods.json has %d pods, want 7", n)
	}
	if _, ok := sd.Source.Errors["namespaces"]; ok {
		t.Errorf("expired token recorded as error: %v", sd.Source.Errors)
	}
}

// TestCollectScrubsSecrets: a server that repeats the token in its errors
// does not get it into the bundle.
func TestCollectScrubsSecrets(t *testing.T) {
	s := fakeapi.New(t, testToken)
	provider(s)
	s.EchoToken = true
	sd, err := kubernetes.Collect(context.Background(), collectOpts(t, s))
	if err != nil {
		t.Fatal(err)
	}
	msg := sd.Source.Errors["networkpolicies"]
	if strings.Contains(msg, testToken) || !strings.Contains(msg, "Authorization: Bearer [redacted]") {
		t.Errorf("networkpolicies error not scrubbed: %s", msg)
	}
}

// TestCollectScrubsExecPluginToken (issue 9, defect 7): the token of an
// exec credential plugin is in no kubeconfig; the collector learns it from
// the requests it sends and scrubs it by value from every message, also
// where no pattern would recognise it, and scrubs an echoed Authorization
// header by its shape.
func TestCollectScrubsExecPluginToken(t *testing.T) {
	const ssoToken = "sso0session0a1b2c3d4e5f6a7b8c9d0"
	tests := []struct {
		name string
		echo func(*fakeapi.Server)
		want string
	}{
		{"Authorization header echoed", func(s *fakeapi.Server) { s.EchoToken = true }, "(request had Authorization: Bearer [redacted])"},
		{"bare credential echoed", func(s *fakeapi.Server) { s.EchoCredential = true }, "(seen: [redacted])"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := fakeapi.New(t, ssoToken)
			provider(s)
			tt.echo(s)
			dir := t.TempDir()
			o := collectOpts(t, s)
			o.Kubeconfig = s.ExecKubeconfig(t, dir, "fake")
			if kc, err := os.ReadFile(o.Kubeconfig); err != nil || strings.Contains(string(kc), ssoToken) {
				t.Fatalf("the kubeconfig holds the token (%v): the test would not exercise the exec plugin", err)
			}
			var progress []string
			o.Progress = func(p kubernetes.Progress) { progress = append(progress, p.Err) }
			sd, err := kubernetes.Collect(context.Background(), o)
			if err != nil {
				t.Fatal(err)
			}
			msg := sd.Source.Errors["networkpolicies"]
			if !strings.Contains(msg, "is forbidden") || !strings.HasSuffix(msg, tt.want+" (HTTP 403)") {
				t.Errorf("networkpolicies error: %s", msg)
			}
			for _, m := range append(progress, msg) {
				if strings.Contains(m, ssoToken) {
					t.Errorf("message holds the plugin's token: %s", m)
				}
			}
		})
	}
}

func TestCollectNothingListed(t *testing.T) {
	s := fakeapi.New(t, testToken)
	for _, p := range []string{"/api/v1/namespaces", "/apis/networking.k8s.io/v1/networkpolicies", "/api/v1/pods",
		"/apis/apps/v1/deployments", "/apis/apps/v1/statefulsets", "/apis/apps/v1/daemonsets", "/apis/apps/v1/replicasets",
		"/apis/batch/v1/jobs", "/apis/batch/v1/cronjobs", "/apis/policy/v1/poddisruptionbudgets",
		"/api/v1/nodes", "/api/v1/persistentvolumes", "/api/v1/persistentvolumeclaims", "/apis/storage.k8s.io/v1/storageclasses",
		"/apis/networking.k8s.io/v1/ingresses", "/api/v1/services", "/apis/rbac.authorization.k8s.io/v1/roles",
		"/apis/rbac.authorization.k8s.io/v1/clusterroles", "/apis/rbac.authorization.k8s.io/v1/rolebindings",
		"/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", "/api/v1/serviceaccounts", "/api/v1/secrets",
		"/api/v1/resourcequotas", "/api/v1/limitranges", "/api/v1/configmaps"} {
		s.Forbid(p)
	}
	sd, err := kubernetes.Collect(context.Background(), collectOpts(t, s))
	if err != nil {
		t.Fatal(err)
	}
	if sd.Source.Status != evidence.StatusError || !strings.HasPrefix(sd.Source.Error, "no resource could be listed: bindings: list rolebindings") {
		t.Errorf("source status %q, error %q", sd.Source.Status, sd.Source.Error)
	}
	// Every workload resource's reason is kept under one key.
	if w := sd.Source.Errors["workloads"]; strings.Count(w, "is forbidden") != 6 {
		t.Errorf("workloads error: %s", w)
	}
}

// TestCollectClusterErrors: a cluster that cannot be used at all is one
// error line naming the cause, without a credential.
func TestCollectClusterErrors(t *testing.T) {
	s := fakeapi.New(t, testToken)
	dir := t.TempDir()
	good := s.Kubeconfig(t, dir, "fake")
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}

	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "https://" + l.Addr().String()
	l.Close()
	unreachable := write("unreachable", []byte(strings.Replace(string(data), s.URL, closed, 1)))
	untrusted := write("untrusted", withCA(t, data, selfSignedPEM(t)))
	wrongToken := write("wrong-token", []byte(strings.Replace(string(data), testToken, "another-token-0123456789", 1)))
	broken := write("broken", []byte("apiVersion: v1\nusers:\n  - name: x\n    user: {token: "+testToken+"\n"))

	// A server that never answers within the timeout.
	slow, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	go func() {
		for {
			c, err := slow.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	hanging := write("hanging", []byte(strings.Replace(string(data), s.URL, "https://"+slow.Addr().String(), 1)))

	tests := []struct {
		name       string
		kubeconfig string
		context    string
		want       string
	}{
		{"unreachable", unreachable, "", "cannot reach the API server " + closed + ": dial tcp " + l.Addr().String() + ": connect: connection refused"},
		{"untrusted certificate", untrusted, "", "cannot reach the API server " + s.URL + ": tls: failed to verify certificate: x509: certificate signed by unknown authority"},
		{"wrong token", wrongToken, "", "the API server " + s.URL + " rejected the credentials (HTTP 401 Unauthorized)"},
		{"missing kubeconfig", filepath.Join(dir, "nope"), "", "kubeconfig " + filepath.Join(dir, "nope") + ": no such file"},
		{"unknown context", good, "staging", `kubeconfig ` + good + `: context "staging" does not exist`},
		{"broken kubeconfig", broken, "", "kubeconfig " + broken + ": "},
		{"no answer", hanging, "", "the API server https://" + slow.Addr().String() + " gave no answer within 300ms"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := kubernetes.CollectOptions{Name: "prod", Kubeconfig: tt.kubeconfig, Context: tt.context, Timeout: 300 * time.Millisecond, Now: fixedClock}
			_, err := kubernetes.Collect(context.Background(), o)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			t.Log(msg)
			if !strings.Contains(msg, tt.want) {
				t.Errorf("error %q\nwant it to contain %q", msg, tt.want)
			}
			if strings.Contains(msg, "\n") || strings.Contains(msg, testToken) {
				t.Errorf("error is not one line without the token: %q", msg)
			}
		})
	}
}

// withCA replaces the CA of a kubeconfig written by fakeapi.
func withCA(t *testing.T, kubeconfig, caPEM []byte) []byte {
	t.Helper()
	var k map[string]any
	if err := json.Unmarshal(kubeconfig, &k); err != nil {
		t.Fatal(err)
	}
	k["clusters"].([]any)[0].(map[string]any)["cluster"].(map[string]any)["certificate-authority-data"] = caPEM
	out, err := json.Marshal(k)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// selfSignedPEM makes a CA certificate that signed nothing the server has.
func selfSignedPEM(t *testing.T) []byte {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "untrusted-ca"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

func TestCollectCancelled(t *testing.T) {
	s := fakeapi.New(t, testToken)
	provider(s)
	ctx, cancel := context.WithCancel(context.Background())
	o := collectOpts(t, s)
	o.Progress = func(p kubernetes.Progress) {
		if p.Resource == "pods" {
			cancel()
		}
	}
	if _, err := kubernetes.Collect(ctx, o); err != context.Canceled {
		t.Errorf("Collect after cancel: %v, want context.Canceled", err)
	}
}

func TestCollectInClusterOutsideACluster(t *testing.T) {
	if os.Getenv("KUBERNETES_SERVICE_HOST") != "" {
		t.Skip("running inside a cluster")
	}
	_, err := kubernetes.Collect(context.Background(), kubernetes.CollectOptions{Name: "self", InCluster: true, Now: fixedClock})
	if err == nil || !strings.HasPrefix(err.Error(), "in-cluster configuration: ") {
		t.Errorf("in_cluster outside a cluster: %v", err)
	}
}

package kubetest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/tools/clientcmd"
)

var (
	namespaces          = schema.GroupVersionResource{Version: "v1", Resource: "namespaces"}
	pods                = schema.GroupVersionResource{Version: "v1", Resource: "pods"}
	networkPolicies     = schema.GroupVersionResource{Group: "networking.k8s.io", Version: "v1", Resource: "networkpolicies"}
	clusterRoleBindings = schema.GroupVersionResource{Group: "rbac.authorization.k8s.io", Version: "v1", Resource: "clusterrolebindings"}
	veleroBackups       = schema.GroupVersionResource{Group: "velero.io", Version: "v1", Resource: "backups"}
)

// viewer may list namespaces and nothing else.
const viewer = "ns-viewer"

// fixtures is one multi-document manifest in an order Apply must fix: the
// namespace comes after objects in it.
const fixtures = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
  namespace: tenant-a
spec:
  podSelector: {}
---
apiVersion: v1
kind: Namespace
metadata:
  name: tenant-a
  labels:
    nachweis.io/tenant: acme
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: namespace-lister
rules:
  - apiGroups: [""]
    resources: [namespaces]
    verbs: [list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ns-viewer-lists-namespaces
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: namespace-lister
subjects:
  - apiGroup: rbac.authorization.k8s.io
    kind: User
    name: ns-viewer
---
`

// exported is kubectl get -o json output: a List whose items carry
// server-set metadata and a status that only the status subresource takes.
const exported = `{
  "apiVersion": "v1",
  "kind": "List",
  "metadata": {"resourceVersion": ""},
  "items": [{
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {
      "name": "web-0",
      "namespace": "tenant-a",
      "uid": "3f0e8f4e-0d6b-4f4e-9d57-6c1c6fbb8a11",
      "resourceVersion": "4711",
      "creationTimestamp": "2026-11-20T10:00:00Z",
      "managedFields": [{"manager": "kubectl", "operation": "Update", "apiVersion": "v1"}]
    },
    "spec": {"containers": [{"name": "web", "image": "nginx:1.27", "securityContext": {"privileged": true}}]},
    "status": {"phase": "Running", "podIP": "10.244.0.7"}
  }]
}`

// veleroObjects are a namespace and a finished backup (JSON array, as
// sonobuoy dumps items).
const veleroObjects = `[
  {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "velero"}},
  {"apiVersion": "velero.io/v1", "kind": "Backup",
   "metadata": {"name": "daily-20261123", "namespace": "velero"},
   "spec": {"includedNamespaces": ["tenant-a"], "ttl": "720h0m0s", "storageLocation": "default"},
   "status": {"phase": "Completed", "completionTimestamp": "2026-11-23T02:04:11Z"}}
]`

func TestCluster(t *testing.T) {
	var first *Cluster
	t.Run("serves", func(t *testing.T) {
		begin := time.Now()
		c := Start(t, Options{Users: []User{{Name: viewer, Token: "viewer-token", Groups: []string{"nachweis:auditors"}}}})
		t.Logf("cluster ready in %v", time.Since(begin).Round(time.Millisecond))
		first = c

		begin = time.Now()
		c.Apply(t, []byte(fixtures), []byte(exported), VeleroCRDs, []byte(veleroObjects))
		c.Apply(t, []byte(fixtures)) // applying again changes nothing
		t.Logf("applied in %v", time.Since(begin).Round(time.Millisecond))

		ctx := context.Background()
		admin := dynamicFor(t, c.Kubeconfig(Admin))
		restricted := dynamicFor(t, c.Kubeconfig(viewer))

		t.Run("admin lists", func(t *testing.T) {
			if got, want := names(t, admin, namespaces, ""), []string{"default", "kube-node-lease", "kube-public", "kube-system", "tenant-a", "velero"}; !cmp.Equal(got, want) {
				t.Errorf("namespaces: %v, want %v", got, want)
			}
			ns, err := admin.Resource(namespaces).Get(ctx, "tenant-a", metav1.GetOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := ns.GetLabels()["nachweis.io/tenant"]; got != "acme" {
				t.Errorf("tenant label %q, want acme", got)
			}
			if got := names(t, admin, networkPolicies, ""); !cmp.Equal(got, []string{"tenant-a/default-deny-ingress"}) {
				t.Errorf("networkpolicies: %v", got)
			}
			np, err := admin.Resource(networkPolicies).Namespace("tenant-a").Get(ctx, "default-deny-ingress", metav1.GetOptions{})
			if err != nil {
				t.Fatal(err)
			}
			// Defaulted by the API server, as in a real cluster.
			types, _, _ := unstructured.NestedStringSlice(np.Object, "spec", "policyTypes")
			if !cmp.Equal(types, []string{"Ingress"}) {
				t.Errorf("policyTypes %v, want [Ingress]", types)
			}
			if got := names(t, admin, clusterRoleBindings, ""); !slices.Contains(got, "ns-viewer-lists-namespaces") || !slices.Contains(got, "cluster-admin") {
				t.Errorf("clusterrolebindings lack ours or the bootstrap cluster-admin: %v", got)
			}
		})

		t.Run("exported pod keeps its status", func(t *testing.T) {
			pod, err := admin.Resource(pods).Namespace("tenant-a").Get(ctx, "web-0", metav1.GetOptions{})
			if err != nil {
				t.Fatal(err)
			}
			phase, _, _ := unstructured.NestedString(pod.Object, "status", "phase")
			var privileged bool
			if containers, _, _ := unstructured.NestedSlice(pod.Object, "spec", "containers"); len(containers) == 1 {
				privileged, _, _ = unstructured.NestedBool(containers[0].(map[string]any), "securityContext", "privileged")
			}
			if phase != "Running" || !privileged {
				t.Errorf("pod phase %q privileged %v, want Running true", phase, privileged)
			}
			created := pod.GetCreationTimestamp().UTC().Format(time.RFC3339)
			if pod.GetUID() == "3f0e8f4e-0d6b-4f4e-9d57-6c1c6fbb8a11" || created == "2026-11-20T10:00:00Z" {
				t.Errorf("server-set metadata came from the manifest: uid %s created %s", pod.GetUID(), created)
			}
			for _, m := range pod.GetManagedFields() {
				if m.Manager == "kubectl" {
					t.Errorf("managedFields kept the manifest's entry: %+v", m)
				}
			}
		})

		t.Run("velero backup", func(t *testing.T) {
			b, err := admin.Resource(veleroBackups).Namespace("velero").Get(ctx, "daily-20261123", metav1.GetOptions{})
			if err != nil {
				t.Fatal(err)
			}
			phase, _, _ := unstructured.NestedString(b.Object, "status", "phase")
			included, _, _ := unstructured.NestedStringSlice(b.Object, "spec", "includedNamespaces")
			if phase != "Completed" || !cmp.Equal(included, []string{"tenant-a"}) {
				t.Errorf("backup phase %q includedNamespaces %v", phase, included)
			}
			if got := names(t, admin, schema.GroupVersionResource{Group: "velero.io", Version: "v1", Resource: "schedules"}, ""); len(got) != 0 {
				t.Errorf("schedules: %v, want none", got)
			}
		})

		t.Run("restricted user", func(t *testing.T) {
			if got := names(t, restricted, namespaces, ""); !slices.Contains(got, "tenant-a") {
				t.Errorf("namespaces as %s: %v", viewer, got)
			}
			for _, tc := range []struct {
				what string
				err  func() error
			}{
				{"list networkpolicies", func() error {
					_, err := restricted.Resource(networkPolicies).Namespace("").List(ctx, metav1.ListOptions{})
					return err
				}},
				{"get a namespace", func() error {
					_, err := restricted.Resource(namespaces).Get(ctx, "tenant-a", metav1.GetOptions{})
					return err
				}},
				{"list velero backups", func() error {
					_, err := restricted.Resource(veleroBackups).Namespace("velero").List(ctx, metav1.ListOptions{})
					return err
				}},
			} {
				if err := tc.err(); !apierrors.IsForbidden(err) {
					t.Errorf("%s as %s: %v, want Forbidden", tc.what, viewer, err)
				}
			}
		})
	})
	if t.Failed() {
		return
	}

	t.Run("cleanup stopped both", func(t *testing.T) {
		for _, p := range []*process{first.etcd, first.apiserver} {
			if !p.exited() {
				t.Errorf("%s still running", p.name)
			}
			if _, err := os.Stat(fmt.Sprintf("/proc/%d", p.cmd.Process.Pid)); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("%s: /proc/%d: %v, want gone", p.name, p.cmd.Process.Pid, err)
			}
		}
		if _, err := os.Stat(first.Dir); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("cluster directory %s: %v, want removed", first.Dir, err)
		}
		client := &http.Client{Timeout: 2 * time.Second}
		if resp, err := client.Get(first.URL); err == nil {
			resp.Body.Close()
			t.Errorf("%s still answers", first.URL)
		}
	})

	t.Run("second cluster", func(t *testing.T) {
		begin := time.Now()
		c := Start(t, Options{})
		t.Logf("cluster ready in %v", time.Since(begin).Round(time.Millisecond))
		cfg, err := clientcmd.BuildConfigFromFlags("", c.Kubeconfig(Admin))
		if err != nil {
			t.Fatal(err)
		}
		v, err := discovery.NewDiscoveryClientForConfigOrDie(cfg).ServerVersion()
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("server version %s", v.GitVersion)
		if c.URL == first.URL || !strings.HasPrefix(v.GitVersion, "v") {
			t.Errorf("second cluster at %s (first %s) reports version %q", c.URL, first.URL, v.GitVersion)
		}
		if got := names(t, dynamicFor(t, c.Kubeconfig(Admin)), namespaces, ""); slices.Contains(got, "tenant-a") {
			t.Errorf("second cluster sees the first one's namespace: %v", got)
		}
	})
}

// fatalTB records Fatalf instead of failing the real test.
type fatalTB struct {
	testing.TB
	msg string
}

func (f *fatalTB) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func TestStartFailsWithoutBinary(t *testing.T) {
	t.Setenv(apiserverEnv, "/nonexistent/kube-apiserver")
	f := &fatalTB{TB: t}
	done := make(chan *Cluster)
	go func() {
		defer close(done)
		done <- Start(f, Options{})
	}()
	if c := <-done; c != nil {
		t.Fatalf("Start returned a cluster at %s", c.URL)
	}
	if !strings.Contains(f.msg, "make deps") || !strings.Contains(f.msg, "/nonexistent/kube-apiserver") {
		t.Errorf("Start failed with %q, want the path and a pointer to make deps", f.msg)
	}
}

func TestDecodeManifest(t *testing.T) {
	for _, tc := range []struct {
		name, manifest string
		want           []string // kind/namespace/name
		err            string
	}{
		{"yaml documents", fixtures, []string{"NetworkPolicy/tenant-a/default-deny-ingress", "Namespace//tenant-a", "ClusterRole//namespace-lister", "ClusterRoleBinding//ns-viewer-lists-namespaces"}, ""},
		{"json list", exported, []string{"Pod/tenant-a/web-0"}, ""},
		{"json array", veleroObjects, []string{"Namespace//velero", "Backup/velero/daily-20261123"}, ""},
		{"crds", string(VeleroCRDs), []string{"CustomResourceDefinition//backups.velero.io", "CustomResourceDefinition//schedules.velero.io", "CustomResourceDefinition//backupstoragelocations.velero.io"}, ""},
		{"empty", "---\n# nothing\n---\n", nil, ""},
		{"no kind", `{"apiVersion": "v1", "metadata": {"name": "x"}}`, nil, "Object 'Kind' is missing"},
		{"no name", "apiVersion: v1\nkind: Namespace\n", nil, "metadata.name are required"},
		{"bad yaml", "kind: [", nil, "document 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			objs, err := decodeManifest([]byte(tc.manifest))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one containing %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, o := range objs {
				got = append(got, o.GetKind()+"/"+o.GetNamespace()+"/"+o.GetName())
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("objects (-want +got):\n%s", diff)
			}
		})
	}
}

func TestUserTable(t *testing.T) {
	for _, tc := range []struct {
		name  string
		users []User
		err   string
	}{
		{"ok", []User{{Name: "a", Token: "ta", Groups: []string{"g1", "g2"}}, {Name: "system:serviceaccount:ns:sa", Token: "tb"}}, ""},
		{"admin taken", []User{{Name: Admin, Token: "t"}}, "declared twice"},
		{"duplicate token", []User{{Name: "a", Token: "t"}, {Name: "b", Token: "t"}}, "token already used"},
		{"no token", []User{{Name: "a"}}, "required"},
		{"comma", []User{{Name: "a,b", Token: "t"}}, "commas"},
		{"quoted group", []User{{Name: "a", Token: "t", Groups: []string{`x"y`}}}, "group"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := userTable("admin-token", tc.users)
			if tc.err == "" && err != nil || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
				t.Errorf("error %v, want %q", err, tc.err)
			}
		})
	}
}

// dynamicFor returns a dynamic client configured from a kubeconfig file,
// as a collector would be.
func dynamicFor(t *testing.T, kubeconfig string) dynamic.Interface {
	t.Helper()
	cfg, err := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(
		&clientcmd.ClientConfigLoadingRules{ExplicitPath: kubeconfig}, &clientcmd.ConfigOverrides{CurrentContext: Context},
	).ClientConfig()
	if err != nil {
		t.Fatal(err)
	}
	return dynamic.NewForConfigOrDie(cfg)
}

// names lists gvr in namespace ("" = all) and returns [namespace/]name
// sorted.
func names(t *testing.T, c dynamic.Interface, gvr schema.GroupVersionResource, namespace string) []string {
	t.Helper()
	l, err := c.Resource(gvr).Namespace(namespace).List(context.Background(), metav1.ListOptions{})
	if err != nil {
		t.Fatalf("list %s: %v", gvr.Resource, err)
	}
	var out []string
	for _, item := range l.Items {
		n := item.GetName()
		if ns := item.GetNamespace(); ns != "" {
			n = ns + "/" + n
		}
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

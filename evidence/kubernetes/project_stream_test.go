package kubernetes

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/evidence/scaletest"
)

// streamScope is the scope the stream tests project with: tenants
// declared (so in_scope and tenant are set), and some namespaces of the
// fixtures among them.
var streamScope = Scope{TenantNamespaces: map[string]string{
	"a": "acme", "n": "acme", "acme-prod": "acme", "default": "acme", "kunde-0001-prod": "kunde-0001", "kunde-0003-stage": "kunde-0003",
}}

// streamed returns files whose content is streamed through r (chunked),
// with Read as the whole-file fallback.
func streamed(files []File, chunk func(io.Reader) io.Reader) []File {
	out := make([]File, len(files))
	for i, f := range files {
		data := f.Data
		f.Data = nil
		f.Open = func() (io.ReadCloser, error) { return io.NopCloser(chunk(bytes.NewReader(data))), nil }
		f.Read = func() ([]byte, error) { return data, nil }
		out[i] = f
	}
	return out
}

// checkStream projects files the streamed way, from Data and through
// readers returning one byte and 7 bytes at a time, and compares with the
// read projection. It returns whether the streamed projection read the
// files itself (rather than falling back).
func checkStream(t *testing.T, files []File, scope Scope) bool {
	t.Helper()
	want, wantErr := projectRead(files, scope)
	got, ok := projectStream(files, scope)
	if ok {
		if wantErr != nil {
			t.Fatalf("streamed projection succeeded where the read projection fails: %v", wantErr)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("streamed projection differs from the read projection (-read +streamed):\n%s", diff)
		}
	}
	for name, chunk := range map[string]func(io.Reader) io.Reader{
		"one byte": iotest.OneByteReader,
		"7 bytes":  func(r io.Reader) io.Reader { return &chunkReader{r: r, n: 7} },
		"half":     iotest.HalfReader,
	} {
		c, sok := projectSmallBuffer(streamed(files, chunk), scope)
		if sok != ok {
			t.Fatalf("%s reader: streamed %v, from memory %v", name, sok, ok)
		}
		if sok {
			if diff := cmp.Diff(want, c); diff != "" {
				t.Fatalf("%s reader: streamed projection differs (-read +streamed):\n%s", name, diff)
			}
		}
	}
	// Project itself, with lazily read files, gives what the read
	// projection gives, or its error.
	c, err := Project(streamed(files, func(r io.Reader) io.Reader { return r }), scope)
	if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
		t.Fatalf("Project error %v, read projection %v", err, wantErr)
	}
	if err == nil {
		if diff := cmp.Diff(want, c); diff != "" {
			t.Fatalf("Project differs from the read projection (-read +Project):\n%s", diff)
		}
	}
	return ok
}

// projectSmallBuffer streams with a buffer of 64 bytes at first, so that
// objects are cut off by its end and the buffer grows.
func projectSmallBuffer(files []File, scope Scope) (*Cluster, bool) {
	defer func(n int) { streamBuffer = n }(streamBuffer)
	streamBuffer = 64
	return projectStream(files, scope)
}

type chunkReader struct {
	r io.Reader
	n int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(p) > c.n {
		p = p[:c.n]
	}
	return c.r.Read(p)
}

// TestProjectStreamFixtures: every fixture is projected alike streamed
// and read; kubectl and API server output (Lists with kinds on the
// items) is streamed, not read again.
func TestProjectStreamFixtures(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "*", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, p := range dirs {
		dir := filepath.Base(filepath.Dir(p))
		if seen[dir] || dir == "golden" {
			continue
		}
		seen[dir] = true
		t.Run(dir, func(t *testing.T) {
			ok := checkStream(t, load(t, dir), streamScope)
			if dir == "kubectl-get-local-apiserver" && !ok {
				t.Errorf("kubectl get output was not streamed")
			}
		})
	}
	if len(seen) < 5 {
		t.Fatalf("found %d fixture directories", len(seen))
	}
}

// TestProjectStreamScale: the generated provider's lists (every kind the
// scale benchmark reads) are streamed, and projected as read.
func TestProjectStreamScale(t *testing.T) {
	k, _ := scaletest.Kubernetes(12)
	var files []File
	for name, items := range map[string]scaletest.List{
		"namespaces": k.Namespaces, "networkpolicies": k.NetworkPolicies, "pods": k.Pods, "deployments": k.Deployments,
		"replicasets": k.ReplicaSets, "daemonsets": k.DaemonSets, "jobs": k.Jobs, "cronjobs": k.CronJobs,
		"poddisruptionbudgets": k.PodDisruptionBudgets, "ingresses": k.Ingresses, "rolebindings": k.RoleBindings,
		"clusterrolebindings": k.ClusterRoleBindings,
	} {
		data, err := json.MarshalIndent(map[string]any{"apiVersion": "v1", "kind": "List", "items": items, "metadata": map[string]any{"resourceVersion": ""}}, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, File{Path: "sources/prod/" + name + ".json", Kind: KindList, Data: data})
	}
	scope := Scope{TenantNamespaces: map[string]string{}}
	for i := range 12 {
		scope.TenantNamespaces[scaletest.Namespace(i)] = scaletest.Tenant(i)
	}
	if !checkStream(t, files, scope) {
		t.Fatal("the generated provider was not streamed")
	}
}

// TestProjectStreamFallback: input the streamed projection must not read
// its own way makes it fall back, and Project then reads and reports as
// it always did; input it reads differently from encoding/json never
// passes unnoticed.
func TestProjectStreamFallback(t *testing.T) {
	pod := func(spec string) string {
		return `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"a","labels":{"pod-template-hash":"1"}},"spec":` + spec + `}`
	}
	list := func(items ...string) string { return `{"kind":"List","items":[` + strings.Join(items, ",") + `]}` }
	tests := []struct {
		name   string
		in     string
		stream bool // read by the streamed projection itself
	}{
		{"plain", list(pod(`{"containers":[{"name":"c","image":"i","securityContext":{"privileged":true}}]}`)), true},
		{"kind after spec", `{"items":[{"spec":{"hostNetwork":true},"kind":"Pod","metadata":{"name":"p","namespace":"a"}}],"kind":"List"}`, true},
		{"typed list after items", `{"items":[{"kind":"Pod","metadata":{"name":"p","namespace":"a"}}],"kind":"PodList"}`, true},
		{"item without kind", `{"items":[{"metadata":{"name":"p","namespace":"a"}}],"kind":"PodList"}`, false},
		{"duplicate key", list(pod(`{"hostNetwork":true,"hostNetwork":false}`)), false},
		{"duplicate key folded", list(pod(`{"hostNetwork":true,"HostNetwork":false}`)), false},
		{"key matches case-insensitively", list(pod(`{"HostNetwork":true}`)), true},
		{"kelvin key", list(pod(`{"containers":[{"name":"c","securityContext":{"privileged":true},"\u212aind":1}]}`)), true},
		{"type error", list(pod(`{"hostNetwork":"yes"}`)), false},
		{"number for string", list(pod(`{"containers":[{"name":1}]}`)), false},
		{"fraction for integer", list(pod(`{"securityContext":{"runAsUser":0.5}}`)), false},
		{"huge integer", list(pod(`{"securityContext":{"runAsUser":99999999999999999999}}`)), false},
		{"escaped strings", list(pod(`{"containers":[{"name":"a\u00e4\n","image":"r\/i"}]}`)), true},
		{"invalid UTF-8", list(pod("{\"containers\":[{\"name\":\"a\xff\"}]}")), true},
		{"control character", list(pod("{\"containers\":[{\"name\":\"a\x01\"}]}")), false},
		{"invalid escape", list(pod(`{"containers":[{"name":"a\x"}]}`)), false},
		{"truncated", list(pod(`{"containers":[`))[:60], false},
		{"trailing data", list(pod(`{}`)) + `{}`, false},
		{"trailing comma", `{"kind":"List","items":[` + pod(`{}`) + `,]}`, false},
		{"nulls", list(pod(`{"containers":null,"volumes":[null],"securityContext":null,"hostPID":null}`)), true},
		{"null item", `{"kind":"PodList","items":[null]}`, false},
		{"binding", `{"kind":"List","items":[{"kind":"ClusterRoleBinding","metadata":{"name":"b"},"roleRef":{"kind":"ClusterRole","name":"cluster-admin"},"subjects":[{"kind":"User","name":"u"}]}]}`, true},
		{"binding type error", `{"kind":"List","items":[{"kind":"ClusterRoleBinding","metadata":{"name":"b"},"roleRef":"x"}]}`, false},
		{"pod with roleRef", list(`{"kind":"Pod","metadata":{"name":"p","namespace":"a"},"roleRef":{"kind":"X"}}`), true},
		{"labels type error", list(`{"kind":"Pod","metadata":{"name":"p","namespace":"a","labels":{"x":1}}}`), false},
		{"labels null value", list(`{"kind":"Pod","metadata":{"name":"p","namespace":"a","labels":{"pod-template-hash":null}}}`), true},
		{"single object", `{"kind":"Namespace","metadata":{"name":"a","labels":{"x":"y"}}}`, true},
		{"array", `[` + pod(`{}`) + `,{"kind":"Namespace","metadata":{"name":"a"}}]`, true},
		{"items null", `{"kind":"List","items":null}`, false},
		{"empty", ``, false},
		{"white space", "  \n", false},
		{"empty typed list", `{"kind":"PodList","apiVersion":"v1","items":[]}`, true},
		{"typed list without items", `{"kind":"PodList","apiVersion":"v1"}`, true},
		{"controller", list(`{"kind":"Deployment","metadata":{"name":"d","namespace":"a","ownerReferences":[{"kind":"X","name":"x"},{"kind":"Y","name":"y","controller":true}]},"spec":{"replicas":3,"selector":{},"template":{"metadata":{"labels":{"app":"d"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}`), true},
		{"controller template not a pod spec", list(`{"kind":"Deployment","metadata":{"name":"d","namespace":"a"},"spec":{"template":{"spec":{"containers":"x"}}}}`), false},
		{"daemonset status", list(`{"kind":"DaemonSet","metadata":{"name":"d","namespace":"a"},"status":{"currentNumberScheduled":4}}`), true},
		{"cronjob", list(`{"kind":"CronJob","metadata":{"name":"c","namespace":"a"},"spec":{"jobTemplate":{"spec":{"template":{"spec":{"hostPID":true}}}}}}`), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := []File{{Path: "sources/prod/list.json", Kind: KindList, Data: []byte(tt.in)}}
			if got := checkStream(t, files, streamScope); got != tt.stream {
				t.Errorf("streamed: %v, want %v", got, tt.stream)
			}
		})
	}
}

// TestProjectReadErrors: a file that cannot be opened or read is reported
// with the error of Read, as the read projection always reported it.
func TestProjectReadErrors(t *testing.T) {
	boom := errors.New("read evidence sources/prod/pods.json: sha256 mismatch")
	files := []File{{
		Path: "sources/prod/pods.json", Kind: KindList,
		Open: func() (io.ReadCloser, error) {
			return io.NopCloser(io.MultiReader(strings.NewReader(`{"kind":"List","items":[]`), iotest.ErrReader(boom))), nil
		},
		Read: func() ([]byte, error) { return nil, boom },
	}}
	if _, err := Project(files, Scope{}); !errors.Is(err, boom) {
		t.Fatalf("Project: %v, want %v", err, boom)
	}
}

// FuzzProjectStream: for any input the streamed projection either falls
// back or projects exactly what reading the whole file projects, from
// memory and through a reader that returns a few bytes at a time.
func FuzzProjectStream(f *testing.F) {
	for _, dir := range []string{"kubectl-get-local-apiserver", "sonobuoy-kind-v1.21.1"} {
		paths, _ := filepath.Glob(filepath.Join("testdata", dir, "*.json"))
		for _, p := range paths {
			if data, err := os.ReadFile(p); err == nil && len(data) < 64<<10 && !strings.Contains(p, "version") {
				f.Add(data)
			}
		}
	}
	f.Add([]byte(`{"kind":"List","items":[` + tmpl("CronJob", "a", "c", "", privilegedSpec) + `,` +
		podObj("a", "p", ownedBy("ReplicaSet", "d-1"), `{"pod-template-hash":"1"}`, rootSpec) + `,` + tmpl("Deployment", "a", "d", "", hostPathSpec) + `]}`))
	f.Add([]byte(`[{"kind":"Pod","metadata":{"name":"x","namespace":"n"},"spec":{"containers":[{"name":"c","image":"@","securityContext":{"capabilities":{"add":["cap_sys_admin"]}}}]}}]`))
	f.Add([]byte(`{"items":[{"spec":{"hostNetwork":true},"kind":"Pod","metadata":{"name":"p","namespace":"a"}}],"kind":"List"}`))
	f.Fuzz(func(t *testing.T, list []byte) {
		files := []File{{Path: "f.json", Kind: KindList, Data: list}}
		want, wantErr := projectRead(files, streamScope)
		for i, in := range [][]File{files, streamed(files, func(r io.Reader) io.Reader { return &chunkReader{r: r, n: 5} })} {
			project := projectStream
			if i == 1 {
				project = projectSmallBuffer
			}
			got, ok := project(in, streamScope)
			if !ok {
				continue
			}
			if wantErr != nil {
				t.Fatalf("streamed projection succeeded where the read projection fails: %v", wantErr)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("streamed projection differs (-read +streamed):\n%s", diff)
			}
		}
	})
}

package kubernetes

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNamespaceLabels(t *testing.T) {
	read := func(p string) []byte {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	files := []File{
		// Real kubectl output: a List of Namespaces.
		{Path: "ns.json", Kind: KindList, Data: read("testdata/kubectl-get-local-apiserver/namespaces.json")},
		// Pods name namespaces but are none.
		{Path: "pods.json", Kind: KindList, Data: read("testdata/kubectl-get-local-apiserver/pods.json")},
		// A typed list whose items carry no kind, as the collector's
		// input from the API server.
		{Path: "typed.json", Kind: KindList, Data: []byte(`{"kind":"NamespaceList","items":[{"metadata":{"name":"acme-prod","labels":{"tenant":"acme"}}}]}`)},
		// A sonobuoy-style array without kinds, named by --kind.
		{Path: "array.json", Kind: KindList, ItemKind: "Namespace", Data: []byte(`[{"metadata":{"name":"globex-prod"}}]`)},
		// A Kubernetes 1.8 dump: the kind only in the selfLink.
		{Path: "old.json", Kind: KindList, Data: []byte(`[{"metadata":{"name":"legacy","selfLink":"/api/v1/namespaces/legacy","labels":{"tenant":"initech"}}}]`)},
		// The first file wins, as in Project; other item kinds are ignored.
		{Path: "dup.json", Kind: KindList, Data: []byte(`{"kind":"Namespace","metadata":{"name":"acme-prod","labels":{"tenant":"globex"}}}`)},
		{Path: "version.json", Kind: "kubernetes/version", Data: []byte(`{"kind":"Namespace"`)},
	}
	got, err := NamespaceLabels(files)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]string{
		"default":         {"kubernetes.io/metadata.name": "default"},
		"development":     {"kubernetes.io/metadata.name": "development", "name": "development"},
		"kube-node-lease": {"kubernetes.io/metadata.name": "kube-node-lease"},
		"kube-public":     {"kubernetes.io/metadata.name": "kube-public"},
		"kube-system":     {"kubernetes.io/metadata.name": "kube-system"},
		"production":      {"kubernetes.io/metadata.name": "production", "name": "production"},
		"velero":          {"kubernetes.io/metadata.name": "velero"},
		"acme-prod":       {"tenant": "acme"},
		"globex-prod":     {},
		"legacy":          {"tenant": "initech"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("NamespaceLabels (-want +got):\n%s", diff)
	}
	if _, err := NamespaceLabels([]File{{Path: "bad.json", Kind: KindList, Data: []byte(`{"kind":"NamespaceList","items":[`)}}); err == nil {
		t.Error("truncated JSON gave no error")
	}
}

// TestNamespaceLabelsAsProjected: a Namespace the projection reads is
// found whatever way its kind or selfLink is written (escapes, a selfLink
// without a leading slash), so that a tenant selecting namespaces by label
// cannot lose one the checks see.
func TestNamespaceLabelsAsProjected(t *testing.T) {
	for _, data := range []string{
		`{"kind":"\u004eamespace","apiVersion":"v1","metadata":{"name":"acme","labels":{"tenant":"acme"}}}`,
		`[{"metadata":{"name":"acme","selfLink":"api\/v1\/n\u0061mespaces\/acme","labels":{"tenant":"acme"}}}]`,
		`[{"metadata":{"name":"acme","selfLink":"namespaces/acme","labels":{"tenant":"acme"}}}]`,
	} {
		files := []File{{Path: "ns.json", Kind: KindList, Data: []byte(data)}}
		c, err := Project(files, Scope{})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := c.Namespaces["acme"]; !ok {
			t.Fatalf("%s: the projection has no namespace acme", data)
		}
		got, err := NamespaceLabels(files)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(map[string]map[string]string{"acme": {"tenant": "acme"}}, got); diff != "" {
			t.Errorf("%s: labels (-want +got):\n%s", data, diff)
		}
	}
}

package kubetest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/restmapper"
)

// fieldManager owns the fields Apply sets.
const fieldManager = "kubetest"

const (
	applyTimeout = 2 * time.Minute
	// discoveryTimeout bounds the wait for a kind to appear in discovery
	// (a CRD applied a moment ago); a kind still unknown then is a typo or
	// a missing CRD.
	discoveryTimeout = 15 * time.Second
)

var crdResource = schema.GroupVersionResource{Group: "apiextensions.k8s.io", Version: "v1", Resource: "customresourcedefinitions"}

// Apply creates, as Admin, every object of the manifests, replacing objects
// that exist already. A manifest is YAML (documents separated by ---) or
// JSON: one object, a List of objects (kubectl get -o json), or a JSON
// array of objects (sonobuoy dumps).
//
// Exported objects apply as they are: server-set metadata (uid,
// resourceVersion, creationTimestamp, generation, managedFields) and
// fields this server version does not know (fixtures from newer clusters)
// are dropped, namespaced objects without a namespace go to "default", and
// .status is written through the status subresource where the resource has
// one, so fixtures keep pod phases and the like.
//
// Namespaces and CRDs are applied first, and each CRD is waited for until
// its kind is served; the first create of its objects then takes 2
// seconds, as kube-apiserver holds creates that long after a CRD is
// established. Any error fails the test.
func (c *Cluster) Apply(t testing.TB, manifests ...[]byte) {
	t.Helper()
	var objs []*unstructured.Unstructured
	for i, m := range manifests {
		o, err := decodeManifest(m)
		if err != nil {
			t.Fatalf("kubetest: apply manifest %d: %v", i+1, err)
		}
		objs = append(objs, o...)
	}
	if err := c.apply(objs); err != nil {
		t.Fatalf("kubetest: apply: %v", err)
	}
}

// ApplyFile applies the manifests in the files at paths like Apply.
func (c *Cluster) ApplyFile(t testing.TB, paths ...string) {
	t.Helper()
	var objs []*unstructured.Unstructured
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("kubetest: apply: %v", err)
		}
		o, err := decodeManifest(data)
		if err != nil {
			t.Fatalf("kubetest: apply %s: %v", p, err)
		}
		objs = append(objs, o...)
	}
	if err := c.apply(objs); err != nil {
		t.Fatalf("kubetest: apply: %v", err)
	}
}

// decodeManifest returns the objects of one YAML or JSON manifest.
func decodeManifest(data []byte) ([]*unstructured.Unstructured, error) {
	dec := yaml.NewYAMLOrJSONDecoder(bytes.NewReader(data), 4096)
	var objs []*unstructured.Unstructured
	for doc := 1; ; doc++ {
		var raw json.RawMessage
		if err := dec.Decode(&raw); errors.Is(err, io.EOF) {
			return objs, nil
		} else if err != nil {
			return nil, fmt.Errorf("document %d: %w", doc, err)
		}
		o, err := decodeObjects(raw)
		if err != nil {
			return nil, fmt.Errorf("document %d: %w", doc, err)
		}
		objs = append(objs, o...)
	}
}

// decodeObjects decodes a JSON object, List or array into objects.
func decodeObjects(raw json.RawMessage) ([]*unstructured.Unstructured, error) {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0 || bytes.Equal(raw, []byte("null")): // an empty YAML document
		return nil, nil
	case raw[0] == '[':
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			return nil, err
		}
		return decodeItems(items)
	}
	var list struct {
		Kind  string            `json:"kind"`
		Items []json.RawMessage `json:"items"`
	}
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, err
	}
	if strings.HasSuffix(list.Kind, "List") && list.Items != nil {
		return decodeItems(list.Items)
	}
	u := &unstructured.Unstructured{}
	if err := u.UnmarshalJSON(raw); err != nil {
		return nil, err
	}
	if u.GetAPIVersion() == "" || u.GetName() == "" {
		return nil, fmt.Errorf("%s %q: apiVersion, kind and metadata.name are required", u.GetKind(), u.GetName())
	}
	return []*unstructured.Unstructured{u}, nil
}

func decodeItems(items []json.RawMessage) ([]*unstructured.Unstructured, error) {
	var objs []*unstructured.Unstructured
	for i, item := range items {
		o, err := decodeObjects(item)
		if err != nil {
			return nil, fmt.Errorf("item %d: %w", i, err)
		}
		objs = append(objs, o...)
	}
	return objs, nil
}

// applyOrder ranks what others depend on first: namespaces, then CRDs.
func applyOrder(u *unstructured.Unstructured) int {
	switch u.GroupVersionKind().GroupKind() {
	case schema.GroupKind{Kind: "Namespace"}:
		return 0
	case schema.GroupKind{Group: "apiextensions.k8s.io", Kind: "CustomResourceDefinition"}:
		return 1
	}
	return 2
}

func (c *Cluster) apply(objs []*unstructured.Unstructured) error {
	ctx, cancel := context.WithTimeout(context.Background(), applyTimeout)
	defer cancel()
	dyn, mapper, err := c.applyClient()
	if err != nil {
		return err
	}
	slices.SortStableFunc(objs, func(a, b *unstructured.Unstructured) int { return applyOrder(a) - applyOrder(b) })
	for _, u := range objs {
		if err := applyObject(ctx, dyn, mapper, u); err != nil {
			return fmt.Errorf("%s %s: %w", u.GetKind(), objectName(u), err)
		}
	}
	return nil
}

// applyClient returns the Admin dynamic client and RESTMapper, made once.
func (c *Cluster) applyClient() (dynamic.Interface, *restmapper.DeferredDiscoveryRESTMapper, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.dyn != nil {
		return c.dyn, c.mapper, nil
	}
	cfg := c.RESTConfig(Admin)
	cfg.QPS = -1 // no client-side throttling of fixtures
	cfg.WarningHandler = rest.NoWarnings{}
	dyn, err := dynamic.NewForConfig(cfg)
	if err != nil {
		return nil, nil, fmt.Errorf("dynamic client: %w", err)
	}
	disc, err := discovery.NewDiscoveryClientForConfig(cfg)
	if err != nil {
		return nil, nil, fmt.Errorf("discovery client: %w", err)
	}
	c.dyn = dyn
	c.mapper = restmapper.NewDeferredDiscoveryRESTMapper(memory.NewMemCacheClient(disc))
	return c.dyn, c.mapper, nil
}

func applyObject(ctx context.Context, dyn dynamic.Interface, mapper *restmapper.DeferredDiscoveryRESTMapper, u *unstructured.Unstructured) error {
	gvk := u.GroupVersionKind()
	mapping, err := restMapping(ctx, mapper, gvk)
	if err != nil {
		return err
	}
	var ri dynamic.ResourceInterface
	if mapping.Scope.Name() == meta.RESTScopeNameNamespace {
		if u.GetNamespace() == "" {
			u.SetNamespace(metav1.NamespaceDefault)
		}
		ri = dyn.Resource(mapping.Resource).Namespace(u.GetNamespace())
	} else {
		u.SetNamespace("")
		ri = dyn.Resource(mapping.Resource)
	}
	clearServerFields(u)
	status, hasStatus := u.Object["status"]
	// Ignore drops fields this server version does not know, so fixtures
	// exported from newer clusters still apply.
	createOpts := metav1.CreateOptions{FieldManager: fieldManager, FieldValidation: "Ignore"}
	updateOpts := metav1.UpdateOptions{FieldManager: fieldManager, FieldValidation: "Ignore"}
	cur, err := ri.Create(ctx, u, createOpts)
	if apierrors.IsAlreadyExists(err) {
		var old *unstructured.Unstructured
		if old, err = ri.Get(ctx, u.GetName(), metav1.GetOptions{}); err != nil {
			return err
		}
		u.SetResourceVersion(old.GetResourceVersion())
		cur, err = ri.Update(ctx, u, updateOpts)
	}
	if err != nil {
		return err
	}
	if hasStatus {
		// Resources with a status subresource ignore .status on create
		// and update.
		cur.Object["status"] = status
		_, err := ri.UpdateStatus(ctx, cur, updateOpts)
		if err != nil && !apierrors.IsNotFound(err) { // not found: no status subresource
			return fmt.Errorf("status: %w", err)
		}
	}
	if mapping.Resource == crdResource {
		if err := waitEstablished(ctx, dyn, u.GetName()); err != nil {
			return err
		}
		mapper.Reset() // discover the new kind
	}
	return nil
}

// restMapping maps gvk to its resource, rediscovering while the kind is
// unknown (its CRD may have been established a moment ago).
func restMapping(ctx context.Context, mapper *restmapper.DeferredDiscoveryRESTMapper, gvk schema.GroupVersionKind) (*meta.RESTMapping, error) {
	deadline := time.Now().Add(discoveryTimeout)
	for {
		m, err := mapper.RESTMapping(gvk.GroupKind(), gvk.Version)
		if err == nil {
			return m, nil
		}
		if !meta.IsNoMatchError(err) || time.Now().After(deadline) {
			return nil, fmt.Errorf("find the resource of %s: %w", gvk, err)
		}
		mapper.Reset()
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("find the resource of %s: %w", gvk, ctx.Err())
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// waitEstablished waits for the CRD's Established condition.
func waitEstablished(ctx context.Context, dyn dynamic.Interface, name string) error {
	for {
		crd, err := dyn.Resource(crdResource).Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			return fmt.Errorf("wait for established: %w", err)
		}
		conds, _, _ := unstructured.NestedSlice(crd.Object, "status", "conditions")
		for _, c := range conds {
			if m, ok := c.(map[string]any); ok && m["type"] == "Established" && m["status"] == "True" {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("wait for established: %w (conditions %v)", ctx.Err(), conds)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// clearServerFields drops metadata the server sets, which an exported
// object carries and a create must not.
func clearServerFields(u *unstructured.Unstructured) {
	for _, f := range []string{"uid", "resourceVersion", "creationTimestamp", "generation", "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds"} {
		unstructured.RemoveNestedField(u.Object, "metadata", f)
	}
}

func objectName(u *unstructured.Unstructured) string {
	if ns := u.GetNamespace(); ns != "" {
		return ns + "/" + u.GetName()
	}
	return u.GetName()
}

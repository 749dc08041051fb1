package kubernetes

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// KindList is the manifest item kind of kubectl get -o json output
// (evidence.KindKubernetesList). Files of other kinds are not projected.
const KindList = "kubernetes/list"

// File is one evidence file of a Kubernetes source.
type File struct {
	// Path is the bundle-relative path, used in refs.
	Path string
	// Kind is the manifest item kind; only KindList is projected.
	Kind string
	// ItemKind is the manifest's item_kind: the Kubernetes kind of the
	// file's objects when they do not carry one (sonobuoy arrays imported
	// with --kind kubernetes/Pod). Empty when not named.
	ItemKind string
	Data     []byte
}

// Scope decides which namespaces the checks assess and which tenant owns
// them.
type Scope struct {
	// TenantNamespaces maps a namespace to its tenant id. When it is not
	// empty, exactly the tenant namespaces are in scope.
	TenantNamespaces map[string]string
	// SystemNamespaces are out of scope when no tenant namespaces are
	// declared; nil means DefaultSystemNamespaces.
	SystemNamespaces []string
}

// DefaultSystemNamespaces are the namespaces of the platform itself, out of
// scope unless tenants are declared.
var DefaultSystemNamespaces = []string{"kube-system", "kube-public", "kube-node-lease", "local-path-storage", "velero"}

// Project reads kubectl get -o json output and sonobuoy dumps and projects
// them to a Cluster. Each file may hold a List, a typed list (PodList), a
// single object or a JSON array of objects. An object without kind takes
// the file's ItemKind, else the kind of its typed list, else (dumps of API
// servers before 1.20) the resource named in metadata.selfLink; an object
// whose kind cannot be inferred is skipped. A file whose ItemKind or typed
// list names a projected kind makes that kind present even when empty. An object that appears in several files (same kind,
// namespace and name) is projected once, from the first file.
func Project(files []File, scope Scope) (*Cluster, error) {
	p := newProjector(scope)
	for _, f := range files {
		if f.Kind != KindList {
			continue
		}
		if err := p.file(f); err != nil {
			return nil, fmt.Errorf("project kubernetes objects %s: %w", f.Path, err)
		}
	}
	return p.finish(), nil
}

// kindKeys maps the object kinds the projection reads to their keys.
var kindKeys = map[string]string{
	"Namespace":           KeyNamespaces,
	"NetworkPolicy":       KeyNetworkPolicies,
	"Pod":                 KeyPods,
	"Deployment":          KeyWorkloads,
	"StatefulSet":         KeyWorkloads,
	"DaemonSet":           KeyWorkloads,
	"PodDisruptionBudget": KeyPodDisruptionBudgets,
	"ClusterRoleBinding":  KeyBindings,
	"RoleBinding":         KeyBindings,
	"Ingress":             KeyIngresses,
}

// resourceKinds maps the resource names of selfLinks to kinds.
var resourceKinds = map[string]string{
	"namespaces":           "Namespace",
	"networkpolicies":      "NetworkPolicy",
	"pods":                 "Pod",
	"deployments":          "Deployment",
	"statefulsets":         "StatefulSet",
	"daemonsets":           "DaemonSet",
	"poddisruptionbudgets": "PodDisruptionBudget",
	"clusterrolebindings":  "ClusterRoleBinding",
	"rolebindings":         "RoleBinding",
	"ingresses":            "Ingress",
}

type projector struct {
	tenants map[string]string
	system  map[string]bool
	seen    map[string]bool
	c       *Cluster
}

func newProjector(scope Scope) *projector {
	system := scope.SystemNamespaces
	if system == nil {
		system = DefaultSystemNamespaces
	}
	p := &projector{
		tenants: scope.TenantNamespaces,
		system:  make(map[string]bool, len(system)),
		seen:    map[string]bool{},
		c: &Cluster{
			Present:                    make(map[string]bool, len(Keys)),
			Errors:                     map[string]string{},
			Namespaces:                 map[string]Namespace{},
			NetworkPoliciesByNamespace: map[string][]NetworkPolicy{},
			Pods:                       []Pod{},
			Workloads:                  []Workload{},
			PDBsByNamespace:            map[string][]PDB{},
			Bindings:                   []Binding{},
			Ingresses:                  []Ingress{},
		},
	}
	for _, ns := range system {
		p.system[ns] = true
	}
	for _, k := range Keys {
		p.c.Present[k] = false
	}
	return p
}

// inScope returns the tenant of a namespace and whether it is in scope.
func (p *projector) inScope(ns string) (string, bool) {
	if len(p.tenants) > 0 {
		t, ok := p.tenants[ns]
		return t, ok
	}
	return "", !p.system[ns]
}

// object is the part of any Kubernetes object the projection reads. The
// spec is kept raw and decoded by kind, since the same field names have
// different types in different kinds.
type object struct {
	Kind     string          `json:"kind"`
	Metadata objectMeta      `json:"metadata"`
	Spec     json.RawMessage `json:"spec"`
	Status   struct {
		CurrentNumberScheduled *int64 `json:"currentNumberScheduled"`
	} `json:"status"`
	RoleRef  struct{ Kind, Name string } `json:"roleRef"`
	Subjects []struct {
		Kind      string `json:"kind"`
		Name      string `json:"name"`
		Namespace string `json:"namespace"`
	} `json:"subjects"`
	// Items is set for lists.
	Items []object `json:"items"`
}

type objectMeta struct {
	Name            string            `json:"name"`
	Namespace       string            `json:"namespace"`
	Labels          map[string]string `json:"labels"`
	SelfLink        string            `json:"selfLink"`
	OwnerReferences []struct {
		Kind       string `json:"kind"`
		Controller *bool  `json:"controller"`
	} `json:"ownerReferences"`
}

func (p *projector) file(f File) error {
	data := bytes.TrimSpace(f.Data)
	if len(data) == 0 {
		return fmt.Errorf("empty file, expected kubectl get -o json output")
	}
	if key, ok := kindKeys[f.ItemKind]; ok {
		p.present(f.ItemKind, key)
	}
	if data[0] == '[' {
		var items []object
		if err := json.Unmarshal(data, &items); err != nil {
			return fmt.Errorf("decode JSON array of objects: %w", err)
		}
		for i := range items {
			if err := p.object(&items[i], f.ItemKind, f.Path+"#/"+strconv.Itoa(i)); err != nil {
				return err
			}
		}
		return nil
	}
	var o object
	if err := json.Unmarshal(data, &o); err != nil {
		return fmt.Errorf("decode object or list: %w", err)
	}
	if o.Items == nil && !strings.HasSuffix(o.Kind, "List") {
		return p.object(&o, f.ItemKind, f.Path+"#")
	}
	// A typed list (PodList) names the kind of its items even when it is
	// empty; a generic List tells nothing until it has items.
	itemKind := f.ItemKind
	if itemKind == "" && o.Kind != "List" {
		itemKind = strings.TrimSuffix(o.Kind, "List")
		if key, ok := kindKeys[itemKind]; ok {
			p.present(itemKind, key)
		}
	}
	for i := range o.Items {
		if err := p.object(&o.Items[i], itemKind, f.Path+"#/items/"+strconv.Itoa(i)); err != nil {
			return err
		}
	}
	return nil
}

// present marks the key of kind as present. Bindings count as present only
// with ClusterRoleBindings: RoleBindings alone cannot show who is
// cluster-admin, and a check must not pass on them.
func (p *projector) present(kind, key string) {
	if kind == "RoleBinding" {
		return
	}
	p.c.Present[key] = true
}

// inferKind names the kind of an object that lacks one, from the kind the
// file or its typed list names (itemKind) or the object's selfLink.
func inferKind(o *object, itemKind string) string {
	if o.Kind != "" {
		return o.Kind
	}
	if itemKind != "" {
		return itemKind
	}
	// /api/v1/namespaces/kube-system/pods/name, /apis/rbac.../clusterrolebindings/name
	link := strings.Split(strings.Trim(o.Metadata.SelfLink, "/"), "/")
	if len(link) < 2 {
		return ""
	}
	return resourceKinds[link[len(link)-2]]
}

func (p *projector) object(o *object, itemKind, ref string) error {
	kind := inferKind(o, itemKind)
	key, ok := kindKeys[kind]
	if !ok {
		return nil
	}
	p.present(kind, key)
	m := &o.Metadata
	id := kind + "/" + m.Namespace + "/" + m.Name
	if p.seen[id] {
		return nil
	}
	p.seen[id] = true
	var err error
	switch kind {
	case "Namespace":
		p.namespace(o, ref)
	case "NetworkPolicy":
		err = p.networkPolicy(o, ref)
	case "Pod":
		err = p.pod(o, ref)
	case "Deployment", "StatefulSet", "DaemonSet":
		err = p.workload(o, kind, ref)
	case "PodDisruptionBudget":
		err = p.pdb(o, ref)
	case "ClusterRoleBinding", "RoleBinding":
		p.binding(o, kind, ref)
	case "Ingress":
		err = p.ingress(o, ref)
	}
	if err != nil {
		return fmt.Errorf("%s %s %s: %w", ref, kind, qualified(m.Namespace, m.Name), err)
	}
	return nil
}

func qualified(ns, name string) string {
	if ns == "" {
		return name
	}
	return ns + "/" + name
}

// decodeSpec decodes a raw spec; an absent or null spec leaves v as is.
func decodeSpec(raw json.RawMessage, v any) error {
	if len(raw) == 0 {
		return nil
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("decode spec: %w", err)
	}
	return nil
}

func orEmpty(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

func (p *projector) namespace(o *object, ref string) {
	tenant, in := p.inScope(o.Metadata.Name)
	p.c.Namespaces[o.Metadata.Name] = Namespace{
		Labels:  orEmpty(o.Metadata.Labels),
		Tenant:  tenant,
		InScope: in,
		Ref:     ref,
	}
}

type labelSelector struct {
	MatchLabels      map[string]string `json:"matchLabels"`
	MatchExpressions []json.RawMessage `json:"matchExpressions"`
}

func (s *labelSelector) empty() bool {
	return s == nil || len(s.MatchLabels) == 0 && len(s.MatchExpressions) == 0
}

type networkPolicyRule struct {
	From  []json.RawMessage `json:"from"`
	To    []json.RawMessage `json:"to"`
	Ports []json.RawMessage `json:"ports"`
}

func (p *projector) networkPolicy(o *object, ref string) error {
	var spec struct {
		PodSelector *labelSelector      `json:"podSelector"`
		PolicyTypes []string            `json:"policyTypes"`
		Ingress     []networkPolicyRule `json:"ingress"`
		Egress      []networkPolicyRule `json:"egress"`
	}
	if err := decodeSpec(o.Spec, &spec); err != nil {
		return err
	}
	types := spec.PolicyTypes
	if len(types) == 0 {
		// Kubernetes default: Ingress always, Egress when egress rules exist.
		types = []string{"Ingress"}
		if len(spec.Egress) > 0 {
			types = append(types, "Egress")
		}
	}
	np := NetworkPolicy{
		Name:           o.Metadata.Name,
		SelectsAllPods: spec.PodSelector.empty(),
		PolicyTypes:    types,
		IngressRules:   len(spec.Ingress),
		EgressRules:    len(spec.Egress),
		Ref:            ref,
	}
	if slices.Contains(types, "Ingress") {
		for _, r := range spec.Ingress {
			if len(r.From) == 0 && len(r.Ports) == 0 {
				np.AllowsAllIngress = true
			}
		}
	}
	if slices.Contains(types, "Egress") {
		for _, r := range spec.Egress {
			if len(r.To) == 0 && len(r.Ports) == 0 {
				np.AllowsAllEgress = true
			}
		}
	}
	ns := o.Metadata.Namespace
	p.c.NetworkPoliciesByNamespace[ns] = append(p.c.NetworkPoliciesByNamespace[ns], np)
	return nil
}

type securityContext struct {
	Privileged   *bool  `json:"privileged"`
	RunAsUser    *int64 `json:"runAsUser"`
	RunAsNonRoot *bool  `json:"runAsNonRoot"`
}

type container struct {
	Name            string           `json:"name"`
	SecurityContext *securityContext `json:"securityContext"`
}

type podSpec struct {
	Containers          []container `json:"containers"`
	InitContainers      []container `json:"initContainers"`
	EphemeralContainers []container `json:"ephemeralContainers"`
	Volumes             []struct {
		Name     string `json:"name"`
		HostPath *struct {
			Path string `json:"path"`
		} `json:"hostPath"`
	} `json:"volumes"`
	HostNetwork     bool             `json:"hostNetwork"`
	HostPID         bool             `json:"hostPID"`
	HostIPC         bool             `json:"hostIPC"`
	SecurityContext *securityContext `json:"securityContext"`
}

func (p *projector) pod(o *object, ref string) error {
	var spec podSpec
	if err := decodeSpec(o.Spec, &spec); err != nil {
		return err
	}
	ns := o.Metadata.Namespace
	tenant, in := p.inScope(ns)
	pod := Pod{
		Namespace:            ns,
		Name:                 o.Metadata.Name,
		Tenant:               tenant,
		InScope:              in,
		PrivilegedContainers: []string{},
		HostPathVolumes:      []string{},
		HostNetwork:          spec.HostNetwork,
		HostPID:              spec.HostPID,
		HostIPC:              spec.HostIPC,
		RunAsRootContainers:  []string{},
		OwnerKind:            ownerKind(&o.Metadata),
		Ref:                  ref,
	}
	var podUser *int64
	var podNonRoot *bool
	if sc := spec.SecurityContext; sc != nil {
		podUser, podNonRoot = sc.RunAsUser, sc.RunAsNonRoot
	}
	for _, list := range [][]container{spec.InitContainers, spec.Containers, spec.EphemeralContainers} {
		for _, c := range list {
			user, nonRoot := podUser, podNonRoot
			if sc := c.SecurityContext; sc != nil {
				if sc.Privileged != nil && *sc.Privileged {
					pod.PrivilegedContainers = append(pod.PrivilegedContainers, c.Name)
				}
				if sc.RunAsUser != nil {
					user = sc.RunAsUser
				}
				if sc.RunAsNonRoot != nil {
					nonRoot = sc.RunAsNonRoot
				}
			}
			if (nonRoot == nil || !*nonRoot) && (user == nil || *user == 0) {
				pod.RunAsRootContainers = append(pod.RunAsRootContainers, c.Name)
			}
		}
	}
	for _, v := range spec.Volumes {
		if v.HostPath != nil {
			pod.HostPathVolumes = append(pod.HostPathVolumes, v.Name)
		}
	}
	slices.Sort(pod.PrivilegedContainers)
	slices.Sort(pod.RunAsRootContainers)
	slices.Sort(pod.HostPathVolumes)
	p.c.Pods = append(p.c.Pods, pod)
	return nil
}

// ownerKind is the kind of the controlling owner, else of the first owner.
func ownerKind(m *objectMeta) string {
	for _, r := range m.OwnerReferences {
		if r.Controller != nil && *r.Controller {
			return r.Kind
		}
	}
	if len(m.OwnerReferences) > 0 {
		return m.OwnerReferences[0].Kind
	}
	return ""
}

func (p *projector) workload(o *object, kind, ref string) error {
	var spec struct {
		Replicas *int64 `json:"replicas"`
		Template struct {
			Metadata struct {
				Labels map[string]string `json:"labels"`
			} `json:"metadata"`
		} `json:"template"`
	}
	if err := decodeSpec(o.Spec, &spec); err != nil {
		return err
	}
	replicas := spec.Replicas
	switch {
	case kind == "DaemonSet":
		replicas = o.Status.CurrentNumberScheduled
	case replicas == nil:
		one := int64(1) // the API server's default
		replicas = &one
	}
	ns := o.Metadata.Namespace
	tenant, in := p.inScope(ns)
	p.c.Workloads = append(p.c.Workloads, Workload{
		Kind:           kind,
		Namespace:      ns,
		Name:           o.Metadata.Name,
		Tenant:         tenant,
		InScope:        in,
		Replicas:       replicas,
		TemplateLabels: orEmpty(spec.Template.Metadata.Labels),
		Ref:            ref,
	})
	return nil
}

func (p *projector) pdb(o *object, ref string) error {
	var spec struct {
		Selector *labelSelector `json:"selector"`
	}
	if err := decodeSpec(o.Spec, &spec); err != nil {
		return err
	}
	if spec.Selector == nil {
		return nil // a null selector selects no pods (policy/v1)
	}
	ns := o.Metadata.Namespace
	p.c.PDBsByNamespace[ns] = append(p.c.PDBsByNamespace[ns], PDB{
		Name:        o.Metadata.Name,
		MatchLabels: orEmpty(spec.Selector.MatchLabels),
		Ref:         ref,
	})
	return nil
}

func (p *projector) binding(o *object, kind, ref string) {
	b := Binding{
		Kind:      kind,
		Namespace: o.Metadata.Namespace,
		Name:      o.Metadata.Name,
		RoleKind:  o.RoleRef.Kind,
		RoleName:  o.RoleRef.Name,
		Subjects:  make([]Subject, 0, len(o.Subjects)),
		Ref:       ref,
	}
	if kind == "ClusterRoleBinding" {
		b.Namespace = ""
	}
	for _, s := range o.Subjects {
		b.Subjects = append(b.Subjects, Subject{Kind: s.Kind, Name: s.Name, Namespace: s.Namespace})
	}
	p.c.Bindings = append(p.c.Bindings, b)
}

func (p *projector) ingress(o *object, ref string) error {
	var spec struct {
		DefaultBackend json.RawMessage `json:"defaultBackend"`
		Backend        json.RawMessage `json:"backend"` // extensions/v1beta1
		Rules          []struct {
			Host string `json:"host"`
		} `json:"rules"`
		TLS []struct {
			Hosts []string `json:"hosts"`
		} `json:"tls"`
	}
	if err := decodeSpec(o.Spec, &spec); err != nil {
		return err
	}
	hosts := []string{}
	for _, r := range spec.Rules {
		h := r.Host
		if h == "" {
			h = "*"
		}
		hosts = append(hosts, h)
	}
	if isSet(spec.DefaultBackend) || isSet(spec.Backend) {
		hosts = append(hosts, "*")
	}
	tls := []string{}
	for _, t := range spec.TLS {
		tls = append(tls, t.Hosts...)
	}
	ns := o.Metadata.Namespace
	tenant, in := p.inScope(ns)
	p.c.Ingresses = append(p.c.Ingresses, Ingress{
		Namespace: ns,
		Name:      o.Metadata.Name,
		Tenant:    tenant,
		InScope:   in,
		Hosts:     sortedUnique(hosts),
		TLSHosts:  sortedUnique(tls),
		Ref:       ref,
	})
	return nil
}

func isSet(raw json.RawMessage) bool {
	return len(raw) > 0 && string(raw) != "null"
}

func sortedUnique(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}

// finish sorts every list so the projection does not depend on file order
// beyond which duplicate wins.
func (p *projector) finish() *Cluster {
	c := p.c
	for _, l := range c.NetworkPoliciesByNamespace {
		slices.SortFunc(l, func(a, b NetworkPolicy) int { return cmp.Compare(a.Name, b.Name) })
	}
	for _, l := range c.PDBsByNamespace {
		slices.SortFunc(l, func(a, b PDB) int { return cmp.Compare(a.Name, b.Name) })
	}
	slices.SortFunc(c.Pods, func(a, b Pod) int {
		return cmp.Or(cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Name, b.Name))
	})
	slices.SortFunc(c.Workloads, func(a, b Workload) int {
		return cmp.Or(cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Name, b.Name))
	})
	slices.SortFunc(c.Bindings, func(a, b Binding) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Name, b.Name))
	})
	slices.SortFunc(c.Ingresses, func(a, b Ingress) int {
		return cmp.Or(cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Name, b.Name))
	})
	return c
}

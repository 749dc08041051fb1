package kubernetes

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nachweis/nachweis/evidence/internal/jsonscan"
	"github.com/nachweis/nachweis/evidence/internal/nstime"
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
	"Namespace":             KeyNamespaces,
	"NetworkPolicy":         KeyNetworkPolicies,
	"Pod":                   KeyPods,
	"Deployment":            KeyWorkloads,
	"StatefulSet":           KeyWorkloads,
	"DaemonSet":             KeyWorkloads,
	"PodDisruptionBudget":   KeyPodDisruptionBudgets,
	"ClusterRoleBinding":    KeyBindings,
	"RoleBinding":           KeyBindings,
	"Ingress":               KeyIngresses,
	"Node":                  KeyNodes,
	"StorageClass":          KeyStorageClasses,
	"PersistentVolumeClaim": KeyPVCs,
	"Role":                  KeyRoles,
	"ClusterRole":           KeyRoles,
	// Velero's kinds, only from the group velero.io (see isVelero).
	"Backup":                KeyVeleroBackups,
	"Schedule":              KeyVeleroSchedules,
	"BackupStorageLocation": KeyVeleroLocations,
}

// veleroKinds are the kinds read only from the API group velero.io:
// other projects have kinds of the same name (CloudNativePG's Backup).
var veleroKinds = map[string]bool{"Backup": true, "Schedule": true, "BackupStorageLocation": true}

// resourceKinds maps the resource names of selfLinks to kinds.
var resourceKinds = map[string]string{
	"namespaces":             "Namespace",
	"networkpolicies":        "NetworkPolicy",
	"pods":                   "Pod",
	"deployments":            "Deployment",
	"statefulsets":           "StatefulSet",
	"daemonsets":             "DaemonSet",
	"poddisruptionbudgets":   "PodDisruptionBudget",
	"clusterrolebindings":    "ClusterRoleBinding",
	"rolebindings":           "RoleBinding",
	"ingresses":              "Ingress",
	"nodes":                  "Node",
	"storageclasses":         "StorageClass",
	"persistentvolumeclaims": "PersistentVolumeClaim",
	"roles":                  "Role",
	"clusterroles":           "ClusterRole",
	"backups":                "Backup",
	"schedules":              "Schedule",
	"backupstoragelocations": "BackupStorageLocation",
}

type projector struct {
	tenants map[string]string
	system  map[string]bool
	seen    map[string]bool
	// roleKinds records which of Role and ClusterRole the files hold.
	roleKinds map[string]bool
	c         *Cluster
}

func newProjector(scope Scope) *projector {
	system := scope.SystemNamespaces
	if system == nil {
		system = DefaultSystemNamespaces
	}
	p := &projector{
		tenants:   scope.TenantNamespaces,
		system:    make(map[string]bool, len(system)),
		seen:      map[string]bool{},
		roleKinds: map[string]bool{},
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
			Nodes:                      []Node{},
			StorageClasses:             map[string]StorageClass{},
			PVCs:                       []PVC{},
			Roles:                      []Role{},
			VeleroBackups:              []VeleroBackup{},
			VeleroSchedules:            []VeleroSchedule{},
			VeleroLocations:            []VeleroLocation{},
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
// spec, the status and the top-level fields of single kinds are kept raw
// and decoded by kind, since the same field names have different types in
// different kinds.
type object struct {
	APIVersion string          `json:"apiVersion"`
	Kind       string          `json:"kind"`
	Metadata   objectMeta      `json:"metadata"`
	Spec       json.RawMessage `json:"spec"`
	Status     json.RawMessage `json:"status"`
	// Provisioner and Parameters are fields of a StorageClass.
	Provisioner json.RawMessage `json:"provisioner"`
	Parameters  json.RawMessage `json:"parameters"`
	// Rules are the rules of a Role or ClusterRole.
	Rules    json.RawMessage             `json:"rules"`
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
	Annotations     map[string]string `json:"annotations"`
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
			return jsonscan.Explain(data, err)
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
		return jsonscan.Explain(data, err)
	}
	if o.Items == nil && !strings.HasSuffix(o.Kind, "List") {
		return p.object(&o, f.ItemKind, f.Path+"#")
	}
	// A typed list (PodList) names the kind of its items even when it is
	// empty; a generic List tells nothing until it has items.
	itemKind := f.ItemKind
	if itemKind == "" && o.Kind != "List" {
		itemKind = strings.TrimSuffix(o.Kind, "List")
		if veleroKinds[itemKind] && !isVeleroAPIVersion(o.APIVersion) {
			itemKind = "" // e.g. CloudNativePG's BackupList
		}
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
// cluster-admin, and a check must not pass on them. Roles count as present
// only when both Roles and ClusterRoles were delivered, since a check of
// either alone would pass on what it did not see.
func (p *projector) present(kind, key string) {
	switch kind {
	case "RoleBinding":
		return
	case "Role", "ClusterRole":
		p.roleKinds[kind] = true
		p.c.Present[key] = p.roleKinds["Role"] && p.roleKinds["ClusterRole"]
		return
	}
	p.c.Present[key] = true
}

// isVelero reports whether an object of a Velero kind belongs to the API
// group velero.io: by its apiVersion, else by its selfLink; an object
// carrying neither took its kind from the file or its typed list, which
// were checked already.
func isVelero(o *object) bool {
	switch {
	case o.APIVersion != "":
		return isVeleroAPIVersion(o.APIVersion)
	case o.Metadata.SelfLink != "":
		return strings.HasPrefix(o.Metadata.SelfLink, "/apis/velero.io/")
	}
	return true
}

func isVeleroAPIVersion(v string) bool {
	return v == "" || strings.HasPrefix(v, "velero.io/")
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
	if !ok || veleroKinds[kind] && !isVelero(o) {
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
	case "Node":
		err = p.node(o, ref)
	case "StorageClass":
		err = p.storageClass(o, ref)
	case "PersistentVolumeClaim":
		err = p.pvc(o, ref)
	case "Role", "ClusterRole":
		err = p.role(o, kind, ref)
	case "Backup":
		err = p.veleroBackup(o, ref)
	case "Schedule":
		err = p.veleroSchedule(o, ref)
	case "BackupStorageLocation":
		err = p.veleroLocation(o, ref)
	}
	if err != nil {
		return jsonscan.AtObject(ref, kind+" "+qualified(m.Namespace, m.Name), err)
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
	return decodeRaw("spec", raw, v)
}

// decodeRaw decodes the raw field name; an absent or null field leaves v
// as is.
func decodeRaw(name string, raw json.RawMessage, v any) error {
	if len(raw) == 0 {
		return nil
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return jsonscan.Under(name, raw, err)
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
	From  []networkPolicyPeer `json:"from"`
	To    []json.RawMessage   `json:"to"`
	Ports []json.RawMessage   `json:"ports"`
}

type networkPolicyPeer struct {
	NamespaceSelector *labelSelector `json:"namespaceSelector"`
	IPBlock           *struct {
		CIDR   string   `json:"cidr"`
		Except []string `json:"except"`
	} `json:"ipBlock"`
}

// admitsAllNamespaces names the ingress rules and peers that admit traffic
// from every namespace.
func admitsAllNamespaces(rules []networkPolicyRule) []string {
	via := []string{}
	for i, r := range rules {
		rule := fmt.Sprintf("ingress rule %d", i+1)
		if len(r.From) == 0 {
			via = append(via, rule+": no from (any source)")
			continue
		}
		for _, peer := range r.From {
			if peer.NamespaceSelector != nil && peer.NamespaceSelector.empty() {
				via = append(via, rule+": namespaceSelector {}")
			}
			if b := peer.IPBlock; b != nil && (b.CIDR == "0.0.0.0/0" || b.CIDR == "::/0") && len(b.Except) == 0 {
				via = append(via, rule+": ipBlock "+b.CIDR)
			}
		}
	}
	return via
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
		Name:                   o.Metadata.Name,
		SelectsAllPods:         spec.PodSelector.empty(),
		PolicyTypes:            types,
		IngressRules:           len(spec.Ingress),
		EgressRules:            len(spec.Egress),
		AdmitsAllNamespacesVia: []string{},
		Ref:                    ref,
	}
	if slices.Contains(types, "Ingress") {
		for _, r := range spec.Ingress {
			if len(r.From) == 0 && len(r.Ports) == 0 {
				np.AllowsAllIngress = true
			}
		}
		np.AdmitsAllNamespacesVia = admitsAllNamespaces(spec.Ingress)
		np.AdmitsAllNamespaces = len(np.AdmitsAllNamespacesVia) > 0
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
	var status struct {
		CurrentNumberScheduled *int64 `json:"currentNumberScheduled"`
	}
	if kind == "DaemonSet" {
		if err := decodeRaw("status", o.Status, &status); err != nil {
			return err
		}
	}
	replicas := spec.Replicas
	switch {
	case kind == "DaemonSet":
		replicas = status.CurrentNumberScheduled
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
	slices.SortFunc(c.Nodes, func(a, b Node) int { return cmp.Compare(a.Name, b.Name) })
	slices.SortFunc(c.PVCs, func(a, b PVC) int {
		return cmp.Or(cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Name, b.Name))
	})
	slices.SortFunc(c.Roles, func(a, b Role) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Name, b.Name))
	})
	slices.SortFunc(c.VeleroBackups, func(a, b VeleroBackup) int {
		return cmp.Or(cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Name, b.Name))
	})
	slices.SortFunc(c.VeleroSchedules, func(a, b VeleroSchedule) int {
		return cmp.Or(cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Name, b.Name))
	})
	slices.SortFunc(c.VeleroLocations, func(a, b VeleroLocation) int {
		return cmp.Or(cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Name, b.Name))
	})
	return c
}

func (p *projector) node(o *object, ref string) error {
	var status struct {
		Conditions []struct {
			Type   string `json:"type"`
			Status string `json:"status"`
		} `json:"conditions"`
		NodeInfo struct {
			KubeletVersion string `json:"kubeletVersion"`
		} `json:"nodeInfo"`
	}
	if err := decodeRaw("status", o.Status, &status); err != nil {
		return err
	}
	labels := o.Metadata.Labels
	roles := []string{}
	for k := range labels {
		if r, ok := strings.CutPrefix(k, "node-role.kubernetes.io/"); ok && r != "" {
			roles = append(roles, r)
		}
	}
	if r := labels["kubernetes.io/role"]; r != "" {
		roles = append(roles, r)
	}
	roles = sortedUnique(roles)
	zone := labels["topology.kubernetes.io/zone"]
	if zone == "" {
		zone = labels["failure-domain.beta.kubernetes.io/zone"]
	}
	n := Node{
		Name:           o.Metadata.Name,
		Roles:          roles,
		ControlPlane:   slices.Contains(roles, "control-plane") || slices.Contains(roles, "master"),
		Zone:           zone,
		KubeletVersion: status.NodeInfo.KubeletVersion,
		Ref:            ref,
	}
	for _, c := range status.Conditions {
		if c.Type == "Ready" {
			ready := c.Status == "True"
			n.Ready = &ready
		}
	}
	p.c.Nodes = append(p.c.Nodes, n)
	return nil
}

// encryptionParam is a StorageClass parameter that turns on encryption
// when on reports true for its value.
type encryptionParam struct {
	key string // lower case; parameter keys are compared case-insensitively
	on  func(string) bool
}

func isTrue(v string) bool   { return strings.EqualFold(strings.TrimSpace(v), "true") }
func nonEmpty(v string) bool { return strings.TrimSpace(v) != "" }

// encryptionParams maps the provisioners nachweis knows to the parameters
// that make them encrypt the volumes they provision, as each driver
// documents it. Volumes of other provisioners (local-path, NFS, bare-metal
// disks) cannot declare encryption in the StorageClass.
var encryptionParams = map[string][]encryptionParam{
	"kubernetes.io/aws-ebs": {{"encrypted", isTrue}},
	"ebs.csi.aws.com":       {{"encrypted", isTrue}},
	// Customer-managed keys; Google encrypts every disk, but only a key
	// named here is declared in the cluster.
	"pd.csi.storage.gke.io":         {{"disk-encryption-kms-key", nonEmpty}},
	"disk.csi.azure.com":            {{"diskencryptionsetid", nonEmpty}},
	"rbd.csi.ceph.com":              {{"encrypted", isTrue}},
	"driver.longhorn.io":            {{"encrypted", isTrue}},
	"pxd.portworx.com":              {{"secure", isTrue}},
	"kubernetes.io/portworx-volume": {{"secure", isTrue}},
	// LUKS with the passphrase from the node-publish secret.
	"csi.hetzner.cloud":       {{"csi.storage.k8s.io/node-publish-secret-name", nonEmpty}},
	"csi.cloudscale.ch":       {{"csi.cloudscale.ch/luks-encrypted", isTrue}},
	"linodebs.csi.linode.com": {{"linodebs.csi.linode.com/luks-encrypted", isTrue}, {"linodebs.csi.linode.com/encrypted", isTrue}},
}

func (p *projector) storageClass(o *object, ref string) error {
	var provisioner string
	var params map[string]string
	if err := decodeRaw("provisioner", o.Provisioner, &provisioner); err != nil {
		return err
	}
	if err := decodeRaw("parameters", o.Parameters, &params); err != nil {
		return err
	}
	sc := StorageClass{
		Name:        o.Metadata.Name,
		Provisioner: provisioner,
		Parameters:  map[string]string{},
		Ref:         ref,
	}
	a := o.Metadata.Annotations
	sc.Default = isTrue(a["storageclass.kubernetes.io/is-default-class"]) || isTrue(a["storageclass.beta.kubernetes.io/is-default-class"])
	for _, ep := range encryptionParams[provisioner] {
		for k, v := range params {
			if strings.ToLower(k) != ep.key {
				continue
			}
			sc.Parameters[k] = v
			if ep.on(v) {
				sc.Encrypted = true
			}
		}
	}
	p.c.StorageClasses[sc.Name] = sc
	return nil
}

func (p *projector) pvc(o *object, ref string) error {
	var spec struct {
		StorageClassName *string `json:"storageClassName"`
	}
	if err := decodeSpec(o.Spec, &spec); err != nil {
		return err
	}
	ns := o.Metadata.Namespace
	tenant, in := p.inScope(ns)
	c := PVC{Namespace: ns, Name: o.Metadata.Name, Tenant: tenant, InScope: in, Ref: ref}
	if spec.StorageClassName != nil {
		c.StorageClass = *spec.StorageClassName
	}
	p.c.PVCs = append(p.c.PVCs, c)
	return nil
}

type policyRule struct {
	APIGroups       []string `json:"apiGroups"`
	Resources       []string `json:"resources"`
	ResourceNames   []string `json:"resourceNames"`
	NonResourceURLs []string `json:"nonResourceURLs"`
	Verbs           []string `json:"verbs"`
}

func (p *projector) role(o *object, kind, ref string) error {
	var rules []policyRule
	if err := decodeRaw("rules", o.Rules, &rules); err != nil {
		return err
	}
	r := Role{
		Kind:            kind,
		Namespace:       o.Metadata.Namespace,
		Name:            o.Metadata.Name,
		Default:         o.Metadata.Labels["kubernetes.io/bootstrapping"] == "rbac-defaults",
		WildcardVerbsOn: []string{},
		Ref:             ref,
	}
	if kind == "ClusterRole" {
		r.Namespace = ""
	} else {
		r.Tenant, r.InScope = p.inScope(r.Namespace)
	}
	for _, rule := range rules {
		allVerbs := slices.Contains(rule.Verbs, "*")
		if allVerbs {
			for _, g := range rule.APIGroups {
				for _, res := range rule.Resources {
					r.WildcardVerbsOn = append(r.WildcardVerbsOn, qualifiedResource(res, g))
				}
			}
			for _, u := range rule.NonResourceURLs {
				r.WildcardVerbsOn = append(r.WildcardVerbsOn, "url:"+u)
			}
		}
		if secretsWildcard(rule, allVerbs) {
			r.SecretsWildcard = true
		}
	}
	r.WildcardVerbsOn = sortedUnique(r.WildcardVerbsOn)
	p.c.Roles = append(p.c.Roles, r)
	return nil
}

// qualifiedResource names a resource as kubectl does: "pods" in the core
// group, "deployments.apps" in another one, "*.*" for all of all groups.
func qualifiedResource(resource, group string) string {
	if group == "" {
		return resource
	}
	return resource + "." + group
}

// secretsWildcard reports whether a rule lets read every Secret through a
// wildcard: verb "*" on secrets or on every resource, or get, list or
// watch on every resource, in the core group. A rule limited to
// resourceNames grants only the named objects.
func secretsWildcard(rule policyRule, allVerbs bool) bool {
	if len(rule.ResourceNames) > 0 {
		return false
	}
	if !slices.Contains(rule.APIGroups, "") && !slices.Contains(rule.APIGroups, "*") {
		return false
	}
	allResources := slices.Contains(rule.Resources, "*")
	if allVerbs {
		return allResources || slices.Contains(rule.Resources, "secrets")
	}
	if !allResources {
		return false
	}
	for _, v := range []string{"get", "list", "watch"} {
		if slices.Contains(rule.Verbs, v) {
			return true
		}
	}
	return false
}

// veleroBackupSpec holds the fields of a Velero BackupSpec (a Backup's
// spec, a Schedule's template) the checks read.
type veleroBackupSpec struct {
	IncludedNamespaces []string        `json:"includedNamespaces"`
	ExcludedNamespaces []string        `json:"excludedNamespaces"`
	IncludedResources  []string        `json:"includedResources"`
	LabelSelector      json.RawMessage `json:"labelSelector"`
	OrLabelSelectors   json.RawMessage `json:"orLabelSelectors"`
	StorageLocation    string          `json:"storageLocation"`
	TTL                string          `json:"ttl"`
}

// namespaces returns the included namespaces, ["*"] when none are named
// (Velero then backs up every namespace), and the excluded ones, each
// sorted and without duplicates.
func (s *veleroBackupSpec) namespaces() (included, excluded []string) {
	included = sortedUnique(append([]string{}, s.IncludedNamespaces...))
	if len(included) == 0 {
		included = []string{"*"}
	}
	return included, sortedUnique(append([]string{}, s.ExcludedNamespaces...))
}

// filtered reports whether the spec backs up only part of each namespace.
func (s *veleroBackupSpec) filtered() bool {
	if isSet(s.LabelSelector) || isSet(s.OrLabelSelectors) && string(s.OrLabelSelectors) != "[]" {
		return true
	}
	for _, r := range s.IncludedResources {
		if r != "*" {
			return true
		}
	}
	return false
}

// ttlSeconds parses a Velero TTL ("168h0m0s"); null when not set or zero,
// since the server's default TTL then applies.
func (s *veleroBackupSpec) ttlSeconds() (*int64, error) {
	if s.TTL == "" {
		return nil, nil
	}
	d, err := time.ParseDuration(s.TTL)
	if err != nil || d < 0 {
		return nil, fmt.Errorf("ttl %q: want a duration such as 168h0m0s", s.TTL)
	}
	if d == 0 {
		return nil, nil
	}
	secs := int64(d / time.Second)
	return &secs, nil
}

// timestampNS parses an RFC 3339 timestamp of the API server; null when
// empty.
func timestampNS(field, v string) (*int64, error) {
	if v == "" {
		return nil, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return nil, fmt.Errorf("%s %q: want an RFC 3339 time", field, v)
	}
	ns := nstime.Of(t)
	return &ns, nil
}

func (p *projector) veleroBackup(o *object, ref string) error {
	var spec veleroBackupSpec
	if err := decodeSpec(o.Spec, &spec); err != nil {
		return err
	}
	var status struct {
		Phase               string `json:"phase"`
		CompletionTimestamp string `json:"completionTimestamp"`
	}
	if err := decodeRaw("status", o.Status, &status); err != nil {
		return err
	}
	ttl, err := spec.ttlSeconds()
	if err != nil {
		return err
	}
	completion, err := timestampNS("completionTimestamp", status.CompletionTimestamp)
	if err != nil {
		return err
	}
	in, ex := spec.namespaces()
	p.c.VeleroBackups = append(p.c.VeleroBackups, VeleroBackup{
		Namespace:          o.Metadata.Namespace,
		Name:               o.Metadata.Name,
		Phase:              status.Phase,
		CompletionNS:       completion,
		IncludedNamespaces: in,
		ExcludedNamespaces: ex,
		Filtered:           spec.filtered(),
		Schedule:           o.Metadata.Labels["velero.io/schedule-name"],
		StorageLocation:    spec.StorageLocation,
		TTLS:               ttl,
		Ref:                ref,
	})
	return nil
}

func (p *projector) veleroSchedule(o *object, ref string) error {
	var spec struct {
		Schedule string           `json:"schedule"`
		Paused   bool             `json:"paused"`
		Template veleroBackupSpec `json:"template"`
	}
	if err := decodeSpec(o.Spec, &spec); err != nil {
		return err
	}
	var status struct {
		Phase string `json:"phase"`
	}
	if err := decodeRaw("status", o.Status, &status); err != nil {
		return err
	}
	ttl, err := spec.Template.ttlSeconds()
	if err != nil {
		return err
	}
	in, ex := spec.Template.namespaces()
	p.c.VeleroSchedules = append(p.c.VeleroSchedules, VeleroSchedule{
		Namespace:          o.Metadata.Namespace,
		Name:               o.Metadata.Name,
		Schedule:           spec.Schedule,
		Paused:             spec.Paused,
		Phase:              status.Phase,
		IncludedNamespaces: in,
		ExcludedNamespaces: ex,
		Filtered:           spec.Template.filtered(),
		StorageLocation:    spec.Template.StorageLocation,
		TTLS:               ttl,
		Ref:                ref,
	})
	return nil
}

// SiteKey is the label (or annotation) that declares the site of a Velero
// BackupStorageLocation, e.g. nachweis.io/site: FI-Helsinki.
const SiteKey = "nachweis.io/site"

func (p *projector) veleroLocation(o *object, ref string) error {
	var spec struct {
		Provider      string `json:"provider"`
		ObjectStorage struct {
			Bucket string `json:"bucket"`
		} `json:"objectStorage"`
		Config     map[string]string `json:"config"`
		Default    bool              `json:"default"`
		AccessMode string            `json:"accessMode"`
	}
	if err := decodeSpec(o.Spec, &spec); err != nil {
		return err
	}
	var status struct {
		Phase string `json:"phase"`
	}
	if err := decodeRaw("status", o.Status, &status); err != nil {
		return err
	}
	site := o.Metadata.Labels[SiteKey]
	if site == "" {
		site = o.Metadata.Annotations[SiteKey]
	}
	mode := spec.AccessMode
	if mode == "" {
		mode = "ReadWrite" // Velero's default
	}
	p.c.VeleroLocations = append(p.c.VeleroLocations, VeleroLocation{
		Namespace:  o.Metadata.Namespace,
		Name:       o.Metadata.Name,
		Provider:   spec.Provider,
		Bucket:     spec.ObjectStorage.Bucket,
		Region:     spec.Config["region"],
		Site:       strings.TrimSpace(site),
		Default:    spec.Default,
		AccessMode: mode,
		Phase:      status.Phase,
		Ref:        ref,
	})
	return nil
}

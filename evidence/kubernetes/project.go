package kubernetes

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/nachweis/nachweis/evidence/internal/jsonscan"
)

// KindList is the manifest item kind of kubectl get -o json output
// (evidence.KindKubernetesList). Files of other kinds are not projected.
const KindList = "kubernetes/list"

// File is one evidence file of a Kubernetes source.
type File struct {
	// Path is the bundle-relative path, used in refs.
	Path string
	// Kind is the manifest item kind; KindList and KindVersion are
	// projected.
	Kind string
	// ItemKind is the manifest's item_kind: the Kubernetes kind of the
	// file's objects when they do not carry one (sonobuoy arrays imported
	// with --kind kubernetes/Pod). Empty when not named.
	ItemKind string
	// Data is the file's content. When it is nil, Open and Read give it:
	// Open as a stream that fails at its end when the file is not what
	// the bundle's manifest lists (evidence.Bundle.OpenFile), Read whole
	// and verified (evidence.Bundle.ReadFile). Project streams each file
	// once and reads files whole only for what it cannot stream.
	Data []byte
	Open func() (io.ReadCloser, error)
	Read func() ([]byte, error)
}

// content returns the file's content: Data, else what Read returns.
func (f File) content() ([]byte, error) {
	if f.Data != nil || f.Read == nil {
		return f.Data, nil
	}
	return f.Read()
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
//
// Files are streamed (projectStream); when that cannot read them exactly
// as encoding/json would, they are read whole and decoded with
// encoding/json, which also explains any error in them.
func Project(files []File, scope Scope) (*Cluster, error) {
	if c, ok := projectStream(files, scope); ok {
		return c, nil
	}
	return projectRead(files, scope)
}

// projectRead is Project reading every file whole.
func projectRead(files []File, scope Scope) (*Cluster, error) {
	// Every file is read before any is decoded, so that a file that
	// cannot be read is reported before what is wrong inside another.
	files = slices.Clone(files)
	for i := range files {
		if files[i].Kind != KindVersion && files[i].Kind != KindList {
			continue
		}
		data, err := files[i].content()
		if err != nil {
			return nil, err
		}
		files[i].Data = data
	}
	p := newProjector(scope)
	for _, f := range files {
		if f.Kind == KindVersion {
			if err := p.version(f); err != nil {
				return nil, fmt.Errorf("project kubernetes version %s: %w", f.Path, err)
			}
			continue
		}
		if f.Kind != KindList {
			continue
		}
		p.path = f.Path
		if err := p.file(f); err != nil {
			return nil, fmt.Errorf("project kubernetes objects %s: %w", f.Path, err)
		}
	}
	return p.finish()
}

// kindKeys maps the object kinds the projection reads to their keys.
var kindKeys = map[string]string{
	"Namespace":             KeyNamespaces,
	"NetworkPolicy":         KeyNetworkPolicies,
	"Pod":                   KeyPods,
	"Deployment":            KeyWorkloads,
	"StatefulSet":           KeyWorkloads,
	"DaemonSet":             KeyWorkloads,
	"ReplicaSet":            KeyWorkloads,
	"Job":                   KeyWorkloads,
	"CronJob":               KeyWorkloads,
	"PodDisruptionBudget":   KeyPodDisruptionBudgets,
	"ClusterRoleBinding":    KeyBindings,
	"RoleBinding":           KeyBindings,
	"Ingress":               KeyIngresses,
	"Node":                  KeyNodes,
	"StorageClass":          KeyStorageClasses,
	"PersistentVolumeClaim": KeyPVCs,
	"Role":                  KeyRoles,
	"ClusterRole":           KeyRoles,
	"ResourceQuota":         KeyResourceQuotas,
	"LimitRange":            KeyLimitRanges,
	"Service":               KeyServices,
	"Secret":                KeySecrets,
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
	"replicasets":            "ReplicaSet",
	"jobs":                   "Job",
	"cronjobs":               "CronJob",
	"poddisruptionbudgets":   "PodDisruptionBudget",
	"clusterrolebindings":    "ClusterRoleBinding",
	"rolebindings":           "RoleBinding",
	"ingresses":              "Ingress",
	"nodes":                  "Node",
	"storageclasses":         "StorageClass",
	"persistentvolumeclaims": "PersistentVolumeClaim",
	"roles":                  "Role",
	"clusterroles":           "ClusterRole",
	"resourcequotas":         "ResourceQuota",
	"limitranges":            "LimitRange",
	"services":               "Service",
	"secrets":                "Secret",
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
	// pods and controllers are read before finishPodSpecs reports each
	// pod through its controller; controllers are keyed by ownerKey.
	pods        []podObject
	controllers map[string]*controller
	// peerSelectors holds the non-empty namespaceSelectors of the
	// ingress rules of each NetworkPolicy, by "<namespace>/<name>".
	peerSelectors map[string][]*labelSelector
	// path is the path of the file being read; secretFiles the files
	// that held Secrets (or a typed SecretList).
	path        string
	secretFiles map[string]bool
	c           *Cluster
}

func newProjector(scope Scope) *projector {
	system := scope.SystemNamespaces
	if system == nil {
		system = DefaultSystemNamespaces
	}
	p := &projector{
		tenants:       scope.TenantNamespaces,
		system:        make(map[string]bool, len(system)),
		seen:          map[string]bool{},
		roleKinds:     map[string]bool{},
		controllers:   map[string]*controller{},
		peerSelectors: map[string][]*labelSelector{},
		secretFiles:   map[string]bool{},
		c: &Cluster{
			Present:                    make(map[string]bool, len(Keys)),
			Errors:                     map[string]string{},
			Namespaces:                 map[string]Namespace{},
			NetworkPoliciesByNamespace: map[string][]NetworkPolicy{},
			Pods:                       []*PodSpec{},
			PodSpecsByNamespace:        map[string][]*PodSpec{},
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
			ResourceQuotasByNamespace:  map[string][]ResourceQuota{},
			LimitRangesByNamespace:     map[string][]LimitRange{},
			Services:                   []Service{},
			ServiceAccountTokens:       []ServiceAccountToken{},
			SecretFiles:                []string{},
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
	// Type is the type of a Secret.
	Type json.RawMessage `json:"type"`
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
	Name              string            `json:"name"`
	Namespace         string            `json:"namespace"`
	CreationTimestamp string            `json:"creationTimestamp"`
	Labels            map[string]string `json:"labels"`
	Annotations       map[string]string `json:"annotations"`
	SelfLink          string            `json:"selfLink"`
	OwnerReferences   []struct {
		Kind       string `json:"kind"`
		Name       string `json:"name"`
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
	case "Secret":
		p.secretFiles[p.path] = true
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
func isVelero(apiVersion, selfLink string) bool {
	switch {
	case apiVersion != "":
		return isVeleroAPIVersion(apiVersion)
	case selfLink != "":
		return strings.HasPrefix(selfLink, "/apis/velero.io/")
	}
	return true
}

func isVeleroAPIVersion(v string) bool {
	return v == "" || strings.HasPrefix(v, "velero.io/")
}

// inferKind names the kind of an object that lacks one, from the kind the
// file or its typed list names (itemKind) or the object's selfLink.
func inferKind(kind, selfLink, itemKind string) string {
	if kind != "" {
		return kind
	}
	if itemKind != "" {
		return itemKind
	}
	// /api/v1/namespaces/kube-system/pods/name, /apis/rbac.../clusterrolebindings/name
	link := strings.Split(strings.Trim(selfLink, "/"), "/")
	if len(link) < 2 {
		return ""
	}
	return resourceKinds[link[len(link)-2]]
}

func (p *projector) object(o *object, itemKind, ref string) error {
	m := &o.Metadata
	kind := inferKind(o.Kind, m.SelfLink, itemKind)
	if !p.admit(kind, o.APIVersion, m.SelfLink, m.Namespace, m.Name) {
		return nil
	}
	var err error
	switch kind {
	case "Namespace":
		p.namespace(o, ref)
	case "NetworkPolicy":
		err = p.networkPolicy(o, ref)
	case "Pod":
		err = p.pod(o, ref)
	case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob":
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
	case "ResourceQuota":
		err = p.resourceQuota(o, ref)
	case "LimitRange":
		err = p.limitRange(o, ref)
	case "Service":
		err = p.service(o, ref)
	case "Secret":
		err = p.secret(o, ref)
	}
	if err != nil {
		return jsonscan.AtObject(ref, kind+" "+qualified(m.Namespace, m.Name), err)
	}
	return nil
}

// admit decides whether an object of kind is projected: a kind the
// projection reads (Velero's only from velero.io), marked present, and
// not seen before (the first file wins).
func (p *projector) admit(kind, apiVersion, selfLink, ns, name string) bool {
	key, ok := kindKeys[kind]
	if !ok || veleroKinds[kind] && !isVelero(apiVersion, selfLink) {
		return false
	}
	p.present(kind, key)
	id := kind + "/" + ns + "/" + name
	if p.seen[id] {
		return false
	}
	p.seen[id] = true
	return true
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

func isSet(raw json.RawMessage) bool {
	return len(raw) > 0 && string(raw) != "null"
}

func sortedUnique(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}

// finish sorts every list so the projection does not depend on file order
// beyond which duplicate wins.
func (p *projector) finish() (*Cluster, error) {
	c := p.c
	for _, l := range c.NetworkPoliciesByNamespace {
		slices.SortFunc(l, func(a, b NetworkPolicy) int { return cmp.Compare(a.Name, b.Name) })
	}
	for _, l := range c.PDBsByNamespace {
		slices.SortFunc(l, func(a, b PDB) int { return cmp.Compare(a.Name, b.Name) })
	}
	if err := p.finishPodSpecs(); err != nil {
		return nil, fmt.Errorf("project kubernetes pod templates: %w", err)
	}
	p.finishStages()
	for f := range p.secretFiles {
		c.SecretFiles = append(c.SecretFiles, f+"#")
	}
	slices.Sort(c.SecretFiles)
	for _, l := range c.ResourceQuotasByNamespace {
		slices.SortFunc(l, func(a, b ResourceQuota) int { return cmp.Compare(a.Name, b.Name) })
	}
	for _, l := range c.LimitRangesByNamespace {
		slices.SortFunc(l, func(a, b LimitRange) int { return cmp.Compare(a.Name, b.Name) })
	}
	slices.SortFunc(c.Services, func(a, b Service) int {
		return cmp.Or(cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Name, b.Name))
	})
	slices.SortFunc(c.ServiceAccountTokens, func(a, b ServiceAccountToken) int {
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
	return c, nil
}

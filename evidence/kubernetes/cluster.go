package kubernetes

// Keys of Cluster.Present and Cluster.Errors, the field names of the
// contract's requires keys (kubernetes.<key>).
const (
	KeyNamespaces           = "namespaces"
	KeyNetworkPolicies      = "networkpolicies"
	KeyPods                 = "pods"
	KeyWorkloads            = "workloads"
	KeyPodDisruptionBudgets = "poddisruptionbudgets"
	KeyBindings             = "bindings"
	KeyIngresses            = "ingresses"
)

// Keys lists every key of Cluster.Present in contract order.
var Keys = []string{KeyNamespaces, KeyNetworkPolicies, KeyPods, KeyWorkloads, KeyPodDisruptionBudgets, KeyBindings, KeyIngresses}

// Cluster is the projection of one Kubernetes source, marshalled as
// input.kubernetes.<source>. Every map and slice is non-nil, so an empty
// cluster marshals as {} and [] rather than null.
type Cluster struct {
	// Present tells for each key of Keys whether the evidence holds objects
	// of that kind (an empty typed list counts; an empty generic List does
	// not).
	Present map[string]bool `json:"present"`
	// Errors holds collector errors by key. Project leaves it empty; the
	// engine fills it from the bundle manifest.
	Errors map[string]string `json:"errors"`
	// Namespaces are keyed by name.
	Namespaces map[string]Namespace `json:"namespaces"`
	// NetworkPoliciesByNamespace holds the policies of each namespace,
	// sorted by name.
	NetworkPoliciesByNamespace map[string][]NetworkPolicy `json:"networkpolicies_by_namespace"`
	// Pods are sorted by namespace and name.
	Pods []Pod `json:"pods"`
	// Workloads are Deployments, StatefulSets and DaemonSets, sorted by
	// namespace, kind and name.
	Workloads []Workload `json:"workloads"`
	// PDBsByNamespace holds the PodDisruptionBudgets of each namespace,
	// sorted by name.
	PDBsByNamespace map[string][]PDB `json:"pdbs_by_namespace"`
	// Bindings are ClusterRoleBindings and RoleBindings, sorted by kind,
	// namespace and name.
	Bindings []Binding `json:"bindings"`
	// Ingresses are sorted by namespace and name.
	Ingresses []Ingress `json:"ingresses"`
}

// Namespace is a namespace and its scope decision.
type Namespace struct {
	Labels map[string]string `json:"labels"`
	// Tenant is the owning tenant's id, "" when none.
	Tenant  string `json:"tenant"`
	InScope bool   `json:"in_scope"`
	Ref     string `json:"ref"`
}

// NetworkPolicy is a NetworkPolicy with its defaults resolved.
type NetworkPolicy struct {
	Name string `json:"name"`
	// SelectsAllPods is true for an empty podSelector.
	SelectsAllPods bool `json:"selects_all_pods"`
	// PolicyTypes is spec.policyTypes, or when absent the Kubernetes
	// default: Ingress, plus Egress when the policy has egress rules.
	PolicyTypes  []string `json:"policy_types"`
	IngressRules int      `json:"ingress_rules"`
	EgressRules  int      `json:"egress_rules"`
	// AllowsAllIngress is true when the policy governs ingress and has an
	// ingress rule without peers and ports ({}), which admits everything.
	AllowsAllIngress bool `json:"allows_all_ingress"`
	// AllowsAllEgress is the same for egress.
	AllowsAllEgress bool   `json:"allows_all_egress"`
	Ref             string `json:"ref"`
}

// Pod holds the security-relevant facts of a pod. Container lists include
// init and ephemeral containers and are sorted by name.
type Pod struct {
	Namespace            string   `json:"namespace"`
	Name                 string   `json:"name"`
	Tenant               string   `json:"tenant"`
	InScope              bool     `json:"in_scope"`
	PrivilegedContainers []string `json:"privileged_containers"`
	HostPathVolumes      []string `json:"host_path_volumes"`
	HostNetwork          bool     `json:"host_network"`
	HostPID              bool     `json:"host_pid"`
	HostIPC              bool     `json:"host_ipc"`
	// RunAsRootContainers are the containers whose effective runAsNonRoot
	// is not true and whose effective runAsUser is 0 or unset (the image
	// may run as root), with the pod's securityContext as default.
	RunAsRootContainers []string `json:"run_as_root_containers"`
	// OwnerKind is the kind of the controlling owner (or the first owner),
	// "" for a bare pod.
	OwnerKind string `json:"owner_kind"`
	Ref       string `json:"ref"`
}

// Workload is a Deployment, StatefulSet or DaemonSet.
type Workload struct {
	Kind      string `json:"kind"`
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
	Tenant    string `json:"tenant"`
	InScope   bool   `json:"in_scope"`
	// Replicas is spec.replicas (Kubernetes default 1 when absent); for a
	// DaemonSet the number of scheduled pods, null when not reported.
	Replicas       *int64            `json:"replicas"`
	TemplateLabels map[string]string `json:"template_labels"`
	Ref            string            `json:"ref"`
}

// PDB is a PodDisruptionBudget. A budget whose selector is null selects no
// pods and is left out.
type PDB struct {
	Name        string            `json:"name"`
	MatchLabels map[string]string `json:"match_labels"`
	Ref         string            `json:"ref"`
}

// Binding is a ClusterRoleBinding ("" namespace) or a RoleBinding.
type Binding struct {
	Kind      string    `json:"kind"`
	Namespace string    `json:"namespace"`
	Name      string    `json:"name"`
	RoleKind  string    `json:"role_kind"`
	RoleName  string    `json:"role_name"`
	Subjects  []Subject `json:"subjects"`
	Ref       string    `json:"ref"`
}

// Subject is a subject of a binding; Namespace is set for ServiceAccounts.
type Subject struct {
	Kind      string `json:"kind"`
	Name      string `json:"name"`
	Namespace string `json:"namespace"`
}

// Ingress is an Ingress with the hosts it routes and the hosts its TLS
// sections cover, each sorted and without duplicates. A rule without a host
// or a default backend serves every host and appears as "*", which no TLS
// section covers, so a catch-all Ingress cannot pass a TLS check unseen.
type Ingress struct {
	Namespace string   `json:"namespace"`
	Name      string   `json:"name"`
	Tenant    string   `json:"tenant"`
	InScope   bool     `json:"in_scope"`
	Hosts     []string `json:"hosts"`
	TLSHosts  []string `json:"tls_hosts"`
	Ref       string   `json:"ref"`
}

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
	KeyNodes                = "nodes"
	KeyStorageClasses       = "storageclasses"
	KeyPVCs                 = "persistentvolumeclaims"
	KeyRoles                = "roles"
	KeyVeleroBackups        = "velero_backups"
	KeyVeleroSchedules      = "velero_schedules"
	KeyVeleroLocations      = "velero_backupstoragelocations"
	KeyResourceQuotas       = "resourcequotas"
	KeyLimitRanges          = "limitranges"
	KeyServices             = "services"
	KeySecrets              = "secrets"
	KeyVersion              = "version"
)

// Keys lists every key of Cluster.Present in contract order.
var Keys = []string{
	KeyNamespaces, KeyNetworkPolicies, KeyPods, KeyWorkloads, KeyPodDisruptionBudgets, KeyBindings, KeyIngresses,
	KeyNodes, KeyStorageClasses, KeyPVCs, KeyRoles, KeyVeleroBackups, KeyVeleroSchedules, KeyVeleroLocations,
	KeyResourceQuotas, KeyLimitRanges, KeyServices, KeySecrets, KeyVersion,
}

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
	// Pods holds every pod's own settings, sorted by namespace and name,
	// before the pods are reported through their controllers. It is not
	// part of the input: the checks read PodSpecsByNamespace.
	Pods []*PodSpec `json:"-"`
	// PodSpecsByNamespace holds, per namespace, the pod templates of
	// the controllers the pod checks assess (Deployments, StatefulSets,
	// DaemonSets, CronJobs, ReplicaSets whose Deployment and Jobs whose
	// CronJob is not in the evidence) and the pods not reported through
	// one of them, sorted by kind and name. A pod of such a controller
	// adds the settings its template lacks to the controller's spec.
	PodSpecsByNamespace map[string][]*PodSpec `json:"pod_specs_by_namespace"`
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
	// Nodes are sorted by name.
	Nodes []Node `json:"nodes"`
	// StorageClasses are keyed by name.
	StorageClasses map[string]StorageClass `json:"storageclasses"`
	// PVCs are sorted by namespace and name.
	PVCs []PVC `json:"persistentvolumeclaims"`
	// Roles are Roles and ClusterRoles, sorted by kind, namespace and name.
	Roles []Role `json:"roles"`
	// VeleroBackups are sorted by namespace and name.
	VeleroBackups []VeleroBackup `json:"velero_backups"`
	// VeleroSchedules are sorted by namespace and name.
	VeleroSchedules []VeleroSchedule `json:"velero_schedules"`
	// VeleroLocations are the BackupStorageLocations, sorted by namespace
	// and name.
	VeleroLocations []VeleroLocation `json:"velero_backupstoragelocations"`
	// ResourceQuotasByNamespace and LimitRangesByNamespace hold those of
	// each namespace, sorted by name.
	ResourceQuotasByNamespace map[string][]ResourceQuota `json:"resourcequotas_by_namespace"`
	LimitRangesByNamespace    map[string][]LimitRange    `json:"limitranges_by_namespace"`
	// Services are sorted by namespace and name.
	Services []Service `json:"services"`
	// ServiceAccountTokens are the Secrets of type
	// kubernetes.io/service-account-token, sorted by namespace and name;
	// other Secrets are left out.
	ServiceAccountTokens []ServiceAccountToken `json:"service_account_tokens"`
	// SecretFiles refers to the files the Secrets were read from
	// ("<file>#"), sorted: the evidence that no token was found.
	SecretFiles []string `json:"secret_files"`
	// Version is the API server's version, null when not collected.
	Version *Version `json:"version"`
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
	AllowsAllEgress bool `json:"allows_all_egress"`
	// AdmitsAllNamespaces is true when the policy governs ingress and one
	// of its ingress rules admits traffic from every namespace: a rule
	// without from (any source), a peer with an empty namespaceSelector
	// ({}, with or without podSelector), or an ipBlock of 0.0.0.0/0 or
	// ::/0 without except.
	AdmitsAllNamespaces bool `json:"admits_all_namespaces"`
	// AdmitsAllNamespacesVia names each such rule or peer, e.g.
	// "ingress rule 2: namespaceSelector {}"; rules count from 1.
	AdmitsAllNamespacesVia []string `json:"admits_all_namespaces_via"`
	// AdmitsTenantNamespaces lists, sorted, the other namespaces of the
	// policy's tenant that a namespaceSelector of an ingress rule
	// selects (by their labels); empty for a namespace without tenant.
	// A namespace the evidence does not hold cannot be matched.
	AdmitsTenantNamespaces []string `json:"admits_tenant_namespaces"`
	Ref                    string   `json:"ref"`
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

// Node is a node with its roles, zone and readiness.
type Node struct {
	Name string `json:"name"`
	// Roles are the names of the node-role.kubernetes.io/<role> labels
	// and the value of the legacy kubernetes.io/role label, sorted.
	Roles []string `json:"roles"`
	// ControlPlane is true for the role control-plane or the legacy
	// role master.
	ControlPlane bool `json:"control_plane"`
	// Zone is the topology.kubernetes.io/zone label, else the deprecated
	// failure-domain.beta.kubernetes.io/zone label; "" when neither is set.
	Zone string `json:"zone"`
	// Region is the topology.kubernetes.io/region label, else the
	// deprecated failure-domain.beta.kubernetes.io/region label; ""
	// when neither is set.
	Region string `json:"region"`
	// Labels are all labels of the node, for a configured location label.
	Labels map[string]string `json:"labels"`
	// Ready is the status of the Ready condition ("True" is true), null
	// when the node reports no Ready condition.
	Ready          *bool  `json:"ready"`
	KubeletVersion string `json:"kubelet_version"`
	// KubeletMinor is the kubelet's minor version "<major>.<minor>"
	// (1.31), "" when the version cannot be read.
	KubeletMinor string `json:"kubelet_minor"`
	Ref          string `json:"ref"`
}

// StorageClass is a StorageClass and whether it declares encryption of the
// volumes it provisions.
type StorageClass struct {
	Name        string `json:"name"`
	Provisioner string `json:"provisioner"`
	// Default is true when the class is annotated as the default class
	// (storageclass.kubernetes.io/is-default-class, or the beta
	// annotation, "true").
	Default bool `json:"default"`
	// Parameters are the encryption parameters the provisioner reads,
	// as far as set (see encryptionParams); other parameters are left
	// out.
	Parameters map[string]string `json:"parameters"`
	// Encrypted is true when a parameter of its provisioner turns on
	// encryption (see encryptionParams). A provisioner nachweis does not
	// know never counts as encrypted.
	Encrypted bool   `json:"encrypted"`
	Ref       string `json:"ref"`
}

// PVC is a PersistentVolumeClaim.
type PVC struct {
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
	Tenant    string `json:"tenant"`
	InScope   bool   `json:"in_scope"`
	// StorageClass is spec.storageClassName; "" when it is empty or not
	// set (a pre-provisioned volume, or no class assigned yet).
	StorageClass string `json:"storage_class"`
	Ref          string `json:"ref"`
}

// Role is a Role or a ClusterRole ("" namespace), reduced to the grants
// the checks look for.
type Role struct {
	Kind      string `json:"kind"`
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
	// Tenant and InScope are those of a Role's namespace; a ClusterRole
	// has no tenant and is not in scope.
	Tenant  string `json:"tenant"`
	InScope bool   `json:"in_scope"`
	// Default is true for the roles Kubernetes itself creates, labelled
	// kubernetes.io/bootstrapping=rbac-defaults.
	Default bool `json:"default"`
	// WildcardVerbsOn lists, sorted, what a rule with verb "*" applies to:
	// "<resource>" for the core group, "<resource>.<group>" otherwise
	// ("*.*" is every resource of every group), and "url:<path>" for
	// nonResourceURLs.
	WildcardVerbsOn []string `json:"wildcard_verbs_on"`
	// SecretsWildcard is true when a rule without resourceNames lets
	// read all Secrets through a wildcard: apiGroups "" or "*", and either
	// verb "*" on resources "secrets" or "*", or get, list or watch on
	// resource "*".
	SecretsWildcard bool   `json:"secrets_wildcard"`
	Ref             string `json:"ref"`
}

// VeleroBackup is a Velero Backup (velero.io/v1).
type VeleroBackup struct {
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
	// Phase is status.phase, "" when not reported.
	Phase string `json:"phase"`
	// CompletionNS is status.completionTimestamp, null when not reported.
	CompletionNS *int64 `json:"completion_ns"`
	// IncludedNamespaces is spec.includedNamespaces, ["*"] when empty or
	// absent (Velero backs up every namespace then), sorted.
	IncludedNamespaces []string `json:"included_namespaces"`
	// ExcludedNamespaces is spec.excludedNamespaces, sorted.
	ExcludedNamespaces []string `json:"excluded_namespaces"`
	// Filtered is true when a labelSelector, orLabelSelectors or
	// includedResources other than "*" restrict the backup to part of
	// each namespace.
	Filtered bool `json:"filtered"`
	// Schedule is the velero.io/schedule-name label, "" for a backup made
	// by hand.
	Schedule string `json:"schedule"`
	// StorageLocation is spec.storageLocation, "" when not set (the
	// default location).
	StorageLocation string `json:"storage_location"`
	// TTLS is spec.ttl in seconds, null when not set or zero (the
	// server's default applies).
	TTLS *int64 `json:"ttl_s"`
	Ref  string `json:"ref"`
}

// VeleroSchedule is a Velero Schedule (velero.io/v1); the backup fields
// are those of its template.
type VeleroSchedule struct {
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
	// Schedule is the cron expression.
	Schedule string `json:"schedule"`
	Paused   bool   `json:"paused"`
	// Phase is status.phase (New, Enabled, FailedValidation), "" when
	// not reported.
	Phase              string   `json:"phase"`
	IncludedNamespaces []string `json:"included_namespaces"`
	ExcludedNamespaces []string `json:"excluded_namespaces"`
	Filtered           bool     `json:"filtered"`
	StorageLocation    string   `json:"storage_location"`
	TTLS               *int64   `json:"ttl_s"`
	Ref                string   `json:"ref"`
}

// VeleroLocation is a Velero BackupStorageLocation (velero.io/v1).
type VeleroLocation struct {
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
	Provider  string `json:"provider"`
	Bucket    string `json:"bucket"`
	// Region is spec.config.region, "" when not set.
	Region string `json:"region"`
	// Site is the nachweis.io/site label, else annotation, that declares
	// where the location is, as "<country>-<place>" (e.g. FI-Helsinki);
	// "" when not declared.
	Site string `json:"site"`
	// Default is spec.default.
	Default bool `json:"default"`
	// AccessMode is spec.accessMode, ReadWrite when not set.
	AccessMode string `json:"access_mode"`
	// Phase is status.phase (Available, Unavailable), "" when not
	// reported.
	Phase string `json:"phase"`
	Ref   string `json:"ref"`
}

// ResourceQuota is a ResourceQuota with the resources it limits.
type ResourceQuota struct {
	Name string `json:"name"`
	// Hard lists the resources of spec.hard, sorted, e.g. limits.memory,
	// pods, requests.cpu.
	Hard []string `json:"hard"`
	Ref  string   `json:"ref"`
}

// LimitRange is a LimitRange with the memory defaults and limits it sets
// for containers.
type LimitRange struct {
	Name string `json:"name"`
	// DefaultMemoryLimit is the default.memory of a limit of type
	// Container, which admission gives every container without a memory
	// limit; "" when none is set.
	DefaultMemoryLimit string `json:"default_memory_limit"`
	// MaxMemory is the max.memory of a limit of type Container; "" when
	// none is set.
	MaxMemory string `json:"max_memory"`
	Ref       string `json:"ref"`
}

// Service is a Service and how it is published.
type Service struct {
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
	Tenant    string `json:"tenant"`
	InScope   bool   `json:"in_scope"`
	// Type is spec.type, ClusterIP when not set.
	Type string `json:"type"`
	// NodePorts are the node ports of a NodePort or LoadBalancer service.
	NodePorts []int  `json:"node_ports"`
	Ref       string `json:"ref"`
}

// ServiceAccountToken is a Secret of type
// kubernetes.io/service-account-token: a long-lived token of a service
// account. Only its metadata is read.
type ServiceAccountToken struct {
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
	Tenant    string `json:"tenant"`
	InScope   bool   `json:"in_scope"`
	// CreatedNS is metadata.creationTimestamp, null when not recorded.
	CreatedNS *int64 `json:"created_ns"`
	Ref       string `json:"ref"`
}

// Version is the API server's version (GET /version, or kubectl version
// -o json's serverVersion).
type Version struct {
	GitVersion string `json:"git_version"`
	// Minor is "<major>.<minor>" (1.31), from major and minor, else from
	// gitVersion; "" when neither can be read.
	Minor string `json:"minor"`
	Ref   string `json:"ref"`
}

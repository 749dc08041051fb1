package kubernetes

// resource is one API resource the collector lists, cluster-wide (all
// namespaces for namespaced resources).
type resource struct {
	group, version, name string
	// kind is the kind of the resource's objects; the stored file is a
	// typed list of it (PodList), so that an empty list still shows that
	// the resource was listed.
	kind string
	// key is the input key (Source.Errors, Cluster.Present) the objects
	// serve; several resources may share one (workloads, bindings).
	key string
	// metadataOnly lists names, labels and type but never the content
	// (Secrets, ConfigMaps): the server sends a table of metadata, so
	// values never leave it.
	metadataOnly bool
}

// path is the cluster-wide list path of r.
func (r resource) path() string {
	if r.group == "" {
		return "/api/" + r.version + "/" + r.name
	}
	return "/apis/" + r.group + "/" + r.version + "/" + r.name
}

// groupVersion is the apiVersion of r's objects.
func (r resource) groupVersion() string {
	if r.group == "" {
		return r.version
	}
	return r.group + "/" + r.version
}

// String names r as kubectl does: pods, deployments.apps.
func (r resource) String() string {
	if r.group == "" {
		return r.name
	}
	return r.name + "." + r.group
}

// origin is the file name of r in the bundle.
func (r resource) origin() string {
	if r.group == veleroGroup {
		return "velero-" + r.name + ".json"
	}
	return r.name + ".json"
}

// Input keys of the resources whose key the projection does not name
// itself. They are the resource names, so that a check requiring
// kubernetes.<key> becomes no-evidence when the resource could not be
// listed.
const (
	keyVersion           = KeyVersion
	keyPersistentVolumes = "persistentvolumes"
	keyServices          = KeyServices
	keyServiceAccounts   = "serviceaccounts"
	keySecrets           = KeySecrets
	keyConfigMaps        = "configmaps"
)

// builtinResources are listed on every cluster, in this order.
var builtinResources = []resource{
	{"", "v1", "namespaces", "Namespace", KeyNamespaces, false},
	{"networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", KeyNetworkPolicies, false},
	{"", "v1", "pods", "Pod", KeyPods, false},
	{"apps", "v1", "deployments", "Deployment", KeyWorkloads, false},
	{"apps", "v1", "statefulsets", "StatefulSet", KeyWorkloads, false},
	{"apps", "v1", "daemonsets", "DaemonSet", KeyWorkloads, false},
	{"apps", "v1", "replicasets", "ReplicaSet", KeyWorkloads, false},
	{"batch", "v1", "jobs", "Job", KeyWorkloads, false},
	{"batch", "v1", "cronjobs", "CronJob", KeyWorkloads, false},
	{"policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", KeyPodDisruptionBudgets, false},
	{"", "v1", "nodes", "Node", KeyNodes, false},
	{"", "v1", "persistentvolumes", "PersistentVolume", keyPersistentVolumes, false},
	{"", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", KeyPVCs, false},
	{"storage.k8s.io", "v1", "storageclasses", "StorageClass", KeyStorageClasses, false},
	{"networking.k8s.io", "v1", "ingresses", "Ingress", KeyIngresses, false},
	{"", "v1", "services", "Service", keyServices, false},
	{"rbac.authorization.k8s.io", "v1", "roles", "Role", KeyRoles, false},
	{"rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", KeyRoles, false},
	{"rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", KeyBindings, false},
	{"rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", KeyBindings, false},
	{"", "v1", "serviceaccounts", "ServiceAccount", keyServiceAccounts, false},
	{"", "v1", "secrets", "Secret", keySecrets, true},
	{"", "v1", "resourcequotas", "ResourceQuota", KeyResourceQuotas, false},
	{"", "v1", "limitranges", "LimitRange", KeyLimitRanges, false},
	{"", "v1", "configmaps", "ConfigMap", keyConfigMaps, true},
}

// veleroGroup is the API group of Velero's custom resources.
const (
	veleroGroup   = "velero.io"
	veleroVersion = "v1"
)

// veleroResources are listed when the cluster serves velero.io/v1.
var veleroResources = []resource{
	{veleroGroup, veleroVersion, "backups", "Backup", KeyVeleroBackups, false},
	{veleroGroup, veleroVersion, "schedules", "Schedule", KeyVeleroSchedules, false},
	{veleroGroup, veleroVersion, "backupstoragelocations", "BackupStorageLocation", KeyVeleroLocations, false},
}

// CollectedResources names every resource the collector lists, as
// kubectl names them (pods, deployments.apps, backups.velero.io): what
// the collector's credentials must be allowed to get and list.
func CollectedResources() []string {
	out := make([]string, 0, len(builtinResources)+len(veleroResources))
	for _, r := range builtinResources {
		out = append(out, r.String())
	}
	for _, r := range veleroResources {
		out = append(out, r.String())
	}
	return out
}

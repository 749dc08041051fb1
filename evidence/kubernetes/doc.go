// Package kubernetes projects the Kubernetes objects of an evidence bundle
// (kubectl get -o json output and sonobuoy dumps) to the compact value the
// policies read as input.kubernetes.<source> (see policies/CONTRACT.md).
//
// The projection keeps only the fields the checks use, resolves defaults
// the API server would apply (NetworkPolicy policyTypes, pod-level
// securityContext), decides once per namespace whether it is in scope and
// which tenant owns it, and builds the lookups the checks index by
// (NetworkPolicies, PodDisruptionBudgets, pod specs, ResourceQuotas and
// LimitRanges by namespace). It is linear in the number of objects, so a
// cluster of 100k objects does not reach OPA as raw JSON.
//
// Workloads are assessed as declared: the pod template of every
// Deployment, StatefulSet, DaemonSet and CronJob, of a ReplicaSet whose
// Deployment and of a Job whose CronJob is not in the evidence, and every
// pod not made by one of them, becomes a PodSpec with the settings the pod
// checks read, each naming its container and field. A pod of such a
// controller (through its ReplicaSet or Job, or through the
// pod-template-hash when the ReplicaSet is missing) is reported through
// the controller and adds only what its template lacks, so 30 replicas
// give one spec and a privileged Deployment without pods still fails.
//
// Every projected object carries ref, the bundle-relative file and the JSON
// pointer of the object it came from, so a result can name its evidence.
//
// Collect is the live side: it lists a cluster's resources through
// client-go's REST client (configured from a kubeconfig, or in-cluster, as
// the dynamic client is; no typed clients, which would pull in every API
// package) and returns them as a bundle source in the same shape kubectl
// get -o json gives, one typed list per resource, so the projection reads
// collected and imported evidence alike. Secrets are listed through the
// server's metadata table, so their values never leave the cluster; the
// literals of workloads (env values, command, args, last-applied
// annotations) are removed when the bundle is written (evidence.Write).
// Every message is scrubbed of the credentials the transport sent,
// including an exec credential plugin's token (see captureAuth).
package kubernetes

// Package kubernetes projects the Kubernetes objects of an evidence bundle
// (kubectl get -o json output and sonobuoy dumps) to the compact value the
// policies read as input.kubernetes.<source> (see policies/CONTRACT.md).
//
// The projection keeps only the fields the checks use, resolves defaults
// the API server would apply (NetworkPolicy policyTypes, pod-level
// securityContext), decides once per namespace whether it is in scope and
// which tenant owns it, and builds the lookups the checks index by
// (NetworkPolicies and PodDisruptionBudgets by namespace). It is linear in
// the number of objects, so a cluster of 100k objects does not reach OPA
// as raw JSON.
//
// Every projected object carries ref, the bundle-relative file and the JSON
// pointer of the object it came from, so a result can name its evidence.
package kubernetes

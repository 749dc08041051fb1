// Package scaletest generates a synthetic but realistic provider for
// benchmarks and scale tests: an evidence bundle of N tenants and the
// nachweis.yaml that names them.
//
// Each tenant has a namespace with about 45 Kubernetes objects (the lists
// kubectl get -A -o json prints: namespaces, NetworkPolicies, Deployments,
// PodDisruptionBudgets, Pods, Ingresses, RoleBindings; the cluster adds its
// ClusterRoleBindings) and daily restic snapshots tagged with the tenant in
// a primary repository (fsn1 or nbg1) and an off-site one (hel1). A few
// percent of the tenants fail on purpose; Want records what was made to
// fail as the result resources the checks report, so a test can prove the
// generated provider is read as intended.
//
// The output is a pure function of the number of tenants: the same n
// gives a byte-identical bundle (same manifest digest) and configuration.
//
// The policies package uses it for BenchmarkCheckScale and
// TestCheckScaleSmall (and its Kubernetes objects for the real-apiserver
// collect benchmark), cmd/nachweis for benchmarks of the documents
// rendered per tenant. Only tests and benchmarks import this package.
package scaletest

package scaletest

// Want holds what the generator made fail, as the result resources the
// checks report ("prod/namespace/kunde-0003-stage",
// "backup/tenant/kunde-0009"). Each list is in generation order; sort
// before comparing.
type Want struct {
	NetpolFail    []string // K8S-NET-01: no default-deny policy for ingress and egress
	IngressFail   []string // K8S-ING-01: a host without TLS
	Privileged    []string // K8S-POD-01: workloads with a privileged container (the log shipper's DaemonSet)
	HostNetwork   []string // K8S-POD-03: pods of their own with hostNetwork
	AvailFail     []string // K8S-AVAIL-01: production deployments with 1 replica or no PDB
	StaleTenants  []string // BAK-FRESH-01: tenants whose newest snapshot is too old
	NoBackup      []string // BAK-FRESH-01: tenants without any snapshot (no-evidence)
	AdminBindings []string // K8S-RBAC-01: cluster-admin bindings to subjects not allowed (sorted)
	Namespaces    int      // tenant namespaces generated, one per tenant
}

// Which tenant gets which defect: a few percent each, spread so that
// every kind of defect occurs in a 20-tenant provider.
func noNetpol(i int) bool      { return i%17 == 3 }  // only an allow policy
func ingressDeny(i int) bool   { return i%29 == 5 }  // default-deny for ingress only
func isStage(i int) bool       { return i%4 == 3 }   // a staging, not a production, namespace
func workerSingle(i int) bool  { return i%7 == 0 }   // worker Deployment with 1 replica
func workerNoPDB(i int) bool   { return i%9 == 4 }   // worker without PodDisruptionBudget
func noTLS(i int) bool         { return i%11 == 6 }  // Ingress without TLS
func partialTLS(i int) bool    { return i%31 == 2 }  // TLS covers only one of two hosts
func privileged(i int) bool    { return i%50 == 7 }  // privileged log shipper DaemonSet with hostPath
func hostNetwork(i int) bool   { return i%97 == 11 } // a debug pod on the host network
func staleBackup(i int) bool   { return i%13 == 9 }  // newest snapshots 2 days too old
func noBackupAtAll(i int) bool { return i%41 == 17 } // selectors declared, no snapshot

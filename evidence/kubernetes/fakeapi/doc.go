// Package fakeapi is an HTTPS server that answers the requests of the
// Kubernetes collector the way kube-apiserver does: /version, discovery of
// an API group, cluster-wide lists with limit and continue, the table view
// with includeObject=Metadata, bearer-token authentication and Status
// errors. Tests of the collector and of nachweis collect use it where a
// real API server (kubetest) is not needed: to force a Forbidden list, an
// expired continue token or a server that repeats the token in an error.
//
// It imports no client-go: it speaks HTTP and JSON only.
package fakeapi

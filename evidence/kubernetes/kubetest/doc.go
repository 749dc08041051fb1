// Package kubetest runs a real kube-apiserver backed by a real etcd for
// tests, so collectors are tested against the API they will meet in
// production: real discovery, RBAC decisions, admission defaults, list
// pagination and custom resources.
//
// Start needs etcd on PATH (Debian's etcd-server) and bin/kube-apiserver
// (built from testdata/kube-apiserver, a module of its own); `make deps`
// installs both. A missing binary fails the test rather than skipping it,
// so CI cannot silently lose these tests.
//
// Both processes listen on free loopback ports only, live in the test's
// temporary directory and are killed when the test ends. There is no
// kubelet, scheduler or controller manager: objects are stored and served
// but nothing acts on them (pods never run, Deployments get no
// ReplicaSets), and the ServiceAccount admission plugin is off, so pods
// can be created in namespaces without a default service account.
//
// Only tests import this package.
package kubetest

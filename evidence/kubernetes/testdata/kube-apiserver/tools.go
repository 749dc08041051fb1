//go:build tools

// Package tools pins kube-apiserver as a dependency of this module, so
// go mod tidy keeps what `go build k8s.io/kubernetes/cmd/kube-apiserver`
// needs.
package tools

import _ "k8s.io/kubernetes/cmd/kube-apiserver"

//go:build !linux

package kubetest

import (
	"os"
	"syscall"
)

// sysProcAttr has no parent-death signal outside Linux; cleanups still
// kill both servers when the test ends normally.
func sysProcAttr() *syscall.SysProcAttr { return nil }

func kill(p *os.Process) { _ = p.Kill() }

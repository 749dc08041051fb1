package kubetest

import (
	"os"
	"syscall"
)

// sysProcAttr puts the server in a process group of its own, so stop
// reaches anything it started (a wrapper script's child), and asks the
// kernel to kill it when the test binary dies without running its cleanups
// (a go test -timeout panic, a SIGKILL), so no server outlives its test.
// The signal also fires if the OS thread that started the server ends,
// which the Go runtime only does for a goroutine that exits while locked
// to its thread; tests using kubetest must not do that.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// kill kills the process group p leads.
func kill(p *os.Process) {
	if err := syscall.Kill(-p.Pid, syscall.SIGKILL); err != nil {
		_ = p.Kill()
	}
}

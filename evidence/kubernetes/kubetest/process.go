package kubetest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// process is one running server whose stdout and stderr go to a log file
// in the cluster directory.
type process struct {
	name string
	log  string
	cmd  *exec.Cmd
	done chan struct{} // closed once the process has exited and been reaped
	err  error         // the result of Wait, set before done is closed
}

// startProcess starts bin with args, logging to logPath.
func startProcess(name, logPath, bin string, args ...string) (*process, error) {
	f, err := os.Create(logPath)
	if err != nil {
		return nil, fmt.Errorf("create %s log: %w", name, err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = f, f
	cmd.SysProcAttr = sysProcAttr()
	if err := cmd.Start(); err != nil {
		f.Close()
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	p := &process{name: name, log: logPath, cmd: cmd, done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		f.Close()
		close(p.done)
	}()
	return p, nil
}

// exited reports whether the process has ended.
func (p *process) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// stop kills the process and waits until it is reaped. Its data is thrown
// away with the test directory, so there is nothing a graceful shutdown
// would save.
func (p *process) stop() {
	if !p.exited() {
		kill(p.cmd.Process)
	}
	select {
	case <-p.done:
	case <-time.After(30 * time.Second):
		// Kill cannot be ignored; this only happens if the process is
		// stuck in the kernel. Leave it rather than hang the test binary.
	}
}

// exitError describes an early exit with the end of the log.
func (p *process) exitError() error {
	return fmt.Errorf("%s exited during start (%v); end of %s:\n%s", p.name, p.err, p.log, p.tail())
}

// tail returns the last lines of the process log.
func (p *process) tail() string {
	const maxLines, maxBytes = 25, 6 << 10
	data, err := os.ReadFile(p.log)
	if err != nil {
		return fmt.Sprintf("(read log: %v)", err)
	}
	if len(data) > maxBytes {
		data = data[len(data)-maxBytes:]
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			data = data[i+1:]
		}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return "(empty)"
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) > maxLines {
		lines = lines[len(lines)-maxLines:]
	}
	return strings.Join(lines, "\n")
}

// portInUse reports whether the process failed because another process
// took one of its ports between freePorts and its start.
func (p *process) portInUse() bool {
	data, _ := os.ReadFile(p.log)
	return bytes.Contains(data, []byte("address already in use"))
}

package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nachweis/nachweis/evidence/scaletest"
)

// buildNachweis builds the binary, since signals need a real process.
func buildNachweis(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "nachweis")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// started is a running nachweis process.
type started struct {
	cmd    *exec.Cmd
	stderr bytes.Buffer
	done   chan struct{}
}

func start(t *testing.T, bin string, args ...string) *started {
	t.Helper()
	p := &started{cmd: exec.Command(bin, args...), done: make(chan struct{})}
	p.cmd.Stderr = &p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			p.cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

// waitFor polls until cond holds, failing the test if the process ends
// first or nothing happens for a minute.
func (p *started) waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		select {
		case <-p.done:
			t.Fatalf("nachweis ended (%v) before %s; stderr: %s", p.cmd.ProcessState, what, p.stderr.String())
		case <-time.After(2 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %s within a minute", what)
		}
	}
}

func (p *started) exit(t *testing.T) int {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(2 * time.Minute):
		t.Fatal("nachweis did not stop within two minutes of the signal")
	}
	return p.cmd.ProcessState.ExitCode()
}

// stagingIn reports whether dir holds a staging entry; with files, one
// that already has a file in it (rendering has begun).
func stagingIn(dir string, files bool) func() bool {
	return func() bool {
		entries, _ := filepath.Glob(filepath.Join(dir, ".nachweis-*.tmp"))
		if !files {
			return len(entries) > 0
		}
		for _, e := range entries {
			if inner, _ := os.ReadDir(e); len(inner) > 0 {
				return true
			}
		}
		return false
	}
}

// debris lists what an interrupted run must not leave below dir: staging
// entries, temporary files and empty files.
func debris(t *testing.T, dir string) []string {
	t.Helper()
	var found []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return nil
		}
		name := d.Name()
		if strings.HasPrefix(name, ".nachweis") || strings.Contains(name, ".tmp") {
			found = append(found, p)
		} else if info, err := d.Info(); err == nil && info.Mode().IsRegular() && info.Size() == 0 {
			found = append(found, p+" (empty)")
		}
		return nil
	})
	return found
}

// TestInterrupt sends SIGINT and SIGTERM to writing commands of the built
// binary while they work: each stops with the shell's status for the
// signal (130, 143), says so, and leaves no staging, temporary or empty
// file and no output behind. A second signal forces the exit, still
// without debris.
func TestInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and renders a large provider")
	}
	bin := buildNachweis(t)
	fixture := scaletest.Generate(t, t.TempDir(), 120)
	now := fixture.Now.Format(time.RFC3339)

	type signalCase struct {
		name  string
		sigs  []syscall.Signal
		code  int
		words string
	}
	cases := []signalCase{
		{"SIGINT", []syscall.Signal{syscall.SIGINT}, 130, "interrupted by SIGINT"},
		{"SIGTERM", []syscall.Signal{syscall.SIGTERM}, 143, "interrupted by SIGTERM"},
		// Two different signals, since the kernel merges a pending signal
		// with another of its kind.
		{"SIGINT then SIGTERM", []syscall.Signal{syscall.SIGINT, syscall.SIGTERM}, 143, "second signal (SIGTERM): forced exit"},
	}
	send := func(t *testing.T, p *started, sigs []syscall.Signal) {
		for _, s := range sigs {
			if err := p.cmd.Process.Signal(s); err != nil {
				t.Fatal(err)
			}
		}
	}
	check := func(t *testing.T, p *started, sc signalCase, dir string) {
		t.Helper()
		if code := p.exit(t); code != sc.code {
			t.Errorf("exit status %d, want %d; stderr: %s", code, sc.code, p.stderr.String())
		}
		if !strings.Contains(p.stderr.String(), sc.words) {
			t.Errorf("stderr %q lacks %q", p.stderr.String(), sc.words)
		}
		if left := debris(t, dir); len(left) != 0 {
			t.Errorf("left behind: %v", left)
		}
	}

	for _, sc := range cases {
		t.Run("tom --all-tenants/"+sc.name, func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "annexes")
			p := start(t, bin, "tom", "--all-tenants", "--bundle", fixture.BundleDir, "--config", fixture.ConfigPath,
				"--now", now, "-o", out)
			p.waitFor(t, "a rendered annex in the staging directory", stagingIn(out, true))
			send(t, p, sc.sigs)
			check(t, p, sc, parent)
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("output directory %s exists after the interrupt (%v)", out, err)
			}
		})
	}
	t.Run("report/SIGTERM", func(t *testing.T) {
		out := t.TempDir()
		p := start(t, bin, "report", "--framework", "c5", "--bundle", fixture.BundleDir, "--config", fixture.ConfigPath,
			"--now", now, "-o", filepath.Join(out, "report.pdf"))
		p.waitFor(t, "the staging file of the report", stagingIn(out, false))
		send(t, p, cases[1].sigs)
		check(t, p, cases[1], out)
		if entries, _ := os.ReadDir(out); len(entries) != 0 {
			t.Errorf("output directory holds %d entries", len(entries))
		}
	})
	t.Run("demo/SIGINT", func(t *testing.T) {
		parent := t.TempDir()
		out := filepath.Join(parent, "demo")
		p := start(t, bin, "demo", "-o", out)
		p.waitFor(t, "the demo's staging directory", stagingIn(out, false))
		send(t, p, cases[0].sigs)
		check(t, p, cases[0], parent)
	})
	t.Run("import/SIGINT", func(t *testing.T) {
		src := t.TempDir()
		var files []string
		for i := range 4000 {
			f := filepath.Join(src, fmt.Sprintf("ns-%04d.json", i))
			data := fmt.Sprintf(`{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"ns-%d"}}]}`, i)
			if err := os.WriteFile(f, []byte(data), 0o600); err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
		}
		parent := t.TempDir()
		p := start(t, bin, append([]string{"import", "-o", filepath.Join(parent, "bundle"), "--source", "prod",
			"--collected-at", now}, files...)...)
		p.waitFor(t, "the bundle's staging directory", stagingIn(parent, false))
		send(t, p, cases[0].sigs)
		check(t, p, cases[0], parent)
		if entries, _ := os.ReadDir(parent); len(entries) != 0 {
			t.Errorf("bundle parent holds %d entries", len(entries))
		}
	})
	t.Run("collect/SIGTERM", func(t *testing.T) {
		// An API server that never answers: collect waits on its first
		// request when the signal comes.
		asked := make(chan struct{}, 1)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			select {
			case asked <- struct{}{}:
			default:
			}
			<-r.Context().Done()
		}))
		t.Cleanup(srv.Close)
		dir := t.TempDir()
		kubeconfig := filepath.Join(dir, "kubeconfig")
		kc := fmt.Sprintf(`apiVersion: v1
kind: Config
clusters: [{name: hang, cluster: {server: %q}}]
users: [{name: u, user: {token: t0ken}}]
contexts: [{name: hang, context: {cluster: hang, user: u}}]
current-context: hang
`, srv.URL)
		cfg := fmt.Sprintf(`organisation: {name: Beispiel Cloud GmbH}
sources:
  kubernetes:
    - name: prod
      kubeconfig: %s
      timeout: 5m
`, kubeconfig)
		config := filepath.Join(dir, "nachweis.yaml")
		for p, data := range map[string]string{kubeconfig: kc, config: cfg} {
			if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		out := filepath.Join(dir, "out")
		if err := os.Mkdir(out, 0o700); err != nil {
			t.Fatal(err)
		}
		p := start(t, bin, "collect", "--config", config, "-o", filepath.Join(out, "bundle"))
		select {
		case <-asked:
		case <-p.done:
			t.Fatalf("collect ended before asking the server: %s", p.stderr.String())
		case <-time.After(time.Minute):
			t.Fatal("collect did not ask the server within a minute")
		}
		send(t, p, cases[1].sigs)
		check(t, p, cases[1], out)
		if entries, _ := os.ReadDir(out); len(entries) != 0 {
			t.Errorf("output directory holds %d entries", len(entries))
		}
	})
}

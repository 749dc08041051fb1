package backup

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/nachweis/nachweis/evidence"
)

// DefaultTimeout bounds each tool run when CollectOptions.Timeout is zero.
const DefaultTimeout = 10 * time.Minute

// defaultPath is the child's PATH when the collector's own is empty.
const defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

// Command is one run of a backup tool.
type Command struct {
	// Path is the program, looked up in the collector's PATH.
	Path string
	Args []string
	// Env is the child's whole environment.
	Env []string
}

// Runner runs a command to completion (or until ctx ends) and returns
// what it wrote. err is the run's error: the program not found, a
// non-zero exit, or being killed when ctx ended.
type Runner func(ctx context.Context, c Command) (stdout, stderr []byte, err error)

// ExecRunner runs a command as a process with exec.CommandContext, with
// stdin empty.
func ExecRunner(ctx context.Context, c Command) ([]byte, []byte, error) {
	cmd := exec.CommandContext(ctx, c.Path, c.Args...)
	cmd.Env = c.Env
	var out, errb bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &errb
	// A killed tool's children (ssh, borg's passcommand) may hold the
	// pipes open; do not wait for them longer than this.
	cmd.WaitDelay = 5 * time.Second
	err := cmd.Run()
	return out.Bytes(), errb.Bytes(), err
}

// CollectOptions say which repository CollectRestic, CollectBorg or
// CollectPgBackRest reads and how.
type CollectOptions struct {
	// Name is the source name in the bundle.
	Name string
	// Repository is the repository as restic or borg takes it (a path or
	// URL).
	Repository string
	// Stanza is the pgBackRest stanza; Config its configuration file
	// (empty: pgBackRest's default). Only CollectPgBackRest reads them.
	Stanza string
	Config string
	// SecretFile is the file holding the repository password, passphrase
	// or pgBackRest cipher pass; SecretEnv the name of the environment
	// variable holding it. At most one is set; with neither the tool gets
	// no secret (an unencrypted borg repository needs none, pgBackRest
	// reads cipher passes from its configuration file).
	SecretFile string
	SecretEnv  string
	// CipherRepos are the pgBackRest repository keys (1 for repo1) that
	// receive the secret as PGBACKREST_REPO<n>_CIPHER_PASS; empty means
	// repo1. Only CollectPgBackRest reads it.
	CipherRepos []int
	// Check, when set, makes CollectRestic also run restic check. Only
	// CollectRestic reads it.
	Check *ResticCheck
	// Binary is the program to run; empty means "restic", "borg" or
	// "pgbackrest".
	Binary string
	// Timeout bounds each tool run; zero means DefaultTimeout.
	Timeout time.Duration
	// Collector is recorded in the manifest, e.g. "nachweis 0.1.0".
	Collector string
	// Now is the clock of the source's start and finish times.
	Now func() time.Time
	// Getenv reads the collector's environment: PATH and SecretEnv.
	// Nil means os.Getenv.
	Getenv func(string) string
	// Run runs the tool; nil means ExecRunner.
	Run Runner
	// TempDir is where the tool's temporary HOME (its cache and
	// configuration) is made and removed; empty means os.TempDir().
	TempDir string
}

// step is one tool run whose output becomes an item.
type step struct {
	// what names the run in messages, e.g. "restic snapshots".
	what string
	args []string
	// kind and origin of the item its output becomes.
	kind, origin string
	// key is the Repository.Errors key an error of this run is recorded
	// under.
	key string
	// output, when set, decides what a run yields: the item's data and
	// whether the run counts as evidence. It lets a run that exited
	// non-zero still be evidence (restic check that found errors). Nil
	// means stdout of a run that succeeded.
	output func(stdout, stderr []byte, err error) ([]byte, bool)
	// text marks output made of the tool's messages (restic check): the
	// secret is removed from it as from errors. JSON output is stored
	// as the tool wrote it.
	text bool
	// verify, when set, examines the data of a run that counts as
	// evidence and returns why it is none after all (pgBackRest info
	// reporting no usable repository), or "".
	verify func(data []byte) string
}

// tool is what differs between restic, borg and pgBackRest.
type tool struct {
	name string
	// target names what is read in messages: the repository, or
	// pgBackRest's stanza.
	target string
	// env returns the tool's variables besides PATH, HOME and LANG,
	// including the secret.
	env func(o CollectOptions, secret string) []string
	// steps are run in order; if the first fails, nothing was collected
	// and the source is an error.
	steps []step
}

// collect runs a tool's steps against one repository and returns the
// source. Failures of the tool are the source's errors, with the secret
// removed; an error is returned only for bad options or when ctx ends.
func collect(ctx context.Context, t tool, o CollectOptions) (evidence.SourceData, error) {
	if o.Now == nil {
		return evidence.SourceData{}, fmt.Errorf("collect %s: no clock given", t.name)
	}
	getenv := o.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	run := o.Run
	if run == nil {
		run = ExecRunner
	}
	timeout := o.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	bin := o.Binary
	if bin == "" {
		bin = t.name
	}
	src := evidence.Source{
		Kind:      t.name,
		Name:      o.Name,
		Collector: o.Collector,
		StartedAt: o.Now(),
		Status:    evidence.StatusOK,
		Errors:    map[string]string{},
	}
	fail := func(msg string) (evidence.SourceData, error) {
		src.Status = evidence.StatusError
		src.Error = msg
		src.Errors = nil
		src.FinishedAt = o.Now()
		return evidence.SourceData{Source: src}, nil
	}

	secret, scrub, err := readSecret(t.name, o, getenv)
	if err != nil {
		return fail(err.Error())
	}
	home, err := os.MkdirTemp(o.TempDir, "nachweis-"+t.name+"-")
	if err != nil {
		return fail(fmt.Sprintf("create a temporary HOME for %s: %v", t.name, err))
	}
	defer os.RemoveAll(home)
	path := getenv("PATH")
	if path == "" {
		path = defaultPath
	}
	env := append([]string{"PATH=" + path, "HOME=" + home, "LANG=C.UTF-8"}, t.env(o, secret)...)

	target := t.target
	if target == "" {
		target = o.Repository
	}
	var items []evidence.Item
	for i, s := range t.steps {
		rctx, cancel := context.WithTimeout(ctx, timeout)
		stdout, stderr, err := run(rctx, Command{Path: bin, Args: s.args, Env: env})
		timedOut := rctx.Err() == context.DeadlineExceeded
		cancel()
		if ctx.Err() != nil {
			return evidence.SourceData{}, ctx.Err()
		}
		data, ok := stdout, err == nil
		if s.output != nil && !timedOut {
			data, ok = s.output(stdout, stderr, err)
		}
		var msg string
		switch {
		case !ok:
			msg = describeRun(s.what, bin, target, err, stderr, timedOut, timeout)
		case s.verify != nil:
			if why := s.verify(data); why != "" {
				msg = fmt.Sprintf("%s %s: %s", s.what, target, why)
			}
		}
		if msg != "" {
			msg = scrub.apply(msg)
			if i == 0 {
				return fail(msg)
			}
			src.Errors[s.key] = msg
			continue
		}
		if s.text {
			data = []byte(scrub.apply(string(data)))
		}
		items = append(items, evidence.Item{Kind: s.kind, Origin: s.origin, Data: data})
	}
	if len(src.Errors) == 0 {
		src.Errors = nil
	}
	src.FinishedAt = o.Now()
	return evidence.SourceData{Source: src, Items: items}, nil
}

// describeRun explains in one line why a tool run failed.
func describeRun(what, bin, repo string, err error, stderr []byte, timedOut bool, timeout time.Duration) string {
	switch {
	case errors.Is(err, exec.ErrNotFound) || errors.Is(err, fs.ErrNotExist):
		return fmt.Sprintf("%s: %s not found: install it or put it on PATH", what, bin)
	case timedOut:
		return fmt.Sprintf("%s %s: no answer within %s", what, repo, timeout)
	}
	if err == nil {
		err = errors.New("no result")
	}
	var ee *exec.ExitError
	if msg := lastLines(stderr, 4); msg != "" {
		if errors.As(err, &ee) {
			return fmt.Sprintf("%s %s: %s (exit status %d)", what, repo, msg, ee.ExitCode())
		}
		return fmt.Sprintf("%s %s: %s (%v)", what, repo, msg, err)
	}
	return fmt.Sprintf("%s %s: %v", what, repo, err)
}

// lastLines joins the last n non-empty lines of a tool's stderr into one
// line: the tools put their error last.
func lastLines(b []byte, n int) string {
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "; ")
}

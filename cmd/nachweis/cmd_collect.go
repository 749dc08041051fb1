package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/nachweis/nachweis/evidence/collect"
	"github.com/nachweis/nachweis/evidence/config"
	"github.com/nachweis/nachweis/evidence/kubernetes"
	"github.com/nachweis/nachweis/output"
)

type collectOptions struct {
	config string
	bundle string
	now    string
}

func newCollectCmd(d deps) *cobra.Command {
	var o collectOptions
	cmd := &cobra.Command{
		Use:   "collect --config nachweis.yaml -o BUNDLE [--now RFC3339]",
		Short: "Collect evidence from every configured source into a bundle",
		Long: `Collect evidence from every source of the configuration and write one bundle
(the format of nachweis import). Kubernetes clusters are read live with
read-only list requests; a resource the credentials may not list is recorded
in the bundle and its checks report no-evidence. GitHub organisations are
read through the REST API with the token in the environment variable named
by token_env; an endpoint the token may not read (the 2FA member filter needs
an owner) is recorded and its checks report no-evidence. restic and borg
repositories are read by running the installed tools (restic snapshots,
stats and cat config; borg list and info) with a timeout, a clean
environment and a temporary HOME; a repository that cannot be read (wrong
password, unreachable, tool missing, timeout) is recorded with the tool's
message, secrets removed, and its checks report no-evidence. pgBackRest
stanzas are recorded as not collected: import their output with nachweis
import. BUNDLE is replaced as a whole; on any error it is left as it
was and no bundle is written.

Literal values of workloads (env values, command, args, exec commands), the
last-applied-configuration annotation and managedFields are removed before
the bundle is written, as by import; every message is cleared of the
credentials the collectors sent (an exec credential plugin's token included)
and of anything shaped like a token.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runCollect(cmd.Context(), o, d)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.config, "config", "", "configuration file (nachweis.yaml) naming the sources (required)")
	f.StringVarP(&o.bundle, "output", "o", "", "bundle directory to write (required)")
	f.StringVar(&o.now, "now", "", "collection time to record, RFC 3339 (default: SOURCE_DATE_EPOCH, else the time of each source)")
	return cmd
}

func runCollect(ctx context.Context, o collectOptions, d deps) error {
	switch {
	case o.config == "":
		return usagef("collect: --config nachweis.yaml is required (write an example with nachweis init)")
	case o.bundle == "":
		return usagef("collect: -o BUNDLE is required")
	}
	// A fixed time (--now, SOURCE_DATE_EPOCH) is recorded for every
	// source; otherwise each source gets its own start and finish time.
	clock := d.now
	if o.now != "" || d.getenv("SOURCE_DATE_EPOCH") != "" {
		at, err := evaluationClock("now", o.now, d, time.Time{})
		if err != nil {
			return err
		}
		clock = func() time.Time { return at }
	}
	cfg, err := config.Load(o.config)
	if err != nil {
		return err
	}
	// Ctrl-C or a CronJob's SIGTERM cancels ctx (main): the requests and
	// the write stop, the staging directory is removed and no bundle is
	// left half written.
	ctx = contextOf(ctx)
	start := d.now()
	opts := collect.Options{
		Config:      cfg,
		Bundle:      o.bundle,
		ToolVersion: version,
		Clock:       clock,
		Warn:        func(msg string) { fmt.Fprintf(d.stderr, "nachweis: warning: %s\n", output.SafeText(msg)) },
		Getenv:      d.getenv,
	}
	if isTerminal(d.stderr) {
		opts.Progress = func(p kubernetes.Progress) { printProgress(d.stderr, p, d.now().Sub(start)) }
	}
	b, err := collect.Run(ctx, opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(d.stderr, "collected %d source(s) into %s (%s)\n", len(b.Manifest.Sources), o.bundle, b.Digest)
	return nil
}

// printProgress prints one line per listed resource, and rewrites the line
// while a large resource is paged in.
func printProgress(w io.Writer, p kubernetes.Progress, elapsed time.Duration) {
	line := output.SafeText(fmt.Sprintf("kubernetes/%s: %s: %d objects (%s)", p.Source, p.Resource, p.Objects, elapsed.Round(100*time.Millisecond)))
	switch {
	case !p.Done:
		fmt.Fprintf(w, "\r\033[K%s", line)
	case p.Err != "":
		fmt.Fprintf(w, "\r\033[Kkubernetes/%s: %s: not collected: %s\n", p.Source, p.Resource, output.SafeText(p.Err))
	default:
		fmt.Fprintf(w, "\r\033[K%s\n", line)
	}
}

// isTerminal reports whether w is a terminal; progress goes only there.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/nachweis/nachweis/evidence"
)

type importOptions struct {
	bundle      string
	kind        string
	source      string
	collectedAt string
}

func newImportCmd(d deps) *cobra.Command {
	var o importOptions
	cmd := &cobra.Command{
		Use:   "import -o BUNDLE [--kind K] [--source NAME] [--collected-at RFC3339] FILE...",
		Short: "Create or extend an evidence bundle from tool output files",
		Long: `Import files users already have into an evidence bundle: kubectl get -o json,
restic snapshots/stats --json, restic cat config, restic check output,
borg info/list --json, pgbackrest info --output=json and GitHub REST API JSON.

The kind is detected from the content; --kind overrides it. One call adds one
source; an existing source of the same kind and name is replaced. On any
error the bundle is left exactly as it was.

Values no check reads and that may be secrets are removed before anything is
written, and the manifest says what was removed: the data of Kubernetes
Secrets, the last-applied-configuration annotation and managedFields of every
object, the command, args, env values and exec commands of every container,
deploy-key material and webhook secrets.

--collected-at says when the files were written. Without it their collection
time is recorded as unknown: restic check output, which carries no time of its
own, is then no evidence of a recent check.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("import: no files given")
			}
			return runImport(cmd.Context(), o, args, d)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.bundle, "output", "o", "", "bundle directory to create or extend (required)")
	f.StringVar(&o.kind, "kind", "", "item or source kind, e.g. restic/snapshots or restic (default: detected)")
	f.StringVar(&o.source, "source", "", "source name (default: derived from the evidence)")
	f.StringVar(&o.collectedAt, "collected-at", "", "when the files were collected, RFC 3339 (default: unknown; the bundle is then dated by SOURCE_DATE_EPOCH, else now)")
	return cmd
}

func runImport(ctx context.Context, o importOptions, files []string, d deps) error {
	if o.bundle == "" {
		return usagef("import: -o BUNDLE is required")
	}
	// Without --collected-at the import clock dates the bundle, but the
	// files' collection time is recorded as unknown.
	at, err := evaluationClock("collected-at", o.collectedAt, d, time.Time{})
	if err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	if err := evidence.Import(ctx, evidence.ImportOptions{
		Bundle:             o.bundle,
		Kind:               o.kind,
		Source:             o.source,
		Files:              files,
		Now:                at,
		CollectedAtUnknown: o.collectedAt == "",
		Notice:             func(s string) { fmt.Fprintln(d.stderr, s) },
		ToolVersion:        version,
	}); err != nil {
		// An input error without a file is about an option (--kind,
		// --source): a usage error.
		var ie *evidence.InputError
		if errors.As(err, &ie) && ie.Path == "" {
			return &usageError{err}
		}
		return err
	}
	fmt.Fprintf(d.stderr, "imported %d file(s) into %s\n", len(files), o.bundle)
	return nil
}

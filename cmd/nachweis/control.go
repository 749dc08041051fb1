package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence/approval"
	"github.com/nachweis/nachweis/internal/outfile"
	"github.com/nachweis/nachweis/output"
	"github.com/nachweis/nachweis/templates"
)

// controlOptions are the document-control flags of tom and report: where
// the approvals are, the previous version's results, and where to write
// this version's results.
type controlOptions struct {
	approvals string
	previous  string
	results   string
}

func (o *controlOptions) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&o.approvals, "approvals", "", "approvals file (default: approvals.yaml beside --config, if it exists)")
	f.StringVar(&o.previous, "previous", "", "results JSON of the last issued version (--results of that run); adds the changes since it")
	f.StringVar(&o.results, "results", "", "also write the results this document is built from (JSON, private), for --previous of the next version")
}

// approvalsPath is the approvals file: --approvals, else approvals.yaml
// beside the configuration; "" for neither.
func approvalsPath(flag, config string) string {
	if flag != "" {
		return flag
	}
	if config == "" {
		return ""
	}
	return filepath.Join(filepath.Dir(config), approval.FileName)
}

// loadApprovals reads the approvals file: a given --approvals file must
// exist; the default beside the configuration may be missing.
func loadApprovals(flag, config string) (*approval.Set, error) {
	path := approvalsPath(flag, config)
	switch {
	case path == "":
		return nil, nil
	case flag != "":
		return approval.Load(path)
	}
	return approval.LoadOptional(path)
}

// loadPrevious reads the results of the previous version.
func loadPrevious(path string) (*controls.Results, error) {
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--previous: %w", err)
	}
	r, err := controls.ReadResults(data)
	if err != nil {
		return nil, fmt.Errorf("--previous %s: %w", path, err)
	}
	return r, nil
}

// input loads what the flags name.
func (o controlOptions) input(config string) (templates.ControlInput, error) {
	set, err := loadApprovals(o.approvals, config)
	if err != nil {
		return templates.ControlInput{}, err
	}
	prev, err := loadPrevious(o.previous)
	if err != nil {
		return templates.ControlInput{}, err
	}
	return templates.ControlInput{Approvals: set, Previous: prev}, nil
}

// writeResults writes the results a document is built from (--results),
// private like every results file; nothing for "".
func writeResults(ctx context.Context, path string, res *controls.Results, d deps) error {
	if path == "" {
		return nil
	}
	return writeOutput(ctx, path, outfile.Private, d.stdout, func(w io.Writer) error { return output.WriteJSON(w, res) })
}

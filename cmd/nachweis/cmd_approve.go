package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/nachweis/nachweis/evidence/approval"
	"github.com/nachweis/nachweis/internal/outfile"
)

type approveOptions struct {
	document  string // a PDF rendered by nachweis; "" with --digest
	name      string
	role      string
	step      string
	comment   string
	approvals string
	config    string
	now       string
	// digest, series and version replace reading them from a PDF.
	digest  string
	series  string
	version int
}

func newApproveCmd(d deps) *cobra.Command {
	var o approveOptions
	cmd := &cobra.Command{
		Use:   `approve DOCUMENT.pdf --as NAME --role ROLE [--step approved|reviewed|prepared] [--approvals FILE | --config FILE]`,
		Short: "Record that a person prepared, reviewed or approved exactly the content of a document",
		Long: `Record in approvals.yaml that a person prepared, reviewed or approved a document
version. The record binds the step to the document's content digest (shown on its
title page and in its PDF keywords): the sha256 of the check results, the
configuration, the templates of both languages and the previous version's results.
Rendering the same content again keeps the approval; any change voids it.

A TOM annex is "Freigegeben"/"Released" only when its release gate passes and an
approval of exactly its content is recorded; an audit report when an approval of
its content is recorded. Both list the records (the report as prepared / reviewed
/ approved) and a version table.

The series, version and digest are read from the PDF; --digest with --document and
--version gives them directly (e.g. from the title page of a printed copy). The
approvals file is --approvals, else approvals.yaml beside --config; it is created
if missing and rewritten atomically in canonical form.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("approve takes one document, got %d", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.document = args[0]
			}
			return runApprove(contextOf(cmd.Context()), o, d)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.name, "as", "", "name of the person who approves (reviews, prepares)")
	f.StringVar(&o.role, "role", "", "the person's role, e.g. Datenschutzbeauftragter, ISB, Geschäftsführung")
	f.StringVar(&o.step, "step", string(approval.Approved), "what the person did: prepared, reviewed or approved")
	f.StringVar(&o.comment, "comment", "", "comment, e.g. the change summary of this version")
	f.StringVar(&o.approvals, "approvals", "", "approvals file (default: approvals.yaml beside --config)")
	f.StringVar(&o.config, "config", "", "configuration file (nachweis.yaml) whose directory holds approvals.yaml")
	f.StringVar(&o.now, "now", "", "time of the record, RFC 3339 (default: SOURCE_DATE_EPOCH, else the current time)")
	f.StringVar(&o.digest, "digest", "", "content digest sha256:… instead of reading it from DOCUMENT")
	f.StringVar(&o.series, "document", "", "document series with --digest, e.g. TOM-acme or BER-c5")
	f.IntVar(&o.version, "version", 0, "document version with --digest")
	return cmd
}

func runApprove(ctx context.Context, o approveOptions, d deps) error {
	if o.name == "" || o.role == "" {
		return usagef("give the person with --as NAME and --role ROLE")
	}
	if !approval.Step(o.step).Valid() {
		return usagef("--step %q: expected prepared, reviewed or approved", o.step)
	}
	stamp, err := o.stamp()
	if err != nil {
		return err
	}
	path := approvalsPath(o.approvals, o.config)
	if path == "" {
		return usagef("no approvals file: give --approvals FILE or --config nachweis.yaml (approvals.yaml beside it)")
	}
	at, err := evaluationClock("now", o.now, d, time.Time{})
	if err != nil {
		return err
	}
	set, err := approval.LoadOptional(path)
	if err != nil {
		return err
	}
	r := approval.Record{Document: stamp.Document, Version: stamp.Version, Content: stamp.Content,
		Step: approval.Step(o.step), Name: o.name, Role: o.role, At: at, Comment: o.comment}
	if err := set.Add(r); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	data, err := set.Encode()
	if err != nil {
		return err
	}
	if err := writeOutput(ctx, path, outfile.Document, d.stdout, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
		return err
	}
	fmt.Fprintf(d.stdout, "%s: %s\n", path, r)
	return nil
}

// stamp is what the record names: read from the PDF, or given by flags.
func (o approveOptions) stamp() (approval.Stamp, error) {
	given := o.digest != "" || o.series != "" || o.version != 0
	switch {
	case o.document != "" && given:
		return approval.Stamp{}, usagef("give either DOCUMENT.pdf or --digest with --document and --version, not both")
	case given:
		if !approval.ValidContent(o.digest) {
			return approval.Stamp{}, usagef("--digest %q: expected sha256: followed by 64 lowercase hex digits, as on the document's title page", o.digest)
		}
		if !approval.ValidDocument(o.series) {
			return approval.Stamp{}, usagef("--document %q: expected the document series, e.g. TOM-acme or BER-c5", o.series)
		}
		if o.version < 1 {
			return approval.Stamp{}, usagef("--version %d: expected the document's version, 1 or more", o.version)
		}
		return approval.Stamp{Document: o.series, Version: o.version, Content: o.digest}, nil
	case o.document == "":
		return approval.Stamp{}, usagef("give the document to approve (a PDF rendered by nachweis), or --digest with --document and --version")
	}
	data, err := readBounded(o.document, maxStampPDF)
	if err != nil {
		return approval.Stamp{}, fmt.Errorf("read document: %w", err)
	}
	s, err := approval.ReadStamp(data)
	if errors.Is(err, approval.ErrNoStamp) {
		return approval.Stamp{}, fmt.Errorf("%s: %w; give --digest, --document and --version from its title page", o.document, err)
	}
	if err != nil {
		return approval.Stamp{}, fmt.Errorf("%s: %w", o.document, err)
	}
	return s, nil
}

// maxStampPDF bounds the document approve reads; the largest real
// document has about 60 pages and a few MB.
const maxStampPDF = 512 << 20

func readBounded(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: larger than %d MiB", path, limit>>20)
	}
	return data, nil
}

package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/nachweis/nachweis/internal/outfile"
)

type reportOptions struct {
	docOptions
	framework string
}

func newReportCmd(d deps) *cobra.Command {
	var o reportOptions
	cmd := &cobra.Command{
		Use:   "report --framework c5|iso27001|gdpr [--bundle DIR | --demo] -o FILE.pdf",
		Short: "Render the audit report (self-assessment) of a framework as PDF",
		Long: `Render the self-assessment report for an auditor: scope, method, a summary of
outcomes per area, one row per requirement with its measures, checks and evidence
ids, the findings register, accepted exceptions, attestations, what could not be
assessed and why, and the evidence index.

It is a provider self-assessment, not an auditor's attestation report or a
certificate; the cover says so.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runReport(contextOf(cmd.Context()), o, d)
		},
	}
	o.docOptions.register(cmd, "output PDF file", true)
	cmd.Flags().StringVar(&o.framework, "framework", "", "c5, iso27001 or gdpr")
	return cmd
}

func runReport(ctx context.Context, o reportOptions, d deps) error {
	if err := o.check(); err != nil {
		return err
	}
	if err := checkFramework(o.framework); err != nil {
		return err
	}
	e, err := newEvaluation(ctx, o.evidenceOptions, d)
	if err != nil {
		return err
	}
	res, err := e.run(ctx, "", nil)
	if err != nil {
		return err
	}
	return writeOutput(ctx, o.output, outfile.Document, d.stdout, renderReport(e, res, o.framework, o.lang, o.templateDir))
}

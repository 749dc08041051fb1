package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/nachweis/nachweis/internal/outfile"
)

type reportOptions struct {
	docOptions
	framework string
	tenant    string
	control   controlOptions
}

func newReportCmd(d deps) *cobra.Command {
	var o reportOptions
	cmd := &cobra.Command{
		Use:   "report --framework c5-2020|c5-2026|iso27001-2022|gdpr [--tenant ID] [--bundle DIR | --demo] -o FILE.pdf",
		Short: "Render the audit report (point-in-time self-assessment) of a framework as PDF",
		Long: `Render the self-assessment report for an auditor: scope, system description,
method, a summary of outcomes per area, one row per requirement with its measures,
checks and evidence ids, the findings register, accepted exceptions, attestations,
what could not be assessed and why, and the evidence index.

It is a provider self-assessment of the design and implementation of the controls
at the evidence cut-off, not an auditor's attestation report, not a certificate
and no statement on operating effectiveness over a period; the cover says so.

The provider's report covers every tenant and is classified internal. With
--tenant ID it is the customer edition for that tenant: its scope and the shared
infrastructure only, objects of the shared infrastructure counted but not named,
no other tenant, no person behind an attestation, classified for the customer.

The report is "Freigegeben"/"Released" only when an approval of exactly its content
is recorded (nachweis approve); Annex C lists the version table, who prepared,
reviewed and approved it, and with --previous the changes since that version.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runReport(contextOf(cmd.Context()), o, d)
		},
	}
	o.docOptions.register(cmd, "output PDF file", true)
	o.control.register(cmd)
	cmd.Flags().StringVar(&o.framework, "framework", "", frameworkChoices)
	cmd.Flags().StringVar(&o.tenant, "tenant", "", "render the customer edition for this tenant id")
	return cmd
}

func runReport(ctx context.Context, o reportOptions, d deps) error {
	if err := o.check(); err != nil {
		return err
	}
	fw, err := resolveFramework(o.framework, d.stderr)
	if err != nil {
		return err
	}
	o.framework = fw
	e, err := newEvaluation(ctx, o.evidenceOptions, d)
	if err != nil {
		return err
	}
	ctl, err := o.control.input(o.config)
	if err != nil {
		return err
	}
	res, err := e.run(ctx, o.tenant, nil)
	if err != nil {
		return err
	}
	if err := writeOutput(ctx, o.output, outfile.Document, d.stdout, renderReport(e, res, o.framework, o.lang, o.templateDir, ctl)); err != nil {
		return err
	}
	return writeResults(ctx, o.control.results, res, d)
}

package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/nachweis/nachweis/internal/outfile"
)

type matrixOptions struct {
	docOptions
	framework string
}

func newMatrixCmd(d deps) *cobra.Command {
	var o matrixOptions
	cmd := &cobra.Command{
		Use:   "matrix [--framework c5|iso27001|gdpr] [--bundle DIR | --demo] -o FILE.xlsx",
		Short: "Write the control matrix of a framework as XLSX (C5: 121 criteria)",
		Long: `Write one row per requirement of the framework with its scope, the provider's
measures, the automated checks, the outcome, findings and evidence ids, and the
cross-references to the other catalogs; a findings sheet and a run sheet with the
evidence cut-off and bundle digest.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runMatrix(contextOf(cmd.Context()), o, d)
		},
	}
	o.docOptions.register(cmd, "output XLSX file", false)
	cmd.Flags().StringVar(&o.framework, "framework", "c5", "c5, iso27001 or gdpr")
	return cmd
}

func runMatrix(ctx context.Context, o matrixOptions, d deps) error {
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
	return writeOutput(ctx, o.output, outfile.Document, d.stdout, renderMatrix(e, res, o.framework, o.lang))
}

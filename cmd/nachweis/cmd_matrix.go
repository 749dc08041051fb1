package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/internal/outfile"
)

type matrixOptions struct {
	docOptions
	framework string
	compare   string
}

func newMatrixCmd(d deps) *cobra.Command {
	var o matrixOptions
	cmd := &cobra.Command{
		Use:   "matrix [--framework c5-2020|c5-2026|iso27001-2022|gdpr] [--compare c5-2020] [--bundle DIR | --demo] -o FILE.xlsx",
		Short: "Write the control matrix of a framework as XLSX (C5:2020: 121 criteria; C5:2026: 623 sub-criteria)",
		Long: `Write one row per requirement of the framework with its scope, the provider's
measures, the automated checks, the outcome, findings and evidence ids, and the
cross-references to the other catalogs; a findings sheet and a run sheet with the
evidence cut-off and bundle digest. The C5:2026 matrix has one row per
sub-criterion with its type; an additional one is in scope only where
scope.c5_2026_additional of the configuration names it.

--framework c5-2026 --compare c5-2020 adds the migration sheet: where each
C5:2020 criterion went in C5:2026 (equal, renamed, moved, split, merged), the
criteria new in C5:2026, how nachweis assesses each today and which need a new
attestation, with the outcomes of both versions. --framework c5 means C5:2020
until the move to C5:2026 (stderr says so).`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runMatrix(contextOf(cmd.Context()), o, d)
		},
	}
	o.docOptions.register(cmd, "output XLSX file", false)
	cmd.Flags().StringVar(&o.framework, "framework", "c5", frameworkChoices)
	cmd.Flags().StringVar(&o.compare, "compare", "", "add the migration sheet from this framework: c5-2020 (with --framework c5-2026)")
	return cmd
}

func runMatrix(ctx context.Context, o matrixOptions, d deps) error {
	if err := o.check(); err != nil {
		return err
	}
	fw, err := resolveFramework(o.framework, d.stderr)
	if err != nil {
		return err
	}
	compare := ""
	if o.compare != "" {
		if compare, err = resolveFramework(o.compare, d.stderr); err != nil {
			return err
		}
		if fw != controls.C5_2026 || compare != controls.C5 {
			return usagef("--compare %s: only --framework c5-2026 --compare c5-2020 is supported", o.compare)
		}
	}
	e, err := newEvaluation(ctx, o.evidenceOptions, d)
	if err != nil {
		return err
	}
	res, err := e.run(ctx, "", nil)
	if err != nil {
		return err
	}
	return writeOutput(ctx, o.output, outfile.Document, d.stdout, renderMatrixCompare(e, res, fw, compare, o.lang))
}

package main

import (
	"context"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/nachweis/nachweis/evidence/config"
	"github.com/nachweis/nachweis/internal/outfile"
)

type soaOptions struct {
	docOptions
	soa string
}

func newSoACmd(d deps) *cobra.Command {
	var o soaOptions
	cmd := &cobra.Command{
		Use:   "soa [--bundle DIR --config FILE | --demo] -o FILE.xlsx",
		Short: "Write the ISO/IEC 27001:2022 Statement of Applicability as XLSX",
		Long: `Write the Statement of Applicability: the 93 Annex A controls with the ISMS
owner's declarations (applicable, justification, implementation status) from
soa.yaml beside the configuration (or --soa FILE), and the verification columns
from the evidence. A control declared implemented but measured failing or without
evidence is flagged as a contradiction.

The declared columns are never written by nachweis; only the file you keep fills them.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runSoA(contextOf(cmd.Context()), o, d)
		},
	}
	o.docOptions.register(cmd, "output XLSX file", false)
	cmd.Flags().StringVar(&o.soa, "soa", "", "SoA declarations file (default: soa.yaml beside --config)")
	return cmd
}

func runSoA(ctx context.Context, o soaOptions, d deps) error {
	if err := o.check(); err != nil {
		return err
	}
	if !o.demo && o.soa == "" && o.config == "" {
		return usagef("no SoA declarations: give --soa FILE, or --config whose directory holds soa.yaml")
	}
	o.evidenceOptions.soa = o.soa
	e, err := newEvaluation(ctx, o.evidenceOptions, d)
	if err != nil {
		return err
	}
	declared := e.ev.soa
	if declared == nil {
		return usagef("no SoA declarations: %s does not exist; give --soa FILE", filepath.Join(filepath.Dir(o.config), config.SoAFile))
	}
	res, err := e.run(ctx, "", nil)
	if err != nil {
		return err
	}
	return writeOutput(ctx, o.output, outfile.Document, d.stdout, renderSoA(e, res, declared, o.lang))
}

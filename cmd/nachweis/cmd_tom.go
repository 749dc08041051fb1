package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/internal/outfile"
)

type tomOptions struct {
	docOptions
	tenant     string
	allTenants bool
}

func newTOMCmd(d deps) *cobra.Command {
	var o tomOptions
	cmd := &cobra.Command{
		Use:   "tom (--tenant ID | --all-tenants) [--bundle DIR | --demo] -o FILE.pdf|DIR",
		Short: "Render the TOM annex (Art. 28(3)(c)/32 GDPR) of a tenant as PDF",
		Long: `Render the annex "technical and organisational measures" of a tenant's data
processing agreement from the evidence: the measures grouped by Art. 32(1)(a)-(d),
each with its outcome, evidence date and evidence ids.

The annex is marked "Entwurf"/"Draft" on every page and lists the blockers while a
measure fails or lacks evidence; it is "Freigegeben"/"Released" only when every
measure is met, attested or covered by an accepted exception.

With --all-tenants, -o names a directory that receives tom-<tenant>.<lang>.pdf for
every tenant of the configuration; the checks run once for all of them.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runTOM(contextOf(cmd.Context()), o, d)
		},
	}
	o.docOptions.register(cmd, "output PDF file (with --all-tenants: a directory)", true)
	cmd.Flags().StringVar(&o.tenant, "tenant", "", "tenant id from the configuration")
	cmd.Flags().BoolVar(&o.allTenants, "all-tenants", false, "render one annex per tenant into the -o directory")
	return cmd
}

func runTOM(ctx context.Context, o tomOptions, d deps) error {
	if err := o.check(); err != nil {
		return err
	}
	if (o.tenant == "") == !o.allTenants {
		return usagef("give either --tenant ID or --all-tenants")
	}
	e, err := newEvaluation(ctx, o.evidenceOptions, d)
	if err != nil {
		return err
	}
	if !o.allTenants {
		res, err := e.run(ctx, o.tenant, nil)
		if err != nil {
			return err
		}
		return writeOutput(ctx, o.output, outfile.Document, d.stdout, renderTOM(e, res, o.lang, o.templateDir))
	}
	tenants := e.tenantIDs()
	if len(tenants) == 0 {
		return fmt.Errorf("--all-tenants: the configuration defines no tenants")
	}
	stage, err := outfile.NewSet(o.output, outfile.Document)
	if err != nil {
		return err
	}
	defer stage.Discard()
	p := newParallel(ctx)
	err = e.each(ctx, tenants, func(res *controls.Results) error {
		p.run(func() error {
			return stage.Add(ctx, tomFileName(res.Tenant, o.lang), outfile.Document, renderTOM(e, res, o.lang, o.templateDir))
		})
		return nil
	})
	if werr := p.wait(); err == nil {
		err = werr
	}
	if err != nil {
		return err
	}
	files, err := stage.Commit(ctx)
	if err != nil {
		return err
	}
	printWritten(d.stdout, files)
	return nil
}

func tomFileName(tenant, lang string) string { return "tom-" + tenant + "." + lang + ".pdf" }

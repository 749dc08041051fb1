package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/internal/outfile"
	"github.com/nachweis/nachweis/output"
)

type demoOptions struct {
	output string
	lang   string
	now    string
}

func newDemoCmd(d deps) *cobra.Command {
	var o demoOptions
	cmd := &cobra.Command{
		Use:   "demo -o DIR",
		Short: "Render every document for the demo provider into DIR",
		Long: `Evaluate the embedded demo provider "Beispiel Cloud GmbH" (three tenants, a
Kubernetes cluster, restic, borg and pgBackRest repositories, a GitHub organisation,
attestations and an accepted exception) and render every document into DIR:

  tom-<tenant>.<lang>.pdf     TOM annex per tenant
  tom-<tenant>.release-checklist.<lang>.md  internal: what blocks an annex's release
  report-<framework>.<lang>.pdf  audit report for C5:2020, C5:2026, ISO/IEC 27001 and GDPR
  soa.<lang>.xlsx             ISO/IEC 27001 Statement of Applicability
  matrix-<framework>.<lang>.xlsx control matrix for C5:2020, C5:2026 (with the
                              migration sheet from C5:2020), ISO/IEC 27001 and GDPR
  results.json                the results model all documents are built from

The demo fails some controls on purpose, so its TOM annexes are drafts.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runDemo(contextOf(cmd.Context()), o, d)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.output, "output", "o", "", "output directory (created if missing)")
	f.StringVar(&o.lang, "lang", "all", "document language: de, en or all")
	f.StringVar(&o.now, "now", "", "evaluation time, RFC 3339 (default: SOURCE_DATE_EPOCH, else the demo's evidence cut-off)")
	return cmd
}

func runDemo(ctx context.Context, o demoOptions, d deps) error {
	if o.output == "" {
		return usagef("no output: give -o DIR")
	}
	langs := []string{o.lang}
	switch o.lang {
	case "all":
		langs = []string{"de", "en"}
	case "de", "en":
	default:
		return usagef("--lang %q: expected de, en or all", o.lang)
	}
	e, err := newEvaluation(ctx, evidenceOptions{demo: true, now: o.now}, d)
	if err != nil {
		return err
	}
	declared := e.ev.soa
	stage, err := outfile.NewSet(o.output, outfile.Document)
	if err != nil {
		return err
	}
	defer stage.Discard()

	p := newParallel(ctx)
	blocked := newBlockerLog()
	var provider *controls.Results
	tenants := append([]string{""}, e.tenantIDs()...)
	err = e.each(ctx, tenants, func(res *controls.Results) error {
		if res.Tenant == "" {
			provider = res
			return nil
		}
		for _, lang := range langs {
			p.run(func() error {
				return addTOM(ctx, stage, e, res, lang, "", blocked)
			})
		}
		return nil
	})
	if err != nil {
		p.wait()
		return err
	}
	for _, lang := range langs {
		for _, fw := range controls.Frameworks {
			p.run(func() error {
				return stage.Add(ctx, fmt.Sprintf("report-%s.%s.pdf", fw, lang), outfile.Document, renderReport(e, provider, fw, lang, ""))
			})
			p.run(func() error {
				return stage.Add(ctx, fmt.Sprintf("matrix-%s.%s.xlsx", fw, lang), outfile.Document, renderMatrixCompare(e, provider, fw, migrationFrom(fw, provider.Frameworks), lang))
			})
		}
		p.run(func() error {
			return stage.Add(ctx, "soa."+lang+".xlsx", outfile.Document, renderSoA(e, provider, declared, lang))
		})
	}
	p.run(func() error {
		return stage.Add(ctx, "results.json", outfile.Private, func(w io.Writer) error { return output.WriteJSON(w, provider) })
	})
	if err := p.wait(); err != nil {
		return err
	}
	files, err := stage.Commit(ctx)
	if err != nil {
		return err
	}
	printWritten(d.stdout, files)
	blocked.print(d.stderr, o.output, e.tenantIDs(), langs)
	fmt.Fprintf(d.stdout, "%d files for %s (evidence cut-off %s, bundle %s)\n",
		len(files), e.ev.config.Organisation.Name, provider.EvidenceCutoff.Format("2006-01-02 15:04 MST"), provider.BundleDigest)
	return nil
}

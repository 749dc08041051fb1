package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/internal/outfile"
	"github.com/nachweis/nachweis/output"
	"github.com/nachweis/nachweis/templates"
)

type demoOptions struct {
	output    string
	lang      string
	now       string
	approvals string
	previous  string
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
  results-<tenant>.json       the results of each tenant's annex

The demo fails some controls on purpose, so its TOM annexes are drafts.

--previous DIR names the output of an earlier demo run: its results.json and
results-<tenant>.json are the previous version each report and annex lists its
changes against. --approvals FILE gives recorded approvals (nachweis approve).`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runDemo(contextOf(cmd.Context()), o, d)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.output, "output", "o", "", "output directory (created if missing)")
	f.StringVar(&o.lang, "lang", "all", "document language: de, en or all")
	f.StringVar(&o.now, "now", "", "evaluation time, RFC 3339 (default: SOURCE_DATE_EPOCH, else the demo's evidence cut-off)")
	f.StringVar(&o.approvals, "approvals", "", "approvals file (nachweis approve); default: none")
	f.StringVar(&o.previous, "previous", "", "output directory (or its results.json) of the demo run of the previous version")
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
	approvals, err := loadApprovals(o.approvals, "")
	if err != nil {
		return err
	}
	prevDir, err := previousDir(o.previous)
	if err != nil {
		return err
	}
	// control is the document control of the provider's documents ("")
	// or a tenant's annex.
	control := func(tenant string) (templates.ControlInput, error) {
		ctl := templates.ControlInput{Approvals: approvals}
		if prevDir == "" {
			return ctl, nil
		}
		prev, err := loadPrevious(filepath.Join(prevDir, demoResultsName(tenant)))
		ctl.Previous = prev
		return ctl, err
	}
	provCtl, err := control("")
	if err != nil {
		return err
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
		ctl, err := control(res.Tenant)
		if err != nil {
			return err
		}
		for _, lang := range langs {
			p.run(func() error {
				return addTOM(ctx, stage, e, res, lang, "", ctl, blocked)
			})
		}
		p.run(func() error {
			return stage.Add(ctx, demoResultsName(res.Tenant), outfile.Private, func(w io.Writer) error { return output.WriteJSON(w, res) })
		})
		return nil
	})
	if err != nil {
		p.wait()
		return err
	}
	for _, lang := range langs {
		for _, fw := range controls.Frameworks {
			p.run(func() error {
				return stage.Add(ctx, fmt.Sprintf("report-%s.%s.pdf", fw, lang), outfile.Document, renderReport(e, provider, fw, lang, "", provCtl))
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
		return stage.Add(ctx, demoResultsName(""), outfile.Private, func(w io.Writer) error { return output.WriteJSON(w, provider) })
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

// demoResultsName is the results file of the provider's documents ("")
// or of a tenant's annex in a demo directory.
func demoResultsName(tenant string) string {
	if tenant == "" {
		return "results.json"
	}
	return "results-" + tenant + ".json"
}

// previousDir is the directory of a previous demo run: --previous names
// it, or its results.json.
func previousDir(path string) (string, error) {
	if path == "" {
		return "", nil
	}
	fi, err := os.Stat(path)
	if err != nil {
		return "", fmt.Errorf("--previous: %w", err)
	}
	if fi.IsDir() {
		return path, nil
	}
	return filepath.Dir(path), nil
}

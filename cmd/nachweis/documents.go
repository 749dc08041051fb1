package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"

	"github.com/spf13/cobra"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence/config"
	"github.com/nachweis/nachweis/internal/outfile"
	"github.com/nachweis/nachweis/output/pdf"
	"github.com/nachweis/nachweis/output/xlsx"
	"github.com/nachweis/nachweis/templates"
)

// docOptions are the flags every document command shares.
type docOptions struct {
	evidenceOptions
	lang        string
	templateDir string
	output      string
}

func (o *docOptions) register(cmd *cobra.Command, outputHelp string, templated bool) {
	o.evidenceOptions.register(cmd)
	f := cmd.Flags()
	f.StringVar(&o.lang, "lang", "de", "document language: de or en")
	if templated {
		f.StringVar(&o.templateDir, "template-dir", "", "directory with templates that replace the embedded ones of the same name (see templates/text/README.md)")
	}
	f.StringVarP(&o.output, "output", "o", "", outputHelp)
}

// check validates the flags that need no evidence, so that a wrong flag
// fails before anything is loaded.
func (o *docOptions) check() error {
	if o.lang != "de" && o.lang != "en" {
		return usagef("--lang %q: expected de or en", o.lang)
	}
	if o.output == "" {
		return usagef("no output: give -o FILE")
	}
	if err := templates.CheckDir(o.templateDir); err != nil {
		return usagef("--template-dir: %v", err)
	}
	return nil
}

// renderTOM renders one tenant's TOM annex as PDF.
func renderTOM(e *evaluation, res *controls.Results, lang, templateDir string, ctl templates.ControlInput) func(io.Writer) error {
	return func(w io.Writer) error {
		r, err := buildTOM(e, res, lang, templateDir, ctl)
		if err != nil {
			return err
		}
		return pdf.Render(w, r.Document)
	}
}

// buildTOM builds one tenant's TOM annex and, while its release gate
// blocks, the internal release checklist. ctl holds the approvals and
// the previous version's results.
func buildTOM(e *evaluation, res *controls.Results, lang, templateDir string, ctl templates.ControlInput) (templates.TOMRendered, error) {
	ctl, err := e.controlOf(ctl)
	if err != nil {
		return templates.TOMRendered{}, err
	}
	return templates.TOMAndChecklist(templates.TOMInput{
		Results:   res,
		Config:    e.ev.config,
		Model:     e.model,
		Tenant:    res.Tenant,
		Lang:      lang,
		Templates: templates.Options{Dir: templateDir},
		Control:   ctl,
	})
}

// renderReport renders the audit report of one framework as PDF: the
// provider's for provider-wide results, a tenant's customer edition for
// results restricted to the tenant.
func renderReport(e *evaluation, res *controls.Results, framework, lang, templateDir string, ctl templates.ControlInput) func(io.Writer) error {
	return func(w io.Writer) error {
		ctl, err := e.controlOf(ctl)
		if err != nil {
			return err
		}
		doc, err := templates.Report(templates.ReportInput{
			Results:   res,
			Config:    e.ev.config,
			Model:     e.model,
			Framework: framework,
			Tenant:    res.Tenant,
			SoA:       e.ev.soa,
			Lang:      lang,
			Templates: templates.Options{Dir: templateDir},
			Control:   ctl,
		})
		if err != nil {
			return err
		}
		return pdf.Render(w, doc)
	}
}

func renderSoA(e *evaluation, res *controls.Results, declared *config.SoA, lang string) func(io.Writer) error {
	return func(w io.Writer) error {
		return xlsx.WriteSoA(w, xlsx.SoAInput{Results: res, Model: e.model, Declared: declared, Lang: lang, Meta: e.xlsxMeta(res, lang)})
	}
}

// migrationFrom is the framework whose migration sheet the matrix of fw
// gets when all of frameworks were evaluated: C5:2020 beside C5:2026.
func migrationFrom(fw string, frameworks []string) string {
	if fw == controls.C5_2026 && slices.Contains(frameworks, controls.C5) {
		return controls.C5
	}
	return ""
}

// renderMatrixCompare renders a control matrix; compare, when set, adds
// the migration sheet from that framework (c5-2020 beside c5-2026).
func renderMatrixCompare(e *evaluation, res *controls.Results, framework, compare, lang string) func(io.Writer) error {
	return func(w io.Writer) error {
		return xlsx.WriteMatrix(w, xlsx.MatrixInput{Results: res, Model: e.model, Config: e.ev.config, Framework: framework, Lang: lang, Meta: e.xlsxMeta(res, lang), Compare: compare})
	}
}

// xlsxMeta is the run metadata of a spreadsheet: the provider-wide ones
// are internal, a tenant's matrix goes to that customer.
func (e *evaluation) xlsxMeta(res *controls.Results, lang string) xlsx.Meta {
	class := e.ev.config.InternalClassification(lang)
	if res.Tenant != "" {
		class = e.ev.config.CustomerClassification(lang)
	}
	return xlsx.Meta{Organisation: e.ev.config.Organisation.Name, Classification: class, ToolVersion: version}
}

// parallel runs jobs on up to GOMAXPROCS goroutines and returns the first
// error; the remaining jobs still finish.
type parallel struct {
	wg   sync.WaitGroup
	sem  chan struct{}
	mu   sync.Mutex
	err  error
	done context.Context
}

func newParallel(ctx context.Context) *parallel {
	return &parallel{sem: make(chan struct{}, runtime.GOMAXPROCS(0)), done: ctx}
}

func (p *parallel) run(job func() error) {
	p.sem <- struct{}{}
	p.wg.Add(1)
	go func() {
		defer func() { <-p.sem; p.wg.Done() }()
		if p.failed() {
			return
		}
		if err := job(); err != nil {
			p.mu.Lock()
			if p.err == nil {
				p.err = err
			}
			p.mu.Unlock()
		}
	}()
}

func (p *parallel) failed() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err != nil || p.done.Err() != nil
}

func (p *parallel) wait() error {
	p.wg.Wait()
	if p.err != nil {
		return p.err
	}
	return p.done.Err()
}

func printWritten(w io.Writer, files []outfile.Written) {
	for _, f := range files {
		fmt.Fprintf(w, "%s (%s)\n", f.Path, humanSize(f.Size))
	}
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	default:
		return fmt.Sprintf("%d B", n)
	}
}

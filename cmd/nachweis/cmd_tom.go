package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/internal/outfile"
	"github.com/nachweis/nachweis/output/pdf"
	"github.com/nachweis/nachweis/templates"
)

type tomOptions struct {
	docOptions
	tenant     string
	allTenants bool
	checklist  string
	control    controlOptions
}

func newTOMCmd(d deps) *cobra.Command {
	var o tomOptions
	cmd := &cobra.Command{
		Use:   "tom (--tenant ID | --all-tenants) [--bundle DIR | --demo] -o FILE.pdf|DIR",
		Short: "Render the TOM annex (Art. 28(3)(c)/32 GDPR) of a tenant as PDF",
		Long: `Render the annex "technical and organisational measures" of a tenant's data
processing agreement from the evidence: the measures grouped by Art. 32(1)(a)-(d),
each with its outcome, evidence date and evidence ids. The annex goes to the
customer: it names no other tenant, no staff account and no finding in detail.

The annex is "Freigegeben"/"Released" only when every measure is met, attested or
covered by an accepted exception with a customer text. Otherwise it is marked
"Entwurf"/"Draft" on every page, and what blocks the release, with the findings
behind it, goes to an internal release checklist (Markdown, readable by the owner
only) beside the annex, tom-<tenant>.release-checklist.<lang>.md (or --checklist
FILE), and a summary to stderr.

With --all-tenants, -o names a directory that receives tom-<tenant>.<lang>.pdf and
the release checklists for every tenant of the configuration; the checks run once
for all of them.

A released annex also needs a person's approval of exactly its content: until
"nachweis approve" records one (approvals.yaml beside the configuration, or
--approvals FILE), an annex that passes the gate stays a draft that says so.
Annex C lists the version table, the approvals and, with --previous RESULTS.json
(the --results of the last issued version), the changes since that version.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runTOM(contextOf(cmd.Context()), o, d)
		},
	}
	o.docOptions.register(cmd, "output PDF file (with --all-tenants: a directory)", true)
	cmd.Flags().StringVar(&o.tenant, "tenant", "", "tenant id from the configuration")
	cmd.Flags().BoolVar(&o.allTenants, "all-tenants", false, "render one annex per tenant into the -o directory")
	cmd.Flags().StringVar(&o.checklist, "checklist", "", "internal release checklist of a draft annex (default: beside the annex, <name>.release-checklist.<lang>.md)")
	o.control.register(cmd)
	return cmd
}

func runTOM(ctx context.Context, o tomOptions, d deps) error {
	if err := o.check(); err != nil {
		return err
	}
	if (o.tenant == "") == !o.allTenants {
		return usagef("give either --tenant ID or --all-tenants")
	}
	if o.allTenants && o.checklist != "" {
		return usagef("--checklist names the checklist of one annex; with --all-tenants the checklists go into the -o directory")
	}
	if o.allTenants && (o.control.previous != "" || o.control.results != "") {
		return usagef("--previous and --results name the results of one annex; render the annexes one by one with --tenant")
	}
	ctl, err := o.control.input(o.config)
	if err != nil {
		return err
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
		r, err := buildTOM(e, res, o.lang, o.templateDir, ctl)
		if err != nil {
			return err
		}
		if err := writeOutput(ctx, o.output, outfile.Document, d.stdout, func(w io.Writer) error { return pdf.Render(w, r.Document) }); err != nil {
			return err
		}
		if err := writeResults(ctx, o.control.results, res, d); err != nil {
			return err
		}
		if r.Checklist == nil {
			if !r.Released {
				reportUnapproved(d.stderr, o.output, r.Reason)
			}
			return nil
		}
		path := o.checklist
		if path == "" {
			path = checklistBeside(o.output, o.lang)
		}
		if path == "" {
			reportBlockers(d.stderr, o.output, r.Blockers, "")
			return nil
		}
		if err := writeOutput(ctx, path, outfile.Private, d.stdout, func(w io.Writer) error { _, err := w.Write(r.Checklist); return err }); err != nil {
			return err
		}
		reportBlockers(d.stderr, o.output, r.Blockers, path)
		return nil
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
	blocked := newBlockerLog()
	p := newParallel(ctx)
	err = e.each(ctx, tenants, func(res *controls.Results) error {
		p.run(func() error {
			return addTOM(ctx, stage, e, res, o.lang, o.templateDir, ctl, blocked)
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
	blocked.print(d.stderr, o.output, tenants, []string{o.lang})
	return nil
}

func tomFileName(tenant, lang string) string { return "tom-" + tenant + "." + lang + ".pdf" }

// checklistFileName is the name of the release checklist of a tenant's
// annex in a directory of annexes.
func checklistFileName(tenant, lang string) string {
	return "tom-" + tenant + ".release-checklist." + lang + ".md"
}

// checklistBeside is where the release checklist of the annex at output
// goes by default: beside it, tom-acme.de.pdf → tom-acme.release-checklist.de.md.
// It is "" when output is not a file (stdout, a device, a FIFO): a
// checklist then needs --checklist.
func checklistBeside(output, lang string) string {
	if output == "" || output == "-" {
		return ""
	}
	if fi, err := os.Stat(output); err == nil && !fi.Mode().IsRegular() {
		return ""
	}
	base := strings.TrimSuffix(filepath.Base(output), filepath.Ext(output))
	base = strings.TrimSuffix(base, "."+lang)
	return filepath.Join(filepath.Dir(output), base+".release-checklist."+lang+".md")
}

// addTOM stages one tenant's annex and, for a draft, its release
// checklist (private: it names the provider's weaknesses), and logs its
// blockers.
func addTOM(ctx context.Context, stage *outfile.Set, e *evaluation, res *controls.Results, lang, templateDir string, ctl templates.ControlInput, log *blockerLog) error {
	r, err := buildTOM(e, res, lang, templateDir, ctl)
	if err != nil {
		return err
	}
	if err := stage.Add(ctx, tomFileName(res.Tenant, lang), outfile.Document, func(w io.Writer) error { return pdf.Render(w, r.Document) }); err != nil {
		return err
	}
	if r.Checklist == nil {
		if !r.Released {
			log.unapproved(res.Tenant, lang, r.Reason)
		}
		return nil
	}
	log.add(res.Tenant, lang, r.Blockers)
	return stage.Add(ctx, checklistFileName(res.Tenant, lang), outfile.Private, func(w io.Writer) error { _, err := w.Write(r.Checklist); return err })
}

// reportBlockers writes the summary of a draft annex to stderr: which
// measures block its release and where the checklist is.
func reportBlockers(w io.Writer, annex string, blockers []string, checklist string) {
	if annex == "" || annex == "-" {
		annex = "TOM annex"
	}
	where := "internal release checklist: " + checklist
	if checklist == "" {
		where = "no release checklist written: -o is not a file; give --checklist FILE"
	}
	fmt.Fprintf(w, "%s: draft, %s block the release (%s); %s\n", annex, measureCount(len(blockers)), strings.Join(blockers, ", "), where)
}

// reportUnapproved writes the summary of an annex that passes its gate
// but lacks an approval of its content.
func reportUnapproved(w io.Writer, annex, reason string) {
	if annex == "" || annex == "-" {
		annex = "TOM annex"
	}
	fmt.Fprintf(w, "%s: draft, the release gate passes but %s; approve it with: nachweis approve %s --as NAME --role ROLE\n", annex, reason, annex)
}

func measureCount(n int) string {
	if n == 1 {
		return "1 measure"
	}
	return fmt.Sprintf("%d measures", n)
}

// blockerLog collects the blockers of annexes rendered in parallel, and
// why an annex whose gate passes is not released.
type blockerLog struct {
	mu      sync.Mutex
	by      map[string][]string
	reasons map[string]string
}

func newBlockerLog() *blockerLog {
	return &blockerLog{by: map[string][]string{}, reasons: map[string]string{}}
}

func (l *blockerLog) unapproved(tenant, lang, reason string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.reasons[tenant+"\x00"+lang] = reason
}

func (l *blockerLog) add(tenant, lang string, blockers []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.by[tenant+"\x00"+lang] = blockers
}

// print writes one summary line per draft annex, in tenant and language
// order.
func (l *blockerLog) print(w io.Writer, dir string, tenants, langs []string) {
	for _, t := range tenants {
		for _, lang := range langs {
			if b, ok := l.by[t+"\x00"+lang]; ok {
				reportBlockers(w, filepath.Join(dir, tomFileName(t, lang)), b, filepath.Join(dir, checklistFileName(t, lang)))
			} else if reason, ok := l.reasons[t+"\x00"+lang]; ok {
				reportUnapproved(w, filepath.Join(dir, tomFileName(t, lang)), reason)
			}
		}
	}
}

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/internal/outfile"
)

type controlsOptions struct {
	framework string
	format    string
	lang      string
	output    string
	view      string
}

func newControlsCmd(d deps) *cobra.Command {
	var o controlsOptions
	cmd := &cobra.Command{
		Use:   "controls [--framework F] [--view requirements|measures|summary|subcriteria] [--format text|json]",
		Short: "List the catalogs and how each requirement and measure is assessed",
		Long: `List every requirement of C5:2020, C5:2026, ISO/IEC 27001:2022 Annex A and GDPR
Art. 28/32 with the measures and checks that assess it, and whether it is
assessed automatically, by attestation, or is not applicable by default,
followed by the share of requirements with a technical basis per framework.
The C5:2026 criteria are followed by their sub-criteria with their type
(basic, additional-complementing, additional-sharpening); --view subcriteria
lists only those. --framework c5 means C5:2020 until the move to C5:2026
(stderr says so).

--view measures lists the measures instead, each assessed by checks, by
attestation, or both; --view summary gives only the counts: per framework the
requirements with a technical basis (at least one measure assessed by
automated checks), and the measures by how they are assessed. A technical
basis says how a requirement is assessed, not that it is met.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runControls(contextOf(cmd.Context()), o, d) },
	}
	f := cmd.Flags()
	f.StringVar(&o.framework, "framework", "", "one framework: "+frameworkChoices+" (default all)")
	f.StringVar(&o.format, "format", "text", "output format: text or json")
	f.StringVar(&o.lang, "lang", "en", "language of titles in text output: de or en")
	f.StringVarP(&o.output, "output", "o", "", "write to FILE instead of standard output")
	f.StringVar(&o.view, "view", "requirements", "what to list: requirements, measures, summary or subcriteria (C5:2026)")
	return cmd
}

func runControls(ctx context.Context, o controlsOptions, d deps) error {
	frameworks := controls.Frameworks
	if o.framework != "" {
		fw, err := resolveFramework(o.framework, d.stderr)
		if err != nil {
			return err
		}
		frameworks = []string{fw}
	}
	if o.lang != "de" && o.lang != "en" {
		return usagef("--lang %q: expected de or en", o.lang)
	}
	switch o.format {
	case "text", "json":
	default:
		return usagef("--format %q: expected text or json", o.format)
	}
	switch o.view {
	case "requirements", "measures", "summary", "subcriteria":
	default:
		return usagef("--view %q: expected requirements, measures, summary or subcriteria", o.view)
	}
	model, err := controls.Load()
	if err != nil {
		return err
	}
	var render func(io.Writer) error
	switch o.view + "/" + o.format {
	case "requirements/text":
		render = func(w io.Writer) error { return writeCoverageText(w, model, frameworks, o.lang) }
	case "requirements/json":
		var all []controls.Coverage
		for _, fw := range frameworks {
			all = append(all, model.Coverage(fw)...)
		}
		render = func(w io.Writer) error { return writeJSON(w, all) }
	case "measures/text":
		render = func(w io.Writer) error { return writeMeasuresText(w, model.MeasureCoverage(), o.lang) }
	case "measures/json":
		render = func(w io.Writer) error { return writeJSON(w, model.MeasureCoverage()) }
	case "summary/text":
		render = func(w io.Writer) error { return writeSummaryText(w, controlsSummary(model, frameworks)) }
	case "summary/json":
		render = func(w io.Writer) error { return writeJSON(w, controlsSummary(model, frameworks)) }
	case "subcriteria/text":
		render = func(w io.Writer) error { return writeSubcriteriaText(w, model, frameworks, o.lang) }
	case "subcriteria/json":
		render = func(w io.Writer) error { return writeJSON(w, subcriteriaOf(model, frameworks)) }
	}
	// The catalogue listing holds nothing of the provider: a document.
	return writeOutput(ctx, o.output, outfile.Document, d.stdout, render)
}

// summary is what --view summary shows.
type summary struct {
	Frameworks []controls.FrameworkBasis `json:"frameworks"`
	// Measures counts the measures by how they are assessed
	// (controls.AssessByChecks, AssessByAttestation, AssessByBoth).
	Measures      map[string]int `json:"measures"`
	MeasuresTotal int            `json:"measures_total"`
}

func controlsSummary(model *controls.Model, frameworks []string) summary {
	s := summary{Measures: map[string]int{controls.AssessByChecks: 0, controls.AssessByAttestation: 0, controls.AssessByBoth: 0}}
	for _, fw := range frameworks {
		s.Frameworks = append(s.Frameworks, model.Basis(fw))
	}
	for _, m := range model.MeasureCoverage() {
		s.Measures[m.Assessment]++
		s.MeasuresTotal++
	}
	return s
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encode controls: %w", err)
	}
	return nil
}

func writeSummaryText(w io.Writer, s summary) error {
	for _, b := range s.Frameworks {
		fmt.Fprintf(w, "%s: %d of %d applicable requirements (%.1f%%) have a technical basis (%d by checks only, %d by checks and attestations); %d attested only; %d need a recorded scope decision",
			b.Framework, b.Technical, b.Requirements-b.DecisionNeeded, b.TechnicalPercent, b.Automated, b.Mixed, b.AttestedOnly, b.DecisionNeeded)
		if b.None > 0 {
			fmt.Fprintf(w, "; %d without any measure", b.None)
		}
		fmt.Fprintln(w)
	}
	checks := s.Measures[controls.AssessByChecks] + s.Measures[controls.AssessByBoth]
	_, err := fmt.Fprintf(w, "measures: %d of %d assessed by checks (%d by checks only, %d by checks and attestation); %d by attestation only\n",
		checks, s.MeasuresTotal, s.Measures[controls.AssessByChecks], s.Measures[controls.AssessByBoth], s.Measures[controls.AssessByAttestation])
	return err
}

func writeMeasuresText(w io.Writer, ms []controls.MeasureCoverage, lang string) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "MEASURE\tASSESSMENT\tCHECKS\tTITLE")
	for _, m := range ms {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", m.ID, m.Assessment, dash(strings.Join(m.Checks, ",")), m.Title.In(lang))
	}
	return tw.Flush()
}

func writeCoverageText(w io.Writer, model *controls.Model, frameworks []string, lang string) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FRAMEWORK\tID\tASSESSMENT\tMEASURES\tCHECKS\tTITLE")
	var c []controls.Coverage
	for _, fw := range frameworks {
		c = append(c, model.Coverage(fw)...)
	}
	for _, r := range c {
		title := r.Title.In(lang)
		if r.Note != nil {
			title += " — " + r.Note.In(lang)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.Framework, r.ID, r.Assessment,
			dash(strings.Join(r.Measures, ",")), dash(strings.Join(r.Checks, ",")), title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if slices.Contains(frameworks, controls.C5_2026) {
		fmt.Fprintln(w)
		if err := writeSubcriteriaText(w, model, []string{controls.C5_2026}, lang); err != nil {
			return err
		}
	}
	fmt.Fprintln(w)
	return writeSummaryText(w, controlsSummary(model, frameworks))
}

func dash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

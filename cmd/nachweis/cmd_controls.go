package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
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
}

func newControlsCmd(d deps) *cobra.Command {
	var o controlsOptions
	cmd := &cobra.Command{
		Use:   "controls [--framework F] [--format text|json]",
		Short: "List the catalogs and how each requirement is assessed",
		Long: `List every requirement of C5:2020, ISO/IEC 27001:2022 Annex A and GDPR Art. 28/32
with the measures and checks that assess it, and whether it is assessed
automatically, by attestation, or is not applicable by default.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runControls(contextOf(cmd.Context()), o, d) },
	}
	f := cmd.Flags()
	f.StringVar(&o.framework, "framework", "", "one framework: c5, iso27001 or gdpr (default all)")
	f.StringVar(&o.format, "format", "text", "output format: text or json")
	f.StringVar(&o.lang, "lang", "en", "language of titles in text output: de or en")
	f.StringVarP(&o.output, "output", "o", "", "write to FILE instead of standard output")
	return cmd
}

func runControls(ctx context.Context, o controlsOptions, d deps) error {
	frameworks := controls.Frameworks
	if o.framework != "" {
		if !controls.IsFramework(o.framework) {
			return usagef("--framework %q: expected c5, iso27001 or gdpr", o.framework)
		}
		frameworks = []string{o.framework}
	}
	if o.lang != "de" && o.lang != "en" {
		return usagef("--lang %q: expected de or en", o.lang)
	}
	var render func(io.Writer, []controls.Coverage) error
	switch o.format {
	case "text":
		render = func(w io.Writer, c []controls.Coverage) error { return writeCoverageText(w, c, o.lang) }
	case "json":
		render = writeCoverageJSON
	default:
		return usagef("--format %q: expected text or json", o.format)
	}
	model, err := controls.Load()
	if err != nil {
		return err
	}
	var all []controls.Coverage
	for _, fw := range frameworks {
		all = append(all, model.Coverage(fw)...)
	}
	// The catalogue listing holds nothing of the provider: a document.
	return writeOutput(ctx, o.output, outfile.Document, d.stdout, func(w io.Writer) error { return render(w, all) })
}

func writeCoverageJSON(w io.Writer, c []controls.Coverage) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(c); err != nil {
		return fmt.Errorf("encode controls: %w", err)
	}
	return nil
}

func writeCoverageText(w io.Writer, c []controls.Coverage, lang string) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FRAMEWORK\tID\tASSESSMENT\tMEASURES\tCHECKS\tTITLE")
	for _, r := range c {
		title := r.Title.In(lang)
		if r.Justification != nil {
			title += " — " + r.Justification.In(lang)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.Framework, r.ID, r.Assessment,
			dash(strings.Join(r.Measures, ",")), dash(strings.Join(r.Checks, ",")), title)
	}
	return tw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

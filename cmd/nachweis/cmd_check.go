package main

import (
	"context"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/internal/outfile"
	"github.com/nachweis/nachweis/output"
)

type checkOptions struct {
	evidenceOptions
	framework []string
	tenant    string
	format    string
	failOn    string
	lang      string
	output    string
}

func newCheckCmd(d deps) *cobra.Command {
	var o checkOptions
	cmd := &cobra.Command{
		Use:   "check [--bundle DIR | --demo]",
		Short: "Evaluate all controls against an evidence bundle",
		Long: `Evaluate every check against the evidence bundle and aggregate the outcomes
to measures and to the requirements of C5:2020, C5:2026, ISO/IEC 27001:2022 and
GDPR. Both C5 versions are evaluated in the same run unless --framework picks
some (repeat it or separate by commas: --framework c5-2020,c5-2026); c5 means
C5:2020 until the move to C5:2026 (stderr says so).

Exits 3 when a check of at least --fail-on severity fails or lacks evidence.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runCheck(contextOf(cmd.Context()), o, d)
		},
	}
	f := cmd.Flags()
	o.evidenceOptions.register(cmd)
	f.StringSliceVar(&o.framework, "framework", nil, "report these frameworks: "+frameworkChoices+" (repeatable; default all)")
	f.StringVar(&o.tenant, "tenant", "", "evaluate one tenant's scope (tenant id from the configuration)")
	f.StringVar(&o.format, "format", "text", "output format: text, json, sarif or junit")
	f.StringVar(&o.failOn, "fail-on", "high", "exit 3 when a check of at least this severity fails or lacks evidence: low, medium, high, critical or none")
	f.StringVar(&o.lang, "lang", "en", "language of text output: de or en")
	f.StringVarP(&o.output, "output", "o", "", "write to FILE instead of standard output")
	return cmd
}

func runCheck(ctx context.Context, o checkOptions, d deps) error {
	frameworks, err := resolveFrameworks(o.framework, d.stderr)
	if err != nil {
		return err
	}
	var failOn controls.Severity
	if o.failOn != "none" {
		s, err := controls.ParseSeverity(o.failOn)
		if err != nil {
			return usagef("--fail-on: %v or none", err)
		}
		failOn = s
	}
	render, err := renderer(o.format, o.lang)
	if err != nil {
		return err
	}
	e, err := newEvaluation(ctx, o.evidenceOptions, d)
	if err != nil {
		return err
	}
	res, err := e.run(ctx, o.tenant, frameworks)
	if err != nil {
		return err
	}
	if err := writeOutput(ctx, o.output, outfile.Private, d.stdout, func(w io.Writer) error { return render(w, res) }); err != nil {
		return err
	}
	if failOn == "" {
		return nil
	}
	if n := failing(res, failOn); n > 0 {
		return &failingError{count: n}
	}
	return nil
}

// failing counts checks at or above min severity that fail or lack
// evidence: missing evidence never passes a CI gate.
func failing(res *controls.Results, min controls.Severity) int {
	n := 0
	for _, c := range res.Checks {
		if (c.Status == controls.Fail || c.Status == controls.NoEvidence) && c.Severity.AtLeast(min) {
			n++
		}
	}
	return n
}

func renderer(format, lang string) (func(io.Writer, *controls.Results) error, error) {
	if lang != "de" && lang != "en" {
		return nil, usagef("--lang %q: expected de or en", lang)
	}
	switch strings.ToLower(format) {
	case "text":
		return func(w io.Writer, r *controls.Results) error {
			return output.WriteText(w, r, output.TextOptions{Lang: lang})
		}, nil
	case "json":
		return output.WriteJSON, nil
	case "sarif":
		return func(w io.Writer, r *controls.Results) error {
			return output.WriteSARIF(w, r, output.SARIFOptions{ToolName: "nachweis", ToolVersion: version, InformationURI: "https://github.com/nachweis/nachweis"})
		}, nil
	case "junit":
		return output.WriteJUnit, nil
	default:
		return nil, usagef("--format %q: expected text, json, sarif or junit", format)
	}
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("%s takes no arguments, got %q", cmd.CommandPath(), strings.Join(args, " "))
	}
	return nil
}

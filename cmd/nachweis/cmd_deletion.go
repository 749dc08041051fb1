package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/config"
	"github.com/nachweis/nachweis/evidence/deletion"
	"github.com/nachweis/nachweis/evidence/inventory"
	"github.com/nachweis/nachweis/internal/outfile"
	"github.com/nachweis/nachweis/output"
	"github.com/nachweis/nachweis/output/pdf"
	"github.com/nachweis/nachweis/templates"
)

func newDeletionCmd(d deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "deletion",
		Short: "Deletion at contract end: inventory a tenant's data and prove it is gone (Löschprotokoll)",
		Long: `Inventory every place a tenant's data lives (deletion plan) and, after the
deletion, compare that inventory with new evidence into the deletion protocol
(Löschprotokoll): what is deleted and verified absent, what is still present or
still being deleted, and until when backup copies still hold the data.`,
		Args: noArgs,
	}
	cmd.AddCommand(newDeletionPlanCmd(d), newDeletionVerifyCmd(d))
	return cmd
}

type deletionPlanOptions struct {
	config, tenant, bundle string
	lang, now, output      string
}

func newDeletionPlanCmd(d deps) *cobra.Command {
	var o deletionPlanOptions
	cmd := &cobra.Command{
		Use:   "plan --config nachweis.yaml --tenant ID [--bundle DIR] -o plan.json|plan.pdf|plan.md",
		Short: "Inventory a tenant's data: objects, backup copies with their expiry, declared places",
		Long: `Write the inventory of one tenant's data from the evidence bundle and the
configuration: its Kubernetes namespaces with their PersistentVolumeClaims,
PersistentVolumes (size, reclaim policy, StorageClass), Secrets and ConfigMaps
(by name), the Velero backups holding its namespaces, the restic snapshots,
borg archives and pgBackRest backups its selectors pick, each copy with the
date it expires (Velero's expiration plus garbage collection; restic and borg
by running the declared keep rules forward with each tool's semantics;
pgBackRest by repo-retention-full), the places the configuration declares and
statutory retention. Each item carries its data cluster and deletion class
(ISO/IEC 27555) from the configuration's deletion section.

The output format follows -o: .json (the plan, readable again as --before of
deletion verify), .pdf or .md; "-" writes JSON to standard output. Without
--bundle the plan lists only what the configuration declares.

Exit 2 for an unknown tenant or a retention that cannot be simulated.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runDeletionPlan(contextOf(cmd.Context()), o, d) },
	}
	f := cmd.Flags()
	f.StringVar(&o.config, "config", "", "configuration file (nachweis.yaml) (required)")
	f.StringVar(&o.tenant, "tenant", "", "tenant id from the configuration (required)")
	f.StringVar(&o.bundle, "bundle", "", "evidence bundle directory (from nachweis collect or import)")
	f.StringVar(&o.lang, "lang", "de", "document language of .pdf and .md output: de or en")
	f.StringVar(&o.now, "now", "", "the plan's date, RFC 3339 (default: SOURCE_DATE_EPOCH, else the current time)")
	f.StringVarP(&o.output, "output", "o", "", "output file: .json, .pdf or .md; - for JSON on standard output (required)")
	return cmd
}

func runDeletionPlan(ctx context.Context, o deletionPlanOptions, d deps) error {
	format, err := deletionFormat(o.output, true)
	if err != nil {
		return err
	}
	if err := checkDeletionFlags(o.config, o.tenant, o.lang); err != nil {
		return err
	}
	now, err := evaluationClock("now", o.now, d, time.Time{})
	if err != nil {
		return err
	}
	cfg, err := config.Load(o.config)
	if err != nil {
		return err
	}
	in := inventory.Input{Config: cfg, Tenant: o.tenant, Now: now, ToolVersion: version}
	if o.bundle != "" {
		if in.Bundle, err = evidence.Open(o.bundle); err != nil {
			return err
		}
	}
	plan, err := inventory.Build(in)
	if err != nil {
		return usageOnInput(err)
	}
	if format == "json" {
		return writeOutput(ctx, o.output, outfile.Private, d.stdout, func(w io.Writer) error { return deletion.WriteJSON(w, plan) })
	}
	doc, err := templates.DeletionPlan(templates.DeletionInput{Plan: plan, Config: cfg, Lang: o.lang})
	if err != nil {
		return err
	}
	return writeOutput(ctx, o.output, outfile.Document, d.stdout, renderDocument(format, doc))
}

type deletionVerifyOptions struct {
	config, tenant, before, after string
	lang, now, output, json       string
}

func newDeletionVerifyCmd(d deps) *cobra.Command {
	var o deletionVerifyOptions
	cmd := &cobra.Command{
		Use:   "verify --config nachweis.yaml --tenant ID --before BUNDLE|plan.json --after BUNDLE [--lang de|en] -o protocol.pdf [--json protocol.json]",
		Short: "Compare the inventory before the deletion with new evidence: the deletion protocol",
		Long: `Compare the tenant's inventory before the deletion (--before: the bundle then,
or the plan written by deletion plan) with the evidence after it (--after: a
newly collected bundle) and write the deletion protocol (Löschprotokoll), document
id LP-<tenant>-<date>, as PDF or Markdown (-o) and JSON (--json).

An object is "deleted and verified" only when a cluster-wide list of its kind
in the later bundle no longer holds it; without that list it is "not
evidenced". Objects still present, a Terminating namespace, a volume kept by
reclaim policy Retain, and backup copies that never expire under their rule
are open items: the protocol is then a draft ("Entwurf") naming each of them
and the command exits 3. Without open items the protocol is stage 1 while
backup copies or declared places still hold data (it states the date the last
copy expires), stage 2 (final) once none does: run verify again after that
date.

Exit 2 when the inputs cannot be compared: --before newer than --after,
bundles of different clusters or repositories, an unknown tenant, a retention
that cannot be simulated.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runDeletionVerify(contextOf(cmd.Context()), o, d) },
	}
	f := cmd.Flags()
	f.StringVar(&o.config, "config", "", "configuration file (nachweis.yaml) (required)")
	f.StringVar(&o.tenant, "tenant", "", "tenant id from the configuration (required)")
	f.StringVar(&o.before, "before", "", "evidence bundle directory or plan JSON from before the deletion (required)")
	f.StringVar(&o.after, "after", "", "evidence bundle directory from after the deletion (required)")
	f.StringVar(&o.lang, "lang", "de", "document language: de or en")
	f.StringVar(&o.now, "now", "", "the protocol's date, RFC 3339 (default: SOURCE_DATE_EPOCH, else the current time)")
	f.StringVarP(&o.output, "output", "o", "", "protocol document: .pdf or .md")
	f.StringVar(&o.json, "json", "", "protocol as JSON")
	return cmd
}

func runDeletionVerify(ctx context.Context, o deletionVerifyOptions, d deps) error {
	if o.output == "" && o.json == "" {
		return usagef("no output: give -o protocol.pdf and/or --json protocol.json")
	}
	format := ""
	if o.output != "" {
		var err error
		if format, err = deletionFormat(o.output, false); err != nil {
			return err
		}
	}
	if err := checkDeletionFlags(o.config, o.tenant, o.lang); err != nil {
		return err
	}
	if o.before == "" || o.after == "" {
		return usagef("give --before (bundle or plan JSON from before the deletion) and --after (bundle from after it)")
	}
	now, err := evaluationClock("now", o.now, d, time.Time{})
	if err != nil {
		return err
	}
	cfg, err := config.Load(o.config)
	if err != nil {
		return err
	}
	if err := inventory.CheckTenant(cfg, o.tenant); err != nil {
		return usageOnInput(err)
	}
	before, err := loadDeletionSide("--before", o.before, cfg, o.tenant, now, nil)
	if err != nil {
		return err
	}
	after, err := loadDeletionSide("--after", o.after, cfg, o.tenant, now, before.Tenant.Namespaces)
	if err != nil {
		return err
	}
	p, err := deletion.Verify(before, after, now, version)
	if err != nil {
		return usageOnInput(err)
	}
	if o.json != "" {
		if err := writeOutput(ctx, o.json, outfile.Document, d.stdout, func(w io.Writer) error { return deletion.WriteJSON(w, p) }); err != nil {
			return err
		}
	}
	if o.output != "" {
		doc, err := templates.DeletionProtocol(templates.DeletionInput{Protocol: p, Config: cfg, Lang: o.lang})
		if err != nil {
			return err
		}
		if err := writeOutput(ctx, o.output, outfile.Document, d.stdout, renderDocument(format, doc)); err != nil {
			return err
		}
	}
	if p.Status == deletion.StatusDraft {
		var items []string
		for _, b := range p.Blockers {
			items = append(items, fmt.Sprintf("%s %s (%s): %s", b.Kind, b.Name, b.Where, b.Outcome))
		}
		fmt.Fprintf(d.stderr, "nachweis: %s is a draft, %d open item(s): %s\n", p.DocumentID, len(p.Blockers), strings.Join(items, "; "))
		return &failingError{count: len(p.Blockers)}
	}
	return nil
}

// loadDeletionSide reads --before or --after: a bundle directory becomes a
// plan; a file is a plan written by deletion plan.
func loadDeletionSide(flag, path string, cfg *config.Config, tenant string, now time.Time, namespaces map[string][]string) (*deletion.Plan, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", flag, path, err)
	}
	if fi.IsDir() {
		b, err := evidence.Open(path)
		if err != nil {
			return nil, err
		}
		p, err := inventory.Build(inventory.Input{Bundle: b, Config: cfg, Tenant: tenant, Now: now, ToolVersion: version, Namespaces: namespaces})
		if err != nil {
			return nil, usageOnInput(err)
		}
		return p, nil
	}
	if !fi.Mode().IsRegular() {
		return nil, usagef("%s %s: expected a bundle directory or a plan JSON file", flag, path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", flag, err)
	}
	p, err := deletion.ReadPlan(path, data)
	if err != nil {
		return nil, err
	}
	if p.Tenant.ID != tenant {
		return nil, usagef("%s %s: the plan is of tenant %q, not %q", flag, path, p.Tenant.ID, tenant)
	}
	return p, nil
}

func checkDeletionFlags(cfg, tenant, lang string) error {
	switch {
	case cfg == "":
		return usagef("--config nachweis.yaml is required")
	case tenant == "":
		return usagef("--tenant ID is required")
	case lang != "de" && lang != "en":
		return usagef("--lang %q: expected de or en", lang)
	}
	return nil
}

// deletionFormat is the format -o names by its extension.
func deletionFormat(path string, jsonAllowed bool) (string, error) {
	switch ext := strings.ToLower(filepath.Ext(path)); {
	case path == "":
		return "", usagef("no output: give -o FILE")
	case path == "-" && jsonAllowed, ext == ".json" && jsonAllowed:
		return "json", nil
	case ext == ".pdf":
		return "pdf", nil
	case ext == ".md":
		return "md", nil
	case jsonAllowed:
		return "", usagef("-o %s: expected a file ending in .json, .pdf or .md, or - for JSON on standard output", path)
	default:
		return "", usagef("-o %s: expected a file ending in .pdf or .md (JSON: --json FILE)", path)
	}
}

func renderDocument(format string, doc templates.Document) func(io.Writer) error {
	return func(w io.Writer) error {
		if format == "md" {
			return output.WriteMarkdown(w, doc)
		}
		return pdf.Render(w, doc)
	}
}

// usageOnInput turns what the user must fix (deletion.InputError) into a
// usage error: exit 2.
func usageOnInput(err error) error {
	var ie *deletion.InputError
	if errors.As(err, &ie) {
		return &usageError{err}
	}
	return err
}

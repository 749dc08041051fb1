package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence/config"
	"github.com/nachweis/nachweis/output"
	"github.com/nachweis/nachweis/output/oscal"
	"github.com/nachweis/nachweis/output/pack"
	"github.com/nachweis/nachweis/templates"
)

// packRender says which documents a pack gets.
type packRender struct {
	langs []string
	tom   bool
	key   ed25519.PrivateKey
}

// packContents are the files rendered from one evaluation.
type packContents struct {
	files     []pack.File
	documents []string
	warnings  []string
}

// renderPackContents renders results.json, the documents, the OSCAL files
// and the READMEs from the results of the pack's evaluation.
func renderPackContents(ctx context.Context, e *evaluation, res *controls.Results, in *packInputs, r packRender) (*packContents, error) {
	out := &packContents{}
	var mu sync.Mutex
	add := func(p string, render func(io.Writer) error) func() error {
		return func() error {
			var buf bytes.Buffer
			if err := render(&buf); err != nil {
				return fmt.Errorf("render %s: %w", p, err)
			}
			mu.Lock()
			out.files = append(out.files, pack.File{Path: p, Data: buf.Bytes()})
			if strings.HasPrefix(p, packDocsDir) {
				out.documents = append(out.documents, p)
			}
			mu.Unlock()
			return nil
		}
	}
	var declared *config.SoA
	if in.soa {
		raw, err := readPackInput(in, packSoAFile)
		if err != nil {
			return nil, err
		}
		if declared, err = config.ParseSoA(packSoAFile, raw); err != nil {
			return nil, err
		}
	}

	// The reports of every framework and language are built from res:
	// its part of their content digests is encoded once.
	ctl := templates.ControlInput{}
	if res.Tenant == "" {
		part, err := templates.PrepareResults(res)
		if err != nil {
			return nil, err
		}
		ctl.Results = part
	}
	p := newParallel(ctx)
	p.run(add(packResultsFile, func(w io.Writer) error { return output.WriteJSON(w, res) }))
	for _, lang := range r.langs {
		for _, fw := range res.Frameworks {
			if res.Tenant == "" {
				p.run(add(fmt.Sprintf("%sreport-%s.%s.pdf", packDocsDir, fw, lang), renderReport(e, res, fw, lang, "", ctl)))
			}
			p.run(add(fmt.Sprintf("%smatrix-%s.%s.xlsx", packDocsDir, fw, lang), renderMatrixCompare(e, res, fw, migrationFrom(fw, res.Frameworks), lang)))
		}
		if declared != nil && res.Tenant == "" && slices.Contains(res.Frameworks, controls.ISO27001) {
			p.run(add(fmt.Sprintf("%ssoa.%s.xlsx", packDocsDir, lang), renderSoA(e, res, declared, lang)))
		}
	}
	if declared == nil && res.Tenant == "" && slices.Contains(res.Frameworks, controls.ISO27001) {
		out.warnings = append(out.warnings, "no SoA declarations (soa.yaml beside the configuration, or --soa): the pack has no Statement of Applicability")
	}
	if r.tom {
		if err := renderPackTOMs(ctx, e, res, r.langs, p, add); err != nil {
			p.wait()
			return nil, err
		}
	}
	org := e.ev.config.Organisation.Name
	digests := map[string]string{}
	for _, f := range in.files {
		if strings.HasPrefix(f.Path, "config/") {
			sum := sha256.Sum256(f.Data)
			digests[f.Path] = hex.EncodeToString(sum[:])
		}
	}
	oin := oscal.Input{Results: res, Model: e.model, Organisation: org, Root: "../",
		BundleDir: packBundleDir, ControlsDir: packControlsDir, Digests: digests, ToolVersion: e.version()}
	p.run(add(packOSCALDir+"assessment-results.json", func(w io.Writer) error { return oscal.WriteAssessmentResults(w, oin) }))
	p.run(add(packOSCALDir+"component-definition.json", func(w io.Writer) error { return oscal.WriteComponentDefinition(w, oin) }))
	if err := p.wait(); err != nil {
		return nil, err
	}

	sort.Strings(out.documents)
	for _, lang := range []string{"de", "en"} {
		readme, err := pack.Readme(lang, pack.ReadmeInput{
			Organisation: org, ToolVersion: e.version(), EvaluatedAt: res.EvaluatedAt, EvidenceCutoff: res.EvidenceCutoff,
			BundleDigest: res.BundleDigest, RunID: res.RunID, Tenant: res.Tenant, Frameworks: res.Frameworks,
			KeyFingerprint: pack.Fingerprint(r.key.Public().(ed25519.PublicKey)), Documents: out.documents,
			CustomPolicies: in.custom, SoA: in.soa, Records: in.records,
		})
		if err != nil {
			return nil, err
		}
		out.files = append(out.files, pack.File{Path: pack.ReadmeFile(lang), Data: readme})
	}
	return out, nil
}

// renderPackTOMs renders the TOM annex of the pack's tenant, or of every
// tenant of a provider-wide pack (one more evaluation, per tenant).
func renderPackTOMs(ctx context.Context, e *evaluation, res *controls.Results, langs []string, p *parallel, add func(string, func(io.Writer) error) func() error) error {
	render := func(t *controls.Results) {
		for _, lang := range langs {
			p.run(add(packDocsDir+tomFileName(t.Tenant, lang), renderTOM(e, t, lang, "", templates.ControlInput{})))
		}
	}
	if res.Tenant != "" {
		render(res)
		return nil
	}
	tenants := e.tenantIDs()
	if len(tenants) == 0 {
		return fmt.Errorf("--tom: the configuration defines no tenants")
	}
	return e.each(ctx, tenants, func(t *controls.Results) error {
		render(t)
		return nil
	})
}

func readPackInput(in *packInputs, p string) ([]byte, error) {
	for _, f := range in.files {
		if f.Path == p {
			return f.Data, nil
		}
	}
	return nil, fmt.Errorf("pack input %s missing", p)
}

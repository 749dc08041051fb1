package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/attest"
	"github.com/nachweis/nachweis/evidence/config"
	"github.com/nachweis/nachweis/policies"
)

// The layout of an evidence pack's inputs: what pack copies in and what
// verify evaluates again. Both go through newPackEvaluation, so the packed
// results are by construction the results of the packed files.
const (
	packBundleDir   = "bundle/"
	packPoliciesDir = "policies/"
	packControlsDir = "controls/"
	packConfigFile  = "config/nachweis.yaml"
	packSoAFile     = "config/soa.yaml"
	packRecordsDir  = "config/records/"  // config/records/<n>/: one per attestation or exception directory
	packCustomDir   = "policies/custom/" // policies/custom/<n>/: one per extra policy directory
	packResultsFile = "results.json"
	packDocsDir     = "documents/"
	packOSCALDir    = "oscal/"
)

// newPackEvaluation prepares the evaluation of a pack's files: the bundle
// under bundle/ (verified against its own manifest), the configuration
// config/nachweis.yaml with the attestations and exceptions it names
// under config/records/, the policies under policies/ (instead of the
// embedded ones) and the catalogs, measures and crosswalk under controls/.
// now and toolVersion are the evaluation's clock and recorded version.
func newPackEvaluation(ctx context.Context, fsys fs.FS, now time.Time, toolVersion string) (*evaluation, error) {
	bundleFS, err := fs.Sub(fsys, dirName(packBundleDir))
	if err != nil {
		return nil, err
	}
	b, err := evidence.OpenFS(bundleFS)
	if err != nil {
		var be *evidence.BundleError
		if errors.As(err, &be) {
			return nil, fmt.Errorf("%s%s: %s", packBundleDir, be.Path, be.Reason)
		}
		return nil, fmt.Errorf("%s: %w", packBundleDir, err)
	}
	raw, err := fs.ReadFile(fsys, packConfigFile)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", packConfigFile, err)
	}
	cfg, err := config.Parse(packConfigFile, raw)
	if err != nil {
		return nil, err
	}
	if len(cfg.Policies) > 0 {
		return nil, fmt.Errorf("%s: policies: a pack carries its policies under %s, not as directories", packConfigFile, packPoliciesDir)
	}
	records, err := attest.LoadFS(fsys, append(append([]string{}, cfg.Attestations...), cfg.Exceptions...)...)
	if err != nil {
		return nil, err
	}
	// The packed SoA's exclusions are scope decisions of the evaluation,
	// as when the pack was made.
	var soa *config.SoA
	if raw, err := fs.ReadFile(fsys, packSoAFile); err == nil {
		if soa, err = config.ParseSoA(packSoAFile, raw); err != nil {
			return nil, err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", packSoAFile, err)
	}
	policyFS, err := fs.Sub(fsys, dirName(packPoliciesDir))
	if err != nil {
		return nil, err
	}
	compiling := policies.Compile(ctx, policies.EngineOptions{FS: policyFS})
	engine := func() (*policies.Engine, error) {
		e, err := compiling()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", packPoliciesDir, err)
		}
		return e, nil
	}
	controlsFS, err := fs.Sub(fsys, dirName(packControlsDir))
	if err != nil {
		return nil, err
	}
	model, err := controls.LoadFS(controlsFS)
	if err != nil {
		if _, cerr := engine(); cerr != nil {
			return nil, cerr
		}
		return nil, fmt.Errorf("%s: %w", packControlsDir, err)
	}
	return &evaluation{
		ev:          &loadedEvidence{bundle: b, config: cfg.WithSoA(soa), records: records, soa: soa},
		engine:      engine,
		model:       model,
		now:         now.UTC(),
		toolVersion: toolVersion,
	}, nil
}

// dirName is a pack directory ("bundle/") as fs.Sub takes it ("bundle").
func dirName(dir string) string { return dir[:len(dir)-1] }

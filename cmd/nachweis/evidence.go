package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/attest"
	"github.com/nachweis/nachweis/evidence/config"
	"github.com/nachweis/nachweis/evidence/demo"
	"github.com/nachweis/nachweis/policies"
)

// evidenceOptions select what a command evaluates: a bundle directory with
// an optional configuration, or the embedded demo provider.
type evidenceOptions struct {
	bundle        string
	demo          bool
	config        string
	policyDirs    []string
	policyTimeout time.Duration
	policyMemory  string
	limitFlags    bool // the two above are flags (else: the defaults)
	now           string
	// soa is the SoA declarations file (soa --soa); empty means soa.yaml
	// beside the configuration, if there is one.
	soa string
}

func (o *evidenceOptions) register(cmd *cobra.Command) {
	f := cmd.Flags()
	o.limitFlags = true
	f.StringVar(&o.bundle, "bundle", "", "evidence bundle directory (from nachweis import or collect)")
	f.BoolVar(&o.demo, "demo", false, "use the embedded demo provider (Beispiel Cloud GmbH)")
	f.StringVar(&o.config, "config", "", "configuration file (nachweis.yaml): tenants, declarations, attestations, exceptions")
	f.StringSliceVar(&o.policyDirs, "policy-dir", nil, "extra directory of Rego checks (repeatable)")
	f.DurationVar(&o.policyTimeout, "policy-timeout", policies.DefaultCheckTimeout, "stop with an error naming the check when one check takes longer")
	f.StringVar(&o.policyMemory, "policy-memory", "4GiB", "stop with an error naming the checks when the heap passes this while checks run")
	f.StringVar(&o.now, "now", "", "evaluation time, RFC 3339 (default: SOURCE_DATE_EPOCH, else the current time; the demo uses its evidence cut-off)")
}

// loadedEvidence is everything an evaluation reads.
type loadedEvidence struct {
	bundle *evidence.Bundle
	// config is the configuration with the SoA's exclusions recorded as
	// scope decisions (config.WithSoA).
	config  *config.Config
	records *attest.Set
	// soa are the SoA declarations; nil when there are none.
	soa        *config.SoA
	policyDirs []string
	// defaultNow is the clock used when neither --now nor
	// SOURCE_DATE_EPOCH is given (zero: the wall clock).
	defaultNow time.Time
}

func (o *evidenceOptions) load(d deps) (*loadedEvidence, error) {
	switch {
	case o.demo && (o.bundle != "" || o.config != ""):
		return nil, usagef("--demo cannot be combined with --bundle or --config")
	case o.demo:
		return loadDemo(o.policyDirs)
	case o.bundle == "":
		return nil, usagef("no evidence: give --bundle DIR (see nachweis import) or --demo")
	}
	b, err := evidence.Open(o.bundle)
	if err != nil {
		return nil, err
	}
	cfg := &config.Config{}
	if o.config != "" {
		if cfg, err = config.Load(o.config); err != nil {
			return nil, err
		}
	}
	records, err := attest.Load(append(append([]string{}, cfg.Attestations...), cfg.Exceptions...)...)
	if err != nil {
		return nil, err
	}
	soa, err := o.loadSoA()
	if err != nil {
		return nil, err
	}
	return &loadedEvidence{
		bundle:     b,
		config:     cfg.WithSoA(soa),
		records:    records,
		soa:        soa,
		policyDirs: append(append([]string{}, cfg.Policies...), o.policyDirs...),
	}, nil
}

// loadSoA loads the SoA declarations every evaluation honours: --soa,
// else soa.yaml beside the configuration; nil when neither is given or
// the file does not exist beside the configuration.
func (o *evidenceOptions) loadSoA() (*config.SoA, error) {
	if o.soa != "" {
		return config.LoadSoA(o.soa)
	}
	if o.config == "" {
		return nil, nil
	}
	path := filepath.Join(filepath.Dir(o.config), config.SoAFile)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return config.LoadSoA(path)
}

func loadDemo(policyDirs []string) (*loadedEvidence, error) {
	b, err := demo.Bundle()
	if err != nil {
		return nil, err
	}
	cfg, err := demo.Config()
	if err != nil {
		return nil, err
	}
	records, err := demo.Records()
	if err != nil {
		return nil, err
	}
	soa, err := demo.SoA()
	if err != nil {
		return nil, err
	}
	return &loadedEvidence{bundle: b, config: cfg.WithSoA(soa), records: records, soa: soa, policyDirs: policyDirs, defaultNow: b.CutOff()}, nil
}

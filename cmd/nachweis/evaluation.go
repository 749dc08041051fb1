package main

import (
	"context"
	"sync"
	"time"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/policies"
	"github.com/nachweis/nachweis/templates"
)

// evaluation is loaded evidence with the compiled checks and the control
// model: everything a command needs to produce results, for the whole
// provider or per tenant.
type evaluation struct {
	ev *loadedEvidence
	// engine waits for the checks, compiled while the evidence is read
	// (policies.Compile).
	engine func() (*policies.Engine, error)
	model  *controls.Model
	now    time.Time
	// toolVersion is recorded in the results; "" means this binary's
	// version. Re-evaluating a pack uses the version it was packed with.
	toolVersion string
	// configPart is the configuration's part of every document's content
	// digest, encoded once (controlOf).
	configOnce sync.Once
	configPart *templates.ConfigPart
	configErr  error
}

// controlOf returns ctl with the configuration's part of the content
// digest, encoded once for all documents of this evaluation.
func (e *evaluation) controlOf(ctl templates.ControlInput) (templates.ControlInput, error) {
	e.configOnce.Do(func() { e.configPart, e.configErr = templates.PrepareConfig(e.ev.config) })
	if e.configErr != nil {
		return ctl, e.configErr
	}
	ctl.Config = e.configPart
	return ctl, nil
}

// contextOf returns ctx, or the background context when a command runs
// without one (cobra's Execute without ExecuteContext).
func contextOf(ctx context.Context) context.Context {
	if ctx == nil {
		return context.Background()
	}
	return ctx
}

// newEvaluation loads the evidence, fixes the clock and compiles the
// checks (once per process).
func newEvaluation(ctx context.Context, o evidenceOptions, d deps) (*evaluation, error) {
	limits, err := o.limits()
	if err != nil {
		return nil, err
	}
	ev, err := o.load(d)
	if err != nil {
		return nil, err
	}
	c, err := resolveClock("now", o.now, d, ev.defaultNow)
	if err != nil {
		return nil, err
	}
	if err := checkCutOff(c, ev.bundle.CutOff()); err != nil {
		return nil, err
	}
	now := c.at
	limits.Dirs = ev.policyDirs
	engine := policies.Compile(ctx, limits)
	model, err := controls.Load()
	if err != nil {
		if _, cerr := engine(); cerr != nil {
			return nil, cerr
		}
		return nil, err
	}
	return &evaluation{ev: ev, engine: engine, model: model, now: now}, nil
}

func (e *evaluation) options(tenant string, frameworks []string) policies.RunOptions {
	return policies.RunOptions{
		Bundle:      e.ev.bundle,
		Config:      e.ev.config,
		Records:     e.ev.records,
		Model:       e.model,
		Now:         e.now,
		Tenant:      tenant,
		Frameworks:  frameworks,
		ToolVersion: e.version(),
	}
}

func (e *evaluation) version() string {
	if e.toolVersion != "" {
		return e.toolVersion
	}
	return version
}

// run evaluates for one tenant ("" is the whole provider).
func (e *evaluation) run(ctx context.Context, tenant string, frameworks []string) (*controls.Results, error) {
	var res *controls.Results
	err := policies.RunTenantsCompiling(ctx, e.engine, e.options(tenant, frameworks), []string{tenant}, func(r *controls.Results) error {
		res = r
		return nil
	})
	return res, err
}

// each evaluates once and calls fn with each tenant's results.
func (e *evaluation) each(ctx context.Context, tenants []string, fn func(*controls.Results) error) error {
	return policies.RunTenantsCompiling(ctx, e.engine, e.options("", nil), tenants, fn)
}

// tenantIDs lists the configured tenants in configuration order.
func (e *evaluation) tenantIDs() []string {
	ids := make([]string, 0, len(e.ev.config.Tenants))
	for _, t := range e.ev.config.Tenants {
		ids = append(ids, t.ID)
	}
	return ids
}

// limits are the bounds on evaluating the checks (--policy-timeout,
// --policy-memory); the engine's defaults for a command without the
// flags (demo).
func (o evidenceOptions) limits() (policies.EngineOptions, error) {
	var opts policies.EngineOptions
	if !o.limitFlags {
		return opts, nil
	}
	if o.policyTimeout <= 0 {
		return opts, usagef("--policy-timeout %s: expected a positive duration such as 60s or 5m", o.policyTimeout)
	}
	n, err := policies.ParseBytes(o.policyMemory)
	if err != nil {
		return opts, usagef("--policy-memory %q: %v", o.policyMemory, err)
	}
	opts.CheckTimeout, opts.MaxHeap = o.policyTimeout, n
	return opts, nil
}

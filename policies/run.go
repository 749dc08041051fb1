package policies

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/attest"
	"github.com/nachweis/nachweis/evidence/config"
)

// RunOptions are the inputs of one evaluation.
type RunOptions struct {
	Bundle *evidence.Bundle
	Config *config.Config
	// Records are the attestations and accepted exceptions; nil means none.
	Records *attest.Set
	Model   *controls.Model
	// Now is the evaluation clock. Same bundle and clock give the same
	// results.
	Now time.Time
	// Tenant restricts the evaluation to one tenant's scope plus the
	// provider-wide findings.
	Tenant string
	// Frameworks to report; empty means all.
	Frameworks  []string
	ToolVersion string
}

// ErrUnknownTenant is returned for a --tenant the configuration does not
// define.
type ErrUnknownTenant struct {
	ID    string
	Known []string
}

func (e *ErrUnknownTenant) Error() string {
	if len(e.Known) == 0 {
		return fmt.Sprintf("tenant %q: the configuration defines no tenants", e.ID)
	}
	return fmt.Sprintf("tenant %q: not defined in the configuration (known: %s)", e.ID, strings.Join(e.Known, ", "))
}

// Run evaluates the bundle and returns the results model.
func (e *Engine) Run(ctx context.Context, opt RunOptions) (*controls.Results, error) {
	var res *controls.Results
	err := e.RunTenants(ctx, opt, []string{opt.Tenant}, func(r *controls.Results) error {
		res = r
		return nil
	})
	return res, err
}

// RunTenants evaluates the bundle once and calls fn with the results model
// of each tenant in turn ("" is the whole provider), as Run with Tenant set
// would return it. The checks run once however many tenants there are, so
// rendering one document per tenant stays linear in the evidence. fn's
// error stops the iteration and is returned.
func (e *Engine) RunTenants(ctx context.Context, opt RunOptions, tenants []string, fn func(*controls.Results) error) error {
	return RunTenantsCompiling(ctx, func() (*Engine, error) { return e, nil }, opt, tenants, fn)
}

// Compile starts compiling the policies (NewEngine) in the background and
// returns the function that waits for the engine. The bundle can be
// projected meanwhile (RunTenantsCompiling): on two cores both finish in
// about the time of the longer one.
func Compile(ctx context.Context, opts EngineOptions) func() (*Engine, error) {
	var (
		e    *Engine
		err  error
		done = make(chan struct{})
	)
	go func() {
		defer close(done)
		e, err = NewEngine(ctx, opts)
	}()
	return func() (*Engine, error) {
		<-done
		return e, err
	}
}

// RunTenantsCompiling is RunTenants with an engine that may still be
// compiling (Compile): it projects the bundle first, then waits for the
// engine. An error of the compilation is reported before one of the
// projection, as if the engine had been compiled first.
func RunTenantsCompiling(ctx context.Context, engine func() (*Engine, error), opt RunOptions, tenants []string, fn func(*controls.Results) error) error {
	now := opt.Now.UTC()
	for _, t := range tenants {
		if t != "" {
			if err := knownTenant(opt.Config, t); err != nil {
				return err
			}
		}
	}
	resolve := resolver(opt.Bundle)
	var pre *early
	if hasKubernetes(opt.Bundle) {
		pre = startEarly(ctx, engine, opt.Bundle, opt.Config, now, resolve)
	}
	in, err := BuildInput(opt.Bundle, opt.Config, now)
	if err != nil {
		pre.stop()
		if _, cerr := engine(); cerr != nil {
			return cerr
		}
		return err
	}
	v, err := Convert(in)
	if err != nil {
		pre.stop()
		return err
	}
	backupTenants := backupSourceTenants(in)
	in = nil // the checks read v: the projections can go before they run
	e, err := engine()
	if err != nil {
		pre.stop()
		return err
	}
	evaluated, err := e.evaluateRest(ctx, v, now, resolve, pre)
	if err != nil {
		return err
	}
	frameworks := opt.Frameworks
	if len(frameworks) == 0 {
		frameworks = controls.Frameworks
	}
	notUsed, err := measuresNotUsed(opt.Config, opt.Model)
	if err != nil {
		return err
	}
	additional, err := c5v2026Additional(opt.Config, opt.Model)
	if err != nil {
		return err
	}
	sources := sourceStatuses(opt.Bundle)
	var index *tenantIndex
	for _, tenant := range tenants {
		checks := evaluated
		if tenant != "" {
			if index == nil {
				index = indexTenants(evaluated)
			}
			checks = index.restrict(evaluated, tenant, backupTenants)
		} else if len(tenants) > 1 {
			checks = cloneChecks(evaluated)
		}
		exceptions := applyExceptions(checks, opt.Records, now)
		attestations := attestationRecords(opt.Records, opt.Model, now)
		measures, reqs, summary := controls.Aggregate(controls.AggregateInput{
			Frameworks:            frameworks,
			Model:                 opt.Model,
			Checks:                checks,
			Attestations:          attestations,
			Scope:                 scopeDecisions(opt.Config),
			MeasuresNotApplicable: notUsed,
			AdditionalInScope:     additional,
		})
		runID := controls.RunID(opt.Bundle.Digest, now, tenant, opt.ToolVersion)
		err := fn(&controls.Results{
			Schema:         controls.ResultsSchema,
			ToolVersion:    opt.ToolVersion,
			RunID:          runID,
			EvaluatedAt:    now,
			BundleDigest:   opt.Bundle.Digest,
			EvidenceCutoff: opt.Bundle.CutOff().UTC(),
			Tenant:         tenant,
			Frameworks:     frameworks,
			Summary:        summary,
			Checks:         checks,
			Measures:       measures,
			Requirements:   reqs,
			Attestations:   attestations,
			Exceptions:     exceptions,
			Sources:        sources,
			Evidence:       evidenceIndex(opt.Bundle),
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// cloneChecks copies checks deeply enough that restricting and applying
// exceptions to the copy leaves the original untouched: the findings are
// copied, their evidence references are shared (never modified).
func cloneChecks(checks []controls.CheckResult) []controls.CheckResult {
	out := make([]controls.CheckResult, len(checks))
	for i, c := range checks {
		if c.Findings != nil { // keep [] and nil apart: JSON shows them differently
			c.Findings = append(make([]controls.Finding, 0, len(c.Findings)), c.Findings...)
		}
		out[i] = c
	}
	return out
}

func knownTenant(cfg *config.Config, id string) error {
	var known []string
	for _, t := range cfg.Tenants {
		if t.ID == id {
			return nil
		}
		known = append(known, t.ID)
	}
	sort.Strings(known)
	return &ErrUnknownTenant{ID: id, Known: known}
}

// tenantIndex holds, for each check, the positions of its provider-wide
// findings (no tenant) and of each tenant's, so that building one
// tenant's view costs what the view keeps, not every finding of every
// tenant: rendering 1,000 annexes stays linear in the evidence.
type tenantIndex struct {
	global [][]int            // per check: positions of the findings without tenant
	own    []map[string][]int // per check: tenant → positions of its findings
}

// indexTenants indexes the findings of checks by tenant.
func indexTenants(checks []controls.CheckResult) *tenantIndex {
	x := &tenantIndex{global: make([][]int, len(checks)), own: make([]map[string][]int, len(checks))}
	for i, c := range checks {
		x.own[i] = map[string][]int{}
		for j, f := range c.Findings {
			if f.Tenant == "" {
				x.global[i] = append(x.global[i], j)
			} else {
				x.own[i][f.Tenant] = append(x.own[i][f.Tenant], j)
			}
		}
	}
	return x
}

// restrict returns the view of one tenant: a copy of checks keeping the
// tenant's findings and the provider-wide ones, in their order, each
// check re-aggregated; checks itself is left as it is. A provider-wide
// finding whose evidence comes only from backup sources that hold none of
// the tenant's data (sources: backup source → tenants, nil when no backup
// tenant mapping is configured) is not part of the tenant's view.
func (x *tenantIndex) restrict(checks []controls.CheckResult, tenant string, sources map[string]map[string]bool) []controls.CheckResult {
	out := make([]controls.CheckResult, len(checks))
	for i, c := range checks {
		if len(c.Findings) == 0 {
			out[i] = c
			continue
		}
		global, own := x.global[i], x.own[i][tenant]
		kept := make([]controls.Finding, 0, len(global)+len(own))
		for len(global) > 0 || len(own) > 0 {
			if len(own) == 0 || len(global) > 0 && global[0] < own[0] {
				if f := c.Findings[global[0]]; !foreignBackup(f, tenant, sources) {
					kept = append(kept, f)
				}
				global = global[1:]
				continue
			}
			kept = append(kept, c.Findings[own[0]])
			own = own[1:]
		}
		c.Findings = kept
		c.Status = checkStatus(kept)
		if len(kept) == 0 {
			c.Reason = controls.NewMessage("nothing_in_scope_tenant", map[string]any{"tenant": tenant})
		}
		out[i] = c
	}
	return out
}

// foreignBackup reports whether all evidence of f comes from backup
// sources that hold none of the tenant's data.
func foreignBackup(f controls.Finding, tenant string, sources map[string]map[string]bool) bool {
	if sources == nil || len(f.Evidence) == 0 {
		return false
	}
	for _, e := range f.Evidence {
		tenants, isBackup := sources[e.Source]
		if !isBackup || tenants[tenant] {
			return false
		}
	}
	return true
}

// backupSourceTenants maps every backup source ("restic/shared") to the
// tenants whose data it holds; nil when no tenant is mapped to backups, so
// that nothing is hidden when the mapping is unknown.
func backupSourceTenants(in *Input) map[string]map[string]bool {
	if in.Backup == nil || len(in.Backup.TenantRepositories) == 0 {
		return nil
	}
	out := map[string]map[string]bool{}
	for _, r := range in.Backup.Repositories {
		key := r.Tool + "/" + r.Source
		if out[key] == nil {
			out[key] = map[string]bool{}
		}
	}
	for tenant, names := range in.Backup.TenantRepositories {
		for _, name := range names {
			if r, ok := in.Backup.Repositories[name]; ok {
				out[r.Tool+"/"+r.Source][tenant] = true
			}
		}
	}
	return out
}

// evidenceIndex numbers every file of the bundle, in manifest order, as
// the documents cite it. The ids derive from the bundle, not from the run:
// the same file has the same id in every document of the bundle, whether
// it was rendered from the provider-wide or a tenant's evaluation.
func evidenceIndex(b *evidence.Bundle) []controls.EvidenceItem {
	var out []controls.EvidenceItem
	for _, s := range b.Manifest.Sources {
		for _, f := range s.Files {
			out = append(out, controls.EvidenceItem{
				ID:          controls.EvidenceID(b.Digest, len(out)+1),
				Source:      s.Kind + "/" + s.Name,
				Kind:        f.Kind,
				File:        f.Path,
				SHA256:      f.SHA256,
				Size:        f.Size,
				Collector:   s.Collector,
				CollectedAt: s.FinishedAt.UTC(),
				Redacted:    f.Redacted,
			})
		}
	}
	return out
}

// applyExceptions turns failed findings covered by a valid exception into
// exception findings (the failure stays in message and measured). An
// expired exception covers nothing: its findings stay failed.
func applyExceptions(checks []controls.CheckResult, set *attest.Set, now time.Time) []controls.ExceptionRecord {
	if set == nil {
		return nil
	}
	records := make([]controls.ExceptionRecord, 0, len(set.Exceptions))
	for _, x := range set.Exceptions {
		rec := controls.ExceptionRecord{
			ID:         x.ID,
			Check:      x.Check,
			Scope:      x.Scope,
			RiskID:     x.RiskID,
			RiskOwner:  x.RiskOwner,
			ApprovedOn: x.ApprovedOn,
			ExpiresOn:  x.ExpiresOn,
			Expired:    x.ExpiredAt(now),
			// Not approved yet at the evaluation time: covers nothing.
			DatedAfterEvaluation: x.ApprovedOn.After(evaluationDay(now)),
			CompensatingMeasure:  controls.Text{DE: x.CompensatingMeasure.DE, EN: x.CompensatingMeasure.EN},
			CustomerText:         controls.Text{DE: x.CustomerText.DE, EN: x.CustomerText.EN},
			File:                 x.File,
		}
		for i := range checks {
			c := &checks[i]
			if c.ID != x.Check {
				continue
			}
			for j := range c.Findings {
				f := &c.Findings[j]
				if f.Status != controls.Fail || !x.Matches(f.Tenant, f.Resource) {
					continue
				}
				rec.Applied++
				if !rec.Expired && !rec.DatedAfterEvaluation {
					f.Status = controls.Exception
					f.ExceptionID = x.ID
				}
			}
			c.Status = checkStatus(c.Findings)
		}
		records = append(records, rec)
	}
	sort.Slice(records, func(i, j int) bool { return records[i].ID < records[j].ID })
	return records
}

// attestationRecords converts the attestations; a measure that bounds the
// validity of its attestations (controls.Measure.AttestationValidityMonths)
// shortens valid_until, and expiry follows the shortened date.
func attestationRecords(set *attest.Set, model *controls.Model, now time.Time) []controls.AttestationRecord {
	if set == nil {
		return nil
	}
	out := make([]controls.AttestationRecord, 0, len(set.Attestations))
	for _, a := range set.Attestations {
		r := controls.AttestationRecord{
			ID:         a.ID,
			Measure:    a.Measure,
			Statement:  controls.Text{DE: a.Statement.DE, EN: a.Statement.EN},
			By:         a.AttestedBy.Name,
			Role:       a.AttestedBy.Role,
			Date:       a.Date,
			ValidUntil: a.ValidUntil,
			Expired:    a.ExpiredAt(now),
			// Not made yet at the evaluation time: counts for nothing.
			DatedAfterEvaluation: a.Date.After(evaluationDay(now)),
			File:                 a.File,
		}
		if m, ok := model.Measure(a.Measure); ok {
			if until := m.AttestationValidUntil(a.Date, a.ValidUntil); until.Before(a.ValidUntil) {
				declared := a.ValidUntil
				capped := a
				capped.ValidUntil = until
				r.ValidUntil, r.DeclaredValidUntil, r.Expired = until, &declared, capped.ExpiredAt(now)
			}
		}
		for _, at := range a.Attachments {
			r.Attachments = append(r.Attachments, controls.Attachment{Path: at.Path, SHA256: at.SHA256})
		}
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// evaluationDay is the calendar day (midnight UTC) of the evaluation time
// plus the clock-skew tolerance: attestations and exceptions are dated by
// day, and one dated after it did not exist at the evaluation time.
func evaluationDay(now time.Time) time.Time {
	y, m, d := now.UTC().Add(ClockSkew).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func scopeDecisions(cfg *config.Config) []controls.ScopeDecision {
	var out []controls.ScopeDecision
	for _, d := range cfg.Scope.NotApplicable {
		out = append(out, controls.ScopeDecision{
			Framework:     d.Framework,
			ID:            d.ID,
			Justification: controls.Text{DE: d.Justification.In("de"), EN: d.Justification.In("en")},
			DecidedBy:     d.DecidedBy,
			DecidedOn:     d.DecidedOn,
		})
	}
	return out
}

// measuresNotUsed converts the configuration's measure decisions; an
// unknown measure id is an error naming the configuration file.
func measuresNotUsed(cfg *config.Config, model *controls.Model) ([]controls.MeasureDecision, error) {
	var out []controls.MeasureDecision
	for i, d := range cfg.Scope.MeasuresNotApplicable {
		if _, ok := model.Measure(d.ID); !ok {
			return nil, fmt.Errorf("%s: scope.measures_not_applicable[%d].id: unknown measure %q (see nachweis controls)", cfg.File, i, d.ID)
		}
		out = append(out, controls.MeasureDecision{ID: d.ID, Justification: controls.Text{DE: d.Justification.In("de"), EN: d.Justification.In("en")}})
	}
	return out, nil
}

// c5v2026Additional checks the configuration's C5:2026 additional
// sub-criteria in scope against the catalog: each names an additional
// sub-criterion, or a criterion that has one.
func c5v2026Additional(cfg *config.Config, model *controls.Model) ([]string, error) {
	ids := cfg.Scope.C5v2026Additional
	if len(ids) == 0 {
		return nil, nil
	}
	cat := model.Catalog(controls.C5_2026)
	if cat == nil {
		return nil, fmt.Errorf("%s: scope.c5_2026_additional: the catalogs in use have no C5:2026", cfg.File)
	}
	for i, id := range ids {
		if s, _, ok := cat.Subcriterion(id); ok {
			if !s.Type.Additional() {
				return nil, fmt.Errorf("%s: scope.c5_2026_additional[%d]: %s is a basic sub-criterion, always in scope; name additional ones (…AC, …AS)", cfg.File, i, id)
			}
			continue
		}
		r, ok := cat.Requirement(id)
		if !ok {
			return nil, fmt.Errorf("%s: scope.c5_2026_additional[%d]: %q is no C5:2026 criterion or sub-criterion (see nachweis controls --framework c5-2026)", cfg.File, i, id)
		}
		if !slices.ContainsFunc(r.Subcriteria, func(s controls.Subcriterion) bool { return s.Type.Additional() }) {
			return nil, fmt.Errorf("%s: scope.c5_2026_additional[%d]: %s has no additional sub-criteria", cfg.File, i, id)
		}
	}
	return ids, nil
}

func sourceStatuses(b *evidence.Bundle) []controls.SourceStatus {
	out := make([]controls.SourceStatus, 0, len(b.Manifest.Sources))
	for _, s := range b.Manifest.Sources {
		st := controls.SourceStatus{
			Kind:        s.Kind,
			Name:        s.Name,
			Collector:   s.Collector,
			CollectedAt: s.FinishedAt.UTC(),
			Status:      s.Status,
			Error:       s.Error,
		}
		if st.Error == "" && len(s.Errors) > 0 {
			var parts []string
			for _, k := range sortedKeys(s.Errors) {
				parts = append(parts, k+": "+s.Errors[k])
			}
			st.Error = strings.Join(parts, "; ")
		}
		out = append(out, st)
	}
	return out
}

package templates

import (
	"slices"
	"sort"
	"strings"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence/config"
)

// scope builds the subject and scope of the assessment from the
// configuration and the sources of the bundle. Repository locations
// (paths, URLs) are left out: a URL may carry credentials, and the
// report needs the tool, the name and the declared site.
func (ix *reportIndex) scope(w reportWording) ReportScope {
	cfg := ix.in.Config
	var s ReportScope
	bundle := map[string][]string{}
	for _, src := range ix.r.Sources {
		bundle[src.Kind] = append(bundle[src.Kind], src.Name)
	}

	var clusters []string
	for _, k := range cfg.Sources.Kubernetes {
		clusters = append(clusters, k.Name)
	}
	for _, c := range distinct(append(clusters, bundle["kubernetes"]...)) {
		if ix.sourceShown("kubernetes/" + c) {
			s.Clusters = append(s.Clusters, c)
		}
	}

	s.Tenants = len(cfg.Tenants)
	s.Namespaces = len(cfg.TenantNamespaces())
	s.Selectors = cfg.HasNamespaceSelectors()
	if t, ok := cfg.Tenant(ix.in.Tenant); ok {
		s.Tenants, s.Namespaces, s.Selectors = 1, len(t.Namespaces), t.NamespaceSelector != nil
		for _, c := range tomScope(TOMInput{Results: ix.r, Config: cfg, Model: ix.in.Model, Tenant: t.ID, Lang: ix.lang}, t).Clusters {
			for _, ns := range c.Namespaces {
				s.TenantNamespaces = append(s.TenantNamespaces, c.Name+"/"+ns)
			}
		}
	}

	params := cfg.Params()
	declared := map[string]bool{}
	add := func(tool, name string, b config.BackupSource) {
		declared[tool+"/"+name] = true
		if !ix.sourceShown(tool + "/" + name) {
			return
		}
		maxAge := b.MaxAge
		if maxAge == 0 {
			maxAge = params.BackupMaxAge
		}
		if tool == "pgbackrest" && len(b.Sites) > 0 {
			keys := make([]string, 0, len(b.Sites))
			for k := range b.Sites {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				s.Backups = append(s.Backups, ReportBackup{Tool: tool, Name: name + "/" + k, Site: cfg.SiteName(b.Sites[k], ix.lang), MaxAge: maxAge})
			}
			return
		}
		site := b.Site
		if site != "" {
			site = cfg.SiteName(site, ix.lang)
		}
		s.Backups = append(s.Backups, ReportBackup{Tool: tool, Name: name, Site: site, MaxAge: maxAge})
	}
	for _, b := range cfg.Sources.Restic {
		add("restic", b.Name, b.BackupSource)
	}
	for _, b := range cfg.Sources.Borg {
		add("borg", b.Name, b.BackupSource)
	}
	for _, b := range cfg.Sources.PgBackRest {
		add("pgbackrest", b.Name, b.BackupSource)
	}
	for _, tool := range []string{"restic", "borg", "pgbackrest"} {
		names := append([]string(nil), bundle[tool]...)
		sort.Strings(names)
		for _, n := range names {
			if !declared[tool+"/"+n] && ix.sourceShown(tool+"/"+n) {
				s.Backups = append(s.Backups, ReportBackup{Tool: tool, Name: n, MaxAge: params.BackupMaxAge})
			}
		}
	}

	var orgs []string
	ghNames := map[string]bool{}
	for _, g := range cfg.Sources.GitHub {
		org := g.Organization
		if org == "" {
			org = g.Name
		}
		orgs = append(orgs, org)
		ghNames[g.Name] = true
	}
	for _, n := range bundle["github"] {
		if !ghNames[n] {
			orgs = append(orgs, n)
		}
	}
	s.GitHubOrgs = distinct(orgs)

	cat := ix.in.Model.Catalog(ix.fw)
	for _, req := range cat.Requirements {
		if q, ok := ix.reqs[req.ID]; ok && q.Status == controls.NotApplicable {
			s.Exclusions = append(s.Exclusions, ix.exclusion(req, q))
		}
	}
	for _, d := range cfg.Scope.MeasuresNotApplicable {
		if !ix.supportsFramework(d.ID) {
			continue
		}
		e := ReportMeasureExclusion{ID: d.ID, Title: ix.measureTitle(d.ID), Justification: d.Justification.In(ix.lang), DecidedBy: d.DecidedBy, DecidedOn: d.DecidedOn}
		if m, ok := ix.model[d.ID]; ok {
			e.Checks = m.Checks
		}
		s.MeasuresExcluded = append(s.MeasuresExcluded, e)
	}

	sw := w.scope
	parts := []string{}
	if ix.in.Config.Organisation.Name != "" {
		parts = append(parts, ix.in.Config.Organisation.Name)
	}
	if len(s.Clusters) > 0 {
		parts = append(parts, reportCount(ix.lang, len(s.Clusters), sw.cluster)+" ("+strings.Join(s.Clusters, ", ")+")")
	}
	if s.Tenants > 0 {
		t := reportCount(ix.lang, s.Tenants, sw.tenant) + " " + sw.with + " " + reportCount(ix.lang, s.Namespaces, sw.namespace)
		if s.Selectors {
			t += " " + sw.selectors
		}
		parts = append(parts, t)
	}
	if len(s.Backups) > 0 {
		parts = append(parts, reportCount(ix.lang, len(s.Backups), sw.repository))
	}
	if len(s.GitHubOrgs) > 0 {
		parts = append(parts, reportCount(ix.lang, len(s.GitHubOrgs), sw.org)+" ("+strings.Join(s.GitHubOrgs, ", ")+")")
	}
	s.Summary = strings.Join(parts, "; ")
	return s
}

// supportsFramework reports whether a measure of the model supports a
// requirement of the framework.
func (ix *reportIndex) supportsFramework(measure string) bool {
	m, ok := ix.model[measure]
	if !ok {
		return false
	}
	if ix.fw == controls.C5_2026 {
		return len(ix.c5v2026Criteria(measure)) > 0
	}
	for _, ref := range m.Requirements {
		if strings.HasPrefix(ref, ix.fw+":") {
			return true
		}
	}
	return false
}

// c5v2026Criteria are the C5:2026 criteria a measure supports, derived
// through the migration (see controls.Migration), in catalogue order.
func (ix *reportIndex) c5v2026Criteria(measure string) []string {
	cat := ix.in.Model.Catalog(controls.C5_2026)
	if cat == nil {
		return nil
	}
	if ix.c5v2026 == nil {
		ix.c5v2026 = map[string][]string{}
		supporting := ix.in.Model.MeasuresFor()
		for _, r := range cat.Requirements {
			for _, m := range supporting[r.Ref()] {
				ix.c5v2026[m] = append(ix.c5v2026[m], r.ID)
			}
		}
	}
	return ix.c5v2026[measure]
}

// reportMappingC5 is the C5 version whose criteria Anlage B lists.
func reportMappingC5(framework string) string {
	if framework == controls.C5_2026 {
		return "C5:2026"
	}
	return "C5:2020"
}

// exclusion is the recorded decision behind a not-applicable requirement:
// the provider's scope decision if there is one, else the justification
// the engine recorded (every measure behind it is recorded as not used).
// nachweis ships no decision of its own.
func (ix *reportIndex) exclusion(req controls.Requirement, q *controls.RequirementResult) ReportExclusion {
	e := ReportExclusion{ID: ix.displayID(ix.fw, req.ID), Title: req.Title.In(ix.lang), Justification: requirementJustification(q, ix.lang)}
	for _, d := range ix.in.Config.Scope.NotApplicable {
		if fw, _ := controls.Canonical(d.Framework); fw == ix.fw && d.ID == req.ID {
			e.Justification, e.DecidedBy, e.DecidedOn = d.Justification.In(ix.lang), d.DecidedBy, d.DecidedOn
			return e
		}
	}
	return e
}

// reportLocations are the distinct declared backup sites.
func reportLocations(backups []ReportBackup) []string {
	var sites []string
	for _, b := range backups {
		if b.Site != "" {
			sites = append(sites, b.Site)
		}
	}
	return distinct(sites)
}

// method describes the checks, sources and freshness limits.
func (ix *reportIndex) method() ReportMethod {
	params := ix.in.Config.Params()
	m := ReportMethod{BackupMaxAge: params.BackupMaxAge, IntegrityMaxAge: params.IntegrityMaxAge}
	for _, s := range ix.r.Sources {
		if ix.sourceShown(sourceOf(s.Kind, s.Name)) {
			m.Sources = append(m.Sources, s)
		}
	}
	for i := range ix.r.Checks {
		c := &ix.r.Checks[i]
		if !ix.checkRelevant(c) {
			continue
		}
		m.Checks = append(m.Checks, ReportCheck{
			ID: c.ID, Title: c.Title.In(ix.lang), Policy: c.Policy, Severity: ix.w.severity[c.Severity],
			Status: c.Status, Measures: c.Measures, Objects: len(c.Findings),
		})
	}
	for _, x := range ix.in.Model.Measures {
		if !ix.relevant(x.ID) {
			continue
		}
		m.Measures++
		switch {
		case len(x.Checks) > 0 && x.Attestation:
			m.Automated++
			m.ChecksAndAttested++
		case len(x.Checks) > 0:
			m.Automated++
			m.ChecksOnly++
		case x.Attestation:
			m.AttestedOnly++
		}
	}
	for _, q := range ix.reqs {
		if q.Status == controls.NotApplicable {
			continue
		}
		m.Requirements++
		if slices.ContainsFunc(q.Measures, ix.automated) {
			m.Technical++
		}
	}
	m.AttestationBased = m.Requirements - m.Technical
	if m.Requirements > 0 {
		m.TechnicalPercent = 100 * float64(m.Technical) / float64(m.Requirements)
	}
	return m
}

// automated reports whether a measure is in use and assessed by checks.
func (ix *reportIndex) automated(measure string) bool {
	x, ok := ix.model[measure]
	if !ok || len(x.Checks) == 0 {
		return false
	}
	r, ok := ix.measures[measure]
	return !ok || r.Status != controls.NotApplicable
}

// exceptions are the accepted exceptions for checks behind the framework.
func (ix *reportIndex) exceptions() []ReportException {
	var out []ReportException
	for _, e := range ix.r.Exceptions {
		if c, ok := ix.checks[e.Check]; ok && !ix.checkRelevant(c) {
			continue
		}
		if ix.edition() {
			// Only what covers the tenant's view, in the words meant for
			// the customer; the scope may name another tenant, risk and
			// owner are internal.
			if e.Applied == 0 {
				continue
			}
			out = append(out, ReportException{
				ID: e.ID, Check: e.Check, ApprovedOn: e.ApprovedOn, ExpiresOn: e.ExpiresOn, Expired: e.Expired,
				CustomerText: e.CustomerText.In(ix.lang), Applied: e.Applied,
			})
			continue
		}
		out = append(out, ReportException{
			ID: e.ID, Check: e.Check, Scope: e.Scope, RiskID: e.RiskID, RiskOwner: e.RiskOwner,
			ApprovedOn: e.ApprovedOn, ExpiresOn: e.ExpiresOn, Expired: e.Expired,
			CompensatingMeasure: e.CompensatingMeasure.In(ix.lang), Applied: e.Applied,
		})
	}
	return out
}

// attestations are the attestations of measures behind the framework,
// expired ones included, in id order.
func (ix *reportIndex) attestations() []ReportAttestation {
	var out []ReportAttestation
	for _, a := range ix.r.Attestations {
		if !ix.relevant(a.Measure) {
			continue
		}
		ra := ReportAttestation{
			ID: a.ID, Measure: a.Measure, MeasureTitle: ix.measureTitle(a.Measure), By: a.By, Role: ix.roleName(a.Role),
			Date: a.Date, ValidUntil: a.ValidUntil, Expired: a.Expired,
		}
		if ix.edition() {
			ra.By = ""
		}
		for _, at := range a.Attachments {
			// The whole digest: a reader compares it with the file they hold.
			ra.Attachments = append(ra.Attachments, reportBase(at.Path)+" (SHA-256 "+at.SHA256+")")
		}
		out = append(out, ra)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// notAssessed lists the no-evidence requirements with the measures and
// checks behind them, and the sources whose collector failed.
func (ix *reportIndex) notAssessed() ReportNotAssessed {
	var n ReportNotAssessed
	cat := ix.in.Model.Catalog(ix.fw)
	for _, req := range cat.Requirements {
		q, ok := ix.reqs[req.ID]
		if !ok || q.Status != controls.NoEvidence {
			continue
		}
		g := ReportGap{ID: ix.displayID(ix.fw, req.ID), Title: req.Title.In(ix.lang), NoMeasure: len(q.Measures) == 0}
		g.NewAttestation = g.NoMeasure && ix.fw == controls.C5_2026
		for _, mid := range q.Measures {
			m, ok := ix.measures[mid]
			if !ok {
				g.Causes = append(g.Causes, ReportGapCause{Measure: mid, Reason: "no result"})
				continue
			}
			if m.Status != controls.NoEvidence {
				continue
			}
			explained := false
			for _, cid := range m.Checks {
				c, ok := ix.checks[cid]
				if !ok {
					continue
				}
				missing := 0
				for _, f := range c.Findings {
					if f.Status == controls.NoEvidence {
						missing++
					}
				}
				if missing == 0 && c.Status != controls.NoEvidence {
					continue
				}
				explained = true
				cause := ReportGapCause{Measure: mid, Check: cid, Objects: missing, Population: len(c.Findings)}
				if missing == 0 && !ix.edition() {
					cause.Reason = checkReason(c, ix.lang)
				}
				g.Causes = append(g.Causes, cause)
			}
			if !explained {
				cause := ReportGapCause{Measure: mid}
				if !ix.edition() {
					cause.Reason = measureReason(m, ix.lang)
				}
				if mm, ok := ix.model[mid]; ok && mm.Attestation && m.Attestation == "" {
					cause.NoAttestation = true
				}
				g.Causes = append(g.Causes, cause)
			}
		}
		n.Requirements = append(n.Requirements, g)
	}
	for _, s := range ix.r.Sources {
		if (s.Status != "ok" || s.Error != "") && ix.sourceShown(sourceOf(s.Kind, s.Name)) {
			n.SourceErrors = append(n.SourceErrors, s)
		}
	}
	return n
}

// mapping lists the measures behind the framework with their checks and
// the requirements of all three frameworks they support (Anlage B).
func (ix *reportIndex) mapping() []ReportMapping {
	var out []ReportMapping
	for _, x := range ix.in.Model.Measures {
		if !ix.supportsFramework(x.ID) {
			continue
		}
		m := ReportMapping{ID: x.ID, Title: x.Title.In(ix.lang), Checks: x.Checks, Attestation: x.Attestation}
		for _, ref := range x.Requirements {
			fw, id, err := controls.ParseRef(ref)
			if err != nil {
				continue
			}
			switch fw {
			case controls.C5:
				if ix.fw != controls.C5_2026 {
					m.C5 = append(m.C5, id)
				}
			case controls.ISO27001:
				m.ISO27001 = append(m.ISO27001, id)
			case controls.GDPR:
				m.GDPR = append(m.GDPR, ix.displayID(fw, id))
			}
		}
		if ix.fw == controls.C5_2026 {
			m.C5 = ix.c5v2026Criteria(x.ID)
		}
		out = append(out, m)
	}
	return out
}

// reportBase is the last element of a slash-separated path.
func reportBase(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[i+1:]
	}
	return p
}

// subcriteria counts the sub-criteria of the framework's requirements in
// the results; nil when they have none (every framework but C5:2026).
func (ix *reportIndex) subcriteria() *ReportSubcriteria {
	var s ReportSubcriteria
	for _, q := range ix.reqs {
		for _, sc := range q.Subcriteria {
			switch {
			case sc.Type == controls.Basic:
				s.Basic++
			case sc.Addressed:
				s.Additional++
				s.InScope++
			default:
				s.Additional++
			}
		}
	}
	if s == (ReportSubcriteria{}) {
		return nil
	}
	return &s
}

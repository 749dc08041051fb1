package templates

import (
	"sort"
	"time"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/controls/l10n"
)

// reportFindingItems is how many affected objects a finding names; the
// rest are counted.
const reportFindingItems = 5

// findingID derives the id of a finding from what it is about, so that
// the same check (or measure) with the same kind of finding keeps its id
// from run to run, whatever the clock, and different checks never share
// one:
//
//	F-<check id>              failed objects of a check
//	F-<check id>-NE           objects of a check without evidence, or a
//	                          check without any evidence
//	F-<measure id>-NE         a measure without the attestation it needs
//	F-<measure id>-EXP        a measure whose attestation expired
//
// The scope of the audit report is always the whole provider (Report
// rejects tenant-restricted results), so the scope adds nothing to the id.
func findingID(subject string, kind controls.Outcome) string {
	switch kind {
	case controls.NoEvidence:
		return "F-" + subject + "-NE"
	case controls.AttestationExpired:
		return "F-" + subject + "-EXP"
	}
	return "F-" + subject
}

// findings builds the findings register: per check of the framework one
// finding for its failed objects and one for its objects without evidence;
// per measure one finding for an expired attestation and one for a missing
// attestation. Checks of measures recorded as not used are left out.
// Findings are ordered fail, no-evidence, attestation-expired, then by id.
// It also records which requirements each finding affects (findingsOf).
func (ix *reportIndex) findings() []ReportFinding {
	var out []ReportFinding
	for i := range ix.r.Checks {
		c := &ix.r.Checks[i]
		if !ix.checkRelevant(c) {
			continue
		}
		var failed, missing []controls.Finding
		for _, f := range c.Findings {
			switch f.Status {
			case controls.Fail:
				failed = append(failed, f)
			case controls.NoEvidence:
				missing = append(missing, f)
			}
		}
		if len(failed) > 0 {
			out = append(out, ix.checkFinding(c, controls.Fail, failed))
		}
		if len(missing) > 0 || c.Status == controls.NoEvidence && len(failed) == 0 {
			out = append(out, ix.checkFinding(c, controls.NoEvidence, missing))
		}
	}
	for i := range ix.r.Measures {
		m := &ix.r.Measures[i]
		if !ix.relevant(m.ID) {
			continue
		}
		if a, ok := ix.atts[m.Attestation]; ok && a.Expired {
			out = append(out, ix.expiredFinding(m, a))
		}
		if m.Status == controls.NoEvidence && !ix.checksExplain(m) {
			out = append(out, ix.measureFinding(m))
		}
	}
	order := map[controls.Outcome]int{controls.Fail: 0, controls.NoEvidence: 1, controls.AttestationExpired: 2}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Kind != out[j].Kind {
			return order[out[i].Kind] < order[out[j].Kind]
		}
		return out[i].ID < out[j].ID
	})
	for _, f := range out {
		for _, id := range f.requirementIDs(ix) {
			ix.findingsOf[id] = append(ix.findingsOf[id], f.ID)
		}
	}
	return out
}

// checksExplain reports whether a no-evidence check of the measure
// accounts for its missing evidence (and so has its own finding).
func (ix *reportIndex) checksExplain(m *controls.MeasureResult) bool {
	for _, id := range m.Checks {
		c, ok := ix.checks[id]
		if !ok {
			continue
		}
		if c.Status == controls.NoEvidence {
			return true
		}
		for _, f := range c.Findings {
			if f.Status == controls.NoEvidence {
				return true
			}
		}
	}
	return false
}

// requirementIDs are the raw ids of the framework's requirements a
// finding affects, recovered from its measure or check.
func (f ReportFinding) requirementIDs(ix *reportIndex) []string {
	var measures []string
	if f.Measure != "" {
		measures = []string{f.Measure}
	} else if c, ok := ix.checks[f.Check]; ok {
		measures = c.Measures
	}
	ids, _ := ix.affected(measures)
	return ids
}

// affected returns the raw ids of the framework's requirements counting
// the measures (in catalogue order), and the other frameworks'
// requirements as "C5 OPS-06", "ISO/IEC 27001 A.8.13", "DSGVO Art. 32(1)(c)".
func (ix *reportIndex) affected(measures []string) (own []string, related []string) {
	seen := map[string]bool{}
	var others []*controls.RequirementResult
	for _, m := range measures {
		if res, ok := ix.measures[m]; ok && res.Status == controls.NotApplicable {
			continue
		}
		for _, q := range ix.measureReqs[m] {
			key := q.Framework + ":" + q.ID
			if seen[key] {
				continue
			}
			seen[key] = true
			switch {
			case q.Framework == ix.fw:
				own = append(own, q.ID)
			case otherC5(ix.fw, q.Framework):
				// The two C5 versions are not cross-references of each
				// other; the migration relates them.
			default:
				others = append(others, q)
			}
		}
	}
	pos := func(fw, id string) int {
		cat := ix.in.Model.Catalog(fw)
		if cat == nil {
			return 0
		}
		for i, r := range cat.Requirements {
			if r.ID == id {
				return i
			}
		}
		return len(cat.Requirements)
	}
	sort.SliceStable(own, func(i, j int) bool { return pos(ix.fw, own[i]) < pos(ix.fw, own[j]) })
	fwPos := map[string]int{}
	for i, fw := range controls.Frameworks {
		fwPos[fw] = i
	}
	sort.SliceStable(others, func(i, j int) bool {
		if others[i].Framework != others[j].Framework {
			return fwPos[others[i].Framework] < fwPos[others[j].Framework]
		}
		return pos(others[i].Framework, others[i].ID) < pos(others[j].Framework, others[j].ID)
	})
	for _, q := range others {
		related = append(related, reportFrameworkPrefix(q.Framework, ix.lang)+" "+ix.displayID(q.Framework, q.ID))
	}
	return own, related
}

// otherC5 reports whether fw is the C5 version that report is not: the
// C5:2026 requirements in a report of another framework than C5:2026,
// and C5:2020 in the C5:2026 report.
func otherC5(report, fw string) bool {
	if report == controls.C5_2026 {
		return fw == controls.C5
	}
	return fw == controls.C5_2026
}

// reportFrameworkPrefix names a framework before a requirement id.
func reportFrameworkPrefix(framework, lang string) string {
	switch framework {
	case controls.C5:
		return "C5"
	case controls.C5_2026:
		return "C5:2026"
	case controls.ISO27001:
		return "ISO/IEC 27001"
	case controls.GDPR:
		if lang == "de" {
			return "DSGVO"
		}
		return "GDPR"
	}
	return framework
}

// withRequirements fills the affected requirements of a finding.
func (ix *reportIndex) withRequirements(f *ReportFinding, measures []string) {
	own, related := ix.affected(measures)
	for _, id := range own {
		f.Requirements = append(f.Requirements, ix.displayID(ix.fw, id))
	}
	f.Related = related
}

// checkFinding is the finding of a check's failed or unassessable objects.
func (ix *reportIndex) checkFinding(c *controls.CheckResult, kind controls.Outcome, objs []controls.Finding) ReportFinding {
	f := ReportFinding{
		ID:         findingID(c.ID, kind),
		Kind:       kind,
		Check:      c.ID,
		Title:      c.Title.In(ix.lang),
		Severity:   ix.w.severity[c.Severity],
		Population: len(c.Findings),
		Objects:    len(objs),
		ObservedAt: ix.r.EvaluatedAt,
	}
	switch {
	case kind == controls.NoEvidence:
		f.Grading = ix.w.missing
	case c.Severity.AtLeast(controls.High):
		f.Grading = ix.w.major
	default:
		f.Grading = ix.w.minor
	}
	if len(objs) == 0 && !ix.edition() {
		f.Reason = checkReason(c, ix.lang)
	}
	ix.withRequirements(&f, c.Measures)
	var refs []controls.EvidenceRef
	var observed time.Time
	seenExp := map[string]bool{}
	named := 0
	for _, o := range objs {
		refs = append(refs, o.Evidence...)
		for _, e := range o.Evidence {
			observed = reportNewest(observed, e.CollectedAt)
		}
		if exp := findingExpected(o, ix.lang); exp != "" && !seenExp[exp] {
			seenExp[exp] = true
			f.Expected = append(f.Expected, exp)
		}
		if !ix.ownObject(o) {
			f.Shared++
			continue
		}
		named++
		if named <= reportFindingItems {
			f.Items = append(f.Items, ReportFindingItem{Resource: o.Resource, Measured: findingMeasured(o, ix.lang), Message: findingMessage(o, ix.lang)})
		}
	}
	if named > reportFindingItems {
		f.More = named - reportFindingItems
	}
	if !observed.IsZero() {
		f.ObservedAt = observed
	}
	f.EvidenceIDs = ix.r.EvidenceIDs(refs)
	return f
}

// expiredFinding is the finding of a measure whose attestation expired.
func (ix *reportIndex) expiredFinding(m *controls.MeasureResult, a *controls.AttestationRecord) ReportFinding {
	f := ReportFinding{
		ID:          findingID(m.ID, controls.AttestationExpired),
		Kind:        controls.AttestationExpired,
		Grading:     ix.w.expired + " " + l10n.Date(ix.lang, a.ValidUntil),
		Measure:     m.ID,
		Title:       ix.measureTitle(m.ID),
		ObservedAt:  ix.r.EvaluatedAt,
		Attestation: a.ID,
		AttestedBy:  a.By,
		Role:        ix.roleName(a.Role),
		ExpiredOn:   a.ValidUntil,
	}
	if ix.edition() {
		f.AttestedBy = ""
	}
	ix.withRequirements(&f, []string{m.ID})
	return f
}

// measureFinding is the finding of a measure that lacks evidence of its
// own, e.g. the attestation it needs.
func (ix *reportIndex) measureFinding(m *controls.MeasureResult) ReportFinding {
	f := ReportFinding{
		ID:         findingID(m.ID, controls.NoEvidence),
		Kind:       controls.NoEvidence,
		Grading:    ix.w.missing,
		Measure:    m.ID,
		Title:      ix.measureTitle(m.ID),
		ObservedAt: ix.r.EvaluatedAt,
	}
	if !ix.edition() {
		f.Reason = measureReason(m, ix.lang)
	}
	if mm, ok := ix.model[m.ID]; ok && mm.Attestation && m.Attestation == "" {
		f.NoAttestation = true
	}
	ix.withRequirements(&f, []string{m.ID})
	return f
}

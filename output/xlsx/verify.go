package xlsx

import (
	"fmt"
	"sort"
	"strings"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/controls/l10n"
)

// index looks up the parts of a Results by id.
type index struct {
	res          *controls.Results
	checks       map[string]*controls.CheckResult
	measures     map[string]*controls.MeasureResult
	attestations map[string]*controls.AttestationRecord
	exceptions   map[string]*controls.ExceptionRecord
	// exceptionsByCheck lists every exception record of a check,
	// including expired ones, by id.
	exceptionsByCheck map[string][]*controls.ExceptionRecord
	evidence          map[string]string // bundle file → EV id
	requirements      map[string]*controls.RequirementResult
}

func newIndex(res *controls.Results) *index {
	x := &index{
		res:               res,
		checks:            make(map[string]*controls.CheckResult, len(res.Checks)),
		measures:          make(map[string]*controls.MeasureResult, len(res.Measures)),
		attestations:      make(map[string]*controls.AttestationRecord, len(res.Attestations)),
		exceptions:        make(map[string]*controls.ExceptionRecord, len(res.Exceptions)),
		exceptionsByCheck: map[string][]*controls.ExceptionRecord{},
		evidence:          make(map[string]string, len(res.Evidence)),
		requirements:      make(map[string]*controls.RequirementResult, len(res.Requirements)),
	}
	for i := range res.Checks {
		x.checks[res.Checks[i].ID] = &res.Checks[i]
	}
	for i := range res.Measures {
		x.measures[res.Measures[i].ID] = &res.Measures[i]
	}
	for i := range res.Attestations {
		x.attestations[res.Attestations[i].ID] = &res.Attestations[i]
	}
	for i := range res.Exceptions {
		e := &res.Exceptions[i]
		x.exceptions[e.ID] = e
		x.exceptionsByCheck[e.Check] = append(x.exceptionsByCheck[e.Check], e)
	}
	for _, e := range res.Evidence {
		if _, dup := x.evidence[e.File]; !dup {
			x.evidence[e.File] = e.ID
		}
	}
	for i := range res.Requirements {
		r := &res.Requirements[i]
		x.requirements[r.Framework+":"+r.ID] = r
	}
	return x
}

// evidenceIDs adds the EV ids of refs to set.
func (x *index) evidenceIDs(set map[string]bool, refs []controls.EvidenceRef) {
	for _, r := range refs {
		if id, ok := x.evidence[r.File]; ok {
			set[id] = true
		}
	}
}

// verification is what the results say about one requirement: the
// measures behind it, their automated checks and what those found, the
// attestations and the accepted exceptions.
type verification struct {
	req *controls.RequirementResult
	// measures are the requirement's measures in the results; applicable
	// lists those that are not out of scope.
	measures   []*controls.MeasureResult
	applicable []*controls.MeasureResult
	// checks are the automated checks of the applicable measures, by id.
	checks       []*controls.CheckResult
	findings     []findingRef
	evidence     []string
	attestations []*controls.AttestationRecord
	exceptions   []*controls.ExceptionRecord
	// attested tells whether an applicable measure is assessed by
	// attestation.
	attested bool
}

// findingRef is a finding that is not a pass, or a check without
// evidence and without findings (finding nil).
type findingRef struct {
	check   *controls.CheckResult
	finding *controls.Finding
}

// verify collects the verification of framework:id; ok is false when the
// results do not hold the requirement.
func (x *index) verify(m *controls.Model, framework, id string) (*verification, bool) {
	req, ok := x.requirements[framework+":"+id]
	if !ok {
		return nil, false
	}
	v := &verification{req: req}
	seenCheck := map[string]bool{}
	seenAtt := map[string]bool{}
	evidence := map[string]bool{}
	for _, mid := range req.Measures {
		mr, ok := x.measures[mid]
		if !ok {
			continue
		}
		v.measures = append(v.measures, mr)
		if mr.Status == controls.NotApplicable {
			continue
		}
		v.applicable = append(v.applicable, mr)
		if ms, ok := m.Measure(mid); ok && ms.Attestation {
			v.attested = true
		}
		if a, ok := x.attestations[mr.Attestation]; ok && !seenAtt[a.ID] {
			seenAtt[a.ID] = true
			v.attestations = append(v.attestations, a)
		}
		for _, cid := range mr.Checks {
			c, ok := x.checks[cid]
			if !ok || seenCheck[cid] {
				continue
			}
			seenCheck[cid] = true
			v.checks = append(v.checks, c)
		}
	}
	sort.Slice(v.checks, func(i, j int) bool { return v.checks[i].ID < v.checks[j].ID })
	sort.Slice(v.attestations, func(i, j int) bool { return v.attestations[i].ID < v.attestations[j].ID })
	for _, c := range v.checks {
		v.findings = append(v.findings, openFindings(c)...)
		for i := range c.Findings {
			x.evidenceIDs(evidence, c.Findings[i].Evidence)
		}
		v.exceptions = append(v.exceptions, x.exceptionsByCheck[c.ID]...)
	}
	v.evidence = sortedKeys(evidence)
	return v, true
}

// openFindings are the findings of c that are not a pass; a check without
// evidence and without findings is one reference of its own.
func openFindings(c *controls.CheckResult) []findingRef {
	var out []findingRef
	for i := range c.Findings {
		if f := &c.Findings[i]; f.Status != controls.Pass && f.Status != controls.NotApplicable {
			out = append(out, findingRef{check: c, finding: f})
		}
	}
	if len(out) == 0 && c.Status == controls.NoEvidence {
		out = append(out, findingRef{check: c})
	}
	return out
}

// maxObjects is how many affected objects a cell names before counting
// the rest.
const maxObjects = 3

// findingLines describes the open findings per check: the check, its
// outcome, the number of objects and the first few of them, e.g.
// "K8S-NET-01 (nicht erfüllt, 2 Objekte): prod/namespace/a, prod/namespace/b".
// Given outcomes, only findings with one of them are described.
func (v *verification) findingLines(lang string, only ...controls.Outcome) []string {
	keep := func(o controls.Outcome) bool {
		for _, x := range only {
			if x == o {
				return true
			}
		}
		return len(only) == 0
	}
	var lines []string
	for i := 0; i < len(v.findings); {
		c := v.findings[i].check
		j := i
		for j < len(v.findings) && v.findings[j].check == c {
			j++
		}
		group := v.findings[i:j]
		i = j
		if group[0].finding == nil {
			if !keep(c.Status) {
				continue
			}
			reason := c.Reason.In(lang)
			if reason == "" {
				reason = controls.NoEvidence.Label(lang)
			}
			lines = append(lines, fmt.Sprintf("%s (%s): %s", c.ID, c.Status.Label(lang), reason))
			continue
		}
		byStatus := map[controls.Outcome][]string{}
		var order []controls.Outcome
		for _, f := range group {
			if !keep(f.finding.Status) {
				continue
			}
			if _, ok := byStatus[f.finding.Status]; !ok {
				order = append(order, f.finding.Status)
			}
			byStatus[f.finding.Status] = append(byStatus[f.finding.Status], f.finding.Resource)
		}
		for _, o := range order {
			lines = append(lines, fmt.Sprintf("%s (%s, %s): %s", c.ID, o.Label(lang), objects(lang, len(byStatus[o])), firstObjects(lang, byStatus[o])))
		}
	}
	return lines
}

func objects(lang string, n int) string {
	if n == 1 {
		return oneObject.In(lang)
	}
	return sprintf(lang, objectsCount, n)
}

func firstObjects(lang string, ids []string) string {
	if len(ids) <= maxObjects {
		return strings.Join(ids, ", ")
	}
	return strings.Join(ids[:maxObjects], ", ") + " " + sprintf(lang, moreObjects, len(ids)-maxObjects)
}

// checkLines are the automated checks with their titles.
func (v *verification) checkLines(lang string) []string {
	out := make([]string, len(v.checks))
	for i, c := range v.checks {
		out[i] = c.ID + " – " + c.Title.In(lang)
	}
	return out
}

// attestationLines give each attestation: id, person and role, date,
// valid until, and whether it has expired.
func (v *verification) attestationLines(lang string) []string {
	out := make([]string, len(v.attestations))
	for i, a := range v.attestations {
		s := fmt.Sprintf("%s: %s (%s), %s, %s %s", a.ID, a.By, a.Role, l10n.Date(lang, a.Date), validUntil.In(lang), l10n.Date(lang, a.ValidUntil))
		if a.Expired {
			s += " – " + controls.AttestationExpired.Label(lang)
		}
		out[i] = s
	}
	return out
}

// exceptionLines give each risk acceptance: id, risk id, expiry.
func (v *verification) exceptionLines(lang string) []string {
	out := make([]string, len(v.exceptions))
	for i, e := range v.exceptions {
		s := fmt.Sprintf("%s / %s / %s %s", e.ID, e.RiskID, until.In(lang), l10n.Date(lang, e.ExpiresOn))
		if e.Expired {
			s += " (" + expiredOn.In(lang) + " " + l10n.Date(lang, e.ExpiresOn) + ")"
		}
		out[i] = s
	}
	return out
}

// detail is the verified outcome as a sentence (document-specs §3.4):
// what was checked when, who attested until when, which findings or
// exceptions stand behind a negative outcome.
func (v *verification) detail(lang string, res *controls.Results) string {
	o := v.req.Status
	label := o.Label(lang)
	date := l10n.Date(lang, res.EvaluatedAt)
	switch o {
	case controls.Pass:
		return label + " – " + sprintf(lang, t("automatisiert geprüft am %s", "checked automatically on %s"), date)
	case controls.NotApplicable:
		if v.req.Justification.In(lang) == "" {
			return label
		}
		return label + " – " + v.req.Justification.In(lang)
	case controls.Attested:
		var parts []string
		for _, a := range v.attestations {
			if !a.Expired {
				parts = append(parts, fmt.Sprintf("%s, %s %s", a.Role, validUntil.In(lang), l10n.Date(lang, a.ValidUntil)))
			}
		}
		s := label
		if len(parts) > 0 {
			s += " (" + strings.Join(dedupe(parts), "; ") + ")"
		}
		if len(v.checks) > 0 {
			s += "; " + sprintf(lang, t("automatisierte Prüfungen erfüllt am %s", "automated checks met on %s"), date)
		}
		return s
	case controls.Exception:
		applied := map[string]bool{}
		for _, f := range v.findings {
			if f.finding != nil && f.finding.Status == controls.Exception {
				applied[f.finding.ExceptionID] = true
			}
		}
		var parts []string
		for _, e := range v.exceptions {
			if applied[e.ID] {
				parts = append(parts, fmt.Sprintf("%s (%s) %s %s", e.ID, e.RiskID, until.In(lang), l10n.Date(lang, e.ExpiresOn)))
			}
		}
		s := label
		if len(parts) > 0 {
			s += " " + strings.Join(parts, ", ")
		}
		return s
	}
	// fail, no-evidence, attestation-expired: the label with what stands
	// behind it.
	parts := v.findingLines(lang, controls.Fail, controls.NoEvidence)
	for _, mr := range v.applicable {
		switch {
		case mr.Status == controls.AttestationExpired:
			if a, ok := v.attestationByID(mr.Attestation); ok {
				parts = append(parts, fmt.Sprintf("%s: %s %s %s", mr.ID, a.ID, expiredOn.In(lang), l10n.Date(lang, a.ValidUntil)))
			}
		case mr.Status == controls.NoEvidence && len(mr.Checks) == 0:
			parts = append(parts, mr.ID+": "+noRecord.In(lang))
		}
	}
	if len(parts) == 0 {
		return label
	}
	return label + " – " + strings.Join(parts, "; ")
}

func (v *verification) attestationByID(id string) (*controls.AttestationRecord, bool) {
	for _, a := range v.attestations {
		if a.ID == id {
			return a, true
		}
	}
	return nil, false
}

// related lists the ids of framework related to the requirement through
// the crosswalk, in catalog order.
func related(m *controls.Model, framework, id, target string) string {
	var ids []string
	for _, l := range m.Related(framework, id) {
		if l.Framework == target {
			ids = append(ids, l.ID)
		}
	}
	return strings.Join(ids, ", ")
}

func sortedKeys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func dedupe(s []string) []string {
	seen := map[string]bool{}
	out := s[:0:0]
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func lines(s []string) string { return strings.Join(s, "\n") }

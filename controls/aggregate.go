package controls

import (
	"sort"
	"time"
)

// ScopeDecision records that a requirement is out of scope. It is the only
// way a requirement becomes not-applicable: never from missing evidence.
type ScopeDecision struct {
	Framework     string
	ID            string
	Justification Text
	DecidedBy     string
	DecidedOn     time.Time
}

// MeasureDecision records that the provider does not use a measure. The
// measure is then not-applicable and counts for no requirement.
type MeasureDecision struct {
	ID            string
	Justification Text
}

// AggregateInput is everything the aggregation of one evaluation needs.
type AggregateInput struct {
	// Frameworks to report, in order (e.g. c5, iso27001, gdpr).
	Frameworks []string
	Model      *Model
	// Checks are the evaluated checks with exceptions already applied to
	// their findings.
	Checks []CheckResult
	// Attestations are the loaded attestations with Expired decided
	// against the evaluation clock.
	Attestations []AttestationRecord
	// Scope holds the provider's recorded scope decisions, the only way
	// a requirement becomes not-applicable.
	Scope []ScopeDecision
	// MeasuresNotApplicable are the provider's recorded decisions not to
	// use a measure.
	MeasuresNotApplicable []MeasureDecision
	// AdditionalInScope are the C5:2026 additional sub-criteria the
	// provider declares in scope of its attestation: a sub-criterion id
	// (OPS-31.01AC) or a criterion id for all its additional ones. Only
	// these are addressed; basic sub-criteria always are.
	AdditionalInScope []string
}

// Aggregate derives measure and requirement outcomes from check outcomes
// and attestations, with the precedence fail > no-evidence >
// attestation-expired > exception > attested > pass. A measure with checks
// and an attestation shows the worst of both. A requirement shows the worst
// of its measures; it is not-applicable only by a scope decision.
func Aggregate(in AggregateInput) ([]MeasureResult, []RequirementResult, []FrameworkSummary) {
	checks := make(map[string]*CheckResult, len(in.Checks))
	for i := range in.Checks {
		checks[in.Checks[i].ID] = &in.Checks[i]
	}
	attest := attestationsByMeasure(in.Attestations)

	notUsed := map[string]Text{}
	for _, d := range in.MeasuresNotApplicable {
		notUsed[d.ID] = d.Justification
	}
	measures := make([]MeasureResult, 0, len(in.Model.Measures))
	byID := make(map[string]MeasureResult, len(in.Model.Measures))
	for _, m := range in.Model.Measures {
		r := assessMeasure(m, checks, attest[m.ID])
		if why, ok := notUsed[m.ID]; ok {
			r = MeasureResult{ID: m.ID, Status: NotApplicable, Basis: NoBasis, Checks: m.Checks, Justification: why,
				Reasons: []Reason{{Message: NewMessage("measure_not_used", map[string]any{"justification": why})}}}
		}
		measures = append(measures, r)
		byID[m.ID] = r
	}
	sort.Slice(measures, func(i, j int) bool { return measures[i].ID < measures[j].ID })

	decisions := scopeDecisions(in.Scope)
	supporting := in.Model.MeasuresFor()
	additional := map[string]bool{}
	for _, id := range in.AdditionalInScope {
		additional[id] = true
	}

	var reqs []RequirementResult
	var summaries []FrameworkSummary
	for _, fw := range in.Frameworks {
		cat := in.Model.Catalog(fw)
		if cat == nil {
			continue
		}
		sum := FrameworkSummary{Framework: fw, Counts: map[Outcome]int{}, Basis: map[Basis]int{}}
		for _, req := range cat.Requirements {
			key := fw + ":" + req.ID
			r := RequirementResult{Framework: fw, ID: req.ID, Title: req.Title, Measures: supporting[key]}
			r.Basis = NoBasis
			if d, ok := decisions[key]; ok {
				r.Status = NotApplicable
				r.Justification = d.Justification
			} else {
				statuses := make([]Outcome, 0, len(r.Measures))
				bases := make([]Basis, 0, len(r.Measures))
				for _, id := range r.Measures {
					statuses = append(statuses, byID[id].Status)
					if byID[id].Status != NotApplicable {
						bases = append(bases, byID[id].Basis)
					}
				}
				// Worst of nothing is no-evidence: a requirement no
				// measure assesses is never met. Measures the provider
				// does not use are ignored unless no other measure is left.
				r.Status = Worst(statuses...)
				r.Basis = requirementBasis(bases)
				if r.Status == NotApplicable {
					r.Justification = allNotUsed
				}
			}
			if r.Measures == nil {
				r.Measures = []string{}
			}
			r.Subcriteria = subcriterionResults(req, r, additional)
			sum.Total++
			sum.Counts[r.Status]++
			sum.Basis[r.Basis]++
			reqs = append(reqs, r)
		}
		summaries = append(summaries, sum)
	}
	return measures, reqs, summaries
}

// subcriterionResults carries a criterion's outcome to its sub-criteria.
// The measures are mapped to the criterion (the BSI's sub-criterion text
// is not shipped, so nachweis cannot tell which of them a measure meets
// alone): every basic sub-criterion shows the criterion's outcome, an
// additional one only where the provider declares it in scope; the others
// are not addressed and have no outcome.
func subcriterionResults(req Requirement, r RequirementResult, additional map[string]bool) []SubcriterionResult {
	if len(req.Subcriteria) == 0 {
		return nil
	}
	out := make([]SubcriterionResult, 0, len(req.Subcriteria))
	for _, s := range req.Subcriteria {
		x := SubcriterionResult{ID: s.ID, Type: s.Type, Sharpens: s.Sharpens}
		if s.Type == Basic || additional[s.ID] || additional[req.ID] {
			x.Addressed = true
			x.Status = r.Status
			x.Basis = r.Basis
		}
		out = append(out, x)
	}
	return out
}

// allNotUsed justifies a requirement whose measures are all recorded as
// not used.
var allNotUsed = Text{
	DE: "Alle unterstützenden Maßnahmen sind als nicht eingesetzt erfasst.",
	EN: "every supporting measure is recorded as not used",
}

func assessMeasure(m Measure, checks map[string]*CheckResult, atts []AttestationRecord) MeasureResult {
	r := MeasureResult{ID: m.ID, Checks: m.Checks}
	var statuses []Outcome
	var reasons []Reason
	var newest time.Time
	// The parts of the measure for its basis: checks that ran, a valid
	// attestation, and the parts that are neither.
	verified, attested, open := 0, 0, 0
	for _, id := range m.Checks {
		c, ok := checks[id]
		if !ok {
			statuses = append(statuses, NoEvidence)
			reasons = append(reasons, Reason{Message: NewMessage("check_not_evaluated", map[string]any{"check": id})})
			open++
			continue
		}
		statuses = append(statuses, c.Status)
		if c.Ran() {
			verified++
		} else {
			open++
		}
		if c.Status == NoEvidence && !c.Reason.IsZero() {
			reasons = append(reasons, Reason{Check: id, Message: c.Reason})
		}
		for _, f := range c.Findings {
			for _, e := range f.Evidence {
				if e.CollectedAt.After(newest) {
					newest = e.CollectedAt
				}
			}
		}
	}
	if m.Attestation {
		a, ok := bestAttestation(atts)
		switch {
		case !ok && len(atts) > 0:
			statuses = append(statuses, NoEvidence)
			reasons = append(reasons, Reason{Message: NewMessage("attestation_dated_after",
				map[string]any{"attestation": atts[0].ID, "date": atts[0].Date.UnixNano()})})
			open++
		case !ok:
			statuses = append(statuses, NoEvidence)
			reasons = append(reasons, Reason{Message: NewMessage("no_attestation", nil)})
			open++
		case a.Expired:
			statuses = append(statuses, AttestationExpired)
			r.Attestation = a.ID
			reasons = append(reasons, Reason{Message: NewMessage("attestation_expired",
				map[string]any{"attestation": a.ID, "date": a.ValidUntil.UnixNano()})})
			open++
		default:
			statuses = append(statuses, Attested)
			r.Attestation = a.ID
			attested++
		}
		if ok && a.Date.After(newest) {
			newest = a.Date
		}
	}
	r.Status = Worst(statuses...)
	if r.Status == NotApplicable {
		// A measure is never out of scope by itself.
		r.Status = NoEvidence
	}
	r.Basis = measureBasis(verified, attested, open)
	if r.Status != Pass && r.Status != Attested {
		r.Reasons = reasons
	}
	if !newest.IsZero() {
		t := newest.UTC()
		r.EvidenceDate = &t
	}
	return r
}

func attestationsByMeasure(atts []AttestationRecord) map[string][]AttestationRecord {
	out := make(map[string][]AttestationRecord)
	for _, a := range atts {
		out[a.Measure] = append(out[a.Measure], a)
	}
	return out
}

// bestAttestation picks a valid attestation over an expired one and, among
// equals, the one valid longest; ties are broken by id for determinism.
// An attestation dated after the evaluation time counts for nothing.
func bestAttestation(atts []AttestationRecord) (AttestationRecord, bool) {
	var usable []AttestationRecord
	for _, a := range atts {
		if !a.DatedAfterEvaluation {
			usable = append(usable, a)
		}
	}
	if len(usable) == 0 {
		return AttestationRecord{}, false
	}
	best := usable[0]
	for _, a := range usable[1:] {
		switch {
		case best.Expired && !a.Expired:
			best = a
		case best.Expired == a.Expired && a.ValidUntil.After(best.ValidUntil):
			best = a
		case best.Expired == a.Expired && a.ValidUntil.Equal(best.ValidUntil) && a.ID < best.ID:
			best = a
		}
	}
	return best, true
}

// scopeDecisions indexes the recorded scope decisions. nachweis decides
// no requirement out of scope by itself, not even one that asks nothing
// of a processor (Model.DecisionNeeded): without a recorded decision it
// stays without evidence.
func scopeDecisions(recorded []ScopeDecision) map[string]ScopeDecision {
	out := make(map[string]ScopeDecision, len(recorded))
	for _, d := range recorded {
		if fw, ok := Canonical(d.Framework); ok {
			d.Framework = fw
		}
		out[d.Framework+":"+d.ID] = d
	}
	return out
}

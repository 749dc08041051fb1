package controls

import (
	"sort"
	"strings"
)

// Assessment kinds of a requirement, as listed by `nachweis controls`.
const (
	AssessAutomated = "automated"
	AssessAttested  = "attested"
	AssessMixed     = "automated+attested"
	// AssessDecisionNeeded: no measure supports the requirement, and it
	// asks nothing of the measures; a recorded scope decision settles it
	// (Model.DecisionNeeded), until then it has no evidence.
	AssessDecisionNeeded = "decision-needed"
	// AssessNone means no measure reaches the requirement: it evaluates
	// to no-evidence. The shipped model has none (a test enforces it).
	AssessNone = "none"
	// AssessNewAttestation: a C5:2026 criterion no measure of nachweis
	// supports yet (new in C5:2026, or a review took the C5:2020 measure
	// away): it evaluates to no-evidence until the provider adds a
	// measure with an attestation for it. The migration sheet lists them.
	AssessNewAttestation = "new-attestation-needed"
)

// Coverage says how one requirement is assessed: by which measures and
// checks, and whether automatically, by attestation or not at all.
type Coverage struct {
	Framework  string   `json:"framework"`
	ID         string   `json:"id"`
	Group      string   `json:"group"`
	Title      Text     `json:"title"`
	Assessment string   `json:"assessment"`
	Measures   []string `json:"measures"`
	Checks     []string `json:"checks"`
	// Note says, for a requirement that needs a scope decision, why no
	// measure supports it.
	Note *Text `json:"note,omitempty"`
}

// Coverage lists, in catalog order, how every requirement of a framework
// is assessed.
func (m *Model) Coverage(framework string) []Coverage {
	cat := m.Catalog(framework)
	if cat == nil {
		return nil
	}
	measuresFor := m.MeasuresFor()
	na := map[string]Text{}
	for _, d := range m.DecisionNeeded {
		na[d.Ref()] = d.Note
	}
	out := make([]Coverage, 0, len(cat.Requirements))
	for _, r := range cat.Requirements {
		c := Coverage{Framework: framework, ID: r.ID, Group: r.Group, Title: r.Title, Measures: []string{}, Checks: []string{}}
		automated, attested := false, false
		seen := map[string]bool{}
		for _, id := range measuresFor[r.Ref()] {
			ms, ok := m.Measure(id)
			if !ok {
				continue
			}
			c.Measures = append(c.Measures, id)
			for _, ch := range ms.Checks {
				if !seen[ch] {
					seen[ch] = true
					c.Checks = append(c.Checks, ch)
				}
			}
			automated = automated || len(ms.Checks) > 0
			attested = attested || ms.Attestation
		}
		sort.Strings(c.Checks)
		switch {
		case automated && attested:
			c.Assessment = AssessMixed
		case automated:
			c.Assessment = AssessAutomated
		case attested:
			c.Assessment = AssessAttested
		}
		if j, ok := na[r.Ref()]; ok && len(c.Measures) == 0 {
			c.Assessment = AssessDecisionNeeded
			c.Note = &j
		}
		if c.Assessment == "" && framework == C5_2026 {
			c.Assessment = AssessNewAttestation
		}
		if c.Assessment == "" {
			c.Assessment = AssessNone
		}
		out = append(out, c)
	}
	return out
}

// How a measure is assessed, as listed by `nachweis controls --view
// measures`.
const (
	AssessByChecks      = "checks"
	AssessByAttestation = "attestation"
	AssessByBoth        = "checks+attestation"
)

// MeasureCoverage says how one measure is assessed: by automated checks,
// by attestation, or both, and which requirements it supports.
type MeasureCoverage struct {
	ID         string      `json:"id"`
	Category   Category    `json:"category"`
	Type       MeasureType `json:"type"`
	Title      Text        `json:"title"`
	Assessment string      `json:"assessment"`
	Checks     []string    `json:"checks"`
	// Requirements counts the requirements the measure supports per
	// framework.
	Requirements map[string]int `json:"requirements"`
}

// MeasureCoverage lists every measure in model order with how it is
// assessed.
func (m *Model) MeasureCoverage() []MeasureCoverage {
	out := make([]MeasureCoverage, 0, len(m.Measures))
	for _, x := range m.Measures {
		c := MeasureCoverage{ID: x.ID, Category: x.Category, Type: x.Type, Title: x.Title, Checks: append([]string{}, x.Checks...),
			Requirements: map[string]int{}}
		switch {
		case len(x.Checks) > 0 && x.Attestation:
			c.Assessment = AssessByBoth
		case len(x.Checks) > 0:
			c.Assessment = AssessByChecks
		default:
			c.Assessment = AssessByAttestation
		}
		for _, ref := range x.Requirements {
			fw, _, _ := strings.Cut(ref, ":")
			c.Requirements[fw]++
		}
		out = append(out, c)
	}
	return out
}

// FrameworkBasis counts how the requirements of one framework are
// assessed: Technical is the number of requirements with a technical
// basis (at least one measure assessed by automated checks, Automated
// plus Mixed), TechnicalPercent its share of the applicable ones
// (Requirements less DecisionNeeded, which await the provider's scope
// decision).
type FrameworkBasis struct {
	Framework        string  `json:"framework"`
	Requirements     int     `json:"requirements"`
	Automated        int     `json:"automated"`
	Mixed            int     `json:"automated_and_attested"`
	AttestedOnly     int     `json:"attested_only"`
	DecisionNeeded   int     `json:"decision_needed"`
	None             int     `json:"none"`
	Technical        int     `json:"technical"`
	TechnicalPercent float64 `json:"technical_percent"`
}

// Basis counts how the requirements of a framework are assessed.
func (m *Model) Basis(framework string) FrameworkBasis {
	b := FrameworkBasis{Framework: framework}
	for _, c := range m.Coverage(framework) {
		b.Requirements++
		switch c.Assessment {
		case AssessAutomated:
			b.Automated++
		case AssessMixed:
			b.Mixed++
		case AssessAttested:
			b.AttestedOnly++
		case AssessDecisionNeeded:
			b.DecisionNeeded++
		default:
			b.None++
		}
	}
	b.Technical = b.Automated + b.Mixed
	if applicable := b.Requirements - b.DecisionNeeded; applicable > 0 {
		b.TechnicalPercent = 100 * float64(b.Technical) / float64(applicable)
	}
	return b
}

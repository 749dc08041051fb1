package controls

import "sort"

// Assessment kinds of a requirement, as listed by `nachweis controls`.
const (
	AssessAutomated     = "automated"
	AssessAttested      = "attested"
	AssessMixed         = "automated+attested"
	AssessNotApplicable = "not-applicable"
	// AssessNone means no measure reaches the requirement: it evaluates
	// to no-evidence. The shipped model has none (a test enforces it).
	AssessNone = "none"
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
	// Justification is set for requirements not applicable by default.
	Justification *Text `json:"justification,omitempty"`
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
	for _, d := range m.NotApplicable {
		na[d.Ref()] = d.Justification
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
			c.Assessment = AssessNotApplicable
			c.Justification = &j
		}
		if c.Assessment == "" {
			c.Assessment = AssessNone
		}
		out = append(out, c)
	}
	return out
}

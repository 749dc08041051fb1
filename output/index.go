package output

import (
	"github.com/nachweis/nachweis/controls"
)

// index looks up the parts of a results model by id, so that a writer can
// go from a requirement to its measures and from there to the checks and
// findings that explain its outcome.
type index struct {
	checks     map[string]*controls.CheckResult
	measures   map[string]*controls.MeasureResult
	exceptions map[string]*controls.ExceptionRecord
}

func newIndex(r *controls.Results) *index {
	x := &index{
		checks:     make(map[string]*controls.CheckResult, len(r.Checks)),
		measures:   make(map[string]*controls.MeasureResult, len(r.Measures)),
		exceptions: make(map[string]*controls.ExceptionRecord, len(r.Exceptions)),
	}
	for i := range r.Checks {
		x.checks[r.Checks[i].ID] = &r.Checks[i]
	}
	for i := range r.Measures {
		x.measures[r.Measures[i].ID] = &r.Measures[i]
	}
	for i := range r.Exceptions {
		x.exceptions[r.Exceptions[i].ID] = &r.Exceptions[i]
	}
	return x
}

// problemChecks returns the checks behind a requirement that failed or
// lacked evidence, each once, in the order of the requirement's measures.
func (x *index) problemChecks(req *controls.RequirementResult) []*controls.CheckResult {
	var out []*controls.CheckResult
	seen := map[string]bool{}
	for _, mid := range req.Measures {
		m, ok := x.measures[mid]
		if !ok {
			continue
		}
		for _, cid := range m.Checks {
			c, ok := x.checks[cid]
			if !ok || seen[cid] || !isProblem(c.Status) {
				continue
			}
			seen[cid] = true
			out = append(out, c)
		}
	}
	return out
}

// problemMeasures returns the measures of a requirement that are not met,
// not assessed or rest on an expired attestation.
func (x *index) problemMeasures(req *controls.RequirementResult) []*controls.MeasureResult {
	var out []*controls.MeasureResult
	for _, mid := range req.Measures {
		if m, ok := x.measures[mid]; ok && (isProblem(m.Status) || m.Status == controls.AttestationExpired) {
			out = append(out, m)
		}
	}
	return out
}

// measureOnlyReason returns the reasons of a measure its checks do not
// already give, in lang: its own (a missing attestation, a check not
// evaluated); the writers show check reasons with the check.
func (x *index) measureOnlyReason(m *controls.MeasureResult, lang string) string {
	var own []controls.Reason
	for _, r := range m.Reasons {
		if _, shown := x.checks[r.Check]; r.Check == "" || !shown {
			own = append(own, r)
		}
	}
	return controls.ReasonText(own, lang)
}

// isProblem reports whether an outcome is one a CI run must report as a
// problem at finding level: a failure or missing evidence.
func isProblem(o controls.Outcome) bool {
	return o == controls.Fail || o == controls.NoEvidence
}

// problemFindings returns the findings of a check that failed or lacked
// evidence, in model order.
func problemFindings(c *controls.CheckResult) []controls.Finding {
	var out []controls.Finding
	for _, f := range c.Findings {
		if isProblem(f.Status) {
			out = append(out, f)
		}
	}
	return out
}

// frameworkOrder returns the frameworks of the results in report order:
// r.Frameworks first, then any other framework the requirements name, in
// order of first appearance.
func frameworkOrder(r *controls.Results) []string {
	var out []string
	seen := map[string]bool{}
	add := func(fw string) {
		if !seen[fw] {
			seen[fw] = true
			out = append(out, fw)
		}
	}
	for _, fw := range r.Frameworks {
		add(fw)
	}
	for _, s := range r.Summary {
		add(s.Framework)
	}
	for _, req := range r.Requirements {
		add(req.Framework)
	}
	return out
}

// maxFindings is how many findings per check the text summary and the
// JUnit report show; the JSON output carries all of them.
const maxFindings = 5

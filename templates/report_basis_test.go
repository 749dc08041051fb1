package templates

import (
	"strings"
	"testing"

	"github.com/nachweis/nachweis/controls"
)

// TestReportNeverCallsCheckedRequirementsUnverified renders the demo's
// audit reports of the three frameworks in both languages: the results
// row of every requirement whose checks ran states a technical basis
// (technically or partly verified) and never that it is not technically
// verified or rests on attestations only, whatever its outcome; the rows
// of the others never claim a technical basis.
func TestReportNeverCallsCheckedRequirementsUnverified(t *testing.T) {
	e := demoResults(t, reportNow)
	checks := map[string]*controls.CheckResult{}
	for i := range e.res.Checks {
		checks[e.res.Checks[i].ID] = &e.res.Checks[i]
	}
	measures := map[string]*controls.MeasureResult{}
	for i := range e.res.Measures {
		measures[e.res.Measures[i].ID] = &e.res.Measures[i]
	}
	checked := func(q controls.RequirementResult) bool {
		for _, mid := range q.Measures {
			m, ok := measures[mid]
			if !ok || m.Status == controls.NotApplicable {
				continue
			}
			for _, cid := range m.Checks {
				if c, ok := checks[cid]; ok && c.Ran() {
					return true
				}
			}
		}
		return false
	}
	for _, fw := range controls.Frameworks {
		for _, lang := range []string{"de", "en"} {
			doc, _ := demoReport(t, fw, lang, reportNow, Options{})
			ix := &reportIndex{in: ReportInput{Model: e.model}, lang: lang}
			rows := map[string]string{}
			for _, l := range strings.Split(string(doc.Markdown), "\n") {
				if cells := strings.Split(l, " | "); len(cells) > 3 && strings.HasPrefix(l, "| ") {
					rows[strings.TrimPrefix(cells[0], "| ")] = l
				}
			}
			technical := []string{controls.TechnicallyVerified.Label(lang), controls.PartlyVerified.Label(lang)}
			denials := []string{controls.AttestedOnly.Label(lang), controls.NoBasis.Label(lang), "nicht technisch geprüft", "not technically verified"}
			n := 0
			for _, q := range e.res.Requirements {
				if q.Framework != fw || q.Status == controls.NotApplicable {
					continue
				}
				row, ok := rows[Escape(ix.displayID(fw, q.ID))]
				if !ok {
					t.Errorf("%s %s: no results row for %s", fw, lang, q.ID)
					continue
				}
				outcome := strings.Split(row, " | ")[2]
				if checked(q) {
					n++
					if !containsAny(outcome, technical) || containsAny(outcome, denials) {
						t.Errorf("%s %s: %s's checks ran, but its outcome cell says %q", fw, lang, q.ID, outcome)
					}
				} else if containsAny(outcome, technical) && !containsAny(outcome, denials) {
					t.Errorf("%s %s: no check of %s ran, but its outcome cell says %q", fw, lang, q.ID, outcome)
				}
			}
			if n == 0 {
				t.Errorf("%s %s: no requirement with checks that ran", fw, lang)
			}
		}
	}
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

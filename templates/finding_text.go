package templates

import "github.com/nachweis/nachweis/controls"

// The texts documents quote from the checks and the engine: a finding's
// message, expected and measured value, and the reason a check, measure or
// requirement gives. Each comes through exactly one function here, in the
// document's language, from the texts the engine rendered into the
// results model.

// findingMessage is a finding's message in lang.
func findingMessage(f controls.Finding, lang string) string { return f.Message.In(lang) }

// findingExpected is what a finding's check expected, in lang.
func findingExpected(f controls.Finding, lang string) string { return f.Expected.In(lang) }

// findingMeasured is what a finding's check measured, in lang.
func findingMeasured(f controls.Finding, lang string) string { return f.Measured.In(lang) }

// checkReason is why a check has the outcome it has (e.g. no evidence),
// in lang.
func checkReason(c *controls.CheckResult, lang string) string { return c.Reason.In(lang) }

// measureReason is why a measure has the outcome it has, in lang.
func measureReason(m *controls.MeasureResult, lang string) string {
	return controls.ReasonText(m.Reasons, lang)
}

// requirementJustification is the engine's justification of a
// not-applicable requirement, in lang.
func requirementJustification(q *controls.RequirementResult, lang string) string {
	return q.Justification.In(lang)
}

package templates

import (
	"fmt"
	"strings"

	"github.com/nachweis/nachweis/controls"
)

// newTOMMeasures builds the record of every measure of the model, in model
// order, and decides for each what the annex may state (document-specs
// §1.4) and whether it blocks the release. values fill the measures'
// statements.
func newTOMMeasures(in TOMInput, values tomValues) []TOMMeasure {
	r, lang := in.Results, in.Lang
	results := make(map[string]controls.MeasureResult, len(r.Measures))
	for _, m := range r.Measures {
		results[m.ID] = m
	}
	checks := make(map[string]*controls.CheckResult, len(r.Checks))
	for i := range r.Checks {
		checks[r.Checks[i].ID] = &r.Checks[i]
	}
	attestations := make(map[string]controls.AttestationRecord, len(r.Attestations))
	for _, a := range r.Attestations {
		attestations[a.ID] = a
	}
	exceptions := make(map[string]controls.ExceptionRecord, len(r.Exceptions))
	for _, x := range r.Exceptions {
		exceptions[x.ID] = x
	}
	decisions := map[string]TOMDecision{}
	for _, d := range in.Config.Scope.MeasuresNotApplicable {
		decisions[d.ID] = TOMDecision{Justification: d.Justification.In(lang), DecidedBy: d.DecidedBy, DecidedOn: d.DecidedOn}
	}

	out := make([]TOMMeasure, 0, len(in.Model.Measures))
	for _, m := range in.Model.Measures {
		rec := TOMMeasure{
			ID:                  m.ID,
			Title:               m.Title.In(lang),
			Statement:           tomStatement(m, values, lang),
			Type:                m.Type,
			TypeLabel:           m.Type.Label(lang),
			Art32:               m.Art32,
			Category:            m.Category,
			CategoryLabel:       m.Category.Label(lang),
			Automated:           len(m.Checks) > 0,
			AttestationRequired: m.Attestation,
		}
		rec.GDPR, rec.ISO, rec.C5 = tomRefs(in.Model, m.Requirements, lang)
		res, ok := results[m.ID]
		if !ok {
			// Fail closed: a measure the evaluation did not assess is
			// never stated.
			rec.Outcome = controls.NoEvidence
			rec.Problems.NotEvaluated = true
			rec.Blocking = true
			out = append(out, rec)
			continue
		}
		rec.Outcome = res.Status
		if rec.Automated {
			rec.CheckedOn = r.EvaluatedAt
		}
		ev := tomCheckFindings(&rec, m, checks, in.Tenant, lang)
		rec.EvidenceIDs = r.EvidenceIDs(ev)
		if res.Attestation != "" {
			if a, ok := attestations[res.Attestation]; ok {
				rec.Attestation = &TOMAttestation{ID: a.ID, Role: in.Config.RoleName(a.Role, lang), Date: a.Date, ValidUntil: a.ValidUntil, Expired: a.Expired}
			}
		}
		for _, id := range tomExceptionIDs(m, checks, in.Tenant) {
			x, ok := exceptions[id]
			if !ok {
				rec.Problems.NoCustomerText = append(rec.Problems.NoCustomerText, id)
				continue
			}
			rec.Exceptions = append(rec.Exceptions, TOMException{ID: x.ID, ExpiresOn: x.ExpiresOn, CustomerText: x.CustomerText.In(lang)})
		}
		tomGate(&rec, res, decisions, lang)
		out = append(out, rec)
	}
	return out
}

// tomStatement is what the annex states of a measure: its statement
// filled with the tenant's values, or its description when the measure
// has no statement or the tenant lacks a value for it.
func tomStatement(m controls.Measure, values tomValues, lang string) string {
	if s := m.Statement.In(lang); s != "" {
		if filled, ok := values.fill(s); ok {
			return filled
		}
	}
	return m.Description.In(lang)
}

// tomGate applies the release gate of document-specs §1.4 to one measure:
// met and attested measures are stated; an accepted exception is stated
// through its customer text only; a not-applicable measure needs a
// justification; everything else blocks.
func tomGate(rec *TOMMeasure, res controls.MeasureResult, decisions map[string]TOMDecision, lang string) {
	if rec.AttestationRequired && rec.Attestation == nil && rec.Outcome != controls.NotApplicable {
		rec.Problems.NoAttestation = true
	}
	if rec.Attestation != nil && rec.Attestation.Expired {
		rec.Problems.ExpiredOn = rec.Attestation.ValidUntil
	}
	switch rec.Outcome {
	case controls.Pass, controls.Attested:
		rec.Stated = true
	case controls.NotApplicable:
		d, ok := decisions[rec.ID]
		if !ok {
			d.Justification = res.Justification.In(lang)
		}
		rec.NotApplicable = &d
		if strings.TrimSpace(d.Justification) == "" {
			rec.Problems.NoJustification = true
			rec.Blocking = true
		}
	case controls.Exception:
		var texts []string
		for _, x := range rec.Exceptions {
			if strings.TrimSpace(x.CustomerText) == "" {
				rec.Problems.NoCustomerText = append(rec.Problems.NoCustomerText, x.ID)
				continue
			}
			texts = append(texts, x.CustomerText)
		}
		if len(texts) == 0 || len(rec.Problems.NoCustomerText) > 0 {
			rec.Blocking = true
			if len(rec.Problems.NoCustomerText) == 0 {
				// The outcome names an exception the results do not
				// hold: nothing may be stated.
				rec.Problems.NoCustomerText = []string{"–"}
			}
			return
		}
		rec.Statement = strings.Join(texts, " ")
		rec.Stated = true
	default:
		rec.Blocking = true
	}
}

// tomMaxFailures bounds the failed findings listed per measure: the annex
// names the blocker and examples, the audit report lists them all.
const tomMaxFailures = 5

// tomCheckFindings fills the checks and the problems of a measure from the
// findings of its checks within the tenant's scope and returns the
// evidence behind them.
func tomCheckFindings(rec *TOMMeasure, m controls.Measure, checks map[string]*controls.CheckResult, tenant, lang string) []controls.EvidenceRef {
	var refs []controls.EvidenceRef
	for _, id := range m.Checks {
		c, ok := checks[id]
		if !ok {
			rec.Checks = append(rec.Checks, TOMCheck{ID: id, Outcome: controls.NoEvidence})
			rec.Problems.Missing = append(rec.Problems.Missing, TOMMissing{Check: id})
			continue
		}
		rec.Checks = append(rec.Checks, TOMCheck{ID: c.ID, Title: c.Title.In(lang), Outcome: c.Status})
		var missing []string
		for _, f := range c.Findings {
			if f.Tenant != "" && f.Tenant != tenant {
				continue
			}
			refs = append(refs, f.Evidence...)
			switch f.Status {
			case controls.Fail:
				if len(rec.Problems.Failed) == tomMaxFailures {
					rec.Problems.MoreFailed++
					continue
				}
				rec.Problems.Failed = append(rec.Problems.Failed, TOMFailure{Check: c.ID, Resource: f.Resource, Expected: findingExpected(f, lang), Measured: findingMeasured(f, lang)})
			case controls.NoEvidence:
				missing = append(missing, findingMessage(f, lang))
			}
		}
		if c.Status == controls.NoEvidence {
			reason := checkReason(c, lang)
			if reason == "" {
				reason = strings.Join(distinct(missing), "; ")
			}
			rec.Problems.Missing = append(rec.Problems.Missing, TOMMissing{Check: c.ID, Reason: reason})
		}
	}
	return refs
}

// tomExceptionIDs returns the sorted ids of the accepted exceptions that
// cover findings of the measure's checks within the tenant's scope.
func tomExceptionIDs(m controls.Measure, checks map[string]*controls.CheckResult, tenant string) []string {
	var ids []string
	for _, id := range m.Checks {
		c, ok := checks[id]
		if !ok {
			continue
		}
		for _, f := range c.Findings {
			if f.ExceptionID != "" && (f.Tenant == "" || f.Tenant == tenant) {
				ids = append(ids, f.ExceptionID)
			}
		}
	}
	return distinct(ids)
}

// tomRefs splits a measure's requirement references into GDPR citations
// (without the law's name), ISO/IEC 27001 Annex A ids and C5 ids.
func tomRefs(model *controls.Model, refs []string, lang string) (gdpr, iso, c5 []string) {
	for _, ref := range refs {
		fw, id, err := controls.ParseRef(ref)
		if err != nil {
			continue
		}
		switch fw {
		case controls.GDPR:
			cite := "Art. " + id
			if req, ok := model.Requirement(fw, id); ok && req.Citation.In(lang) != "" {
				cite = strings.TrimSuffix(strings.TrimSuffix(req.Citation.In(lang), " DSGVO"), " GDPR")
			}
			gdpr = append(gdpr, cite)
		case controls.ISO27001:
			iso = append(iso, id)
		case controls.C5:
			c5 = append(c5, id)
		}
	}
	return gdpr, iso, c5
}

// tomDeletionRef is the requirement whose measures section 9 names:
// deletion and return at the end of the processing.
const tomDeletionRef = "gdpr:28(3)(g)"

// tomDeletion is section 9 with the measures that support Art. 28(3)(g),
// in body order; nil when there are none.
func tomDeletion(body []TOMMeasure, model *controls.Model, no int) *TOMDeletion {
	support := map[string]bool{}
	for _, id := range model.MeasuresFor()[tomDeletionRef] {
		support[id] = true
	}
	var ms []TOMMeasure
	for _, m := range body {
		if support[m.ID] {
			ms = append(ms, m)
		}
	}
	if len(ms) == 0 {
		return nil
	}
	return &TOMDeletion{No: fmt.Sprint(no), Measures: ms}
}

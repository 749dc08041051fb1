package templates

import (
	"fmt"
	"sort"
	"strings"

	"github.com/nachweis/nachweis/controls"
)

// reportIndex looks up the parts of the results the report is built
// from, and knows which measures and checks lie behind the framework.
type reportIndex struct {
	in   ReportInput
	lang string
	fw   string
	r    *controls.Results
	w    reportWording
	// reqs are the framework's requirement results by id.
	reqs     map[string]*controls.RequirementResult
	measures map[string]*controls.MeasureResult
	model    map[string]*controls.Measure
	checks   map[string]*controls.CheckResult
	atts     map[string]*controls.AttestationRecord
	// measureReqs lists, per measure, the requirements of every
	// evaluated framework that count it (not-applicable ones left out).
	measureReqs map[string][]*controls.RequirementResult
	// findingsOf lists, per requirement id of the framework, the ids of
	// the findings that affect it; set by findings.
	findingsOf map[string][]string
	// sources are the bundle sources (kind/name) a customer edition may
	// name; nil for the provider's report (see tenantSources).
	sources map[string]bool
	// c5v2026 lists, per measure, the C5:2026 criteria it supports; set
	// by c5v2026Criteria.
	c5v2026 map[string][]string
}

func newReportIndex(in ReportInput) *reportIndex {
	r := in.Results
	ix := &reportIndex{
		in: in, lang: in.Lang, fw: in.Framework, r: r, w: reportWords[in.Lang],
		reqs:        map[string]*controls.RequirementResult{},
		measures:    map[string]*controls.MeasureResult{},
		model:       map[string]*controls.Measure{},
		checks:      map[string]*controls.CheckResult{},
		atts:        map[string]*controls.AttestationRecord{},
		measureReqs: map[string][]*controls.RequirementResult{},
		findingsOf:  map[string][]string{},
	}
	for i := range r.Requirements {
		q := &r.Requirements[i]
		if q.Framework == in.Framework {
			ix.reqs[q.ID] = q
		}
		if q.Status == controls.NotApplicable {
			continue
		}
		for _, m := range q.Measures {
			ix.measureReqs[m] = append(ix.measureReqs[m], q)
		}
	}
	for i := range r.Measures {
		ix.measures[r.Measures[i].ID] = &r.Measures[i]
	}
	for i := range in.Model.Measures {
		ix.model[in.Model.Measures[i].ID] = &in.Model.Measures[i]
	}
	for i := range r.Checks {
		ix.checks[r.Checks[i].ID] = &r.Checks[i]
	}
	for i := range r.Attestations {
		ix.atts[r.Attestations[i].ID] = &r.Attestations[i]
	}
	ix.sources = ix.tenantSources()
	return ix
}

// relevant reports whether a measure counts for a requirement of the
// framework, i.e. it is used and supports one of its requirements.
func (ix *reportIndex) relevant(measure string) bool {
	if m, ok := ix.measures[measure]; ok && m.Status == controls.NotApplicable {
		return false
	}
	for _, q := range ix.measureReqs[measure] {
		if q.Framework == ix.fw {
			return true
		}
	}
	return false
}

// checkRelevant reports whether a check assesses a relevant measure.
func (ix *reportIndex) checkRelevant(c *controls.CheckResult) bool {
	for _, m := range c.Measures {
		if ix.relevant(m) {
			return true
		}
	}
	return false
}

func (ix *reportIndex) measureTitle(id string) string {
	if m, ok := ix.model[id]; ok {
		return m.Title.In(ix.lang)
	}
	return ""
}

// groups builds the results table: the catalogue's areas with one row per
// requirement, in catalogue order. A requirement without a result is an
// error: the report must not fill a gap silently.
func (ix *reportIndex) groups(findings []ReportFinding) ([]ReportGroup, error) {
	cat := ix.in.Model.Catalog(ix.fw)
	byGroup := map[string][]ReportRequirement{}
	for _, req := range cat.Requirements {
		q, ok := ix.reqs[req.ID]
		if !ok {
			return nil, fmt.Errorf("audit report %s: the results have no outcome for requirement %s", ix.fw, req.ID)
		}
		byGroup[req.Group] = append(byGroup[req.Group], ix.requirement(req, q))
	}
	var out []ReportGroup
	for _, g := range cat.Groups {
		rows := byGroup[g.ID]
		if len(rows) == 0 {
			continue
		}
		rg := ReportGroup{No: len(out) + 1, ID: g.ID, Title: g.Title.In(ix.lang), Requirements: rows}
		rg.Label = reportAreaLabel(ix.fw, cat, rg, ix.lang)
		out = append(out, rg)
	}
	return out, nil
}

// requirement builds one results row.
func (ix *reportIndex) requirement(req controls.Requirement, q *controls.RequirementResult) ReportRequirement {
	row := ReportRequirement{
		ID:         ix.displayID(ix.fw, req.ID),
		Title:      req.Title.In(ix.lang),
		Outcome:    q.Status,
		Basis:      q.Basis,
		FindingIDs: ix.findingsOf[req.ID],
	}
	if q.Status == controls.NotApplicable {
		row.Justification = ix.exclusion(req, q).Justification
	}
	var refs []controls.EvidenceRef
	seenExc := map[string]bool{}
	for _, id := range q.Measures {
		mr := ReportMeasureRef{ID: id, Title: ix.measureTitle(id), Outcome: controls.NoEvidence}
		res, ok := ix.measures[id]
		if ok {
			mr.Outcome = res.Status
			mr.Attestation = res.Attestation
		}
		if ok && res.Status != controls.NotApplicable {
			for _, cid := range res.Checks {
				c, ok := ix.checks[cid]
				if !ok {
					continue
				}
				mr.Checks = append(mr.Checks, ReportCheckRef{ID: cid, Outcome: c.Status})
				for _, f := range c.Findings {
					refs = append(refs, f.Evidence...)
					if f.ExceptionID != "" && !seenExc[f.ExceptionID+"\x00"+cid] {
						seenExc[f.ExceptionID+"\x00"+cid] = true
						row.Exceptions = append(row.Exceptions, ix.exceptionRef(f.ExceptionID, cid))
					}
				}
			}
			if res.Attestation != "" {
				row.AttestationIDs = append(row.AttestationIDs, res.Attestation)
			}
		}
		row.Measures = append(row.Measures, mr)
	}
	row.EvidenceIDs = ix.r.EvidenceIDs(refs)
	sort.Strings(row.AttestationIDs)
	return row
}

func (ix *reportIndex) exceptionRef(id, check string) ReportExceptionRef {
	ref := ReportExceptionRef{ID: id, Check: check}
	for _, e := range ix.r.Exceptions {
		if e.ID == id {
			if !ix.edition() {
				ref.RiskOwner = e.RiskOwner
			}
			ref.ExpiresOn = e.ExpiresOn
		}
	}
	return ref
}

// reportSummary counts the outcomes of the framework's requirements.
func reportSummary(groups []ReportGroup) ReportSummary {
	counts := map[controls.Outcome]int{}
	var s ReportSummary
	bases := map[controls.Basis]int{}
	for _, g := range groups {
		for _, q := range g.Requirements {
			s.Total++
			counts[q.Outcome]++
			if q.Outcome != controls.NotApplicable {
				bases[q.Basis]++
			}
			ref := ReportRef{ID: q.ID, Title: q.Title}
			switch q.Outcome {
			case controls.Fail:
				s.Failing = append(s.Failing, ref)
			case controls.NoEvidence:
				s.Missing = append(s.Missing, ref)
			case controls.AttestationExpired:
				s.Expired = append(s.Expired, ref)
			}
		}
	}
	for _, o := range reportLegend {
		s.Counts = append(s.Counts, ReportCount{Outcome: o, Count: counts[o], Percent: reportPercent(counts[o], s.Total)})
	}
	for _, b := range controls.Bases {
		s.Bases = append(s.Bases, ReportBasisCount{Basis: b, Count: bases[b]})
	}
	s.Applicable = s.Total - counts[controls.NotApplicable]
	s.Exceptions = counts[controls.Exception]
	s.Deviating = counts[controls.Fail] + s.Exceptions
	s.Pass = counts[controls.Pass]
	s.Attested = counts[controls.Attested]
	s.Open = counts[controls.Fail] + counts[controls.NoEvidence] + counts[controls.AttestationExpired]
	s.PassPercent = reportPercent(s.Pass, s.Applicable)
	s.AttestedPercent = reportPercent(s.Attested, s.Applicable)
	s.OpenPercent = reportPercent(s.Open, s.Applicable)
	return s
}

func reportPercent(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) * 100 / float64(of)
}

// reportChart counts the outcomes per area, one series per legend entry.
func reportChart(groups []ReportGroup, lang string) ReportChart {
	var c ReportChart
	for _, o := range reportLegend {
		c.Legend = append(c.Legend, ReportChartSeries{Code: string(o), Label: chartText(o.Label(lang))})
	}
	for _, g := range groups {
		row := ReportChartRow{Label: chartText(g.Label), Counts: make([]int, len(reportLegend))}
		for _, q := range g.Requirements {
			for i, o := range reportLegend {
				if q.Outcome == o {
					row.Counts[i]++
					row.Total++
				}
			}
		}
		c.Rows = append(c.Rows, row)
	}
	return c
}

// reportAreaLabel is the chart label of an area: "OIS – Organisation der
// Informationssicherheit", "A.8 – Technologische Maßnahmen"; GDPR
// article titles already start with the article.
func reportAreaLabel(framework string, cat *controls.Catalog, g ReportGroup, lang string) string {
	if framework == controls.GDPR {
		return g.Title
	}
	if grp, ok := cat.Group(g.ID); ok {
		return grp.ID + " – " + grp.Title.In(lang)
	}
	return g.ID
}

// chartText makes s safe for a bar chart line: no field separator, no
// line break.
func chartText(s string) string {
	s = strings.ReplaceAll(s, "|", "/")
	return strings.Join(strings.Fields(s), " ")
}

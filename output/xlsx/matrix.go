package xlsx

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/controls/l10n"
	"github.com/nachweis/nachweis/evidence/config"
)

// MatrixInput is what WriteMatrix renders.
type MatrixInput struct {
	// Framework is c5-2020, c5-2026, iso27001-2022 or gdpr.
	Framework string
	Results   *controls.Results
	Model     *controls.Model
	// Config is the configuration the results were evaluated with: its
	// recorded scope decisions say who took a requirement out of scope
	// and when, its sub-processors are the sub-service organisations a
	// C5 matrix offers. nil leaves both out.
	Config *config.Config
	// Lang is "de" or "en".
	Lang string
	Meta
	// Compare, when set, adds the migration sheet from that framework:
	// only c5-2020 beside a c5-2026 matrix (see migrationTable).
	Compare string
}

// matrixCounts are the requirement counts the catalogs must have: C5:2020
// 121 criteria in 17 domains, C5:2026 168 criteria in 17 areas, Annex A 93
// controls, GDPR Art. 28 and 32 27 provisions. A catalog that differs is
// broken data, not a matrix.
var matrixCounts = map[string]struct{ requirements, groups int }{
	controls.C5:       {121, 17},
	controls.C5_2026:  {168, 17},
	controls.ISO27001: {93, 4},
	controls.GDPR:     {27, 2},
}

// WriteMatrix writes the control matrix of a framework (document-specs
// §4) as XLSX: the sheets Matrix (one row per requirement in catalog
// order), Feststellungen (one row per failing, missing or excepted
// finding), Legende, Lauf and Nachweise.
func WriteMatrix(w io.Writer, in MatrixInput) error {
	if in.Results == nil || in.Model == nil {
		return errors.New("write matrix: results and model are required")
	}
	if !controls.IsFramework(in.Framework) {
		return fmt.Errorf("write matrix: framework %q: want %s", in.Framework, strings.Join(controls.Frameworks, ", "))
	}
	if in.Compare != "" && (in.Framework != controls.C5_2026 || in.Compare != controls.C5) {
		return fmt.Errorf("write matrix: compare %s with %s: only %s with %s", in.Framework, in.Compare, controls.C5_2026, controls.C5)
	}
	lang, fw := in.Lang, in.Framework
	cat := in.Model.Catalog(fw)
	if cat == nil {
		return fmt.Errorf("write matrix: no %s catalog in the model", fw)
	}
	if want := matrixCounts[fw]; len(cat.Requirements) != want.requirements || len(cat.Groups) != want.groups {
		return fmt.Errorf("write matrix: catalog %s has %d requirements in %d groups, want %d in %d", fw, len(cat.Requirements), len(cat.Groups), want.requirements, want.groups)
	}
	x := newIndex(in.Results)
	vs := make([]*verification, 0, len(cat.Requirements))
	seen := map[string]bool{}
	for _, r := range cat.Requirements {
		if seen[r.ID] {
			return fmt.Errorf("write matrix: catalog %s lists %s twice", fw, r.ID)
		}
		seen[r.ID] = true
		v, ok := x.verify(in.Model, fw, r.ID)
		if !ok {
			return fmt.Errorf("write matrix: the results have no outcome for %s:%s; evaluate with the %s framework", fw, r.ID, fw)
		}
		vs = append(vs, v)
	}
	if err := checkScope(in, seen); err != nil {
		return fmt.Errorf("write matrix: %w", err)
	}

	title := fmt.Sprintf(t("Kontrollmatrix %s", "Control matrix %s").In(lang), cat.Name.In(lang))
	wb, err := newWorkbook(lang, title, in.Results)
	if err != nil {
		return fmt.Errorf("write matrix: %w", err)
	}
	evidence := map[string]bool{}
	main := matrixTable(lang, in, cat, vs, evidence)
	if fw == controls.C5_2026 {
		main = subcriterionRows(lang, main, vs)
	}
	findings := findingsTable(lang, x, vs, evidence)
	lg := matrixLegend(lang, in, main, findings)
	run := runSheet(lang, in.Results, in.Model, in.Meta, title,
		documentID(in.Meta, "MATRIX-"+strings.ToUpper(fw), in.Results), frameworksFrom(fw), nil)
	sheets := []*table{main, findings, lg.table, run, evidenceSheet(lang, in.Results, evidence)}
	if in.Compare != "" {
		mt, err := migrationTable(lang, in.Model, x)
		if err != nil {
			return fmt.Errorf("write matrix: %w", err)
		}
		sheets = append(sheets[:1], append([]*table{mt}, sheets[1:]...)...)
	}
	for _, tb := range sheets {
		if err := wb.add(tb); err != nil {
			wb.close()
			return fmt.Errorf("write matrix: %w", err)
		}
	}
	if err := wb.finish(w); err != nil {
		return fmt.Errorf("write matrix: %w", err)
	}
	return nil
}

// frameworksFrom lists fw first, then the others it refers to: ISO/IEC
// 27001, GDPR and C5:2020, but not the other C5 version (the migration
// sheet relates the two).
func frameworksFrom(fw string) []string {
	out := []string{fw}
	for _, f := range controls.Frameworks {
		if f != fw && (f != controls.C5_2026 || fw == controls.C5_2026) && (f != controls.C5 || fw != controls.C5_2026) {
			out = append(out, f)
		}
	}
	return out
}

// frameworkShort names a framework in a column header.
var frameworkShort = map[string]controls.Text{
	controls.C5:       t("C5:2020", "C5:2020"),
	controls.C5_2026:  t("C5:2026", "C5:2026"),
	controls.ISO27001: t("ISO/IEC 27001:2022", "ISO/IEC 27001:2022"),
	controls.GDPR:     t("DSGVO", "GDPR"),
}

// matrix columns by position.
const (
	matColInScope    = 3
	matColAutomation = 7
	matColOutcome    = 8
	matColBasis      = 9
	// matColC5 is the first of the columns a person fills in a C5
	// matrix (c5Columns).
	matColC5 = 19
)

var (
	automated       = t("automatisiert", "automated")
	partlyAutomated = t("teilweise automatisiert", "partly automated")
	attestedOnly    = t("manuell bestätigt (nicht automatisiert)", "attested (not automated)")
	noMeasure       = t("keine Maßnahme zugeordnet", "no measure mapped")
)

// coverage says how a requirement is assessed (document-specs §4.3): a
// requirement with automated checks and attested measures is "teilweise
// automatisiert"; the attestation covers the rest.
func coverage(lang string, v *verification) string {
	switch {
	case v.req.Status == controls.NotApplicable:
		return "–"
	case len(v.checks) > 0 && v.attested:
		return partlyAutomated.In(lang)
	case len(v.checks) > 0:
		return automated.In(lang)
	case v.attested:
		return attestedOnly.In(lang)
	}
	return noMeasure.In(lang)
}

// basisLabel is the requirement's basis (controls.Basis); "–" for a
// requirement out of scope, where nothing was to be assessed.
func basisLabel(lang string, r *controls.RequirementResult) string {
	if r.Status == controls.NotApplicable {
		return "–"
	}
	return r.Basis.Label(lang)
}

func matrixTable(lang string, in MatrixInput, cat *controls.Catalog, vs []*verification, evidence map[string]bool) *table {
	fw := in.Framework
	others := frameworksFrom(fw)[1:]
	tb := &table{
		sheet: sheetMatrix.In(lang),
		cols: []column{
			{t("Bereich", "Domain"), 22},
			{t("Kriterium-ID", "Criterion ID"), 13},
			{t("Titel", "Title"), 30},
			{t("Im Umfang", "In scope"), 10},
			{t("Begründung (nicht im Umfang)", "Reason (out of scope)"), 30},
			{t("Kontrollbeschreibung des Anbieters", "Provider control description"), 56},
			{t("Prüfschritte (automatisiert)", "Automated checks"), 34},
			{t("Automatisierung", "Automation"), 16},
			{t("Ergebnis Basiskriterium", "Basic criterion outcome"), 20},
			{t("Grundlage der Bewertung", "Basis of the assessment"), 18},
			{checkedOnHeader, 12},
			{t("Ergebnis im Detail", "Outcome detail"), 46},
			{t("Feststellungen", "Findings"), 46},
			{t("Nachweise", "Evidence"), 19},
			{frameworkShort[others[0]], 14},
			{frameworkShort[others[1]], 14},
			{t("Bestätigung (von / am / gültig bis)", "Attestation (by / on / valid until)"), 40},
			{attestedUntilHeader, 12},
			{t("Risikoakzeptanz (ID / Risiko / bis)", "Risk acceptance (ID / risk / until)"), 28},
		},
		filter:      true,
		titleCols:   2,
		outcomeCols: []int{matColOutcome},
	}
	c5 := isC5(fw)
	if c5 {
		tb.cols = append(tb.cols, c5Columns...)
		tb.manualFrom = matColC5
	}
	for _, v := range vs {
		r := v.req
		req, _ := cat.Requirement(r.ID)
		domain := req.Group
		if g, ok := cat.Group(req.Group); ok {
			domain = g.ID + " – " + g.Title.In(lang)
			if fw == controls.GDPR {
				domain = g.Title.In(lang)
			}
		}
		inScope, reason := scopeOf(lang, in, v)
		for _, id := range v.evidence {
			evidence[id] = true
		}
		row := []any{
			domain,
			r.ID,
			req.Title.In(lang),
			inScope,
			reason,
			measureLines(lang, in.Model, v),
			lines(v.checkLines(lang)),
			coverage(lang, v),
			r.Status.Label(lang),
			basisLabel(lang, r),
			checkedOn(in.Results, r),
			v.detail(lang, in.Results),
			lines(v.findingLines(lang)),
			lines(v.evidence),
			related(in.Model, fw, r.ID, others[0]),
			related(in.Model, fw, r.ID, others[1]),
			lines(v.attestationLines(lang)),
			attestedUntil(v),
			lines(v.exceptionLines(lang)),
		}
		if c5 {
			// Filled by a person; nachweis has no data for them.
			for range c5Columns {
				row = append(row, "")
			}
		}
		tb.rows = append(tb.rows, row)
	}
	return tb
}

// scopeOf is the requirement's "Im Umfang" and the reason beside it, from
// the recorded decisions only: out of scope ("Nein") by a scope decision
// or because every supporting measure is recorded as not used (the
// results' not-applicable outcome, which nothing else produces), with
// the justification and who decided when; in scope ("Ja") when no
// decision takes it out.
func scopeOf(lang string, in MatrixInput, v *verification) (string, string) {
	r := v.req
	if r.Status != controls.NotApplicable {
		return yes.In(lang), ""
	}
	reason := r.Justification.In(lang)
	if in.Config == nil {
		return no.In(lang), reason
	}
	for _, d := range in.Config.Scope.NotApplicable {
		if d.Framework == r.Framework && d.ID == r.ID {
			return no.In(lang), joinNonEmpty(" ", reason, decidedBy(lang, d.DecidedBy, d.DecidedOn))
		}
	}
	parts := []string{reason}
	for _, mr := range v.measures {
		for _, d := range in.Config.Scope.MeasuresNotApplicable {
			if d.ID == mr.ID {
				parts = append(parts, joinNonEmpty(" ", sprintf(lang, t("%s nicht eingesetzt: %s", "%s not used: %s"), d.ID, d.Justification.In(lang)), decidedBy(lang, d.DecidedBy, d.DecidedOn)))
			}
		}
	}
	return no.In(lang), lines(parts)
}

// decidedBy says who decided when, e.g. "(entschieden von Thomas Weber
// (ISB) am 02.03.2026)"; empty when neither is recorded.
func decidedBy(lang, by string, on time.Time) string {
	switch {
	case by != "" && !on.IsZero():
		return sprintf(lang, t("(entschieden von %s am %s)", "(decided by %s on %s)"), by, l10n.Date(lang, on))
	case by != "":
		return sprintf(lang, t("(entschieden von %s)", "(decided by %s)"), by)
	case !on.IsZero():
		return sprintf(lang, t("(entschieden am %s)", "(decided on %s)"), l10n.Date(lang, on))
	}
	return ""
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// checkScope makes sure the results reflect the configuration's scope
// decisions for the framework: a decision for a requirement the results
// assess means the results come from another configuration, and the
// matrix would show a scope nobody decided.
func checkScope(in MatrixInput, catalog map[string]bool) error {
	if in.Config == nil {
		return nil
	}
	status := map[string]controls.Outcome{}
	for _, r := range in.Results.Requirements {
		if r.Framework == in.Framework {
			status[r.ID] = r.Status
		}
	}
	for _, d := range in.Config.Scope.NotApplicable {
		if d.Framework != in.Framework || !catalog[d.ID] {
			continue
		}
		if status[d.ID] != controls.NotApplicable {
			return fmt.Errorf("%s: scope decision %s:%s is not reflected in the results (outcome %s); evaluate again with this configuration", in.Config.File, d.Framework, d.ID, status[d.ID])
		}
	}
	return nil
}

// Date columns of the matrix and the SoA.
var (
	checkedOnHeader     = t("Geprüft am", "Checked on")
	attestedUntilHeader = t("Bestätigung gültig bis (früheste)", "Attestation valid until (earliest)")
)

// checkedOn is the day of the evaluation for a requirement that automated
// checks assessed (basis technically or partly verified), and no day for
// one that rests on attestations only or on nothing: those were not
// checked.
func checkedOn(res *controls.Results, r *controls.RequirementResult) day {
	if r.Status != controls.NotApplicable && (r.Basis == controls.TechnicallyVerified || r.Basis == controls.PartlyVerified) {
		return day(res.EvaluatedAt)
	}
	return day{}
}

// attestedUntil is the earliest validity of the requirement's
// attestations, expired ones included, so that sorting by it brings up
// what lapses first; no day without attestations.
func attestedUntil(v *verification) day {
	var first time.Time
	for _, a := range v.attestations {
		if first.IsZero() || a.ValidUntil.Before(first) {
			first = a.ValidUntil
		}
	}
	return day(first)
}

// measureLines are the provider's measures behind a requirement: id,
// title and description in the document's language; a measure out of
// scope is marked so.
func measureLines(lang string, m *controls.Model, v *verification) string {
	var out []string
	for _, mr := range v.measures {
		ms, ok := m.Measure(mr.ID)
		if !ok {
			out = append(out, mr.ID)
			continue
		}
		s := ms.ID + " " + ms.Title.In(lang)
		if mr.Status == controls.NotApplicable {
			s += " (" + controls.NotApplicable.Label(lang) + ")"
		}
		out = append(out, s+": "+ms.Description.In(lang))
	}
	return strings.Join(out, "\n")
}

// matrixLegend is the legend of a matrix: the drop-down lists of a C5
// matrix (set on main), then the values main and findings use.
func matrixLegend(lang string, in MatrixInput, main, findings *table) *legend {
	lg := newLegend(lang)
	// A C5:2026 matrix has the sub-criterion and its type after the
	// criterion id (subcriterionRows): the columns after it move by two.
	off := 0
	if in.Framework == controls.C5_2026 {
		off = 2
	}
	if isC5(in.Framework) {
		main.validations = c5Validations(lang, lg, in.Config, in.Results.Tenant)
		for i := range main.validations {
			main.validations[i].col += off
		}
	}
	lg.used(inScopeList, inScopeEntries(lang), usedValues(lang, nil, main, matColInScope+off))
	lg.used(automationList, automationEntries(lang), usedValues(lang, nil, main, matColAutomation+off))
	lg.used(outcomeList, outcomeEntries(lang), usedValues(lang, usedValues(lang, nil, main, matColOutcome+off), findings, findColOutcome))
	lg.used(basisList, basisEntries(lang), usedValues(lang, nil, main, matColBasis+off))
	lg.used(severityList, severityEntries(lang), usedValues(lang, nil, findings, findColSeverity))
	return lg
}

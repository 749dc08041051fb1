package xlsx

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/nachweis/nachweis/controls"
)

// MatrixInput is what WriteMatrix renders.
type MatrixInput struct {
	// Framework is c5-2020, c5-2026, iso27001-2022 or gdpr.
	Framework string
	Results   *controls.Results
	Model     *controls.Model
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
	run := runSheet(lang, in.Results, in.Model, in.Meta, title,
		documentID(in.Meta, "MATRIX-"+strings.ToUpper(fw), in.Results), frameworksFrom(fw), nil)
	sheets := []*table{main, findings, newLegend(lang).table, run, evidenceSheet(lang, in.Results, evidence)}
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
	matColOutcome = 8
)

// coverage says how a requirement is assessed (document-specs §4.3): a
// requirement with automated checks and attested measures is "teilweise
// automatisiert"; the attestation covers the rest.
func coverage(lang string, v *verification) string {
	switch {
	case v.req.Status == controls.NotApplicable:
		return "–"
	case len(v.checks) > 0 && v.attested:
		return t("teilweise automatisiert", "partly automated").In(lang)
	case len(v.checks) > 0:
		return t("automatisiert", "automated").In(lang)
	case v.attested:
		return t("manuell bestätigt (nicht automatisiert)", "attested (not automated)").In(lang)
	}
	return t("keine Maßnahme zugeordnet", "no measure mapped").In(lang)
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
			{t("Bereich", "Domain"), 24},
			{t("Kriterium-ID", "Criterion ID"), 12},
			{t("Titel", "Title"), 34},
			{t("Im Umfang", "In scope"), 10},
			{t("Begründung (nicht im Umfang)", "Reason (out of scope)"), 34},
			{t("Kontrollbeschreibung des Anbieters", "Provider control description"), 70},
			{t("Prüfschritte (automatisiert)", "Automated checks"), 40},
			{t("Automatisierung", "Automation"), 16},
			{t("Ergebnis Basiskriterium", "Basic criterion outcome"), 22},
			{t("Grundlage der Bewertung", "Basis of the assessment"), 22},
			{t("Ergebnis im Detail", "Outcome detail"), 54},
			{t("Feststellungen", "Findings"), 54},
			{t("Nachweise", "Evidence"), 19},
			{frameworkShort[others[0]], 18},
			{frameworkShort[others[1]], 18},
			{t("Bestätigung (von / am / gültig bis)", "Attestation (by / on / valid until)"), 46},
			{t("Risikoakzeptanz (ID / Risiko / bis)", "Risk acceptance (ID / risk / until)"), 30},
		},
		filter:      true,
		outcomeCols: []int{matColOutcome},
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
		inScope, reason := yes.In(lang), ""
		if r.Status == controls.NotApplicable {
			inScope, reason = no.In(lang), r.Justification.In(lang)
		}
		for _, id := range v.evidence {
			evidence[id] = true
		}
		tb.rows = append(tb.rows, []string{
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
			v.detail(lang, in.Results),
			lines(v.findingLines(lang)),
			lines(v.evidence),
			related(in.Model, fw, r.ID, others[0]),
			related(in.Model, fw, r.ID, others[1]),
			lines(v.attestationLines(lang)),
			lines(v.exceptionLines(lang)),
		})
	}
	return tb
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

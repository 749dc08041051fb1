package xlsx

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence/config"
	"github.com/nachweis/nachweis/templates"
)

// annexAControls is the number of controls in ISO/IEC 27001:2022 Annex A.
const annexAControls = 93

// SoAInput is what WriteSoA renders.
type SoAInput struct {
	Results *controls.Results
	Model   *controls.Model
	// Declared are the ISMS owner's declarations (soa.yaml); nil renders
	// every control as not declared.
	Declared *config.SoA
	// Lang is "de" or "en".
	Lang string
	Meta
}

// WriteSoA writes the Statement of Applicability (document-specs §3) as
// XLSX: the sheets SoA (exactly the 93 Annex A controls in catalog
// order), Legende, Lauf, Nachweise and Widersprüche. The declared columns
// come only from in.Declared; the verification columns from the results.
func WriteSoA(w io.Writer, in SoAInput) error {
	if in.Results == nil || in.Model == nil {
		return errors.New("write SoA: results and model are required")
	}
	lang := in.Lang
	cat := in.Model.Catalog(controls.ISO27001)
	if cat == nil {
		return errors.New("write SoA: no ISO/IEC 27001 catalog in the model")
	}
	if err := checkAnnexA(cat, in.Declared); err != nil {
		return fmt.Errorf("write SoA: %w", err)
	}
	x := newIndex(in.Results)
	tom := map[string]string{}
	for _, c := range templates.SoAContradictions(in.Results, in.Model, in.Declared, lang) {
		tom[c.Control] = c.Text
	}
	rows := make([]soaRow, 0, len(cat.Requirements))
	for _, r := range cat.Requirements {
		v, ok := x.verify(in.Model, controls.ISO27001, r.ID)
		if !ok {
			return fmt.Errorf("write SoA: the results have no outcome for %s; evaluate with the iso27001 framework", r.ID)
		}
		d, declared := in.Declared.Control(r.ID)
		rows = append(rows, soaRow{req: r, v: v, declared: declared, decl: d, tom: tom[r.ID]})
	}

	title := t("Erklärung zur Anwendbarkeit (ISO/IEC 27001:2022)", "Statement of Applicability (ISO/IEC 27001:2022)").In(lang)
	wb, err := newWorkbook(lang, title, in.Results)
	if err != nil {
		return fmt.Errorf("write SoA: %w", err)
	}
	lg := newLegend(lang)
	src := soaSources{status: lg.choices(statusList, statusEntries(lang)), applicable: lg.choices(applicableList, applicableEntries(lang))}
	evidence := map[string]bool{}
	main := soaTable(lang, in, cat, rows, src, evidence)
	contradictions := contradictionsTable(lang, in.Results, rows)
	lg.used(outcomeList, outcomeEntries(lang), usedValues(lang, usedValues(lang, nil, main, soaColOutcome), contradictions, contraColOutcome))
	lg.used(basisList, basisEntries(lang), usedValues(lang, nil, main, soaColBasis))
	lg.used(flagList, flagEntries(lang), usedValues(lang, usedValues(lang, nil, main, soaColFlag), contradictions, contraColFlag))
	declaredFile := notDeclared.In(lang)
	if in.Declared != nil {
		declaredFile = fmt.Sprintf(t("%s (%d von %d Controls erklärt)", "%s (%d of %d controls declared)").In(lang), in.Declared.File, len(in.Declared.Controls), annexAControls)
	}
	run := runSheet(lang, in.Results, in.Model, in.Meta, title, documentID(in.Meta, "SOA", in.Results),
		[]string{controls.ISO27001, controls.C5, controls.GDPR},
		[][2]string{{t("Erklärungen (Anwendbarkeit, Status)", "Declarations (applicability, status)").In(lang), declaredFile}})
	for _, tb := range []*table{main, lg.table, run, evidenceSheet(lang, in.Results, evidence), contradictions} {
		if err := wb.add(tb); err != nil {
			wb.close()
			return fmt.Errorf("write SoA: %w", err)
		}
	}
	if err := wb.finish(w); err != nil {
		return fmt.Errorf("write SoA: %w", err)
	}
	return nil
}

// checkAnnexA makes sure the catalog has exactly the 93 controls, none
// twice, and that every declaration names one of them.
func checkAnnexA(cat *controls.Catalog, declared *config.SoA) error {
	seen := make(map[string]bool, len(cat.Requirements))
	for _, r := range cat.Requirements {
		if seen[r.ID] {
			return fmt.Errorf("catalog %s lists %s twice", cat.Framework, r.ID)
		}
		seen[r.ID] = true
	}
	if len(cat.Requirements) != annexAControls {
		return fmt.Errorf("catalog %s has %d controls, want the %d of Annex A", cat.Framework, len(cat.Requirements), annexAControls)
	}
	if declared != nil {
		for _, c := range declared.Controls {
			if !seen[c.ID] {
				return fmt.Errorf("%s:%d: control %s is not in the %s catalog", declared.File, c.Line, c.ID, cat.Framework)
			}
		}
	}
	return nil
}

// soaRow is one Annex A control with its declaration and verification.
type soaRow struct {
	req      controls.Requirement
	v        *verification
	declared bool
	decl     config.SoAControl
	// tom explains a contradiction with the TOM annex: a measure stated
	// as in place supports the control the SoA declares planned or not
	// applicable; empty otherwise.
	tom string
}

// flag is the row's consistency flag and its explanation (document-specs
// §3.4).
func (r soaRow) flag(lang string) (flag, string) {
	o := r.v.req.Status
	switch {
	case !r.declared:
		return flagNotDeclared, t("Keine Erklärung in der Erklärungsdatei.", "No declaration in the declarations file.").In(lang)
	case r.decl.Applicable && r.decl.Status == config.Implemented && (o == controls.Fail || o == controls.NoEvidence || o == controls.AttestationExpired):
		return flagContradiction, fmt.Sprintf(t("Erklärt „%s“, verifiziert „%s“.", "Declared “%s”, verified “%s”.").In(lang), r.decl.Status.Label(lang), o.Label(lang))
	case r.decl.Applicable && o == controls.NotApplicable:
		return flagCheckScope, fmt.Sprintf(t("Erklärt anwendbar, für das Werkzeug nicht anwendbar: %s", "Declared applicable, not applicable for the tool: %s").In(lang), r.v.req.Justification)
	case !r.decl.Applicable && len(r.v.checks) > 0:
		return flagCheckScope, fmt.Sprintf(t("Erklärt nicht anwendbar, aber automatisierte Prüfungen sind zugeordnet und wurden bewertet: %s. Ausschluss oder Zuordnung prüfen.",
			"Declared not applicable, but automated checks are mapped and were evaluated: %s. Review the exclusion or the mapping.").In(lang), checkIDs(r.v.checks))
	case r.tom != "":
		return flagContradiction, r.tom
	}
	return flagNone, ""
}

func checkIDs(cs []*controls.CheckResult) string {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return strings.Join(ids, ", ")
}

// SoA sheet columns (document-specs §3.3), by position.
const (
	soaColApplicable = 3
	soaColStatus     = 6
	soaColOutcome    = 9
	soaColBasis      = 10
	soaColFlag       = 16
)

// Widersprüche columns by position.
const (
	contraColOutcome = 4
	contraColFlag    = 5
)

// soaSources are the legend ranges the SoA's drop-downs refer to.
type soaSources struct{ status, applicable string }

func soaTable(lang string, in SoAInput, cat *controls.Catalog, rows []soaRow, src soaSources, evidence map[string]bool) *table {
	tb := &table{
		sheet: sheetSoA.In(lang),
		cols: []column{
			{t("Control-ID", "Control ID"), 11},
			{t("Maßnahme", "Control"), 34},
			{t("Thema", "Theme"), 16},
			{t("Anwendbar", "Applicable"), 12},
			{t("Begründung Aufnahme", "Justification for inclusion"), 28},
			{t("Begründung Ausschluss", "Justification for exclusion"), 34},
			{t("Umsetzungsstatus (erklärt)", "Declared implementation status"), 18},
			{t("Umsetzungsbeschreibung", "Implementation description"), 44},
			{t("Automatisierte Prüfungen", "Automated checks"), 40},
			{t("Verifiziertes Ergebnis", "Verified outcome"), 22},
			{t("Grundlage der Bewertung", "Basis of the assessment"), 22},
			{t("Ergebnis im Detail", "Outcome detail"), 54},
			{checkedOnHeader, 12},
			{t("Nachweise", "Evidence"), 19},
			{t("Bestätigung (von / am / gültig bis)", "Attestation (by / on / valid until)"), 46},
			{t("Risikoakzeptanz (ID / Risiko / bis)", "Risk acceptance (ID / risk / until)"), 30},
			{t("Widerspruch", "Consistency flag"), 16},
			{t("C5:2020", "C5:2020"), 18},
			{t("TOM-ID", "TOM ID"), 14},
			{t("DSGVO", "GDPR"), 14},
			{t("Verantwortlich", "Owner"), 24},
			{t("Letzte Überprüfung", "Last review"), 13},
		},
		filter:    true,
		titleCols: 2,
		validations: []validation{
			{col: soaColApplicable, source: src.applicable,
				title: t("Anwendbar", "Applicable").In(lang), msg: t("Bitte Ja oder Nein wählen.", "Choose Yes or No.").In(lang)},
			{col: soaColStatus, source: src.status,
				title: t("Umsetzungsstatus", "Implementation status").In(lang), msg: t("Bitte einen Status aus der Legende wählen.", "Choose a status from the legend.").In(lang)},
		},
		outcomeCols: []int{soaColOutcome},
		flagCols:    []int{soaColFlag},
	}
	for _, r := range rows {
		v := r.v
		for _, id := range v.evidence {
			evidence[id] = true
		}
		theme := ""
		if g, ok := cat.Group(r.req.Group); ok {
			theme = themes[g.Theme].In(lang)
		}
		applicable, inclusion, exclusion, status, description, owner, review := notDeclared.In(lang), "", "", notDeclared.In(lang), "", "", day{}
		if r.declared {
			d := r.decl
			applicable = no.In(lang)
			if d.Applicable {
				applicable = yes.In(lang)
			}
			inclusion, exclusion, description, owner = d.Inclusion.In(lang), d.Exclusion.In(lang), d.Description.In(lang), d.Owner.In(lang)
			status = d.Status.Label(lang)
			review = day(d.LastReview)
		}
		checks := lines(v.checkLines(lang))
		if r.declared && !r.decl.Applicable && checks != "" {
			checks = t("ausgeschlossen (Anwendbar = Nein):", "excluded (applicable = no):").In(lang) + "\n" + checks
		}
		fl, _ := r.flag(lang)
		tb.rows = append(tb.rows, []any{
			r.req.ID,
			r.req.Title.In(lang),
			theme,
			applicable,
			inclusion,
			exclusion,
			status,
			description,
			checks,
			v.req.Status.Label(lang),
			basisLabel(lang, v.req),
			v.detail(lang, in.Results),
			checkedOn(in.Results, v.req),
			lines(v.evidence),
			lines(v.attestationLines(lang)),
			lines(v.exceptionLines(lang)),
			fl.label(lang),
			related(in.Model, controls.ISO27001, r.req.ID, controls.C5),
			strings.Join(v.req.Measures, "\n"),
			related(in.Model, controls.ISO27001, r.req.ID, controls.GDPR),
			owner,
			review,
		})
	}
	return tb
}

// contradictionsTable is the Widersprüche sheet: every control whose
// declaration and verification disagree, or that is not declared.
func contradictionsTable(lang string, res *controls.Results, rows []soaRow) *table {
	tb := &table{
		sheet: sheetContradictions.In(lang),
		cols: []column{
			{t("Control-ID", "Control ID"), 11},
			{t("Maßnahme", "Control"), 34},
			{t("Anwendbar (erklärt)", "Applicable (declared)"), 14},
			{t("Umsetzungsstatus (erklärt)", "Declared implementation status"), 18},
			{t("Verifiziertes Ergebnis", "Verified outcome"), 22},
			{t("Widerspruch", "Consistency flag"), 16},
			{t("Erläuterung", "Explanation"), 50},
			{t("Ergebnis im Detail", "Outcome detail"), 60},
		},
		filter:      true,
		titleCols:   1,
		outcomeCols: []int{contraColOutcome},
		flagCols:    []int{contraColFlag},
	}
	for _, r := range rows {
		fl, why := r.flag(lang)
		if fl == flagNone {
			continue
		}
		applicable, status := notDeclared.In(lang), notDeclared.In(lang)
		if r.declared {
			applicable = no.In(lang)
			if r.decl.Applicable {
				applicable = yes.In(lang)
			}
			status = r.decl.Status.Label(lang)
		}
		tb.rows = append(tb.rows, []any{
			r.req.ID, r.req.Title.In(lang), applicable, status, r.v.req.Status.Label(lang),
			fl.label(lang), why, r.v.detail(lang, res),
		})
	}
	return tb
}

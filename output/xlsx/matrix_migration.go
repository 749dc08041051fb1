package xlsx

import (
	"errors"
	"fmt"
	"strings"

	"github.com/nachweis/nachweis/controls"
)

var (
	sheetMigration = t("Umstieg C5-2026", "Transition C5-2026")
	relationNew    = t("neu in C5:2026", "new in C5:2026")
)

// migrationTable is the worklist of the move from C5:2020 to C5:2026: one
// row per C5:2020 criterion and each C5:2026 criterion it went to (equal,
// renamed, moved, split, merged), then one row per criterion new in
// C5:2026. Each row says how nachweis assesses the C5:2026 criterion
// today (the measures derived through the migration: by checks, by
// attestations that must be confirmed for C5:2026, or not at all, so that
// a new attestation is needed), the outcomes of both versions where the
// results hold them, and the review note where the derivation was
// changed or confirmed by the criterion's meaning.
func migrationTable(lang string, m *controls.Model, x *index) (*table, error) {
	old, cur, mg := m.Catalog(controls.C5), m.Catalog(controls.C5_2026), m.Migration
	if old == nil || cur == nil || mg == nil {
		return nil, errors.New("migration sheet: the model lacks C5:2020, C5:2026 or their migration")
	}
	tb := &table{
		sheet: sheetMigration.In(lang),
		cols: []column{
			{t("C5:2020", "C5:2020"), 10},
			{t("Titel C5:2020", "Title C5:2020"), 34},
			{t("Änderung", "Change"), 16},
			{t("C5:2026", "C5:2026"), 10},
			{t("Titel C5:2026", "Title C5:2026"), 34},
			{t("Teilkriterien (Basis / Zusatz)", "Sub-criteria (basic / additional)"), 16},
			{t("Bewertung durch nachweis heute", "Assessed by nachweis today"), 40},
			{t("Maßnahmen", "Measures"), 30},
			{t("Ergebnis C5:2020", "Outcome C5:2020"), 22},
			{t("Ergebnis C5:2026", "Outcome C5:2026"), 22},
			{t("Prüfhinweis zur Zuordnung", "Review note on the mapping"), 60},
		},
		filter:      true,
		outcomeCols: []int{8, 9},
	}
	supporting := m.MeasuresFor()
	row := func(from string, rel string, to string) ([]any, error) {
		req, ok := cur.Requirement(to)
		if !ok {
			return nil, fmt.Errorf("migration sheet: c5-2026 %s: not in the catalog", to)
		}
		fromTitle, fromOutcome := "–", "–"
		if from != "" {
			r, ok := old.Requirement(from)
			if !ok {
				return nil, fmt.Errorf("migration sheet: c5-2020 %s: not in the catalog", from)
			}
			fromTitle = r.Title.In(lang)
			fromOutcome = outcomeOf(lang, x, controls.C5, from)
		} else {
			from = "–"
		}
		basic, additional := 0, 0
		for _, s := range req.Subcriteria {
			if s.Type == controls.Basic {
				basic++
			} else {
				additional++
			}
		}
		ids := supporting[req.Ref()]
		note := ""
		if r, ok := mg.ReviewOf(to); ok {
			note = r.Why.In(lang)
		}
		return []any{
			from, fromTitle, rel, to, req.Title.In(lang),
			fmt.Sprintf("%d / %d", basic, additional),
			assessedToday(lang, m, ids),
			strings.Join(ids, ", "),
			fromOutcome,
			outcomeOf(lang, x, controls.C5_2026, to),
			note,
		}, nil
	}
	for _, e := range mg.Entries {
		if _, ok := old.Requirement(e.From); !ok {
			continue // BC-01 … BC-06 became the general conditions GC-01 … GC-06, not criteria
		}
		for _, to := range e.To {
			r, err := row(e.From, e.Relation.Label(lang), to)
			if err != nil {
				return nil, err
			}
			tb.rows = append(tb.rows, r)
		}
	}
	for _, to := range mg.NewIn2026 {
		r, err := row("", relationNew.In(lang), to)
		if err != nil {
			return nil, err
		}
		tb.rows = append(tb.rows, r)
	}
	return tb, nil
}

// assessedToday says how the measures of a C5:2026 criterion are assessed:
// by checks (with or without attestations) or by attestations only, which
// were given for C5:2020 and must be confirmed for C5:2026; without a
// measure the criterion needs a new attestation.
func assessedToday(lang string, m *controls.Model, ids []string) string {
	checks, attested := false, false
	for _, id := range ids {
		ms, ok := m.Measure(id)
		if !ok {
			continue
		}
		checks = checks || len(ms.Checks) > 0
		attested = attested || ms.Attestation
	}
	switch {
	case checks && attested:
		return t("teilweise automatisiert; Bestätigungen für C5:2026 erneuern", "partly automated; renew the attestations for C5:2026").In(lang)
	case checks:
		return t("automatisiert", "automated").In(lang)
	case attested:
		return t("nur manuell bestätigt; Bestätigung für C5:2026 erneuern", "attested only; renew the attestation for C5:2026").In(lang)
	}
	return t("keine Maßnahme; neue Bestätigung nötig", "no measure; needs a new attestation").In(lang)
}

// outcomeOf is the outcome label of a requirement in the results; "–"
// when the results do not hold it (that framework was not evaluated).
func outcomeOf(lang string, x *index, fw, id string) string {
	if r, ok := x.requirements[fw+":"+id]; ok {
		return r.Status.Label(lang)
	}
	return "–"
}

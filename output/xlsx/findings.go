package xlsx

import (
	"sort"
	"strings"

	"github.com/nachweis/nachweis/controls"
)

// Feststellungen columns by position.
const (
	findColSeverity = 2
	findColOutcome  = 3
)

// findingsTable is the Feststellungen sheet: one row per finding of the
// framework's checks that fails, lacks evidence or is covered by an
// accepted exception, and one per check without evidence and without
// findings. Findings of measures out of scope are left out, as in the
// matrix.
func findingsTable(lang string, x *index, vs []*verification, evidence map[string]bool) *table {
	tb := &table{
		sheet: sheetFindings.In(lang),
		cols: []column{
			{t("Prüfung", "Check"), 14},
			{t("Titel", "Title"), 34},
			{t("Schweregrad", "Severity"), 12},
			{t("Ergebnis", "Outcome"), 22},
			{t("Objekt", "Resource"), 36},
			{t("Mandant", "Tenant"), 11},
			{t("Erwartet", "Expected"), 40},
			{t("Gemessen", "Measured"), 40},
			{t("Meldung", "Message"), 60},
			{t("Risikoakzeptanz", "Risk acceptance"), 16},
			{t("Nachweise", "Evidence"), 19},
			{t("Anforderungen", "Requirements"), 18},
		},
		filter:      true,
		titleCols:   1,
		outcomeCols: []int{findColOutcome},
	}
	reqs := map[string][]string{} // check id → requirement ids of the framework
	var checks []*controls.CheckResult
	for _, v := range vs {
		for _, c := range v.checks {
			if _, ok := reqs[c.ID]; !ok {
				checks = append(checks, c)
			}
			reqs[c.ID] = append(reqs[c.ID], v.req.ID)
		}
	}
	sort.Slice(checks, func(i, j int) bool { return checks[i].ID < checks[j].ID })
	for _, c := range checks {
		req := strings.Join(reqs[c.ID], ", ")
		for _, fr := range openFindings(c) {
			f := fr.finding
			if f == nil {
				tb.rows = append(tb.rows, []any{c.ID, c.Title.In(lang), severities[c.Severity].In(lang), c.Status.Label(lang),
					"–", "", "", "", c.Reason.In(lang), "", "", req})
				continue
			}
			ids := map[string]bool{}
			x.evidenceIDs(ids, f.Evidence)
			for id := range ids {
				evidence[id] = true
			}
			tb.rows = append(tb.rows, []any{c.ID, c.Title.In(lang), severities[c.Severity].In(lang), f.Status.Label(lang),
				f.Resource, f.Tenant, f.Expected.In(lang), f.Measured.In(lang), f.Message.In(lang), f.ExceptionID, lines(sortedKeys(ids)), req})
		}
	}
	return tb
}

package xlsx

import (
	"fmt"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence/config"
)

// legend is the Legende sheet of one workbook: the value lists of its
// drop-downs (the sources they refer to, every value a person may
// choose) and, for the columns nachweis fills, the values the workbook's
// sheets actually use, each with its meaning. A value no sheet shows is
// not listed.
type legend struct {
	lang  string
	table *table
}

// entry is one value of a legend list with its meaning.
type entry struct{ value, meaning string }

func newLegend(lang string) *legend {
	return &legend{lang: lang, table: &table{
		sheet: sheetLegend.In(lang),
		cols:  []column{{t("Liste", "List"), 30}, {t("Wert", "Value"), 40}, {t("Bedeutung", "Meaning"), 90}},
		// The value column is coloured like the tables, so the legend
		// shows the colours.
		outcomeCols: []int{1},
		flagCols:    []int{1},
	}}
}

// choices adds the values of a drop-down and returns the range of the
// values, the source of the drop-down (e.g. 'Legende'!$B$2:$B$5).
func (lg *legend) choices(list controls.Text, entries []entry) string {
	first := len(lg.table.rows) + 2
	for _, e := range entries {
		lg.table.rows = append(lg.table.rows, []any{list.In(lg.lang), e.value, e.meaning})
	}
	return fmt.Sprintf("'%s'!$B$%d:$B$%d", lg.table.sheet, first, first+len(entries)-1)
}

// used adds the entries whose value is among used, in the order of
// entries; a list none of whose values is used is left out.
func (lg *legend) used(list controls.Text, entries []entry, used map[string]bool) {
	for _, e := range entries {
		if used[e.value] {
			lg.table.rows = append(lg.table.rows, []any{list.In(lg.lang), e.value, e.meaning})
		}
	}
}

// usedValues adds the texts of the given columns of a table to set.
func usedValues(lang string, set map[string]bool, tb *table, cols ...int) map[string]bool {
	if set == nil {
		set = map[string]bool{}
	}
	for _, r := range tb.rows {
		for _, c := range cols {
			set[text(lang, r[c])] = true
		}
	}
	return set
}

// Legend lists and their entries.
var (
	statusList     = t("Umsetzungsstatus (erklärt)", "Declared implementation status")
	applicableList = t("Anwendbar", "Applicable")
	outcomeList    = t("Verifiziertes Ergebnis", "Verified outcome")
	basisList      = t("Grundlage der Bewertung", "Basis of the assessment")
	flagList       = t("Widerspruch", "Consistency flag")
	severityList   = t("Schweregrad", "Severity")
	inScopeList    = t("Im Umfang", "In scope")
	automationList = t("Automatisierung", "Automation")
)

var statusMeanings = map[config.ImplementationStatus]controls.Text{
	config.Implemented:          t("Die Maßnahme ist vollständig umgesetzt.", "The control is fully implemented."),
	config.PartiallyImplemented: t("Die Maßnahme ist teilweise umgesetzt.", "The control is partly implemented."),
	config.Planned:              t("Die Umsetzung ist geplant.", "Implementation is planned."),
	config.NotImplemented:       t("Die Maßnahme ist nicht umgesetzt.", "The control is not implemented."),
}

func statusEntries(lang string) []entry {
	var out []entry
	for _, s := range config.ImplementationStatuses {
		out = append(out, entry{s.Label(lang), statusMeanings[s].In(lang)})
	}
	return out
}

func applicableEntries(lang string) []entry {
	return []entry{
		{yes.In(lang), t("Die Maßnahme ist anwendbar (Managemententscheidung).", "The control is applicable (management decision).").In(lang)},
		{no.In(lang), t("Die Maßnahme ist ausgeschlossen; eine Begründung ist Pflicht.", "The control is excluded; a justification is required.").In(lang)},
	}
}

func outcomeEntries(lang string) []entry {
	var out []entry
	for _, o := range controls.Outcomes {
		out = append(out, entry{o.Label(lang), outcomeMeanings[o].In(lang)})
	}
	return out
}

func basisEntries(lang string) []entry {
	var out []entry
	for _, b := range controls.Bases {
		out = append(out, entry{b.Label(lang), b.Meaning(lang)})
	}
	return out
}

func flagEntries(lang string) []entry {
	var out []entry
	for _, f := range flags {
		out = append(out, entry{f.label(lang), flagMeanings[f].In(lang)})
	}
	return out
}

func severityEntries(lang string) []entry {
	var out []entry
	for _, s := range []controls.Severity{controls.Critical, controls.High, controls.Medium, controls.Low} {
		out = append(out, entry{severities[s].In(lang), severityMeanings[s].In(lang)})
	}
	return out
}

var severityMeanings = map[controls.Severity]controls.Text{
	controls.Critical: t("Schweregrad der Prüfung laut ihren Metadaten: kritisch.", "Severity of the check by its metadata: critical."),
	controls.High:     t("Schweregrad der Prüfung laut ihren Metadaten: hoch.", "Severity of the check by its metadata: high."),
	controls.Medium:   t("Schweregrad der Prüfung laut ihren Metadaten: mittel.", "Severity of the check by its metadata: medium."),
	controls.Low:      t("Schweregrad der Prüfung laut ihren Metadaten: niedrig.", "Severity of the check by its metadata: low."),
}

func inScopeEntries(lang string) []entry {
	return []entry{
		{yes.In(lang), t("Keine erfasste Umfangsentscheidung nimmt die Anforderung aus (nachweis.yaml scope.not_applicable, Ausschlüsse der SoA); sie wird bewertet.",
			"No recorded scope decision takes the requirement out (nachweis.yaml scope.not_applicable, exclusions of the SoA); it is assessed.").In(lang)},
		{no.In(lang), t("Nicht im Umfang laut erfasster Umfangsentscheidung, oder jede unterstützende Maßnahme ist als nicht eingesetzt erfasst; Begründung, wer und wann stehen daneben.",
			"Out of scope by a recorded scope decision, or every supporting measure is recorded as not used; the justification, who decided and when are given beside it.").In(lang)},
	}
}

func automationEntries(lang string) []entry {
	return []entry{
		{automated.In(lang), t("Jede anwendbare Maßnahme wird durch automatisierte Prüfungen bewertet.", "Every applicable measure is assessed by automated checks.").In(lang)},
		{partlyAutomated.In(lang), t("Automatisierte Prüfungen decken einen Teil ab; den übrigen Teil deckt eine manuelle Bestätigung.", "Automated checks cover a part; an attestation covers the rest.").In(lang)},
		{attestedOnly.In(lang), t("Nur manuell bestätigte Maßnahmen; keine automatisierte Prüfung ist zugeordnet.", "Attested measures only; no automated check is mapped.").In(lang)},
		{noMeasure.In(lang), t("Der Anforderung ist keine anwendbare Maßnahme zugeordnet; sie ist nicht bewertet.", "No applicable measure is mapped to the requirement; it is not assessed.").In(lang)},
	}
}

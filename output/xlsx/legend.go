package xlsx

import (
	"fmt"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence/config"
)

// legend is the Legende sheet: the value lists of the declared columns
// (the sources of their drop-downs), the outcomes and the flags, each
// with its meaning. statusSource and applicableSource are the ranges the
// drop-downs refer to.
type legend struct {
	table                          *table
	statusSource, applicableSource string
}

func newLegend(lang string) *legend {
	list := t("Liste", "List")
	statusList := t("Umsetzungsstatus (erklärt)", "Declared implementation status")
	applicableList := t("Anwendbar", "Applicable")
	outcomeList := t("Verifiziertes Ergebnis", "Verified outcome")
	flagList := t("Widerspruch", "Consistency flag")
	statusMeanings := map[config.ImplementationStatus]controls.Text{
		config.Implemented:          t("Die Maßnahme ist vollständig umgesetzt.", "The control is fully implemented."),
		config.PartiallyImplemented: t("Die Maßnahme ist teilweise umgesetzt.", "The control is partly implemented."),
		config.Planned:              t("Die Umsetzung ist geplant.", "Implementation is planned."),
		config.NotImplemented:       t("Die Maßnahme ist nicht umgesetzt.", "The control is not implemented."),
	}
	tb := &table{
		sheet: sheetLegend.In(lang),
		cols:  []column{{list, 30}, {t("Wert", "Value"), 40}, {t("Bedeutung", "Meaning"), 90}},
		// The value column is coloured like the tables, so the legend
		// shows the colours.
		outcomeCols: []int{1},
		flagCols:    []int{1},
	}
	for _, s := range config.ImplementationStatuses {
		tb.rows = append(tb.rows, []string{statusList.In(lang), s.Label(lang), statusMeanings[s].In(lang)})
	}
	tb.rows = append(tb.rows,
		[]string{applicableList.In(lang), yes.In(lang), t("Die Maßnahme ist anwendbar (Managemententscheidung).", "The control is applicable (management decision).").In(lang)},
		[]string{applicableList.In(lang), no.In(lang), t("Die Maßnahme ist ausgeschlossen; eine Begründung ist Pflicht.", "The control is excluded; a justification is required.").In(lang)},
	)
	for _, o := range controls.Outcomes {
		tb.rows = append(tb.rows, []string{outcomeList.In(lang), o.Label(lang), outcomeMeanings[o].In(lang)})
	}
	basisList := t("Grundlage der Bewertung", "Basis of the assessment")
	for _, b := range controls.Bases {
		tb.rows = append(tb.rows, []string{basisList.In(lang), b.Label(lang), b.Meaning(lang)})
	}
	for _, f := range flags {
		tb.rows = append(tb.rows, []string{flagList.In(lang), f.label(lang), flagMeanings[f].In(lang)})
	}
	n := len(config.ImplementationStatuses)
	return &legend{
		table:            tb,
		statusSource:     fmt.Sprintf("'%s'!$B$2:$B$%d", tb.sheet, n+1),
		applicableSource: fmt.Sprintf("'%s'!$B$%d:$B$%d", tb.sheet, n+2, n+3),
	}
}

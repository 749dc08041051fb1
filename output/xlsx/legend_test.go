package xlsx

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence/config"
)

// TestLegendListsUsedValues reads the legend of every workbook: each list
// of values nachweis fills holds exactly the values the workbook's sheets
// show in those columns, no value they do not use; the drop-down lists
// hold their choices; and there is no other list.
func TestLegendListsUsedValues(t *testing.T) {
	// source is a column of a sheet whose values a legend list explains.
	type source struct{ sheet, header string }
	tests := []struct {
		name string
		data []byte
		lang string
		// used are the lists of values the sheets use, by their sources.
		used map[string][]source
		// choices are the drop-down lists with their values.
		choices map[string][]string
	}{
		{"soa de", renderSoA(t, "de"), "de", map[string][]source{
			"Verifiziertes Ergebnis":  {{"SoA", "Verifiziertes Ergebnis"}, {"Widersprüche", "Verifiziertes Ergebnis"}},
			"Grundlage der Bewertung": {{"SoA", "Grundlage der Bewertung"}},
			"Widerspruch":             {{"SoA", "Widerspruch"}, {"Widersprüche", "Widerspruch"}},
		}, map[string][]string{
			"Umsetzungsstatus (erklärt)": statusLabels("de"),
			"Anwendbar":                  {"Ja", "Nein"},
		}},
		{"soa en", renderSoA(t, "en"), "en", map[string][]source{
			"Verified outcome":        {{"SoA", "Verified outcome"}, {"Contradictions", "Verified outcome"}},
			"Basis of the assessment": {{"SoA", "Basis of the assessment"}},
			"Consistency flag":        {{"SoA", "Consistency flag"}, {"Contradictions", "Consistency flag"}},
		}, map[string][]string{
			"Declared implementation status": statusLabels("en"),
			"Applicable":                     {"Yes", "No"},
		}},
		{"c5 de", renderMatrix(t, controls.C5, "de"), "de", map[string][]source{
			"Im Umfang":               {{"Matrix", "Im Umfang"}},
			"Automatisierung":         {{"Matrix", "Automatisierung"}},
			"Verifiziertes Ergebnis":  {{"Matrix", "Ergebnis Basiskriterium"}, {"Feststellungen", "Ergebnis"}},
			"Grundlage der Bewertung": {{"Matrix", "Grundlage der Bewertung"}},
			"Schweregrad":             {{"Feststellungen", "Schweregrad"}},
		}, map[string][]string{
			"Zusatzkriterium adressiert":         {"Ja", "Nein"},
			"Korrespondierende Kontrollen Kunde": {"Ja", "Nein"},
			"Subdienstleister":                   append([]string{"keiner"}, subProcessorNames(demoConfig(t))...),
			"Prüfhandlung":                       {"Befragung", "Beobachtung", "Einsichtnahme", "Nachvollzug"},
			"Prüfergebnis":                       {"keine Abweichung", "Abweichung", "nicht geprüft"},
		}},
		{"gdpr en", renderMatrix(t, controls.GDPR, "en"), "en", map[string][]source{
			"In scope":                {{"Matrix", "In scope"}},
			"Automation":              {{"Matrix", "Automation"}},
			"Verified outcome":        {{"Matrix", "Basic criterion outcome"}, {"Findings", "Outcome"}},
			"Basis of the assessment": {{"Matrix", "Basis of the assessment"}},
			"Severity":                {{"Findings", "Severity"}},
		}, nil},
		{"iso27001 de", renderMatrix(t, controls.ISO27001, "de"), "de", map[string][]source{
			"Im Umfang":               {{"Matrix", "Im Umfang"}},
			"Automatisierung":         {{"Matrix", "Automatisierung"}},
			"Verifiziertes Ergebnis":  {{"Matrix", "Ergebnis Basiskriterium"}, {"Feststellungen", "Ergebnis"}},
			"Grundlage der Bewertung": {{"Matrix", "Grundlage der Bewertung"}},
			"Schweregrad":             {{"Feststellungen", "Schweregrad"}},
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, wb := workbookRows(t, tt.data)
			legend := map[string][]string{}
			for _, r := range wb[sheetLegend.In(tt.lang)][1:] {
				legend[r[0]] = append(legend[r[0]], cell(r, 1))
			}
			want := map[string][]string{}
			for list, values := range tt.choices {
				want[list] = values
			}
			for list, sources := range tt.used {
				shown := map[string]bool{}
				for _, s := range sources {
					rows := wb[s.sheet]
					col := columnOf(t, rows, s.header)
					for _, r := range rows[1:] {
						// "–" stands for nothing to assess (out of scope).
						if v := cell(r, col); v != "" && v != "–" {
							shown[v] = true
						}
					}
				}
				// In the legend's order, which is that of the catalogue
				// of values; every shown value must be there.
				for _, v := range legend[list] {
					if shown[v] {
						want[list] = append(want[list], v)
					}
				}
				if len(want[list]) != len(shown) {
					t.Errorf("%s: the sheets show %v, the legend lists %q", list, keys(shown), legend[list])
				}
			}
			if diff := cmp.Diff(want, legend); diff != "" {
				t.Errorf("legend (-want +got):\n%s", diff)
			}
		})
	}
}

func statusLabels(lang string) []string {
	var out []string
	for _, s := range config.ImplementationStatuses {
		out = append(out, s.Label(lang))
	}
	return out
}

func subProcessorNames(cfg *config.Config) []string {
	var out []string
	for _, sp := range cfg.SubProcessors {
		out = append(out, sp.Name)
	}
	return out
}

func keys(set map[string]bool) []string { return sortedKeys(set) }

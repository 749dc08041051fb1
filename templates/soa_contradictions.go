package templates

import (
	"fmt"
	"strings"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence/config"
)

// SoAContradiction is an Annex A control that the TOM annex and the SoA
// tell differently: a measure the annex states as in place (met, attested,
// or covered by an accepted exception) supports the control, but the SoA
// declares it planned or not applicable.
type SoAContradiction struct {
	// Control is the Annex A id, e.g. A.8.11.
	Control string
	// Declared is the declaration in the document's language, e.g.
	// "Geplant" or "nicht anwendbar".
	Declared string
	// Measures are the stated measures supporting it, with their outcome,
	// e.g. "TOM-TRN-03 (manuell bestätigt)".
	Measures []string
	// Text explains the contradiction in the document's language.
	Text string
}

// SoAContradictions compares the SoA declarations with the measures the
// results state as in place, for the SoA's Widersprüche sheet and the ISO
// report; nil without declarations.
func SoAContradictions(res *controls.Results, model *controls.Model, soa *config.SoA, lang string) []SoAContradiction {
	if res == nil || model == nil || soa == nil {
		return nil
	}
	stated := map[string]controls.Outcome{}
	for _, m := range res.Measures {
		switch m.Status {
		case controls.Pass, controls.Attested, controls.Exception:
			stated[m.ID] = m.Status
		}
	}
	supporting := model.MeasuresFor()
	var out []SoAContradiction
	for _, c := range soa.Controls {
		var declared string
		switch {
		case !c.Applicable:
			declared = controls.NotApplicable.Label(lang)
		case c.Status == config.Planned:
			declared = c.Status.Label(lang)
		default:
			continue
		}
		var ms []string
		for _, id := range supporting[controls.ISO27001+":"+c.ID] {
			if o, ok := stated[id]; ok {
				ms = append(ms, id+" ("+o.Label(lang)+")")
			}
		}
		if len(ms) == 0 {
			continue
		}
		format := "The TOM annex states %s as in place; the SoA declares %s “%s”."
		if lang == "de" {
			format = "Die TOM-Anlage sagt %s als umgesetzt zu; die Erklärung zur Anwendbarkeit erklärt %s als „%s“."
		}
		out = append(out, SoAContradiction{
			Control: c.ID, Declared: declared, Measures: ms,
			Text: fmt.Sprintf(format, strings.Join(ms, ", "), c.ID, declared),
		})
	}
	return out
}

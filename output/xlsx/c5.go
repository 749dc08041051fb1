package xlsx

import (
	"strings"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence/config"
)

// isC5 reports whether a framework is a BSI C5 catalog (c5, or an
// edition such as c5-2020 or c5-2026): its matrix gets the columns of
// c5Columns.
func isC5(framework string) bool {
	return framework == "c5" || strings.HasPrefix(framework, "c5-") // "c5" is the alias of c5-2020
}

// c5Columns are the columns of a C5 matrix a person fills, after the
// ones nachweis fills (from matColC5): the provider states whether the
// additional criterion is addressed, whether the criterion relies on
// complementary controls of the customer and which sub-service
// organisation takes part; the auditor records the test procedure, the
// result and a comment. Every one but the comment has a drop-down.
var c5Columns = []column{
	{additionalList, 17},
	{customerControlsList, 19},
	{subServiceList, 24},
	{procedureList, 18},
	{auditorResultList, 18},
	{t("Kommentar Prüfer", "Auditor comment"), 40},
}

var (
	additionalList       = t("Zusatzkriterium adressiert", "Additional criterion addressed")
	customerControlsList = t("Korrespondierende Kontrollen Kunde", "Complementary customer controls")
	subServiceList       = t("Subdienstleister", "Sub-service organisation")
	procedureList        = t("Prüfhandlung", "Test procedure")
	auditorResultList    = t("Prüfergebnis", "Auditor result")
)

// c5Validations adds the C5 drop-down lists to the legend and returns the
// drop-downs of the matrix's C5 columns.
func c5Validations(lang string, lg *legend, cfg *config.Config, tenant string) []validation {
	choose := t("Bitte einen Wert aus der Liste wählen (siehe Legende).", "Choose a value from the list (see the legend).").In(lang)
	additional := lg.choices(additionalList, []entry{
		{yes.In(lang), t("Der Anbieter erfüllt auch das Zusatzkriterium des Kriteriums.", "The provider also meets the criterion’s additional criterion.").In(lang)},
		{no.In(lang), t("Das Zusatzkriterium wird nicht angestrebt, oder das Kriterium hat keines.", "The additional criterion is not targeted, or the criterion has none.").In(lang)},
	})
	customer := lg.choices(customerControlsList, []entry{
		{yes.In(lang), t("Das Kriterium ist nur zusammen mit Kontrollen des Kunden erfüllt; die Kontrollbeschreibung oder der Kommentar nennt sie.", "The criterion is met only together with controls of the customer; the control description or the comment names them.").In(lang)},
		{no.In(lang), t("Das Kriterium verlangt keine korrespondierende Kontrolle des Kunden.", "The criterion needs no complementary control of the customer.").In(lang)},
	})
	subService := lg.choices(subServiceList, subServiceEntries(lang, cfg, tenant))
	procedure := lg.choices(procedureList, []entry{
		{t("Befragung", "Inquiry").In(lang), t("Befragung der zuständigen Mitarbeiter.", "Inquiry of the responsible staff.").In(lang)},
		{t("Beobachtung", "Observation").In(lang), t("Beobachtung der Durchführung der Kontrolle.", "Observation of the control being performed.").In(lang)},
		{t("Einsichtnahme", "Inspection").In(lang), t("Einsichtnahme in Dokumente, Aufzeichnungen und Konfigurationen (z. B. die Nachweise dieser Matrix).", "Inspection of documents, records and configurations (e.g. the evidence of this matrix).").In(lang)},
		{t("Nachvollzug", "Reperformance").In(lang), t("Erneute Durchführung der Kontrolle durch den Prüfer.", "Reperformance of the control by the auditor.").In(lang)},
	})
	result := lg.choices(auditorResultList, []entry{
		{t("keine Abweichung", "no deviation").In(lang), t("Die Prüfhandlungen ergaben keine Abweichung.", "The test procedures found no deviation.").In(lang)},
		{t("Abweichung", "deviation").In(lang), t("Die Prüfhandlungen ergaben eine Abweichung; der Kommentar beschreibt sie.", "The test procedures found a deviation; the comment describes it.").In(lang)},
		{t("nicht geprüft", "not tested").In(lang), t("Das Kriterium wurde nicht geprüft (z. B. nicht im Umfang).", "The criterion was not tested (e.g. out of scope).").In(lang)},
	})
	return []validation{
		{col: matColC5, source: additional, title: additionalList.In(lang), msg: choose},
		{col: matColC5 + 1, source: customer, title: customerControlsList.In(lang), msg: choose},
		{col: matColC5 + 2, source: subService, title: subServiceList.In(lang), open: true,
			msg: t("Nicht in der Liste der Subdienstleister aus nachweis.yaml (sub_processors). Trotzdem übernehmen?", "Not among the sub-service organisations of nachweis.yaml (sub_processors). Keep it anyway?").In(lang)},
		// Procedures are often combined ("Befragung, Einsichtnahme"):
		// another value stands after a warning.
		{col: matColC5 + 3, source: procedure, title: procedureList.In(lang), open: true,
			msg: t("Keine einzelne Prüfhandlung der Liste. Trotzdem übernehmen (z. B. eine Kombination)?", "Not a single test procedure of the list. Keep it anyway (e.g. a combination)?").In(lang)},
		{col: matColC5 + 4, source: result, title: auditorResultList.In(lang), msg: choose},
	}
}

// subServiceEntries are "keiner" and the sub-processors of the
// configuration, each with its service, location, method and the
// attestation the provider relies on: the provider's and the tenants'
// own ones, in a tenant's matrix only that tenant's own ones.
func subServiceEntries(lang string, cfg *config.Config, tenant string) []entry {
	out := []entry{{t("keiner", "none").In(lang), t("Kein Subdienstleister wirkt an der Kontrolle mit.", "No sub-service organisation takes part in the control.").In(lang)}}
	if cfg == nil {
		return out
	}
	seen := map[string]bool{}
	add := func(sp config.SubProcessor) {
		if seen[sp.Name] || sp.Name == "" {
			return
		}
		seen[sp.Name] = true
		out = append(out, entry{sp.Name, joinNonEmpty("; ",
			joinNonEmpty(", ", sp.Service.In(lang), sp.Location),
			methods[sp.Method].In(lang),
			sp.Attestation.In(lang))})
	}
	for _, sp := range cfg.SubProcessors {
		add(sp)
	}
	for _, tn := range cfg.Tenants {
		if tenant != "" && tn.ID != tenant {
			continue
		}
		for _, sp := range tn.SubProcessors {
			add(sp)
		}
	}
	return out
}

// methods name how an audit report treats a sub-service organisation.
var methods = map[string]controls.Text{
	config.MethodCarveOut:  t("Carve-out-Methode (Kontrollen des Subdienstleisters nicht Gegenstand der Prüfung)", "carve-out method (the sub-service organisation’s controls are not tested)"),
	config.MethodInclusive: t("Inclusive-Methode (Kontrollen des Subdienstleisters werden mitgeprüft)", "inclusive method (the sub-service organisation’s controls are tested too)"),
}

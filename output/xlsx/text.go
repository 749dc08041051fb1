package xlsx

import (
	"fmt"

	"github.com/nachweis/nachweis/controls"
)

// t is a German/English text pair (controls.Text) written inline.
func t(de, en string) controls.Text { return controls.Text{DE: de, EN: en} }

// Sheet names. English workbooks get English sheet names, translated
// consistently; the data-validation sources refer to them.
var (
	sheetSoA            = t("SoA", "SoA")
	sheetMatrix         = t("Matrix", "Matrix")
	sheetLegend         = t("Legende", "Legend")
	sheetRun            = t("Lauf", "Run")
	sheetEvidence       = t("Nachweise", "Evidence")
	sheetContradictions = t("Widersprüche", "Contradictions")
	sheetFindings       = t("Feststellungen", "Findings")
)

var (
	yes          = t("Ja", "Yes")
	no           = t("Nein", "No")
	notDeclared  = t("nicht erklärt", "not declared")
	moreObjects  = t("+ %d weitere", "+ %d more")
	objectsCount = t("%d Objekte", "%d objects")
	oneObject    = t("1 Objekt", "1 object")
	validUntil   = t("gültig bis", "valid until")
	until        = t("bis", "until")
	expiredOn    = t("abgelaufen am", "expired on")
	noRecord     = t("keine Bestätigung erfasst", "no attestation on record")
)

// flag is the consistency flag of an SoA row (document-specs §3.4).
type flag int

const (
	flagNone flag = iota
	// flagContradiction: declared "Umgesetzt" but verified not met,
	// evidence missing or attestation expired.
	flagContradiction
	// flagCheckScope: the scope decisions disagree (tool not applicable
	// but declared applicable, or declared not applicable while
	// automated checks are mapped).
	flagCheckScope
	// flagNotDeclared: the declarations file has no entry.
	flagNotDeclared
)

var flags = []flag{flagContradiction, flagCheckScope, flagNotDeclared}

func (f flag) label(lang string) string {
	switch f {
	case flagContradiction:
		return t("Widerspruch", "Contradiction").In(lang)
	case flagCheckScope:
		return t("Umfang prüfen", "Check scope").In(lang)
	case flagNotDeclared:
		return notDeclared.In(lang)
	}
	return ""
}

var themes = map[string]controls.Text{
	"organizational": t("Organisatorisch", "Organisational"),
	"people":         t("Personenbezogen", "People"),
	"physical":       t("Physisch", "Physical"),
	"technological":  t("Technologisch", "Technological"),
}

var severities = map[controls.Severity]controls.Text{
	controls.Low:      t("niedrig", "low"),
	controls.Medium:   t("mittel", "medium"),
	controls.High:     t("hoch", "high"),
	controls.Critical: t("kritisch", "critical"),
}

// outcomeMeanings explain the outcomes in the legend (document-specs §0.1).
var outcomeMeanings = map[controls.Outcome]controls.Text{
	controls.Pass: t("Alle automatisierten Prüfungen waren erfolgreich, auf Nachweisen innerhalb ihres Höchstalters.",
		"Every automated check passed, on evidence younger than its maximum age."),
	controls.Fail: t("Mindestens eine Prüfung ist fehlgeschlagen, ohne gültige akzeptierte Abweichung.",
		"At least one check failed and no valid accepted exception covers it."),
	controls.NoEvidence: t("Der Nachweis fehlt, ist veraltet oder nicht lesbar; es ist keine Aussage möglich.",
		"The evidence is missing, stale or unreadable; no statement is possible."),
	controls.AttestationExpired: t("Eine manuelle Bestätigung liegt vor, ist aber abgelaufen.",
		"An attestation exists but has expired."),
	controls.Exception: t("Eine Prüfung ist fehlgeschlagen; eine gültige Risikoakzeptanz deckt genau diese Prüfung und diesen Umfang. Die Feststellung bleibt sichtbar.",
		"A check failed; a valid risk acceptance covers exactly this check and scope. The finding stays visible."),
	controls.Attested: t("Eine gültige manuelle Bestätigung liegt vor; zugeordnete automatisierte Prüfungen, soweit vorhanden, waren erfolgreich. Ob Prüfungen liefen, zeigt die Grundlage der Bewertung.",
		"A valid attestation is on record; mapped automated checks, if any, passed. The basis of the assessment shows whether checks ran."),
	controls.NotApplicable: t("Außerhalb des Geltungsbereichs laut erfasster Umfangsentscheidung mit Begründung.",
		"Out of scope by a recorded scope decision with justification."),
}

var flagMeanings = map[flag]controls.Text{
	flagContradiction: t("Erklärt „Umgesetzt“, verifiziert aber nicht erfüllt, ohne Nachweis oder mit abgelaufener Bestätigung.",
		"Declared implemented, but verified as not met, without evidence or with an expired attestation."),
	flagCheckScope: t("Umfangsentscheidungen weichen ab: vom Werkzeug nicht anwendbar, aber als anwendbar erklärt, oder als nicht anwendbar erklärt, obwohl automatisierte Prüfungen zugeordnet sind.",
		"Scope decisions differ: not applicable for the tool but declared applicable, or declared not applicable while automated checks are mapped."),
	flagNotDeclared: t("Die Erklärungsdatei enthält keinen Eintrag; das Werkzeug ergänzt keine Erklärung.",
		"The declarations file has no entry; the tool never fills one in."),
}

// sprintf formats a localised pattern.
func sprintf(lang string, pattern controls.Text, args ...any) string {
	return fmt.Sprintf(pattern.In(lang), args...)
}

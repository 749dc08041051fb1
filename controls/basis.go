package controls

import (
	"encoding/json"
	"fmt"
)

// Basis says what an outcome rests on, beside the outcome itself: checks
// that ran on evidence, attestations, both, or nothing. The outcome's
// precedence lets an attestation or a missing piece of evidence outrank a
// passed check; the basis keeps the measured part visible, so that a
// requirement whose checks ran is never described as not technically
// verified and an attestation is never presented as a measurement.
//
// A check ran when it produced at least one finding that is pass, fail or
// exception (Ran): the engine makes a pass without traceable evidence
// no-evidence, so every one of them rests on evidence of the bundle.
//
// A measure's parts are its checks and, when it needs one, its
// attestation. A check part is verified when the check ran; the
// attestation part is attested when a valid attestation (not expired, not
// dated after the evaluation) is on record. Then the measure is
//   - technically-verified: every part is verified by a check that ran;
//   - partly-verified: at least one check ran, and some other part did not
//     (it is attested, or it lacks evidence, which the outcome shows);
//   - attested-only: no check ran and the attestation is valid;
//   - none: no check ran and no valid attestation is on record.
//
// A requirement's basis follows from its measures (those recorded as not
// used are left out unless none is left): technically-verified when every
// measure is, partly-verified when at least one measure is technically or
// partly verified, attested-only when at least one is attested only,
// none otherwise and for a requirement without measures. A
// not-applicable requirement or measure has the basis none: nothing was
// assessed because nothing was to be.
type Basis string

// The four bases, as they appear in JSON.
const (
	TechnicallyVerified Basis = "technically-verified"
	PartlyVerified      Basis = "partly-verified"
	AttestedOnly        Basis = "attested-only"
	NoBasis             Basis = "none"
)

// Bases lists every basis from the most to the least technical.
var Bases = []Basis{TechnicallyVerified, PartlyVerified, AttestedOnly, NoBasis}

var basisTexts = map[Basis]struct{ label, meaning Text }{
	TechnicallyVerified: {
		Text{DE: "technisch geprüft", EN: "technically verified"},
		Text{DE: "Jede zugeordnete Maßnahme wurde durch automatisierte Prüfungen auf Nachweisen bewertet.",
			EN: "Every supporting measure was assessed by automated checks on evidence."}},
	PartlyVerified: {
		Text{DE: "teilweise technisch geprüft", EN: "partly technically verified"},
		Text{DE: "Automatisierte Prüfungen liefen auf Nachweisen; der übrige Teil ist manuell bestätigt oder nicht bewertet (siehe Ergebnis).",
			EN: "Automated checks ran on evidence; the rest is attested or not assessed (see the outcome)."}},
	AttestedOnly: {
		Text{DE: "nur manuell bestätigt", EN: "attested only"},
		Text{DE: "Keine automatisierte Prüfung lief; die Bewertung beruht auf einer gültigen manuellen Bestätigung.",
			EN: "No automated check ran; the assessment rests on a valid attestation."}},
	NoBasis: {
		Text{DE: "weder geprüft noch bestätigt", EN: "neither verified nor attested"},
		Text{DE: "Keine automatisierte Prüfung lief und keine gültige Bestätigung liegt vor (oder nicht anwendbar).",
			EN: "No automated check ran and no valid attestation is on record (or not applicable)."}},
}

// Valid reports whether b is one of the four bases.
func (b Basis) Valid() bool { _, ok := basisTexts[b]; return ok }

// Label is the basis's display label in lang ("de" or "en").
func (b Basis) Label(lang string) string {
	t, ok := basisTexts[b]
	if !ok {
		return string(b)
	}
	return t.label.In(lang)
}

// Meaning explains the basis in a sentence, for legends.
func (b Basis) Meaning(lang string) string { return basisTexts[b].meaning.In(lang) }

// UnmarshalJSON rejects anything but the four bases.
func (b *Basis) UnmarshalJSON(raw []byte) error {
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return err
	}
	if !Basis(s).Valid() {
		return fmt.Errorf("unknown basis %q (want technically-verified, partly-verified, attested-only or none)", s)
	}
	*b = Basis(s)
	return nil
}

// Ran reports whether the check ran on evidence: at least one finding is
// pass, fail or exception.
func (c *CheckResult) Ran() bool {
	for _, f := range c.Findings {
		switch f.Status {
		case Pass, Fail, Exception:
			return true
		}
	}
	return false
}

// measureBasis is the basis of a measure with verified check parts,
// attested parts (0 or 1) and parts that are neither.
func measureBasis(verified, attested, open int) Basis {
	switch {
	case verified > 0 && attested == 0 && open == 0:
		return TechnicallyVerified
	case verified > 0:
		return PartlyVerified
	case attested > 0:
		return AttestedOnly
	}
	return NoBasis
}

// requirementBasis is the basis of a requirement with measures of the
// given bases (those not used already left out).
func requirementBasis(bases []Basis) Basis {
	if len(bases) == 0 {
		return NoBasis
	}
	all, some, attested := true, false, false
	for _, b := range bases {
		switch b {
		case TechnicallyVerified:
			some = true
		case PartlyVerified:
			some, all = true, false
		case AttestedOnly:
			attested, all = true, false
		default:
			all = false
		}
	}
	switch {
	case all:
		return TechnicallyVerified
	case some:
		return PartlyVerified
	case attested:
		return AttestedOnly
	}
	return NoBasis
}

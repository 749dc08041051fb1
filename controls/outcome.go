package controls

import (
	"encoding/json"
	"fmt"
)

// Outcome is the result of a finding, check, measure or requirement. There
// are exactly seven values (reference: document-specs §0.1). The zero value
// is invalid on purpose: an unset outcome must never read as a pass.
type Outcome string

// The seven outcomes, as they appear in JSON.
const (
	Pass               Outcome = "pass"
	Fail               Outcome = "fail"
	NotApplicable      Outcome = "not-applicable"
	Attested           Outcome = "attested"
	AttestationExpired Outcome = "attestation-expired"
	NoEvidence         Outcome = "no-evidence"
	Exception          Outcome = "exception"
)

// Outcomes lists every outcome from worst to best, in aggregation order;
// not-applicable comes last because it only applies to a whole control.
var Outcomes = []Outcome{Fail, NoEvidence, AttestationExpired, Exception, Attested, Pass, NotApplicable}

// rank orders outcomes for aggregation: lower is worse. The precedence is
// fail > no-evidence > attestation-expired > exception > attested > pass.
var rank = map[Outcome]int{
	Fail:               0,
	NoEvidence:         1,
	AttestationExpired: 2,
	Exception:          3,
	Attested:           4,
	Pass:               5,
	NotApplicable:      6,
}

// Valid reports whether o is one of the seven outcomes.
func (o Outcome) Valid() bool { _, ok := rank[o]; return ok }

// Worse reports whether o takes precedence over p when aggregating.
func (o Outcome) Worse(p Outcome) bool { return rank[o] < rank[p] }

// Worst aggregates outcomes with the fixed precedence. not-applicable
// results are ignored unless every input is not-applicable; an empty input
// is no-evidence, because nothing assessed is never a pass.
func Worst(outcomes ...Outcome) Outcome {
	worst := Outcome("")
	for _, o := range outcomes {
		if !o.Valid() {
			return NoEvidence
		}
		if o == NotApplicable {
			continue
		}
		if worst == "" || o.Worse(worst) {
			worst = o
		}
	}
	if worst != "" {
		return worst
	}
	if len(outcomes) > 0 {
		return NotApplicable
	}
	return NoEvidence
}

// Label is the fixed display label of an outcome in a language ("de" or
// "en"). Attestations are never labelled "erfüllt"/"met".
func (o Outcome) Label(lang string) string {
	l, ok := labels[o]
	if !ok {
		return string(o)
	}
	if lang == "de" {
		return l.DE
	}
	return l.EN
}

var labels = map[Outcome]Text{
	Pass:               {DE: "erfüllt", EN: "met"},
	Fail:               {DE: "nicht erfüllt", EN: "not met"},
	NotApplicable:      {DE: "nicht anwendbar", EN: "not applicable"},
	Attested:           {DE: "manuell bestätigt", EN: "attested (manual)"},
	AttestationExpired: {DE: "Bestätigung abgelaufen", EN: "attestation expired"},
	NoEvidence:         {DE: "nicht bewertet – Nachweis fehlt", EN: "not assessed – evidence missing"},
	Exception:          {DE: "akzeptierte Abweichung (Risikoakzeptanz)", EN: "accepted exception (risk acceptance)"},
}

// UnmarshalJSON rejects anything but the seven outcomes.
func (o *Outcome) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if !Outcome(s).Valid() {
		return fmt.Errorf("unknown outcome %q (want one of pass, fail, not-applicable, attested, attestation-expired, no-evidence, exception)", s)
	}
	*o = Outcome(s)
	return nil
}

// Severity grades a check. It decides whether a failing check breaks a CI
// run (--fail-on).
type Severity string

// Severities from lowest to highest.
const (
	Low      Severity = "low"
	Medium   Severity = "medium"
	High     Severity = "high"
	Critical Severity = "critical"
)

var severityRank = map[Severity]int{Low: 1, Medium: 2, High: 3, Critical: 4}

// Valid reports whether s is a known severity.
func (s Severity) Valid() bool { _, ok := severityRank[s]; return ok }

// AtLeast reports whether s is at least as severe as min.
func (s Severity) AtLeast(min Severity) bool { return severityRank[s] >= severityRank[min] }

// ParseSeverity parses a severity name.
func ParseSeverity(s string) (Severity, error) {
	if Severity(s).Valid() {
		return Severity(s), nil
	}
	return "", fmt.Errorf("unknown severity %q (want low, medium, high or critical)", s)
}

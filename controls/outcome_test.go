package controls

import (
	"encoding/json"
	"testing"
)

func TestWorst(t *testing.T) {
	tests := []struct {
		name string
		in   []Outcome
		want Outcome
	}{
		{"nothing assessed is never a pass", nil, NoEvidence},
		{"all pass", []Outcome{Pass, Pass}, Pass},
		{"fail beats everything", []Outcome{Pass, Attested, Exception, AttestationExpired, NoEvidence, Fail}, Fail},
		{"no-evidence beats expired attestation", []Outcome{AttestationExpired, NoEvidence, Pass}, NoEvidence},
		{"expired attestation beats exception", []Outcome{Exception, AttestationExpired}, AttestationExpired},
		{"exception beats attested", []Outcome{Attested, Exception}, Exception},
		{"attested beats pass", []Outcome{Pass, Attested}, Attested},
		{"not-applicable ignored beside others", []Outcome{NotApplicable, Pass}, Pass},
		{"only not-applicable", []Outcome{NotApplicable, NotApplicable}, NotApplicable},
		{"unknown outcome fails closed", []Outcome{Pass, "ok"}, NoEvidence},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Worst(tt.in...); got != tt.want {
				t.Errorf("Worst(%v) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestOutcomeLabels(t *testing.T) {
	tests := []struct {
		o        Outcome
		de, en   string
		notMetDE bool
	}{
		{Pass, "erfüllt", "met", false},
		{Fail, "nicht erfüllt", "not met", false},
		{NotApplicable, "nicht anwendbar", "not applicable", false},
		{Attested, "manuell bestätigt", "attested (manual)", true},
		{AttestationExpired, "Bestätigung abgelaufen", "attestation expired", true},
		{NoEvidence, "nicht bewertet – Nachweis fehlt", "not assessed – evidence missing", true},
		{Exception, "akzeptierte Abweichung (Risikoakzeptanz)", "accepted exception (risk acceptance)", true},
	}
	for _, tt := range tests {
		t.Run(string(tt.o), func(t *testing.T) {
			if got := tt.o.Label("de"); got != tt.de {
				t.Errorf("de label = %q, want %q", got, tt.de)
			}
			if got := tt.o.Label("en"); got != tt.en {
				t.Errorf("en label = %q, want %q", got, tt.en)
			}
			// An attestation or a gap is never written as met.
			if tt.notMetDE && (tt.o.Label("de") == "erfüllt" || tt.o.Label("en") == "met") {
				t.Errorf("%s is labelled as met", tt.o)
			}
		})
	}
	if len(Outcomes) != 7 {
		t.Fatalf("want exactly seven outcomes, have %d", len(Outcomes))
	}
}

func TestOutcomeJSON(t *testing.T) {
	var o Outcome
	if err := json.Unmarshal([]byte(`"attestation-expired"`), &o); err != nil || o != AttestationExpired {
		t.Fatalf("unmarshal attestation-expired: %v %q", err, o)
	}
	if err := json.Unmarshal([]byte(`"compliant"`), &o); err == nil {
		t.Fatal("unmarshal accepted an unknown outcome")
	}
}

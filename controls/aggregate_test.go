package controls

import (
	"testing"
	"time"
)

// testModel has the real catalogs and a few measures made for the test.
func testModel(t *testing.T) *Model {
	t.Helper()
	cats, err := LoadCatalogs()
	if err != nil {
		t.Fatal(err)
	}
	return &Model{
		Catalogs: cats,
		Measures: []Measure{
			{ID: "M-CHECK", Checks: []string{"C-A", "C-B"}, Requirements: []string{"c5-2020:OPS-06"}},
			{ID: "M-ATTEST", Attestation: true, Requirements: []string{"c5-2020:OPS-06", "c5-2020:PS-01"}},
			{ID: "M-BOTH", Checks: []string{"C-A"}, Attestation: true, Requirements: []string{"c5-2020:OPS-07"}},
			{ID: "M-MISSING", Checks: []string{"C-NOT-LOADED"}, Requirements: []string{"c5-2020:OPS-08"}},
		},
		DecisionNeeded: []DecisionNeeded{{Framework: "gdpr", ID: "28(10)", Note: Text{DE: "keine Pflicht des Auftragsverarbeiters", EN: "no duty of the processor"}}},
	}
}

func TestAggregate(t *testing.T) {
	valid := AttestationRecord{ID: "ATT-1", Measure: "M-ATTEST", ValidUntil: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}
	both := AttestationRecord{ID: "ATT-2", Measure: "M-BOTH", ValidUntil: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}
	expired := AttestationRecord{ID: "ATT-0", Measure: "M-ATTEST", ValidUntil: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Expired: true}
	tests := []struct {
		name         string
		checks       map[string]Outcome
		attestations []AttestationRecord
		scope        []ScopeDecision
		notUsed      []MeasureDecision
		measures     map[string]Outcome
		reqs         map[string]Outcome
		// Bases expected of measures and requirements.
		measureBases map[string]Basis
		reqBases     map[string]Basis
	}{
		{
			name:         "all pass, attested",
			checks:       map[string]Outcome{"C-A": Pass, "C-B": Pass},
			attestations: []AttestationRecord{valid, both},
			measures:     map[string]Outcome{"M-CHECK": Pass, "M-ATTEST": Attested, "M-BOTH": Attested, "M-MISSING": NoEvidence},
			// attested outranks pass: OPS-06 is attested, never "met".
			reqs: map[string]Outcome{"c5-2020:OPS-06": Attested, "c5-2020:PS-01": Attested, "c5-2020:OPS-07": Attested, "c5-2020:OPS-08": NoEvidence},
			// ... but its checks ran: partly verified, never attested only.
			measureBases: map[string]Basis{"M-CHECK": TechnicallyVerified, "M-ATTEST": AttestedOnly, "M-BOTH": PartlyVerified, "M-MISSING": NoBasis},
			reqBases:     map[string]Basis{"c5-2020:OPS-06": PartlyVerified, "c5-2020:PS-01": AttestedOnly, "c5-2020:OPS-07": PartlyVerified, "c5-2020:OPS-08": NoBasis},
		},
		{
			name:         "a failing check fails every requirement it reaches",
			checks:       map[string]Outcome{"C-A": Fail, "C-B": Pass},
			attestations: []AttestationRecord{valid, both},
			measures:     map[string]Outcome{"M-CHECK": Fail, "M-BOTH": Fail},
			reqs:         map[string]Outcome{"c5-2020:OPS-06": Fail, "c5-2020:OPS-07": Fail, "c5-2020:PS-01": Attested},
			// A failed check ran.
			measureBases: map[string]Basis{"M-CHECK": TechnicallyVerified, "M-BOTH": PartlyVerified},
			reqBases:     map[string]Basis{"c5-2020:OPS-06": PartlyVerified, "c5-2020:OPS-07": PartlyVerified},
		},
		{
			name:         "a check without evidence did not run",
			checks:       map[string]Outcome{"C-A": NoEvidence, "C-B": Pass},
			attestations: []AttestationRecord{valid, both},
			measures:     map[string]Outcome{"M-CHECK": NoEvidence, "M-BOTH": NoEvidence},
			measureBases: map[string]Basis{"M-CHECK": PartlyVerified, "M-BOTH": AttestedOnly},
			reqBases:     map[string]Basis{"c5-2020:OPS-06": PartlyVerified, "c5-2020:OPS-07": AttestedOnly},
		},
		{
			name:         "no check ran",
			checks:       map[string]Outcome{"C-A": NoEvidence, "C-B": NoEvidence},
			measureBases: map[string]Basis{"M-CHECK": NoBasis, "M-BOTH": NoBasis},
			reqBases:     map[string]Basis{"c5-2020:OPS-06": NoBasis, "c5-2020:OPS-07": NoBasis},
		},
		{
			name:         "expired attestation, the valid one wins",
			checks:       map[string]Outcome{"C-A": Pass, "C-B": Pass},
			attestations: []AttestationRecord{expired, valid},
			measures:     map[string]Outcome{"M-ATTEST": Attested},
		},
		{
			name:         "only an expired attestation",
			checks:       map[string]Outcome{"C-A": Pass, "C-B": Exception},
			attestations: []AttestationRecord{expired},
			measures:     map[string]Outcome{"M-CHECK": Exception, "M-ATTEST": AttestationExpired, "M-BOTH": NoEvidence},
			reqs:         map[string]Outcome{"c5-2020:OPS-06": AttestationExpired, "c5-2020:PS-01": AttestationExpired},
			// An expired attestation is no basis; an excepted finding is.
			measureBases: map[string]Basis{"M-CHECK": TechnicallyVerified, "M-ATTEST": NoBasis, "M-BOTH": PartlyVerified},
			reqBases:     map[string]Basis{"c5-2020:OPS-06": PartlyVerified, "c5-2020:PS-01": NoBasis},
		},
		{
			name:         "a measure not used counts for nothing",
			checks:       map[string]Outcome{"C-A": Pass, "C-B": Pass},
			notUsed:      []MeasureDecision{{ID: "M-ATTEST", Justification: Text{DE: "keine eigenen Räume", EN: "no own premises"}}},
			measures:     map[string]Outcome{"M-ATTEST": NotApplicable, "M-CHECK": Pass},
			reqs:         map[string]Outcome{"c5-2020:OPS-06": Pass, "c5-2020:PS-01": NotApplicable},
			measureBases: map[string]Basis{"M-ATTEST": NoBasis},
			reqBases:     map[string]Basis{"c5-2020:OPS-06": TechnicallyVerified, "c5-2020:PS-01": NoBasis},
		},
		{
			name:     "no attestation is no evidence",
			checks:   map[string]Outcome{"C-A": Pass, "C-B": Pass},
			measures: map[string]Outcome{"M-ATTEST": NoEvidence},
			reqs:     map[string]Outcome{"c5-2020:PS-01": NoEvidence},
		},
		{
			// Only a recorded decision makes a requirement not
			// applicable: one the model lists as needing a decision has
			// no evidence until the provider records it.
			name:     "a scope decision is not applicable; a requirement needing a decision and an unreached one are no evidence",
			checks:   map[string]Outcome{"C-A": Pass, "C-B": Pass},
			scope:    []ScopeDecision{{Framework: "c5-2020", ID: "PS-01", Justification: Text{DE: "keine eigenen Räume", EN: "no own premises"}}},
			measures: map[string]Outcome{},
			reqs:     map[string]Outcome{"c5-2020:PS-01": NotApplicable, "gdpr:28(10)": NoEvidence, "c5-2020:OIS-01": NoEvidence, "iso27001-2022:A.5.1": NoEvidence},
		},
		{
			name:     "a recorded decision settles a requirement needing one",
			checks:   map[string]Outcome{"C-A": Pass, "C-B": Pass},
			scope:    []ScopeDecision{{Framework: "gdpr", ID: "28(10)", Justification: Text{DE: "keine Pflicht des Auftragsverarbeiters", EN: "no duty of the processor"}, DecidedBy: "DPO"}},
			measures: map[string]Outcome{},
			reqs:     map[string]Outcome{"gdpr:28(10)": NotApplicable},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var checks []CheckResult
			for id, o := range tt.checks {
				checks = append(checks, CheckResult{ID: id, Status: o, Findings: []Finding{{Resource: "r", Status: o}}})
			}
			ms, reqs, sums := Aggregate(AggregateInput{
				Frameworks: Frameworks, Model: testModel(t), Checks: checks,
				Attestations: tt.attestations, Scope: tt.scope, MeasuresNotApplicable: tt.notUsed,
			})
			gotM := map[string]MeasureResult{}
			for _, m := range ms {
				gotM[m.ID] = m
			}
			for id, want := range tt.measures {
				if gotM[id].Status != want {
					t.Errorf("measure %s = %s (%s), want %s", id, gotM[id].Status, ReasonText(gotM[id].Reasons, "en"), want)
				}
			}
			for id, want := range tt.measureBases {
				if gotM[id].Basis != want {
					t.Errorf("measure %s basis = %s, want %s", id, gotM[id].Basis, want)
				}
			}
			gotR := map[string]RequirementResult{}
			for _, r := range reqs {
				gotR[r.Framework+":"+r.ID] = r
			}
			for ref, want := range tt.reqs {
				if gotR[ref].Status != want {
					t.Errorf("requirement %s = %s, want %s", ref, gotR[ref].Status, want)
				}
				if want == NotApplicable && (gotR[ref].Justification.DE == "" || gotR[ref].Justification.EN == "") {
					t.Errorf("requirement %s not applicable without justification in both languages: %+v", ref, gotR[ref].Justification)
				}
			}
			for ref, want := range tt.reqBases {
				if gotR[ref].Basis != want {
					t.Errorf("requirement %s basis = %s, want %s", ref, gotR[ref].Basis, want)
				}
			}
			total := 0
			for _, s := range sums {
				total += s.Total
				n := 0
				for _, b := range Bases {
					n += s.Basis[b]
				}
				if n != s.Total {
					t.Errorf("%s: basis counts add up to %d, want %d", s.Framework, n, s.Total)
				}
			}
			if total != 121+168+93+27 || len(reqs) != total {
				t.Errorf("summary counts %d requirements, results %d, want %d", total, len(reqs), 121+168+93+27)
			}
		})
	}
}

func TestAggregateReasons(t *testing.T) {
	ms, _, _ := Aggregate(AggregateInput{Frameworks: Frameworks, Model: testModel(t)})
	for _, m := range ms {
		if m.Status == NoEvidence && len(m.Reasons) == 0 {
			t.Errorf("measure %s is no-evidence without a reason", m.ID)
		}
	}
}

// TestAggregateFutureAttestation: an attestation dated after the
// evaluation time had not been made yet; it counts for nothing, also not
// over an expired one.
func TestAggregateFutureAttestation(t *testing.T) {
	future := AttestationRecord{ID: "ATT-9", Measure: "M-ATTEST", Date: time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC),
		ValidUntil: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC), DatedAfterEvaluation: true}
	expired := AttestationRecord{ID: "ATT-0", Measure: "M-ATTEST", ValidUntil: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Expired: true}
	tests := []struct {
		name   string
		atts   []AttestationRecord
		want   Outcome
		reason string
	}{
		{"only a future attestation", []AttestationRecord{future}, NoEvidence, "Bestätigung ATT-9 ist nach dem Bewertungszeitpunkt datiert (01.01.2099) | attestation ATT-9 is dated after the evaluation time (2099-01-01)"},
		{"future beside an expired one", []AttestationRecord{future, expired}, AttestationExpired, "Bestätigung ATT-0 ist am 01.01.2026 abgelaufen | attestation ATT-0 expired on 2026-01-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, _, _ := Aggregate(AggregateInput{Frameworks: Frameworks, Model: testModel(t), Attestations: tt.atts})
			for _, m := range ms {
				if m.ID != "M-ATTEST" {
					continue
				}
				reason := ReasonText(m.Reasons, "de") + " | " + ReasonText(m.Reasons, "en")
				if m.Status != tt.want || reason != tt.reason || m.Attestation == "ATT-9" {
					t.Errorf("M-ATTEST = %s (%q, attestation %q), want %s (%q)", m.Status, reason, m.Attestation, tt.want, tt.reason)
				}
				return
			}
			t.Fatal("no result for M-ATTEST")
		})
	}
}

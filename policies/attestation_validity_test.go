package policies

import (
	"testing"
	"time"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence/attest"
)

// Restore tests (TOM-VER-10) count for 12 months from the test, even when
// the attestation declares a later valid_until.
func TestRestoreTestAttestationCountsTwelveMonths(t *testing.T) {
	model, err := controls.Load()
	if err != nil {
		t.Fatal(err)
	}
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	now := time.Date(2026, 11, 23, 19, 0, 0, 0, time.UTC)
	tests := []struct {
		name        string
		measure     string
		date, until time.Time
		wantUntil   time.Time
		capped      bool
		expired     bool
	}{
		{"restore test within 12 months", "TOM-VER-10", day(2026, 3, 1), day(2027, 2, 28), day(2027, 2, 28), false, false},
		{"restore test declared valid for 2 years", "TOM-VER-10", day(2026, 3, 1), day(2028, 3, 1), day(2027, 2, 28), true, false},
		{"restore test 13 months ago", "TOM-VER-10", day(2025, 10, 1), day(2027, 10, 1), day(2026, 9, 30), true, true},
		{"restore test exactly 12 months ago is still valid today", "TOM-VER-10", day(2025, 11, 24), day(2027, 1, 1), day(2026, 11, 23), true, false},
		{"other measures keep their valid_until", "TOM-ORG-01", day(2025, 1, 1), day(2027, 1, 1), day(2027, 1, 1), false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set := &attest.Set{Attestations: []attest.Attestation{{ID: "ATT-1", Measure: tt.measure, Date: tt.date, ValidUntil: tt.until}}}
			recs := attestationRecords(set, model, now)
			if len(recs) != 1 {
				t.Fatalf("got %d records", len(recs))
			}
			r := recs[0]
			if !r.ValidUntil.Equal(tt.wantUntil) {
				t.Errorf("ValidUntil = %s, want %s", r.ValidUntil.Format(time.DateOnly), tt.wantUntil.Format(time.DateOnly))
			}
			if (r.DeclaredValidUntil != nil) != tt.capped {
				t.Errorf("DeclaredValidUntil = %v, want set: %v", r.DeclaredValidUntil, tt.capped)
			}
			if tt.capped && !r.DeclaredValidUntil.Equal(tt.until) {
				t.Errorf("DeclaredValidUntil = %s, want %s", r.DeclaredValidUntil, tt.until)
			}
			if r.Expired != tt.expired {
				t.Errorf("Expired = %v, want %v", r.Expired, tt.expired)
			}
		})
	}
}

// TestRecordsDatedAfterEvaluation: attestations and exceptions dated
// after the evaluation day did not exist at the evaluation time.
func TestRecordsDatedAfterEvaluation(t *testing.T) {
	model, err := controls.Load()
	if err != nil {
		t.Fatal(err)
	}
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	now := time.Date(2026, 11, 23, 19, 0, 0, 0, time.UTC)
	set := &attest.Set{
		Attestations: []attest.Attestation{
			{ID: "ATT-TODAY", Measure: "TOM-ORG-01", Date: day(2026, 11, 23), ValidUntil: day(2027, 11, 23)},
			{ID: "ATT-TOMORROW", Measure: "TOM-ORG-01", Date: day(2026, 11, 24), ValidUntil: day(2027, 11, 24)},
		},
		Exceptions: []attest.Exception{
			{ID: "EXC-NOW", Check: "K8S-POD-01", Scope: "*", ApprovedOn: day(2026, 11, 1), ExpiresOn: day(2027, 10, 31)},
			{ID: "EXC-LATER", Check: "K8S-POD-02", Scope: "*", ApprovedOn: day(2026, 12, 1), ExpiresOn: day(2027, 11, 30)},
		},
	}
	recs := attestationRecords(set, model, now)
	if len(recs) != 2 || recs[0].ID != "ATT-TODAY" || recs[0].DatedAfterEvaluation || !recs[1].DatedAfterEvaluation {
		t.Errorf("attestations: %+v", recs)
	}
	// At 23:58 UTC the next day is within the clock-skew tolerance.
	if r := attestationRecords(set, model, day(2026, 11, 23).Add(23*time.Hour+58*time.Minute)); r[1].DatedAfterEvaluation {
		t.Error("an attestation dated on the next day 2 minutes before midnight counts as after the evaluation time")
	}
	checks := []controls.CheckResult{
		{ID: "K8S-POD-01", Findings: []controls.Finding{{Status: controls.Fail, Resource: "prod/pod/a"}}},
		{ID: "K8S-POD-02", Findings: []controls.Finding{{Status: controls.Fail, Resource: "prod/pod/b"}}},
	}
	xs := applyExceptions(checks, set, now)
	if len(xs) != 2 || xs[0].ID != "EXC-LATER" || !xs[0].DatedAfterEvaluation || xs[1].DatedAfterEvaluation {
		t.Fatalf("exceptions: %+v", xs)
	}
	if got := checks[0].Findings[0].Status; got != controls.Exception {
		t.Errorf("K8S-POD-01 finding = %s, want exception", got)
	}
	if got := checks[1].Findings[0].Status; got != controls.Fail {
		t.Errorf("K8S-POD-02 finding = %s, want fail: its exception is approved only on 2026-12-01", got)
	}
}

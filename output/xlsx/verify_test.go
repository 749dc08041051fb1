package xlsx

import (
	"testing"
	"time"

	"github.com/nachweis/nachweis/controls"
)

func TestDetail(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	res := &controls.Results{EvaluatedAt: demoNow}
	net := &controls.CheckResult{ID: "K8S-NET-01", Status: controls.Fail, Findings: []controls.Finding{
		{Resource: "prod/namespace/a", Status: controls.Fail},
		{Resource: "prod/namespace/b", Status: controls.Pass},
		{Resource: "prod/namespace/c", Status: controls.Fail},
		{Resource: "prod/namespace/d", Status: controls.Fail},
		{Resource: "prod/namespace/e", Status: controls.Fail},
	}}
	twofa := &controls.CheckResult{ID: "GH-2FA-02", Status: controls.NoEvidence, Reason: controls.NewMessage("evidence_missing", map[string]any{"key": "github.members_2fa_disabled"})}
	off := &controls.CheckResult{ID: "BAK-OFFSITE-01", Status: controls.Exception, Findings: []controls.Finding{
		{Resource: "backup/tenant/globex", Status: controls.Exception, ExceptionID: "EXC-2026-001"},
	}}
	att := &controls.AttestationRecord{ID: "ATT-1", Role: "ISB", By: "Thomas Weber", Date: day("2026-03-23"), ValidUntil: day("2027-03-22")}
	old := &controls.AttestationRecord{ID: "ATT-0", Role: "ISB", Date: day("2025-10-15"), ValidUntil: day("2026-10-14"), Expired: true}
	exc := &controls.ExceptionRecord{ID: "EXC-2026-001", RiskID: "R-2026-014", ExpiresOn: day("2027-02-28")}
	other := &controls.ExceptionRecord{ID: "EXC-2025-009", RiskID: "R-2025-001", ExpiresOn: day("2026-01-31"), Expired: true}
	mk := func(o controls.Outcome, checks []*controls.CheckResult, atts []*controls.AttestationRecord, excs []*controls.ExceptionRecord, measures ...*controls.MeasureResult) *verification {
		v := &verification{req: &controls.RequirementResult{ID: "X", Status: o, Justification: controls.Text{DE: "Keine eigenen Räume.", EN: "No own premises."}}, checks: checks, attestations: atts, exceptions: excs, applicable: measures}
		for _, c := range checks {
			v.findings = append(v.findings, openFindings(c)...)
		}
		return v
	}
	tests := []struct {
		name string
		v    *verification
		lang string
		want string
	}{
		{"pass", mk(controls.Pass, nil, nil, nil), "de", "erfüllt – automatisiert geprüft am 23.11.2026"},
		{"pass en", mk(controls.Pass, nil, nil, nil), "en", "met – checked automatically on 2026-11-23"},
		{"not applicable", mk(controls.NotApplicable, nil, nil, nil), "de", "nicht anwendbar – Keine eigenen Räume."},
		{"attested", mk(controls.Attested, nil, []*controls.AttestationRecord{att}, nil), "de", "manuell bestätigt (ISB, gültig bis 22.03.2027)"},
		{"attested and checked", mk(controls.Attested, []*controls.CheckResult{{ID: "GH-BP-01", Status: controls.Pass}}, []*controls.AttestationRecord{att}, nil), "en",
			"attested (manual) (ISB, valid until 2027-03-22); automated checks met on 2026-11-23"},
		{"exception", mk(controls.Exception, []*controls.CheckResult{off}, nil, []*controls.ExceptionRecord{exc, other}), "de",
			"akzeptierte Abweichung (Risikoakzeptanz) EXC-2026-001 (R-2026-014) bis 28.02.2027"},
		{"fail", mk(controls.Fail, []*controls.CheckResult{net, twofa}, nil, nil), "de",
			"nicht erfüllt – K8S-NET-01 (nicht erfüllt, 4 Objekte): prod/namespace/a, prod/namespace/c, prod/namespace/d + 1 weitere; GH-2FA-02 (nicht bewertet – Nachweis fehlt): Nachweis github.members_2fa_disabled fehlt"},
		{"attestation expired", mk(controls.AttestationExpired, nil, []*controls.AttestationRecord{old}, nil,
			&controls.MeasureResult{ID: "TOM-ORG-05", Status: controls.AttestationExpired, Attestation: "ATT-0"}), "de",
			"Bestätigung abgelaufen – TOM-ORG-05: ATT-0 abgelaufen am 14.10.2026"},
		{"no attestation on record", mk(controls.NoEvidence, nil, nil, nil,
			&controls.MeasureResult{ID: "TOM-VER-10", Status: controls.NoEvidence}), "en",
			"not assessed – evidence missing – TOM-VER-10: no attestation on record"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.v.detail(tt.lang, res); got != tt.want {
				t.Errorf("detail\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

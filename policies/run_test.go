package policies

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence/attest"
)

func TestApplyExceptions(t *testing.T) {
	now := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	checks := func() []controls.CheckResult {
		return []controls.CheckResult{{
			ID: "BAK-OFFSITE-01",
			Findings: []controls.Finding{
				{Resource: "backup/tenant/globex", Tenant: "globex", Status: controls.Fail},
				{Resource: "backup/tenant/acme", Tenant: "acme", Status: controls.Fail},
				{Resource: "backup/tenant/initech", Tenant: "initech", Status: controls.Pass},
			},
		}}
	}
	tests := []struct {
		name      string
		exception attest.Exception
		want      map[string]controls.Outcome // resource → status
		check     controls.Outcome
		applied   int
	}{
		{
			name:      "valid exception covers its tenant only",
			exception: attest.Exception{ID: "EXC-1", Check: "BAK-OFFSITE-01", Scope: "tenant:globex", ApprovedOn: day(2026, 9, 1), ExpiresOn: day(2027, 2, 28)},
			want:      map[string]controls.Outcome{"backup/tenant/globex": controls.Exception, "backup/tenant/acme": controls.Fail, "backup/tenant/initech": controls.Pass},
			check:     controls.Fail,
			applied:   1,
		},
		{
			name:      "expired exception falls back to fail",
			exception: attest.Exception{ID: "EXC-2", Check: "BAK-OFFSITE-01", Scope: "*", ApprovedOn: day(2025, 9, 1), ExpiresOn: day(2026, 8, 31)},
			want:      map[string]controls.Outcome{"backup/tenant/globex": controls.Fail, "backup/tenant/acme": controls.Fail},
			check:     controls.Fail,
			applied:   2,
		},
		{
			name:      "all failures covered: the check is an exception, not a pass",
			exception: attest.Exception{ID: "EXC-3", Check: "BAK-OFFSITE-01", Scope: "resource:backup/tenant/*", ApprovedOn: day(2026, 9, 1), ExpiresOn: day(2027, 2, 28)},
			want:      map[string]controls.Outcome{"backup/tenant/globex": controls.Exception, "backup/tenant/acme": controls.Exception, "backup/tenant/initech": controls.Pass},
			check:     controls.Exception,
			applied:   2,
		},
		{
			name:      "another check's exception covers nothing",
			exception: attest.Exception{ID: "EXC-4", Check: "BAK-FRESH-01", Scope: "*", ApprovedOn: day(2026, 9, 1), ExpiresOn: day(2027, 2, 28)},
			want:      map[string]controls.Outcome{"backup/tenant/globex": controls.Fail},
			check:     controls.Fail,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := checks()
			cs[0].Status = checkStatus(cs[0].Findings)
			recs := applyExceptions(cs, &attest.Set{Exceptions: []attest.Exception{tt.exception}}, now)
			for _, f := range cs[0].Findings {
				if want, ok := tt.want[f.Resource]; ok && f.Status != want {
					t.Errorf("%s = %s, want %s", f.Resource, f.Status, want)
				}
				if f.Status == controls.Exception && f.ExceptionID != tt.exception.ID {
					t.Errorf("%s: exception id %q", f.Resource, f.ExceptionID)
				}
			}
			if cs[0].Status != tt.check {
				t.Errorf("check status %s, want %s", cs[0].Status, tt.check)
			}
			if len(recs) != 1 || recs[0].Applied != tt.applied {
				t.Errorf("records %+v, want one applied to %d findings", recs, tt.applied)
			}
		})
	}
}

// TestTenantIndexRestrict: a tenant's view keeps its own and the
// provider-wide findings in their order, drops other tenants' and the
// provider-wide findings resting only on backups of other tenants,
// re-aggregates, and leaves the evaluated checks as they were.
func TestTenantIndexRestrict(t *testing.T) {
	restic := func(src string) []controls.EvidenceRef { return []controls.EvidenceRef{{Source: src}} }
	checks := []controls.CheckResult{
		{ID: "A", Status: controls.Fail, Findings: []controls.Finding{
			{Resource: "a1", Tenant: "globex", Status: controls.Fail},
			{Resource: "a2", Status: controls.Pass},
			{Resource: "a3", Tenant: "acme", Status: controls.Pass},
			{Resource: "a4", Status: controls.Pass, Evidence: restic("restic/globex-only")},
			{Resource: "a5", Tenant: "acme", Status: controls.Pass},
			{Resource: "a6", Status: controls.Pass, Evidence: restic("restic/shared")},
		}},
		{ID: "B", Status: controls.Fail, Findings: []controls.Finding{{Resource: "b1", Tenant: "globex", Status: controls.Fail}}},
		{ID: "C", Status: controls.NoEvidence, Findings: []controls.Finding{}},
	}
	sources := map[string]map[string]bool{
		"restic/globex-only": {"globex": true},
		"restic/shared":      {"globex": true, "acme": true},
	}
	resources := func(c controls.CheckResult) []string {
		var out []string
		for _, f := range c.Findings {
			out = append(out, f.Resource)
		}
		return out
	}
	tests := []struct {
		tenant string
		want   map[string][]string
		status map[string]controls.Outcome
	}{
		{"acme", map[string][]string{"A": {"a2", "a3", "a5", "a6"}, "B": nil, "C": nil},
			map[string]controls.Outcome{"A": controls.Pass, "B": controls.NoEvidence, "C": controls.NoEvidence}},
		{"globex", map[string][]string{"A": {"a1", "a2", "a4", "a6"}, "B": {"b1"}, "C": nil},
			map[string]controls.Outcome{"A": controls.Fail, "B": controls.Fail, "C": controls.NoEvidence}},
		{"initech", map[string][]string{"A": {"a2"}, "B": nil, "C": nil},
			map[string]controls.Outcome{"A": controls.Pass, "B": controls.NoEvidence, "C": controls.NoEvidence}},
	}
	x := indexTenants(checks)
	for _, tt := range tests {
		got := x.restrict(checks, tt.tenant, sources)
		for _, c := range got {
			if diff := cmp.Diff(tt.want[c.ID], resources(c)); diff != "" {
				t.Errorf("%s, check %s: findings (-want +got):\n%s", tt.tenant, c.ID, diff)
			}
			if c.Status != tt.status[c.ID] {
				t.Errorf("%s, check %s: status %s, want %s", tt.tenant, c.ID, c.Status, tt.status[c.ID])
			}
			if c.ID == "B" && len(c.Findings) == 0 && c.Reason.ID != "nothing_in_scope_tenant" {
				t.Errorf("%s: check B without findings has reason %q", tt.tenant, c.Reason.ID)
			}
		}
	}
	if len(checks[0].Findings) != 6 || len(checks[1].Findings) != 1 || checks[1].Status != controls.Fail {
		t.Error("restrict changed the evaluated checks")
	}
}

package github

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestProjectSecurityFixtures projects GitHub's own example responses.
func TestProjectSecurityFixtures(t *testing.T) {
	o := project(t, []File{
		{Path: "alerts.json", Kind: KindDependabotAlerts, Data: read(t, "dependabot__list-alerts-for-org.json")},
		{Path: "repo.json", Kind: KindRepositories, Data: read(t, "repos__get.json")},
		{Path: "va.json", Kind: KindVulnerabilityAlerts, Data: []byte(`[{"repository":"octocat/Hello-World","vulnerability_alerts":null,"status":404}]`)},
	})
	created := func(s string) *int64 {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		ns := tm.UnixNano()
		return &ns
	}
	wantAlerts := []DependabotAlert{
		{Repository: "octo-org/hello-world", Number: 1, State: "open", Severity: "medium", Package: "ansible", Ecosystem: "pip",
			GHSA: "GHSA-8f4m-hccc-8qph", CVE: "CVE-2021-20191", CreatedNS: created("2022-06-14T15:21:52Z"),
			URL: "https://github.com/octo-org/hello-world/security/dependabot/1", Ref: "alerts.json#/1"},
		{Repository: "octo-org/octo-repo", Number: 2, State: "dismissed", Severity: "high", Package: "django", Ecosystem: "pip",
			GHSA: "GHSA-rf4j-j272-fj86", CVE: "CVE-2018-6188", CreatedNS: created("2022-06-15T07:43:03Z"),
			URL: "https://github.com/octo-org/octo-repo/security/dependabot/2", Ref: "alerts.json#/0"},
	}
	if diff := cmp.Diff(wantAlerts, o.DependabotAlerts); diff != "" {
		t.Errorf("alerts (-want +got):\n%s", diff)
	}
	// The example shows no security_and_analysis (admins only) and pull
	// rights: the settings are unknown, not off.
	wantRepos := []Repository{{Repository: "octocat/Hello-World", Admin: boolPtr(false), Ref: "repo.json#"}}
	if diff := cmp.Diff(wantRepos, o.Repositories); diff != "" {
		t.Errorf("repositories (-want +got):\n%s", diff)
	}
	if len(o.VulnerabilityAlerts) != 1 || o.VulnerabilityAlerts[0].Enabled != nil {
		t.Errorf("vulnerability alerts: %+v", o.VulnerabilityAlerts)
	}
	for _, k := range []string{KeyRepositories, KeyVulnerabilityAlerts, KeyDependabotAlerts} {
		if !o.Present[k] {
			t.Errorf("present[%s] = false", k)
		}
	}
}

func TestProjectSecurityErrors(t *testing.T) {
	tests := []struct{ kind, data, want string }{
		{KindRepositories, `[{"name":"x"}]`, "/0: repository without full_name"},
		{KindDependabotAlerts, `[{"number":1,"state":"open"}]`, "/0: Dependabot alert without number or repository.full_name"},
		{KindVulnerabilityAlerts, `{"repository":"a/b"}`, "decode vulnerability alerts"},
		{KindVulnerabilityAlerts, `[{"vulnerability_alerts":true}]`, "/0: no repository"},
	}
	for _, tt := range tests {
		_, err := Project([]File{{Path: "f.json", Kind: tt.kind, Data: []byte(tt.data)}})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s %s: error %v, want %q", tt.kind, tt.data, err, tt.want)
		}
	}
}

package github

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/evidence/github/fakeapi"
)

// cloneToken is a temp_clone_token the fake shows; it must not be stored.
const cloneToken = "AABCDTEMPCLONETOKENNEVERSTORED"

// fixtureAlert is an alert of the Dependabot fixture for another
// repository, number, severity and creation time.
func fixtureAlert(t *testing.T, repo string, number int, severity, created string) map[string]any {
	t.Helper()
	a := fixtureList(t, "dependabot__list-alerts-for-org.json")[1] // the open one
	a["number"] = float64(number)
	a["created_at"] = created
	a["security_advisory"].(map[string]any)["severity"] = severity
	a["security_vulnerability"].(map[string]any)["severity"] = severity
	r := a["repository"].(map[string]any)
	r["full_name"], r["name"] = repo, strings.SplitN(repo, "/", 2)[1]
	return a
}

// fakeOrgWithSecurity serves api (admin, secret scanning and push
// protection on, alerts on), web (admin, push protection off, alerts off)
// and empty (no admin rights: nothing shown), and 45 open alerts.
func fakeOrgWithSecurity(t *testing.T) *fakeapi.Server {
	t.Helper()
	s := fakeOrg(t, 3)
	status := func(v string) map[string]any { return map[string]any{"status": v} }
	for i, r := range s.Repos {
		switch i {
		case 0, 1:
			r["permissions"] = map[string]any{"admin": true, "maintain": true, "push": true, "triage": true, "pull": true}
			push := "enabled"
			if i == 1 {
				push = "disabled"
			}
			r["security_and_analysis"] = map[string]any{
				"advanced_security": status("disabled"), "secret_scanning": status("enabled"),
				"secret_scanning_push_protection": status(push), "dependabot_security_updates": status("enabled"),
			}
		}
		r["temp_clone_token"] = cloneToken
	}
	s.VulnerabilityAlerts["github/api"] = true
	for i := range 45 {
		s.DependabotAlerts = append(s.DependabotAlerts, fixtureAlert(t, "github/api", i+1, "high", "2026-11-01T10:00:00Z"))
	}
	// Filtered out by the collector's query.
	s.DependabotAlerts = append(s.DependabotAlerts, fixtureAlert(t, "github/api", 99, "low", "2026-01-01T10:00:00Z"))
	return s
}

func TestCollectSecurity(t *testing.T) {
	s := fakeOrgWithSecurity(t)
	sd, err := collect(t, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(sd.Source.Errors) != 0 {
		t.Errorf("errors: %v", sd.Source.Errors)
	}
	for _, it := range sd.Items {
		if strings.Contains(string(it.Data), cloneToken) {
			t.Errorf("item %s holds the temp_clone_token", it.Origin)
		}
	}
	o := projectItems(t, sd)
	on, off := "enabled", "disabled"
	wantRepos := []Repository{
		{Repository: "github/api", Private: false, Admin: boolPtr(true), SecretScanning: &on, PushProtection: &on, Ref: "repositories.json#/0"},
		{Repository: "github/empty", Admin: boolPtr(false), Ref: "repositories.json#/2"},
		{Repository: "github/web", Admin: boolPtr(true), SecretScanning: &on, PushProtection: &off, Ref: "repositories.json#/1"},
	}
	if diff := cmp.Diff(wantRepos, o.Repositories); diff != "" {
		t.Errorf("repositories (-want +got):\n%s", diff)
	}
	// web: 404 to an admin token is disabled; empty: 404 to a token
	// without admin rights tells nothing.
	wantVA := []VulnerabilityAlert{
		{Repository: "github/api", Enabled: boolPtr(true), Ref: "vulnerability-alerts.json#/0"},
		{Repository: "github/empty", Ref: "vulnerability-alerts.json#/2"},
		{Repository: "github/web", Enabled: boolPtr(false), Ref: "vulnerability-alerts.json#/1"},
	}
	if diff := cmp.Diff(wantVA, o.VulnerabilityAlerts); diff != "" {
		t.Errorf("vulnerability alerts (-want +got):\n%s", diff)
	}
	// 45 open high alerts in pages of 40, followed by cursor.
	if n := len(o.DependabotAlerts); n != 45 {
		t.Fatalf("%d Dependabot alerts, want 45", n)
	}
	created := time.Date(2026, 11, 1, 10, 0, 0, 0, time.UTC).UnixNano()
	want := DependabotAlert{Repository: "github/api", Number: 1, State: "open", Severity: "high", Package: "ansible", Ecosystem: "pip",
		GHSA: "GHSA-8f4m-hccc-8qph", CVE: "CVE-2021-20191", CreatedNS: &created,
		URL: "https://github.com/octo-org/hello-world/security/dependabot/1", Ref: "dependabot-alerts.json#/0"}
	if diff := cmp.Diff(want, o.DependabotAlerts[0]); diff != "" {
		t.Errorf("first alert (-want +got):\n%s", diff)
	}
	var pages []string
	for _, r := range s.Requests() {
		if strings.Contains(r, "/dependabot/alerts") {
			pages = append(pages, r)
		}
	}
	wantPages := []string{
		"/api/v3/orgs/github/dependabot/alerts?per_page=100&severity=critical%2Chigh&state=open",
		"/api/v3/orgs/github/dependabot/alerts?after=cursor-40&per_page=100&severity=critical%2Chigh&state=open",
	}
	if diff := cmp.Diff(wantPages, pages); diff != "" {
		t.Errorf("alert requests (-want +got):\n%s", diff)
	}
}

func TestCollectSecurityErrors(t *testing.T) {
	s := fakeOrgWithSecurity(t)
	base := s.Fail
	s.Fail = func(r *http.Request) *fakeapi.Failure {
		switch {
		case strings.HasSuffix(r.URL.Path, "/dependabot/alerts"):
			return &fakeapi.Failure{Status: http.StatusForbidden, Message: "Resource not accessible by personal access token"}
		case strings.HasSuffix(r.URL.Path, "/repos/github/web/vulnerability-alerts"):
			return &fakeapi.Failure{Status: http.StatusInternalServerError, Message: "Server Error"}
		}
		return base(r)
	}
	sd, err := collect(t, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		KeyDependabotAlerts: "GET /api/v3/orgs/github/dependabot/alerts?per_page=100&severity=critical%2Chigh&state=open: 403 Resource not accessible by personal access token " +
			"(Authorization: Bearer [redacted]) (GitHub lists an organisation's Dependabot alerts to owners and security managers, with a token allowed security_events or Dependabot alerts read)",
		KeyVulnerabilityAlerts: "GET /api/v3/repos/github/web/vulnerability-alerts: 500 Server Error (Authorization: Bearer [redacted])",
	}
	if diff := cmp.Diff(want, sd.Source.Errors); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	for _, it := range sd.Items {
		if it.Kind == KindDependabotAlerts {
			t.Errorf("alerts stored although GitHub refused them")
		}
	}
}

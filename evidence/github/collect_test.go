package github

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/github/fakeapi"
)

const collectToken = "ghp_nachweisTestToken0123456789abcdef"

var collectAt = time.Date(2026, 11, 23, 20, 0, 0, 0, time.UTC)

func fixture(t *testing.T, name string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(read(t, name), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// fixtureUser is the member of the list fixture with another login and id.
func fixtureUser(t *testing.T, login string, id int) map[string]any {
	t.Helper()
	var l []map[string]any
	if err := json.Unmarshal(read(t, "orgs__list-members.json"), &l); err != nil {
		t.Fatal(err)
	}
	u := l[0]
	u["login"], u["id"] = login, float64(id) // as JSON decodes it
	return u
}

func fixtureRepo(t *testing.T, org, name, branch string) map[string]any {
	t.Helper()
	r := fixture(t, "repos__get.json")
	r["name"], r["full_name"], r["default_branch"] = name, org+"/"+name, branch
	r["owner"].(map[string]any)["login"] = org
	return r
}

// fakeOrg serves the organisation "github" of the fixtures: members over
// several pages, two owners, no member without 2FA, one outside
// collaborator, and repositories api (protected), web (not protected) and
// empty (no branch).
func fakeOrg(t *testing.T, members int) *fakeapi.Server {
	t.Helper()
	s := fakeapi.New(t, collectToken)
	s.EchoToken = true
	s.PageSize = 40
	s.Org = fixture(t, "orgs__get.json")
	for i := range members {
		s.Members = append(s.Members, fixtureUser(t, fmt.Sprintf("user-%03d", i), 1000+i))
	}
	s.Owners = []map[string]any{fixtureUser(t, "user-000", 1000), fixtureUser(t, "user-001", 1001)}
	s.Members2FADisabled = []map[string]any{}
	s.Outside = []map[string]any{fixtureUser(t, "contractor", 7)}
	s.Repos = []map[string]any{fixtureRepo(t, "github", "api", "main"), fixtureRepo(t, "github", "web", "release/1.0"), fixtureRepo(t, "github", "empty", "main")}
	p := fixture(t, "repos__get-branch-protection.json")
	p["url"] = s.URL + fakeapi.Prefix + "/repos/github/api/branches/main/protection"
	s.Protection["github/api:main"] = p
	s.Fail = func(r *http.Request) *fakeapi.Failure {
		if strings.Contains(r.URL.Path, "/repos/github/empty/branches/") || strings.Contains(r.URL.Path, "/repos/github/empty/rules/branches/") {
			return &fakeapi.Failure{Status: http.StatusNotFound, Message: "Branch not found"}
		}
		return nil
	}
	return s
}

func collect(t *testing.T, s *fakeapi.Server, mod func(*CollectOptions)) (evidence.SourceData, error) {
	t.Helper()
	o := CollectOptions{
		Name: "example-org", Organization: "github", BaseURL: s.URL, Token: collectToken,
		Collector: "nachweis test", Now: func() time.Time { return collectAt },
		sleep: func(context.Context, time.Duration) error { t.Fatal("unexpected wait"); return nil },
	}
	if mod != nil {
		mod(&o)
	}
	return Collect(context.Background(), o)
}

// projectItems projects the collected items the way the engine reads them.
func projectItems(t *testing.T, sd evidence.SourceData) *Org {
	t.Helper()
	var files []File
	for _, it := range sd.Items {
		files = append(files, File{Path: it.Origin, Kind: it.Kind, Data: it.Data})
	}
	return project(t, files)
}

func logins(us []User) []string {
	var out []string
	for _, u := range us {
		out = append(out, u.Login)
	}
	return out
}

func TestCollectAllPages(t *testing.T) {
	s := fakeOrg(t, 250)
	sd, err := collect(t, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := evidence.Source{Kind: "github", Name: "example-org", Collector: "nachweis test",
		StartedAt: collectAt, FinishedAt: collectAt, Status: evidence.StatusOK}
	if diff := cmp.Diff(want, sd.Source); diff != "" {
		t.Errorf("source (-want +got):\n%s", diff)
	}
	var kinds []string
	for _, it := range sd.Items {
		kinds = append(kinds, it.Kind+" "+it.Origin)
	}
	wantKinds := []string{
		"github/organization organization.json", "github/members members.json", "github/owners owners.json",
		"github/members-2fa-disabled members-2fa-disabled.json", "github/outside-collaborators outside-collaborators.json",
		"github/webhooks webhooks.json", "github/repositories repositories.json", "github/branch-protection branch-protection.json",
		"github/rulesets rulesets.json", "github/deploy-keys deploy-keys.json", "github/collaborator-permissions collaborator-permissions.json",
		"github/vulnerability-alerts vulnerability-alerts.json", "github/dependabot-alerts dependabot-alerts.json",
	}
	if diff := cmp.Diff(wantKinds, kinds); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}

	o := projectItems(t, sd)
	var wantMembers []string
	for i := range 250 {
		wantMembers = append(wantMembers, fmt.Sprintf("user-%03d", i))
	}
	if diff := cmp.Diff(wantMembers, logins(o.Members)); diff != "" {
		t.Errorf("members (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"user-000", "user-001"}, logins(o.Owners)); diff != "" {
		t.Errorf("owners (-want +got):\n%s", diff)
	}
	if o.Members2FADisabled == nil || len(o.Members2FADisabled) != 0 {
		t.Errorf("members without 2FA: got %v, want []", o.Members2FADisabled)
	}
	if diff := cmp.Diff([]string{"contractor"}, logins(o.OutsideCollaborators)); diff != "" {
		t.Errorf("outside collaborators (-want +got):\n%s", diff)
	}
	if o.Organization == nil || o.Organization.TwoFactorRequirementEnabled == nil || !*o.Organization.TwoFactorRequirementEnabled {
		t.Errorf("organization: %+v", o.Organization)
	}
	wantBP := map[string]BranchProtection{
		"github/api:main": {Repository: "github/api", Branch: "main", RequiredApprovingReviewCount: 2, EnforceAdmins: true,
			Ref: "branch-protection.json#/0"},
		// 404 Branch not protected: recorded so that GH-BP-01 fails it.
		"github/web:release/1.0": {Repository: "github/web", Branch: "release/1.0", Ref: "branch-protection.json#/1"},
	}
	if diff := cmp.Diff(wantBP, o.BranchProtection); diff != "" {
		t.Errorf("branch protection (-want +got):\n%s", diff)
	}

	// Users are stored as GitHub sent them, all fields kept.
	var members []map[string]any
	if err := json.Unmarshal(sd.Items[1].Data, &members); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(s.Members[249], members[249]); diff != "" {
		t.Errorf("last member as stored (-want +got):\n%s", diff)
	}

	// 250 members in pages of 40 are 7 requests, each asking for 100.
	var memberPages int
	for _, r := range s.Requests() {
		if strings.HasPrefix(r, fakeapi.Prefix+"/orgs/github/members?") && !strings.Contains(r, "role=") && !strings.Contains(r, "filter=") {
			memberPages++
			if !strings.Contains(r, "per_page=100") {
				t.Errorf("request %s lacks per_page=100", r)
			}
		}
	}
	if memberPages != 7 {
		t.Errorf("member pages requested: %d, want 7", memberPages)
	}
}

func TestCollectEndpointErrors(t *testing.T) {
	s := fakeOrg(t, 3)
	// A member's view: no 2FA setting, and the 2FA filter is refused.
	delete(s.Org, "two_factor_requirement_enabled")
	empty := s.Fail
	s.Fail = func(r *http.Request) *fakeapi.Failure {
		switch {
		case r.URL.Query().Get("filter") == "2fa_disabled":
			return &fakeapi.Failure{Status: http.StatusForbidden, Message: "Must be an organization owner"}
		case strings.HasSuffix(r.URL.Path, "/outside_collaborators"):
			return &fakeapi.Failure{Status: http.StatusInternalServerError, Message: "Server Error"}
		}
		return empty(r)
	}
	sd, err := collect(t, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		KeyMembers2FADisabled: "GET /api/v3/orgs/github/members?filter=2fa_disabled&page=1&per_page=100: 403 Must be an organization owner (Authorization: Bearer [redacted]) " +
			"(GitHub lists members without 2FA to organisation owners only; the token is not an owner's)",
		KeyOutsideCollaborators: "GET /api/v3/orgs/github/outside_collaborators?page=1&per_page=100: 500 Server Error (Authorization: Bearer [redacted])",
	}
	if diff := cmp.Diff(want, sd.Source.Errors); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	for _, it := range sd.Items {
		if it.Kind == KindMembers2FADisabled || it.Kind == KindOutsideCollaborators {
			t.Errorf("item %s stored although its request failed", it.Kind)
		}
	}
	o := projectItems(t, sd)
	if o.Members2FADisabled != nil || o.Organization.TwoFactorRequirementEnabled != nil {
		t.Errorf("2FA evidence from a member's token: %v, %v", o.Members2FADisabled, o.Organization.TwoFactorRequirementEnabled)
	}
}

func TestCollectUnusable(t *testing.T) {
	s := fakeOrg(t, 1)
	s.Token = "another-token"
	_, err := collect(t, s, nil)
	want := "GET /api/v3/orgs/github: 401 Bad credentials (Authorization: Bearer [redacted]) (check the token)"
	if err == nil || err.Error() != want {
		t.Errorf("401:\n got %v\nwant %s", err, want)
	}

	_, err = collect(t, s, func(o *CollectOptions) { o.BaseURL = "http://127.0.0.1:1" })
	if err == nil || !strings.HasPrefix(err.Error(), "reach http://127.0.0.1:1/api/v3/: ") || strings.Contains(err.Error(), "\n") {
		t.Errorf("unreachable: %v", err)
	}
}

func TestCollectRateLimit(t *testing.T) {
	// Reset and Date lie in the past so that go-github's own check of
	// the reset time against the wall clock lets the retry through.
	reset := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	limited := func(s *fakeapi.Server, until time.Time, times int) func(r *http.Request) *fakeapi.Failure {
		base := s.Fail
		return func(r *http.Request) *fakeapi.Failure {
			if f := base(r); f != nil {
				return f
			}
			if r.URL.Path != fakeapi.Prefix+"/orgs/github/members" || r.URL.Query().Get("role") != "" || r.URL.Query().Get("filter") != "" || times == 0 {
				return nil
			}
			times--
			h := http.Header{}
			h.Set("X-RateLimit-Limit", "5000")
			h.Set("X-RateLimit-Remaining", "0")
			h.Set("X-RateLimit-Reset", fmt.Sprint(until.Unix()))
			h.Set("Date", reset.Add(-30*time.Second).Format(http.TimeFormat))
			return &fakeapi.Failure{Status: http.StatusForbidden, Message: "API rate limit exceeded for user ID 1.", Header: h}
		}
	}

	t.Run("reset within the bound: wait and retry", func(t *testing.T) {
		s := fakeOrg(t, 2)
		s.Fail = limited(s, reset, 1)
		var waits []time.Duration
		sd, err := collect(t, s, func(o *CollectOptions) {
			o.sleep = func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil }
		})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]time.Duration{31 * time.Second}, waits); diff != "" {
			t.Errorf("waits (-want +got):\n%s", diff)
		}
		if len(sd.Source.Errors) != 0 {
			t.Errorf("errors: %v", sd.Source.Errors)
		}
		if got := logins(projectItems(t, sd).Members); len(got) != 2 {
			t.Errorf("members after the wait: %v", got)
		}
	})

	t.Run("reset beyond the bound: recorded", func(t *testing.T) {
		s := fakeOrg(t, 2)
		s.Fail = limited(s, reset.Add(2*time.Hour), 1)
		sd, err := collect(t, s, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := "GET /api/v3/orgs/github/members?page=1&per_page=100: rate limit exceeded until 2025-01-01T02:00:00Z, " +
			"longer than the allowed wait of 1m0s: API rate limit exceeded for user ID 1. (Authorization: Bearer [redacted])"
		if diff := cmp.Diff(map[string]string{KeyMembers: want}, sd.Source.Errors); diff != "" {
			t.Errorf("errors (-want +got):\n%s", diff)
		}
	})
}

func TestCollectTokenNotStored(t *testing.T) {
	s := fakeOrg(t, 5)
	sd, err := collect(t, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range sd.Items {
		if strings.Contains(string(it.Data), collectToken) {
			t.Errorf("item %s holds the token", it.Origin)
		}
	}
	for k, e := range sd.Source.Errors {
		if strings.Contains(e, collectToken) {
			t.Errorf("error %s holds the token", k)
		}
	}
}

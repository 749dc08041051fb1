package github

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/evidence/github/fakeapi"
)

// Secrets the fake serves that must never be stored.
const (
	writeKeyMaterial = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIWriteKeyMaterialNeverStored"
	hookSecret       = "whsec_nachweisHookSecretNeverStored"
	hookURLToken     = "tok_inTheHookQueryNeverStored"
)

func fixtureList(t *testing.T, name string) []map[string]any {
	t.Helper()
	var l []map[string]any
	if err := json.Unmarshal(read(t, name), &l); err != nil {
		t.Fatal(err)
	}
	return l
}

// fixtureKey is the deploy key of the fixture for another repository.
func fixtureKey(t *testing.T, s *fakeapi.Server, repo string, id int, title, key string, readOnly bool) map[string]any {
	t.Helper()
	k := fixtureList(t, "repos__list-deploy-keys.json")[0]
	k["id"], k["title"], k["key"], k["read_only"] = float64(id), title, key, readOnly
	k["url"] = fmt.Sprintf("%s%s/repos/%s/keys/%d", s.URL, fakeapi.Prefix, repo, id)
	return k
}

// fixtureHook is the webhook of the fixture with another id and config.
func fixtureHook(t *testing.T, id int, config map[string]any) map[string]any {
	t.Helper()
	h := fixtureList(t, "orgs__list-webhooks.json")[0]
	h["id"], h["config"] = float64(id), config
	return h
}

// fixtureRuleset is the first ruleset of the list fixture with the fields
// of its details (GET /repos/{owner}/{repo}/rulesets/{id}).
func fixtureRuleset(t *testing.T, id int, source string, reviews int, bypass []map[string]any) map[string]any {
	t.Helper()
	rs := fixtureList(t, "repos__get-repo-rulesets.json")[0]
	rs["id"], rs["source"], rs["enforcement"], rs["target"] = float64(id), source, "active", "branch"
	rs["conditions"] = map[string]any{"ref_name": map[string]any{"include": []any{"~DEFAULT_BRANCH"}, "exclude": []any{}}}
	rs["rules"] = []any{pullRequestRule(reviews, 0, "")}
	rs["bypass_actors"] = bypass
	rs["current_user_can_bypass"] = "never"
	return rs
}

// pullRequestRule is a pull_request rule; with a ruleset id it is a rule
// in force on a branch (repository-rule-detailed).
func pullRequestRule(reviews, rulesetID int, source string) map[string]any {
	r := map[string]any{"type": "pull_request", "parameters": map[string]any{
		"dismiss_stale_reviews_on_push": true, "require_code_owner_review": false, "require_last_push_approval": false,
		"required_approving_review_count": float64(reviews), "required_review_thread_resolution": false,
	}}
	if rulesetID != 0 {
		r["ruleset_source_type"], r["ruleset_source"], r["ruleset_id"] = "Repository", source, float64(rulesetID)
	}
	return r
}

// fakeOrgWithRepositoryAccess adds to fakeOrg: webhooks (fixture: no
// secret; one with secret and insecure SSL, credentials and a token in
// its URL; one good), deploy keys (api: the read-only fixture key and a
// write key; web: 41 read-only keys over two pages), outside collaborators
// (contractor: admin on api, write on web) and a ruleset on web's default
// branch requiring one approval without bypass.
func fakeOrgWithRepositoryAccess(t *testing.T) *fakeapi.Server {
	t.Helper()
	s := fakeOrg(t, 3)
	s.Hooks = []map[string]any{
		fixtureList(t, "orgs__list-webhooks.json")[0],
		fixtureHook(t, 2, map[string]any{"url": "https://ci:" + hookSecret + "@hooks.example.com/deliver?token=" + hookURLToken,
			"content_type": "json", "insecure_ssl": "1", "secret": hookSecret, "password": hookSecret}),
		fixtureHook(t, 3, map[string]any{"url": "https://chat.example.com/hooks/github", "content_type": "json", "insecure_ssl": "0", "secret": "********"}),
	}
	s.Keys["github/api"] = []map[string]any{
		fixtureKey(t, s, "github/api", 1, "octocat@octomac", "ssh-rsa AAA...", true),
		fixtureKey(t, s, "github/api", 2, "ci-deploy", writeKeyMaterial, false),
	}
	for i := range 41 {
		s.Keys["github/web"] = append(s.Keys["github/web"], fixtureKey(t, s, "github/web", 100+i, fmt.Sprintf("mirror-%02d", i), "ssh-rsa AAA...", true))
	}
	admin := fixtureUser(t, "contractor", 7)
	admin["permissions"] = map[string]any{"admin": true, "maintain": true, "push": true, "triage": true, "pull": true}
	admin["role_name"] = "admin"
	writer := fixtureUser(t, "contractor", 7)
	writer["permissions"] = map[string]any{"admin": false, "maintain": false, "push": true, "triage": true, "pull": true}
	writer["role_name"] = "write"
	s.Collaborators["github/api"] = []map[string]any{admin}
	s.Collaborators["github/web"] = []map[string]any{writer}
	s.Rules["github/web:release/1.0"] = []map[string]any{pullRequestRule(1, 42, "github/web")}
	s.Rulesets[42] = fixtureRuleset(t, 42, "github/web", 1, []map[string]any{})
	return s
}

func TestCollectRepositoryAccess(t *testing.T) {
	s := fakeOrgWithRepositoryAccess(t)
	sd, err := collect(t, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(sd.Source.Errors) != 0 {
		t.Errorf("errors: %v", sd.Source.Errors)
	}
	o := projectItems(t, sd)

	hook := func(id int64, url string, insecure *bool, secret bool) Webhook {
		return Webhook{ID: id, URL: url, Active: boolPtr(true), InsecureSSL: insecure, SecretConfigured: secret,
			Events: []string{"push", "pull_request"}, Ref: fmt.Sprintf("webhooks.json#/%d", id-1)}
	}
	wantHooks := []Webhook{
		hook(1, "http://example.com", nil, false),
		hook(2, "https://hooks.example.com/deliver", boolPtr(true), true),
		hook(3, "https://chat.example.com/hooks/github", boolPtr(false), true),
	}
	if diff := cmp.Diff(wantHooks, o.Webhooks); diff != "" {
		t.Errorf("webhooks (-want +got):\n%s", diff)
	}

	if n := len(o.DeployKeys); n != 43 {
		t.Errorf("%d deploy keys, want 43 (2 of api, 41 of web over two pages)", n)
	}
	wantKeys := []DeployKey{
		{Repository: "github/api", ID: 1, Title: "octocat@octomac", ReadOnly: boolPtr(true), CreatedAt: "2014-12-10T15:53:42Z", Ref: "deploy-keys.json#/0"},
		{Repository: "github/api", ID: 2, Title: "ci-deploy", ReadOnly: boolPtr(false), CreatedAt: "2014-12-10T15:53:42Z", Ref: "deploy-keys.json#/1"},
	}
	if diff := cmp.Diff(wantKeys, o.DeployKeys[:2]); diff != "" {
		t.Errorf("deploy keys (-want +got):\n%s", diff)
	}

	wantCollab := []CollaboratorPermission{
		{Repository: "github/api", Login: "contractor", Permission: "admin", Admin: boolPtr(true), Ref: "collaborator-permissions.json#/0/collaborators/0"},
		{Repository: "github/web", Login: "contractor", Permission: "write", Admin: boolPtr(false), Ref: "collaborator-permissions.json#/1/collaborators/0"},
	}
	if diff := cmp.Diff(wantCollab, o.CollaboratorPermissions); diff != "" {
		t.Errorf("collaborator permissions (-want +got):\n%s", diff)
	}

	wantRulesets := map[string]BranchRulesets{
		"github/api": {Repository: "github/api", Branch: "main", Rulesets: []Ruleset{}, Ref: "rulesets.json#/0"},
		"github/web": {Repository: "github/web", Branch: "release/1.0", Ref: "rulesets.json#/1", Rulesets: []Ruleset{{
			ID: 42, Name: "super cool ruleset", Source: "github/web", Enforcement: "active",
			RequiredApprovingReviewCount: intPtr(1), BypassActors: []string{}, AdminsBypass: boolPtr(false), Ref: "rulesets.json#/1",
		}}},
	}
	if diff := cmp.Diff(wantRulesets, o.Rulesets); diff != "" {
		t.Errorf("rulesets (-want +got):\n%s", diff)
	}
	var detailRequests int
	for _, r := range s.Requests() {
		if strings.Contains(r, "/rulesets/42?includes_parents=true") {
			detailRequests++
		}
	}
	if detailRequests != 1 {
		t.Errorf("ruleset 42 read %d times with includes_parents, want once", detailRequests)
	}
}

func TestCollectSecretsNotStored(t *testing.T) {
	s := fakeOrgWithRepositoryAccess(t)
	sd, err := collect(t, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range sd.Items {
		secrets := []string{writeKeyMaterial, "ssh-rsa AAA", hookSecret, hookURLToken, `"password"`}
		if it.Kind == KindDeployKeys {
			secrets = append(secrets, `"key"`) // a repository's license has a key too
		}
		for _, secret := range secrets {
			if strings.Contains(string(it.Data), secret) {
				t.Errorf("item %s holds %q", it.Origin, secret)
			}
		}
	}
}

func TestCollectRepositoryAccessErrors(t *testing.T) {
	tests := []struct {
		name string
		fail func(r *http.Request) *fakeapi.Failure
		want map[string]string
	}{
		{
			name: "webhooks refused to a non-owner",
			fail: func(r *http.Request) *fakeapi.Failure {
				if strings.HasSuffix(r.URL.Path, "/orgs/github/hooks") {
					return &fakeapi.Failure{Status: http.StatusNotFound, Message: "Not Found"}
				}
				return nil
			},
			want: map[string]string{KeyWebhooks: "GET /api/v3/orgs/github/hooks?page=1&per_page=100: 404 Not Found (Authorization: Bearer [redacted]) " +
				"(GitHub lists organisation webhooks to organisation owners only, with a token allowed admin:org_hook)"},
		},
		{
			name: "deploy keys of two repositories refused",
			fail: func(r *http.Request) *fakeapi.Failure {
				if strings.HasSuffix(r.URL.Path, "/keys") && !strings.Contains(r.URL.Path, "/empty/") {
					return &fakeapi.Failure{Status: http.StatusForbidden, Message: "Resource not accessible by integration"}
				}
				return nil
			},
			want: map[string]string{KeyDeployKeys: "GET /api/v3/repos/github/api/keys?page=1&per_page=100: 403 Resource not accessible by integration " +
				"(Authorization: Bearer [redacted]) (and 1 more repositories)"},
		},
		{
			name: "rules endpoint unknown (older GitHub Enterprise Server)",
			fail: func(r *http.Request) *fakeapi.Failure {
				if strings.Contains(r.URL.Path, "/rules/branches/") && !strings.Contains(r.URL.Path, "/empty/") {
					return &fakeapi.Failure{Status: http.StatusInternalServerError, Message: "Server Error"}
				}
				return nil
			},
			want: map[string]string{KeyRulesets: "GET /api/v3/repos/github/api/rules/branches/main?page=1&per_page=100: 500 Server Error " +
				"(Authorization: Bearer [redacted]) (and 1 more repositories)"},
		},
		{
			name: "repositories not listed",
			fail: func(r *http.Request) *fakeapi.Failure {
				if strings.HasSuffix(r.URL.Path, "/orgs/github/repos") {
					return &fakeapi.Failure{Status: http.StatusBadGateway, Message: "Bad Gateway"}
				}
				return nil
			},
			want: func() map[string]string {
				msg := "GET /api/v3/orgs/github/repos?page=1&per_page=100&type=all: 502 Bad Gateway (Authorization: Bearer [redacted])"
				return map[string]string{KeyBranchProtection: msg, KeyRulesets: msg, KeyDeployKeys: msg, KeyCollaboratorPerms: msg,
					KeyRepositories: msg, KeyVulnerabilityAlerts: msg}
			}(),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := fakeOrgWithRepositoryAccess(t)
			base := s.Fail
			s.Fail = func(r *http.Request) *fakeapi.Failure {
				if f := tt.fail(r); f != nil {
					return f
				}
				return base(r)
			}
			sd, err := collect(t, s, nil)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, sd.Source.Errors); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}

	t.Run("ruleset details not readable: bypass unknown", func(t *testing.T) {
		s := fakeOrgWithRepositoryAccess(t)
		delete(s.Rulesets, 42)
		sd, err := collect(t, s, nil)
		if err != nil {
			t.Fatal(err)
		}
		rs := projectItems(t, sd).Rulesets["github/web"].Rulesets
		want := []Ruleset{{ID: 42, Enforcement: "active", RequiredApprovingReviewCount: intPtr(1), Ref: "rulesets.json#/1"}}
		if diff := cmp.Diff(want, rs); diff != "" {
			t.Errorf("rulesets (-want +got):\n%s", diff)
		}
	})
}

func intPtr(i int) *int { return &i }

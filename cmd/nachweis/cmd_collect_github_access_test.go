package main

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence/github/fakeapi"
)

// Secrets the fake serves that must reach neither bundle nor results.
const (
	deployKeyMaterial = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICmdTestDeployKeyMaterial"
	webhookSecret     = "whsec_cmdTestWebhookSecret42"
)

// fakeGitHubAccess is fakeGitHub plus the repository web's deploy keys (a
// write key and the read-only fixture key), the organisation's webhooks
// (the fixture's, without secret, and one with a secret), an outside
// collaborator with admin rights and a ruleset that protects web's
// default branch.
func fakeGitHubAccess(t *testing.T) *fakeapi.Server {
	t.Helper()
	s := fakeGitHub(t)
	var keys []map[string]any
	githubFixture(t, "repos__list-deploy-keys.json", &keys)
	keys[0]["url"] = s.URL + fakeapi.Prefix + "/repos/github/web/keys/1"
	write := map[string]any{}
	for k, v := range keys[0] {
		write[k] = v
	}
	write["id"], write["title"], write["read_only"], write["key"] = 2, "release-bot", false, deployKeyMaterial
	write["url"] = s.URL + fakeapi.Prefix + "/repos/github/web/keys/2"
	s.Keys["github/web"] = []map[string]any{keys[0], write}

	var hooks []map[string]any
	githubFixture(t, "orgs__list-webhooks.json", &hooks)
	signed := map[string]any{}
	for k, v := range hooks[0] {
		signed[k] = v
	}
	signed["id"] = 2
	signed["config"] = map[string]any{"url": "https://ci.example.com/hook", "content_type": "json", "insecure_ssl": "0", "secret": webhookSecret}
	s.Hooks = []map[string]any{hooks[0], signed}

	var outside []map[string]any
	githubFixture(t, "orgs__list-outside-collaborators.json", &outside)
	outside[0]["permissions"] = map[string]any{"admin": true, "maintain": true, "push": true, "triage": true, "pull": true}
	outside[0]["role_name"] = "admin"
	s.Collaborators["github/web"] = outside

	var rulesets []map[string]any
	githubFixture(t, "repos__get-repo-rulesets.json", &rulesets)
	rs := rulesets[0]
	rs["source"], rs["enforcement"], rs["bypass_actors"] = "github/web", "active", []any{}
	s.Rulesets[42] = rs
	s.Rules["github/web:main"] = []map[string]any{{
		"type": "pull_request", "parameters": map[string]any{"required_approving_review_count": 1},
		"ruleset_source_type": "Repository", "ruleset_source": "github/web", "ruleset_id": 42,
	}}
	return s
}

func findings(c controls.CheckResult) []string {
	var out []string
	for _, f := range c.Findings {
		out = append(out, string(f.Status)+" "+f.Resource)
	}
	slices.Sort(out)
	return out
}

func TestCollectGitHubRepositoryAccess(t *testing.T) {
	s := fakeGitHubAccess(t)
	checks, _ := collectAndCheckGitHub(t, s, deployKeyMaterial, "ssh-rsa AAA", webhookSecret)
	want := map[string][]string{
		"GH-DEPLOY-01": {
			"fail github/example-org/repository/github/web/deploy-key/2",
			"pass github/example-org/repository/github/web/deploy-key/1",
		},
		"GH-HOOK-01": {
			"fail github/example-org/webhook/1", // the fixture's webhook has no secret
			"pass github/example-org/webhook/2",
		},
		"GH-COLLAB-02": {"fail github/example-org/repository/github/web/outside-collaborator/octocat"},
		// Not protected by branch protection, but by ruleset 42.
		"GH-BP-01":  {"pass github/example-org/branch-protection/github/web:main"},
		"GH-ORG-01": {"pass github/example-org"},
	}
	for id, w := range want {
		if diff := cmp.Diff(w, findings(checks[id])); diff != "" {
			t.Errorf("%s findings (-want +got):\n%s", id, diff)
		}
	}
	for _, f := range checks["GH-DEPLOY-01"].Findings {
		if f.Status == controls.Fail && f.Message.Text != (controls.Text{
			DE: "Deploy Key „release-bot“ des Repositorys github/web, erstellt am 10.12.2014, hat Schreibzugriff",
			EN: "deploy key “release-bot” of repository github/web, created 2014-12-10, has write access",
		}) {
			t.Errorf("GH-DEPLOY-01 message %+v", f.Message.Text)
		}
	}
}

func TestCollectGitHubWebhooksRefused(t *testing.T) {
	s := fakeGitHubAccess(t)
	s.Fail = func(r *http.Request) *fakeapi.Failure {
		if strings.HasSuffix(r.URL.Path, "/orgs/github/hooks") {
			return &fakeapi.Failure{Status: http.StatusForbidden, Message: "Must have admin rights to Repository."}
		}
		return nil
	}
	checks, errOut := collectAndCheckGitHub(t, s, deployKeyMaterial, webhookSecret)
	if !strings.Contains(errOut, "webhooks not collected: GET /api/v3/orgs/github/hooks?page=1&per_page=100: 403 Must have admin rights to Repository.") {
		t.Errorf("collect stderr lacks the warning:\n%s", errOut)
	}
	c := checks["GH-HOOK-01"]
	t.Logf("GH-HOOK-01 %s: %s", c.Status, c.Reason)
	if c.Status != controls.NoEvidence || !strings.Contains(c.Reason.In("en"), "403 Must have admin rights to Repository.") || !strings.Contains(c.Reason.In("en"), "organisation owners only") {
		t.Errorf("GH-HOOK-01 = %s (%q), want no-evidence naming the 403", c.Status, c.Reason)
	}
	if c := checks["GH-DEPLOY-01"]; c.Status != controls.Fail {
		t.Errorf("GH-DEPLOY-01 = %s, want fail: only the webhooks were refused", c.Status)
	}
}

package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/github/fakeapi"
)

const githubToken = "ghp_nachweisCmdTestToken9f8e7d6c5b4a"

func githubFixture(t *testing.T, name string, v any) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "evidence", "github", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatal(err)
	}
}

// fakeGitHub serves organisation "github" with 2FA not required, five
// members over three pages, one of them without 2FA, and a repository whose
// default branch is not protected. Its errors repeat the token.
func fakeGitHub(t *testing.T) *fakeapi.Server {
	s := fakeapi.New(t, githubToken)
	s.EchoToken = true
	s.PageSize = 2
	githubFixture(t, "orgs__get.json", &s.Org)
	s.Org["two_factor_requirement_enabled"] = false
	user := func(login string) map[string]any {
		var l []map[string]any
		githubFixture(t, "orgs__list-members.json", &l)
		l[0]["login"] = login
		return l[0]
	}
	for i := range 5 {
		s.Members = append(s.Members, user(fmt.Sprintf("member-%d", i)))
	}
	s.Owners = []map[string]any{user("member-0")}
	s.Members2FADisabled = []map[string]any{user("member-3")}
	s.Outside = []map[string]any{}
	var repo map[string]any
	githubFixture(t, "repos__get.json", &repo)
	repo["name"], repo["default_branch"] = "web", "main"
	repo["owner"].(map[string]any)["login"] = "github"
	s.Repos = []map[string]any{repo}
	return s
}

func githubConfig(t *testing.T, dir, baseURL string) string {
	cfg := `sources:
  github:
    - name: example-org
      organization: github
      token_env: GITHUB_TOKEN
      base_url: ` + baseURL + "\n"
	p := filepath.Join(dir, "nachweis.yaml")
	if err := os.WriteFile(p, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// collectAndCheckGitHub collects the fake organisation and checks the
// bundle, asserting that neither the token nor the other secrets reached
// the bundle, the results or the output.
func collectAndCheckGitHub(t *testing.T, s *fakeapi.Server, secrets ...string) (checks map[string]controls.CheckResult, collectStderr string) {
	t.Helper()
	dir := t.TempDir()
	cfg := githubConfig(t, dir, s.URL)
	bundle := filepath.Join(dir, "bundle")
	env := map[string]string{"GITHUB_TOKEN": githubToken}
	_, errOut, code := nachweis(t, env, "collect", "--config", cfg, "-o", bundle, "--now", "2026-11-23T19:00:00Z")
	if code != exitOK {
		t.Fatalf("collect: exit %d, stderr %s", code, errOut)
	}
	out, checkErr, code := nachweis(t, env, "check", "--bundle", bundle, "--config", cfg, "--format", "json", "--now", "2026-11-23T20:00:00Z")
	if code != exitFailing {
		t.Fatalf("check: exit %d, stderr %s", code, checkErr)
	}
	secrets = append([]string{githubToken}, secrets...)
	for name, text := range map[string]string{"collect stderr": errOut, "check stderr": checkErr, "results": out} {
		for _, secret := range secrets {
			if strings.Contains(text, secret) {
				t.Errorf("%s contains %q", name, secret)
			}
		}
	}
	assertBundleLacks(t, bundle, secrets...)
	var res controls.Results
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	checks = map[string]controls.CheckResult{}
	for _, c := range res.Checks {
		checks[c.ID] = c
	}
	return checks, errOut
}

func TestCollectGitHubOwnerToken(t *testing.T) {
	s := fakeGitHub(t)
	checks, errOut := collectAndCheckGitHub(t, s)
	if lines := strings.Split(strings.TrimSpace(errOut), "\n"); len(lines) != 1 || !strings.HasPrefix(lines[0], "collected 1 source(s) into ") {
		t.Errorf("collect stderr:\n%s", errOut)
	}
	for id, want := range map[string]controls.Outcome{
		"GH-2FA-01": controls.Fail, // two_factor_requirement_enabled: false
		"GH-2FA-02": controls.Fail, // member-3, found on the second page of the 2FA list
		"GH-BP-01":  controls.Fail, // 404 Branch not protected
	} {
		c := checks[id]
		t.Logf("%s %s: %s", id, c.Status, c.Reason)
		if c.Status != want {
			t.Errorf("%s = %s, want %s", id, c.Status, want)
		}
	}
	var failing []string
	for _, f := range checks["GH-2FA-02"].Findings {
		if f.Status == controls.Fail {
			failing = append(failing, f.Resource)
		}
	}
	if len(failing) != 1 || failing[0] != "github/example-org/member/member-3" {
		t.Errorf("GH-2FA-02 failing findings: %v", failing)
	}
	var bp []string
	for _, f := range checks["GH-BP-01"].Findings {
		bp = append(bp, string(f.Status)+" "+f.Resource)
	}
	if len(bp) != 1 || bp[0] != "fail github/example-org/branch-protection/github/web:main" {
		t.Errorf("GH-BP-01 findings: %v", bp)
	}
}

func TestCollectGitHubNonOwnerToken(t *testing.T) {
	s := fakeGitHub(t)
	delete(s.Org, "two_factor_requirement_enabled") // shown to owners only
	s.Fail = func(r *http.Request) *fakeapi.Failure {
		if r.URL.Query().Get("filter") == "2fa_disabled" {
			return &fakeapi.Failure{Status: http.StatusForbidden, Message: "Must be an organization owner"}
		}
		return nil
	}
	checks, errOut := collectAndCheckGitHub(t, s)
	if !strings.Contains(errOut, "nachweis: warning: github/example-org: members_2fa_disabled not collected: GET /api/v3/orgs/github/members?filter=2fa_disabled&page=1&per_page=100: 403 Must be an organization owner") {
		t.Errorf("collect stderr lacks the warning:\n%s", errOut)
	}
	c := checks["GH-2FA-02"]
	t.Logf("GH-2FA-02 %s: %s", c.Status, c.Reason)
	if c.Status != controls.NoEvidence || !strings.Contains(c.Reason.In("en"), "403 Must be an organization owner") || !strings.Contains(c.Reason.In("en"), "organisation owners only") {
		t.Errorf("GH-2FA-02 = %s (%q), want no-evidence naming the 403 and owners", c.Status, c.Reason)
	}
	for _, f := range c.Findings {
		if f.Status == controls.Pass {
			t.Errorf("GH-2FA-02 passes %s with a non-owner token", f.Resource)
		}
	}
	if c := checks["GH-2FA-01"]; c.Status != controls.NoEvidence {
		t.Errorf("GH-2FA-01 = %s (%q), want no-evidence: the setting is shown to owners only", c.Status, c.Reason)
	}
}

func TestCollectGitHubBadToken(t *testing.T) {
	s := fakeGitHub(t)
	dir := t.TempDir()
	cfg := githubConfig(t, dir, s.URL)
	bundle := filepath.Join(dir, "bundle")
	_, errOut, code := nachweis(t, map[string]string{"GITHUB_TOKEN": "ghp_revokedToken0000"}, "collect", "--config", cfg, "-o", bundle)
	if code != exitError {
		t.Errorf("exit %d, want %d", code, exitError)
	}
	want := "nachweis: collect github/example-org: GET /api/v3/orgs/github: 401 Bad credentials (Authorization: Bearer [redacted]) (check the token)\n"
	if errOut != want {
		t.Errorf("stderr\n got %q\nwant %q", errOut, want)
	}
	if _, err := os.Stat(bundle); !os.IsNotExist(err) {
		t.Errorf("bundle written: %v", err)
	}

	_, errOut, code = nachweis(t, nil, "collect", "--config", cfg, "-o", bundle)
	if code != exitError || !strings.Contains(errOut, "environment variable GITHUB_TOKEN (token_env) is not set or empty") {
		t.Errorf("no token: exit %d, stderr %q", code, errOut)
	}
	if _, err := evidence.Open(bundle); err == nil {
		t.Error("bundle written without a token")
	}
}

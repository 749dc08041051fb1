package github

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestProjectImportedShapes(t *testing.T) {
	o := project(t, []File{
		{Path: "keys.json", Kind: KindDeployKeys, Data: read(t, "repos__list-deploy-keys.json")},
		{Path: "hooks.json", Kind: KindWebhooks, Data: read(t, "orgs__list-webhooks.json")},
		{Path: "rulesets.json", Kind: KindRulesets, Data: read(t, "repos__get-repo-rulesets.json")},
	})
	wantKeys := []DeployKey{{Repository: "octocat/Hello-World", ID: 1, Title: "octocat@octomac", ReadOnly: boolPtr(true),
		CreatedAt: "2014-12-10T15:53:42Z", Ref: "keys.json#/0"}}
	if diff := cmp.Diff(wantKeys, o.DeployKeys); diff != "" {
		t.Errorf("deploy keys (-want +got):\n%s", diff)
	}
	// The example shows no insecure_ssl and no secret.
	wantHooks := []Webhook{{ID: 1, URL: "http://example.com", Active: boolPtr(true), Events: []string{"push", "pull_request"}, Ref: "hooks.json#/0"}}
	if diff := cmp.Diff(wantHooks, o.Webhooks); diff != "" {
		t.Errorf("webhooks (-want +got):\n%s", diff)
	}
	// A list of rulesets shows neither conditions nor rules nor bypass
	// actors: recorded, but unknown.
	wantRulesets := map[string]BranchRulesets{"monalisa/my-repo": {Repository: "monalisa/my-repo", Ref: "rulesets.json#/0", Rulesets: []Ruleset{
		{ID: 42, Name: "super cool ruleset", Source: "monalisa/my-repo", Enforcement: "enabled", Ref: "rulesets.json#/0"},
		{ID: 314, Name: "Another ruleset", Source: "monalisa/my-repo", Enforcement: "enabled", Ref: "rulesets.json#/1"},
	}}}
	if diff := cmp.Diff(wantRulesets, o.Rulesets); diff != "" {
		t.Errorf("rulesets (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(present(KeyDeployKeys, KeyWebhooks, KeyRulesets), o.Present); diff != "" {
		t.Errorf("present (-want +got):\n%s", diff)
	}
}

func TestProjectRulesetDetails(t *testing.T) {
	detail := func(include, exclude string, bypass string) string {
		return `{"id":7,"name":"main","target":"branch","source_type":"Repository","source":"acme/api","enforcement":"active",` +
			`"conditions":{"ref_name":{"include":[` + include + `],"exclude":[` + exclude + `]}},` +
			`"rules":[{"type":"deletion"},{"type":"pull_request","parameters":{"required_approving_review_count":2}}]` + bypass + `}`
	}
	tests := []struct {
		name string
		data string
		want map[string]BranchRulesets
	}{
		{
			name: "default branch, no bypass",
			data: detail(`"~DEFAULT_BRANCH"`, ``, `,"bypass_actors":[]`),
			want: map[string]BranchRulesets{"acme/api": {Repository: "acme/api", Ref: "r.json#", Rulesets: []Ruleset{{ID: 7, Name: "main", Source: "acme/api",
				Enforcement: "active", RequiredApprovingReviewCount: intPtr(2), BypassActors: []string{}, AdminsBypass: boolPtr(false), Ref: "r.json#"}}}},
		},
		{
			name: "all branches, organisation admins and a team may bypass",
			data: detail(`"~ALL"`, ``, `,"bypass_actors":[{"actor_id":1,"actor_type":"OrganizationAdmin","bypass_mode":"always"},{"actor_id":9,"actor_type":"Team","bypass_mode":"pull_request"}]`),
			want: map[string]BranchRulesets{"acme/api": {Repository: "acme/api", Ref: "r.json#", Rulesets: []Ruleset{{ID: 7, Name: "main", Source: "acme/api",
				Enforcement: "active", RequiredApprovingReviewCount: intPtr(2), BypassActors: []string{"OrganizationAdmin 1 (always)", "Team 9 (pull_request)"},
				AdminsBypass: boolPtr(true), Ref: "r.json#"}}}},
		},
		{
			name: "repository admin role may bypass; bypass actors shown to editors only",
			data: `[` + detail(`"~DEFAULT_BRANCH"`, ``, `,"bypass_actors":[{"actor_id":5,"actor_type":"RepositoryRole","bypass_mode":"always"}]`) + `,` +
				strings.Replace(detail(`"~DEFAULT_BRANCH"`, ``, ``), `"id":7`, `"id":8`, 1) + `]`,
			want: map[string]BranchRulesets{"acme/api": {Repository: "acme/api", Ref: "r.json#/0", Rulesets: []Ruleset{
				{ID: 7, Name: "main", Source: "acme/api", Enforcement: "active", RequiredApprovingReviewCount: intPtr(2),
					BypassActors: []string{"RepositoryRole 5 (always)"}, AdminsBypass: boolPtr(true), Ref: "r.json#/0"},
				{ID: 8, Name: "main", Source: "acme/api", Enforcement: "active", RequiredApprovingReviewCount: intPtr(2), Ref: "r.json#/1"},
			}}},
		},
		{
			name: "release branches only, default branch excluded, organisation ruleset, tag ruleset: none applies",
			data: `[` + detail(`"refs/heads/release/*"`, ``, ``) + `,` + detail(`"~ALL"`, `"~DEFAULT_BRANCH"`, ``) + `,` +
				`{"id":9,"source_type":"Organization","source":"acme","enforcement":"active"},` +
				`{"id":10,"target":"tag","source_type":"Repository","source":"acme/api","enforcement":"active"}]`,
			want: map[string]BranchRulesets{},
		},
		{
			name: "as collected: rules in force and the details of their rulesets",
			data: `[{"repository":"acme/api","branch":"main","rules":[` +
				`{"type":"pull_request","parameters":{"required_approving_review_count":1},"ruleset_source_type":"Organization","ruleset_source":"acme","ruleset_id":3},` +
				`{"type":"required_signatures","ruleset_source_type":"Repository","ruleset_source":"acme/api","ruleset_id":4}],` +
				`"rulesets":[{"id":3,"name":"org review","source_type":"Organization","source":"acme","enforcement":"active","bypass_actors":[]}],` +
				`"errors":{"4":"GET /repos/acme/api/rulesets/4: 404 Not Found"}}]`,
			want: map[string]BranchRulesets{"acme/api": {Repository: "acme/api", Branch: "main", Ref: "r.json#/0", Rulesets: []Ruleset{
				{ID: 3, Name: "org review", Source: "acme", Enforcement: "active", RequiredApprovingReviewCount: intPtr(1),
					BypassActors: []string{}, AdminsBypass: boolPtr(false), Ref: "r.json#/0"},
				{ID: 4, Enforcement: "active", RequiredApprovingReviewCount: intPtr(0), Ref: "r.json#/0"},
			}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := project(t, []File{{Path: "r.json", Kind: KindRulesets, Data: []byte(tt.data)}})
			if diff := cmp.Diff(tt.want, o.Rulesets); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestProjectCollaboratorPermissions(t *testing.T) {
	data := `[{"repository":"acme/web","collaborators":[{"login":"zoe","permissions":{"pull":true,"triage":true,"push":true,"maintain":true,"admin":false}},` +
		`{"login":"ops","role_name":"release-manager","permissions":{"admin":true}},{"login":"anna","role_name":"admin"},{"login":"ben"}]},` +
		`{"repository":"acme/api","collaborators":[]}]`
	o := project(t, []File{{Path: "c.json", Kind: KindCollaboratorPermissions, Data: []byte(data)}})
	want := []CollaboratorPermission{
		{Repository: "acme/web", Login: "anna", Permission: "admin", Admin: boolPtr(true), Ref: "c.json#/0/collaborators/2"},
		{Repository: "acme/web", Login: "ben", Ref: "c.json#/0/collaborators/3"},
		{Repository: "acme/web", Login: "ops", Permission: "release-manager", Admin: boolPtr(true), Ref: "c.json#/0/collaborators/1"},
		{Repository: "acme/web", Login: "zoe", Permission: "maintain", Admin: boolPtr(false), Ref: "c.json#/0/collaborators/0"},
	}
	if diff := cmp.Diff(want, o.CollaboratorPermissions); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	empty := project(t, []File{{Path: "c.json", Kind: KindCollaboratorPermissions, Data: []byte("[]")}})
	if empty.CollaboratorPermissions == nil || !empty.Present[KeyCollaboratorPerms] {
		t.Errorf("collected and empty: %v, present %v", empty.CollaboratorPermissions, empty.Present[KeyCollaboratorPerms])
	}
}

func TestProjectRepositoryAccessErrors(t *testing.T) {
	tests := []struct {
		name string
		file File
		want string
	}{
		{"deploy key url of another endpoint", File{Path: "k.json", Kind: KindDeployKeys, Data: []byte(`[{"id":1,"url":"https://api.github.com/repos/a/b","title":"t","read_only":true}]`)},
			`project github/deploy-keys k.json: /0: url "https://api.github.com/repos/a/b" is not .../repos/{owner}/{repo}/keys/{id}`},
		{"deploy keys not JSON", File{Path: "k.json", Kind: KindDeployKeys, Data: []byte(`ssh-rsa AAA`)},
			"project github/deploy-keys k.json: decode deploy keys: invalid JSON at byte 0 (the top-level value): unexpected 's', expected a value"},
		{"deploy key read_only a string", File{Path: "k.json", Kind: KindDeployKeys, Data: []byte(`[{"id":1,"url":"https://api.github.com/repos/a/b/keys/1","title":"t","read_only":true},{"id":2,"read_only":"false"}]`)},
			"project github/deploy-keys k.json: decode deploy key: /1/read_only: expected a boolean (true or false), found a string"},
		{"webhook events an object", File{Path: "h.json", Kind: KindWebhooks, Data: []byte(`[{"id":1,"config":{},"events":{"push":true}}]`)},
			"project github/webhooks h.json: decode webhook: /0/events: expected an array of strings, found an object"},
		{"ruleset rules a string", File{Path: "r.json", Kind: KindRulesets, Data: []byte(`[{"repository":"a/b","branch":"main","rules":"x"}]`)},
			"project github/rulesets r.json: decode rules of a default branch: /0/rules: expected an array of JSON values, found a string"},
		{"insecure_ssl of another value", File{Path: "h.json", Kind: KindWebhooks, Data: []byte(`[{"id":1,"config":{"insecure_ssl":"yes"}}]`)},
			`project github/webhooks h.json: /0: config.insecure_ssl: "yes": expected "0" or "1"`},
		{"collaborators without repository", File{Path: "c.json", Kind: KindCollaboratorPermissions, Data: []byte(`[{"collaborators":[]}]`)},
			"project github/collaborator-permissions c.json: /0: no repository"},
		{"collaborator without login", File{Path: "c.json", Kind: KindCollaboratorPermissions, Data: []byte(`[{"repository":"a/b","collaborators":[{"id":1}]}]`)},
			"project github/collaborator-permissions c.json: /0/collaborators/0: collaborator without login"},
		{"ruleset of unknown shape", File{Path: "r.json", Kind: KindRulesets, Data: []byte(`[{"id":1}]`)},
			"project github/rulesets r.json: /0: neither a GitHub ruleset (source_type) nor the rules of a default branch (repository, branch, rules)"},
		{"rules without branch", File{Path: "r.json", Kind: KindRulesets, Data: []byte(`[{"repository":"a/b","branch":"","rules":[]}]`)},
			"project github/rulesets r.json: /0: rules without repository or branch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Project([]File{tt.file})
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error\n got %v\nwant prefix %q", err, tt.want)
			}
		})
	}
}

// TestWebhookInsecureSSLMessage: a value that is neither "0" nor "1" is
// shown on one line and cut short, whatever it holds.
func TestWebhookInsecureSSLMessage(t *testing.T) {
	data := `[{"id":1,"config":{"insecure_ssl":{"a":"` + strings.Repeat("x", 60) + `",` + "\n" + `"b":1}}}]`
	_, err := Project([]File{{Path: "h.json", Kind: KindWebhooks, Data: []byte(data)}})
	want := `project github/webhooks h.json: /0: config.insecure_ssl: {"a":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…: expected "0" or "1"`
	if err == nil || err.Error() != want {
		t.Errorf("error\n got %v\nwant %s", err, want)
	}
}

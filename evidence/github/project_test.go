package github

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func read(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// with returns the fixture object with a field set, or removed.
func with(t *testing.T, name, field string, value any, remove bool) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(read(t, name), &m); err != nil {
		t.Fatal(err)
	}
	if remove {
		delete(m, field)
	} else {
		m[field] = value
	}
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func project(t *testing.T, files []File) *Org {
	t.Helper()
	o, err := Project(files)
	if err != nil {
		t.Fatalf("Project: %v", err)
	}
	return o
}

func boolPtr(b bool) *bool    { return &b }
func strPtr(s string) *string { return &s }
func present(keys ...string) map[string]bool {
	m := map[string]bool{}
	for _, k := range Keys {
		m[k] = false
	}
	for _, k := range keys {
		m[k] = true
	}
	return m
}

const dir = "sources/github/example-org/"

func TestProjectFixtures(t *testing.T) {
	o := project(t, []File{
		{Path: dir + "org.json", Kind: KindOrganization, Data: read(t, "orgs__get.json")},
		{Path: dir + "members.json", Kind: KindMembers, Data: read(t, "orgs__list-members.json")},
		{Path: dir + "outside-collaborators.json", Kind: KindOutsideCollaborators, Data: read(t, "orgs__list-outside-collaborators.json")},
		{Path: dir + "protection-hello-world-master.json", Kind: KindBranchProtection, Data: read(t, "repos__get-branch-protection.json")},
	})
	want := &Org{
		Present: present(KeyOrganization, KeyMembers, KeyOutsideCollaborators, KeyBranchProtection),
		Errors:  map[string]string{},
		Files: map[string][]string{KeyOrganization: {dir + "org.json#"}, KeyMembers: {dir + "members.json#"},
			KeyOutsideCollaborators: {dir + "outside-collaborators.json#"}, KeyBranchProtection: {dir + "protection-hello-world-master.json#"}},
		Organization: &Organization{Login: "github", TwoFactorRequirementEnabled: boolPtr(true), DefaultRepositoryPermission: strPtr("read"), Ref: dir + "org.json#"},
		Members:      []User{{Login: "octocat", Ref: dir + "members.json#/0"}},
		// not collected: null
		Members2FADisabled:   nil,
		Owners:               nil,
		OutsideCollaborators: []User{{Login: "octocat", Ref: dir + "outside-collaborators.json#/0"}},
		BranchProtection: map[string]BranchProtection{"octocat/Hello-World:master": {
			Repository: "octocat/Hello-World", Branch: "master", RequiredApprovingReviewCount: 2, EnforceAdmins: true,
			Ref: dir + "protection-hello-world-master.json#",
		}},
		Rulesets: map[string]BranchRulesets{},
	}
	if diff := cmp.Diff(want, o); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	got, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{`"members_2fa_disabled":null`, `"owners":null`, `"two_factor_requirement_enabled":true`} {
		if !strings.Contains(string(got), part) {
			t.Errorf("JSON lacks %s: %s", part, got)
		}
	}
}

func TestProjectTwoFactorVisibility(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want *bool
		json string
	}{
		{"owner view: true", read(t, "orgs__get.json"), boolPtr(true), `"two_factor_requirement_enabled":true`},
		{"owner view: false", with(t, "orgs__get.json", "two_factor_requirement_enabled", false, false), boolPtr(false), `"two_factor_requirement_enabled":false`},
		{"member view: field absent", with(t, "orgs__get.json", "two_factor_requirement_enabled", nil, true), nil, `"two_factor_requirement_enabled":null`},
		{"field null", with(t, "orgs__get.json", "two_factor_requirement_enabled", nil, false), nil, `"two_factor_requirement_enabled":null`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := project(t, []File{{Path: "org.json", Kind: KindOrganization, Data: tt.data}})
			if diff := cmp.Diff(tt.want, o.Organization.TwoFactorRequirementEnabled); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			got, err := json.Marshal(o.Organization)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(got), tt.json) {
				t.Errorf("JSON %s lacks %s", got, tt.json)
			}
		})
	}
	o := project(t, []File{{Path: "org.json", Kind: KindOrganization, Data: with(t, "orgs__get.json", "default_repository_permission", nil, true)}})
	if o.Organization.DefaultRepositoryPermission != nil {
		t.Errorf("default_repository_permission: got %q, want null", *o.Organization.DefaultRepositoryPermission)
	}
}

func TestProjectUserLists(t *testing.T) {
	tests := []struct {
		name  string
		files []File
		want  *Org
		json  string
	}{
		{
			name:  "nothing collected: lists null, branch protection empty",
			files: nil,
			want:  &Org{Present: present(), Errors: map[string]string{}, Files: map[string][]string{}, BranchProtection: map[string]BranchProtection{}, Rulesets: map[string]BranchRulesets{}},
			json: `{"present":{"branch_protection":false,"collaborator_permissions":false,"dependabot_alerts":false,"deploy_keys":false,"members":false,"members_2fa_disabled":false,"organization":false,"outside_collaborators":false,"owners":false,"repositories":false,"rulesets":false,"vulnerability_alerts":false,"webhooks":false},` +
				`"errors":{},"files":{},"organization":null,"members":null,"members_2fa_disabled":null,"owners":null,"outside_collaborators":null,"branch_protection":{},` +
				`"rulesets":{},"deploy_keys":null,"webhooks":null,"collaborator_permissions":null,"repositories":null,"vulnerability_alerts":null,"dependabot_alerts":null}`,
		},
		{
			name: "collected and empty: [] not null",
			files: []File{
				{Path: "2fa.json", Kind: KindMembers2FADisabled, Data: []byte("[]\n")},
				{Path: "outside.json", Kind: KindOutsideCollaborators, Data: []byte("[]")},
			},
			want: &Org{Present: present(KeyMembers2FADisabled, KeyOutsideCollaborators), Errors: map[string]string{},
				Files:              map[string][]string{KeyMembers2FADisabled: {"2fa.json#"}, KeyOutsideCollaborators: {"outside.json#"}},
				Members2FADisabled: []User{}, OutsideCollaborators: []User{}, BranchProtection: map[string]BranchProtection{}, Rulesets: map[string]BranchRulesets{}},
			json: `{"present":{"branch_protection":false,"collaborator_permissions":false,"dependabot_alerts":false,"deploy_keys":false,"members":false,"members_2fa_disabled":true,"organization":false,"outside_collaborators":true,"owners":false,"repositories":false,"rulesets":false,"vulnerability_alerts":false,"webhooks":false},` +
				`"errors":{},"files":{"members_2fa_disabled":["2fa.json#"],"outside_collaborators":["outside.json#"]},"organization":null,"members":null,"members_2fa_disabled":[],"owners":null,"outside_collaborators":[],"branch_protection":{},` +
				`"rulesets":{},"deploy_keys":null,"webhooks":null,"collaborator_permissions":null,"repositories":null,"vulnerability_alerts":null,"dependabot_alerts":null}`,
		},
		{
			name: "pages are joined, sorted and deduplicated per list",
			files: []File{
				{Path: "owners-1.json", Kind: KindOwners, Data: []byte(`[{"login":"zoe","id":3},{"login":"octocat","id":1}]`)},
				{Path: "owners-2.json", Kind: KindOwners, Data: []byte(`[{"login":"octocat","id":1},{"login":"hubot","id":2}]`)},
				{Path: "members.json", Kind: KindMembers, Data: []byte(`[{"login":"octocat","id":1}]`)},
			},
			want: &Org{Present: present(KeyOwners, KeyMembers), Errors: map[string]string{},
				Files:   map[string][]string{KeyOwners: {"owners-1.json#", "owners-2.json#"}, KeyMembers: {"members.json#"}},
				Members: []User{{Login: "octocat", Ref: "members.json#/0"}},
				Owners: []User{{Login: "hubot", Ref: "owners-2.json#/1"}, {Login: "octocat", Ref: "owners-1.json#/1"},
					{Login: "zoe", Ref: "owners-1.json#/0"}},
				BranchProtection: map[string]BranchProtection{}, Rulesets: map[string]BranchRulesets{}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := project(t, tt.files)
			if diff := cmp.Diff(tt.want, o); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if tt.json == "" {
				return
			}
			got, err := json.Marshal(o)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.json, string(got)); diff != "" {
				t.Errorf("JSON (-want +got):\n%s", diff)
			}
		})
	}
}

func TestProjectBranchProtection(t *testing.T) {
	tests := []struct {
		name string
		data string
		want map[string]BranchProtection
	}{
		{
			name: "no reviews, admins not enforced",
			data: `{"url":"https://api.github.com/repos/acme/api/branches/main/protection","enforce_admins":{"enabled":false}}`,
			want: map[string]BranchProtection{"acme/api:main": {Repository: "acme/api", Branch: "main", Ref: "p.json#"}},
		},
		{
			name: "reviews without count, enforce_admins absent",
			data: `{"url":"https://api.github.com/repos/acme/api/branches/main/protection","required_pull_request_reviews":{"dismiss_stale_reviews":true}}`,
			want: map[string]BranchProtection{"acme/api:main": {Repository: "acme/api", Branch: "main", Ref: "p.json#"}},
		},
		{
			name: "branch with slash, escaped or not; GitHub Enterprise Server path; array",
			data: `[{"url":"https://ghe.example.com/api/v3/repos/acme/api/branches/release%2F1.0/protection","required_pull_request_reviews":{"required_approving_review_count":1},"enforce_admins":{"enabled":true}},
				{"url":"https://api.github.com/repos/acme/web/branches/release/2.0/protection"}]`,
			want: map[string]BranchProtection{
				"acme/api:release/1.0": {Repository: "acme/api", Branch: "release/1.0", RequiredApprovingReviewCount: 1, EnforceAdmins: true, Ref: "p.json#/0"},
				"acme/web:release/2.0": {Repository: "acme/web", Branch: "release/2.0", Ref: "p.json#/1"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := project(t, []File{{Path: "p.json", Kind: KindBranchProtection, Data: []byte(tt.data)}})
			if diff := cmp.Diff(tt.want, o.BranchProtection); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if !o.Present[KeyBranchProtection] {
				t.Error("branch_protection not present")
			}
		})
	}
}

func TestProjectErrors(t *testing.T) {
	tests := []struct {
		name string
		file File
		want string
	}{
		{"org not JSON", File{Path: "sources/github/o/org.json", Kind: KindOrganization, Data: []byte("<html>")},
			"project github/organization sources/github/o/org.json: decode GET /orgs/{org} response: invalid JSON at byte 0 (the top-level value): unexpected '<', expected a value"},
		{"org without login", File{Path: "org.json", Kind: KindOrganization, Data: []byte(`{"message":"Not Found"}`)},
			"project github/organization org.json: no login"},
		{"members not a list", File{Path: "m.json", Kind: KindMembers, Data: []byte(`{"message":"Must be an organization owner"}`)},
			"project github/members m.json: decode user list: the top-level value: expected an array of objects, found an object"},
		{"member without login", File{Path: "m.json", Kind: KindOwners, Data: []byte(`[{"id":1}]`)},
			"project github/owners m.json: /0: user without login"},
		{"protection without url", File{Path: "p.json", Kind: KindBranchProtection, Data: []byte(`{"message":"Branch not protected"}`)},
			`project github/branch-protection p.json: url "" is not a branch protection URL`},
		{"protection url of another endpoint", File{Path: "p.json", Kind: KindBranchProtection, Data: []byte(`[{"url":"https://api.github.com/repos/a/b"}]`)},
			`project github/branch-protection p.json: /0: url "https://api.github.com/repos/a/b" is not .../repos/{owner}/{repo}/branches/{branch}/protection`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Project([]File{tt.file})
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error\n got %q\nwant prefix %q", err, tt.want)
			}
		})
	}
	org := read(t, "orgs__get.json")
	_, err := Project([]File{{Path: "a.json", Kind: KindOrganization, Data: org}, {Path: "b.json", Kind: KindOrganization, Data: org}})
	if err == nil || !strings.Contains(err.Error(), "b.json: a second organization file") {
		t.Errorf("two organization files: %v", err)
	}
}

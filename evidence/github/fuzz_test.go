package github

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/evidence/internal/fuzzcheck"
)

// fuzzKinds are the file kinds Project reads; the fuzzer picks one by
// index.
var fuzzKinds = []string{KindOrganization, KindMembers, KindMembers2FADisabled, KindOwners, KindOutsideCollaborators,
	KindBranchProtection, KindRulesets, KindDeployKeys, KindWebhooks, KindCollaboratorPermissions,
	KindRepositories, KindVulnerabilityAlerts, KindDependabotAlerts}

// fuzzKeys are the Present keys of fuzzKinds, in the same order.
var fuzzKeys = []string{KeyOrganization, KeyMembers, KeyMembers2FADisabled, KeyOwners, KeyOutsideCollaborators,
	KeyBranchProtection, KeyRulesets, KeyDeployKeys, KeyWebhooks, KeyCollaboratorPerms,
	KeyRepositories, KeyVulnerabilityAlerts, KeyDependabotAlerts}

// fuzzFixtures are the fixtures by kind.
var fuzzFixtures = map[string][]string{
	KindOrganization:         {"orgs__get.json"},
	KindMembers:              {"orgs__list-members.json"},
	KindOutsideCollaborators: {"orgs__list-outside-collaborators.json"},
	KindBranchProtection:     {"repos__get-branch-protection.json"},
	KindRulesets:             {"repos__get-repo-rulesets.json"},
	KindDeployKeys:           {"repos__list-deploy-keys.json"},
	KindWebhooks:             {"orgs__list-webhooks.json"},
	KindRepositories:         {"repos__get.json"},
	KindDependabotAlerts:     {"dependabot__list-alerts-for-org.json"},
}

// fuzzShapes are small files of each kind, and shapes that once confused
// a reader.
var fuzzShapes = map[string][]string{
	KindOrganization: {`{"login":"o","two_factor_requirement_enabled":null,"default_repository_permission":"admin"}`, `{"login":""}`, `[]`},
	KindOwners:       {`[{"login":"a","type":"User"},{"login":"a"},{"login":"B"}]`, `[{"login":""}]`, `[{"login":1}]`, `null`},
	KindBranchProtection: {
		`[{"url":"https://api.github.com/repos/o/r/branches/feature%2Fx/protection","required_pull_request_reviews":{"required_approving_review_count":2},"enforce_admins":{"enabled":true}}]`,
		`{"url":"https://api.github.com/repos/o/r/branches/%zz/protection"}`, `{"url":"::"}`, `[{"url":"https://h/repos/o/r/branches/main/protection"},{"url":"https://h/repos/o/r/branches/main/protection"}]`,
	},
	KindRulesets: {
		`[{"id":1,"name":"main","source_type":"Repository","source":"o/r","enforcement":"active"}]`,
		`[{"repository":"o/r","branch":"main","rules":[{"type":"pull_request","parameters":{"required_approving_review_count":1},"ruleset_source_type":"Organization","ruleset_source":"o","ruleset_id":7}],"rulesets":[{"id":7,"name":"org","source_type":"Organization","source":"o","enforcement":"active","bypass_actors":[{"actor_id":1,"actor_type":"OrganizationAdmin","bypass_mode":"always"}],"conditions":{"ref_name":{"include":["~DEFAULT_BRANCH"],"exclude":[]}}}],"errors":{"8":"404"}}]`,
		`{"id":7,"source_type":"Organization","source":"o","enforcement":"evaluate","target":"branch","conditions":{"ref_name":{"include":["~ALL"]}},"rules":[{"type":"pull_request","parameters":{"required_approving_review_count":3}}]}`,
	},
	KindDeployKeys: {`[{"id":1,"key":"ssh-rsa AAAA","url":"https://api.github.com/repos/o/r/keys/1","title":"t","read_only":false,"created_at":"2026-01-01T00:00:00Z"}]`, `{"id":1,"url":"https://x/keys/1","read_only":null}`},
	KindWebhooks: {
		`[{"id":1,"url":"https://api.github.com/orgs/o/hooks/1","active":true,"events":["push"],"config":{"url":"https://u:p@example.com/h?t=1#f","insecure_ssl":"1","secret":"********","content_type":"json"}}]`,
		`[{"id":2,"config":{"insecure_ssl":0}},{"id":3,"config":{"insecure_ssl":"yes"}}]`,
		"[{\"id\":4,\"config\":{\"insecure_ssl\":{\"a\":\n1}}}]",
	},
	KindRepositories:        {`[{"full_name":"o/r","archived":false,"permissions":{"admin":true},"security_and_analysis":{"secret_scanning":{"status":"enabled"}}}]`, `{"full_name":"o/r\n"}`},
	KindVulnerabilityAlerts: {`[{"repository":"o/r","vulnerability_alerts":null,"status":404}]`, `[{"repository":"o/r","vulnerability_alerts":true}]`},
	KindDependabotAlerts: {
		`[{"number":1,"state":"open","created_at":"2026-01-01T00:00:00Z","repository":{"full_name":"o/r"},"security_vulnerability":{"severity":"high"}}]`,
		`{"number":1,"repository":{"full_name":"o/r"},"created_at":"yesterday"}`,
	},
	KindCollaboratorPermissions: {
		`[{"repository":"o/r","collaborators":[{"login":"x","role_name":"admin","permissions":{"admin":true,"push":true,"pull":true}},{"login":"y","permissions":null}]}]`,
		`[{"repository":"o/r","collaborators":[1]}]`,
	},
}

func FuzzProject(f *testing.F) {
	for i, kind := range fuzzKinds {
		for _, name := range fuzzFixtures[kind] {
			data, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data, uint8(i))
		}
		for _, s := range fuzzShapes[kind] {
			f.Add([]byte(s), uint8(i))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, kind uint8) {
		i := int(kind) % len(fuzzKinds)
		checkGitHub(t, fuzzKinds[i], fuzzKeys[i], data)
	})
}

const fuzzPath = "sources/github/example-org/item.json"

// checkGitHub projects one file of kind: an error is one line naming the
// file without Go types; a projection marshals, is the same twice and
// when the file is given twice (user lists and branch protections are
// read once, a second organization is refused), marks the kind's key present, holds sorted
// user lists without duplicates, and every ref leads into the file.
func checkGitHub(t *testing.T, kind, key string, data []byte) {
	file := File{Path: fuzzPath, Kind: kind, Data: data}
	o, err := Project([]File{file})
	if err != nil {
		if e := fuzzcheck.Message(err, fuzzPath); e != nil {
			t.Fatal(e)
		}
		return
	}
	out, err := json.Marshal(o)
	if err != nil {
		t.Fatalf("projection does not marshal: %v", err)
	}
	again, err := Project([]File{file})
	if err != nil {
		t.Fatalf("second projection fails: %v", err)
	}
	if diff := cmp.Diff(o, again); diff != "" {
		t.Fatalf("two projections differ:\n%s", diff)
	}
	if !o.Present[key] {
		t.Fatalf("a %s file leaves %s not present", kind, key)
	}
	twice := file
	twice.Path = "sources/github/example-org/again.json"
	both, err := Project([]File{file, twice})
	switch {
	case kind == KindOrganization:
		if err == nil {
			t.Fatal("a second organization file is accepted")
		}
	case err != nil:
		t.Fatalf("the file given twice fails: %v", err)
	case slices.Contains([]string{KindDeployKeys, KindWebhooks, KindCollaboratorPermissions, KindRulesets,
		KindRepositories, KindVulnerabilityAlerts, KindDependabotAlerts}, kind):
		// Not deduplicated across files (Project does not say it
		// would): the same entries twice.
	default:
		// Files lists where each key was read from: both files.
		both.Files = o.Files
		if diff := cmp.Diff(o, both); diff != "" {
			t.Fatalf("the file given twice projects differently (-once +twice):\n%s", diff)
		}
	}
	for _, l := range [][]User{o.Members, o.Members2FADisabled, o.Owners, o.OutsideCollaborators} {
		if !slices.IsSortedFunc(l, func(a, b User) int { return cmpString(a.Login, b.Login) }) {
			t.Fatalf("user list not sorted: %v", l)
		}
		for i := 1; i < len(l); i++ {
			if l[i].Login == l[i-1].Login {
				t.Fatalf("user %q listed twice", l[i].Login)
			}
		}
	}
	var doc any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if rs := refs(doc, nil); len(rs) > 0 {
		in, err := fuzzcheck.Parse(data)
		if err != nil {
			t.Fatalf("a projection with refs of a file that is not JSON: %v", err)
		}
		for _, ref := range rs {
			if err := in.Ref(ref, fuzzPath); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// refs collects the values of every "ref" key in a marshalled projection.
func refs(v any, out []string) []string {
	switch x := v.(type) {
	case map[string]any:
		for k, child := range x {
			if s, ok := child.(string); ok && k == "ref" {
				out = append(out, s)
				continue
			}
			out = refs(child, out)
		}
	case []any:
		for _, child := range x {
			out = refs(child, out)
		}
	}
	return out
}

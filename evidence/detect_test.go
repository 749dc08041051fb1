package evidence

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
)

const fixtures = "testdata/fixtures"

// fixtureKinds says, for every fixture file, the kind a plain import (no
// --kind, the file alone) detects, or the error it gives. The first
// matching pattern wins; every file must match one and every pattern must
// match a file.
var fixtureKinds = []struct {
	pattern string
	kind    string
	err     string
}{
	{"README.md", "", "not JSON and not restic check output"},

	{"borg/*/info.json", KindBorgInfo, ""},
	{"borg/*/info-last-archive.json", KindBorgInfo, ""},
	{"borg/*/list.json", KindBorgList, ""},
	{"borg/*/prune-*.txt", "", "not JSON and not restic check output"},

	{"github-api/orgs__get.json", KindGitHubOrg, ""},
	{"github-api/orgs__list-members.json", KindGitHubMembers, ""},
	{"github-api/orgs__list-outside-collaborators.json", KindGitHubOutside, ""},
	{"github-api/repos__get-branch-protection.json", KindGitHubBranchProt, ""},
	{"github-api/dependabot__list-alerts-for-org.json", KindGitHubDependabot, ""},
	{"github-api/orgs__list-webhooks.json", KindGitHubWebhooks, ""},
	{"github-api/repos__get.json", KindGitHubRepos, ""},
	{"github-api/repos__list-deploy-keys.json", KindGitHubDeployKeys, ""},
	{"github-api/orgs__get-audit-log.ghec.json", "", "unrecognised JSON array"},
	{"github-api/orgs__list-members.parameters.json", "", "unrecognised JSON array"},
	{"github-api/repos__get-repo-rulesets.json", KindGitHubRulesets, ""},

	{"kubernetes/kubectl-get-local-apiserver/kubectl-version.json", KindKubernetesVersion, ""},
	{"kubernetes/kubectl-get-local-apiserver/*.json", KindKubernetesList, ""},
	{"kubernetes/lists/*/*.json", KindKubernetesList, ""},
	{"kubernetes/more-lists/sonobuoy-kind-v1.14.2/*.json", KindKubernetesList, ""},
	{"kubernetes/more-lists/sonobuoy-aws-v1.8.4/*.json", "", `Kubernetes objects without "kind" (as sonobuoy saves them): expected --kind kubernetes/<Kind>`},
	{"kubernetes/manifests/*/*.yaml", "", "YAML, not JSON"},
	{"kubernetes/more-manifests/*/*.yaml", "", "YAML, not JSON"},

	{"pgbackrest/*/info.json", KindPgBackRestInfo, ""},
	{"pgbackrest/*/info.txt", "", "pgbackrest info text output; run pgbackrest info --output=json"},

	{"restic/*/snapshots.json", KindResticSnapshots, ""},
	{"restic/*/stats.json", KindResticStats, ""},
	{"restic/*/stats-raw-data.json", KindResticStats, ""},
	{"restic/*/cat-config.json", KindResticConfig, ""},
	{"restic/*/check.txt", KindResticCheck, ""},
	{"restic/*/check.exitcode.txt", "", "not JSON and not restic check output"},
	{"restic/*/forget-*.json", "", "restic forget --json output"},

	{"velero/*.yaml", "", "YAML, not JSON"},
	{"velero/*.json", KindKubernetesList, ""},
	{"velero/*/*.json", KindKubernetesList, ""},
}

func TestImportDetectsEveryFixture(t *testing.T) {
	used := map[string]bool{}
	err := filepath.WalkDir(fixtures, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, fixtures+string(filepath.Separator)))
		i := -1
		for j, fk := range fixtureKinds {
			if ok, _ := path.Match(fk.pattern, rel); ok {
				i = j
				break
			}
		}
		if i < 0 {
			t.Errorf("%s: no entry in fixtureKinds", rel)
			return nil
		}
		used[fixtureKinds[i].pattern] = true
		want := fixtureKinds[i]
		t.Run(rel, func(t *testing.T) {
			parent := t.TempDir()
			bundle := filepath.Join(parent, "bundle")
			err := Import(t.Context(), ImportOptions{Bundle: bundle, Files: []string{p}, Now: testNow, ToolVersion: "test"})
			if want.err != "" {
				checkInputError(t, err, p, want.err)
				if got := dirNames(t, parent); len(got) != 0 {
					t.Errorf("failed import left %v", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			b, err := Open(bundle)
			if err != nil {
				t.Fatal(err)
			}
			if n := len(b.Manifest.Sources); n != 1 || len(b.Manifest.Sources[0].Files) != 1 {
				t.Fatalf("manifest has %d sources: %+v", n, b.Manifest.Sources)
			}
			if got := b.Manifest.Sources[0].Files[0].Kind; got != want.kind {
				t.Errorf("kind %s, want %s", got, want.kind)
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, fk := range fixtureKinds {
		if !used[fk.pattern] {
			t.Errorf("pattern %s matches no fixture", fk.pattern)
		}
	}
}

// checkInputError asserts that err is one line naming file and saying want.
func checkInputError(t *testing.T, err error, file, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("import of %s succeeded, want error %q", file, want)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "import "+file+": ") {
		t.Errorf("error %q does not start with \"import %s: \"", msg, file)
	}
	if !strings.Contains(msg, want) {
		t.Errorf("error %q does not contain %q", msg, want)
	}
	if strings.Contains(msg, "\n") {
		t.Errorf("error is more than one line: %q", msg)
	}
	if !errors.Is(err, ErrInput) {
		t.Errorf("errors.Is(%q, ErrInput) = false", msg)
	}
}

// TestImportDetectsEdgeCases covers inputs no tool in fixtures/ wrote:
// damaged, empty or mis-encoded files, and content that needs --kind.
func TestImportDetectsEdgeCases(t *testing.T) {
	snapshots := readFixture(t, "restic/web01-daily-9d/snapshots.json")
	borgInfo := readFixture(t, "borg/web01-repokey-blake2-daily-9d/info.json")
	members := readFixture(t, "github-api/orgs__list-members.json")
	nodes := readFixture(t, "kubernetes/more-lists/sonobuoy-aws-v1.8.4/cluster__Nodes.json")
	nodeList := readFixture(t, "kubernetes/lists/sonobuoy-healthsummary-kind/cluster__core_v1_nodes.json")
	check := readFixture(t, "restic/web01-daily-9d/check.txt")
	tests := []struct {
		name     string
		file     string // base name
		data     []byte
		kind     string // --kind
		want     string // detected kind
		itemKind string
		err      string
	}{
		{name: "truncated JSON", file: "snap.json", data: snapshots[:812], err: "truncated JSON at byte 812: expected restic snapshots|stats --json, restic cat config, restic check, kubectl get -o json, borg info|list --json, pgbackrest info --output=json or GitHub API JSON"},
		{name: "truncated object", file: "info.json", data: borgInfo[:100], err: "truncated JSON at byte 100"},
		{name: "trailing garbage", file: "info.json", data: append(append([]byte{}, borgInfo...), "}"...), err: "invalid JSON at byte"},
		{name: "empty file", file: "snap.json", data: nil, err: "empty file: expected restic snapshots"},
		{name: "blank file", file: "snap.json", data: []byte(" \n\t\n"), err: "empty file"},
		{name: "UTF-16", file: "pods.json", data: []byte{0xFF, 0xFE, '{', 0}, err: "UTF-16 text"},
		{name: "byte order mark", file: "pods.json", data: append([]byte("\xEF\xBB\xBF"), borgInfo...), err: "byte order mark"},
		{name: "binary", file: "x.gz", data: []byte{0x1f, 0x8b, 0x08, 0x00, 0xff}, err: "binary data"},
		{name: "JSON scalar", file: "x.json", data: []byte("42\n"), err: "not JSON and not restic check output"},
		{name: "array of strings", file: "x.json", data: []byte(`["a"]`), err: "JSON array whose elements are not objects"},
		{name: "wrong tool for --kind", file: "snapshots.json", data: snapshots, kind: KindBorgInfo, err: "found restic snapshots --json output: expected borg info --json (--kind borg/info)"},
		{name: "wrong source for --kind", file: "info.json", data: borgInfo, kind: "restic", err: "found borg info --json output: expected restic snapshots|stats --json, restic cat config or restic check output (--kind restic)"},
		{name: "truncated under --kind", file: "info.json", data: borgInfo[:50], kind: KindBorgInfo, err: "truncated JSON at byte 50: expected borg info --json (--kind borg/info)"},
		{name: "unknown --kind", file: "snapshots.json", data: snapshots, kind: "restic/snapshot", err: `unknown --kind "restic/snapshot"`},
		{name: "--kind of a list kind", file: "nodes.json", data: nodes, kind: "kubernetes/NodeList", err: "the kind of the objects, e.g. kubernetes/Node"},
		{name: "source kind", file: "snapshots.json", data: snapshots, kind: "restic", want: KindResticSnapshots},
		{name: "item kind", file: "snapshots.json", data: snapshots, kind: KindResticSnapshots, want: KindResticSnapshots},
		{name: "kindless objects named", file: "nodes.json", data: nodes, kind: "kubernetes/Node", want: KindKubernetesList, itemKind: "Node"},
		{name: "kindless objects misnamed", file: "pods.json", data: readFixture(t, "kubernetes/lists/sonobuoy-kind-v1.21.1/ns-kube-system__core_v1_pods.json"), kind: "kubernetes/Node", err: "holds Pod objects, not Node"},
		{name: "typed list items take the list's kind", file: "nodes.json", data: nodeList, kind: "kubernetes/Node", want: KindKubernetesList, itemKind: "Node"},
		{name: "typed list misnamed", file: "nodes.json", data: nodeList, kind: "kubernetes/Pod", err: "holds Node objects, not Pod"},
		{name: "user list without a hint", file: "users.json", data: members, err: "a GitHub user list does not say which list it is: expected --kind github/members"},
		{name: "user list named by --kind", file: "users.json", data: members, kind: KindGitHubOwners, want: KindGitHubOwners},
		{name: "user list, 2fa file name", file: "members-2fa_disabled.json", data: members, want: KindGitHubMembers2FA},
		{name: "user list, admin file name", file: "members-role-admin.json", data: members, want: KindGitHubOwners},
		{name: "user list, github source", file: "users.json", data: members, kind: "github", err: "a GitHub user list does not say which list it is"},
		{name: "empty array", file: "snapshots.json", data: []byte("[]\n"), err: "an empty JSON array does not say which tool wrote it"},
		{name: "empty array named", file: "snapshots.json", data: []byte("[]\n"), kind: "restic", want: KindResticSnapshots},
		{name: "empty array, outside collaborators", file: "outside-collaborators.json", data: []byte("[]"), want: KindGitHubOutside},
		{name: "empty array, webhooks", file: "webhooks.json", data: []byte("[]"), want: KindGitHubWebhooks},
		{name: "empty array, deploy keys", file: "deploy-keys.json", data: []byte("[]"), want: KindGitHubDeployKeys},
		{name: "empty array, rulesets", file: "rulesets.json", data: []byte("[]"), want: KindGitHubRulesets},
		{name: "empty array, collaborator permissions", file: "collaborator-permissions.json", data: []byte("[]\n"), want: KindGitHubCollabPerms},
		{name: "empty array, github source, no hint", file: "x.json", data: []byte("[]"), kind: "github", err: "an empty JSON array does not say which GitHub list it is: expected --kind naming it"},
		{name: "one deploy key", file: "key.json", data: []byte(`{"id":1,"key":"ssh-rsa AAA...","url":"https://api.github.com/repos/octocat/Hello-World/keys/1","title":"octocat@octomac","read_only":true}`), want: KindGitHubDeployKeys},
		{name: "one webhook", file: "hook.json", data: []byte(`{"id":1,"url":"https://api.github.com/orgs/octocat/hooks/1","name":"web","events":["push"],"config":{"url":"http://example.com"}}`), want: KindGitHubWebhooks},
		{name: "one ruleset", file: "ruleset.json", data: []byte(`{"id":42,"name":"main","source_type":"Repository","source":"octocat/Hello-World","enforcement":"active","rules":[]}`), want: KindGitHubRulesets},
		{name: "rulesets as collected", file: "r.json", data: []byte(`[{"repository":"octocat/Hello-World","branch":"main","rules":[],"rulesets":[]}]`), want: KindGitHubRulesets},
		{name: "collaborator permissions as collected", file: "c.json", data: []byte(`[{"repository":"octocat/Hello-World","collaborators":[]}]`), want: KindGitHubCollabPerms},
		{name: "empty Kubernetes list", file: "pods.json", data: []byte("[]"), kind: "kubernetes", want: KindKubernetesList},
		{name: "restic check", file: "out.txt", data: check, want: KindResticCheck},
		{name: "failed restic check named", file: "out.txt", data: []byte("Fatal: wrong password or no key found\n"), kind: KindResticCheck, want: KindResticCheck},
		{name: "failed restic check, restic source", file: "out.txt", data: []byte("Fatal: repository contains errors\n"), kind: "restic", want: KindResticCheck},
		{name: "failed restic check unnamed", file: "out.txt", data: []byte("Fatal: wrong password or no key found\n"), err: "not JSON and not restic check output"},
		{name: "JSON as restic check", file: "snapshots.json", data: snapshots, kind: KindResticCheck, err: "found restic snapshots --json output: expected restic check output"},
		{name: "group-by", file: "snapshots.json", data: []byte(`[{"group_key":{"hostname":"web-01"},"snapshots":[]}]`), err: "restic snapshots --group-by output"},
		{name: "GitHub error response", file: "org.json", data: []byte(`{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}`), err: `GitHub API error response ("Bad credentials")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			file := filepath.Join(parent, "in", tt.file)
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			bundle := filepath.Join(parent, "bundle")
			err := Import(t.Context(), ImportOptions{Bundle: bundle, Kind: tt.kind, Files: []string{file}, Now: testNow})
			if tt.err != "" {
				if strings.HasPrefix(tt.err, "unknown --kind") || strings.Contains(tt.err, "not of the list") || tt.kind == "kubernetes/NodeList" {
					// Option errors name the option, not a file.
					if err == nil || !strings.Contains(err.Error(), tt.err) || !errors.Is(err, ErrInput) {
						t.Errorf("error = %v, want %q", err, tt.err)
					}
				} else {
					checkInputError(t, err, file, tt.err)
				}
				if got := dirNames(t, parent); len(got) != 1 {
					t.Errorf("failed import left %v", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			b, err := Open(bundle)
			if err != nil {
				t.Fatal(err)
			}
			f := b.Manifest.Sources[0].Files[0]
			if f.Kind != tt.want || f.ItemKind != tt.itemKind {
				t.Errorf("kind %q item kind %q, want %q %q", f.Kind, f.ItemKind, tt.want, tt.itemKind)
			}
		})
	}
}

func readFixture(t *testing.T, rel string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fixtures, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestDetectKindOneLine: an object kind from the file with line breaks or
// terminal escapes is written printable in the refusal, which stays one
// line.
func TestDetectKindOneLine(t *testing.T) {
	tests := []struct{ data, kind, want string }{
		{`[{"kind":"Po\nd\u001b[2J"}]`, "kubernetes/Pod", "holds Po%0Ad%1B[2J objects, not Pod"},
		{`{"apiVersion":"v1","kind":"\rList","items":{}}`, "", "Kubernetes %0DList whose items are not a JSON array of objects"},
	}
	for _, tt := range tests {
		want, err := parseKindFlag(tt.kind)
		if err != nil {
			t.Fatal(err)
		}
		c, reason := classify([]byte(tt.data))
		_, _, err = detectAll([]input{{path: "in.json", data: []byte(tt.data), c: c, reason: reason}}, want)
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.ContainsAny(err.Error(), "\r\n\x1b") {
			t.Errorf("%s: %v, want one line with %q", tt.data, err, tt.want)
		}
	}
}

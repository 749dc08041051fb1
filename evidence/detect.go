package evidence

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/nachweis/nachweis/evidence/internal/printable"
)

// Detection of imported files. The kind of a file is decided by its
// content; a --kind option narrows or overrides it, and the other files of
// the same import call decide between kinds the content leaves open.
//
// JSON objects:
//   - apiVersion and kind (strings): a Kubernetes object or list, as
//     kubectl get -o json prints it (List, typed *List or one object):
//     kubernetes/list. Velero's objects are Kubernetes objects.
//   - repository and encryption: borg/info when it has cache, borg/list
//     when it has archives but no cache.
//   - total_size and snapshots_count: restic/stats.
//   - version, id and chunker_polynomial: restic/config.
//   - login and (type "Organization", two_factor_requirement_enabled or
//     default_repository_permission): github/organization.
//   - required_pull_request_reviews or enforce_admins, and a url ending in
//     /protection: github/branch-protection.
//   - source_type and enforcement: a GitHub ruleset (GET
//     /repos/{owner}/{repo}/rulesets/{id}): github/rulesets.
//   - read_only, title and a url containing /keys/: a GitHub deploy key:
//     github/deploy-keys.
//   - config and events: a GitHub webhook: github/webhooks.
//   - full_name, owner and default_branch or visibility: a GitHub
//     repository (GET /repos/{owner}/{repo}): github/repositories.
//
// JSON arrays, by their first element:
//   - apiVersion, kind or metadata: Kubernetes objects (sonobuoy saves
//     lists this way): kubernetes/list. Every object must carry its kind,
//     or --kind kubernetes/<Kind> must name it.
//   - time, tree, paths and id: restic/snapshots.
//   - name, backup, db and status: pgbackrest/info.
//   - source_type and enforcement: GitHub rulesets (GET
//     /repos/{owner}/{repo}/rulesets, or the details of each):
//     github/rulesets; repository, branch and rules: the rules in force
//     on default branches as nachweis collect stores them: github/rulesets.
//   - read_only, title and (key or a url containing /keys/): GitHub
//     deploy keys (GET /repos/{owner}/{repo}/keys): github/deploy-keys.
//   - config and events: GitHub webhooks (GET /orgs/{org}/hooks):
//     github/webhooks.
//   - repository and collaborators: the outside collaborators of each
//     repository with their permissions, as nachweis collect stores them:
//     github/collaborator-permissions.
//   - full_name, owner and default_branch or visibility: GitHub
//     repositories (GET /orgs/{org}/repos): github/repositories.
//   - number, state, dependency and security_advisory: Dependabot alerts
//     (GET /orgs/{org}/dependabot/alerts): github/dependabot-alerts.
//   - repository and vulnerability_alerts: whether each repository has
//     Dependabot alerts enabled, as nachweis collect stores it:
//     github/vulnerability-alerts.
//   - login and type: a GitHub user list. Its content does not say which
//     list, so the file name decides: "outside" or "collaborator" →
//     github/outside-collaborators, "2fa" → github/members-2fa-disabled,
//     "admin" or "owner" → github/owners, "member" → github/members;
//     otherwise --kind must.
//   - An empty array can be any of these; --kind, the other files of the
//     call or the GitHub file-name rule must decide (besides the user
//     lists: "permission" → github/collaborator-permissions, "hook" →
//     github/webhooks, "deploy" or "keys" → github/deploy-keys, "ruleset"
//     → github/rulesets, "dependabot" → github/dependabot-alerts,
//     "vulnerab" → github/vulnerability-alerts, "repo" →
//     github/repositories).
//
// Deploy keys and webhooks are stored without key material and secrets,
// repositories without temp_clone_token (see RedactGitHub).
//
// Text: restic check output, recognised by "no errors were found" or the
// lines restic check prints ("load indexes", "check snapshots, trees and
// blobs", "repository contains errors"). With --kind restic/check (or
// --kind restic) any text mentioning "error" or "fatal" is accepted, since
// a failed check is evidence too.
//
// kubectl version -o json with a serverVersion, and the API server's GET
// /version answer (major, minor and gitVersion): kubernetes/version.
//
// Recognised and refused, with a hint: kubectl version -o json without a
// serverVersion (run it with access to the cluster), restic snapshots --group-by, restic
// forget --json, GitHub API error responses, YAML, UTF-16 text and a
// UTF-8 byte order mark (the raw bytes are stored as given, so readers
// would stumble over them).

// kindDescriptions names the tool output of each item kind, for messages.
var kindDescriptions = map[string]string{
	KindKubernetesList:   "kubectl get -o json",
	KindResticSnapshots:  "restic snapshots --json",
	KindResticStats:      "restic stats --json",
	KindResticConfig:     "restic cat config",
	KindResticCheck:      "restic check output",
	KindBorgInfo:         "borg info --json",
	KindBorgList:         "borg list --json",
	KindPgBackRestInfo:   "pgbackrest info --output=json",
	KindGitHubOrg:        "GitHub API JSON of GET /orgs/{org}",
	KindGitHubMembers:    "GitHub API JSON of GET /orgs/{org}/members",
	KindGitHubMembers2FA: "GitHub API JSON of GET /orgs/{org}/members?filter=2fa_disabled",
	KindGitHubOwners:     "GitHub API JSON of GET /orgs/{org}/members?role=admin",
	KindGitHubOutside:    "GitHub API JSON of GET /orgs/{org}/outside_collaborators",
	KindGitHubBranchProt: "GitHub API JSON of GET /repos/{owner}/{repo}/branches/{branch}/protection",
	KindGitHubRulesets:   "GitHub API JSON of GET /repos/{owner}/{repo}/rulesets[/{id}] or nachweis collect's rulesets.json",
	KindGitHubDeployKeys: "GitHub API JSON of GET /repos/{owner}/{repo}/keys",
	KindGitHubWebhooks:   "GitHub API JSON of GET /orgs/{org}/hooks",
	KindGitHubCollabPerms: "nachweis collect's collaborator-permissions.json " +
		"(GET /repos/{owner}/{repo}/collaborators?affiliation=outside per repository)",
	KindGitHubRepos:       "GitHub API JSON of GET /orgs/{org}/repos",
	KindGitHubDependabot:  "GitHub API JSON of GET /orgs/{org}/dependabot/alerts",
	KindGitHubVulnAlerts:  "nachweis collect's vulnerability-alerts.json (GET /repos/{owner}/{repo}/vulnerability-alerts per repository)",
	KindKubernetesVersion: "kubectl version -o json or the API server's GET /version",
}

// sourceDescriptions names the tool output of each source kind.
var sourceDescriptions = map[string]string{
	"kubernetes": "kubectl get -o json",
	"restic":     "restic snapshots|stats --json, restic cat config or restic check output",
	"borg":       "borg info|list --json",
	"pgbackrest": "pgbackrest info --output=json",
	"github":     "GitHub API JSON (organization, member lists, repositories, branch protection, rulesets, deploy keys, webhooks, Dependabot alerts)",
}

// expectedAny is what an import expects when no --kind narrows it.
const expectedAny = "restic snapshots|stats --json, restic cat config, restic check, kubectl get -o json, borg info|list --json, pgbackrest info --output=json or GitHub API JSON"

var githubUserLists = []string{KindGitHubMembers, KindGitHubMembers2FA, KindGitHubOwners, KindGitHubOutside}

// githubOtherLists are the GitHub kinds besides the user lists whose
// content can be an empty JSON array.
var githubOtherLists = []string{KindGitHubRulesets, KindGitHubDeployKeys, KindGitHubWebhooks, KindGitHubCollabPerms,
	KindGitHubRepos, KindGitHubDependabot, KindGitHubVulnAlerts}

// emptyArrayKinds are the kinds whose output can be an empty JSON array.
var emptyArrayKinds = slices.Concat([]string{KindKubernetesList, KindPgBackRestInfo, KindResticSnapshots}, githubUserLists, githubOtherLists)

// kindFlag is a parsed --kind value.
type kindFlag struct {
	raw      string
	source   string // source kind; "" for any
	kind     string // item kind; "" for any of the source kind
	itemKind string // Kubernetes object kind from kubernetes/<Kind>
}

var k8sKindRE = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`)

func parseKindFlag(s string) (kindFlag, error) {
	if s == "" {
		return kindFlag{}, nil
	}
	if _, ok := sourceDescriptions[s]; ok {
		return kindFlag{raw: s, source: s}, nil
	}
	if _, ok := kindDescriptions[s]; ok {
		return kindFlag{raw: s, source: sourceOf(s), kind: s}, nil
	}
	if k, ok := strings.CutPrefix(s, "kubernetes/"); ok && k8sKindRE.MatchString(k) {
		if strings.HasSuffix(k, "List") {
			return kindFlag{}, &InputError{
				Reason:   fmt.Sprintf("unknown --kind %q", s),
				Expected: fmt.Sprintf("the kind of the objects, e.g. kubernetes/%s, not of the list", strings.TrimSuffix(k, "List")),
			}
		}
		return kindFlag{raw: s, source: "kubernetes", kind: KindKubernetesList, itemKind: k}, nil
	}
	return kindFlag{}, &InputError{
		Reason:   fmt.Sprintf("unknown --kind %q", s),
		Expected: "a source kind (kubernetes, restic, borg, pgbackrest, github), an item kind (" + strings.Join(sortedKinds(), ", ") + ") or kubernetes/<Kind> naming the objects' kind",
	}
}

// expected says what a file must be under this flag.
func (f kindFlag) expected() string {
	switch {
	case f.itemKind != "":
		return fmt.Sprintf("kubectl get -o json output of %s objects (--kind %s)", f.itemKind, f.raw)
	case f.kind != "":
		return fmt.Sprintf("%s (--kind %s)", kindDescriptions[f.kind], f.raw)
	case f.source != "":
		return fmt.Sprintf("%s (--kind %s)", sourceDescriptions[f.source], f.raw)
	}
	return expectedAny
}

func sourceOf(kind string) string {
	s, _, _ := strings.Cut(kind, "/")
	return s
}

func sortedKinds() []string {
	ks := make([]string, 0, len(kindDescriptions))
	for k := range kindDescriptions {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// content is what classify learned from a file.
type content struct {
	// kinds the content can be; one unless the content leaves it open.
	kinds []string
	// objKinds are the kinds of Kubernetes objects; "" for an object
	// without one.
	objKinds []string
	// name is a source name the content states: borg repository
	// location, pgBackRest stanza, GitHub organisation login.
	name string
	// weakName is a weaker hint: the owner in a branch-protection URL.
	weakName string
	// what describes the content for messages.
	what string
	// text is set for content that is not JSON.
	text bool
}

// classify decides what data can be. A non-empty reason says why it
// cannot be evidence.
func classify(data []byte) (content, string) {
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	switch {
	case len(trimmed) == 0:
		return content{}, "empty file"
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return content{}, "UTF-16 text, not UTF-8 (PowerShell's > writes UTF-16; write the file with Out-File -Encoding utf8)"
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		return content{}, "starts with a UTF-8 byte order mark; save the file without it"
	case trimmed[0] == '{':
		return classifyObject(data)
	case trimmed[0] == '[':
		return classifyArray(data)
	}
	return classifyText(data)
}

func classifyObject(data []byte) (content, string) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return content{}, jsonReason(err)
	}
	switch {
	case str(m, "apiVersion") != "" && str(m, "kind") != "":
		return classifyKubernetesObject(m)
	case isObject(m["serverVersion"]):
		return content{kinds: []string{KindKubernetesVersion}, what: "kubectl version -o json output"}, ""
	case has(m, "clientVersion"):
		return content{}, "kubectl version -o json output without serverVersion: run it with access to the cluster"
	case str(m, "gitVersion") != "" && has(m, "major") && has(m, "minor") && has(m, "platform"):
		return content{kinds: []string{KindKubernetesVersion}, what: "the Kubernetes API server's version"}, ""
	case isObject(m["repository"]) && isObject(m["encryption"]):
		c := content{name: borgRepoName(m["repository"])}
		switch {
		case has(m, "cache"):
			c.kinds, c.what = []string{KindBorgInfo}, "borg info --json output"
		case has(m, "archives"):
			c.kinds, c.what = []string{KindBorgList}, "borg list --json output"
		default:
			return content{}, "borg JSON with neither cache nor archives"
		}
		return c, ""
	case has(m, "total_size") && has(m, "snapshots_count"):
		return content{kinds: []string{KindResticStats}, what: "restic stats --json output"}, ""
	case has(m, "version") && has(m, "id") && has(m, "chunker_polynomial"):
		return content{kinds: []string{KindResticConfig}, what: "restic cat config output"}, ""
	case str(m, "login") != "" && (str(m, "type") == "Organization" || has(m, "two_factor_requirement_enabled") || has(m, "default_repository_permission")):
		return content{kinds: []string{KindGitHubOrg}, name: str(m, "login"), what: "a GitHub organization"}, ""
	case (has(m, "required_pull_request_reviews") || has(m, "enforce_admins")) && strings.HasSuffix(str(m, "url"), "/protection"):
		return content{kinds: []string{KindGitHubBranchProt}, weakName: urlOwner(str(m, "url")), what: "a GitHub branch protection"}, ""
	case has(m, "source_type") && has(m, "enforcement"):
		return content{kinds: []string{KindGitHubRulesets}, weakName: rulesetOwner(m), what: "a GitHub ruleset"}, ""
	case isDeployKey(m):
		return content{kinds: []string{KindGitHubDeployKeys}, weakName: urlOwner(str(m, "url")), what: "a GitHub deploy key"}, ""
	case isObject(m["config"]) && has(m, "events"):
		return content{kinds: []string{KindGitHubWebhooks}, weakName: hookOrg(str(m, "url")), what: "a GitHub webhook"}, ""
	case isRepository(m):
		return content{kinds: []string{KindGitHubRepos}, weakName: repoOwner(str(m, "full_name")), what: "a GitHub repository"}, ""
	case has(m, "message") && has(m, "documentation_url"):
		return content{}, fmt.Sprintf("a GitHub API error response (%q), not data", str(m, "message"))
	case fromGitHub(m):
		return content{}, "GitHub API JSON of an endpoint nachweis does not import"
	}
	return content{}, "unrecognised JSON object"
}

func classifyKubernetesObject(m map[string]json.RawMessage) (content, string) {
	kind := str(m, "kind")
	c := content{kinds: []string{KindKubernetesList}, what: fmt.Sprintf("a Kubernetes %s", printable.String(kind))}
	if !strings.HasSuffix(kind, "List") || !has(m, "items") {
		c.objKinds = []string{kind}
		return c, ""
	}
	kinds, ok := objectKinds(m["items"])
	if !ok {
		return content{}, fmt.Sprintf("Kubernetes %s whose items are not a JSON array of objects", printable.String(kind))
	}
	// The API server leaves kind out of the items of a typed list such
	// as PodList; the list's kind names them.
	if kind != "List" {
		for i, k := range kinds {
			if k == "" {
				kinds[i] = strings.TrimSuffix(kind, "List")
			}
		}
	}
	c.objKinds = kinds
	return c, ""
}

func classifyArray(data []byte) (content, string) {
	var items []json.RawMessage
	if err := json.Unmarshal(data, &items); err != nil {
		return content{}, jsonReason(err)
	}
	if len(items) == 0 {
		return content{kinds: emptyArrayKinds, what: "an empty JSON array"}, ""
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(items[0], &m); err != nil || m == nil {
		return content{}, "JSON array whose elements are not objects"
	}
	switch {
	case has(m, "apiVersion") || has(m, "kind") || has(m, "metadata"):
		kinds, ok := objectKinds(data)
		if !ok {
			return content{}, "JSON array of Kubernetes objects mixed with other values"
		}
		return content{kinds: []string{KindKubernetesList}, objKinds: kinds, what: "a JSON array of Kubernetes objects"}, ""
	case has(m, "time") && has(m, "tree") && has(m, "paths") && has(m, "id"):
		return content{kinds: []string{KindResticSnapshots}, what: "restic snapshots --json output"}, ""
	case has(m, "group_key") && has(m, "snapshots"):
		return content{}, "restic snapshots --group-by output; run restic snapshots --json without --group-by"
	case has(m, "keep") && has(m, "remove"):
		return content{}, "restic forget --json output: nachweis reads restic snapshots --json instead"
	case has(m, "name") && has(m, "backup") && has(m, "db") && has(m, "status"):
		return content{kinds: []string{KindPgBackRestInfo}, name: stanzaName(items), what: "pgbackrest info --output=json output"}, ""
	case has(m, "login") && has(m, "type"):
		return content{kinds: githubUserLists, what: "a GitHub user list"}, ""
	case has(m, "source_type") && has(m, "enforcement"):
		return content{kinds: []string{KindGitHubRulesets}, weakName: rulesetOwner(m), what: "a list of GitHub rulesets"}, ""
	case has(m, "repository") && has(m, "branch") && has(m, "rules"):
		return content{kinds: []string{KindGitHubRulesets}, weakName: repoOwner(str(m, "repository")), what: "the GitHub rulesets of default branches"}, ""
	case isDeployKey(m):
		return content{kinds: []string{KindGitHubDeployKeys}, weakName: urlOwner(str(m, "url")), what: "a list of GitHub deploy keys"}, ""
	case isObject(m["config"]) && has(m, "events"):
		return content{kinds: []string{KindGitHubWebhooks}, weakName: hookOrg(str(m, "url")), what: "a list of GitHub webhooks"}, ""
	case has(m, "repository") && has(m, "collaborators"):
		return content{kinds: []string{KindGitHubCollabPerms}, weakName: repoOwner(str(m, "repository")), what: "the outside collaborators of GitHub repositories"}, ""
	case has(m, "repository") && has(m, "vulnerability_alerts"):
		return content{kinds: []string{KindGitHubVulnAlerts}, weakName: repoOwner(str(m, "repository")), what: "the Dependabot alert settings of GitHub repositories"}, ""
	case has(m, "number") && has(m, "state") && has(m, "dependency") && has(m, "security_advisory"):
		return content{kinds: []string{KindGitHubDependabot}, weakName: alertOrg(m), what: "a list of Dependabot alerts"}, ""
	case isRepository(m):
		return content{kinds: []string{KindGitHubRepos}, weakName: repoOwner(str(m, "full_name")), what: "a list of GitHub repositories"}, ""
	case fromGitHub(m):
		return content{}, "GitHub API JSON of an endpoint nachweis does not import"
	}
	return content{}, "unrecognised JSON array"
}

// resticCheckMarkers are lines only restic check prints.
var resticCheckMarkers = []string{"no errors were found", "check snapshots, trees and blobs", "repository contains errors", "load indexes"}

// yamlRE matches a Kubernetes manifest key in YAML, also in KYAML's flow
// style ("  apiVersion: "v1",").
var yamlRE = regexp.MustCompile(`(?m)^\s*"?(apiVersion|kind)"?\s*:`)

func classifyText(data []byte) (content, string) {
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return content{}, "binary data, not JSON or text"
	}
	for _, mk := range resticCheckMarkers {
		if bytes.Contains(data, []byte(mk)) {
			return content{kinds: []string{KindResticCheck}, what: "restic check output", text: true}, ""
		}
	}
	if bytes.HasPrefix(data, []byte("stanza: ")) {
		return content{text: true, what: "pgbackrest info text output"}, "pgbackrest info text output; run pgbackrest info --output=json"
	}
	if yamlRE.Match(data) {
		return content{text: true, what: "YAML"}, "YAML, not JSON (write it with kubectl get -o json)"
	}
	return content{text: true, what: "text"}, "not JSON and not restic check output"
}

// looksLikeCheck is the lenient test used when --kind restic/check names
// the kind: a failed check may print nothing but a fatal error.
func looksLikeCheck(data []byte) bool {
	l := bytes.ToLower(data)
	return bytes.Contains(l, []byte("no errors were found")) || bytes.Contains(l, []byte("error")) || bytes.Contains(l, []byte("fatal"))
}

// detected is the outcome of detection for one file.
type detected struct {
	kind     string
	itemKind string
	name     string
	weakName string
}

// resolve picks the kind of one file from its content, the --kind flag
// and the source kind other files of the call established (srcKind, from
// file first).
func resolve(file string, data []byte, c content, reason string, want kindFlag, srcKind, first string) (detected, error) {
	expected := want.expected()
	// A failed check may print nothing but a fatal error; once the user
	// says the file is restic output, such text is accepted as a check.
	checkNamed := want.kind == KindResticCheck || (want.source == "restic" && want.kind == "")
	if checkNamed && c.text && looksLikeCheck(data) {
		return detected{kind: KindResticCheck}, nil
	}
	if reason != "" {
		return detected{}, &InputError{Path: file, Reason: reason, Expected: expected}
	}
	cands := c.kinds
	switch {
	case want.kind != "":
		cands = filter(cands, func(k string) bool { return k == want.kind })
	case want.source != "":
		cands = filter(cands, func(k string) bool { return sourceOf(k) == want.source })
	case srcKind != "":
		cands = filter(cands, func(k string) bool { return sourceOf(k) == srcKind })
		if len(cands) == 0 {
			if sk := singleSource(c.kinds); sk != "" {
				return detected{}, &InputError{Path: file, Reason: fmt.Sprintf(
					"found %s, a %s source, but %s is a %s source; import one source per call",
					c.what, sk, first, srcKind)}
			}
			return detected{}, &InputError{Path: file, Reason: fmt.Sprintf(
				"found %s, which cannot be %s evidence like %s", c.what, srcKind, first)}
		}
	}
	if len(cands) == 0 {
		return detected{}, &InputError{Path: file, Reason: "found " + c.what, Expected: expected}
	}
	if len(cands) > 1 {
		if hint := githubListHint(file); hint != "" && slices.Contains(cands, hint) {
			cands = []string{hint}
		}
	}
	if len(cands) > 1 {
		if !allIn(cands, githubUserLists) && allIn(cands, slices.Concat(githubUserLists, githubOtherLists)) {
			return detected{}, &InputError{Path: file,
				Reason:   c.what + " does not say which GitHub list it is",
				Expected: "--kind naming it, e.g. --kind github/webhooks, or a file name containing member, admin or owner, 2fa, outside, collaborator, permission, hook, deploy or keys, or ruleset"}
		}
		if allIn(cands, githubUserLists) {
			return detected{}, &InputError{Path: file,
				Reason:   "a GitHub user list does not say which list it is",
				Expected: "--kind github/members, github/owners, github/members-2fa-disabled or github/outside-collaborators, or a file name containing member, admin or owner, 2fa, or outside or collaborator"}
		}
		return detected{}, &InputError{Path: file,
			Reason:   c.what + " does not say which tool wrote it",
			Expected: "--kind naming its kind, e.g. --kind restic/snapshots or --kind github/outside-collaborators"}
	}
	d := detected{kind: cands[0], name: c.name, weakName: c.weakName}
	if d.kind != KindKubernetesList {
		return d, nil
	}
	if want.itemKind != "" {
		for _, k := range c.objKinds {
			if k != "" && k != want.itemKind {
				return detected{}, &InputError{Path: file, Reason: fmt.Sprintf("holds %s objects, not %s", printable.String(k), want.itemKind), Expected: expected}
			}
		}
		d.itemKind = want.itemKind
		return d, nil
	}
	for _, k := range c.objKinds {
		if k == "" {
			return detected{}, &InputError{Path: file,
				Reason:   `Kubernetes objects without "kind" (as sonobuoy saves them)`,
				Expected: "--kind kubernetes/<Kind> naming their kind, e.g. --kind kubernetes/Pod"}
		}
	}
	return d, nil
}

// githubListHint applies the file-name rule for GitHub lists.
func githubListHint(file string) string {
	b := strings.ToLower(filepath.Base(file))
	switch {
	case strings.Contains(b, "permission"):
		return KindGitHubCollabPerms
	case strings.Contains(b, "hook"):
		return KindGitHubWebhooks
	case strings.Contains(b, "deploy") || strings.Contains(b, "keys"):
		return KindGitHubDeployKeys
	case strings.Contains(b, "ruleset"):
		return KindGitHubRulesets
	case strings.Contains(b, "dependabot"):
		return KindGitHubDependabot
	case strings.Contains(b, "vulnerab"):
		return KindGitHubVulnAlerts
	case strings.Contains(b, "repo"):
		return KindGitHubRepos
	case strings.Contains(b, "outside") || strings.Contains(b, "collaborator"):
		return KindGitHubOutside
	case strings.Contains(b, "2fa"):
		return KindGitHubMembers2FA
	case strings.Contains(b, "admin") || strings.Contains(b, "owner"):
		return KindGitHubOwners
	case strings.Contains(b, "member"):
		return KindGitHubMembers
	}
	return ""
}

// jsonReason turns a decoding error into "truncated JSON at byte N" or
// "invalid JSON at byte N: ...".
func jsonReason(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		if strings.Contains(se.Error(), "unexpected end of JSON input") {
			return fmt.Sprintf("truncated JSON at byte %d", se.Offset)
		}
		return fmt.Sprintf("invalid JSON at byte %d: %s", se.Offset, se.Error())
	}
	return "invalid JSON: " + err.Error()
}

func has(m map[string]json.RawMessage, key string) bool {
	_, ok := m[key]
	return ok
}

// str returns m[key] if it is a JSON string, else "".
func str(m map[string]json.RawMessage, key string) string {
	var s string
	if raw, ok := m[key]; !ok || json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}

// fromGitHub reports whether an object links to the GitHub API or site.
func fromGitHub(m map[string]json.RawMessage) bool {
	for _, k := range []string{"url", "html_url"} {
		u := str(m, k)
		if strings.HasPrefix(u, "https://api.github.com/") || strings.HasPrefix(u, "https://github.com/") {
			return true
		}
	}
	return false
}

func isObject(raw json.RawMessage) bool {
	t := bytes.TrimLeft(raw, " \t\r\n")
	return len(t) > 0 && t[0] == '{'
}

// objectKinds decodes a JSON array of objects and returns each object's
// kind ("" where it has none). A List among them counts as its items, as
// Write flattens it (see redactKubernetes); kind-less items of a nested
// typed list take its kind.
func objectKinds(raw json.RawMessage) ([]string, bool) {
	var objs []*struct {
		Kind  string          `json:"kind"`
		Items json.RawMessage `json:"items"`
	}
	if err := json.Unmarshal(raw, &objs); err != nil {
		return nil, false
	}
	kinds := make([]string, 0, len(objs))
	for _, o := range objs {
		if o == nil {
			return nil, false
		}
		if (o.Kind == "List" || strings.HasSuffix(o.Kind, "List")) && isArray(o.Items) {
			inner, ok := objectKinds(o.Items)
			if !ok {
				return nil, false
			}
			for i, k := range inner {
				if k == "" && o.Kind != "List" {
					inner[i] = strings.TrimSuffix(o.Kind, "List")
				}
			}
			kinds = append(kinds, inner...)
			continue
		}
		kinds = append(kinds, o.Kind)
	}
	return kinds, true
}

func isArray(raw json.RawMessage) bool {
	t := bytes.TrimLeft(raw, " \t\r\n")
	return len(t) > 0 && t[0] == '['
}

// borgRepoName is the base name of a borg repository location, e.g.
// "web-01" for "/mnt/backup/borg/web-01" or "ssh://host/./web-01".
func borgRepoName(raw json.RawMessage) string {
	var repo struct {
		Location string `json:"location"`
	}
	if json.Unmarshal(raw, &repo) != nil {
		return ""
	}
	loc := strings.TrimRight(repo.Location, "/")
	return loc[strings.LastIndexAny(loc, "/:")+1:]
}

// stanzaName is the stanza of a pgBackRest info output that holds exactly
// one stanza, else "".
func stanzaName(items []json.RawMessage) string {
	name := ""
	for _, it := range items {
		var s struct {
			Name string `json:"name"`
		}
		if json.Unmarshal(it, &s) != nil || s.Name == "" || (name != "" && s.Name != name) {
			return ""
		}
		name = s.Name
	}
	return name
}

// urlOwner returns the owner in a GitHub API URL .../repos/{owner}/...
func urlOwner(u string) string {
	_, rest, ok := strings.Cut(u, "/repos/")
	if !ok {
		return ""
	}
	owner, _, _ := strings.Cut(rest, "/")
	return owner
}

// isDeployKey tells a GitHub deploy key: read_only and title, and its key
// or a url of .../keys/{id}.
func isDeployKey(m map[string]json.RawMessage) bool {
	return has(m, "read_only") && has(m, "title") && (has(m, "key") || strings.Contains(str(m, "url"), "/keys/"))
}

// rulesetOwner is the owner of a repository ruleset's source "owner/repo",
// or the organisation of an organisation ruleset.
func rulesetOwner(m map[string]json.RawMessage) string {
	return repoOwner(str(m, "source"))
}

// repoOwner is the owner in "owner/repo".
func repoOwner(repo string) string {
	owner, _, _ := strings.Cut(repo, "/")
	return owner
}

// isRepository tells a GitHub repository: full_name, owner, and
// default_branch or visibility.
func isRepository(m map[string]json.RawMessage) bool {
	return str(m, "full_name") != "" && isObject(m["owner"]) && (has(m, "default_branch") || has(m, "visibility"))
}

// alertOrg is the owner of the repository of a Dependabot alert.
func alertOrg(m map[string]json.RawMessage) string {
	var repo struct {
		FullName string `json:"full_name"`
	}
	if json.Unmarshal(m["repository"], &repo) != nil {
		return ""
	}
	return repoOwner(repo.FullName)
}

// hookOrg is the organisation in a webhook URL .../orgs/{org}/hooks/{id}.
func hookOrg(u string) string {
	_, rest, ok := strings.Cut(u, "/orgs/")
	if !ok {
		return ""
	}
	org, _, _ := strings.Cut(rest, "/")
	return org
}

func filter(ks []string, keep func(string) bool) []string {
	var out []string
	for _, k := range ks {
		if keep(k) {
			out = append(out, k)
		}
	}
	return out
}

// singleSource is the source kind all kinds share, or "".
func singleSource(kinds []string) string {
	if len(kinds) == 0 {
		return ""
	}
	s := sourceOf(kinds[0])
	for _, k := range kinds[1:] {
		if sourceOf(k) != s {
			return ""
		}
	}
	return s
}

func allIn(ks, set []string) bool {
	for _, k := range ks {
		if !slices.Contains(set, k) {
			return false
		}
	}
	return true
}

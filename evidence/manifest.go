package evidence

import "time"

// ManifestSchema is the version of the manifest format.
const ManifestSchema = "nachweis.bundle/v1"

// ManifestFile is the name of the manifest inside a bundle.
const ManifestFile = "manifest.json"

// Manifest describes a bundle: its sources, their files and hashes.
type Manifest struct {
	Schema      string    `json:"schema"`
	ToolVersion string    `json:"tool_version"`
	CreatedAt   time.Time `json:"created_at"`
	Sources     []Source  `json:"sources"`
}

// Source is one evidence source: a cluster, a backup repository, a GitHub
// organisation. Its files are the raw items as collected.
type Source struct {
	// Kind is the source kind: kubernetes, restic, borg, pgbackrest, github.
	Kind string `json:"kind"`
	// Name identifies the source within the bundle, e.g. "prod", "web01".
	Name string `json:"name"`
	// Collector is "import" for imported files or the live collector's
	// name and version.
	Collector  string    `json:"collector"`
	StartedAt  time.Time `json:"started_at"`
	FinishedAt time.Time `json:"finished_at"`
	// CollectedAtUnknown is set for files imported without
	// --collected-at: when they were collected is not known, and
	// StartedAt and FinishedAt are the time of the import. Evidence
	// without times of its own (restic check output) then has no time,
	// and the checks that need one report no-evidence.
	CollectedAtUnknown bool `json:"collected_at_unknown,omitempty"`
	// Status is StatusOK or StatusError.
	Status string `json:"status"`
	// Error is the collector's error with secrets removed.
	Error string `json:"error,omitempty"`
	// Errors records errors of single items (e.g. a Kubernetes resource
	// the credentials may not list), keyed by item kind.
	Errors map[string]string `json:"errors,omitempty"`
	Files  []File            `json:"files"`
}

// Source statuses.
const (
	StatusOK    = "ok"
	StatusError = "error"
)

// File is one raw item of a source.
type File struct {
	// Path is relative to the bundle root, with forward slashes.
	Path string `json:"path"`
	// Kind is the item kind, e.g. kubernetes/list, restic/snapshots.
	Kind string `json:"kind"`
	// ItemKind is the Kubernetes kind of the objects of a kubernetes/list
	// file, as named on import with --kind kubernetes/<Kind>. It is
	// needed for sonobuoy's bare arrays, whose objects carry no kind;
	// objects that carry one agree with it. Empty when not named.
	ItemKind string `json:"item_kind,omitempty"`
	SHA256   string `json:"sha256"`
	Size     int64  `json:"size"`
	// Origin is the base name of the imported file, for the reader.
	Origin string `json:"origin,omitempty"`
	// Redacted says what was removed before the item was stored, and how
	// often, in words; empty when the item is stored as given. The hash
	// is of the stored bytes. For Kubernetes objects (see
	// redactKubernetes) it reads like "removed: data and stringData of
	// Secrets (1); env values of containers (3); commands of containers
	// (1); args of containers (2); exec commands of probes, lifecycle
	// handlers and hooks (1); kubectl.kubernetes.io/last-applied-
	// configuration annotations (4); metadata.managedFields (5)", plus
	// "nested Lists flattened into their items (n)"; for GitHub deploy
	// keys and webhooks it is RedactGitHub's note. Notes of several
	// steps are joined with "; ".
	Redacted string `json:"redacted,omitempty"`
}

// Item kinds of files. A source kind is the part before the slash.
const (
	KindKubernetesList    = "kubernetes/list"    // kubectl get -o json: a List, a typed *List or a single object
	KindKubernetesVersion = "kubernetes/version" // the API server's GET /version, as collected
	KindResticSnapshots   = "restic/snapshots"   // restic snapshots --json
	KindResticStats       = "restic/stats"       // restic stats --json [--mode raw-data]
	KindResticConfig      = "restic/config"      // restic cat config
	KindResticCheck       = "restic/check"       // restic check (text output)
	KindBorgInfo          = "borg/info"          // borg info --json
	KindBorgList          = "borg/list"          // borg list --json
	KindPgBackRestInfo    = "pgbackrest/info"    // pgbackrest info --output=json
	KindGitHubOrg         = "github/organization"
	KindGitHubMembers     = "github/members"              // GET /orgs/{org}/members
	KindGitHubMembers2FA  = "github/members-2fa-disabled" // GET /orgs/{org}/members?filter=2fa_disabled
	KindGitHubOwners      = "github/owners"               // GET /orgs/{org}/members?role=admin
	KindGitHubOutside     = "github/outside-collaborators"
	KindGitHubBranchProt  = "github/branch-protection"
	KindGitHubRulesets    = "github/rulesets"                 // rules in force on each repository's default branch
	KindGitHubDeployKeys  = "github/deploy-keys"              // GET /repos/{owner}/{repo}/keys, without the key material
	KindGitHubWebhooks    = "github/webhooks"                 // GET /orgs/{org}/hooks, without secrets
	KindGitHubCollabPerms = "github/collaborator-permissions" // GET /repos/{owner}/{repo}/collaborators?affiliation=outside per repository
	KindGitHubRepos       = "github/repositories"             // GET /orgs/{org}/repos (or GET /repos/{owner}/{repo}), without temp_clone_token
	KindGitHubVulnAlerts  = "github/vulnerability-alerts"     // GET /repos/{owner}/{repo}/vulnerability-alerts per repository, as collect stores it
	KindGitHubDependabot  = "github/dependabot-alerts"        // GET /orgs/{org}/dependabot/alerts
)

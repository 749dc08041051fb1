package backup

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/nachweis/nachweis/evidence/internal/nstime"
)

// Item kinds of backup files (evidence.Kind* constants of the manifest).
const (
	KindResticSnapshots = "restic/snapshots"
	KindResticStats     = "restic/stats"
	KindResticConfig    = "restic/config"
	KindResticCheck     = "restic/check"
	KindBorgInfo        = "borg/info"
	KindBorgList        = "borg/list"
	KindPgBackRestInfo  = "pgbackrest/info"
)

// Tools.
const (
	ToolRestic     = "restic"
	ToolBorg       = "borg"
	ToolPgBackRest = "pgbackrest"
)

// Keys of Repository.Present and Repository.Errors, the field names of the
// contract's requires keys (backup.<key>).
const (
	KeySnapshots  = "snapshots"
	KeyEncryption = "encryption"
	KeyIntegrity  = "integrity"
)

// Keys lists every key of Repository.Present in contract order.
var Keys = []string{KeySnapshots, KeyEncryption, KeyIntegrity}

// File is one evidence file of a backup source.
type File struct {
	// Path is the bundle-relative path, used in refs.
	Path string
	// Kind is the manifest item kind, e.g. KindResticSnapshots.
	Kind string
	Data []byte
}

// Repo is one backup source of the bundle with what the configuration
// declares about it.
type Repo struct {
	// Source is the bundle source name.
	Source string
	// Tool is ToolRestic, ToolBorg or ToolPgBackRest.
	Tool  string
	Files []File
	// Site is the declared location, e.g. "DE-Falkenstein".
	Site string
	// Sites declares a site per pgBackRest repository key ("repo1");
	// a key without an entry takes Site.
	Sites map[string]string
	// MaxAge is the declared maximum backup age; 0 means
	// Params.DefaultMaxAge.
	MaxAge time.Duration
	// Retention is the declared retention; nil when not declared.
	Retention *Retention
	// Tenants selects, per tenant id, the snapshots holding the tenant's
	// data.
	Tenants map[string]Selector
	// CheckedAt is when the source was collected. restic check output
	// carries no time, so it stands for the time of that check; zero
	// when the collection time is unknown.
	CheckedAt time.Time
}

// Retention is a declared retention policy: how many daily, weekly,
// monthly and yearly backups are kept.
type Retention struct {
	Daily   int `json:"daily"`
	Weekly  int `json:"weekly"`
	Monthly int `json:"monthly"`
	Yearly  int `json:"yearly"`
}

// Selector picks a tenant's snapshots. A snapshot belongs to the tenant
// when any criterion that applies to its tool matches:
//   - restic: a tag in Tags, the hostname in Hosts, or a path under one of
//     Paths;
//   - borg: an archive name starting with ArchivePrefix;
//   - pgBackRest: the stanza in Stanzas (the whole stanza). Databases is
//     not applied: pgBackRest info does not list databases.
type Selector struct {
	Tags          []string
	Hosts         []string
	Paths         []string
	ArchivePrefix string
	Stanzas       []string
	Databases     []string
}

// Params are the defaults of the projection.
type Params struct {
	// DefaultMaxAge applies to repositories without a declared MaxAge.
	DefaultMaxAge time.Duration
}

// Backups is the projection of all backup sources, marshalled as
// input.backup.
type Backups struct {
	// Repositories are keyed by name: the source name for restic and
	// borg, "<source>/repo<key>" for pgBackRest.
	Repositories map[string]*Repository `json:"repositories"`
	// TenantRepositories maps a tenant to the sorted names of the
	// repositories holding at least one of its snapshots.
	TenantRepositories map[string][]string `json:"tenant_repositories"`
}

// Repository is one backup repository.
type Repository struct {
	Source string `json:"source"`
	Tool   string `json:"tool"`
	// Location is what the tool reports: borg's repository location,
	// restic's repository id, pgBackRest's stanza. Never a secret.
	Location string `json:"location"`
	// Present tells for each key of Keys whether the evidence holds it.
	Present map[string]bool `json:"present"`
	// Errors holds collector errors by key. Project fills it only for a
	// pgBackRest repository that pgBackRest reports as unreadable (its
	// keys are then not present); the engine adds the errors of the
	// bundle manifest.
	Errors     map[string]string `json:"errors"`
	Site       string            `json:"site"`
	MaxAgeS    int64             `json:"max_age_s"`
	Retention  *Retention        `json:"retention"`
	Encryption *Encryption       `json:"encryption"`
	Integrity  *Integrity        `json:"integrity"`
	// Snapshots are sorted by time, then id.
	Snapshots []Snapshot `json:"snapshots"`
	Ref       string     `json:"ref"`
}

// Encryption is a repository's encryption as the tool reports it.
type Encryption struct {
	// Encrypted is nil when the tool reports a mode nachweis does not
	// know (see encryption.go): unknown, never taken for encryption.
	Encrypted *bool  `json:"encrypted"`
	Mode      string `json:"mode"`
	Ref       string `json:"ref"`
}

// Integrity is the outcome of the tool's latest integrity verification.
type Integrity struct {
	OK bool `json:"ok"`
	// CheckedAtNS is when the check ran; nil when that is unknown
	// (restic check output imported without --collected-at, a
	// pgBackRest repository without backups).
	CheckedAtNS *int64 `json:"checked_at_ns"`
	Detail      string `json:"detail"`
	Ref         string `json:"ref"`
}

// Snapshot is one backup: a restic snapshot, a borg archive or a
// pgBackRest backup.
type Snapshot struct {
	// ID is restic's short id, borg's archive name or pgBackRest's label.
	ID     string `json:"id"`
	TimeNS int64  `json:"time_ns"`
	// OK is false for a borg checkpoint archive (an interrupted backup)
	// and a pgBackRest backup with errors.
	OK       bool   `json:"ok"`
	Hostname string `json:"hostname"`
	// Tags are restic's tags; for pgBackRest the backup type (full, diff,
	// incr); empty for borg.
	Tags []string `json:"tags"`
	// Tenants are the sorted ids of the tenants whose selectors match.
	Tenants []string `json:"tenants"`
	Ref     string   `json:"ref"`
}

// Project projects every repository and builds tenant_repositories.
func Project(repos []Repo, params Params) (*Backups, error) {
	b := &Backups{
		Repositories:       map[string]*Repository{},
		TenantRepositories: map[string][]string{},
	}
	for _, r := range repos {
		var out map[string]*Repository
		var err error
		switch r.Tool {
		case ToolRestic:
			out, err = projectRestic(r)
		case ToolBorg:
			out, err = projectBorg(r)
		case ToolPgBackRest:
			out, err = projectPgBackRest(r)
		default:
			return nil, fmt.Errorf("project backup source %s: unknown tool %q, expected restic, borg or pgbackrest", r.Source, r.Tool)
		}
		if err != nil {
			return nil, err
		}
		for name, repo := range out {
			if _, dup := b.Repositories[name]; dup {
				return nil, fmt.Errorf("project %s source %s: repository name %q is already used by another source", r.Tool, r.Source, name)
			}
			declare(repo, r, params)
			finishSnapshots(repo)
			b.Repositories[name] = repo
		}
	}
	for name, repo := range b.Repositories {
		seen := map[string]bool{}
		for _, s := range repo.Snapshots {
			for _, t := range s.Tenants {
				if !seen[t] {
					seen[t] = true
					b.TenantRepositories[t] = append(b.TenantRepositories[t], name)
				}
			}
		}
	}
	for _, names := range b.TenantRepositories {
		slices.Sort(names)
	}
	return b, nil
}

// newRepository returns a repository with nothing present.
func newRepository(r Repo) *Repository {
	repo := &Repository{
		Source:    r.Source,
		Tool:      r.Tool,
		Present:   make(map[string]bool, len(Keys)),
		Errors:    map[string]string{},
		Snapshots: []Snapshot{},
	}
	for _, k := range Keys {
		repo.Present[k] = false
	}
	return repo
}

// declare copies what the configuration declares.
func declare(repo *Repository, r Repo, params Params) {
	if repo.Site == "" {
		repo.Site = r.Site
	}
	maxAge := r.MaxAge
	if maxAge <= 0 {
		maxAge = params.DefaultMaxAge
	}
	repo.MaxAgeS = int64(maxAge / time.Second)
	if r.Retention != nil {
		ret := *r.Retention
		repo.Retention = &ret
	}
}

func finishSnapshots(repo *Repository) {
	slices.SortFunc(repo.Snapshots, func(a, b Snapshot) int {
		return cmp.Or(cmp.Compare(a.TimeNS, b.TimeNS), cmp.Compare(a.ID, b.ID))
	})
}

// tenantSet collects the tenants of one snapshot, sorted and non-nil.
type tenantSet map[string]struct{}

func (s tenantSet) sorted() []string {
	out := make([]string, 0, len(s))
	for t := range s {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// sortedTenantIDs returns the tenant ids of selectors in order, so that
// matching loops visit them deterministically.
func sortedTenantIDs(m map[string]Selector) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// unixNS converts a time to nanoseconds since the epoch; the zero time
// (unknown) becomes nil.
func unixNS(t time.Time) *int64 {
	if t.IsZero() {
		return nil
	}
	ns := nstime.Of(t)
	return &ns
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

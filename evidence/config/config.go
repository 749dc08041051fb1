package config

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nachweis/nachweis/evidence/internal/yamlstrict"
)

// Config is a provider's nachweis.yaml, decoded and validated. The zero
// value is a valid empty configuration: no tenants, no declarations, the
// default parameters.
type Config struct {
	// File is the configuration file as given to Load or Parse.
	File string `yaml:"-"`
	// Dir is the directory relative paths were resolved against: the
	// directory of File, as given (not made absolute).
	Dir string `yaml:"-"`

	// Language is the language of texts written as plain text (de or
	// en); empty when not declared, and then every text that documents
	// print must be given as {de: …, en: …} (see Text).
	Language     string       `yaml:"language"`
	Organisation Organisation `yaml:"organisation"`
	// Service describes the service the documents are about: the system
	// description of the audit report and the scope of the TOM annex.
	Service Service `yaml:"service"`
	// Classification is printed on every document: the customer's
	// documents (TOM annex, a report's customer edition) carry Customer,
	// the provider's internal ones Internal.
	Classification Classification `yaml:"classification"`
	// Roles are the names of the roles that sign attestations off, as
	// documents print them: keyed by the role as the attestation records
	// write it, e.g. "Informationssicherheitsbeauftragter (ISB)".
	Roles   map[string]Text `yaml:"roles"`
	Tenants []Tenant        `yaml:"tenants"`
	Sources Sources         `yaml:"sources"`
	// Attestations, Exceptions and Policies are directories, resolved
	// against Dir.
	Attestations  []string       `yaml:"attestations"`
	Exceptions    []string       `yaml:"exceptions"`
	Policies      []string       `yaml:"policies"`
	Scope         Scope          `yaml:"scope"`
	Parameters    Parameters     `yaml:"parameters"`
	SubProcessors []SubProcessor `yaml:"sub_processors"`
	// Signing names the key that signs evidence packs.
	Signing Signing `yaml:"signing"`
	// Deletion is the deletion concept the deletion protocol reads.
	Deletion Deletion `yaml:"deletion"`
}

// Signing references the ed25519 private key (PEM, PKCS #8) that signs
// evidence packs (nachweis pack): a file, resolved against the
// configuration's directory, or an environment variable holding the PEM
// text. The key itself never stands in the configuration.
type Signing struct {
	KeyFile string `yaml:"key_file"`
	KeyEnv  string `yaml:"key_env"`
}

// Organisation is the provider that issues the documents.
type Organisation struct {
	Name    string  `yaml:"name"`
	Address string  `yaml:"address"`
	DPO     Contact `yaml:"dpo"`
}

// Contact is a named person with an email address.
type Contact struct {
	Name  string `yaml:"name"`
	Email string `yaml:"email"`
}

// Tenant is a customer of the provider and the scope of its data.
type Tenant struct {
	// ID is unique and made of a-z, 0-9 and "-".
	ID   string `yaml:"id"`
	Name string `yaml:"name"`
	// Namespaces are the tenant's Kubernetes namespaces; a namespace
	// belongs to at most one tenant.
	Namespaces []string `yaml:"namespaces"`
	// NamespaceSelector selects further namespaces of the tenant by their
	// labels, resolved against the namespaces a cluster reports (see
	// TenantNamespacesIn); nil when not given.
	NamespaceSelector *NamespaceSelector `yaml:"namespace_selector"`
	// Stages maps the tenant's stages (development, test, production)
	// to the namespace of each, where the tenant has several; nil when
	// not declared. K8S-STAGE-01 checks that each stage has a namespace of
	// its own and that no NetworkPolicy admits traffic between them.
	Stages   map[string]string `yaml:"stages"`
	Contract *Contract         `yaml:"contract"`
	// SubProcessors are sub-processors engaged for this tenant only
	// (e.g. a service the tenant ordered); they appear in its own
	// documents and the provider's, never in another tenant's.
	SubProcessors []SubProcessor `yaml:"sub_processors"`
	// Deletion records the deletion of the tenant's data at contract end;
	// nil while none is under way.
	Deletion *DeletionCase `yaml:"deletion"`
}

// NamespaceSelector selects Kubernetes namespaces by label, like a
// Kubernetes label selector with matchLabels: a namespace matches when it
// carries every given label with the given value.
type NamespaceSelector struct {
	MatchLabels map[string]string `yaml:"match_labels"`
}

// Matches reports whether a namespace with the given labels is selected.
// A nil or empty selector selects nothing (validation rejects an empty
// one, which in Kubernetes would select every namespace).
func (s *NamespaceSelector) Matches(labels map[string]string) bool {
	if s == nil || len(s.MatchLabels) == 0 {
		return false
	}
	for k, v := range s.MatchLabels {
		if got, ok := labels[k]; !ok || got != v {
			return false
		}
	}
	return true
}

// Contract is the data processing agreement with a tenant.
type Contract struct {
	Reference string    `yaml:"reference"`
	Date      time.Time `yaml:"date"`
	// Annex is the number of the TOM annex in the agreement, e.g. "2"
	// ("Anlage 2 zum Vertrag …"); empty leaves the number out.
	Annex string `yaml:"annex"`
}

// Sources are the evidence sources by kind. Names are unique per kind.
type Sources struct {
	Kubernetes []KubernetesSource `yaml:"kubernetes"`
	Restic     []ResticSource     `yaml:"restic"`
	Borg       []BorgSource       `yaml:"borg"`
	PgBackRest []PgBackRestSource `yaml:"pgbackrest"`
	GitHub     []GitHubSource     `yaml:"github"`
}

// KubernetesSource is a cluster reached through a kubeconfig, or the
// cluster nachweis runs in.
type KubernetesSource struct {
	Name string `yaml:"name"`
	// Kubeconfig is resolved against the configuration's directory;
	// empty means the default loading rules (KUBECONFIG, ~/.kube/config).
	Kubeconfig string `yaml:"kubeconfig"`
	// Context is the kubeconfig context; empty means its current context.
	Context string `yaml:"context"`
	// InCluster uses the service account of the pod nachweis runs in
	// (a CronJob in the cluster) instead of a kubeconfig.
	InCluster bool `yaml:"in_cluster"`
	// Timeout bounds each request to the API server; zero when not given
	// (see RequestTimeout).
	Timeout time.Duration `yaml:"timeout"`
	// PageSize is the number of objects asked for per list request; zero
	// when not given (see ListPageSize).
	PageSize int `yaml:"page_size"`
}

// Defaults of the Kubernetes source settings.
const (
	DefaultKubernetesTimeout  = 30 * time.Second
	DefaultKubernetesPageSize = 500
	// MaxKubernetesPageSize bounds page_size: one page is held in memory
	// and must arrive within the timeout.
	MaxKubernetesPageSize = 10_000
)

// RequestTimeout is the configured timeout, else DefaultKubernetesTimeout.
func (k KubernetesSource) RequestTimeout() time.Duration {
	if k.Timeout > 0 {
		return k.Timeout
	}
	return DefaultKubernetesTimeout
}

// ListPageSize is the configured page size, else
// DefaultKubernetesPageSize.
func (k KubernetesSource) ListPageSize() int {
	if k.PageSize > 0 {
		return k.PageSize
	}
	return DefaultKubernetesPageSize
}

// BackupSource holds what every backup source (restic, borg, pgBackRest)
// declares: the things the tool's own output cannot tell, such as where a
// repository is kept and which tenants' data it holds.
type BackupSource struct {
	// Kind is restic, borg or pgbackrest; set by the loader.
	Kind string `yaml:"-"`
	Name string `yaml:"name"`
	// Site is where the repository is stored: an ISO 3166 country code,
	// a dash and a place, e.g. DE-Falkenstein.
	Site string `yaml:"site"`
	// Sites gives the site per pgBackRest repository key (repo1, repo2,
	// ...); only pgBackRest sources have it.
	Sites map[string]string `yaml:"sites"`
	// MaxAge overrides parameters.backup_max_age; zero when not declared.
	MaxAge time.Duration `yaml:"max_age"`
	// Retention is the declared retention policy; nil when not declared.
	Retention *Retention `yaml:"retention"`
	// Tenants selects, per tenant id, the part of the repository that
	// holds the tenant's data.
	Tenants map[string]Selector `yaml:"tenants"`
}

// Retention is a declared retention policy: the keep rules of restic
// forget and borg prune (how many backups of each period are kept, those
// within a time span, the last n), or pgBackRest's full-backup retention.
// The deletion protocol simulates it forward in time with each tool's
// semantics; BAK-RET-01 reads daily, weekly, monthly and yearly.
type Retention struct {
	// Last is --keep-last (borg: --keep-last, the same as
	// --keep-secondly).
	Last int `yaml:"last"`
	// Minutely is borg's --keep-minutely.
	Minutely int `yaml:"minutely"`
	Hourly   int `yaml:"hourly"`
	Daily    int `yaml:"daily"`
	Weekly   int `yaml:"weekly"`
	Monthly  int `yaml:"monthly"`
	Yearly   int `yaml:"yearly"`
	// Within is --keep-within in whole hours: restic counts it back from
	// the newest snapshot of the group, borg from the time prune runs.
	Within time.Duration `yaml:"within"`
	// Tags are restic's --keep-tag: snapshots carrying every tag of one
	// entry ("a,b" for both a and b) are kept.
	Tags []string `yaml:"tags"`
	// GroupBy is restic's --group-by (default host,paths; none for no
	// grouping): the policy applies to each group separately.
	GroupBy string `yaml:"group_by"`
	// Prefixes are the archive name prefixes borg prune runs on, one run
	// per prefix (--glob-archives '<prefix>*'); none means one run over
	// every archive of the repository.
	Prefixes []string `yaml:"prefixes"`
	// Timezone is the IANA zone borg prune runs in (its periods are local
	// days, weeks, months); default UTC.
	Timezone string `yaml:"timezone"`
	// Interval is how often a backup and the forget or prune with this
	// policy run (default 24h).
	Interval time.Duration `yaml:"interval"`
	// Full is pgBackRest's repo-retention-full (count): the number of full
	// backups kept; a full backup expires with its differential and
	// incremental backups.
	Full int `yaml:"full"`
	// FullInterval is how often pgBackRest takes a full backup.
	FullInterval time.Duration `yaml:"full_interval"`
	// ToolVersion is the version of restic or borg that applies the
	// policy, e.g. 0.14.0; the simulation follows its rules. Empty means
	// the current ones (restic 0.16 and later, borg 1.2 and later).
	ToolVersion string `yaml:"tool_version"`
}

// Selector picks a tenant's backups in a repository. Which fields apply
// depends on the tool: tags, hosts and paths for restic snapshots, hosts
// and archive_prefix for borg archives, stanzas and databases for
// pgBackRest.
type Selector struct {
	Tags          []string `yaml:"tags"`
	Hosts         []string `yaml:"hosts"`
	Paths         []string `yaml:"paths"`
	ArchivePrefix string   `yaml:"archive_prefix"`
	Stanzas       []string `yaml:"stanzas"`
	Databases     []string `yaml:"databases"`
}

// ResticSource is a restic repository. The password is referenced, never
// written into the configuration.
type ResticSource struct {
	BackupSource `yaml:",inline"`
	Repository   string `yaml:"repository"`
	// PasswordFile is resolved against the configuration's directory.
	PasswordFile string `yaml:"password_file"`
	PasswordEnv  string `yaml:"password_env"`
	// Check, when given, makes every collection also run restic check;
	// nil when not given.
	Check *ResticCheck `yaml:"check"`
}

// ResticCheck says how restic check runs at each collection. With
// neither field it checks the repository's structure and reads no data
// packs; at most one is given.
type ResticCheck struct {
	// ReadDataSubset is passed to restic check --read-data-subset: n/t,
	// a percentage like 5% or a size like 500M.
	ReadDataSubset string `yaml:"read_data_subset"`
	// Rotate n reads the subset k/n with k = (days since 1970-01-01 of
	// the collection time, UTC) mod n + 1, so that daily collections read
	// all data once every n days.
	Rotate int `yaml:"rotate"`
}

// MaxResticCheckRotate bounds check.rotate.
const MaxResticCheckRotate = 1000

// BorgSource is a borg repository. The passphrase is referenced, never
// written into the configuration.
type BorgSource struct {
	BackupSource   `yaml:",inline"`
	Repository     string `yaml:"repository"`
	PassphraseFile string `yaml:"passphrase_file"`
	PassphraseEnv  string `yaml:"passphrase_env"`
}

// PgBackRestSource is a pgBackRest stanza with its repositories.
type PgBackRestSource struct {
	BackupSource `yaml:",inline"`
	Stanza       string `yaml:"stanza"`
	// Config is the pgbackrest.conf to use; empty means pgBackRest's
	// default.
	Config string `yaml:"config"`
	// CipherPassFile (resolved against the configuration's directory)
	// or CipherPassEnv references one cipher pass for the encrypted
	// repositories. It is given to pgBackRest as
	// PGBACKREST_REPO<n>_CIPHER_PASS for every repository key declared
	// under Sites (repo1 without Sites), taking precedence over
	// repo<n>-cipher-pass in pgBackRest's configuration file; pgBackRest
	// ignores it for unencrypted repositories. Without either,
	// pgBackRest reads the cipher passes from its configuration file.
	CipherPassFile string `yaml:"cipher_pass_file"`
	CipherPassEnv  string `yaml:"cipher_pass_env"`
}

// CipherRepos are the repository numbers that receive the cipher pass:
// those of the keys under Sites, in order, or 1 without Sites.
func (s PgBackRestSource) CipherRepos() []int {
	var out []int
	for k := range s.Sites {
		if n, err := strconv.Atoi(strings.TrimPrefix(k, "repo")); err == nil && n > 0 {
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		return []int{1}
	}
	slices.Sort(out)
	return out
}

// GitHubSource is a GitHub organisation. The token is referenced by the
// name of an environment variable.
type GitHubSource struct {
	Name         string `yaml:"name"`
	Organization string `yaml:"organization"`
	TokenEnv     string `yaml:"token_env"`
	// BaseURL is the GitHub Enterprise Server URL, e.g.
	// https://ghe.example.com; empty means github.com.
	BaseURL string `yaml:"base_url"`
}

// Scope holds recorded scope decisions.
type Scope struct {
	NotApplicable []ScopeDecision `yaml:"not_applicable"`
	// MeasuresNotApplicable are measures the provider does not use, e.g.
	// Velero when Kubernetes workloads hold no data. Such a measure is
	// not-applicable and does not count for the requirements it supports.
	MeasuresNotApplicable []MeasureDecision `yaml:"measures_not_applicable"`
	// C5v2026Additional are the C5:2026 additional sub-criteria the
	// provider puts in scope of its attestation: a sub-criterion id
	// (OPS-31.01AC) or a criterion id (OPS-31) for all its additional
	// ones. Only these are addressed; basic ones always are.
	C5v2026Additional []string `yaml:"c5_2026_additional"`
}

// MeasureDecision records that a measure is not used, why, and who decided
// it when.
type MeasureDecision struct {
	// ID is a measure id, e.g. TOM-VER-15.
	ID string `yaml:"id"`
	// Justification is printed in every TOM annex, so it must fit every
	// tenant.
	Justification Text      `yaml:"justification"`
	DecidedBy     string    `yaml:"decided_by"`
	DecidedOn     time.Time `yaml:"decided_on"`
}

// ScopeDecision records that a framework requirement does not apply, why,
// and who decided it when. Not-applicable is never inferred; it comes only
// from such a record.
type ScopeDecision struct {
	// Framework is c5-2020, c5-2026, iso27001-2022 or gdpr; c5 and
	// iso27001 are read as c5-2020 and iso27001-2022.
	Framework     string    `yaml:"framework"`
	ID            string    `yaml:"id"`
	Justification Text      `yaml:"justification"`
	DecidedBy     string    `yaml:"decided_by"`
	DecidedOn     time.Time `yaml:"decided_on"`
}

// Parameters are the policy parameters as written in the configuration;
// nil fields were not given. Params combines them with the defaults.
type Parameters struct {
	BackupMaxAge       *time.Duration `yaml:"backup_max_age"`
	IntegrityMaxAge    *time.Duration `yaml:"integrity_max_age"`
	RetentionTolerance *time.Duration `yaml:"retention_tolerance"`
	// VeleroRetention is the declared retention of Velero backups; every
	// active Schedule's TTL must equal it. Unset means undeclared.
	VeleroRetention *time.Duration `yaml:"velero_retention"`
	// VeleroGCInterval is how often Velero's garbage collection deletes
	// expired backups (its --garbage-collection-frequency, default 1h).
	VeleroGCInterval     *time.Duration `yaml:"velero_gc_interval"`
	GitHubMaxOwners      *int           `yaml:"github_max_owners"`
	AllowedClusterAdmins []string       `yaml:"allowed_cluster_admins"`
	EUCountries          []string       `yaml:"eu_countries"`
	// AllowedRegistries are the registries (or registry paths) tenant
	// images may come from without a digest, e.g. registry.example.com
	// or ghcr.io/example-org.
	AllowedRegistries []string `yaml:"allowed_registries"`
	// NodeRegionLabel is the node label that names a node's region.
	NodeRegionLabel string `yaml:"node_region_label"`
	// RegionCountries maps region names (the node label's values) to
	// ISO 3166 country codes, over DefaultRegionCountries.
	RegionCountries map[string]string `yaml:"region_countries"`
	// DependabotMaxAge is how long an open critical or high Dependabot
	// alert may stay open.
	DependabotMaxAge *time.Duration `yaml:"dependabot_max_age"`
}

// SubProcessor is a sub-processor (Art. 28(2) GDPR) listed in the TOM
// annex, and as a sub-service organisation in the audit report's system
// description.
type SubProcessor struct {
	Name    string `yaml:"name"`
	Address string `yaml:"address"`
	// Service is what it does for the provider, e.g. {de: Rechenzentrum
	// und Server, en: data centre and servers}.
	Service Text `yaml:"service"`
	// Location is an ISO 3166 country code, e.g. DE.
	Location string `yaml:"location"`
	// Transfer names the legal basis of a transfer to a third country;
	// empty (or "none") when there is none.
	Transfer Text `yaml:"transfer"`
	// Method is how the audit report treats the sub-service
	// organisation: MethodCarveOut (its controls are not assessed, the
	// report relies on its attestation) or MethodInclusive (its controls
	// are assessed with the provider's); empty when not declared.
	Method string `yaml:"method"`
	// Attestation names the certificate or attestation report the
	// provider relies on, e.g. {de: ISO/IEC 27001-Zertifikat, gültig bis
	// 31.05.2027, en: …}.
	Attestation Text `yaml:"attestation"`
	// Controls are the complementary controls the provider expects of
	// it, e.g. physical access control of the data centre.
	Controls Text `yaml:"controls"`
}

// Methods of treating a sub-service organisation in the audit report.
const (
	MethodCarveOut  = "carve-out"
	MethodInclusive = "inclusive"
)

// NoTransfer reports whether the sub-processor transfers no data to a
// third country: no transfer is declared, or it is written "none"/"keine".
func (s SubProcessor) NoTransfer() bool {
	for _, t := range []string{s.Transfer.DE, s.Transfer.EN} {
		if t != "" && !strings.EqualFold(strings.TrimSpace(t), "none") && !strings.EqualFold(strings.TrimSpace(t), "keine") {
			return false
		}
	}
	return true
}

// Load reads and validates the configuration file at path. Relative paths
// in it are resolved against the file's directory.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read configuration: %w", err)
	}
	return Parse(path, data)
}

// Parse decodes and validates a configuration. name is the file name used
// in messages and, through its directory, the base of relative paths.
// Errors are *Error values naming the file, line and key.
func Parse(name string, data []byte) (*Config, error) {
	c := &Config{File: name, Dir: filepath.Dir(name)}
	root, err := yamlstrict.Parse(name, data)
	if err != nil {
		return nil, err
	}
	lines, err := newDecoder(name, fileLanguage(root)).Decode(root, c)
	if err != nil {
		return nil, err
	}
	v := &validator{file: name, lines: lines}
	if err := v.config(c); err != nil {
		return nil, err
	}
	c.resolvePaths()
	return c, nil
}

// resolvePaths makes relative paths relative to the working directory by
// joining them with Dir, and sets the kind of each backup source.
func (c *Config) resolvePaths() {
	res := func(p string) string {
		if p == "" || filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(c.Dir, p)
	}
	for _, l := range []*[]string{&c.Attestations, &c.Exceptions, &c.Policies} {
		for i, p := range *l {
			(*l)[i] = res(p)
		}
	}
	c.Signing.KeyFile = res(c.Signing.KeyFile)
	for i := range c.Sources.Kubernetes {
		s := &c.Sources.Kubernetes[i]
		s.Kubeconfig = res(s.Kubeconfig)
	}
	for i := range c.Sources.Restic {
		s := &c.Sources.Restic[i]
		s.Kind = "restic"
		s.PasswordFile = res(s.PasswordFile)
	}
	for i := range c.Sources.Borg {
		s := &c.Sources.Borg[i]
		s.Kind = "borg"
		s.PassphraseFile = res(s.PassphraseFile)
	}
	for i := range c.Sources.PgBackRest {
		s := &c.Sources.PgBackRest[i]
		s.Kind = "pgbackrest"
		s.Config = res(s.Config)
		s.CipherPassFile = res(s.CipherPassFile)
	}
}

// BackupSource returns the declarations of the backup source of the given
// kind (restic, borg, pgbackrest) and name.
func (c *Config) BackupSource(kind, name string) (BackupSource, bool) {
	if c == nil {
		return BackupSource{}, false
	}
	for _, b := range c.backupSources() {
		if b.Kind == kind && b.Name == name {
			return b, true
		}
	}
	return BackupSource{}, false
}

// backupSources lists the declarations of every backup source with Kind
// set.
func (c *Config) backupSources() []BackupSource {
	var out []BackupSource
	for _, s := range c.Sources.Restic {
		out = append(out, withKind(s.BackupSource, "restic"))
	}
	for _, s := range c.Sources.Borg {
		out = append(out, withKind(s.BackupSource, "borg"))
	}
	for _, s := range c.Sources.PgBackRest {
		out = append(out, withKind(s.BackupSource, "pgbackrest"))
	}
	return out
}

// withKind sets Kind, so that a Config built in Go (not parsed) also
// answers BackupSource.
func withKind(b BackupSource, kind string) BackupSource {
	b.Kind = kind
	return b
}

// Tenant returns the tenant with the given id.
func (c *Config) Tenant(id string) (Tenant, bool) {
	if c == nil {
		return Tenant{}, false
	}
	for _, t := range c.Tenants {
		if t.ID == id {
			return t, true
		}
	}
	return Tenant{}, false
}

// TenantNamespaces maps every namespace a tenant lists under namespaces to
// its tenant id; namespace selectors are not resolved (see
// TenantNamespacesIn). Validation guarantees that no namespace is listed
// by two tenants.
func (c *Config) TenantNamespaces() map[string]string {
	m := map[string]string{}
	if c == nil {
		return m
	}
	for _, t := range c.Tenants {
		for _, ns := range t.Namespaces {
			m[ns] = t.ID
		}
	}
	return m
}

// HasNamespaceSelectors reports whether a tenant selects namespaces by
// label, so that resolving its namespaces needs the namespaces of a
// cluster (TenantNamespacesIn).
func (c *Config) HasNamespaceSelectors() bool {
	if c == nil {
		return false
	}
	for _, t := range c.Tenants {
		if t.NamespaceSelector != nil {
			return true
		}
	}
	return false
}

// TenantNamespacesIn maps the tenant namespaces of one cluster to their
// tenant ids: the namespaces tenants list, plus each observed namespace
// (name → labels, as the cluster reports them) that a tenant's
// namespace_selector matches. A namespace that belongs to two tenants
// (selected by one and listed or selected by another) is an error: which
// customer's documents it belongs in cannot be decided, and guessing could
// show one customer's systems in another's annex.
func (c *Config) TenantNamespacesIn(observed map[string]map[string]string) (map[string]string, error) {
	m := c.TenantNamespaces()
	if !c.HasNamespaceSelectors() {
		return m, nil
	}
	names := sortedKeys(observed)
	for _, t := range c.Tenants {
		if t.NamespaceSelector == nil {
			continue
		}
		for _, ns := range names {
			if !t.NamespaceSelector.Matches(observed[ns]) {
				continue
			}
			if owner, ok := m[ns]; ok && owner != t.ID {
				return nil, fmt.Errorf("namespace %s matches the namespace_selector of tenant %s but belongs to tenant %s; a namespace belongs to one tenant: adjust the selector or the namespace's labels", ns, t.ID, owner)
			}
			m[ns] = t.ID
		}
	}
	return m, nil
}

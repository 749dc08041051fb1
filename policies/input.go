package policies

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"sort"
	"strings"
	"time"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/backup"
	"github.com/nachweis/nachweis/evidence/config"
	"github.com/nachweis/nachweis/evidence/github"
	"github.com/nachweis/nachweis/evidence/kubernetes"
)

// Input is the value every check reads (see CONTRACT.md). It holds the
// projections of the bundle's evidence, not the raw objects.
type Input struct {
	NowNS      int64                          `json:"now_ns"`
	Params     Params                         `json:"params"`
	Tenants    map[string]Tenant              `json:"tenants"`
	Kubernetes map[string]*kubernetes.Cluster `json:"kubernetes"`
	Backup     *backup.Backups                `json:"backup"`
	GitHub     map[string]*github.Org         `json:"github"`

	// sourceErrors holds whole-source collector errors by area, so that
	// a failed source explains why its evidence is missing.
	sourceErrors map[string][]string
}

// Params are the thresholds the checks use (CONTRACT.md, params).
type Params struct {
	BackupMaxAgeS       int64 `json:"backup_max_age_s"`
	IntegrityMaxAgeS    int64 `json:"integrity_max_age_s"`
	RetentionToleranceS int64 `json:"retention_tolerance_s"`
	// VeleroRetentionS is null when no Velero retention is declared.
	VeleroRetentionS     *int64   `json:"velero_retention_s"`
	AllowedClusterAdmins []string `json:"allowed_cluster_admins"`
	GitHubMaxOwners      int      `json:"github_max_owners"`
	EUCountries          []string `json:"eu_countries"`
	// ClockSkewS is how far evidence may be dated after the evaluation
	// time and still count (ClockSkew).
	ClockSkewS int64 `json:"clock_skew_s"`
	// AllowedRegistries are the registries tenant images may come from
	// without a digest.
	AllowedRegistries []string `json:"allowed_registries"`
	// NodeRegionLabel is the node label naming a node's region;
	// RegionCountries maps its values to ISO 3166 country codes.
	NodeRegionLabel   string            `json:"node_region_label"`
	RegionCountries   map[string]string `json:"region_countries"`
	DependabotMaxAgeS int64             `json:"dependabot_max_age_s"`
}

// ClockSkew is the tolerance for clocks that run ahead: evidence dated
// later than the evaluation time by more than this is no evidence of how
// recent anything is (the checks report no-evidence, "dated after the
// evaluation time").
const ClockSkew = 5 * time.Minute

// Tenant is a customer as the checks see it.
type Tenant struct {
	Name       string   `json:"name"`
	Namespaces []string `json:"namespaces"`
	// Stages maps a stage to its namespace; {} when none are declared.
	Stages map[string]string `json:"stages"`
}

// inputKeys are the requires keys per area (CONTRACT.md).
var inputKeys = map[string][]string{
	"kubernetes": kubernetes.Keys,
	"backup":     {"snapshots", "encryption", "integrity"},
	"github":     github.Keys,
}

// areaOf maps a source kind to its input area.
func areaOf(kind string) string {
	switch kind {
	case "restic", "borg", "pgbackrest":
		return "backup"
	default:
		return kind
	}
}

// BuildInput projects every source of the bundle once and combines the
// projections with the configuration's tenants, declarations and
// parameters.
func BuildInput(b *evidence.Bundle, cfg *config.Config, now time.Time) (*Input, error) {
	return buildInput(b, cfg, now, true)
}

// buildInput is BuildInput; without withKubernetes the Kubernetes sources
// are left out (input.kubernetes is empty), for the checks that read no
// Kubernetes evidence to be evaluated while it is projected.
func buildInput(b *evidence.Bundle, cfg *config.Config, now time.Time, withKubernetes bool) (*Input, error) {
	if !time.Unix(0, now.UnixNano()).Equal(now) {
		return nil, fmt.Errorf("evaluation time %s: outside 1678-09-22 to 2262-04-11, the times nanoseconds since 1970 can hold", now.UTC().Format(time.RFC3339))
	}
	p := cfg.Params()
	in := &Input{
		NowNS: now.UnixNano(),
		Params: Params{
			BackupMaxAgeS:        int64(p.BackupMaxAge / time.Second),
			IntegrityMaxAgeS:     int64(p.IntegrityMaxAge / time.Second),
			RetentionToleranceS:  int64(p.RetentionTolerance / time.Second),
			VeleroRetentionS:     seconds(p.VeleroRetention),
			AllowedClusterAdmins: p.AllowedClusterAdmins,
			GitHubMaxOwners:      p.GitHubMaxOwners,
			EUCountries:          p.EUCountries,
			ClockSkewS:           int64(ClockSkew / time.Second),
			AllowedRegistries:    p.AllowedRegistries,
			NodeRegionLabel:      p.NodeRegionLabel,
			RegionCountries:      p.RegionCountries,
			DependabotMaxAgeS:    int64(p.DependabotMaxAge / time.Second),
		},
		Tenants:      map[string]Tenant{},
		Kubernetes:   map[string]*kubernetes.Cluster{},
		GitHub:       map[string]*github.Org{},
		sourceErrors: map[string][]string{},
	}
	for _, t := range cfg.Tenants {
		ns := append([]string{}, t.Namespaces...)
		sort.Strings(ns)
		stages := map[string]string{}
		maps.Copy(stages, t.Stages)
		in.Tenants[t.ID] = Tenant{Name: t.Name, Namespaces: ns, Stages: stages}
	}

	var repos []backup.Repo
	for _, src := range b.Manifest.Sources {
		if src.Status == evidence.StatusError {
			msg := fmt.Sprintf("source %s/%s: %s", src.Kind, src.Name, src.Error)
			in.sourceErrors[areaOf(src.Kind)] = append(in.sourceErrors[areaOf(src.Kind)], msg)
		}
		switch src.Kind {
		case "kubernetes":
			if !withKubernetes {
				continue
			}
			files, err := kubernetesFiles(b, src, cfg.HasNamespaceSelectors())
			if err != nil {
				return nil, err
			}
			tenantNS, err := tenantNamespaces(cfg, files)
			if err != nil {
				return nil, fmt.Errorf("kubernetes source %s: %w", src.Name, err)
			}
			c, err := kubernetes.Project(files, kubernetes.Scope{TenantNamespaces: tenantNS})
			var re *readError
			if errors.As(err, &re) {
				return nil, re.err
			}
			if err != nil {
				return nil, fmt.Errorf("project kubernetes source %s: %w", src.Name, err)
			}
			markErrors("kubernetes", src, c.Present, c.Errors)
			in.Kubernetes[src.Name] = c
		case "restic", "borg", "pgbackrest":
			files, err := readFiles(b, src, func(f evidence.File) backup.File {
				return backup.File{Path: f.Path, Kind: f.Kind}
			}, func(f *backup.File, data []byte) { f.Data = data })
			if err != nil {
				return nil, err
			}
			repos = append(repos, backupRepo(cfg, src, files, p))
		case "github":
			files, err := readFiles(b, src, func(f evidence.File) github.File {
				return github.File{Path: f.Path, Kind: f.Kind}
			}, func(f *github.File, data []byte) { f.Data = data })
			if err != nil {
				return nil, err
			}
			o, err := github.Project(files)
			if err != nil {
				return nil, fmt.Errorf("project github source %s: %w", src.Name, err)
			}
			markErrors("github", src, o.Present, o.Errors)
			in.GitHub[src.Name] = o
		default:
			return nil, fmt.Errorf("bundle source %s/%s: unknown source kind %q", src.Kind, src.Name, src.Kind)
		}
	}
	bk, err := backup.Project(repos, backup.Params{DefaultMaxAge: p.BackupMaxAge})
	if err != nil {
		return nil, fmt.Errorf("project backups: %w", err)
	}
	for _, src := range b.Manifest.Sources {
		if areaOf(src.Kind) != "backup" {
			continue
		}
		for _, r := range bk.Repositories {
			if r.Source == src.Name && r.Tool == src.Kind {
				markErrors("backup", src, r.Present, r.Errors)
			}
		}
	}
	in.Backup = bk
	return in, nil
}

// tenantNamespaces maps the tenant namespaces of one cluster to their
// tenants; tenants with a namespace_selector are resolved against the
// labels of the cluster's namespaces.
func tenantNamespaces(cfg *config.Config, files []kubernetes.File) (map[string]string, error) {
	if !cfg.HasNamespaceSelectors() {
		return cfg.TenantNamespaces(), nil
	}
	labels, err := kubernetes.NamespaceLabels(files)
	if err != nil {
		return nil, err
	}
	return cfg.TenantNamespacesIn(labels)
}

// markErrors records a source's collector errors in its projection: an
// item error hides that item, and a failed source explains every item it
// could not provide. Rego reports these as no-evidence.
func markErrors(area string, src evidence.Source, present map[string]bool, errs map[string]string) {
	for k, e := range src.Errors {
		present[k] = false
		errs[k] = e
	}
	if src.Status != evidence.StatusError {
		return
	}
	for _, k := range inputKeys[area] {
		if !present[k] {
			if _, ok := errs[k]; !ok {
				errs[k] = src.Error
			}
		}
	}
}

// seconds is d in seconds, or nil for an undeclared (zero) duration.
func seconds(d time.Duration) *int64 {
	if d <= 0 {
		return nil
	}
	s := int64(d / time.Second)
	return &s
}

// kubernetesFiles are the files of a Kubernetes source for the
// projection, which streams the lists and versions one at a time
// (kubernetes.Project) instead of holding every file in memory. Other
// files are read (and so verified) now, as every file of a source always
// was. Tenants that select namespaces by label need the namespaces before
// the projection: then every file is read now.
func kubernetesFiles(b *evidence.Bundle, src evidence.Source, whole bool) ([]kubernetes.File, error) {
	if whole {
		return readFiles(b, src, func(f evidence.File) kubernetes.File {
			return kubernetes.File{Path: f.Path, Kind: f.Kind, ItemKind: f.ItemKind}
		}, func(f *kubernetes.File, data []byte) { f.Data = data })
	}
	out := make([]kubernetes.File, 0, len(src.Files))
	for _, f := range src.Files {
		kf := kubernetes.File{Path: f.Path, Kind: f.Kind, ItemKind: f.ItemKind}
		if f.Kind != kubernetes.KindList && f.Kind != kubernetes.KindVersion {
			data, err := b.ReadFile(f.Path)
			if err != nil {
				return nil, fmt.Errorf("read evidence %s: %w", f.Path, err)
			}
			kf.Data = data
			out = append(out, kf)
			continue
		}
		path := f.Path
		kf.Open = func() (io.ReadCloser, error) { return b.OpenFile(path) }
		kf.Read = func() ([]byte, error) {
			data, err := b.ReadFile(path)
			if err != nil {
				return nil, &readError{fmt.Errorf("read evidence %s: %w", path, err)}
			}
			return data, nil
		}
		out = append(out, kf)
	}
	return out, nil
}

// readError is an evidence file that could not be read while projecting:
// reported as it is, like one read before the projection.
type readError struct{ err error }

func (e *readError) Error() string { return e.err.Error() }
func (e *readError) Unwrap() error { return e.err }

func readFiles[T any](b *evidence.Bundle, src evidence.Source, mk func(evidence.File) T, set func(*T, []byte)) ([]T, error) {
	out := make([]T, 0, len(src.Files))
	for _, f := range src.Files {
		data, err := b.ReadFile(f.Path)
		if err != nil {
			return nil, fmt.Errorf("read evidence %s: %w", f.Path, err)
		}
		t := mk(f)
		set(&t, data)
		out = append(out, t)
	}
	return out, nil
}

// backupRepo combines a bundle source with the declarations the
// configuration holds for the source of the same kind and name. A source
// the configuration does not know has no declared site or retention; the
// checks that need them report no-evidence.
func backupRepo(cfg *config.Config, src evidence.Source, files []backup.File, p config.Params) backup.Repo {
	r := backup.Repo{Source: src.Name, Tool: src.Kind, Files: files, MaxAge: p.BackupMaxAge, CheckedAt: src.FinishedAt}
	if src.CollectedAtUnknown {
		// Imported without --collected-at: finished_at is the import
		// time, not when a restic check ran.
		r.CheckedAt = time.Time{}
	}
	d, ok := cfg.BackupSource(src.Kind, src.Name)
	if !ok {
		return r
	}
	r.Site = d.Site
	r.Sites = d.Sites
	if d.MaxAge > 0 {
		r.MaxAge = d.MaxAge
	}
	if d.Retention != nil {
		r.Retention = &backup.Retention{Daily: d.Retention.Daily, Weekly: d.Retention.Weekly, Monthly: d.Retention.Monthly, Yearly: d.Retention.Yearly}
	}
	if len(d.Tenants) > 0 {
		r.Tenants = map[string]backup.Selector{}
		for id, s := range d.Tenants {
			r.Tenants[id] = backup.Selector{Tags: s.Tags, Hosts: s.Hosts, Paths: s.Paths, ArchivePrefix: s.ArchivePrefix, Stanzas: s.Stanzas, Databases: s.Databases}
		}
	}
	return r
}

// provided computes, for every requires key, whether some source provides
// it ("") or why it is missing.
func (in *Input) provided() map[string]string {
	p := map[string]string{}
	missing := map[string][]string{}
	note := func(area string, present map[string]bool, errs map[string]string, source string) {
		for _, k := range inputKeys[area] {
			key := area + "." + k
			if present[k] {
				p[key] = ""
				continue
			}
			if e, ok := errs[k]; ok && e != "" {
				missing[key] = append(missing[key], fmt.Sprintf("%s: %s", source, e))
			}
		}
	}
	for _, name := range sortedKeys(in.Kubernetes) {
		c := in.Kubernetes[name]
		note("kubernetes", c.Present, c.Errors, "kubernetes/"+name)
	}
	if in.Backup != nil {
		for _, name := range sortedKeys(in.Backup.Repositories) {
			r := in.Backup.Repositories[name]
			note("backup", r.Present, r.Errors, r.Tool+"/"+name)
		}
	}
	for _, name := range sortedKeys(in.GitHub) {
		o := in.GitHub[name]
		note("github", o.Present, o.Errors, "github/"+name)
	}
	for area, keys := range inputKeys {
		for _, k := range keys {
			key := area + "." + k
			if _, ok := p[key]; ok {
				continue
			}
			// A failed source already explains its missing items
			// (markErrors); its source error is only the fallback.
			reasons := missing[key]
			if len(reasons) == 0 {
				reasons = in.sourceErrors[area]
			}
			if len(reasons) > 0 {
				p[key] = strings.Join(reasons, "; ")
			}
		}
	}
	return p
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// resolver resolves projection refs against the bundle manifest.
func resolver(b *evidence.Bundle) RefResolver {
	type entry struct {
		file evidence.File
		src  evidence.Source
	}
	files := map[string]entry{}
	for _, s := range b.Manifest.Sources {
		for _, f := range s.Files {
			files[f.Path] = entry{f, s}
		}
	}
	return func(ref string) (controls.EvidenceRef, bool) {
		path, pointer, _ := strings.Cut(ref, "#")
		e, ok := files[path]
		if !ok {
			return controls.EvidenceRef{}, false
		}
		return controls.EvidenceRef{
			Source:      e.src.Kind + "/" + e.src.Name,
			File:        path,
			SHA256:      e.file.SHA256,
			Pointer:     pointer,
			CollectedAt: e.src.FinishedAt.UTC(),
		}, true
	}
}

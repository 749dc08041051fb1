package templates

import (
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/controls/l10n"
	"github.com/nachweis/nachweis/evidence/config"
)

// tomScope collects the tenant's systems for section 1: the namespaces the
// evidence shows per cluster, the backup repositories declared to hold the
// tenant's data with their sites, the GitHub organisations and the
// locations.
func tomScope(in TOMInput, tenant config.Tenant) TOMScope {
	var s TOMScope
	r := in.Results
	clusters := map[string]map[string]bool{}
	for _, src := range r.Sources {
		if src.Kind == "kubernetes" {
			clusters[src.Name] = map[string]bool{}
		}
	}
	found := map[string]bool{}
	// Namespace findings first: they name a namespace unambiguously, even
	// one with a "/" in its name (evidence is not validated like the API
	// server validates names), and let object findings be matched to it.
	for pass := range 2 {
		for _, c := range r.Checks {
			for _, f := range c.Findings {
				if f.Tenant != tenant.ID {
					continue
				}
				cluster, rest, ok := strings.Cut(f.Resource, "/")
				nss, known := clusters[cluster]
				if !ok || !known {
					continue
				}
				ns := ""
				if after, isNS := strings.CutPrefix(rest, "namespace/"); isNS {
					ns = after
				} else if pass == 1 {
					ns = tomObjectNamespace(rest, nss)
				}
				if ns != "" {
					nss[ns] = true
					found[ns] = true
				}
			}
		}
	}
	for _, name := range tomSortedKeys(clusters) {
		if nss := clusters[name]; len(nss) > 0 {
			s.Clusters = append(s.Clusters, TOMCluster{Name: name, Namespaces: tomSortedKeys(nss)})
		}
	}
	for _, ns := range tenant.Namespaces {
		if !found[ns] {
			s.MissingNamespaces = append(s.MissingNamespaces, ns)
		}
	}
	sort.Strings(s.MissingNamespaces)

	var sites []string
	for _, b := range tomBackupSources(in.Config) {
		if _, ok := b.Tenants[tenant.ID]; !ok {
			continue
		}
		tb := TOMBackup{Tool: tomToolName(b.Kind), Name: b.Name, Retention: tomRetention(b.Retention, in.Lang)}
		if b.Site != "" {
			tb.Sites = append(tb.Sites, tomSite(b.Site))
			sites = append(sites, tomSite(b.Site))
		}
		for _, key := range tomSortedKeys(b.Sites) {
			tb.Sites = append(tb.Sites, key+": "+tomSite(b.Sites[key]))
			sites = append(sites, tomSite(b.Sites[key]))
		}
		s.Backups = append(s.Backups, tb)
	}
	s.StorageSites = distinct(sites)
	var orgs []string
	for _, g := range in.Config.Sources.GitHub {
		orgs = append(orgs, g.Organization)
	}
	s.GitHubOrgs = distinct(orgs)
	var locs []string
	for _, p := range in.Config.SubProcessors {
		locs = append(locs, p.Location)
	}
	s.SubProcessorLocations = distinct(locs)
	return s
}

// tomObjectNamespace returns the namespace of an object finding's resource
// after its cluster, <kind>/<ns>/<name>: the longest known namespace it
// starts with, else the part up to the next "/" ("" if there is none).
func tomObjectNamespace(rest string, known map[string]bool) string {
	_, nsName, ok := strings.Cut(rest, "/")
	if !ok {
		return ""
	}
	best := ""
	for ns := range known {
		if strings.HasPrefix(nsName, ns+"/") && len(ns) > len(best) {
			best = ns
		}
	}
	if best != "" {
		return best
	}
	if ns, _, ok := strings.Cut(nsName, "/"); ok {
		return ns
	}
	return ""
}

// tomBackupSources lists the backup sources of the configuration: restic,
// borg, then pgBackRest, each in configuration order.
func tomBackupSources(c *config.Config) []config.BackupSource {
	var out []config.BackupSource
	for _, s := range c.Sources.Restic {
		b := s.BackupSource
		b.Kind = "restic"
		out = append(out, b)
	}
	for _, s := range c.Sources.Borg {
		b := s.BackupSource
		b.Kind = "borg"
		out = append(out, b)
	}
	for _, s := range c.Sources.PgBackRest {
		b := s.BackupSource
		b.Kind = "pgbackrest"
		out = append(out, b)
	}
	return out
}

// tomToolName is the product name of a backup tool.
func tomToolName(kind string) string {
	switch kind {
	case "borg":
		return "BorgBackup"
	case "pgbackrest":
		return "pgBackRest"
	}
	return kind
}

// tomSite turns a declared site "DE-Falkenstein" into "Falkenstein (DE)".
func tomSite(site string) string {
	country, place, ok := strings.Cut(site, "-")
	if !ok || len(country) != 2 || place == "" {
		return site
	}
	return place + " (" + country + ")"
}

// tomRetention words a declared retention, e.g. "7 tägliche, 4
// wöchentliche Sicherungen" or "7 daily, 4 weekly backups"; empty when
// none is declared.
func tomRetention(r *config.Retention, lang string) string {
	if r == nil {
		return ""
	}
	words, noun := [6]string{"minutely", "hourly", "daily", "weekly", "monthly", "yearly"}, "backups"
	last, within, also, full := "the last %d", "all backups of the last %s", "; and ", "%d full backups with the backups depending on them"
	if lang == "de" {
		words, noun = [6]string{"minütliche", "stündliche", "tägliche", "wöchentliche", "monatliche", "jährliche"}, "Sicherungen"
		last, within, also, full = "die letzten %d", "alle Sicherungen der letzten %s", "; dazu ", "%d Vollsicherungen mit den von ihnen abhängigen Sicherungen"
	}
	var parts []string
	if r.Last > 0 {
		parts = append(parts, fmt.Sprintf(last, r.Last))
	}
	for i, n := range []int{r.Minutely, r.Hourly, r.Daily, r.Weekly, r.Monthly, r.Yearly} {
		if n > 0 {
			parts = append(parts, strconv.Itoa(n)+" "+words[i])
		}
	}
	s := ""
	if len(parts) > 0 {
		s = strings.Join(parts, ", ") + " " + noun
	}
	if r.Within > 0 {
		span := strconv.FormatInt(int64(r.Within/time.Hour), 10) + " h"
		if r.Within >= 48*time.Hour && r.Within%(24*time.Hour) == 0 {
			span = l10n.Duration(lang, r.Within)
		}
		w := fmt.Sprintf(within, span)
		if s != "" {
			w = also + w
		}
		s += w
	}
	if s == "" && r.Full > 0 {
		s = fmt.Sprintf(full, r.Full)
	}
	return s
}

// tomEvidence is the index of the evidence items the measures cite.
func tomEvidence(r *controls.Results, measures []TOMMeasure) []TOMEvidence {
	cited := map[string]bool{}
	for _, m := range measures {
		for _, id := range m.EvidenceIDs {
			cited[id] = true
		}
	}
	var out []TOMEvidence
	for _, e := range r.Evidence {
		if !cited[e.ID] {
			continue
		}
		out = append(out, TOMEvidence{ID: e.ID, Source: e.Source, Kind: e.Kind, File: e.File, Name: path.Base(e.File), CollectedAt: e.CollectedAt, SHA256: strings.TrimPrefix(e.SHA256, "sha256:")})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func tomSortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

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
	lang, params := in.Lang, in.Config.Params()
	tenantSites := map[string]bool{}
	for _, b := range tomBackupSources(in.Config) {
		if _, ok := b.Tenants[tenant.ID]; !ok {
			continue
		}
		tb := TOMBackup{
			Tool: tomToolName(b.Kind), Name: b.Name, Retention: tomRetention(b.Retention, lang),
			MaxAge: l10n.Duration(lang, tomMaxAge(b, params)),
		}
		if d, err := b.LongestKept(); err == nil && d > 0 {
			tb.LongestKept = l10n.Duration(lang, d)
		}
		if b.Site != "" {
			name := in.Config.SiteName(b.Site, lang)
			tb.Sites = append(tb.Sites, name)
			tb.SiteNames = append(tb.SiteNames, name)
			tenantSites[b.Site] = true
		}
		for _, key := range tomSortedKeys(b.Sites) {
			name := in.Config.SiteName(b.Sites[key], lang)
			tb.Sites = append(tb.Sites, key+": "+name)
			tb.SiteNames = append(tb.SiteNames, name)
			tenantSites[b.Sites[key]] = true
		}
		sites = append(sites, tb.SiteNames...)
		s.Backups = append(s.Backups, tb)
	}
	s.StorageSites = inOrderDistinct(sites)
	s.Locations = tomLocations(in.Config, tenantSites, lang)
	var orgs []string
	for _, g := range in.Config.Sources.GitHub {
		org := g.Organization
		if org == "" {
			org = g.Name
		}
		orgs = append(orgs, org)
	}
	s.GitHubOrgs = distinct(orgs)
	var locs []string
	for _, p := range tenantSubProcessors(in.Config, tenant) {
		locs = append(locs, p.Location)
	}
	s.SubProcessorLocations = distinct(locs)
	return s
}

// tomLocations are the service's declared locations that concern the
// tenant: every location that holds none of the provider's backup
// repositories (production), and those holding the tenant's backups. A
// site that holds only other tenants' backups is left out.
func tomLocations(c *config.Config, tenantSites map[string]bool, lang string) []TOMLocation {
	backupSite := map[string]bool{}
	for _, b := range tomBackupSources(c) {
		if b.Site != "" {
			backupSite[b.Site] = true
		}
		for _, s := range b.Sites {
			backupSite[s] = true
		}
	}
	var out []TOMLocation
	for _, l := range c.Service.Locations {
		if backupSite[l.Site] && !tenantSites[l.Site] {
			continue
		}
		out = append(out, TOMLocation{Site: c.SiteName(l.Site, lang), Purpose: l.Purpose.In(lang), Provider: l.Provider})
	}
	return out
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

// tomRetention words a declared retention as the tiers it keeps, e.g.
// "7 täglich / 4 wöchentlich / 6 monatlich" or "7 daily / 4 weekly / 6
// monthly"; empty when none is declared.
func tomRetention(r *config.Retention, lang string) string {
	if r == nil {
		return ""
	}
	words := [6]string{"minutely", "hourly", "daily", "weekly", "monthly", "yearly"}
	last, within, full := "last %s", "all of the last %s", "%s full backups (one every %s) with the backups depending on them"
	if lang == "de" {
		words = [6]string{"minütlich", "stündlich", "täglich", "wöchentlich", "monatlich", "jährlich"}
		last, within, full = "letzte %s", "alle der letzten %s", "%s Vollsicherungen (eine alle %s) mit den von ihnen abhängigen Sicherungen"
	}
	var parts []string
	if r.Last > 0 {
		parts = append(parts, fmt.Sprintf(last, l10n.Int(lang, r.Last)))
	}
	for i, n := range []int{r.Minutely, r.Hourly, r.Daily, r.Weekly, r.Monthly, r.Yearly} {
		if n > 0 {
			parts = append(parts, l10n.Int(lang, n)+" "+words[i])
		}
	}
	if r.Within > 0 {
		span := strconv.FormatInt(int64(r.Within/time.Hour), 10) + " h"
		if r.Within >= 48*time.Hour && r.Within%(24*time.Hour) == 0 {
			span = l10n.Duration(lang, r.Within)
		}
		parts = append(parts, fmt.Sprintf(within, span))
	}
	if len(parts) == 0 && r.Full > 0 {
		return fmt.Sprintf(full, l10n.Int(lang, r.Full), l10n.Duration(lang, r.FullInterval))
	}
	return strings.Join(parts, " / ")
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
		out = append(out, TOMEvidence{ID: e.ID, Source: e.Source, Kind: e.Kind, Collector: e.Collector, File: e.File, Name: path.Base(e.File), CollectedAt: e.CollectedAt, SHA256: strings.TrimPrefix(e.SHA256, "sha256:")})
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

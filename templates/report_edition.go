package templates

import (
	"path"
	"strings"

	"github.com/nachweis/nachweis/controls"
)

// The customer edition of the report (ReportInput.Tenant) goes to one
// customer. It shows the tenant's scope and the shared infrastructure:
// the tenant's own objects by name, the shared infrastructure's only as
// counts (they may name staff accounts, other customers' repositories or
// hosts), no other tenant's sources, no person behind an attestation and
// no internal risk wording of an accepted exception. The results it is
// built from are already restricted to the tenant (policies
// RunOptions.Tenant); these functions keep out what the restriction keeps
// for the provider's view.

// edition reports whether the report is a customer edition.
func (ix *reportIndex) edition() bool { return ix.in.Tenant != "" }

// ownObject reports whether a finding is about one of the tenant's own
// objects, which a customer edition may name.
func (ix *reportIndex) ownObject(f controls.Finding) bool {
	return !ix.edition() || f.Tenant == ix.in.Tenant
}

// tenantSources are the bundle sources a customer edition may name: the
// Kubernetes clusters holding the tenant's namespaces, the backup sources
// holding its data and the GitHub organisations (shared); nil for the
// provider's report, which names every source.
func (ix *reportIndex) tenantSources() map[string]bool {
	if !ix.edition() {
		return nil
	}
	t, _ := ix.in.Config.Tenant(ix.in.Tenant)
	scope := tomScope(TOMInput{Results: ix.r, Config: ix.in.Config, Model: ix.in.Model, Tenant: t.ID, Lang: ix.lang}, t)
	out := map[string]bool{}
	for _, c := range scope.Clusters {
		out["kubernetes/"+c.Name] = true
	}
	for _, b := range tomBackupSources(ix.in.Config) {
		if _, ok := b.Tenants[t.ID]; ok {
			out[b.Kind+"/"+b.Name] = true
		}
	}
	for _, s := range ix.r.Sources {
		if s.Kind == "github" {
			out["github/"+s.Name] = true
		}
	}
	return out
}

// sourceShown reports whether the report may name a bundle source
// (kind/name).
func (ix *reportIndex) sourceShown(kindName string) bool {
	if ix.sources == nil {
		return true
	}
	return ix.sources[kindName]
}

// serviceLocations are the service's declared locations; a customer
// edition leaves out sites that hold only other tenants' backups.
func (ix *reportIndex) serviceLocations() []ReportLocation {
	cfg := ix.in.Config
	var out []ReportLocation
	if t, ok := cfg.Tenant(ix.in.Tenant); ok {
		sites := map[string]bool{}
		for _, b := range tomBackupSources(cfg) {
			if _, ok := b.Tenants[t.ID]; !ok {
				continue
			}
			if b.Site != "" {
				sites[b.Site] = true
			}
			for _, s := range b.Sites {
				sites[s] = true
			}
		}
		for _, l := range tomLocations(cfg, sites, ix.lang) {
			out = append(out, ReportLocation(l))
		}
		return out
	}
	for _, l := range cfg.Service.Locations {
		out = append(out, ReportLocation{Site: cfg.SiteName(l.Site, ix.lang), Purpose: l.Purpose.In(ix.lang), Provider: l.Provider})
	}
	return out
}

// customerControls are the complementary customer controls with the
// requirements of the report's framework they complement.
func (ix *reportIndex) customerControls() []ReportCustomerControl {
	var out []ReportCustomerControl
	for _, cc := range ix.in.Config.Service.CustomerControls {
		c := ReportCustomerControl{ID: cc.ID, Text: cc.Text.In(ix.lang)}
		for _, ref := range cc.Requirements {
			if fw, id, err := controls.ParseRef(ref); err == nil && fw == ix.fw {
				c.Requirements = append(c.Requirements, ix.displayID(fw, id))
			}
		}
		out = append(out, c)
	}
	return out
}

// evidenceIndex is Anlage A: every item of the bundle, with its source,
// file, kind and collector; a customer edition lists only the items its
// requirements and findings cite.
func (ix *reportIndex) evidenceIndex() []ReportEvidence {
	var cited map[string]bool
	if ix.edition() {
		cited = map[string]bool{}
		for i := range ix.r.Checks {
			c := &ix.r.Checks[i]
			if !ix.checkRelevant(c) {
				continue
			}
			for _, f := range c.Findings {
				for _, e := range f.Evidence {
					cited[e.File] = true
				}
			}
		}
	}
	var out []ReportEvidence
	for _, e := range ix.r.Evidence {
		if cited != nil && !cited[e.File] {
			continue
		}
		out = append(out, ReportEvidence{
			ID: e.ID, Source: e.Source, File: e.File, Name: path.Base(e.File), Kind: e.Kind,
			Collector: e.Collector, CollectedAt: e.CollectedAt, SHA256: e.SHA256,
		})
	}
	return out
}

// roleName is an attestation's role in the document's language.
func (ix *reportIndex) roleName(role string) string {
	return ix.in.Config.RoleName(role, ix.lang)
}

// sourceOf is the kind/name of a bundle source in a "kind/name" string.
func sourceOf(kind, name string) string {
	return strings.TrimSpace(kind) + "/" + strings.TrimSpace(name)
}

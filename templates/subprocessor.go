package templates

import (
	"github.com/nachweis/nachweis/evidence/config"
)

// SubProcessor is a sub-processor (Unterauftragsverarbeiter) as the TOM
// annex and the audit report list it, from the configuration; the report
// also shows it as a sub-service organisation.
type SubProcessor struct {
	Name     string
	Address  string
	Service  string
	Location string
	// Transfer is the legal basis of a third-country transfer; empty when
	// there is none (templates print "keine"/"none").
	Transfer string
	// Method is "carve-out" or "inclusive"; empty when not declared.
	Method string
	// Attestation is the certificate or report relied on; Controls the
	// complementary controls expected of it. Both may be empty.
	Attestation string
	Controls    string
	// Tenant is the id of the only tenant it works for; empty for the
	// provider's sub-processors, which work for every tenant.
	Tenant string
}

// subProcessors lists the provider's sub-processors and then every
// tenant's own, in configuration order, with their texts in lang: the
// provider-wide view.
func subProcessors(c *config.Config, lang string) []SubProcessor {
	var out []SubProcessor
	for _, p := range c.SubProcessors {
		out = append(out, subProcessor(p, "", lang))
	}
	for _, t := range c.Tenants {
		for _, p := range t.SubProcessors {
			out = append(out, subProcessor(p, t.ID, lang))
		}
	}
	return out
}

// subProcessorsOf lists the sub-processors that work for one tenant: the
// provider's and the tenant's own, never another tenant's.
func subProcessorsOf(c *config.Config, tenant config.Tenant, lang string) []SubProcessor {
	var out []SubProcessor
	for _, p := range tenantSubProcessors(c, tenant) {
		out = append(out, subProcessor(p, "", lang))
	}
	return out
}

// tenantSubProcessors are the configured sub-processors that work for
// the tenant.
func tenantSubProcessors(c *config.Config, tenant config.Tenant) []config.SubProcessor {
	return append(append([]config.SubProcessor(nil), c.SubProcessors...), tenant.SubProcessors...)
}

func subProcessor(p config.SubProcessor, tenant, lang string) SubProcessor {
	sp := SubProcessor{
		Name: p.Name, Address: p.Address, Service: p.Service.In(lang), Location: p.Location,
		Method: p.Method, Attestation: p.Attestation.In(lang), Controls: p.Controls.In(lang), Tenant: tenant,
	}
	if !p.NoTransfer() {
		sp.Transfer = p.Transfer.In(lang)
	}
	return sp
}

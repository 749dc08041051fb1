package templates

import (
	"github.com/nachweis/nachweis/evidence/config"
)

// SubProcessor is a sub-processor (Unterauftragsverarbeiter) as the TOM
// annex and the audit report list it, from the configuration.
type SubProcessor struct {
	Name     string
	Address  string
	Service  string
	Location string
	// Transfer is the legal basis of a third-country transfer; empty when
	// the configuration says "none" (templates print "keine"/"none").
	Transfer string
}

// subProcessors lists the configured sub-processors in configuration
// order, with their texts in lang.
func subProcessors(c *config.Config, lang string) []SubProcessor {
	var out []SubProcessor
	for _, p := range c.SubProcessors {
		sp := SubProcessor{Name: p.Name, Address: p.Address, Service: p.Service.In(lang), Location: p.Location}
		if !p.NoTransfer() {
			sp.Transfer = p.Transfer.In(lang)
		}
		out = append(out, sp)
	}
	return out
}

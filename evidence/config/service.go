package config

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/nachweis/nachweis/evidence/internal/yamlstrict"
)

// Service is the service the documents describe: the system description
// of the audit report (its environment parameters) and the scope of the
// TOM annex. Every part is optional; a document says what is not given
// instead of inventing it.
type Service struct {
	// Name is the name of the service, e.g. {de: Beispiel CRM, en:
	// Example CRM}.
	Name Text `yaml:"name"`
	// Description says in a few sentences what the service does and how
	// it is built.
	Description Text `yaml:"description"`
	// Locations are the sites where the service processes and stores
	// data, including backup copies.
	Locations []ServiceLocation `yaml:"locations"`
	// CustomerControls are the complementary customer controls: what the
	// customer must do itself for the measures to work, e.g. manage the
	// users of its own identity provider.
	CustomerControls []CustomerControl `yaml:"customer_controls"`
	// GeneralConditions are the declared statements on the general
	// conditions of C5:2026 (GC-01 … GC-06).
	GeneralConditions GeneralConditions `yaml:"general_conditions"`
}

// ServiceLocation is one site of the service.
type ServiceLocation struct {
	// Site is an ISO 3166 country code, a dash and a place, as backup
	// sources declare theirs, e.g. DE-Falkenstein.
	Site string `yaml:"site"`
	// Name is the place as documents name it, e.g. {de: Nürnberg, en:
	// Nuremberg}; empty means the place as the site writes it. It names
	// the site wherever the documents show it, backup sites included.
	Name Text `yaml:"name"`
	// Purpose says what happens there, e.g. {de: Produktion, en:
	// production}.
	Purpose Text `yaml:"purpose"`
	// Provider names the sub-processor operating the site; it must be
	// one of sub_processors.
	Provider string `yaml:"provider"`
}

// CustomerControl is a complementary customer control.
type CustomerControl struct {
	// ID is unique, e.g. KK-01.
	ID   string `yaml:"id"`
	Text Text   `yaml:"text"`
	// Requirements are the requirements it complements, as references
	// "<framework>:<id>", e.g. c5:IDM-09 or gdpr:32(1)(b).
	Requirements []string `yaml:"requirements"`
}

// Classification is the classification line of the documents.
type Classification struct {
	// Customer is printed on the documents for a customer: the TOM
	// annex and the customer edition of a report.
	Customer Text `yaml:"customer"`
	// Internal is printed on the provider's internal documents: the
	// provider-wide audit reports, the SoA, the control matrices and the
	// release checklists.
	Internal Text `yaml:"internal"`
}

// Default classifications, used where the configuration gives none.
var (
	DefaultCustomerClassification = Text{DE: "Vertraulich – nur für den Auftraggeber", EN: "Confidential – for the customer only"}
	DefaultInternalClassification = Text{DE: "Vertraulich – intern", EN: "Confidential – internal"}
)

// CustomerClassification is the classification of documents for a
// customer, in lang.
func (c *Config) CustomerClassification(lang string) string {
	if c == nil || c.Classification.Customer.IsZero() {
		return DefaultCustomerClassification.In(lang)
	}
	return c.Classification.Customer.In(lang)
}

// InternalClassification is the classification of the provider's
// internal documents, in lang.
func (c *Config) InternalClassification(lang string) string {
	if c == nil || c.Classification.Internal.IsZero() {
		return DefaultInternalClassification.In(lang)
	}
	return c.Classification.Internal.In(lang)
}

// RoleName is the name of a role as documents print it: the configured
// name in lang (roles), else the role as written, marked as not
// translated unless the file declares lang as its language.
func (c *Config) RoleName(role, lang string) string {
	if c != nil {
		if t, ok := c.Roles[role]; ok && !t.IsZero() {
			return t.In(lang)
		}
	}
	if role == "" || c != nil && c.Language == lang {
		return role
	}
	if lang == "de" {
		return role + " [Bezeichnung nicht übersetzt]"
	}
	return role + " [name not translated]"
}

// SiteName is a declared site as documents show it: the place, named in
// lang as service.locations names it (else as the site writes it), and
// the country, e.g. "Nürnberg (DE)" for DE-Nuremberg. A site that is not
// country-place is returned as written.
func (c *Config) SiteName(site, lang string) string {
	country, place, ok := strings.Cut(site, "-")
	if !ok || len(country) != 2 || place == "" {
		return site
	}
	if c != nil {
		for _, l := range c.Service.Locations {
			if l.Site == site && !l.Name.IsZero() {
				place = l.Name.In(lang)
				break
			}
		}
	}
	return place + " (" + country + ")"
}

var (
	customerControlID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]*$`)
	requirementRef    = regexp.MustCompile(`^(c5|c5-2020|c5-2026|iso27001|iso27001-2022|gdpr):\S+$`)
)

// service checks the service description, the classification and the
// role names.
func (v *validator) service(c *Config) error {
	if c.Language != "" && !slices.Contains(textLanguages, c.Language) {
		return v.errf("language", "expected de or en (the language of texts written as plain text), got %s", yamlstrict.Quote(c.Language))
	}
	s := c.Service
	if err := v.text("service.name", s.Name, false, ""); err != nil {
		return err
	}
	if err := v.text("service.description", s.Description, false, ""); err != nil {
		return err
	}
	if err := v.generalConditions(s.GeneralConditions); err != nil {
		return err
	}
	processors := map[string]bool{}
	for _, p := range c.SubProcessors {
		processors[p.Name] = true
	}
	for i, l := range s.Locations {
		p := fmt.Sprintf("service.locations[%d]", i)
		if !site.MatchString(l.Site) {
			return v.errf(p+".site", "expected an ISO 3166 country code, a dash and a place, e.g. DE-Falkenstein, got %s", yamlstrict.Quote(l.Site))
		}
		if err := v.text(p+".name", l.Name, false, ""); err != nil {
			return err
		}
		if err := v.text(p+".purpose", l.Purpose, true, "what happens at the site, e.g. {de: Produktion, en: production}"); err != nil {
			return err
		}
		if l.Provider != "" && !processors[l.Provider] {
			return v.errf(p+".provider", "expected the name of one of sub_processors, got %s", yamlstrict.Quote(l.Provider))
		}
	}
	ids := map[string]string{}
	for i, cc := range s.CustomerControls {
		p := fmt.Sprintf("service.customer_controls[%d]", i)
		if !customerControlID.MatchString(cc.ID) {
			return v.errf(p+".id", "expected an id made of letters, digits and -, e.g. KK-01, got %s", yamlstrict.Quote(cc.ID))
		}
		if first, dup := ids[cc.ID]; dup {
			return v.errf(p+".id", "duplicate id %q (first at line %d)", cc.ID, v.lines.Line(first))
		}
		ids[cc.ID] = p + ".id"
		if err := v.text(p+".text", cc.Text, true, "what the customer does"); err != nil {
			return err
		}
		for j, r := range cc.Requirements {
			if !requirementRef.MatchString(r) {
				return v.errf(fmt.Sprintf("%s.requirements[%d]", p, j), "expected a requirement reference like c5-2020:IDM-09, iso27001-2022:A.5.17 or gdpr:32(1)(b), got %s", yamlstrict.Quote(r))
			}
		}
	}
	if err := v.text("classification.customer", c.Classification.Customer, false, ""); err != nil {
		return err
	}
	if err := v.text("classification.internal", c.Classification.Internal, false, ""); err != nil {
		return err
	}
	for _, role := range sortedKeys(c.Roles) {
		p := "roles." + role
		if strings.TrimSpace(role) == "" {
			return v.errf("roles", "expected a role as the attestations write it, got an empty key")
		}
		if err := v.text(p, c.Roles[role], true, "the role's name"); err != nil {
			return err
		}
	}
	return nil
}

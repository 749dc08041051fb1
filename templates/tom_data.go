package templates

import (
	"time"

	"github.com/nachweis/nachweis/controls"
)

// TOMData is the view model of the TOM annex (Anlage TOM zum AVV,
// document-specs §1): what the templates tom.de.md.tmpl and tom.en.md.tmpl
// receive. Every text field is plain text in the document's language;
// templates escape values that come from evidence or configuration with
// md (inline) or cell (table cell). Times are UTC; the date and datetime
// functions show them in German or English.
type TOMData struct {
	// Lang is de or en.
	Lang string
	// DocumentID is TOM-<tenant>-<yyyymmdd of the evidence cut-off>.
	DocumentID string
	// Title is "Technische und organisatorische Maßnahmen (TOM) gemäß
	// Art. 32 DSGVO" or its English equivalent; Subtitle names the annex
	// number (if given) and the contract.
	Title    string
	Subtitle string
	// GatePassed is true when the release gate passed (document-specs
	// §1.4): every stated measure is met, attested, or covered by an
	// accepted exception with a customer text.
	GatePassed bool
	// Released is true when the gate passed and a person approved exactly
	// this content (Control.Approved). Status is then "Freigegeben" /
	// "Released", else "Entwurf" / "Draft" and DraftReason says why, as a
	// clause ("nicht alle Maßnahmen nachgewiesen sind").
	Released    bool
	Status      string
	DraftReason string
	// Control is the version, the approvals of this content, the version
	// table and the change history.
	Control *DocumentControl

	// Provider is the processor (Auftragnehmer) issuing the annex.
	Provider TOMParty
	// Customer is the controller (Auftraggeber): the tenant.
	Customer TOMCustomer
	// AnnexNo is the number of the annex in the contract, e.g. "2"; empty
	// when not given.
	AnnexNo string
	// Classification is the configured classification of customer
	// documents, e.g. "Vertraulich – nur für den Auftraggeber";
	// Internal that of the provider's internal documents (the release
	// checklist), e.g. "Vertraulich – intern".
	Classification string
	Internal       string

	// EvaluatedAt is when the automated checks ran; EvidenceCutoff is the
	// newest collection time of the evidence ("Stand"); NextReview is the
	// cut-off plus twelve months.
	EvaluatedAt    time.Time
	EvidenceCutoff time.Time
	NextReview     time.Time
	RunID          string
	ToolVersion    string
	// BundleDigest is the digest of the evidence bundle, sha256:<hex>.
	BundleDigest string
	// Catalogues are the names of the evaluated catalogues in the
	// document's language, e.g. "BSI C5:2020 – Kriterienkatalog Cloud
	// Computing".
	Catalogues []string

	// Blockers are the stated measures that block the release, in body
	// order, with the problems behind them; empty when Released. Only the
	// internal release checklist prints them: the annex goes to the
	// customer and says no more than that it is a draft.
	Blockers []TOMMeasure
	// Service is the service the annex is about, as configured.
	Service TOMService
	// Scope is section 1: the tenant's systems as found in the evidence.
	Scope TOMScope
	// CustomerControls are what the customer does itself for the
	// measures to work (complementary customer controls, section 1.3).
	CustomerControls []TOMCustomerControl
	// Basis counts how the measures are assessed (section 2).
	Basis TOMBasis
	// Legend lists all seven outcomes in the order of the legend; render
	// each with the outcome function.
	Legend []controls.Outcome

	// Sections are the measure sections 3–8 grouped by Art. 32(1)(a)–(d),
	// numbered from 3; sections without measures are left out.
	Sections []TOMSection
	// Deletion is section 9 (deletion and return, Art. 28(3)(g)); nil when
	// no measure supports Art. 28(3)(g), and then the section is left out.
	Deletion *TOMDeletion
	// SubProcessorsNo is the number of the sub-processor section; the
	// section lists SubProcessors (the provider's and the tenant's own,
	// never another tenant's) and is left out when there are none.
	SubProcessorsNo string
	SubProcessors   []SubProcessor

	// Measures are all measures in body order, for Anhang A (mapping) and
	// Anhang B (evidence status).
	Measures []TOMMeasure
	// Evidence is the index of the evidence items cited in Anhang B,
	// sorted by id.
	Evidence []TOMEvidence
}

// TOMParty is the provider.
type TOMParty struct {
	Name    string
	Address string
	// DPOName and DPOEmail name the provider's data protection officer;
	// empty when not configured.
	DPOName  string
	DPOEmail string
}

// TOMCustomer is the tenant and its contract.
type TOMCustomer struct {
	ID   string
	Name string
	// ContractReference and ContractDate identify the data processing
	// agreement; empty and zero when the configuration has no contract.
	ContractReference string
	ContractDate      time.Time
}

// TOMService is the configured service: name and description, each
// empty when not configured.
type TOMService struct {
	Name        string
	Description string
}

// TOMCustomerControl is a complementary customer control.
type TOMCustomerControl struct {
	ID   string
	Text string
}

// TOMLocation is a location of the service that concerns the tenant.
type TOMLocation struct {
	// Site is the place and country, e.g. "Falkenstein (DE)".
	Site    string
	Purpose string
	// Provider is the sub-processor operating the site; empty when not
	// declared.
	Provider string
}

// TOMScope is what section 1 states about the tenant's systems.
type TOMScope struct {
	// Clusters are the Kubernetes clusters in the evidence with the
	// tenant's namespaces found there.
	Clusters []TOMCluster
	// MissingNamespaces are namespaces the configuration lists for the
	// tenant that no finding of the evidence shows.
	MissingNamespaces []string
	// Backups are the backup repositories that hold the tenant's data, as
	// declared in the configuration.
	Backups []TOMBackup
	// GitHubOrgs are the GitHub organisations that hold source code and
	// configuration of the service.
	GitHubOrgs []string
	// StorageSites are the distinct declared sites of the tenant's
	// backups, e.g. "Falkenstein (DE)", in configuration order.
	StorageSites []string
	// Locations are the service's declared locations that concern the
	// tenant: production sites and the sites of its backups, never a site
	// that holds only other tenants' backups.
	Locations []TOMLocation
	// SubProcessorLocations are the distinct countries of the
	// sub-processors that work for the tenant.
	SubProcessorLocations []string
}

// TOMCluster is a Kubernetes cluster with the tenant's namespaces.
type TOMCluster struct {
	Name       string
	Namespaces []string
}

// TOMBackup is a backup repository holding the tenant's data.
type TOMBackup struct {
	// Tool is restic, borg or pgBackRest; Name is the configured name.
	Tool string
	Name string
	// Sites are the declared storage sites, e.g. "Falkenstein (DE)"; for
	// pgBackRest one per repository ("repo1: Falkenstein (DE)").
	Sites []string
	// SiteNames are the sites without repository keys.
	SiteNames []string
	// Retention is the declared retention in the document's language,
	// e.g. "7 täglich / 4 wöchentlich / 6 monatlich"; empty when none is
	// declared.
	Retention string
	// MaxAge is the declared maximum age of the newest backup, e.g.
	// "26 h".
	MaxAge string
	// LongestKept is how long the declared retention keeps the
	// longest-kept copy while backups go on, e.g. "154 Tage"; empty when
	// the retention is not declared or cannot be simulated.
	LongestKept string
}

// TOMBasis counts the measures by how they are assessed.
type TOMBasis struct {
	// Total is the number of measures of the catalogue; NotApplicable of
	// them are out of scope by a recorded decision.
	Total         int
	NotApplicable int
	// Automated have automated checks, Attested an attestation (a measure
	// can have both).
	Automated int
	Attested  int
}

// TOMSection is one of the sections 3–8.
type TOMSection struct {
	// No is the section number, e.g. "4".
	No string
	// Key is a, b-confidentiality, b-integrity, b-availability, c or d.
	Key   string
	Title string
	// Subsections are the classic categories with measures, numbered
	// "4.1", "4.2", …
	Subsections []TOMSubsection
}

// TOMSubsection is a category heading with its measures.
type TOMSubsection struct {
	No       string
	Category controls.Category
	Title    string
	Measures []TOMMeasure
}

// TOMMeasure is one measure record (document-specs §1.3) with its outcome
// and what the TOM may state about it (§1.4).
type TOMMeasure struct {
	ID    string
	Title string
	// Statement is what the annex states: the measure's statement with
	// the tenant's declared values (controls.Measure.Statement), else its
	// description; for an accepted exception the exception's customer
	// text.
	Statement string
	// Type is technical or organisational; TypeLabel is "technisch",
	// "organisatorisch", "technical" or "organisational".
	Type      controls.MeasureType
	TypeLabel string
	// Art32 is the point of Art. 32(1): a, b, c or d.
	Art32 string
	// Category and CategoryLabel are the classic TOM category.
	Category      controls.Category
	CategoryLabel string
	// Section is the number of the (sub)section the measure is stated in,
	// e.g. "4.2".
	Section string
	// Outcome is the aggregated outcome; render it with outcome.
	Outcome controls.Outcome
	// Stated is true when the measure is stated as implemented: met,
	// attested, or an accepted exception with a customer text.
	Stated bool
	// Blocking is true when the measure blocks the release.
	Blocking bool
	// NotApplicable holds the recorded decision when the measure is not
	// used ("entfällt").
	NotApplicable *TOMDecision
	// Automated is true when automated checks assess the measure;
	// AttestationRequired when an attestation does.
	Automated           bool
	AttestationRequired bool
	// Attestation is the attestation behind the outcome; nil when none is
	// on record.
	Attestation *TOMAttestation
	// CheckedOn is when the automated checks ran (zero without checks).
	CheckedOn time.Time
	// Checks are the measure's checks with their outcome for the tenant.
	Checks []TOMCheck
	// Exceptions are the accepted exceptions covering failed findings of
	// the measure's checks.
	Exceptions []TOMException
	// EvidenceIDs are the EV ids behind the findings of the measure's
	// checks within the tenant's scope.
	EvidenceIDs []string
	// GDPR, ISO and C5 are the referenced requirements (Anhang A): GDPR
	// citations without the law's name ("Art. 32 Abs. 1 lit. b"), ISO
	// Annex A ids, C5 criterion ids.
	GDPR []string
	ISO  []string
	C5   []string
	// Problems say why a blocking measure blocks; empty otherwise.
	Problems TOMProblems
}

// TOMDecision is a recorded decision that a measure is not used.
type TOMDecision struct {
	Justification string
	DecidedBy     string
	DecidedOn     time.Time
}

// TOMAttestation is a signed-off attestation as the annex shows it: by
// role, not by person.
type TOMAttestation struct {
	ID string
	// Role is the role's name in the document's language (configuration
	// roles).
	Role       string
	Date       time.Time
	ValidUntil time.Time
	Expired    bool
}

// TOMCheck is an automated check of a measure.
type TOMCheck struct {
	ID      string
	Title   string
	Outcome controls.Outcome
}

// TOMException is an accepted exception (risk acceptance) as the customer
// sees it: no internal risk wording, only its id, expiry and the customer
// text.
type TOMException struct {
	ID           string
	ExpiresOn    time.Time
	CustomerText string
}

// TOMProblems are the reasons a measure blocks the release.
type TOMProblems struct {
	// Failed are the first failed findings of the measure's checks (at
	// most five); MoreFailed counts the others.
	Failed     []TOMFailure
	MoreFailed int
	// Missing are the checks without evidence, with the reason the engine
	// gives.
	Missing []TOMMissing
	// NoAttestation is true when the measure needs an attestation and none
	// is on record.
	NoAttestation bool
	// ExpiredOn is when the attestation expired; zero otherwise.
	ExpiredOn time.Time
	// NoCustomerText lists accepted exceptions without a customer text.
	NoCustomerText []string
	// NoJustification is true when a not-applicable decision has no
	// justification.
	NoJustification bool
	// NotEvaluated is true when the results hold no outcome for the
	// measure at all.
	NotEvaluated bool
}

// TOMFailure is a failed finding: the check, the affected resource and the
// expected and measured values.
type TOMFailure struct {
	Check    string
	Resource string
	Expected string
	Measured string
}

// TOMMissing is a check without evidence and why.
type TOMMissing struct {
	Check  string
	Reason string
}

// TOMDeletion is section 9: the measures on deletion and return and the
// backup retention of the tenant's repositories (Scope.Backups).
type TOMDeletion struct {
	No       string
	Measures []TOMMeasure
}

// TOMEvidence is a row of the evidence index.
type TOMEvidence struct {
	ID string
	// Source is kind/name of the bundle source, e.g. restic/web01.
	Source string
	// Kind is the kind of the item, e.g. restic/snapshots or
	// kubernetes/NamespaceList; Collector what produced it, e.g.
	// "nachweis collect" or "import".
	Kind      string
	Collector string
	// File is the item's path in the bundle; Name its last element, e.g.
	// clusterrolebindings.json.
	File        string
	Name        string
	CollectedAt time.Time
	// SHA256 is the hex digest, whole: the renderer wraps a digest only
	// between groups of eight digits, the same way everywhere.
	SHA256 string
}

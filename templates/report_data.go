package templates

import (
	"time"

	"github.com/nachweis/nachweis/controls"
)

// ReportData is the view model of the audit report (document-specs §2), a
// point-in-time self-assessment of the design and implementation of one
// framework's controls: what the report template receives. Every text a template
// prints from it is either a fixed label in the document's language or a
// value from the evidence, the configuration or the catalogues, which the
// template escapes with md or cell. Slices are in catalogue, id or bundle
// order, so the same inputs give the same document.
type ReportData struct {
	// Lang is de or en.
	Lang string
	// DocumentID is BER-<framework>-<yyyymmdd>, the date being the
	// evidence cut-off in German time (see Report).
	DocumentID string
	Title      string
	Subtitle   string
	// Notice says that the report is a self-assessment, not an
	// attestation report and not a certificate.
	Notice string
	// Status is "Freigegeben"/"Released" when a person approved exactly
	// this content (Control), else "Entwurf"/"Draft" and DraftReason says
	// why, as a clause.
	Status      string
	Released    bool
	DraftReason string
	// Control is the version, the prepared/reviewed/approved records of
	// this content, the version table and the change history.
	Control        *DocumentControl
	Classification string
	Organisation   ReportOrganisation
	// Service is the configured service (system description).
	Service ReportService
	// Edition is the customer a customer edition is for; nil for the
	// provider's internal report. A customer edition shows the tenant's
	// scope and the shared infrastructure only: objects of the shared
	// infrastructure are counted, never named, and no attestation names
	// a person.
	Edition *ReportEdition

	// Framework is c5-2020, c5-2026, iso27001-2022 or gdpr.
	Framework string
	Catalogue ReportCatalogue
	// Noun names a requirement of the framework: Kriterium/Kriterien
	// (C5), Kontrolle/Kontrollen (ISO), Anforderung/Anforderungen (GDPR).
	Noun ReportNoun
	// AreaNoun names a group: Bereich, Thema or Artikel.
	AreaNoun string

	// EvaluatedAt is the evaluation clock; EvidenceCutoff the newest
	// collection time in the bundle (the Stichtag).
	EvaluatedAt    time.Time
	EvidenceCutoff time.Time
	RunID          string
	ToolVersion    string
	BundleDigest   string

	// Legend is the seven outcomes in the order of the bar chart legend:
	// pass, fail, no-evidence, attestation-expired, exception, attested,
	// not-applicable.
	Legend  []controls.Outcome
	Summary ReportSummary
	// Chart is the bar chart of outcomes per area.
	Chart ReportChart

	Scope ReportScope
	// Locations are the declared backup sites, sorted.
	Locations []string
	// ServiceLocations are the service's declared locations (for a
	// customer edition those that concern the tenant).
	ServiceLocations []ReportLocation
	// SubProcessors are the sub-processors, which the system description
	// also lists as sub-service organisations (carve-out or inclusive).
	SubProcessors []SubProcessor
	// CustomerControls are the complementary customer controls, with the
	// requirements of the framework they complement.
	CustomerControls []ReportCustomerControl
	Method           ReportMethod
	// Subcriteria counts the sub-criteria of the C5:2026 report; nil
	// for other frameworks.
	Subcriteria *ReportSubcriteria
	// GeneralConditions are GC-01 … GC-06 of the C5:2026 report, each
	// statement marked measured or declared; nil for other frameworks.
	GeneralConditions []ReportGeneralCondition

	// Groups are the areas of the catalogue with their requirements'
	// results, in catalogue order.
	Groups []ReportGroup
	// Findings is the findings register (document-specs §2.4).
	Findings     []ReportFinding
	Exceptions   []ReportException
	Attestations []ReportAttestation
	// NotAssessed lists the requirements without an assessment
	// (no-evidence) and why.
	NotAssessed ReportNotAssessed
	// Evidence is the evidence index (Anlage A), in bundle order: every
	// item of the bundle, for a customer edition only those its findings
	// cite.
	Evidence []ReportEvidence
	// SoAContradictions are the Annex A controls the SoA declares planned
	// or not applicable although a measure supporting them is stated as in
	// place (ISO/IEC 27001 report of the provider only).
	SoAContradictions []SoAContradiction
	// Mapping is the measures behind the framework with their checks and
	// the requirements of all frameworks they support (Anlage B).
	Mapping []ReportMapping
	// MappingC5 names the C5 version whose criteria Mapping lists in
	// ReportMapping.C5: "C5:2026" in the C5:2026 report, else "C5:2020".
	MappingC5 string
}

// ReportOrganisation is the provider that issues the report.
type ReportOrganisation struct {
	Name    string
	Address string
}

// ReportCatalogue is the catalogue the report assesses against.
type ReportCatalogue struct {
	Name      string
	Publisher string
	// PublishedBy names the publisher in running text, e.g.
	// "herausgegeben vom Bundesamt für Sicherheit in der
	// Informationstechnik (BSI)".
	PublishedBy string
	Version     string
	// Attribution is the credit line the licence of the catalogue asks
	// for (C5:2026: BSI, CC BY-ND 4.0); empty where none is required.
	Attribution string
}

// ReportService is the configured service; both fields are empty when
// not configured.
type ReportService struct {
	Name        string
	Description string
}

// ReportEdition is the customer of a customer edition.
type ReportEdition struct {
	ID   string
	Name string
}

// ReportLocation is a declared location of the service.
type ReportLocation struct {
	// Site is place and country, e.g. "Falkenstein (DE)".
	Site     string
	Purpose  string
	Provider string
}

// ReportCustomerControl is a complementary customer control.
type ReportCustomerControl struct {
	ID   string
	Text string
	// Requirements are the display ids of the report's framework it
	// complements.
	Requirements []string
}

// ReportEvidence is a row of the evidence index.
type ReportEvidence struct {
	ID string
	// Source is kind/name of the bundle source, e.g. restic/web01; File
	// the item's path in the bundle, Name its last element.
	Source string
	File   string
	Name   string
	// Kind is what the item is, e.g. restic/snapshots; Collector what
	// produced it, e.g. "nachweis collect" or "import".
	Kind        string
	Collector   string
	CollectedAt time.Time
	SHA256      string
}

// ReportNoun is a noun in singular and plural.
type ReportNoun struct {
	One  string
	Many string
}

// ReportSummary counts the requirement outcomes of the framework.
type ReportSummary struct {
	// Total is the number of requirements; Applicable those not
	// not-applicable.
	Total      int
	Applicable int
	// Counts has one entry per outcome, in Legend order, zero counts
	// included: all seven labels appear.
	Counts []ReportCount
	// Deviating counts requirements whose automated checks deviated
	// (fail or exception); Exceptions those of them covered by accepted
	// exceptions ("davon akzeptierte Abweichungen").
	Deviating  int
	Exceptions int
	// Pass, Attested and Open (fail, no-evidence, attestation-expired)
	// with their share of the applicable requirements in percent.
	Pass            int
	PassPercent     float64
	Attested        int
	AttestedPercent float64
	Open            int
	OpenPercent     float64
	// Bases counts the applicable requirements by basis (technically
	// verified, partly verified, attested only, none; see
	// controls.Basis), one entry per basis in that order, zero counts
	// included: a requirement whose checks ran is never counted as not
	// technically verified, whatever its outcome.
	Bases []ReportBasisCount
	// Failing, Missing and Expired name the requirements that are not
	// met, lack evidence or whose attestation expired.
	Failing []ReportRef
	Missing []ReportRef
	Expired []ReportRef
}

// ReportBasisCount is the number of applicable requirements with one
// basis.
type ReportBasisCount struct {
	Basis controls.Basis
	Count int
}

// ReportCount is the number of requirements with one outcome.
type ReportCount struct {
	Outcome controls.Outcome
	Count   int
	// Percent is the share of all requirements.
	Percent float64
}

// ReportRef names a requirement: display id and title.
type ReportRef struct {
	ID    string
	Title string
}

// ReportChart is a stacked bar chart: one row per area, one count per
// legend entry.
type ReportChart struct {
	Legend []ReportChartSeries
	Rows   []ReportChartRow
}

// ReportChartSeries is one legend entry: the outcome code and its label.
type ReportChartSeries struct {
	Code  string
	Label string
}

// ReportChartRow is one area: its label (without "|") and the number of
// requirements per legend entry; Total is their sum.
type ReportChartRow struct {
	Label  string
	Counts []int
	Total  int
}

// ReportScope is the subject and scope of the assessment.
type ReportScope struct {
	// Clusters are the Kubernetes sources (configuration and bundle).
	Clusters []string
	// Tenants is the number of configured tenants; Namespaces the number
	// of namespaces they list; Selectors is true when tenants also
	// select namespaces by label.
	Tenants    int
	Namespaces int
	Selectors  bool
	// TenantNamespaces are, in a customer edition, the tenant's
	// namespaces as the evidence shows them ("cluster/namespace").
	TenantNamespaces []string
	Backups          []ReportBackup
	// GitHubOrgs are the GitHub organisations (configuration and bundle).
	GitHubOrgs []string
	// Summary is the one-line scope for the title page.
	Summary string
	// Exclusions are the not-applicable requirements with the recorded
	// decision.
	Exclusions []ReportExclusion
	// MeasuresExcluded are the measures recorded as not used, whose
	// checks therefore do not count.
	MeasuresExcluded []ReportMeasureExclusion
}

// ReportBackup is one backup repository: tool, name (pgBackRest: stanza
// and repository key), declared site and the maximum age of its newest
// backup.
type ReportBackup struct {
	Tool   string
	Name   string
	Site   string
	MaxAge time.Duration
}

// ReportExclusion is a not-applicable requirement with the recorded
// decision; DecidedBy and DecidedOn are empty when the requirement is not
// applicable because every measure behind it is recorded as not used.
type ReportExclusion struct {
	ID            string
	Title         string
	Justification string
	DecidedBy     string
	DecidedOn     time.Time
}

// ReportMeasureExclusion is a measure the provider recorded as not used.
type ReportMeasureExclusion struct {
	ID            string
	Title         string
	Justification string
	DecidedBy     string
	DecidedOn     time.Time
	Checks        []string
}

// ReportSubcriteria counts the sub-criteria of the C5:2026 criteria:
// basic ones, additional ones, and the additional ones the provider put
// in scope.
type ReportSubcriteria struct {
	Basic, Additional, InScope int
}

// ReportMethod is the criteria and method of the assessment.
type ReportMethod struct {
	// Checks are the automated checks behind the framework's measures.
	Checks []ReportCheck
	// Sources are the evidence sources of the bundle with their
	// collector and status.
	Sources []controls.SourceStatus
	// BackupMaxAge and IntegrityMaxAge are the default freshness limits.
	BackupMaxAge    time.Duration
	IntegrityMaxAge time.Duration
	// Measures counts the measures behind the framework; Automated those
	// assessed by checks (ChecksOnly by checks alone, ChecksAndAttested by
	// checks and an attestation), AttestedOnly those assessed by
	// attestation alone.
	Measures          int
	Automated         int
	ChecksOnly        int
	ChecksAndAttested int
	AttestedOnly      int
	// Requirements counts the applicable requirements of the framework;
	// Technical those with a technical basis (a measure in use assessed
	// by checks), TechnicalPercent their share; AttestationBased the
	// others, which rest on attestations alone.
	Requirements     int
	Technical        int
	TechnicalPercent float64
	AttestationBased int
}

// ReportCheck is one automated check.
type ReportCheck struct {
	ID    string
	Title string
	// Policy is the Rego file of the check.
	Policy   string
	Severity string
	Status   controls.Outcome
	Measures []string
	// Objects is the number of objects (findings) the check assessed.
	Objects int
}

// ReportGroup is one area of the catalogue.
type ReportGroup struct {
	// No is the 1-based number of the group in the results section.
	No    int
	ID    string
	Title string
	// Label is the heading: "OIS – Organisation der
	// Informationssicherheit", "Art. 28 – Auftragsverarbeiter".
	Label        string
	Requirements []ReportRequirement
}

// ReportRequirement is one row of the results table (document-specs §2.3).
type ReportRequirement struct {
	// ID is the display id, e.g. OPS-06, A.8.13, Art. 32(1)(c).
	ID      string
	Title   string
	Outcome controls.Outcome
	// Basis says what the outcome rests on: checks that ran, an
	// attestation, both or nothing (controls.Basis).
	Basis controls.Basis
	// Measures are the measures behind the requirement with their
	// outcome, checks and attestation.
	Measures []ReportMeasureRef
	// Justification is set for not-applicable requirements.
	Justification string
	// Exceptions are the accepted exceptions covering failed checks of
	// the requirement's measures.
	Exceptions []ReportExceptionRef
	// EvidenceIDs, FindingIDs and AttestationIDs cite what the outcome
	// rests on.
	EvidenceIDs    []string
	FindingIDs     []string
	AttestationIDs []string
}

// ReportMeasureRef is a measure as cited in a results row.
type ReportMeasureRef struct {
	ID      string
	Title   string
	Outcome controls.Outcome
	// Checks are the measure's check ids with their outcome.
	Checks      []ReportCheckRef
	Attestation string
}

// ReportCheckRef is a check id with its outcome.
type ReportCheckRef struct {
	ID      string
	Outcome controls.Outcome
}

// ReportExceptionRef cites an accepted exception in a results row: the
// failed check it covers and until when.
type ReportExceptionRef struct {
	ID        string
	Check     string
	RiskOwner string
	ExpiresOn time.Time
}

// ReportFinding is one entry of the findings register: the failed or
// unassessable objects of one check, or an expired or missing attestation
// of one measure. The grading is proposed by rule and to be confirmed by a
// person; cause, effect, owner and due date are human input and not
// part of the model.
type ReportFinding struct {
	// ID is stable across runs; see findingID.
	ID string
	// Kind is fail, no-evidence or attestation-expired.
	Kind controls.Outcome
	// Grading is the proposed grading in the document's language.
	Grading string
	// Check is set for findings of a check, Measure for findings of a
	// measure's attestation.
	Check        string
	Measure      string
	Title        string
	Severity     string
	Requirements []string
	// Related are the requirements of the other frameworks, e.g.
	// "ISO/IEC 27001 A.8.13".
	Related []string
	// ObservedAt is when the state was observed: the newest collection
	// time of the evidence behind the objects, else the evaluation time.
	ObservedAt time.Time
	// Population is the number of objects the check assessed; Objects
	// those of them in this finding.
	Population int
	Objects    int
	// Expected are the distinct expected values.
	Expected []string
	// Items are the first objects with the measured value; More counts
	// the rest. In a customer edition Items are the tenant's objects
	// only; Shared counts the objects of the shared infrastructure, which
	// it does not name.
	Items  []ReportFindingItem
	More   int
	Shared int
	// Reason explains missing evidence without objects (check or
	// measure reason as recorded by the engine, in English).
	Reason string
	// NoAttestation is true for a measure that needs an attestation and
	// has none on record.
	NoAttestation bool
	// Attestation data of an attestation-expired finding.
	Attestation string
	AttestedBy  string
	Role        string
	ExpiredOn   time.Time
	EvidenceIDs []string
}

// ReportFindingItem is one affected object of the tenant (in a customer
// edition) or of the provider.
type ReportFindingItem struct {
	Resource string
	Measured string
	Message  string
}

// ReportException is an accepted exception (C5 SP-03).
type ReportException struct {
	ID                  string
	Check               string
	Scope               string
	RiskID              string
	RiskOwner           string
	ApprovedOn          time.Time
	ExpiresOn           time.Time
	Expired             bool
	CompensatingMeasure string
	// CustomerText is the exception's wording for the customer; only a
	// customer edition shows it, instead of scope, risk, owner and
	// compensating measure.
	CustomerText string
	Applied      int
}

// ReportAttestation is one attestation of a measure behind the framework.
type ReportAttestation struct {
	ID           string
	Measure      string
	MeasureTitle string
	By           string
	Role         string
	Date         time.Time
	ValidUntil   time.Time
	Expired      bool
	// Attachments are "file (sha256 prefix …)".
	Attachments []string
}

// ReportNotAssessed is the coverage gap.
type ReportNotAssessed struct {
	// Requirements are the no-evidence requirements with the measures
	// and checks lacking evidence.
	Requirements []ReportGap
	// SourceErrors are the sources whose collector failed.
	SourceErrors []controls.SourceStatus
}

// ReportGap is a requirement without an assessment and why.
type ReportGap struct {
	ID     string
	Title  string
	Causes []ReportGapCause
	// NoMeasure is true when no measure supports the requirement: only a
	// recorded scope decision can settle it.
	NoMeasure bool
	// NewAttestation is true for a C5:2026 criterion no measure supports
	// yet: it needs a measure of its own with an attestation, not a
	// decision on its applicability.
	NewAttestation bool
}

// ReportGapCause is a measure, or a check of it, that lacks evidence.
type ReportGapCause struct {
	Measure string
	Check   string
	// Objects of Population objects of the check lack evidence.
	Objects    int
	Population int
	// Reason is the engine's reason (English) when no object is named.
	Reason string
	// NoAttestation is true when the measure needs an attestation and
	// none is on record.
	NoAttestation bool
}

// ReportMapping is one measure with its checks and the requirements of
// every framework it supports.
type ReportMapping struct {
	ID          string
	Title       string
	Checks      []string
	Attestation bool
	// C5 are the criteria of the C5 version named by MappingC5.
	C5       []string
	ISO27001 []string
	GDPR     []string
}

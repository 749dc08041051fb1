package controls

import "time"

// ResultsSchema names the version of the results model in JSON. v3:
// framework ids carry their catalog's version ("c5-2020", "c5-2026",
// "iso27001-2022", "gdpr"; v2 said "c5" and "iso27001"), and C5:2026
// requirements list their sub-criteria. v2: finding messages, expected
// and measured values and every reason are Messages (id, arguments,
// German and English text) instead of English strings; measures and
// requirements carry a Basis and the summaries count it; a measure's
// reasons are a list. ReadResults reads v2 and v3.
const ResultsSchema = "nachweis.results/v3"

// ResultsSchemaV2 is the previous version, read by ReadResults with its
// framework ids made versioned.
const ResultsSchemaV2 = "nachweis.results/v2"

// Results is the outcome of one evaluation of an evidence bundle. It is the
// single model every output (text, JSON, SARIF, JUnit, documents) renders.
// Slices are sorted by id so that the same inputs give identical output.
type Results struct {
	Schema      string `json:"schema"`
	ToolVersion string `json:"tool_version"`
	// RunID identifies this evaluation (see RunID); evidence ids carry
	// its first eight characters.
	RunID        string    `json:"run_id"`
	EvaluatedAt  time.Time `json:"evaluated_at"`
	BundleDigest string    `json:"bundle_digest"`
	// EvidenceCutoff is the newest collection time in the bundle.
	EvidenceCutoff time.Time `json:"evidence_cutoff"`
	// Tenant is set when the evaluation was restricted to one tenant.
	Tenant     string   `json:"tenant,omitempty"`
	Frameworks []string `json:"frameworks"`

	Summary      []FrameworkSummary  `json:"summary"`
	Checks       []CheckResult       `json:"checks"`
	Measures     []MeasureResult     `json:"measures"`
	Requirements []RequirementResult `json:"requirements"`

	Attestations []AttestationRecord `json:"attestations,omitempty"`
	Exceptions   []ExceptionRecord   `json:"exceptions,omitempty"`
	// Sources lists every evidence source of the bundle with its status,
	// so that collector errors are shown, never swallowed.
	Sources []SourceStatus `json:"sources"`
	// Evidence is the evidence index: every file of the bundle with its
	// EV id, in bundle order.
	Evidence []EvidenceItem `json:"evidence"`
}

// FrameworkSummary counts the requirements of one framework on both
// axes: by outcome and by basis.
type FrameworkSummary struct {
	Framework string          `json:"framework"`
	Total     int             `json:"total"`
	Counts    map[Outcome]int `json:"counts"`
	Basis     map[Basis]int   `json:"basis"`
}

// CheckResult is the outcome of one automated check (one Rego rule set).
type CheckResult struct {
	ID          string   `json:"id"`
	Title       Text     `json:"title"`
	Description Text     `json:"description"`
	Severity    Severity `json:"severity"`
	Measures    []string `json:"measures"`
	Status      Outcome  `json:"status"`
	// Reason explains a no-evidence status (missing evidence, collector
	// error, nothing in scope).
	Reason   Message   `json:"reason,omitzero"`
	Policy   string    `json:"policy"` // policy file, e.g. policies/kubernetes/netpol_default_deny.rego
	Line     int       `json:"line,omitempty"`
	Findings []Finding `json:"findings"`
}

// Finding is the result of a check for one resource (a namespace, a
// repository, a member list ...).
type Finding struct {
	Resource string  `json:"resource"`
	Tenant   string  `json:"tenant,omitempty"`
	Status   Outcome `json:"status"`
	Message  Message `json:"message"`
	// Expected is the criterion and Measured the measured value; both
	// are optional.
	Expected Message `json:"expected,omitzero"`
	Measured Message `json:"measured,omitzero"`
	// ExceptionID names the accepted exception that covers a failed
	// finding; Status is then exception and the failure stays visible
	// in Message and Measured.
	ExceptionID string        `json:"exception_id,omitempty"`
	Evidence    []EvidenceRef `json:"evidence,omitempty"`
}

// EvidenceRef points at the evidence behind a finding: a file of the
// bundle, its hash, and a JSON pointer into it.
type EvidenceRef struct {
	Source      string    `json:"source"`
	File        string    `json:"file"`
	SHA256      string    `json:"sha256"`
	Pointer     string    `json:"pointer,omitempty"`
	CollectedAt time.Time `json:"collected_at"`
}

// MeasureResult is the aggregated outcome of one measure.
type MeasureResult struct {
	ID     string   `json:"id"`
	Status Outcome  `json:"status"`
	Basis  Basis    `json:"basis"`
	Checks []string `json:"checks,omitempty"`
	// Attestation is the id of the attestation that assessed the measure.
	Attestation string `json:"attestation,omitempty"`
	// Reasons explain an outcome other than pass and attested: the
	// reasons of its checks without evidence, and its own (an
	// attestation missing or expired, a check not evaluated, not used).
	Reasons []Reason `json:"reasons,omitempty"`
	// Justification is set for a measure recorded as not used
	// (not-applicable): the recorded decision's justification.
	Justification Text `json:"justification,omitzero"`
	// EvidenceDate is the newest collection or attestation date behind
	// the outcome.
	EvidenceDate *time.Time `json:"evidence_date,omitempty"`
}

// RequirementResult is the aggregated outcome of one framework requirement.
type RequirementResult struct {
	Framework string   `json:"framework"`
	ID        string   `json:"id"`
	Title     Text     `json:"title"`
	Status    Outcome  `json:"status"`
	Basis     Basis    `json:"basis"`
	Measures  []string `json:"measures"`
	// Justification is set for not-applicable requirements.
	Justification Text `json:"justification,omitzero"`
	// Subcriteria are the sub-criteria of a C5:2026 criterion with the
	// outcome carried to those addressed; empty for other frameworks.
	Subcriteria []SubcriterionResult `json:"subcriteria,omitempty"`
}

// SubcriterionResult is one sub-criterion of a C5:2026 criterion. A basic
// sub-criterion is always addressed; an additional one only where the
// provider declares it in scope. An addressed one has the criterion's
// status and basis; one not addressed has neither.
type SubcriterionResult struct {
	ID        string           `json:"id"`
	Type      SubcriterionType `json:"type"`
	Sharpens  string           `json:"sharpens,omitempty"`
	Addressed bool             `json:"addressed"`
	Status    Outcome          `json:"status,omitempty"`
	Basis     Basis            `json:"basis,omitempty"`
}

// AttestationRecord is a signed-off statement for an organisational
// measure, as shown in documents.
type AttestationRecord struct {
	ID         string    `json:"id"`
	Measure    string    `json:"measure"`
	Statement  Text      `json:"statement"`
	By         string    `json:"attested_by"`
	Role       string    `json:"role"`
	Date       time.Time `json:"date"`
	ValidUntil time.Time `json:"valid_until"`
	// DeclaredValidUntil is the attestation's own valid_until when the
	// measure bounds its validity to an earlier day (ValidUntil), e.g.
	// restore tests count 12 months from the test; nil otherwise.
	DeclaredValidUntil *time.Time `json:"declared_valid_until,omitempty"`
	Expired            bool       `json:"expired"`
	// DatedAfterEvaluation is set when Date is after the evaluation day:
	// at the evaluation time the statement had not been made, so it
	// counts for nothing (the measure lacks evidence).
	DatedAfterEvaluation bool   `json:"dated_after_evaluation,omitempty"`
	File                 string `json:"file"`
	// Attachments are the referenced documents with their verified hashes.
	Attachments []Attachment `json:"attachments,omitempty"`
}

// Attachment is a document referenced by an attestation.
type Attachment struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// ExceptionRecord is an accepted risk for a failing check (C5 SP-03).
type ExceptionRecord struct {
	ID         string    `json:"id"`
	Check      string    `json:"check"`
	Scope      string    `json:"scope"`
	RiskID     string    `json:"risk_id"`
	RiskOwner  string    `json:"risk_owner"`
	ApprovedOn time.Time `json:"approved_on"`
	ExpiresOn  time.Time `json:"expires_on"`
	Expired    bool      `json:"expired"`
	// DatedAfterEvaluation is set when ApprovedOn is after the evaluation
	// day: the exception was not approved yet and covers nothing.
	DatedAfterEvaluation bool   `json:"dated_after_evaluation,omitempty"`
	CompensatingMeasure  Text   `json:"compensating_measure"`
	CustomerText         Text   `json:"customer_text,omitempty"`
	File                 string `json:"file"`
	// Applied counts the failed findings this exception covers.
	Applied int `json:"applied"`
}

// SourceStatus is one evidence source of the bundle as evaluated.
type SourceStatus struct {
	Kind        string    `json:"kind"`
	Name        string    `json:"name"`
	Collector   string    `json:"collector"`
	CollectedAt time.Time `json:"collected_at"`
	Status      string    `json:"status"` // ok | error
	Error       string    `json:"error,omitempty"`
}

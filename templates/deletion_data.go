package templates

import "time"

// DeletionData is the view model of the deletion protocol (template
// "deletion") and of the deletion plan (template "deletion-plan"), built by
// BuildDeletionProtocolData and BuildDeletionPlanData. Values from the
// evidence are raw strings; templates print them with md or cell. Labels
// (outcomes, kinds, methods) are already in the document's language.
type DeletionData struct {
	Lang       string
	DocumentID string
	Title      string
	Subtitle   string
	// Status is the label: "Entwurf", "Stufe 1: …", "Stufe 2: …" (plan:
	// "Bestandsaufnahme").
	Status string
	// Stage is 0 for a draft or a plan, 1 when the active data is deleted
	// and copies or declared dates remain, 2 for the final protocol.
	Stage          int
	Draft          bool
	Classification string
	Provider       DeletionParty
	Customer       DeletionParty
	// ContractReference and ContractDate name the data processing
	// agreement.
	ContractReference string
	ContractDate      time.Time
	Request           *DeletionRequestView
	// Before and After are the evidence the protocol compares; a plan
	// has After only.
	Before, After DeletionBasisView
	CreatedAt     time.Time
	ToolVersion   string
	Namespaces    []DeletionNamespaces
	Counts        []DeletionCount
	Blockers      []DeletionRow
	Objects       []DeletionRow
	Backups       []DeletionBackupRow
	// Copies are the backup copies: for a protocol those still holding
	// data, for a plan all.
	Copies []DeletionCopyRow
	// DeletedCopies counts copies gone since the plan.
	DeletedCopies int
	// LastCopy is the sentence with the date the last copy expires, or
	// that none remains.
	LastCopy string
	// FinalFrom is when the final protocol can be issued; zero when not
	// known or final already.
	FinalFrom   time.Time
	Places      []DeletionPlaceRow
	Retained    []DeletionRetainedRow
	Rules       []DeletionRuleRow
	Assumptions []string
	Gaps        []string
	Evidence    []DeletionEvidenceRow
}

// DeletionParty is the provider or the customer.
type DeletionParty struct {
	ID, Name, Address string
}

// DeletionRequestView is the deletion case.
type DeletionRequestView struct {
	Trigger     string
	ContractEnd time.Time
	Instruction string
	RequestedBy string
	RequestedOn time.Time
	Channel     string
	ExecutedBy  string
	VerifiedBy  string
}

// DeletionBasisView is one evidence bundle.
type DeletionBasisView struct {
	HasEvidence bool
	Digest      string
	CutOff      time.Time
}

// DeletionNamespaces are a cluster's tenant namespaces.
type DeletionNamespaces struct {
	Cluster string
	Names   []string
}

// DeletionCount is the number of items of one kind.
type DeletionCount struct {
	Label string
	// Before is the count in the plan before the deletion (protocol
	// only), Count the count shown.
	Before, Count int
}

// DeletionRow is one object (or blocker) of the execution table.
type DeletionRow struct {
	Object   string
	Where    string
	Method   string
	Result   string
	Evidence string
}

// DeletionBackupRow is one backup source.
type DeletionBackupRow struct {
	Source     string
	Sites      string
	Selector   string
	Copies     string
	Rule       string
	LastExpiry string
}

// DeletionCopyRow is one backup copy.
type DeletionCopyRow struct {
	Copy   string
	Time   time.Time
	Where  string
	Result string
}

// DeletionPlaceRow is a declared place.
type DeletionPlaceRow struct {
	Name, Cluster, Method, Responsible string
	Due                                time.Time
	Result                             string
}

// DeletionRetainedRow is data kept under a statutory retention.
type DeletionRetainedRow struct {
	Name, LegalBasis string
	Until            time.Time
}

// DeletionRuleRow is a data cluster with its deletion class.
type DeletionRuleRow struct {
	Cluster       string
	Class         string
	StartingPoint string
	Period        string
	Method        string
}

// DeletionEvidenceRow is one evidence file cited.
type DeletionEvidenceRow struct {
	Basis  string
	File   string
	SHA256 string
}

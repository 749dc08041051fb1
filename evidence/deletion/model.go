package deletion

import "time"

// Schemas of the JSON documents.
const (
	PlanSchema     = "nachweis.deletion-plan/v1"
	ProtocolSchema = "nachweis.deletion-protocol/v1"
)

// Plan is the inventory of one tenant's data at one point in time.
type Plan struct {
	Schema string `json:"schema"`
	Tenant Tenant `json:"tenant"`
	// CreatedAt is the clock of the run that made the plan.
	CreatedAt   time.Time `json:"created_at"`
	ToolVersion string    `json:"tool_version"`
	// Evidence is the bundle the plan was made from; nil for a plan made
	// from the configuration alone.
	Evidence *Evidence `json:"evidence"`
	// Identities identify the systems the evidence was read from, so that
	// two plans of different clusters or repositories are not compared.
	Identities []Identity `json:"identities"`
	// Lists are the cluster-wide lists and repository listings of the
	// evidence: only they show that something is absent.
	Lists   []List   `json:"lists"`
	Objects []Object `json:"objects"`
	Copies  []Copy   `json:"copies"`
	// Backups summarise the backup sources holding the tenant's data.
	Backups []Backup `json:"backups"`
	// Places are declared, not measured.
	Places   []Place    `json:"places"`
	Retained []Retained `json:"retained"`
	// Rules are the deletion classes and data clusters of the
	// configuration that the items refer to.
	Rules Rules `json:"rules"`
	// Gaps are what the evidence does not show: sources or kinds that
	// were not collected, with the collector's reason.
	Gaps []Gap `json:"gaps"`
}

// Tenant is the customer whose data is deleted, and the deletion case.
type Tenant struct {
	ID                string     `json:"id"`
	Name              string     `json:"name"`
	ContractReference string     `json:"contract_reference,omitempty"`
	ContractDate      *time.Time `json:"contract_date,omitempty"`
	// Namespaces are the tenant's namespaces per Kubernetes source
	// ("<source>": [names]), as resolved for the plan.
	Namespaces map[string][]string `json:"namespaces"`
	Request    *Request            `json:"request"`
}

// Request is the deletion case of the configuration.
type Request struct {
	// Trigger is contract_end or instruction.
	Trigger     string     `json:"trigger"`
	ContractEnd *time.Time `json:"contract_end,omitempty"`
	// Instruction is delete or return_and_delete.
	Instruction string     `json:"instruction"`
	RequestedBy string     `json:"requested_by"`
	RequestedOn *time.Time `json:"requested_on,omitempty"`
	Channel     string     `json:"channel,omitempty"`
	ExecutedBy  string     `json:"executed_by,omitempty"`
	VerifiedBy  string     `json:"verified_by,omitempty"`
}

// Start is the day deletion periods counted from the contract end start:
// the contract end, else the day of the instruction; nil when neither.
func (r *Request) Start() *time.Time {
	if r == nil {
		return nil
	}
	if r.ContractEnd != nil {
		return r.ContractEnd
	}
	return r.RequestedOn
}

// Evidence is the bundle a plan was made from.
type Evidence struct {
	// Digest is the bundle's "sha256:<hex>".
	Digest string `json:"digest"`
	// CutOff is the newest collection time of the bundle's sources.
	CutOff  time.Time `json:"cut_off"`
	Sources []Source  `json:"sources"`
}

// Source is one source of the bundle.
type Source struct {
	// Key is "<kind>/<name>", e.g. kubernetes/prod, restic/web01.
	Key         string    `json:"key"`
	Collector   string    `json:"collector"`
	CollectedAt time.Time `json:"collected_at"`
	// Status is ok or error.
	Status string `json:"status"`
	Error  string `json:"error,omitempty"`
}

// Identity is the identity a system gives itself: the uid of a cluster's
// kube-system namespace, a restic or borg repository id, the system
// identifiers of a pgBackRest stanza's database clusters.
type Identity struct {
	Source string `json:"source"`
	Value  string `json:"value"`
}

// Ref points at evidence: a bundle file with its sha256 and a JSON
// pointer into it.
type Ref struct {
	File    string `json:"file"`
	SHA256  string `json:"sha256"`
	Pointer string `json:"pointer,omitempty"`
}

// List is a listing that shows every object of a kind in a source.
type List struct {
	// Source is "<kind>/<name>" of the bundle source.
	Source string `json:"source"`
	// Kind is a Kubernetes kind (Namespace, PersistentVolumeClaim, ...,
	// Backup for Velero) or "snapshots" for a backup repository.
	Kind string `json:"kind"`
	// Repository names the repository of a snapshot listing.
	Repository string `json:"repository,omitempty"`
	Evidence   Ref    `json:"evidence"`
}

// Item kinds of objects.
const (
	KindNamespace = "Namespace"
	KindPVC       = "PersistentVolumeClaim"
	KindPV        = "PersistentVolume"
	KindSecret    = "Secret"
	KindConfigMap = "ConfigMap"
)

// Object is a Kubernetes object that holds or describes the tenant's
// data.
type Object struct {
	// Key is "kubernetes/<source>/<kind>/<namespace>/<name>".
	Key string `json:"key"`
	// Source is the Kubernetes source (cluster) name.
	Source    string     `json:"source"`
	Kind      string     `json:"kind"`
	Namespace string     `json:"namespace,omitempty"`
	Name      string     `json:"name"`
	UID       string     `json:"uid,omitempty"`
	Created   *time.Time `json:"created,omitempty"`
	// Deleting is the deletionTimestamp: deletion was requested.
	Deleting      *time.Time `json:"deleting,omitempty"`
	Phase         string     `json:"phase,omitempty"`
	Size          string     `json:"size,omitempty"`
	StorageClass  string     `json:"storage_class,omitempty"`
	ReclaimPolicy string     `json:"reclaim_policy,omitempty"`
	Volume        string     `json:"volume,omitempty"`
	Claim         string     `json:"claim,omitempty"`
	SecretType    string     `json:"secret_type,omitempty"`
	Assignment
	// Declared marks an object taken from the configuration without
	// evidence (a plan without bundle).
	Declared bool `json:"declared,omitempty"`
	Evidence Ref  `json:"evidence"`
}

// Terminating reports whether the object's deletion was requested but
// has not finished.
func (o Object) Terminating() bool { return o.Deleting != nil || o.Phase == "Terminating" }

// Assignment is an item's data cluster, deletion class and deletion
// method from the configuration; empty when the configuration assigns
// none.
type Assignment struct {
	Cluster string `json:"data_cluster,omitempty"`
	Class   string `json:"deletion_class,omitempty"`
	// Method is logical or cryptographic.
	Method string `json:"method,omitempty"`
}

// Tools of backup copies.
const (
	ToolVelero     = "velero"
	ToolRestic     = "restic"
	ToolBorg       = "borg"
	ToolPgBackRest = "pgbackrest"
)

// Copy is one backup that holds the tenant's data: a Velero backup, a
// restic snapshot, a borg archive or a pgBackRest backup.
type Copy struct {
	// Key is "<tool>/<source>/<repository>/<id>".
	Key    string `json:"key"`
	Tool   string `json:"tool"`
	Source string `json:"source"`
	// Repository is the repository name (pgBackRest: <source>/repo<n>;
	// Velero: the BackupStorageLocation).
	Repository string    `json:"repository"`
	ID         string    `json:"id"`
	Time       time.Time `json:"time"`
	Site       string    `json:"site,omitempty"`
	Expiry     Expiry    `json:"expiry"`
	Assignment
	Evidence Ref `json:"evidence"`
}

// Expiry bases.
const (
	// BasisVelero: status.expiration plus the garbage-collection interval.
	BasisVelero = "velero-expiration"
	// BasisSimulated: the restic or borg policy run forward in time.
	BasisSimulated = "simulated"
	// BasisPgBackRest: repo-retention-full run forward in time.
	BasisPgBackRest = "pgbackrest-retention"
	// BasisNever: the policy keeps the copy while nothing changes.
	BasisNever = "never"
	// BasisUnknown: the evidence does not tell (a Velero backup without
	// expiration).
	BasisUnknown = "unknown"
)

// Reasons of BasisNever and BasisUnknown.
const (
	ReasonKeepTag      = "keep-tag"
	ReasonNoNewBackups = "no-new-backups"
	ReasonNoPrune      = "no-prune"
	ReasonNoExpiration = "no-expiration"
)

// Expiry is when a copy is gone.
type Expiry struct {
	At    *time.Time `json:"at,omitempty"`
	Basis string     `json:"basis"`
	// UpperBound marks a date by which the copy is gone at the latest
	// (pgBackRest differential and incremental backups).
	UpperBound bool   `json:"upper_bound,omitempty"`
	Reason     string `json:"reason,omitempty"`
}

// Known reports whether the expiry has a date.
func (e Expiry) Known() bool { return e.At != nil }

// Backup summarises one backup source holding the tenant's data.
type Backup struct {
	// Source is "<tool>/<name>".
	Source       string   `json:"source"`
	Tool         string   `json:"tool"`
	Name         string   `json:"name"`
	Repositories []string `json:"repositories"`
	Sites        []string `json:"sites"`
	// Selector says how the tenant's copies are found, e.g. "tags acme".
	Selector string `json:"selector"`
	// Rule is the retention rule as the tool's options, e.g.
	// "--keep-daily 7 --keep-weekly 4 --keep-monthly 6".
	Rule string `json:"rule"`
	// IntervalHours is how often backup and prune run (the simulation's
	// assumption).
	IntervalHours int64 `json:"interval_hours,omitempty"`
	// Shared is true when the tenant's copies are in series that hold
	// other data and keep getting backups; false when they hold only the
	// tenant's data.
	Shared bool `json:"shared"`
	// Listed is false when the evidence has no listing of the source.
	Listed     bool       `json:"listed"`
	Copies     int        `json:"copies"`
	Oldest     *time.Time `json:"oldest,omitempty"`
	Newest     *time.Time `json:"newest,omitempty"`
	LastExpiry Expiry     `json:"last_expiry"`
	Assignment
}

// Place is a place holding tenant data that no collector sees; what the
// plan says of it is the provider's statement.
type Place struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Method      string `json:"method,omitempty"`
	Responsible string `json:"responsible,omitempty"`
	Assignment
	// Due is the day the data is deleted at the latest: the deletion
	// case's start plus the class's period; nil without a deletion case.
	Due *time.Time `json:"due,omitempty"`
}

// Retained is data kept because a law requires it.
type Retained struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	LegalBasis string `json:"legal_basis"`
	Years      int    `json:"years"`
	// Until is the end of the retention; nil without a deletion case.
	Until *time.Time `json:"until,omitempty"`
}

// Rules are the deletion classes and data clusters items refer to.
type Rules struct {
	Classes  []Class   `json:"classes"`
	Clusters []Cluster `json:"clusters"`
}

// Class is a deletion class.
type Class struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// StartingPoint is creation or contract_end.
	StartingPoint string `json:"starting_point"`
	PeriodHours   int64  `json:"period_hours"`
}

// Cluster is a data cluster (cluster of PII).
type Cluster struct {
	ID     string   `json:"id"`
	Name   string   `json:"name"`
	Class  string   `json:"class"`
	Kinds  []string `json:"kinds"`
	Method string   `json:"method"`
}

// Gap is something the evidence does not show.
type Gap struct {
	// Source is "<kind>/<name>".
	Source string `json:"source"`
	// What is the Kubernetes kind or "snapshots"; empty for the whole
	// source.
	What   string `json:"what,omitempty"`
	Reason string `json:"reason"`
	// Code names a gap nachweis finds itself (GapNoList, …), so that a
	// document words it in its language; empty when Reason is a
	// collector's message. Arg completes it, e.g. the missing list.
	Code string `json:"code,omitempty"`
	Arg  string `json:"arg,omitempty"`
}

// Gaps nachweis finds itself (Gap.Code).
const (
	// GapNoList: the evidence has no cluster-wide list of Arg.
	GapNoList = "no-list"
	// GapNotInBundle: a source of the configuration is not in the bundle.
	GapNotInBundle = "not-in-bundle"
	// GapNoBundle: the plan was made without evidence.
	GapNoBundle = "no-bundle"
	// GapNoSnapshots: the evidence has no snapshot listing of a
	// repository.
	GapNoSnapshots = "no-snapshots"
)

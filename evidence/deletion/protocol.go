package deletion

import "time"

// Outcome is the result of one item of the protocol (document-specs §5.5).
type Outcome string

// Outcomes.
const (
	// Deleted: present before, and a cluster-wide list or the repository
	// listing after the deletion does not hold it.
	Deleted Outcome = "deleted"
	// Present: still there after the deletion. A blocker.
	Present Outcome = "present"
	// InProgress: deletion requested but not finished (a Terminating
	// namespace or claim, a volume that outlived its claim). A blocker.
	InProgress Outcome = "in-progress"
	// NotEvidenced: the later evidence cannot show whether it is gone (a
	// kind not listed, a source not collected). A blocker; never written
	// as deleted.
	NotEvidenced Outcome = "not-evidenced"
	// PendingExpiry: a backup copy that still holds the data and expires
	// on a known date.
	PendingExpiry Outcome = "pending-expiry"
	// NoExpiry: a backup copy the retention keeps with no date (a
	// keep-tag, a series without new backups, a Velero backup without
	// expiration, one past its expiration). A blocker: it must be deleted
	// by hand.
	NoExpiry Outcome = "no-expiry"
	// Attested: a declared place; the provider states the deletion, no
	// evidence shows it.
	Attested Outcome = "attested"
	// KeptByLaw: kept under a statutory retention.
	KeptByLaw Outcome = "retained"
)

// Blocking reports whether the outcome keeps the protocol a draft.
func (o Outcome) Blocking() bool {
	return o == Present || o == InProgress || o == NotEvidenced || o == NoExpiry
}

// Protocol statuses.
const (
	// StatusDraft: a blocker remains; the protocol names it.
	StatusDraft = "draft"
	// StatusActiveDeleted: the active data is deleted and verified; backup
	// copies or declared places still hold data until their dates (stage
	// 1, "Löschung im aktiven Datenbestand durchgeführt").
	StatusActiveDeleted = "active-deleted"
	// StatusFinal: no copy remains and every declared date has passed
	// (stage 2, "Abschlussbestätigung").
	StatusFinal = "final"
)

// Protocol is the deletion protocol of one tenant: the plan before the
// deletion compared with the evidence after it.
type Protocol struct {
	Schema string `json:"schema"`
	// DocumentID is LP-<tenant>-<yyyymmdd of the later evidence's cut-off
	// in German time>.
	DocumentID  string         `json:"document_id"`
	Status      string         `json:"status"`
	CreatedAt   time.Time      `json:"created_at"`
	ToolVersion string         `json:"tool_version"`
	Tenant      Tenant         `json:"tenant"`
	Before      Basis          `json:"before"`
	After       Basis          `json:"after"`
	Objects     []ObjectResult `json:"objects"`
	Copies      []CopyResult   `json:"copies"`
	Backups     []BackupResult `json:"backups"`
	// LastCopyExpires is the latest expiry of a copy still holding data;
	// nil when none remains or a copy has no date.
	LastCopyExpires *Expiry `json:"last_copy_expires,omitempty"`
	// FinalFrom is the day from which a final protocol can be issued:
	// the last copy's expiry or the latest declared date, whichever is
	// later; nil when already final or not known.
	FinalFrom *time.Time    `json:"final_from,omitempty"`
	Places    []PlaceResult `json:"places"`
	Retained  []Retained    `json:"retained"`
	Rules     Rules         `json:"rules"`
	Blockers  []Blocker     `json:"blockers"`
	Gaps      []Gap         `json:"gaps"`
}

// Basis is one of the two inventories the protocol compares.
type Basis struct {
	// Evidence is the bundle; nil for a plan without evidence.
	Evidence *Evidence `json:"evidence"`
	// PlanCreatedAt is when the plan was made.
	PlanCreatedAt time.Time `json:"plan_created_at"`
}

// CutOff is the evidence cut-off, zero without evidence.
func (b Basis) CutOff() time.Time {
	if b.Evidence == nil {
		return time.Time{}
	}
	return b.Evidence.CutOff
}

// ObjectResult is the outcome of one object.
type ObjectResult struct {
	Object
	Outcome Outcome `json:"outcome"`
	// Detail says why, e.g. "terminating", "retain-released",
	// "not-listed", "new".
	Detail string `json:"detail,omitempty"`
	// VerifiedAt is the collection time of the evidence that shows the
	// outcome.
	VerifiedAt *time.Time `json:"verified_at,omitempty"`
	// Verification is the list that no longer holds the object, or the
	// object still present.
	Verification *Ref `json:"verification,omitempty"`
}

// CopyResult is the outcome of one backup copy.
type CopyResult struct {
	Copy
	Outcome      Outcome    `json:"outcome"`
	Detail       string     `json:"detail,omitempty"`
	VerifiedAt   *time.Time `json:"verified_at,omitempty"`
	Verification *Ref       `json:"verification,omitempty"`
}

// BackupResult is one backup source: how many copies held the data before
// and how many still do, and when the last of them expires.
type BackupResult struct {
	Backup
	Before    int     `json:"before"`
	Remaining int     `json:"remaining"`
	Outcome   Outcome `json:"outcome"`
}

// PlaceResult is a declared place.
type PlaceResult struct {
	Place
	Outcome Outcome `json:"outcome"`
	// Passed is true when Due lies before the protocol's date.
	Passed bool `json:"passed"`
}

// Blocker names an item that keeps the protocol a draft.
type Blocker struct {
	Key     string  `json:"key"`
	Kind    string  `json:"kind"`
	Name    string  `json:"name"`
	Where   string  `json:"where"`
	Outcome Outcome `json:"outcome"`
	Detail  string  `json:"detail,omitempty"`
}

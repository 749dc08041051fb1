package approval

import "time"

// Reason says why a document is not approved.
type Reason string

const (
	// None: an approval for exactly this content exists.
	None Reason = ""
	// NoApproval: nobody has approved any version of the document.
	NoApproval Reason = "no-approval"
	// OtherContent: approvals exist, but for other content (an earlier
	// version, or evidence, configuration or wording that changed since).
	OtherContent Reason = "other-content"
)

// Decision is the document control of one rendering: its version, the
// records of exactly its content and the history of versions.
type Decision struct {
	Document string
	Content  string
	// Version is the version of this content: the recorded one when a
	// record names this content, else one more than the highest recorded
	// version (at least 2 when the change history compares with a
	// previous version, 1 for a first version).
	Version int
	// Previous is the version the change history compares with, when
	// there is one: the one before Version.
	Previous int
	// Records are the records of this content, in step order.
	Records []Record
	// Approved is true when one of Records is an approval.
	Approved bool
	// Reason says why it is not approved; None when Approved.
	Reason Reason
	// LatestApproved is the highest approved version of other content,
	// when Reason is OtherContent.
	LatestApproved int
	// History lists every recorded version and, last, this one when it is
	// not recorded yet.
	History []Version
}

// Version is one row of a document's version table.
type Version struct {
	Number  int
	Content string
	// Date is the time of the last record of the version; zero for the
	// current version before anyone recorded a step.
	Date time.Time
	// Records are the steps recorded for the version.
	Records []Record
	// Approved is true when the version was approved.
	Approved bool
	// Current marks the version of this rendering.
	Current bool
}

// Decide works out the document control of content in the series
// document. withPrevious says whether the document compares with the
// results of a previous version.
func (s *Set) Decide(document, content string, withPrevious bool) Decision {
	d := Decision{Document: document, Content: content}
	recs := s.For(document)
	byVersion := map[int]*Version{}
	var order []int
	highest := 0
	for _, r := range recs {
		v, ok := byVersion[r.Version]
		if !ok {
			v = &Version{Number: r.Version, Content: r.Content}
			byVersion[r.Version] = v
			order = append(order, r.Version)
		}
		v.Records = append(v.Records, r)
		if r.At.After(v.Date) {
			v.Date = r.At
		}
		if r.Step == Approved {
			v.Approved = true
		}
		if r.Version > highest {
			highest = r.Version
		}
		if r.Content == content {
			d.Version = r.Version
			d.Records = append(d.Records, r)
			if r.Step == Approved {
				d.Approved = true
			}
		}
	}
	if d.Version == 0 {
		d.Version = highest + 1
		if withPrevious && d.Version < 2 {
			d.Version = 2
		}
	}
	if withPrevious {
		d.Previous = d.Version - 1
	}
	for _, n := range order {
		v := byVersion[n]
		if n > d.Version {
			continue
		}
		if n == d.Version {
			v.Current = true
		}
		d.History = append(d.History, *v)
		if v.Approved && v.Content != content && n > d.LatestApproved {
			d.LatestApproved = n
		}
	}
	if len(d.Records) == 0 {
		d.History = append(d.History, Version{Number: d.Version, Content: content, Current: true})
	}
	switch {
	case d.Approved:
		d.Reason = None
	case d.LatestApproved > 0:
		d.Reason = OtherContent
	default:
		d.Reason = NoApproval
	}
	return d
}

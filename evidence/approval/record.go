package approval

import (
	"fmt"
	"regexp"
	"sort"
	"time"
)

// FileName is the approvals file beside the configuration.
const FileName = "approvals.yaml"

// Schema names the format of the approvals file.
const Schema = "nachweis.approvals/v1"

// Step is what a person did with a document version.
type Step string

// The steps, in the order a document passes through them.
const (
	Prepared Step = "prepared"
	Reviewed Step = "reviewed"
	Approved Step = "approved"
)

// Steps lists the valid steps in order.
var Steps = []Step{Prepared, Reviewed, Approved}

// Valid reports whether s is one of Steps.
func (s Step) Valid() bool {
	for _, v := range Steps {
		if s == v {
			return true
		}
	}
	return false
}

// Label is the step's name in a document: "Erstellt von"/"Prepared by"
// and so on.
func (s Step) Label(lang string) string {
	de := map[Step]string{Prepared: "Erstellt von", Reviewed: "Geprüft von", Approved: "Freigegeben von"}
	en := map[Step]string{Prepared: "Prepared by", Reviewed: "Reviewed by", Approved: "Approved by"}
	if lang == "de" {
		return de[s]
	}
	return en[s]
}

// Record is one person's step on one version of a document.
type Record struct {
	// Document is the document series, e.g. TOM-acme or REPORT-c5.
	Document string `yaml:"document"`
	Version  int    `yaml:"version"`
	// Content is the content digest, "sha256:" and 64 hex digits.
	Content string    `yaml:"content"`
	Step    Step      `yaml:"step"`
	Name    string    `yaml:"name"`
	Role    string    `yaml:"role"`
	At      time.Time `yaml:"at"`
	Comment string    `yaml:"comment,omitempty"`
}

// Set is the content of an approvals file.
type Set struct {
	// File is where the records were read from ("" for a new set).
	File    string
	Records []Record
}

var (
	documentRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`)
	contentRE  = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)
)

// ValidDocument reports whether s can name a document series.
func ValidDocument(s string) bool { return documentRE.MatchString(s) }

// ValidContent reports whether s is a content digest "sha256:<64 hex>".
func ValidContent(s string) bool { return contentRE.MatchString(s) }

// check validates one record; field is the name of the first bad field
// and want what was expected.
func (r Record) check() (field, want string) {
	switch {
	case !ValidDocument(r.Document):
		return "document", "a document series such as TOM-acme or REPORT-c5 (letters, digits, '.', '_', '-')"
	case r.Version < 1:
		return "version", "a version number of 1 or more"
	case !ValidContent(r.Content):
		return "content", `a content digest "sha256:" followed by 64 lowercase hex digits`
	case !r.Step.Valid():
		return "step", "one of prepared, reviewed, approved"
	case !printableLine(r.Name, 200):
		return "name", "the person's name, one line of at most 200 characters"
	case !printableLine(r.Role, 200):
		return "role", "the person's role, one line of at most 200 characters"
	case r.At.IsZero():
		return "at", "a time in RFC 3339, e.g. 2026-11-23T10:00:00+01:00"
	case len(r.Comment) > 2000:
		return "comment", "a comment of at most 2000 characters"
	}
	return "", ""
}

// printableLine reports whether s is non-empty, at most max bytes and has
// no control characters.
func printableLine(s string, max int) bool {
	if s == "" || len(s) > max {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\uFFFD' {
			return false
		}
	}
	return true
}

// conflict finds a record that contradicts an earlier one: the same
// version of a document for other content, the same content under
// another version, or the same person's same step twice.
func conflict(records []Record, i int) string {
	r := records[i]
	for j := range i {
		o := records[j]
		if o.Document != r.Document {
			continue
		}
		switch {
		case o.Version == r.Version && o.Content != r.Content:
			return fmt.Sprintf("version %d of %s is already recorded for content %s (entry %d); a version names one content", r.Version, r.Document, o.Content, j+1)
		case o.Content == r.Content && o.Version != r.Version:
			return fmt.Sprintf("content %s of %s is already recorded as version %d (entry %d)", r.Content, r.Document, o.Version, j+1)
		case o.Content == r.Content && o.Step == r.Step && o.Name == r.Name:
			return fmt.Sprintf("%s already recorded this step for this content (entry %d)", r.Name, j+1)
		}
	}
	return ""
}

// For returns the records of a document series, ordered by version, time,
// step and name.
func (s *Set) For(document string) []Record {
	if s == nil {
		return nil
	}
	var out []Record
	for _, r := range s.Records {
		if r.Document == document {
			out = append(out, r)
		}
	}
	sortRecords(out)
	return out
}

func sortRecords(rs []Record) {
	order := map[Step]int{Prepared: 0, Reviewed: 1, Approved: 2}
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if a.Version != b.Version {
			return a.Version < b.Version
		}
		if order[a.Step] != order[b.Step] {
			return order[a.Step] < order[b.Step]
		}
		if !a.At.Equal(b.At) {
			return a.At.Before(b.At)
		}
		return a.Name < b.Name
	})
}

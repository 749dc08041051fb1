package attest

import (
	"path"
	"strings"
	"time"
)

// Set is everything loaded from the attestation and exception
// directories, each list sorted by id.
type Set struct {
	Attestations []Attestation
	Exceptions   []Exception
}

// Text is a statement in German and English.
type Text struct {
	DE string `yaml:"de"`
	EN string `yaml:"en"`
}

// Person is who signed an attestation off, and in which role.
type Person struct {
	Name string `yaml:"name"`
	Role string `yaml:"role"`
}

// Attachment is a document an attestation refers to. Its SHA256 was
// checked against the file when the attestation was loaded.
type Attachment struct {
	// Path is as written in the attestation file: relative to that
	// file's directory.
	Path string `yaml:"path"`
	// SHA256 is lower-case hex.
	SHA256 string `yaml:"sha256"`
}

// Attestation is a signed-off statement that an organisational measure is
// in place. It makes the measure "attested", never "met", and only until
// ValidUntil.
type Attestation struct {
	ID      string
	Measure string
	// Statement is what is attested, in German and English.
	Statement  Text
	AttestedBy Person
	// Date is the day of the attestation; ValidUntil the last day it is
	// valid. Both are midnight UTC.
	Date       time.Time
	ValidUntil time.Time
	// ReviewCycleMonths is the declared review cycle in months; 0 when
	// not declared.
	ReviewCycleMonths int
	Attachments       []Attachment
	// File is the YAML file the attestation came from, as found (the
	// directory given to Load joined with the file name); Line is the
	// line of its id.
	File string
	Line int
}

// ExpiredAt reports whether the attestation has expired at now: whether
// ValidUntil is before now's calendar date (in now's location). On the
// ValidUntil day itself it is still valid.
func (a Attestation) ExpiredAt(now time.Time) bool {
	return a.ValidUntil.Before(dateOf(now))
}

// Exception is an accepted risk for a failing check, following C5 SP-03:
// approved by the risk owner, documented with a compensating measure and
// limited to at most 12 months. It covers the failed findings of Check
// whose tenant or resource its Scope selects, until ExpiresOn; the failed
// result stays visible. An expired exception covers nothing.
type Exception struct {
	ID    string
	Check string
	// Scope selects the findings covered: "*" (all findings of the
	// check), "tenant:<id>" (the findings of one tenant) or
	// "resource:<glob>" (findings whose resource matches the glob, in the
	// syntax of path.Match: "*" does not cross "/").
	Scope     string
	RiskID    string
	RiskOwner string
	// ApprovedOn and ExpiresOn are midnight UTC; ExpiresOn is the last
	// day the exception applies and at most 12 months after ApprovedOn.
	ApprovedOn time.Time
	ExpiresOn  time.Time
	// CompensatingMeasure is the measure that reduces the accepted risk,
	// in German and English: the audit reports print it.
	CompensatingMeasure Text
	// CustomerText is the wording for the customer's TOM annex; empty
	// when not given.
	CustomerText Text
	ResidualRisk string
	// File and Line locate the exception's id, as for Attestation.
	File string
	Line int
}

// ExpiredAt reports whether the exception has expired at now: whether
// ExpiresOn is before now's calendar date (in now's location).
func (x Exception) ExpiredAt(now time.Time) bool {
	return x.ExpiresOn.Before(dateOf(now))
}

// Matches reports whether the exception's scope selects a finding of the
// given tenant ("" for provider-wide findings) and resource, e.g.
// "prod/namespace/acme-prod". It does not look at the check or at expiry.
// A malformed scope matches nothing.
func (x Exception) Matches(tenant, resource string) bool {
	kind, value, ok := parseScope(x.Scope)
	if !ok {
		return false
	}
	switch kind {
	case scopeAll:
		return true
	case scopeTenant:
		return tenant == value
	case scopeResource:
		m, err := path.Match(value, resource)
		return err == nil && m
	}
	return false
}

type scopeKind int

const (
	scopeAll scopeKind = iota + 1
	scopeTenant
	scopeResource
)

// parseScope parses a scope selector; ok is false when it is malformed.
func parseScope(s string) (kind scopeKind, value string, ok bool) {
	if s == "*" {
		return scopeAll, "", true
	}
	if id, found := strings.CutPrefix(s, "tenant:"); found && id != "" && strings.TrimSpace(id) == id {
		return scopeTenant, id, true
	}
	if glob, found := strings.CutPrefix(s, "resource:"); found && glob != "" {
		if _, err := path.Match(glob, ""); err != nil {
			return 0, "", false
		}
		return scopeResource, glob, true
	}
	return 0, "", false
}

// dateOf returns midnight UTC of t's calendar date in t's location.
func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

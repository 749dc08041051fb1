package attest

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/nachweis/nachweis/evidence/internal/yamlstrict"
)

// validator checks one attestation or exception as written and converts
// it. Its errors point at the line the decoder recorded for the field, or
// for the nearest enclosing field when the field itself is missing.
type validator struct {
	file  string
	lines yamlstrict.Lines
}

func (v *validator) errf(field, format string, args ...any) *Error {
	return &Error{File: v.file, Line: v.lines.Line(field), Field: field, Msg: fmt.Sprintf(format, args...)}
}

var (
	// identifier is the shape of attestation, exception, measure and
	// check ids: ATT-2026-001, TOM-AUF-01, BAK-OFFSITE-01.
	identifier = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	sha256Hex  = regexp.MustCompile(`^[0-9a-f]{64}$`)
	cycle      = regexp.MustCompile(`^([1-9][0-9]?) (months?|years?)$`)
)

func blank(s string) bool { return strings.TrimSpace(s) == "" }

// id checks a required identifier field.
func (v *validator) id(field, value, example string) error {
	switch {
	case value == "":
		return v.errf(field, "required: an id like %s", example)
	case !identifier.MatchString(value):
		return v.errf(field, "expected an id of letters, digits, '.', '_' and '-' like %s, got %s", example, yamlstrict.Quote(value))
	}
	return nil
}

// date parses a required date field.
func (v *validator) date(field, value, what string) (time.Time, error) {
	if value == "" {
		return time.Time{}, v.errf(field, "required: %s, YYYY-MM-DD", what)
	}
	t, err := time.Parse(time.DateOnly, value)
	if err != nil {
		return time.Time{}, v.errf(field, "expected a date YYYY-MM-DD, got %s", yamlstrict.Quote(value))
	}
	return t, nil
}

func (v *validator) attestation(r rawAttestation) (Attestation, error) {
	a := Attestation{
		ID:         r.ID,
		Measure:    r.Measure,
		Statement:  r.Statement,
		AttestedBy: r.AttestedBy,
		File:       v.file,
		Line:       v.lines.Line("id"),
	}
	if err := v.id("id", r.ID, "ATT-2026-001"); err != nil {
		return a, err
	}
	if err := v.id("measure", r.Measure, "TOM-AUF-01"); err != nil {
		return a, err
	}
	switch {
	case blank(r.Statement.DE):
		return a, v.errf("statement.de", "required: the attested statement in German")
	case blank(r.Statement.EN):
		return a, v.errf("statement.en", "required: the attested statement in English")
	case blank(r.AttestedBy.Name):
		return a, v.errf("attested_by.name", "required: the name of the person who attests")
	case blank(r.AttestedBy.Role):
		return a, v.errf("attested_by.role", "required: the role in which they attest, e.g. ISB")
	}
	var err error
	if a.Date, err = v.date("date", r.Date, "the day of the attestation"); err != nil {
		return a, err
	}
	after := fmt.Sprintf("a date YYYY-MM-DD after date (%s)", r.Date)
	if r.ValidUntil == "" {
		return a, v.errf("valid_until", "required: the last day the attestation is valid, %s", after)
	}
	a.ValidUntil, err = time.Parse(time.DateOnly, r.ValidUntil)
	if err != nil || !a.ValidUntil.After(a.Date) {
		return a, v.errf("valid_until", "expected %s, got %s", after, yamlstrict.Quote(r.ValidUntil))
	}
	if r.ReviewCycle != "" {
		m := cycle.FindStringSubmatch(r.ReviewCycle)
		if m == nil {
			return a, v.errf("review_cycle", "expected a period like 12 months or 1 year, got %s", yamlstrict.Quote(r.ReviewCycle))
		}
		n, _ := strconv.Atoi(m[1])
		if strings.HasPrefix(m[2], "year") {
			n *= 12
		}
		a.ReviewCycleMonths = n
	}
	for i, at := range r.Attachments {
		f := fmt.Sprintf("attachments[%d]", i)
		switch {
		case at.Path == "":
			return a, v.errf(f+".path", "required: the attached document, relative to this file's directory")
		case path.IsAbs(at.Path) || strings.HasPrefix(at.Path, `\`) || (len(at.Path) > 1 && at.Path[1] == ':'):
			return a, v.errf(f+".path", "expected a path relative to this file's directory, got %s", yamlstrict.Quote(at.Path))
		case at.SHA256 == "":
			return a, v.errf(f+".sha256", "required: the SHA-256 of the attached document (sha256sum), 64 hex digits")
		}
		sum := strings.ToLower(at.SHA256)
		if !sha256Hex.MatchString(sum) {
			return a, v.errf(f+".sha256", "expected a SHA-256 of 64 hex digits, got %s", yamlstrict.Quote(at.SHA256))
		}
		a.Attachments = append(a.Attachments, Attachment{Path: at.Path, SHA256: sum})
	}
	return a, nil
}

// maxExceptionMonths is the longest an exception may run (C5 SP-03: reviewed
// at least annually).
const maxExceptionMonths = 12

// addMonths adds months to a date; when the day does not exist in the
// target month (29 February, 31st), the result is that month's last day
// rather than a day in the month after.
func addMonths(t time.Time, months int) time.Time {
	r := t.AddDate(0, months, 0)
	if r.Day() != t.Day() {
		r = r.AddDate(0, 0, -r.Day())
	}
	return r
}

func (v *validator) exception(r rawException) (Exception, error) {
	x := Exception{
		ID:                  r.ID,
		Check:               r.Check,
		Scope:               r.Scope,
		RiskID:              r.RiskID,
		RiskOwner:           r.RiskOwner,
		CompensatingMeasure: r.CompensatingMeasure,
		ResidualRisk:        r.ResidualRisk,
		File:                v.file,
		Line:                v.lines.Line("id"),
	}
	if err := v.id("id", r.ID, "EXC-2026-001"); err != nil {
		return x, err
	}
	if err := v.id("check", r.Check, "BAK-OFFSITE-01"); err != nil {
		return x, err
	}
	const scopes = `"*", tenant:<id> or resource:<glob>`
	if r.Scope == "" {
		return x, v.errf("scope", "required: the findings covered, %s", scopes)
	}
	if _, _, ok := parseScope(r.Scope); !ok {
		return x, v.errf("scope", "expected %s, got %s", scopes, yamlstrict.Quote(r.Scope))
	}
	if blank(r.RiskID) {
		return x, v.errf("risk_id", "required: the id of the risk in the risk register")
	}
	if blank(r.RiskOwner) {
		return x, v.errf("risk_owner", "required: the risk owner who approved the exception")
	}
	var err error
	if x.ApprovedOn, err = v.date("approved_on", r.ApprovedOn, "the day the risk owner approved the exception"); err != nil {
		return x, err
	}
	latest := addMonths(x.ApprovedOn, maxExceptionMonths)
	want := fmt.Sprintf("a date YYYY-MM-DD after approved_on (%s) and at most %d months later (%s)",
		r.ApprovedOn, maxExceptionMonths, latest.Format(time.DateOnly))
	if r.ExpiresOn == "" {
		return x, v.errf("expires_on", "required: %s", want)
	}
	x.ExpiresOn, err = time.Parse(time.DateOnly, r.ExpiresOn)
	if err != nil || !x.ExpiresOn.After(x.ApprovedOn) || x.ExpiresOn.After(latest) {
		return x, v.errf("expires_on", "expected %s, got %s", want, yamlstrict.Quote(r.ExpiresOn))
	}
	switch {
	case blank(r.CompensatingMeasure.DE) && blank(r.CompensatingMeasure.EN):
		return x, v.errf("compensating_measure", "required: the measure that reduces the accepted risk, {de: …, en: …}")
	case blank(r.CompensatingMeasure.DE):
		return x, v.errf("compensating_measure.de", "required: the compensating measure in German (the German reports print it)")
	case blank(r.CompensatingMeasure.EN):
		return x, v.errf("compensating_measure.en", "required: the compensating measure in English (the English reports print it)")
	}
	if t := r.CustomerText; t != nil {
		switch {
		case blank(t.DE):
			return x, v.errf("customer_text.de", "required when customer_text is given: the text for the customer in German")
		case blank(t.EN):
			return x, v.errf("customer_text.en", "required when customer_text is given: the text for the customer in English")
		}
		x.CustomerText = *t
	}
	return x, nil
}

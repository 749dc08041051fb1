package output

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	"github.com/nachweis/nachweis/controls"
)

// WriteJUnit writes the results as JUnit XML for CI test report widgets
// (GitLab artifacts:reports:junit, GitHub test reporter actions).
//
// There is one <testsuite> per framework, named by its framework id (c5,
// iso27001, gdpr), in the order of r.Frameworks, and one <testcase> per
// requirement. A test case's classname is the framework id plus the
// requirement's group when the id shows it ("c5.OPS" for OPS-06,
// "iso27001.A.8" for A.8.13, "gdpr.art32" for 32(1)(b)), else the framework
// id; its name is "<id> <English title>", unique within the suite.
//
// Outcomes map as follows; both fail and no-evidence turn a CI run red:
//
//	fail                  <failure type="fail">
//	attestation-expired   <failure type="attestation-expired">
//	no-evidence           <error type="no-evidence"> (could not be assessed)
//	not-applicable        <skipped> with the justification
//	exception, attested   passed, with a <system-out> note naming the
//	                      exception or attestation
//	pass                  passed
//
// Each test case carries the properties outcome and basis (technically-
// verified, partly-verified, attested-only, none; see controls.Basis).
// The message attribute is always the outcome's English label; the body
// lists measures, the failing or unassessed checks, reasons and the first
// findings of each check. Times are "0": the report is about controls, not
// about run time.
func WriteJUnit(w io.Writer, r *controls.Results) error {
	if r == nil {
		return errors.New("write junit: no results")
	}
	doc := buildJUnit(r)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode junit: %w", err)
	}
	buf.WriteString("\n")
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write junit: %w", err)
	}
	return nil
}

func buildJUnit(r *controls.Results) *junitTestSuites {
	idx := newIndex(r)
	attestations := make(map[string]*controls.AttestationRecord, len(r.Attestations))
	for i := range r.Attestations {
		attestations[r.Attestations[i].ID] = &r.Attestations[i]
	}
	var timestamp string
	if !r.EvaluatedAt.IsZero() {
		timestamp = r.EvaluatedAt.UTC().Format(time.RFC3339)
	}
	props := []junitProperty{
		{Name: "schema", Value: r.Schema},
		{Name: "bundle_digest", Value: r.BundleDigest},
		{Name: "evaluated_at", Value: timestamp},
	}
	if !r.EvidenceCutoff.IsZero() {
		props = append(props, junitProperty{Name: "evidence_cutoff", Value: r.EvidenceCutoff.UTC().Format(time.RFC3339)})
	}
	if r.Tenant != "" {
		props = append(props, junitProperty{Name: "tenant", Value: r.Tenant})
	}
	if r.ToolVersion != "" {
		props = append(props, junitProperty{Name: "tool_version", Value: r.ToolVersion})
	}

	doc := &junitTestSuites{Name: "nachweis", Time: "0"}
	for _, fw := range frameworkOrder(r) {
		suite := junitTestSuite{Name: fw, Time: "0", Timestamp: timestamp, Properties: props}
		for i := range r.Requirements {
			req := &r.Requirements[i]
			if req.Framework != fw {
				continue
			}
			tc := junitCase(req, idx, attestations)
			suite.Tests++
			switch {
			case tc.Failure != nil:
				suite.Failures++
			case tc.Error != nil:
				suite.Errors++
			case tc.Skipped != nil:
				suite.Skipped++
			}
			suite.Cases = append(suite.Cases, tc)
		}
		doc.Tests += suite.Tests
		doc.Failures += suite.Failures
		doc.Errors += suite.Errors
		doc.Skipped += suite.Skipped
		doc.Suites = append(doc.Suites, suite)
	}
	return doc
}

func junitCase(req *controls.RequirementResult, idx *index, attestations map[string]*controls.AttestationRecord) junitTestCase {
	tc := junitTestCase{Classname: req.Framework, Name: req.ID, Time: "0", Properties: []junitProperty{
		{Name: "outcome", Value: string(req.Status)},
		{Name: "basis", Value: string(req.Basis)},
	}}
	if g := requirementGroup(req.ID); g != "" {
		tc.Classname += "." + g
	}
	if t := req.Title.In("en"); t != "" {
		tc.Name += " " + t
	}
	problem := func(typ string) *junitProblem {
		return &junitProblem{Message: req.Status.Label("en"), Type: typ, Body: xmlSafe(requirementDetails(req, idx))}
	}
	switch req.Status {
	case controls.Fail, controls.AttestationExpired:
		tc.Failure = problem(string(req.Status))
	case controls.NoEvidence:
		tc.Error = problem(string(req.Status))
	case controls.NotApplicable:
		tc.Skipped = &junitProblem{Message: req.Status.Label("en"), Body: xmlSafe(req.Justification.In("en"))}
	case controls.Attested, controls.Exception:
		if note := passNote(req, idx, attestations); note != "" {
			tc.SystemOut = &junitText{Body: xmlSafe(note)}
		}
	case controls.Pass:
	default:
		// An outcome outside the vocabulary must never pass silently.
		tc.Error = problem("invalid-outcome")
		tc.Error.Message = fmt.Sprintf("invalid outcome %q", req.Status)
	}
	return tc
}

// requirementDetails is the English text block of the summary for one
// requirement (measures, checks, reasons, findings), without its name line.
func requirementDetails(req *controls.RequirementResult, idx *index) string {
	p := &textPrinter{lang: "en", msg: textMessages["en"], idx: idx, shown: map[string]string{}}
	p.requirementBody(req, req.Framework+" "+req.ID)
	var b strings.Builder
	for _, l := range strings.SplitAfter(p.buf.String(), "\n") {
		b.WriteString(strings.TrimPrefix(l, "    "))
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// passNote names the attestations and accepted exceptions a passed
// requirement rests on.
func passNote(req *controls.RequirementResult, idx *index, attestations map[string]*controls.AttestationRecord) string {
	var lines []string
	seen := map[string]bool{}
	for _, mid := range req.Measures {
		m, ok := idx.measures[mid]
		if !ok {
			continue
		}
		if m.Status == controls.Attested && m.Attestation != "" {
			line := fmt.Sprintf("%s: measure %s, attestation %s", controls.Attested.Label("en"), m.ID, m.Attestation)
			if a := attestations[m.Attestation]; a != nil {
				line += fmt.Sprintf(" by %s (%s) on %s, valid until %s, %s", a.By, a.Role,
					a.Date.UTC().Format("2006-01-02"), a.ValidUntil.UTC().Format("2006-01-02"), a.File)
			}
			lines = append(lines, line)
		}
		for _, cid := range m.Checks {
			c, ok := idx.checks[cid]
			if !ok {
				continue
			}
			for _, f := range c.Findings {
				if f.Status != controls.Exception || seen[cid+"\x00"+f.ExceptionID] {
					continue
				}
				seen[cid+"\x00"+f.ExceptionID] = true
				line := fmt.Sprintf("check %s: %s", cid, exceptionJustification(f.ExceptionID, idx.exceptions[f.ExceptionID]))
				lines = append(lines, line)
			}
		}
	}
	return strings.Join(lines, "\n")
}

// requirementGroup derives the catalog group of a requirement id: the C5
// area ("OPS-06" -> "OPS"), the ISO/IEC 27001 Annex A theme ("A.8.13" ->
// "A.8") or the GDPR article ("32(1)(b)" -> "art32"). It returns "" when the
// id shows no group.
func requirementGroup(id string) string {
	if i := strings.IndexByte(id, '-'); i > 0 && strings.IndexFunc(id[:i], func(r rune) bool { return !unicode.IsUpper(r) }) < 0 {
		return id[:i]
	}
	if parts := strings.SplitN(id, ".", 3); len(parts) == 3 && parts[0] == "A" {
		return parts[0] + "." + parts[1]
	}
	digits := strings.IndexFunc(id, func(r rune) bool { return r < '0' || r > '9' })
	if digits > 0 && id[digits] == '(' {
		return "art" + id[:digits]
	}
	return ""
}

// xmlSafe replaces characters XML 1.0 cannot carry (most control
// characters) with U+FFFD, since the report text is written as CDATA.
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return r
		case r < 0x20, r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
			return unicode.ReplacementChar
		}
		return r
	}, s)
}

// The JUnit document; field order is the output order.
type junitTestSuites struct {
	XMLName  xml.Name         `xml:"testsuites"`
	Name     string           `xml:"name,attr"`
	Tests    int              `xml:"tests,attr"`
	Failures int              `xml:"failures,attr"`
	Errors   int              `xml:"errors,attr"`
	Skipped  int              `xml:"skipped,attr"`
	Time     string           `xml:"time,attr"`
	Suites   []junitTestSuite `xml:"testsuite"`
}

type junitTestSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr"`
	Timestamp  string          `xml:"timestamp,attr,omitempty"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitTestCase `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitTestCase struct {
	Classname string `xml:"classname,attr"`
	Name      string `xml:"name,attr"`
	Time      string `xml:"time,attr"`
	// Properties are the outcome and the basis (controls.Basis).
	Properties []junitProperty `xml:"properties>property"`
	Failure    *junitProblem   `xml:"failure"`
	Error      *junitProblem   `xml:"error"`
	Skipped    *junitProblem   `xml:"skipped"`
	SystemOut  *junitText      `xml:"system-out"`
}

// junitText is element text written as CDATA, so that its line breaks
// survive.
type junitText struct {
	Body string `xml:",cdata"`
}

// junitProblem is a <failure>, <error> or <skipped> element. The body is
// CDATA so that its line breaks survive.
type junitProblem struct {
	Message string `xml:"message,attr,omitempty"`
	Type    string `xml:"type,attr,omitempty"`
	Body    string `xml:",cdata"`
}

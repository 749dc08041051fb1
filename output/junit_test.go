package output

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/controls"
)

// Structs to read a JUnit report back, independent of the writer's own.
type readSuites struct {
	XMLName  xml.Name    `xml:"testsuites"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Suites   []readSuite `xml:"testsuite"`
}

type readSuite struct {
	Name     string `xml:"name,attr"`
	Tests    int    `xml:"tests,attr"`
	Failures int    `xml:"failures,attr"`
	Errors   int    `xml:"errors,attr"`
	Skipped  int    `xml:"skipped,attr"`
	Time     string `xml:"time,attr"`
	Cases    []struct {
		Classname string `xml:"classname,attr"`
		Name      string `xml:"name,attr"`
		Failure   *struct {
			Message string `xml:"message,attr"`
			Type    string `xml:"type,attr"`
			Body    string `xml:",chardata"`
		} `xml:"failure"`
		Error *struct {
			Message string `xml:"message,attr"`
			Type    string `xml:"type,attr"`
			Body    string `xml:",chardata"`
		} `xml:"error"`
		Skipped *struct {
			Body string `xml:",chardata"`
		} `xml:"skipped"`
		SystemOut string `xml:"system-out"`
	} `xml:"testcase"`
}

func TestWriteJUnitCounts(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJUnit(&buf, fixture()); err != nil {
		t.Fatal(err)
	}
	var got readSuites
	if err := xml.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("JUnit output does not parse: %v", err)
	}
	type counts struct{ Tests, Failures, Errors, Skipped int }
	want := map[string]counts{
		// c5: fail OPS-06, CRY-02 + attestation-expired BCM-04 are
		// failures; IDM-09 is an error; PS-01 skipped.
		"c5-2020":       {7, 3, 1, 1},
		"iso27001-2022": {7, 2, 1, 1},
		"gdpr":          {4, 2, 2, 0},
	}
	var names []string
	var total counts
	for _, s := range got.Suites {
		names = append(names, s.Name)
		attr := counts{s.Tests, s.Failures, s.Errors, s.Skipped}
		if diff := cmp.Diff(want[s.Name], attr); diff != "" {
			t.Errorf("suite %s attributes (-want +got):\n%s", s.Name, diff)
		}
		// The attributes must match the elements.
		var elems counts
		seen := map[string]bool{}
		for _, c := range s.Cases {
			elems.Tests++
			if c.Failure != nil {
				elems.Failures++
			}
			if c.Error != nil {
				elems.Errors++
			}
			if c.Skipped != nil {
				elems.Skipped++
			}
			if seen[c.Classname+"\x00"+c.Name] {
				t.Errorf("suite %s: duplicate test case %s %s", s.Name, c.Classname, c.Name)
			}
			seen[c.Classname+"\x00"+c.Name] = true
			if !strings.HasPrefix(c.Classname, s.Name) {
				t.Errorf("classname %q outside suite %s", c.Classname, s.Name)
			}
		}
		if diff := cmp.Diff(attr, elems); diff != "" {
			t.Errorf("suite %s: attributes do not match elements (-attr +elements):\n%s", s.Name, diff)
		}
		if s.Time != "0" {
			t.Errorf("suite %s time %q", s.Name, s.Time)
		}
		total.Tests += s.Tests
		total.Failures += s.Failures
		total.Errors += s.Errors
		total.Skipped += s.Skipped
	}
	if diff := cmp.Diff([]string{"c5-2020", "iso27001-2022", "gdpr"}, names); diff != "" {
		t.Errorf("suites (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(total, counts{got.Tests, got.Failures, got.Errors, got.Skipped}); diff != "" {
		t.Errorf("testsuites totals (-sum of suites +attributes):\n%s", diff)
	}
}

func TestWriteJUnitCases(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJUnit(&buf, fixture()); err != nil {
		t.Fatal(err)
	}
	var got readSuites
	if err := xml.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{} // name -> summary of the case
	for _, s := range got.Suites {
		for _, c := range s.Cases {
			var v string
			switch {
			case c.Failure != nil:
				v = "failure " + c.Failure.Type + " " + c.Failure.Message + " | " + c.Failure.Body
			case c.Error != nil:
				v = "error " + c.Error.Type + " " + c.Error.Message + " | " + c.Error.Body
			case c.Skipped != nil:
				v = "skipped | " + c.Skipped.Body
			default:
				v = "pass | " + c.SystemOut
			}
			cases[c.Classname+" "+c.Name] = v
		}
	}
	tests := []struct{ name, prefix, contains string }{
		{"c5-2020.OPS OPS-06 Data Protection and Recovery - Concept", "failure fail not met", "… and 2 more"},
		{"c5-2020.BCM BCM-04 Verification, updating and testing of the business continuity", "failure attestation-expired attestation expired", "ATT-2025-007 expired"},
		{"c5-2020.IDM IDM-09 Authentication mechanisms", "error no-evidence not assessed – evidence missing", "403 Forbidden"},
		{"gdpr.art28 28(3)(e) Assistance with data subject rights", "error no-evidence", "no measure covers"},
		{"c5-2020.PS PS-01 Physical Security and Environmental Control Requirements", "skipped", "No own premises"},
		{"c5-2020.HR HR-03 Security training and awareness programme", "pass", "attested (manual): measure TOM-ORG-01, attestation ATT-2026-001 by Anna Schäfer"},
		{"iso27001-2022.A.8 A.8.22 Segregation of networks", "pass", "EXC-2026-003"},
		{"iso27001-2022.A.8 A.8.9 Configuration management", "pass", ""},
	}
	for _, tt := range tests {
		v, ok := cases[tt.name]
		if !ok {
			t.Errorf("no test case %q", tt.name)
			continue
		}
		if !strings.HasPrefix(v, tt.prefix) || !strings.Contains(v, tt.contains) {
			t.Errorf("%s: got %q, want prefix %q containing %q", tt.name, v, tt.prefix, tt.contains)
		}
	}
	// Every case names its outcome and basis as properties.
	for _, want := range []string{
		`<property name="outcome" value="attested"></property>`,
		`<property name="basis" value="attested-only"></property>`,
		`<property name="basis" value="technically-verified"></property>`,
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("JUnit lacks %s", want)
		}
	}
	// Line breaks in bodies survive (CDATA, not &#xA;).
	if strings.Contains(buf.String(), "&#xA;") {
		t.Errorf("line breaks are escaped")
	}
}

func TestWriteJUnitInvalidOutcomeIsAnError(t *testing.T) {
	r := fixture()
	r.Requirements[0].Status = controls.Outcome("")
	var buf bytes.Buffer
	if err := WriteJUnit(&buf, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `<error message="invalid outcome &#34;&#34;" type="invalid-outcome">`) {
		t.Errorf("an invalid outcome does not fail the report:\n%.600s", buf.String())
	}
}

func TestRequirementGroup(t *testing.T) {
	for id, want := range map[string]string{
		"OPS-06":   "OPS",
		"BC-01":    "BC",
		"A.8.13":   "A.8",
		"A.5.1":    "A.5",
		"32(1)(b)": "art32",
		"28(3)":    "art28",
		"28":       "",
		"x-1":      "",
		"":         "",
	} {
		if got := requirementGroup(id); got != want {
			t.Errorf("requirementGroup(%q) = %q, want %q", id, got, want)
		}
	}
}

func TestXMLSafe(t *testing.T) {
	if got := xmlSafe("a\x00b\tc\nd\x1be"); got != "a\uFFFDb\tc\nd\uFFFDe" {
		t.Errorf("xmlSafe = %q", got)
	}
}

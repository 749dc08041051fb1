package main

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestDemoSARIFValidates validates the demo's real SARIF output against the
// official SARIF 2.1.0 schema (kept in output/testdata).
func TestDemoSARIFValidates(t *testing.T) {
	out, errOut, code := nachweis(t, nil, "check", "--demo", "--now", demoNow, "--format", "sarif")
	if code != exitFailing {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	path, err := filepath.Abs(filepath.Join("..", "..", "output", "testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	schemaDoc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft7)
	url := "file://" + filepath.ToSlash(path)
	if err := c.AddResource(url, schemaDoc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Fatalf("demo SARIF does not validate: %v", err)
	}
	for _, want := range []string{`"ruleId": "K8S-NET-01"`, `"uri": "policies/kubernetes/netpol_default_deny.rego"`} {
		if !strings.Contains(out, want) {
			t.Errorf("SARIF lacks %s", want)
		}
	}
}

// TestDemoJUnitParses reads the demo's JUnit output back and checks the
// counts against the JSON results of the same run.
func TestDemoJUnitParses(t *testing.T) {
	out, _, _ := nachweis(t, nil, "check", "--demo", "--now", demoNow, "--format", "junit")
	var suites struct {
		Suites []struct {
			Name     string `xml:"name,attr"`
			Tests    int    `xml:"tests,attr"`
			Failures int    `xml:"failures,attr"`
			Errors   int    `xml:"errors,attr"`
			Cases    []struct {
				Name    string    `xml:"name,attr"`
				Failure *struct{} `xml:"failure"`
				Error   *struct{} `xml:"error"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal([]byte(out), &suites); err != nil {
		t.Fatalf("JUnit does not parse: %v", err)
	}
	r := demoResults(t)
	for _, s := range suites.Suites {
		var sum struct{ total, fail, noEvidence int }
		for _, sm := range r.Summary {
			if sm.Framework == s.Name {
				sum.total, sum.fail, sum.noEvidence = sm.Total, sm.Counts["fail"], sm.Counts["no-evidence"]
			}
		}
		if s.Tests != sum.total || len(s.Cases) != sum.total {
			t.Errorf("suite %s: %d tests, %d cases, want %d", s.Name, s.Tests, len(s.Cases), sum.total)
		}
		if s.Errors != sum.noEvidence {
			t.Errorf("suite %s: %d errors, want %d no-evidence", s.Name, s.Errors, sum.noEvidence)
		}
		if s.Failures < sum.fail {
			t.Errorf("suite %s: %d failures, want at least %d", s.Name, s.Failures, sum.fail)
		}
	}
	if len(suites.Suites) != 4 {
		t.Errorf("%d suites, want 4 (C5:2020, C5:2026, ISO/IEC 27001, GDPR)", len(suites.Suites))
	}
}

package output

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/nachweis/nachweis/controls"
)

// sarifSchema compiles the official SARIF 2.1.0 schema (draft-07) from
// testdata, with format assertions on.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	path, err := filepath.Abs(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("parse SARIF schema: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft7)
	c.AssertFormat()
	url := "file://" + filepath.ToSlash(path)
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatalf("compile SARIF schema: %v", err)
	}
	return sch
}

func validateSARIF(sch *jsonschema.Schema, doc []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

func writeSARIF(t *testing.T, r *controls.Results, opt SARIFOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteSARIF(&buf, r, opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSARIFSchemaRejectsInvalid(t *testing.T) {
	sch := sarifSchema(t)
	minimal := `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"}}]}]}`
	if err := validateSARIF(sch, []byte(minimal)); err != nil {
		t.Fatalf("minimal SARIF rejected: %v", err)
	}
	for name, doc := range map[string]string{
		"no driver name": `{"version":"2.1.0","runs":[{"tool":{"driver":{}},"results":[{"message":{"text":"m"}}]}]}`,
		"wrong version":  `{"version":"2.0.0","runs":[{"tool":{"driver":{"name":"x"}}}]}`,
		"bad level":      `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"level":"fatal","message":{"text":"m"}}]}]}`,
		"bad suppression": `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},` +
			`"suppressions":[{"kind":"waived"}]}]}]}`,
	} {
		if err := validateSARIF(sch, []byte(doc)); err == nil {
			t.Errorf("%s: invalid SARIF accepted", name)
		}
	}
}

func TestWriteSARIFValid(t *testing.T) {
	sch := sarifSchema(t)
	for name, opt := range map[string]SARIFOptions{
		"full":     {ToolName: "nachweis", ToolVersion: "1.2.3", InformationURI: "https://github.com/nachweis/nachweis"},
		"defaults": {},
	} {
		t.Run(name, func(t *testing.T) {
			out := writeSARIF(t, fixture(), opt)
			if err := validateSARIF(sch, out); err != nil {
				t.Fatalf("SARIF output is not valid against the 2.1.0 schema: %v", err)
			}
			// The same document without driver.name must be rejected,
			// or the validation above proves nothing.
			var doc map[string]any
			if err := json.Unmarshal(out, &doc); err != nil {
				t.Fatal(err)
			}
			driver := doc["runs"].([]any)[0].(map[string]any)["tool"].(map[string]any)["driver"].(map[string]any)
			delete(driver, "name")
			broken, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			if err := validateSARIF(sch, broken); err == nil {
				t.Errorf("SARIF without driver.name accepted")
			}
		})
	}
}

// sarifDoc is the part of a SARIF log the tests look at.
type sarifDoc struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Name    string
				Version string
				Rules   []struct {
					ID                   string
					ShortDescription     struct{ Text string }
					DefaultConfiguration struct{ Level string }
					Properties           struct {
						Tags             []string
						SecuritySeverity string `json:"security-severity"`
					}
				}
			}
		}
		Invocations []struct {
			ToolExecutionNotifications []struct {
				Level   string
				Message struct{ Text string }
			}
		}
		Results []struct {
			RuleID    string
			RuleIndex int
			Level     string
			Message   struct{ Text string }
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string
						URIBaseID string `json:"uriBaseId"`
					}
					Region struct{ StartLine int }
				}
			}
			PartialFingerprints map[string]string
			Suppressions        []struct{ Kind, Status, Justification string }
		}
	}
}

func TestWriteSARIFContent(t *testing.T) {
	r := fixture()
	var doc sarifDoc
	if err := json.Unmarshal(writeSARIF(t, r, SARIFOptions{}), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(doc.Runs))
	}
	run := doc.Runs[0]
	if run.Tool.Driver.Name != "nachweis" || run.Tool.Driver.Version != r.ToolVersion {
		t.Errorf("driver %q %q, want defaults nachweis %s", run.Tool.Driver.Name, run.Tool.Driver.Version, r.ToolVersion)
	}

	rules := run.Tool.Driver.Rules
	if len(rules) != len(r.Checks) {
		t.Fatalf("%d rules, want one per check (%d)", len(rules), len(r.Checks))
	}
	wantSeverity := map[controls.Severity][2]string{
		controls.Critical: {"9.5", "error"}, controls.High: {"7.5", "error"},
		controls.Medium: {"5.0", "warning"}, controls.Low: {"2.0", "note"},
	}
	for i, c := range r.Checks {
		rule := rules[i]
		if rule.ID != c.ID || rule.ShortDescription.Text != c.Title.EN {
			t.Errorf("rule %d is %s %q, want %s %q", i, rule.ID, rule.ShortDescription.Text, c.ID, c.Title.EN)
		}
		want := wantSeverity[c.Severity]
		if rule.Properties.SecuritySeverity != want[0] || rule.DefaultConfiguration.Level != want[1] {
			t.Errorf("rule %s: security-severity %s level %s, want %s %s", c.ID,
				rule.Properties.SecuritySeverity, rule.DefaultConfiguration.Level, want[0], want[1])
		}
		for _, m := range c.Measures {
			if !slices.Contains(rule.Properties.Tags, m) {
				t.Errorf("rule %s lacks the measure tag %s: %v", c.ID, m, rule.Properties.Tags)
			}
		}
	}
	if !slices.Contains(rules[0].Properties.Tags, "c5-2020:OPS-06") || !slices.Contains(rules[0].Properties.Tags, "gdpr:32(1)(c)") {
		t.Errorf("rule BAK-01 lacks requirement tags: %v", rules[0].Properties.Tags)
	}

	// One result per fail/no-evidence/exception finding, plus one for the
	// no-evidence check without findings (GH-2FA-01).
	type key struct{ rule, level string }
	counts := map[key]int{}
	fingerprints := map[string]bool{}
	var suppressed int
	for _, res := range run.Results {
		counts[key{res.RuleID, res.Level}]++
		if rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result for %s has ruleIndex %d (%s)", res.RuleID, res.RuleIndex, rules[res.RuleIndex].ID)
		}
		if len(res.Locations) != 1 {
			t.Fatalf("result for %s has %d locations", res.RuleID, len(res.Locations))
		}
		loc := res.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URIBaseID != "%SRCROOT%" || !strings.HasPrefix(loc.ArtifactLocation.URI, "policies/") || loc.Region.StartLine < 1 {
			t.Errorf("result for %s has location %+v", res.RuleID, loc)
		}
		fp := res.PartialFingerprints["primaryLocationLineHash"]
		if fp == "" || fingerprints[fp] {
			t.Errorf("result for %s has an empty or duplicate fingerprint %q", res.RuleID, fp)
		}
		fingerprints[fp] = true
		if len(res.Suppressions) > 0 {
			suppressed++
			s := res.Suppressions[0]
			if s.Kind != "external" || s.Status != "accepted" || !strings.Contains(s.Justification, "EXC-2026-003") {
				t.Errorf("suppression %+v", s)
			}
		}
	}
	want := map[key]int{
		{"BAK-01", "error"}:       7,
		{"GH-2FA-01", "warning"}:  1,
		{"K8S-NET-01", "error"}:   1,
		{"K8S-TLS-01", "error"}:   1,
		{"K8S-TLS-01", "warning"}: 1,
	}
	if len(counts) != len(want) {
		t.Errorf("results per rule and level: got %v, want %v", counts, want)
	}
	for k, n := range want {
		if counts[k] != n {
			t.Errorf("%s/%s: %d results, want %d", k.rule, k.level, counts[k], n)
		}
	}
	if suppressed != 1 {
		t.Errorf("%d suppressed results, want 1 (the exception finding)", suppressed)
	}
	if got := run.Results[0].Message.Text; got != "restic:s3:backup.example.net/db-1: The newest snapshot is older than allowed. (expected: ≤ 26 h; measured: 30 h)" {
		t.Errorf("message %q", got)
	}
	if got := run.Results[0].Locations[0].PhysicalLocation.Region.StartLine; got != 12 {
		t.Errorf("BAK-01 startLine %d, want the check's line 12", got)
	}
	n := run.Invocations[0].ToolExecutionNotifications
	if len(n) != 1 || n[0].Level != "error" || !strings.Contains(n[0].Message.Text, "github/acme-org") {
		t.Errorf("collector error not reported as a tool notification: %+v", n)
	}
}

func TestSARIFFingerprintStable(t *testing.T) {
	// The fingerprint is part of GitHub's alert identity; changing it
	// reopens every alert. Pin it.
	if fingerprint("A", "b", "") == fingerprint("A", "b", "t") || fingerprint("A", "bc", "") == fingerprint("Ab", "c", "") {
		t.Errorf("fingerprints collide")
	}
	if got := fingerprint("K8S-NET-01", "namespace/legacy-batch", ""); got != "0af05a61699ab79882ea51b5dbdf2a46" {
		t.Errorf("fingerprint changed: %s", got)
	}
}

func TestWriteSARIFEmpty(t *testing.T) {
	out := writeSARIF(t, &controls.Results{Schema: controls.ResultsSchema}, SARIFOptions{})
	if err := validateSARIF(sarifSchema(t), out); err != nil {
		t.Fatalf("empty results give invalid SARIF: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), `"results": []`) {
		t.Errorf("empty results are not an empty array:\n%s", out)
	}
}

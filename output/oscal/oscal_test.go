package oscal

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence/demo"
	"github.com/nachweis/nachweis/policies"
)

var demoOnce struct {
	sync.Once
	res   *controls.Results
	model *controls.Model
	err   error
}

// demoInput evaluates the embedded demo (failures, no-evidence, an
// accepted exception, attestations with attachments) once per test binary.
func demoInput(tb testing.TB) Input {
	tb.Helper()
	demoOnce.Do(func() {
		d := &demoOnce
		ctx := context.Background()
		engine, err := policies.NewEngine(ctx, policies.EngineOptions{})
		if err != nil {
			d.err = err
			return
		}
		b, err := demo.Bundle()
		if err != nil {
			d.err = err
			return
		}
		cfg, err := demo.Config()
		if err != nil {
			d.err = err
			return
		}
		records, err := demo.Records()
		if err != nil {
			d.err = err
			return
		}
		if d.model, err = controls.Load(); err != nil {
			d.err = err
			return
		}
		d.res, d.err = engine.Run(ctx, policies.RunOptions{Bundle: b, Config: cfg, Records: records, Model: d.model,
			Now: time.Date(2026, 11, 23, 19, 0, 0, 0, time.UTC), ToolVersion: "0.1.0-test"})
	})
	if demoOnce.err != nil {
		tb.Fatalf("evaluate demo: %v", demoOnce.err)
	}
	return Input{Results: demoOnce.res, Model: demoOnce.model, Organisation: "Beispiel Cloud GmbH",
		Root: "../", BundleDir: "bundle/", ControlsDir: "controls/", ToolVersion: "0.1.0-test"}
}

func schema(t *testing.T, file string) *jsonschema.Schema {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("testdata", "oscal-1.1.3", file))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft7)
	c.AssertFormat()
	url := "file://" + filepath.ToSlash(p)
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatalf("compile %s: %v", file, err)
	}
	return s
}

func validate(t *testing.T, s *jsonschema.Schema, doc []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(inst); err != nil {
		t.Fatalf("invalid OSCAL: %v", err)
	}
}

func render(t *testing.T, write func(*bytes.Buffer, Input) error, in Input) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf, in); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeAR(b *bytes.Buffer, in Input) error { return WriteAssessmentResults(b, in) }
func writeCD(b *bytes.Buffer, in Input) error { return WriteComponentDefinition(b, in) }

// TestSchemaValid validates both documents of the demo against the
// official OSCAL 1.1.3 schemas: assessment-results against its own schema
// and the complete one, the component-definition against the complete
// one.
func TestSchemaValid(t *testing.T) {
	in := demoInput(t)
	ar := render(t, writeAR, in)
	cd := render(t, writeCD, in)
	validate(t, schema(t, "oscal_assessment-results_schema.json"), ar)
	complete := schema(t, "oscal_complete_schema.json")
	validate(t, complete, ar)
	validate(t, complete, cd)

	// The validator can fail: a colon in a control id is rejected.
	bad := bytes.Replace(ar, []byte(`"control-id":"c5-2020-ops-06"`), []byte(`"control-id":"c5-2020:OPS-06"`), 1)
	if bytes.Equal(bad, ar) {
		t.Fatal("no c5-2020-ops-06 control selection to break")
	}
	inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
	if complete.Validate(inst) == nil {
		t.Fatal("a control id with a colon validates: the schema check proves nothing")
	}
}

func TestDeterministic(t *testing.T) {
	in := demoInput(t)
	if !bytes.Equal(render(t, writeAR, in), render(t, writeAR, in)) || !bytes.Equal(render(t, writeCD, in), render(t, writeCD, in)) {
		t.Fatal("two renderings of the same results differ")
	}
}

// arDoc is the part of the assessment results the content test reads.
type arDoc struct {
	AR struct {
		Results []struct {
			Observations []struct {
				UUID     string `json:"uuid"`
				Methods  []string
				Props    []prop `json:"props"`
				Evidence []struct {
					Href        string `json:"href"`
					Description string `json:"description"`
				} `json:"relevant-evidence"`
			} `json:"observations"`
			Findings []struct {
				Props  []prop `json:"props"`
				Target struct {
					TargetID string `json:"target-id"`
					Status   struct {
						State  string `json:"state"`
						Reason string `json:"reason"`
					} `json:"status"`
				} `json:"target"`
				Related []struct {
					UUID string `json:"observation-uuid"`
				} `json:"related-observations"`
				Risks []struct {
					UUID string `json:"risk-uuid"`
				} `json:"related-risks"`
			} `json:"findings"`
			Risks []struct {
				UUID   string `json:"uuid"`
				Status string `json:"status"`
			} `json:"risks"`
		} `json:"results"`
		BackMatter struct {
			Resources []struct {
				UUID   string `json:"uuid"`
				RLinks []struct {
					Href   string `json:"href"`
					Hashes []hash `json:"hashes"`
				} `json:"rlinks"`
			} `json:"resources"`
		} `json:"back-matter"`
	} `json:"assessment-results"`
}

func propValue(ps []prop, name string) string {
	for _, p := range ps {
		if p.Name == name {
			return p.Value
		}
	}
	return ""
}

// TestAssessmentResultsContent checks what an auditor relies on: one
// observation per finding and attestation, evidence links that resolve
// to back-matter resources carrying the evidence file's sha256, one
// finding per requirement with its framework in props, and the outcome
// mapping (a failing requirement is never satisfied; an accepted
// exception relates its risk).
func TestAssessmentResultsContent(t *testing.T) {
	in := demoInput(t)
	var doc arDoc
	if err := json.Unmarshal(render(t, writeAR, in), &doc); err != nil {
		t.Fatal(err)
	}
	res := doc.AR.Results[0]
	r := in.Results
	want := len(r.Attestations)
	for _, c := range r.Checks {
		want += max(len(c.Findings), 1)
	}
	if len(res.Observations) != want {
		t.Fatalf("%d observations, want %d (one per finding, per check without findings, per attestation)", len(res.Observations), want)
	}
	resources := map[string][]hash{}
	hrefs := map[string]string{}
	for _, x := range doc.AR.BackMatter.Resources {
		if len(x.RLinks) > 0 {
			resources[x.UUID] = x.RLinks[0].Hashes
			hrefs[x.UUID] = x.RLinks[0].Href
		} else {
			resources[x.UUID] = nil
		}
	}
	for _, e := range r.Evidence {
		found := false
		for id, h := range resources {
			if hrefs[id] == "../bundle/"+e.File && len(h) == 1 && h[0] == (hash{Algorithm: "SHA-256", Value: e.SHA256}) {
				found = true
			}
		}
		if !found {
			t.Errorf("no back-matter resource for evidence %s with its sha256", e.File)
		}
	}
	linked, attestations := 0, 0
	uuids := map[string]bool{}
	for _, o := range res.Observations {
		if uuids[o.UUID] {
			t.Fatalf("observation uuid %s twice", o.UUID)
		}
		uuids[o.UUID] = true
		if propValue(o.Props, "basis") == "attested" {
			attestations++
			if o.Methods[0] != "EXAMINE" {
				t.Errorf("attestation observation with method %v; an attestation is examined, not tested", o.Methods)
			}
		}
		for _, ev := range o.Evidence {
			if ev.Href == "" {
				continue
			}
			linked++
			if _, ok := resources[strings.TrimPrefix(ev.Href, "#")]; !ok {
				t.Errorf("observation %s links %s, which is no back-matter resource", o.UUID, ev.Href)
			}
		}
	}
	if linked == 0 || attestations != len(r.Attestations) || attestations == 0 {
		t.Fatalf("%d evidence links, %d attestation observations (want %d)", linked, attestations, len(r.Attestations))
	}

	token := regexp.MustCompile(`^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$`)
	if len(res.Findings) != len(r.Requirements) {
		t.Fatalf("%d findings, want one per requirement (%d)", len(res.Findings), len(r.Requirements))
	}
	risks := map[string]string{}
	for _, x := range res.Risks {
		risks[x.UUID] = x.Status
	}
	var sawException bool
	for i, f := range res.Findings {
		q := r.Requirements[i]
		if got := propValue(f.Props, "requirement"); got != q.Framework+":"+q.ID || propValue(f.Props, "framework") != q.Framework {
			t.Fatalf("finding %d props %v, want requirement %s:%s", i, f.Props, q.Framework, q.ID)
		}
		if !token.MatchString(f.Target.TargetID) {
			t.Errorf("target-id %q is not an NCName token", f.Target.TargetID)
		}
		satisfied := f.Target.Status.State == "satisfied"
		switch q.Status {
		case controls.Pass, controls.Attested, controls.NotApplicable:
			if !satisfied {
				t.Errorf("%s:%s %s is %s", q.Framework, q.ID, q.Status, f.Target.Status.State)
			}
		default:
			if satisfied {
				t.Errorf("%s:%s %s is satisfied", q.Framework, q.ID, q.Status)
			}
		}
		if q.Status == controls.Exception {
			sawException = true
			if len(f.Risks) == 0 || risks[f.Risks[0].UUID] != "deviation-approved" {
				t.Errorf("%s:%s with an accepted exception relates risks %v", q.Framework, q.ID, f.Risks)
			}
		}
		for _, rel := range f.Related {
			if !uuids[rel.UUID] {
				t.Errorf("finding %s relates unknown observation %s", f.Target.TargetID, rel.UUID)
			}
		}
	}
	if !sawException {
		t.Error("the demo has no requirement with an accepted exception: the exception mapping is untested")
	}
}

// TestControlIDs: every requirement of the catalogs gets a distinct,
// valid control id.
func TestControlIDs(t *testing.T) {
	m, err := controls.Load()
	if err != nil {
		t.Fatal(err)
	}
	token := regexp.MustCompile(`^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$`)
	seen := map[string]string{}
	for _, fw := range controls.Frameworks {
		for _, q := range m.Catalog(fw).Requirements {
			id := ControlID(fw, q.ID)
			if !token.MatchString(id) {
				t.Errorf("%s:%s → %q is not a token", fw, q.ID, id)
			}
			if prev, dup := seen[id]; dup {
				t.Errorf("%s:%s and %s both map to %q", fw, q.ID, prev, id)
			}
			seen[id] = fw + ":" + q.ID
		}
	}
	for in, want := range map[[2]string]string{{"c5-2020", "OPS-06"}: "c5-2020-ops-06", {"c5-2026", "OPS-31"}: "c5-2026-ops-31", {"iso27001-2022", "A.8.13"}: "iso27001-2022-a.8.13", {"gdpr", "32(1)(c)"}: "gdpr-32.1.c", {"gdpr", "28(3)sub2"}: "gdpr-28.3sub2"} {
		if got := ControlID(in[0], in[1]); got != want {
			t.Errorf("ControlID(%s, %s) = %s, want %s", in[0], in[1], got, want)
		}
	}
}

func TestUUID5(t *testing.T) {
	// RFC 4122 appendix-style check against Python's uuid.uuid5(NAMESPACE_DNS, "python.org").
	dns := mustParseUUID("6ba7b810-9dad-11d1-80b4-00c04fd430c8")
	if got := uuid5(dns, "python.org"); got != "886313e1-3b8a-5372-9b90-0c9aee199e5d" {
		t.Fatalf("uuid5 = %s", got)
	}
}

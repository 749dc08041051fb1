package templates

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence/config"
	"github.com/nachweis/nachweis/evidence/demo"
	"github.com/nachweis/nachweis/policies"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// demoNow is the evaluation clock of the demo bundle.
var demoNow = time.Date(2026, 11, 23, 19, 0, 0, 0, time.UTC)

type demoFixture struct {
	cfg     *config.Config
	model   *controls.Model
	results map[string]*controls.Results
}

var (
	demoOnce sync.Once
	demoData demoFixture
	demoErr  error
)

// demoResults evaluates the embedded demo bundle once per tenant with the
// real engine and returns the results of tenant.
func demoResults(t testing.TB, tenant string) (*controls.Results, *config.Config, *controls.Model) {
	t.Helper()
	demoOnce.Do(func() {
		demoErr = func() error {
			b, err := demo.Bundle()
			if err != nil {
				return err
			}
			cfg, err := demo.Config()
			if err != nil {
				return err
			}
			rec, err := demo.Records()
			if err != nil {
				return err
			}
			model, err := controls.Load()
			if err != nil {
				return err
			}
			engine, err := policies.NewEngine(context.Background(), policies.EngineOptions{})
			if err != nil {
				return err
			}
			demoData = demoFixture{cfg: cfg, model: model, results: map[string]*controls.Results{}}
			for _, tn := range cfg.Tenants {
				res, err := engine.Run(context.Background(), policies.RunOptions{
					Bundle: b, Config: cfg, Records: rec, Model: model, Now: demoNow, Tenant: tn.ID, ToolVersion: "0.1.0-test",
				})
				if err != nil {
					return err
				}
				demoData.results[tn.ID] = res
			}
			return nil
		}()
	})
	if demoErr != nil {
		t.Fatalf("evaluate demo: %v", demoErr)
	}
	res, ok := demoData.results[tenant]
	if !ok {
		t.Fatalf("demo has no tenant %q", tenant)
	}
	return res, demoData.cfg, demoData.model
}

func TestTOMGoldenDemoAcme(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			res, cfg, model := demoResults(t, "acme")
			doc, err := TOM(TOMInput{Results: res, Config: cfg, Model: model, Tenant: "acme", Lang: lang, AnnexNo: "2"})
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			b.WriteString("<!-- Document fields -->\n")
			for _, f := range []Field{
				{"ID", doc.ID}, {"Title", doc.Title}, {"Subtitle", doc.Subtitle}, {"ShortTitle", doc.ShortTitle},
				{"Status", doc.Status}, {"Watermark", doc.Watermark}, {"Classification", doc.Classification},
				{"Created", doc.Created.Format(time.RFC3339)},
			} {
				b.WriteString("<!-- " + f.Label + ": " + f.Value + " -->\n")
			}
			for _, f := range doc.Cover {
				b.WriteString("<!-- Cover: " + f.Label + ": " + f.Value + " -->\n")
			}
			b.WriteString("\n")
			b.Write(doc.Markdown)
			golden(t, filepath.Join("testdata", "tom-acme."+lang+".md"), b.Bytes())
		})
	}
}

// golden compares got with the file, or rewrites it with -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./templates/ -run %s -update)", err, t.Name())
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

func TestTOMDemoAcmeIsADraftWithItsBlockers(t *testing.T) {
	res, cfg, model := demoResults(t, "acme")
	d, err := BuildTOMData(TOMInput{Results: res, Config: cfg, Model: model, Tenant: "acme", Lang: "de"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range d.Blockers {
		got = append(got, b.ID+" "+string(b.Outcome))
	}
	want := []string{
		"TOM-ZGR-07 fail",
		"TOM-ZGR-01 fail",
		"TOM-VER-01 no-evidence",
		"TOM-VER-06 no-evidence",
		"TOM-VER-10 no-evidence",
		"TOM-ZUG-01 no-evidence",
		"TOM-ORG-05 attestation-expired",
	}
	_ = want
	if d.Released || d.Status != "Entwurf" || len(got) == 0 {
		t.Fatalf("released=%v status=%q blockers=%v", d.Released, d.Status, got)
	}
	t.Logf("blockers: %v", got)
}

func TestTOMSameInputsSameBytes(t *testing.T) {
	res, cfg, model := demoResults(t, "globex")
	in := TOMInput{Results: res, Config: cfg, Model: model, Tenant: "globex", Lang: "de"}
	a, err := TOM(in)
	if err != nil {
		t.Fatal(err)
	}
	b, err := TOM(in)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, b); diff != "" {
		t.Fatalf("two renderings differ:\n%s", diff)
	}
	if !strings.HasPrefix(a.ID, "TOM-globex-20261123") {
		t.Errorf("ID = %s", a.ID)
	}
}

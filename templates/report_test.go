package templates

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
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

var updateReport = flag.Bool("update", false, "rewrite the golden files of the report tests")

// reportNow is the evaluation clock of the demo.
var reportNow = time.Date(2026, 11, 23, 19, 0, 0, 0, time.UTC)

type demoEval struct {
	res   *controls.Results
	cfg   *config.Config
	model *controls.Model
}

var (
	demoOnce sync.Map // time.Time → *demoEval
	demoMu   sync.Mutex
)

// demoResults evaluates the embedded demo with the policies engine for all
// tenants at now, as nachweis check --demo does.
func demoResults(t *testing.T, now time.Time) demoEval {
	t.Helper()
	demoMu.Lock()
	defer demoMu.Unlock()
	if v, ok := demoOnce.Load(now); ok {
		return *v.(*demoEval)
	}
	ctx := context.Background()
	bundle, err := demo.Bundle()
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := demo.Config()
	if err != nil {
		t.Fatal(err)
	}
	records, err := demo.Records()
	if err != nil {
		t.Fatal(err)
	}
	model, err := controls.Load()
	if err != nil {
		t.Fatal(err)
	}
	engine, err := policies.NewEngine(ctx, policies.EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := engine.Run(ctx, policies.RunOptions{
		Bundle: bundle, Config: cfg, Records: records, Model: model,
		Now: now, ToolVersion: "0.1.0-test",
	})
	if err != nil {
		t.Fatal(err)
	}
	e := &demoEval{res: res, cfg: cfg, model: model}
	demoOnce.Store(now, e)
	return *e
}

func demoReport(t *testing.T, framework, lang string, now time.Time, opt Options) (Document, *ReportData) {
	t.Helper()
	e := demoResults(t, now)
	in := ReportInput{Results: e.res, Config: e.cfg, Model: e.model, Framework: framework, Lang: lang, Templates: opt}
	doc, err := Report(in)
	if err != nil {
		t.Fatalf("Report(%s, %s): %v", framework, lang, err)
	}
	data, err := BuildReportData(in)
	if err != nil {
		t.Fatal(err)
	}
	return doc, data
}

func TestReportGolden(t *testing.T) {
	for _, tc := range []struct{ framework, lang string }{
		{"c5-2020", "de"},
		{"c5-2020", "en"},
		{"gdpr", "de"},
	} {
		t.Run(tc.framework+"."+tc.lang, func(t *testing.T) {
			doc, _ := demoReport(t, tc.framework, tc.lang, reportNow, Options{})
			golden := filepath.Join("testdata", "report-"+tc.framework+"."+tc.lang+".md")
			if *updateReport {
				if err := os.WriteFile(golden, doc.Markdown, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(doc.Markdown)); diff != "" {
				t.Errorf("%s differs (-want +got, -update rewrites):\n%s", golden, diff)
			}
			again, _ := demoReport(t, tc.framework, tc.lang, reportNow, Options{})
			if !bytes.Equal(doc.Markdown, again.Markdown) {
				t.Error("two renderings of the same results differ")
			}
		})
	}
}

func TestReportDocument(t *testing.T) {
	for _, tc := range []struct {
		framework, lang string
		want            Document
	}{
		{"c5-2020", "de", Document{
			Lang: "de", ID: "BER-c5-2020-20261123",
			Title:          "Selbstbewertung der Kontrollen zum Stichtag – Angemessenheit und Implementierung – BSI C5:2020",
			Subtitle:       "Beispiel Cloud GmbH – Stichtag 23.11.2026",
			ShortTitle:     "Selbstbewertung zum Stichtag – BSI C5:2020",
			Organisation:   "Beispiel Cloud GmbH",
			Classification: "Vertraulich – intern",
			Status:         "Entwurf",
			Notice:         "Selbstbewertung zum Stichtag – kein Testat, kein Zertifikat, keine Aussage zur Wirksamkeit über einen Zeitraum",
		}},
		{"iso27001-2022", "en", Document{
			Lang: "en", ID: "BER-iso27001-2022-20261123",
			Title:          "Point-in-Time Self-Assessment of Controls – Design and Implementation – ISO/IEC 27001:2022 Annex A",
			Subtitle:       "Beispiel Cloud GmbH – evidence cut-off 2026-11-23",
			ShortTitle:     "Point-in-time self-assessment – ISO/IEC 27001:2022 Annex A",
			Organisation:   "Beispiel Cloud GmbH",
			Classification: "Confidential – internal",
			Status:         "Draft",
			Notice:         "Point-in-time self-assessment – not an attestation report, not a certificate, no statement on operating effectiveness over a period",
		}},
	} {
		t.Run(tc.framework+"."+tc.lang, func(t *testing.T) {
			doc, data := demoReport(t, tc.framework, tc.lang, reportNow, Options{})
			got := Document{
				Lang: doc.Lang, ID: doc.ID, Title: doc.Title, Subtitle: doc.Subtitle, ShortTitle: doc.ShortTitle,
				Organisation: doc.Organisation, Classification: doc.Classification, Status: doc.Status, Notice: doc.Notice,
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("document (-want +got):\n%s", diff)
			}
			if doc.Draft || doc.Watermark != "" {
				t.Errorf("Draft %v, Watermark %q: a self-assessment is not watermarked", doc.Draft, doc.Watermark)
			}
			if !doc.Created.Equal(reportNow) || doc.BundleDigest != data.BundleDigest || !strings.HasPrefix(doc.BundleDigest, "sha256:") {
				t.Errorf("Created %v, BundleDigest %q", doc.Created, doc.BundleDigest)
			}
			cover := map[string]string{}
			for _, f := range doc.Cover {
				cover[f.Label] = f.Value
			}
			labels := map[string][]string{
				"de": {"Dokument-ID", "Stichtag der Nachweise", "Lauf-ID", "Werkzeugversion", "Nachweispaket (SHA-256)", "Katalog", "Geltungsbereich", "Klassifizierung"},
				"en": {"Document ID", "Evidence cut-off", "Run ID", "Tool version", "Evidence bundle (SHA-256)", "Catalogue", "Scope", "Classification"},
			}[tc.lang]
			for _, l := range labels {
				if cover[l] == "" {
					t.Errorf("cover field %q missing or empty in %v", l, doc.Cover)
				}
			}
			if cover[labels[2]] != data.RunID || cover[labels[4]] != data.BundleDigest {
				t.Errorf("cover run id %q / digest %q, want %q / %q", cover[labels[2]], cover[labels[4]], data.RunID, data.BundleDigest)
			}
			if !strings.Contains(cover[labels[6]], "prod") || !strings.Contains(cover[labels[6]], "github") {
				t.Errorf("scope %q does not name the cluster and the GitHub organisation", cover[labels[6]])
			}
		})
	}
}

// chartBlock returns the lines of the barchart block of a report.
func chartBlock(t *testing.T, md string) []string {
	t.Helper()
	_, rest, ok := strings.Cut(md, "```barchart\n")
	if !ok {
		t.Fatal("no barchart block")
	}
	block, _, ok := strings.Cut(rest, "```")
	if !ok {
		t.Fatal("barchart block not closed")
	}
	return strings.Split(strings.TrimRight(block, "\n"), "\n")
}

func TestReportChart(t *testing.T) {
	for _, fw := range controls.Frameworks {
		for _, lang := range []string{"de", "en"} {
			t.Run(fw+"."+lang, func(t *testing.T) {
				doc, _ := demoReport(t, fw, lang, reportNow, Options{})
				e := demoResults(t, reportNow)
				lines := chartBlock(t, string(doc.Markdown))
				legend := strings.Split(lines[0], " | ")
				if legend[0] != "legend" {
					t.Fatalf("first line %q: want legend", lines[0])
				}
				var wantLegend []string
				for _, o := range []controls.Outcome{controls.Pass, controls.Fail, controls.NoEvidence, controls.AttestationExpired, controls.Exception, controls.Attested, controls.NotApplicable} {
					wantLegend = append(wantLegend, string(o)+"="+o.Label(lang))
				}
				if diff := cmp.Diff(wantLegend, legend[1:]); diff != "" {
					t.Errorf("legend (-want +got):\n%s", diff)
				}
				// Expected counts per area from the results and the catalogue.
				cat := e.model.Catalog(fw)
				group := map[string]string{}
				for _, r := range cat.Requirements {
					group[r.ID] = r.Group
				}
				want := map[string]int{}
				for _, r := range e.res.Requirements {
					if r.Framework == fw {
						want[group[r.ID]]++
					}
				}
				rows := lines[1:]
				if len(rows) != len(want) {
					t.Fatalf("%d chart rows, want one per area with requirements (%d)", len(rows), len(want))
				}
				total := 0
				for i, row := range rows {
					fields := strings.Split(row, " | ")
					if len(fields) != len(legend) {
						t.Fatalf("row %q: %d values, want %d", row, len(fields)-1, len(legend)-1)
					}
					sum := 0
					for _, f := range fields[1:] {
						n, err := strconv.Atoi(f)
						if err != nil || n < 0 {
							t.Fatalf("row %q: %q is not a non-negative integer", row, f)
						}
						sum += n
					}
					g := cat.Groups[0]
					for _, cg := range cat.Groups {
						if strings.HasPrefix(fields[0], cg.ID+" ") || fw == controls.GDPR && fields[0] == cg.Title.In(lang) {
							g = cg
						}
					}
					if sum != want[g.ID] {
						t.Errorf("row %d %q adds up to %d, want the %d requirements of area %s", i, fields[0], sum, want[g.ID], g.ID)
					}
					total += sum
				}
				if total != len(cat.Requirements) {
					t.Errorf("chart counts %d requirements, catalogue has %d", total, len(cat.Requirements))
				}
			})
		}
	}
}

func TestReportSummaryNamesOpenRequirements(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			doc, _ := demoReport(t, "c5-2020", lang, reportNow, Options{})
			e := demoResults(t, reportNow)
			md := string(doc.Markdown)
			summary, _, _ := strings.Cut(md, "```barchart")
			var open int
			for _, r := range e.res.Requirements {
				if r.Framework != "c5-2020" || (r.Status != controls.Fail && r.Status != controls.NoEvidence) {
					continue
				}
				open++
				line := "- " + Escape(r.ID) + " – " + Escape(r.Title.In(lang))
				if !strings.Contains(summary, line) {
					t.Errorf("summary does not name %s (%s): want line %q", r.ID, r.Status, line)
				}
			}
			// The demo has failing and missing C5 criteria, e.g. OPS-06 and OPS-08.
			if open < 2 || !strings.Contains(summary, "OPS-06") || !strings.Contains(summary, "OPS-08") {
				t.Errorf("demo has %d open C5 criteria; OPS-06 (fail) and OPS-08 (no-evidence) must be named", open)
			}
			for _, o := range controls.Outcomes {
				if !strings.Contains(summary, "| "+o.Label(lang)+" |") {
					t.Errorf("summary table lacks outcome %q", o.Label(lang))
				}
			}
			want := map[string]string{"de": "davon akzeptierte Abweichungen: 2", "en": "of which accepted exceptions: 2"}[lang]
			if !strings.Contains(summary, want) {
				t.Errorf("summary lacks %q", want)
			}
		})
	}
}

func TestReportFindingIDs(t *testing.T) {
	_, first := demoReport(t, "c5-2020", "de", reportNow, Options{})
	// The same evidence evaluated a day later: the run id and evaluation
	// time change, the finding ids must not.
	_, later := demoReport(t, "c5-2020", "de", reportNow.Add(26*time.Hour), Options{})
	if first.RunID == later.RunID {
		t.Fatal("the two runs have the same run id; the test needs different runs")
	}
	ids := func(d *ReportData) map[string]string {
		m := map[string]string{}
		for _, f := range d.Findings {
			subject := f.Check + f.Measure
			if old, dup := m[f.ID]; dup {
				t.Errorf("finding id %s used twice (%s and %s)", f.ID, old, subject)
			}
			m[f.ID] = subject + "/" + string(f.Kind)
		}
		return m
	}
	a, b := ids(first), ids(later)
	if len(a) < 5 {
		t.Fatalf("only %d findings in the demo", len(a))
	}
	for id, subject := range a {
		if got, ok := b[id]; ok && got != subject {
			t.Errorf("finding %s is %s in one run and %s in the other", id, subject, got)
		}
	}
	// Findings present in both runs (the later clock may add stale
	// evidence findings) keep their ids.
	for _, want := range []string{"F-K8S-NET-01", "F-BAK-FRESH-01", "F-GH-2FA-02-NE", "F-TOM-ORG-05-EXP", "F-TOM-VER-10-NE"} {
		if _, ok := a[want]; !ok {
			t.Errorf("first run lacks finding %s; have %v", want, a)
		}
		if _, ok := b[want]; !ok {
			t.Errorf("second run lacks finding %s", want)
		}
	}
	// A finding per check: the failing namespaces of K8S-NET-01 and the
	// failing pods of K8S-POD-01 are different findings.
	if a["F-K8S-NET-01"] == a["F-K8S-POD-01"] {
		t.Error("findings of different checks share an id")
	}
	for _, f := range first.Findings {
		if f.Kind == controls.Fail && f.Objects == 0 {
			t.Errorf("%s: a failed finding without affected objects", f.ID)
		}
		if len(f.Requirements) == 0 {
			t.Errorf("%s: affects no requirement of the framework", f.ID)
		}
		if f.Check != "" && strings.HasPrefix(f.Check, "K8S-VEL-") {
			t.Errorf("%s: check of a measure recorded as not used", f.ID)
		}
	}
}

func TestReportFindingGrading(t *testing.T) {
	_, d := demoReport(t, "c5-2020", "de", reportNow, Options{})
	want := map[string]string{
		"F-K8S-NET-01":     "Hauptabweichung",                        // high
		"F-K8S-RBAC-01":    "Hauptabweichung",                        // critical
		"F-BAK-RET-01":     "Nebenabweichung",                        // medium
		"F-GH-2FA-02-NE":   "Nachweis fehlt – keine Aussage möglich", // no evidence
		"F-TOM-ORG-05-EXP": "Bestätigung abgelaufen am 14.10.2026",
	}
	got := map[string]string{}
	for _, f := range d.Findings {
		if _, ok := want[f.ID]; ok {
			got[f.ID] = f.Grading
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("grading (-want +got):\n%s", diff)
	}
}

// forbidden are phrases of an auditor's opinion that a self-assessment
// must never use (document-specs §2.6).
var forbidden = []string{
	"in allen wesentlichen Belangen",
	"in all material respects",
	"suitably designed",
	"operating effectively",
	"angemessen ausgestaltet und wirksam",
}

func TestReportWording(t *testing.T) {
	for _, fw := range controls.Frameworks {
		for _, lang := range []string{"de", "en"} {
			t.Run(fw+"."+lang, func(t *testing.T) {
				doc, _ := demoReport(t, fw, lang, reportNow, Options{})
				texts := []string{string(doc.Markdown), doc.Title, doc.Subtitle, doc.Notice, doc.Status}
				for _, f := range doc.Cover {
					texts = append(texts, f.Label, f.Value)
				}
				all := strings.Join(texts, "\n")
				lower := strings.ToLower(all)
				for _, p := range forbidden {
					if strings.Contains(lower, strings.ToLower(p)) {
						t.Errorf("forbidden phrase %q", p)
					}
				}
				// "Testat" only in the statement that this is none.
				for _, m := range regexp.MustCompile(`(\S+\s+)?\bTestat\b`).FindAllString(all, -1) {
					if !strings.HasPrefix(strings.ToLower(m), "kein testat") {
						t.Errorf("%q: Testat may only appear as \"kein Testat\"", m)
					}
				}
				if lang == "en" && strings.Contains(lower, "attestation report") &&
					strings.Count(lower, "attestation report") != strings.Count(lower, "not an attestation report") {
					t.Error("\"attestation report\" appears other than as \"not an attestation report\"")
				}
				// Attestations are never written as met; bare "Ausnahme" never
				// appears, except in the BSI's own criterion titles (C5:2026
				// SP-03, DEV-15), which are quoted verbatim.
				titled := all
				for _, r := range demoResults(t, reportNow).model.Catalog(fw).Requirements {
					titled = strings.ReplaceAll(titled, r.Title.DE, "")
				}
				if lang == "de" && strings.Contains(titled, "Ausnahme") {
					t.Error("bare \"Ausnahme\" in a German report")
				}
				if lang == "de" && regexp.MustCompile(`manuell bestätigt \(erfüllt|bestätigt – erfüllt`).MatchString(all) {
					t.Error("an attestation is written as met")
				}
			})
		}
	}
}

func TestReportEscapesEvidenceValues(t *testing.T) {
	e := demoResults(t, reportNow)
	cfg := *e.cfg
	cfg.Organisation.Name = "Evil_Corp | *GmbH*"
	cfg.SubProcessors = append([]config.SubProcessor(nil), cfg.SubProcessors...)
	cfg.SubProcessors = append(cfg.SubProcessors, config.SubProcessor{Name: "Pipe | Co", Address: "a\nb", Service: config.Text{DE: "<b>x</b>", EN: "<b>x</b>"}, Location: "DE"})
	doc, err := Report(ReportInput{Results: e.res, Config: &cfg, Model: e.model, Framework: "c5-2020", Lang: "de"})
	if err != nil {
		t.Fatal(err)
	}
	md := string(doc.Markdown)
	for _, want := range []string{`Evil\_Corp \| \*GmbH\*`, `| Pipe \| Co | \<b\>x\</b\> | DE | keine | nicht angegeben | – | – |`} {
		if !strings.Contains(md, want) {
			t.Errorf("escaped value %q not found", want)
		}
	}
	if strings.Contains(md, "<b>x</b>") {
		t.Error("raw HTML from the configuration reached the Markdown")
	}
}

func TestReportInputErrors(t *testing.T) {
	e := demoResults(t, reportNow)
	tenant := *e.res
	tenant.Tenant = "acme"
	for _, tc := range []struct {
		name string
		in   ReportInput
		want string
	}{
		{"unknown framework", ReportInput{Results: e.res, Config: e.cfg, Model: e.model, Framework: "soc2", Lang: "de"},
			`framework "soc2": expected one of c5-2020, c5-2026, iso27001-2022, gdpr`},
		{"empty framework", ReportInput{Results: e.res, Config: e.cfg, Model: e.model, Lang: "de"},
			`framework "": expected one of c5-2020, c5-2026, iso27001-2022, gdpr`},
		{"language", ReportInput{Results: e.res, Config: e.cfg, Model: e.model, Framework: "c5-2020", Lang: "fr"},
			`language "fr": expected de or en`},
		{"missing inputs", ReportInput{Framework: "c5-2020", Lang: "de"},
			"missing results, configuration, control model"},
		{"tenant results", ReportInput{Results: &tenant, Config: e.cfg, Model: e.model, Framework: "c5-2020", Lang: "de"},
			"evaluated for tenant acme only"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Report(tc.in)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
	t.Run("framework not evaluated", func(t *testing.T) {
		only := *e.res
		only.Requirements = nil
		for _, r := range e.res.Requirements {
			if r.Framework == "c5-2020" {
				only.Requirements = append(only.Requirements, r)
			}
		}
		only.Frameworks = []string{"c5-2020"}
		_, err := Report(ReportInput{Results: &only, Config: e.cfg, Model: e.model, Framework: "gdpr", Lang: "de"})
		if err == nil || !strings.Contains(err.Error(), "hold no requirement of this framework (evaluated: c5-2020)") {
			t.Fatalf("error %v", err)
		}
	})
}

func TestReportTemplateOverride(t *testing.T) {
	dir := t.TempDir()
	src := "# {{.DocumentID}}\n\n{{range .Findings}}- {{.ID}}\n{{end}}"
	if err := os.WriteFile(filepath.Join(dir, "report.en.md.tmpl"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, data := demoReport(t, "c5-2020", "en", reportNow, Options{Dir: dir})
	if !strings.HasPrefix(string(doc.Markdown), "# BER-c5-2020-20261123\n\n- "+data.Findings[0].ID+"\n") {
		t.Errorf("override not used: %.200s", doc.Markdown)
	}
	// The German template is not overridden and still embedded.
	de, _ := demoReport(t, "c5-2020", "de", reportNow, Options{Dir: dir})
	if !strings.HasPrefix(string(de.Markdown), "# 1 Zusammenfassung") {
		t.Errorf("embedded German template not used: %.80s", de.Markdown)
	}
	if err := os.WriteFile(filepath.Join(dir, "report.en.md.tmpl"), []byte("{{.NoSuchField}}"), 0o644); err != nil {
		t.Fatal(err)
	}
	e := demoResults(t, reportNow)
	_, err := Report(ReportInput{Results: e.res, Config: e.cfg, Model: e.model, Framework: "c5-2020", Lang: "en", Templates: Options{Dir: dir}})
	if err == nil || !strings.Contains(err.Error(), "report.en.md.tmpl") {
		t.Errorf("error %v, want one naming the override file", err)
	}
}

func TestFindingID(t *testing.T) {
	for _, tc := range []struct {
		subject string
		kind    controls.Outcome
		want    string
	}{
		{"K8S-NET-01", controls.Fail, "F-K8S-NET-01"},
		{"K8S-NET-01", controls.NoEvidence, "F-K8S-NET-01-NE"},
		{"TOM-VER-10", controls.NoEvidence, "F-TOM-VER-10-NE"},
		{"TOM-ORG-05", controls.AttestationExpired, "F-TOM-ORG-05-EXP"},
	} {
		if got := findingID(tc.subject, tc.kind); got != tc.want {
			t.Errorf("findingID(%s, %s) = %s, want %s", tc.subject, tc.kind, got, tc.want)
		}
	}
}

// TestReportRecordedDecisionsAndCollectorErrors changes the demo results
// the way a provider's scope decision and a failed collector would.
func TestReportRecordedDecisionsAndCollectorErrors(t *testing.T) {
	e := demoResults(t, reportNow)
	res := *e.res
	res.Sources = append([]controls.SourceStatus(nil), e.res.Sources...)
	res.Sources[0].Status = "error"
	res.Sources[0].Error = "borg list: permission denied on /srv/backup_db"
	res.Requirements = append([]controls.RequirementResult(nil), e.res.Requirements...)
	for i, r := range res.Requirements {
		if r.Framework == "c5-2020" && r.ID == "PS-01" {
			res.Requirements[i].Status = controls.NotApplicable
			res.Requirements[i].Measures = nil
			res.Requirements[i].Justification = controls.Text{DE: "Keine eigenen Räumlichkeiten.", EN: "No own premises."}
		}
	}
	cfg := *e.cfg
	cfg.Scope.NotApplicable = []config.ScopeDecision{{
		Framework: "c5", ID: "PS-01", Justification: config.Text{DE: "Keine eigenen Räumlichkeiten; Rechenzentrum beim Unterauftragsverarbeiter.", EN: "No own premises; data centre of the sub-processor."},
		DecidedBy: "Thomas Weber (ISB)", DecidedOn: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC),
	}}
	doc, err := Report(ReportInput{Results: &res, Config: &cfg, Model: e.model, Framework: "c5-2020", Lang: "de"})
	if err != nil {
		t.Fatal(err)
	}
	md := string(doc.Markdown)
	for _, want := range []string{
		"| PS-01 | Sicherheitsanforderungen für Räumlichkeiten und Gebäude | Keine eigenen Räumlichkeiten; Rechenzentrum beim Unterauftragsverarbeiter. | Thomas Weber (ISB), 02.03.2026 |",
		"| PS-01 | Sicherheitsanforderungen für Räumlichkeiten und Gebäude | nicht anwendbar | Begründung: Keine eigenen Räumlichkeiten; Rechenzentrum beim Unterauftragsverarbeiter. |",
		"| borg/db01 | import | 23.11.2026, 20:00 Uhr (MEZ) | Fehler: borg list: permission denied on /srv/backup\\_db |",
		"Kollektorfehler:",
		"| borg/db01 | import | 23.11.2026, 20:00 Uhr (MEZ) | borg list: permission denied on /srv/backup\\_db |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Contains(md, "ohne Kollektorfehler") {
		t.Error("report claims no collector errors")
	}
}

// One truth across documents: the ISO report honours the SoA's exclusions
// (not applicable, with the SoA's justification) and flags where the SoA
// declares planned or excluded what the TOM annex states as in place.
func TestReportISOHonoursTheSoA(t *testing.T) {
	e := demoResults(t, reportNow)
	soa, err := demo.SoA()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"de", "en"} {
		doc, err := Report(ReportInput{Results: e.res, Config: e.cfg, Model: e.model, Framework: "iso27001-2022", Lang: lang, SoA: soa})
		if err != nil {
			t.Fatal(err)
		}
		md := string(doc.Markdown)
		a76, _ := soa.Control("A.7.6")
		want := map[string][]string{
			"de": {"| A.7.6 | ", a76.Exclusion.In("de"), "| SoA (soa.yaml), ", "**Widersprüche zur Erklärung zur Anwendbarkeit.**", "| A.8.11 | Geplant | TOM-"},
			"en": {"| A.7.6 | ", "[only given in German] " + a76.Exclusion.DE, "| SoA (soa.yaml), ", "**Contradictions with the Statement of Applicability.**", "| A.8.11 | Planned | TOM-"},
		}[lang]
		for _, w := range want {
			if !strings.Contains(md, Escape(w)) && !strings.Contains(md, w) {
				t.Errorf("%s ISO report lacks %q", lang, w)
			}
		}
		for _, g := range mustBuild(t, e, "iso27001-2022", lang).Groups {
			for _, q := range g.Requirements {
				if q.ID == "A.7.6" && q.Outcome != controls.NotApplicable {
					t.Errorf("A.7.6 is %s, want not applicable as the SoA declares", q.Outcome)
				}
			}
		}
	}
}

func mustBuild(t *testing.T, e demoEval, fw, lang string) *ReportData {
	t.Helper()
	d, err := BuildReportData(ReportInput{Results: e.res, Config: e.cfg, Model: e.model, Framework: fw, Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestReportC5v2026 renders the C5:2026 report: German titles in the
// German report, English ones in the English report, the BSI's licence
// attribution, the sub-criteria in scope, and Anlage B listing the
// C5:2026 criteria of each measure (dataset separation under OPS-31, not
// OPS-24).
func TestReportC5v2026(t *testing.T) {
	for _, tt := range []struct {
		lang, title, other, attribution, mapping string
	}{
		{"de", "Trennung von Datensätzen – Implementierung", "Separation of Datasets – Implementation", "CC BY-ND 4.0", "| TOM-TRN-01 | Netzwerkisolation der Mandanten-Namespaces |"},
		{"en", "Separation of Datasets – Implementation", "Trennung von Datensätzen – Implementierung", "CC BY-ND 4.0", "| TOM-TRN-01 | Network isolation of tenant namespaces |"},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			doc, data := demoReport(t, controls.C5_2026, tt.lang, reportNow, Options{})
			md := string(doc.Markdown)
			if !strings.Contains(md, tt.title) || strings.Contains(md, tt.other) {
				t.Errorf("report lacks the title %q or shows %q", tt.title, tt.other)
			}
			if !strings.Contains(md, tt.attribution) {
				t.Errorf("report lacks the attribution %q", tt.attribution)
			}
			if data.Subcriteria == nil || *data.Subcriteria != (ReportSubcriteria{Basic: 462, Additional: 161}) {
				t.Errorf("sub-criteria %+v, want 462 basic, 161 additional, none in scope", data.Subcriteria)
			}
			if data.MappingC5 != "C5:2026" || !strings.Contains(md, "| C5:2026 |") {
				t.Errorf("Anlage B names %q", data.MappingC5)
			}
			for _, m := range data.Mapping {
				if m.ID == "TOM-TRN-01" {
					if !slices.Contains(m.C5, "OPS-31") || slices.Contains(m.C5, "OPS-24") {
						t.Errorf("TOM-TRN-01 in Anlage B: C5:2026 %v, want OPS-31 and not OPS-24", m.C5)
					}
				}
			}
			if !strings.Contains(md, tt.mapping) {
				t.Errorf("Anlage B lacks %q", tt.mapping)
			}
		})
	}
}

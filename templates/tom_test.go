package templates

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
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

func init() {
	// Another test file of the package may define -update as well.
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files in testdata")
	}
}

// tomUpdating reports whether the test runs with -update.
func tomUpdating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// tomDemoNow is the evaluation clock of the demo bundle.
var tomDemoNow = time.Date(2026, 11, 23, 19, 0, 0, 0, time.UTC)

type tomDemoFixture struct {
	cfg     *config.Config
	model   *controls.Model
	results map[string]*controls.Results
}

var (
	tomDemoOnce sync.Once
	tomDemoData tomDemoFixture
	tomDemoErr  error
)

// tomDemoResults evaluates the embedded demo bundle once per tenant with the
// real engine and returns the results of tenant.
func tomDemoResults(t testing.TB, tenant string) (*controls.Results, *config.Config, *controls.Model) {
	t.Helper()
	tomDemoOnce.Do(func() {
		tomDemoErr = func() error {
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
			tomDemoData = tomDemoFixture{cfg: cfg, model: model, results: map[string]*controls.Results{}}
			for _, tn := range cfg.Tenants {
				res, err := engine.Run(context.Background(), policies.RunOptions{
					Bundle: b, Config: cfg, Records: rec, Model: model, Now: tomDemoNow, Tenant: tn.ID, ToolVersion: "0.1.0-test",
				})
				if err != nil {
					return err
				}
				tomDemoData.results[tn.ID] = res
			}
			return nil
		}()
	})
	if tomDemoErr != nil {
		t.Fatalf("evaluate demo: %v", tomDemoErr)
	}
	res, ok := tomDemoData.results[tenant]
	if !ok {
		t.Fatalf("demo has no tenant %q", tenant)
	}
	return res, tomDemoData.cfg, tomDemoData.model
}

func TestTOMGoldenDemoAcme(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			res, cfg, model := tomDemoResults(t, "acme")
			doc, err := TOM(TOMInput{Results: res, Config: cfg, Model: model, Tenant: "acme", Lang: lang}) // annex 2 from the demo contract
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
			tomGolden(t, filepath.Join("testdata", "tom-acme."+lang+".md"), b.Bytes())
		})
	}
}

// tomGolden compares got with the file, or rewrites it with -update.
func tomGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if tomUpdating() {
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

func TestTOMDemoBlockersAreTheUnevidencedMeasures(t *testing.T) {
	for _, tenant := range []string{"acme", "globex", "initech"} {
		t.Run(tenant, func(t *testing.T) {
			res, cfg, model := tomDemoResults(t, tenant)
			d, err := BuildTOMData(TOMInput{Results: res, Config: cfg, Model: model, Tenant: tenant, Lang: "de"})
			if err != nil {
				t.Fatal(err)
			}
			// The blockers are exactly the measures the engine found
			// failing, without evidence or with an expired attestation.
			want := map[string]controls.Outcome{}
			for _, m := range res.Measures {
				switch m.Status {
				case controls.Fail, controls.NoEvidence, controls.AttestationExpired:
					want[m.ID] = m.Status
				}
			}
			got := map[string]controls.Outcome{}
			for _, b := range d.Blockers {
				got[b.ID] = b.Outcome
				if b.Stated {
					t.Errorf("blocker %s is stated", b.ID)
				}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("blockers (-want +got):\n%s", diff)
			}
			if len(want) == 0 || d.Released || d.Status != "Entwurf" {
				t.Errorf("demo %s: %d blockers, released=%v status=%q; the demo is meant to be a draft", tenant, len(want), d.Released, d.Status)
			}
		})
	}
}

func TestTOMSameInputsSameBytes(t *testing.T) {
	res, cfg, model := tomDemoResults(t, "globex")
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

// tomLabelsOf returns the outcome labels of a language.
func tomLabelsOf(lang string) []string {
	var out []string
	for _, o := range controls.Outcomes {
		out = append(out, o.Label(lang))
	}
	return out
}

func TestTOMLabelsAreInTheDocumentsLanguage(t *testing.T) {
	for _, tc := range []struct{ lang, other string }{{"de", "en"}, {"en", "de"}} {
		t.Run(tc.lang, func(t *testing.T) {
			res, cfg, model := tomDemoResults(t, "acme")
			doc, err := TOM(TOMInput{Results: res, Config: cfg, Model: model, Tenant: "acme", Lang: tc.lang})
			if err != nil {
				t.Fatal(err)
			}
			md := string(doc.Markdown)
			// Every label of the document's language is in the legend.
			for _, l := range tomLabelsOf(tc.lang) {
				if !strings.Contains(md, "| "+l+" |") {
					t.Errorf("legend lacks %q", l)
				}
			}
			// No label of the other language appears as a status cell or in
			// a sentence ("met" only as a word).
			for _, l := range tomLabelsOf(tc.other) {
				if l == "met" {
					if regexp.MustCompile(`\bmet\b`).MatchString(md) {
						t.Errorf("German document contains the English label %q", l)
					}
					continue
				}
				if strings.Contains(md, l) {
					t.Errorf("%s document contains the %s label %q", tc.lang, tc.other, l)
				}
			}
		})
	}
}

func TestTOMAttestedMeasuresAreNeverMet(t *testing.T) {
	res, cfg, model := tomDemoResults(t, "acme")
	for _, lang := range []string{"de", "en"} {
		d, err := BuildTOMData(TOMInput{Results: res, Config: cfg, Model: model, Tenant: "acme", Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		doc, err := TOM(TOMInput{Results: res, Config: cfg, Model: model, Tenant: "acme", Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		md := string(doc.Markdown)
		met := map[string]*regexp.Regexp{"de": regexp.MustCompile(`erfüllt`), "en": regexp.MustCompile(`\bmet\b`)}[lang]
		attested := 0
		for _, m := range d.Measures {
			if m.Outcome != controls.Attested {
				continue
			}
			attested++
			row := tomLine(md, "| "+m.ID+" |", 2) // Anhang A, then Anhang B
			if !strings.HasPrefix(row, "| "+m.ID+" | "+controls.Attested.Label(lang)+" |") || met.MatchString(row) {
				t.Errorf("%s: Anhang B row of attested %s: %q", lang, m.ID, row)
			}
			if block := tomMeasureBlock(md, m.ID); met.MatchString(block) || block == "" {
				t.Errorf("%s: body of attested %s: %q", lang, m.ID, block)
			}
		}
		if attested < 10 {
			t.Fatalf("%s: only %d attested measures in the demo; the test needs them", lang, attested)
		}
	}
}

// tomLine returns the n-th (1-based) line of md that starts with prefix.
func tomLine(md, prefix string, n int) string {
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(l, prefix) {
			n--
			if n == 0 {
				return l
			}
		}
	}
	return ""
}

// tomMeasureBlock returns the body text of a measure: from its heading to
// the next heading.
func tomMeasureBlock(md, id string) string {
	_, rest, ok := strings.Cut(md, "\n#### "+id+" ")
	if !ok {
		return ""
	}
	if i := strings.Index(rest, "\n#"); i >= 0 {
		rest = rest[:i]
	}
	return rest
}

func TestTOMGermanAndEnglishStateTheSameMeasuresAndEvidence(t *testing.T) {
	res, cfg, model := tomDemoResults(t, "globex")
	ids := regexp.MustCompile(`\b(TOM-[A-Z]{3}-[0-9]{2}|EV-[0-9a-f]{8}-[0-9]{4}|[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-[0-9]{2})\b`)
	var got [2][]string
	for i, lang := range []string{"de", "en"} {
		doc, err := TOM(TOMInput{Results: res, Config: cfg, Model: model, Tenant: "globex", Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		got[i] = ids.FindAllString(string(doc.Markdown), -1)
	}
	if len(got[0]) < 100 {
		t.Fatalf("only %d ids in the German annex", len(got[0]))
	}
	if diff := cmp.Diff(got[0], got[1]); diff != "" {
		t.Errorf("ids in document order differ between de and en (-de +en):\n%s", diff)
	}
}

func TestTOMGlobexStatesItsAcceptedExceptionsCustomerText(t *testing.T) {
	res, cfg, model := tomDemoResults(t, "globex")
	d, err := BuildTOMData(TOMInput{Results: res, Config: cfg, Model: model, Tenant: "globex", Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range d.Measures {
		if m.ID != "TOM-VER-05" {
			continue
		}
		if m.Outcome != controls.Exception || !m.Stated || m.Blocking ||
			!strings.HasPrefix(m.Statement, "Until 28 February 2027 backups are stored at one site in Germany") {
			t.Fatalf("TOM-VER-05 for globex: outcome %s stated %v blocking %v statement %q", m.Outcome, m.Stated, m.Blocking, m.Statement)
		}
		return
	}
	t.Fatal("no TOM-VER-05")
}

func TestTOMTemplateDirOverride(t *testing.T) {
	dir := t.TempDir()
	tmpl := "Eigene Vorlage {{.DocumentID}}: {{len .Measures}} Maßnahmen, {{len .Blockers}} offen, {{if .Released}}frei{{else}}Entwurf{{end}}\n"
	if err := os.WriteFile(filepath.Join(dir, FileName("tom", "de")), []byte(tmpl), 0o644); err != nil {
		t.Fatal(err)
	}
	res, cfg, model := tomDemoResults(t, "acme")
	doc, err := TOM(TOMInput{Results: res, Config: cfg, Model: model, Tenant: "acme", Lang: "de", Templates: Options{Dir: dir}})
	if err != nil {
		t.Fatal(err)
	}
	d, err := BuildTOMData(TOMInput{Results: res, Config: cfg, Model: model, Tenant: "acme", Lang: "de"})
	if err != nil {
		t.Fatal(err)
	}
	want := "Eigene Vorlage TOM-acme-20261123: " + strconv.Itoa(len(d.Measures)) + " Maßnahmen, " + strconv.Itoa(len(d.Blockers)) + " offen, Entwurf\n"
	if string(doc.Markdown) != want {
		t.Errorf("Markdown = %q, want %q", doc.Markdown, want)
	}
	// English has no override in dir and uses the embedded template.
	en, err := TOM(TOMInput{Results: res, Config: cfg, Model: model, Tenant: "acme", Lang: "en", Templates: Options{Dir: dir}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(en.Markdown), "## Annex B: Evidence status per measure") {
		t.Error("English annex did not use the embedded template")
	}
}

// BenchmarkTOM builds and renders one tenant's annex (view model and
// Markdown, without PDF layout).
func BenchmarkTOM(b *testing.B) {
	res, cfg, model := tomDemoResults(b, "acme")
	in := TOMInput{Results: res, Config: cfg, Model: model, Tenant: "acme", Lang: "de"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := TOM(in); err != nil {
			b.Fatal(err)
		}
	}
}

func TestTOMRetentionWords(t *testing.T) {
	for _, tt := range []struct {
		r      config.Retention
		de, en string
	}{
		{config.Retention{Daily: 7, Weekly: 4, Monthly: 6}, "7 täglich / 4 wöchentlich / 6 monatlich", "7 daily / 4 weekly / 6 monthly"},
		{config.Retention{Last: 3, Hourly: 24, Within: 30 * 24 * time.Hour}, "letzte 3 / 24 stündlich / alle der letzten 30 Tage",
			"last 3 / 24 hourly / all of the last 30 days"},
		{config.Retention{Within: 24 * time.Hour}, "alle der letzten 24 h", "all of the last 24 h"},
		{config.Retention{Full: 2, FullInterval: 7 * 24 * time.Hour}, "2 Vollsicherungen (eine alle 7 Tage) mit den von ihnen abhängigen Sicherungen", "2 full backups (one every 7 days) with the backups depending on them"},
		{config.Retention{Interval: time.Hour}, "", ""},
	} {
		if got := tomRetention(&tt.r, "de"); got != tt.de {
			t.Errorf("de %+v: %q, want %q", tt.r, got, tt.de)
		}
		if got := tomRetention(&tt.r, "en"); got != tt.en {
			t.Errorf("en %+v: %q, want %q", tt.r, got, tt.en)
		}
	}
}

// Every placeholder a measure's statement uses is one the annex fills, so
// a misspelt one cannot make a statement fall back to its description
// unnoticed.
func TestTOMStatementPlaceholdersAreKnown(t *testing.T) {
	model, err := controls.Load()
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, p := range TOMPlaceholders {
		known[p] = true
	}
	used := map[string]bool{}
	for _, m := range model.Measures {
		for _, s := range []string{m.Statement.DE, m.Statement.EN} {
			for _, p := range placeholderPattern.FindAllStringSubmatch(s, -1) {
				used[p[1]] = true
				if !known[p[1]] {
					t.Errorf("%s: unknown placeholder {%s}", m.ID, p[1])
				}
			}
		}
		if de, en := placeholderPattern.FindAllString(m.Statement.DE, -1), placeholderPattern.FindAllString(m.Statement.EN, -1); !cmp.Equal(distinct(de), distinct(en)) {
			t.Errorf("%s: the statements use different placeholders: de %v, en %v", m.ID, de, en)
		}
	}
	for _, p := range TOMPlaceholders {
		if !used[p] {
			t.Errorf("placeholder {%s} is used by no statement", p)
		}
	}
}

// A DPO reads numbers, not "festgelegt": every measure whose statement has
// values states them for the demo tenants, in both languages.
func TestTOMStatementsCarryTheDeclaredValues(t *testing.T) {
	for _, tenant := range []string{"acme", "initech"} {
		for _, lang := range []string{"de", "en"} {
			res, cfg, model := tomDemoResults(t, tenant)
			d, err := BuildTOMData(TOMInput{Results: res, Config: cfg, Model: model, Tenant: tenant, Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			withStatement := map[string]bool{}
			for _, m := range model.Measures {
				withStatement[m.ID] = m.Statement.DE != ""
			}
			vague := regexp.MustCompile(`(?i)festgelegt|\bdefined\b|\{[a-z_]+\}`)
			n := 0
			for _, m := range d.Measures {
				if !withStatement[m.ID] || m.NotApplicable != nil || m.Outcome == controls.Exception {
					continue
				}
				n++
				if vague.MatchString(m.Statement) {
					t.Errorf("%s %s %s: %q", tenant, lang, m.ID, m.Statement)
				}
			}
			if n < 8 {
				t.Errorf("%s %s: only %d measures with values", tenant, lang, n)
			}
		}
	}
}

// TestPreparedPartsGiveTheSameDigest: the configuration and the results
// encoded once for the documents of a run give the content digest each
// document computes on its own, and a part prepared for another
// configuration or other results is not used.
func TestPreparedPartsGiveTheSameDigest(t *testing.T) {
	res, cfg, model := tomDemoResults(t, "globex")
	digest := func(ctl ControlInput, c *config.Config, r *controls.Results) string {
		t.Helper()
		d, err := BuildTOMData(TOMInput{Results: r, Config: c, Model: model, Tenant: "globex", Lang: "de", Control: ctl})
		if err != nil {
			t.Fatal(err)
		}
		return d.Control.Content
	}
	cfgPart, err := PrepareConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	resPart, err := PrepareResults(res)
	if err != nil {
		t.Fatal(err)
	}
	renamed := *cfg
	renamed.Organisation.Name += " (renamed)"
	later := *res
	later.EvaluatedAt = later.EvaluatedAt.Add(time.Hour)
	want := digest(ControlInput{}, cfg, res)
	tests := []struct {
		name string
		ctl  ControlInput
		cfg  *config.Config
		res  *controls.Results
		same bool // the digest is want
	}{
		{"configuration prepared", ControlInput{Config: cfgPart}, cfg, res, true},
		{"results prepared", ControlInput{Results: resPart}, cfg, res, true},
		{"both prepared", ControlInput{Config: cfgPart, Results: resPart}, cfg, res, true},
		{"configuration prepared for another", ControlInput{Config: cfgPart}, &renamed, res, false},
		{"results prepared for others", ControlInput{Results: resPart}, cfg, &later, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := digest(tt.ctl, tt.cfg, tt.res)
			if own := digest(ControlInput{}, tt.cfg, tt.res); got != own {
				t.Errorf("content %s, computed on its own %s", got, own)
			}
			if (got == want) != tt.same {
				t.Errorf("content %s, same as the original's: %v, want %v", got, got == want, tt.same)
			}
		})
	}
}

package controls

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

func loadModel(t *testing.T) *Model {
	t.Helper()
	m, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return m
}

// contractChecks is the check set of policies/CONTRACT.md: check id ->
// the measure it assesses.
var contractChecks = map[string]string{
	"K8S-NET-01":     "TOM-TRN-01",
	"K8S-NET-02":     "TOM-TRN-01",
	"K8S-RBAC-01":    "TOM-ZGR-01",
	"K8S-RBAC-02":    "TOM-ZGR-10",
	"K8S-RBAC-03":    "TOM-ZGR-10",
	"K8S-POD-01":     "TOM-ZGR-02",
	"K8S-POD-02":     "TOM-ZGR-02",
	"K8S-POD-03":     "TOM-ZGR-02",
	"K8S-POD-04":     "TOM-ZGR-02",
	"K8S-POD-05":     "TOM-VER-14",
	"K8S-PSA-01":     "TOM-VER-14",
	"K8S-RES-01":     "TOM-VER-11",
	"K8S-IMG-01":     "TOM-EIN-03",
	"K8S-SVC-01":     "TOM-ZUG-06",
	"K8S-TOKEN-01":   "TOM-ZUG-02",
	"K8S-STAGE-01":   "TOM-TRN-03",
	"K8S-LOC-01":     "TOM-AUF-09",
	"K8S-PATCH-01":   "TOM-VER-13",
	"BAK-LOC-01":     "TOM-AUF-09",
	"GH-DEP-01":      "TOM-VER-13",
	"GH-DEP-02":      "TOM-VER-13",
	"GH-SEC-01":      "TOM-ORG-07",
	"K8S-AVAIL-01":   "TOM-VER-01",
	"K8S-NODE-01":    "TOM-VER-01",
	"K8S-NODE-02":    "TOM-VER-01",
	"K8S-STOR-01":    "TOM-ZGR-07",
	"K8S-VEL-01":     "TOM-VER-15",
	"K8S-VEL-02":     "TOM-VER-15",
	"K8S-VEL-03":     "TOM-VER-15",
	"K8S-VEL-04":     "TOM-VER-15",
	"K8S-ING-01":     "TOM-WEI-01",
	"BAK-FRESH-01":   "TOM-VER-02",
	"BAK-ENC-01":     "TOM-VER-03",
	"BAK-RET-01":     "TOM-VER-04",
	"BAK-OFFSITE-01": "TOM-VER-05",
	"BAK-INT-01":     "TOM-VER-06",
	"GH-2FA-01":      "TOM-ZUG-01",
	"GH-2FA-02":      "TOM-ZUG-01",
	"GH-OWN-01":      "TOM-ZGR-03",
	"GH-COLLAB-01":   "TOM-ZGR-03",
	"GH-BP-01":       "TOM-EIN-01",
	"GH-COLLAB-02":   "TOM-ZGR-03",
	"GH-DEPLOY-01":   "TOM-ZGR-03",
	"GH-HOOK-01":     "TOM-WEI-03",
	"GH-ORG-01":      "TOM-ZGR-03",
}

func TestMeasureChecksMatchContract(t *testing.T) {
	m := loadModel(t)
	got := map[string]string{}
	for _, x := range m.Measures {
		for _, c := range x.Checks {
			if prev, dup := got[c]; dup {
				t.Errorf("check %s is listed by %s and %s", c, prev, x.ID)
			}
			got[c] = x.ID
		}
	}
	if diff := cmp.Diff(contractChecks, got); diff != "" {
		t.Errorf("check -> measure (-CONTRACT.md +measures.yaml):\n%s", diff)
	}
}

func TestMeasuresLoad(t *testing.T) {
	m := loadModel(t)
	if len(m.Measures) < 30 {
		t.Errorf("%d measures, want at least 30", len(m.Measures))
	}
	if err := m.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	perCategory := map[Category]int{}
	for _, x := range m.Measures {
		perCategory[x.Category]++
	}
	for _, c := range Categories {
		if perCategory[c] == 0 {
			t.Errorf("category %s has no measure", c)
		}
	}
	// Every point of Art. 32(1) has measures, so every TOM section has content.
	perPoint := map[string]int{}
	for _, x := range m.Measures {
		perPoint[x.Art32]++
	}
	for _, p := range Art32Points {
		if perPoint[p] == 0 {
			t.Errorf("Art. 32(1)(%s) has no measure", p)
		}
	}
	got, ok := m.Measure("TOM-VER-02")
	if !ok {
		t.Fatal("TOM-VER-02 missing")
	}
	want := Measure{
		ID: "TOM-VER-02", Category: Verfuegbarkeit, Type: Technical, Art32: "b",
		Title: Text{DE: "Tägliche Datensicherung", EN: "Daily backup"},
		Statement: Text{
			DE: "Die Daten des Auftraggebers werden mindestens täglich gesichert. Für jedes Sicherungsrepository des Auftraggebers liegt eine erfolgreiche Sicherung vor, die höchstens {backup_max_age} alt ist.",
			EN: "The customer’s data are backed up at least daily. For every backup repository of the customer there is a successful backup at most {backup_max_age} old.",
		},
		Requirements: []string{"c5-2020:OPS-06", "c5-2020:OPS-07", "iso27001-2022:A.8.13", "gdpr:32(1)(b)", "gdpr:32(1)(c)"},
		Checks:       []string{"BAK-FRESH-01"},
	}
	if diff := cmp.Diff(want, got, cmpIgnoreDescription); diff != "" {
		t.Errorf("TOM-VER-02 (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(got.Description.DE, "Die Daten jedes Mandanten werden mindestens täglich gesichert.") {
		t.Errorf("TOM-VER-02 description: %q", got.Description.DE)
	}
}

var cmpIgnoreDescription = cmp.FilterPath(func(p cmp.Path) bool {
	return p.String() == "Description"
}, cmp.Ignore())

// TestCoverage: every requirement of every framework has a status
// source, a measure or a default not-applicable decision. Removing a
// measure or a decision makes it fail.
func TestCoverage(t *testing.T) {
	m := loadModel(t)
	if u := m.Uncovered(); len(u) != 0 {
		t.Errorf("requirements without a measure or default decision: %s", strings.Join(u, ", "))
	}
	// Count per framework as well, so that a broken Uncovered cannot hide gaps.
	supported := m.MeasuresFor()
	na := map[string]bool{}
	for _, d := range m.DecisionNeeded {
		na[d.Ref()] = true
	}
	for _, fw := range Frameworks {
		if fw == C5_2026 {
			continue // its criteria without a measure are the migration's worklist: TestC5v2026Worklist
		}
		t.Run(fw, func(t *testing.T) {
			for _, r := range m.Catalog(fw).Requirements {
				n := len(supported[r.Ref()])
				switch {
				case n == 0 && !na[r.Ref()]:
					t.Errorf("%s (%s): no measure and no default decision", r.Ref(), r.Title.In("en"))
				case n > 0 && na[r.Ref()]:
					t.Errorf("%s: both supported and not applicable by default", r.Ref())
				}
			}
		})
	}

	// The test can fail: drop one measure and the requirements only it
	// supports become uncovered.
	tests := []struct {
		drop string
		want []string
	}{
		{"TOM-AUF-10", []string{"c5-2020:INQ-01", "c5-2020:INQ-02", "c5-2020:INQ-03", "c5-2020:INQ-04"}},
		{"TOM-ZUT-01", []string{"c5-2020:PS-01", "c5-2020:PS-03", "c5-2020:PS-04", "c5-2020:PS-05", "iso27001-2022:A.7.4", "iso27001-2022:A.7.6", "iso27001-2022:A.7.8", "iso27001-2022:A.7.12"}},
		{"TOM-ORG-03", []string{"c5-2020:OIS-06", "c5-2020:OIS-07", "c5-2020:SP-03", "gdpr:32(1)", "gdpr:32(2)"}},
	}
	for _, tt := range tests {
		t.Run("without "+tt.drop, func(t *testing.T) {
			reduced := *m
			reduced.Measures = nil
			for _, x := range m.Measures {
				if x.ID != tt.drop {
					reduced.Measures = append(reduced.Measures, x)
				}
			}
			if len(reduced.Measures) != len(m.Measures)-1 {
				t.Fatalf("measure %s not found", tt.drop)
			}
			if diff := cmp.Diff(tt.want, reduced.Uncovered()); diff != "" {
				t.Errorf("uncovered (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("without the requirements needing a decision", func(t *testing.T) {
		reduced := *m
		reduced.DecisionNeeded = nil
		want := []string{"gdpr:28(5)", "gdpr:28(6)", "gdpr:28(7)", "gdpr:28(8)", "gdpr:28(10)", "gdpr:32(3)"}
		if diff := cmp.Diff(want, reduced.Uncovered()); diff != "" {
			t.Errorf("uncovered (-want +got):\n%s", diff)
		}
	})
}

func TestDecisionNeeded(t *testing.T) {
	m := loadModel(t)
	var got []string
	for _, d := range m.DecisionNeeded {
		got = append(got, d.Ref())
		if len(d.Note.DE) < 60 || len(d.Note.EN) < 60 {
			t.Errorf("%s: note too short to be a real reason", d.Ref())
		}
	}
	// Kept short on purpose: only GDPR provisions that put no duty on the
	// processor. Growing this list needs a reason, not a test update.
	want := []string{"gdpr:28(5)", "gdpr:28(6)", "gdpr:28(7)", "gdpr:28(8)", "gdpr:28(10)", "gdpr:32(3)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("requirements needing a decision (-want +got):\n%s", diff)
	}
}

func TestMeasureReferencesExist(t *testing.T) {
	m := loadModel(t)
	for _, x := range m.Measures {
		for _, ref := range x.Requirements {
			fw, id, err := ParseRef(ref)
			if err != nil {
				t.Errorf("%s: %v", x.ID, err)
				continue
			}
			if _, ok := m.Requirement(fw, id); !ok {
				t.Errorf("%s: %s is not in the catalog", x.ID, ref)
			}
		}
	}
	got := m.MeasuresFor()["c5-2020:OPS-06"]
	if diff := cmp.Diff([]string{"TOM-VER-02", "TOM-VER-03", "TOM-VER-04", "TOM-VER-15"}, got); diff != "" {
		t.Errorf("measures for c5:OPS-06 (-want +got):\n%s", diff)
	}
}

// TestMeasureWording applies the TOM wording rules (document-specs §1.5):
// indicative German without hedges, real umlauts, both languages.
func TestMeasureWording(t *testing.T) {
	hedges := []string{"in der Regel", "grundsätzlich", "höchstwahrscheinlich", "orientiert sich an", "ist ausgelegt für", "sollte", "sollen", "möglichst", "ggf."}
	transliterated := []string{"fuer ", "ueber", "Massnahm", "Schluessel", "Loesch", "Pruef", "pruef", "moeglich", "Verfuegbar"}
	enHedges := []string{"usually", "generally", "should", "where possible", "as a rule"}
	m := loadModel(t)
	for _, x := range m.Measures {
		de := x.Title.DE + " " + x.Description.DE
		for _, h := range hedges {
			if strings.Contains(de, h) {
				t.Errorf("%s: German text hedges with %q", x.ID, h)
			}
		}
		for _, s := range transliterated {
			if strings.Contains(de, s) {
				t.Errorf("%s: German text transliterates an umlaut or ß: %q", x.ID, s)
			}
		}
		en := strings.ToLower(x.Title.EN + " " + x.Description.EN)
		for _, h := range enHedges {
			if strings.Contains(en, h) {
				t.Errorf("%s: English text hedges with %q", x.ID, h)
			}
		}
		for _, s := range []string{x.Description.DE, x.Description.EN} {
			if !strings.HasSuffix(s, ".") || strings.Contains(s, "\n") {
				t.Errorf("%s: description is not one paragraph of full sentences: %q", x.ID, s)
			}
		}
	}
}

func TestCrosswalk(t *testing.T) {
	m := loadModel(t)
	if got := len(m.Crosswalk.C5ISO); got != 84 {
		t.Errorf("%d C5 criteria in c5_iso27001, want 84", got)
	}
	c5iso := 0
	for _, e := range m.Crosswalk.C5ISO {
		c5iso += len(e.ISO27001)
	}
	if c5iso != 174 {
		t.Errorf("%d C5-ISO pairs, want the 174 grade-A pairs", c5iso)
	}
	// Every link resolves in both directions to a catalog requirement.
	// A C5:2026 criterion has the links of its C5:2020 predecessors:
	// 2026 OPS-31 those of 2020 OPS-24, 2026 OPS-24 those of 2020 OPS-21.
	if diff := cmp.Diff(m.Related(C5, "OPS-24"), m.Related(C5_2026, "OPS-31")); diff != "" || len(m.Related(C5, "OPS-24")) == 0 {
		t.Errorf("links of c5-2026:OPS-31 are not those of c5-2020:OPS-24 (-2020 +2026):\n%s", diff)
	}
	if diff := cmp.Diff(m.Related(C5, "OPS-21"), m.Related(C5_2026, "OPS-24")); diff != "" {
		t.Errorf("links of c5-2026:OPS-24 are not those of c5-2020:OPS-21 (-2020 +2026):\n%s", diff)
	}
	for _, fw := range Frameworks {
		for _, r := range m.Catalog(fw).Requirements {
			for _, l := range m.Related(fw, r.ID) {
				if _, ok := m.Requirement(l.Framework, l.ID); !ok {
					t.Errorf("%s -> %s: not in the catalog", r.Ref(), l.Ref())
				}
				if l.Framework == fw {
					t.Errorf("%s -> %s: link within one framework", r.Ref(), l.Ref())
				}
				if fw == C5_2026 {
					// Derived through the C5:2020 predecessors, one way:
					// ISO and GDPR keep pointing at C5:2020.
					continue
				}
				back := false
				for _, b := range m.Related(l.Framework, l.ID) {
					back = back || b.Ref() == r.Ref() && b.Relation == l.Relation
				}
				if !back {
					t.Errorf("%s -> %s: no link back", r.Ref(), l.Ref())
				}
			}
		}
	}

	tests := []struct {
		framework, id string
		want          []Link
	}{
		{C5, "OPS-06", []Link{
			{ISO27001, "A.8.13", RelationRelated},
			{ISO27001, "A.8.14", RelationRelated},
			{GDPR, "32(1)(b)", RelationPrimary},
			{GDPR, "32(1)(c)", RelationPrimary},
		}},
		// 32(1)(b) lists OPS-01 as primary (availability) and as
		// supporting (resilience): the stronger relation wins.
		{C5, "OPS-01", []Link{
			{ISO27001, "A.8.6", RelationRelated},
			{GDPR, "32(1)(b)", RelationPrimary},
		}},
		{ISO27001, "A.8.13", []Link{
			{C5, "PS-02", RelationRelated},
			{C5, "OPS-06", RelationRelated},
			{C5, "OPS-07", RelationRelated},
			{C5, "OPS-08", RelationRelated},
			{C5, "OPS-09", RelationRelated},
			{GDPR, "32(1)(b)", RelationPrimary},
			{GDPR, "32(1)(c)", RelationPrimary},
		}},
		{GDPR, "28(3)(b)", []Link{
			{C5, "HR-02", RelationPrimary},
			{C5, "HR-03", RelationSupporting},
			{C5, "HR-06", RelationPrimary},
			{ISO27001, "A.6.2", RelationPrimary},
			{ISO27001, "A.6.3", RelationSupporting},
			{ISO27001, "A.6.6", RelationPrimary},
		}},
		{GDPR, "28(10)", nil},
		{C5, "PSS-06", nil},
		{C5, "NOPE-01", nil},
	}
	for _, tt := range tests {
		t.Run(tt.framework+":"+tt.id, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, m.Related(tt.framework, tt.id)); diff != "" {
				t.Errorf("related (-want +got):\n%s", diff)
			}
		})
	}
}

// dataWith returns the embedded data with one file replaced.
func dataWith(t *testing.T, name, content string) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(dataFS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(dataFS, p)
		out[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	out[name] = &fstest.MapFile{Data: []byte(content)}
	return out
}

func TestLoadRejectsBrokenData(t *testing.T) {
	const measures = `
measures:
  - id: TOM-VER-02
    category: verfuegbarkeit
    type: technical
    art32: b
    title: {de: Sicherung, en: Backup}
    description: {de: Es wird gesichert., en: Data are backed up.}
    requirements: [c5:OPS-06, "gdpr:32(1)(c)"]
    checks: [BAK-FRESH-01]
decision_needed:
  - framework: gdpr
    id: "28(7)"
    note: {de: Richtet sich an die Kommission., en: Addressed to the Commission.}
`
	crosswalk, err := fs.ReadFile(dataFS, "crosswalk.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		old, new string // replacement in measures
		xold     string // replacement in crosswalk.yaml
		xnew     string
		wantErr  string
	}{
		{name: "valid"},
		{name: "unknown field", old: "checks:", new: "chekcs:", wantErr: "field chekcs not found"},
		{name: "unknown requirement", old: "c5:OPS-06", new: "c5:OPS-99", wantErr: "measure TOM-VER-02: requirement c5-2020:OPS-99: not in the c5-2020 catalog"},
		{name: "unknown framework", old: "c5:OPS-06", new: "bsi:OPS-06", wantErr: `unknown framework "bsi"`},
		{name: "duplicate requirement", old: "c5:OPS-06,", new: "c5:OPS-06, c5-2020:OPS-06,", wantErr: "requirement c5-2020:OPS-06 listed twice"},
		{name: "C5:2026 named directly", old: "c5:OPS-06,", new: "c5:OPS-06, c5-2026:OPS-06,", wantErr: "c5-2026:OPS-06: the C5:2026 criteria are derived from the C5:2020 ones through migration-c5-2026.yaml"},
		{name: "bad category", old: "category: verfuegbarkeit", new: "category: backup", wantErr: `category "backup"`},
		{name: "code mismatch", old: "category: verfuegbarkeit", new: "category: zugang", wantErr: "id code VER does not match category zugang"},
		{name: "bad id", old: "id: TOM-VER-02", new: "id: VER-2", wantErr: "id: want TOM-<CAT>-<nn>"},
		{name: "bad type", old: "type: technical", new: "type: manual", wantErr: `type "manual"`},
		{name: "bad art32", old: "art32: b", new: "art32: e", wantErr: `art32 "e"`},
		{name: "missing English", old: "en: Backup}", new: `en: ""}`, wantErr: "title and description need de and en"},
		{name: "no assessment", old: "checks: [BAK-FRESH-01]", new: "", wantErr: "no assessment"},
		{name: "validity bound without attestation", old: "checks: [BAK-FRESH-01]", new: "checks: [BAK-FRESH-01]\n    attestation_validity_months: 12", wantErr: "attestation_validity_months 12: want 1 to 36 on a measure with attestation: true"},
		{name: "validity bound too long", old: "checks: [BAK-FRESH-01]", new: "attestation: true\n    attestation_validity_months: 48", wantErr: "attestation_validity_months 48"},
		{name: "bad check id", old: "BAK-FRESH-01", new: "bak fresh", wantErr: `check id "bak fresh"`},
		{name: "no requirements", old: `requirements: [c5:OPS-06, "gdpr:32(1)(c)"]`, new: "requirements: []", wantErr: "no requirements"},
		{name: "decision without a note", old: "note: {de: Richtet sich an die Kommission., en: Addressed to the Commission.}", new: "note: {de: Grund}", wantErr: "note needs de and en"},
		{name: "NA and supported", old: `id: "28(7)"`, new: `id: "32(1)(c)"`, wantErr: "gdpr:32(1)(c): measure TOM-VER-02 supports it"},
		{name: "crosswalk unknown id", xold: "[A.5.2, A.5.4]", xnew: "[A.5.2, A.5.99]", wantErr: "load crosswalk: c5_iso27001: iso27001-2022:A.5.99: not in the catalog"},
		{name: "crosswalk bad aspect", xold: "aspect: integrity", xnew: "aspect: speed", wantErr: `aspect "speed"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := dataWith(t, "measures.yaml", strings.Replace(measures, tt.old, tt.new, 1))
			// The reviewed measures of C5:2026 name measures this small
			// file lacks; the review is tested in migration_test.go.
			mg := string(fsys[migrationFile].Data)
			fsys[migrationFile] = &fstest.MapFile{Data: []byte(mg[:strings.Index(mg, "\nmeasure_review:")] + "\nmeasure_review: []\n")}
			if tt.xold != "" {
				fsys["crosswalk.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(crosswalk), tt.xold, tt.xnew, 1))}
			}
			m, err := load(fsys)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if len(m.Measures) != 1 || len(m.DecisionNeeded) != 1 {
					t.Errorf("loaded %d measures, %d decisions", len(m.Measures), len(m.DecisionNeeded))
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestCategories(t *testing.T) {
	var codes []string
	for _, c := range Categories {
		codes = append(codes, c.Code())
		if c.Label("de") == "" || c.Label("en") == "" {
			t.Errorf("%s: missing label", c)
		}
	}
	want := []string{"ZUT", "ZUG", "ZGR", "TRN", "WEI", "EIN", "VER", "AUF", "ORG"}
	if diff := cmp.Diff(want, codes); diff != "" {
		t.Errorf("codes (-want +got):\n%s", diff)
	}
	if got := Verfuegbarkeit.Label("de"); got != "Verfügbarkeitskontrolle" {
		t.Errorf("label = %q", got)
	}
	if Category("backup").Valid() {
		t.Error("unknown category is valid")
	}
	// Measure ids are listed in category order, numbered without gaps.
	m := loadModel(t)
	next := map[Category]int{}
	order := map[Category]int{}
	for i, c := range Categories {
		order[c] = i
	}
	ids := make([]string, len(m.Measures))
	for i, x := range m.Measures {
		ids[i] = x.ID
		next[x.Category]++
		if want := fmt.Sprintf("TOM-%s-%02d", x.Category.Code(), next[x.Category]); x.ID != want {
			t.Errorf("measure %s at the position of %s", x.ID, want)
		}
	}
	if !sort.SliceIsSorted(m.Measures, func(i, j int) bool {
		return order[m.Measures[i].Category] < order[m.Measures[j].Category]
	}) {
		t.Errorf("measures are not in category order: %v", ids)
	}
}

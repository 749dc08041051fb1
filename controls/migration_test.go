package controls

import (
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"
)

// TestC5v2026CatalogMatchesReference compares the shipped C5:2026
// catalog with a copy of the research file (testdata/bsi-c5-2026.yaml):
// the same 17 areas, 168 criteria with their titles, 623 sub-criteria
// with their types (462 basic, 132 additional complementing, 29
// additional sharpening) and GC-01 … GC-06.
func TestC5v2026CatalogMatchesReference(t *testing.T) {
	raw, err := os.ReadFile("testdata/bsi-c5-2026.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Catalog struct {
			Counts map[string]int `yaml:"counts"`
		} `yaml:"catalog"`
		Groups []struct {
			ID    string `yaml:"id"`
			Title Text   `yaml:"title"`
		} `yaml:"groups"`
		Items []struct {
			ID          string         `yaml:"id"`
			Group       string         `yaml:"group"`
			Title       Text           `yaml:"title"`
			Subcriteria []Subcriterion `yaml:"subcriteria"`
		} `yaml:"items"`
		GeneralConditions []GeneralCondition `yaml:"general_conditions"`
	}
	if err := yaml.Unmarshal(raw, &ref); err != nil {
		t.Fatal(err)
	}
	cat := loadModel(t).Catalog(C5_2026)

	type row struct {
		ID, Group string
		Title     Text
		Sub       []Subcriterion
	}
	var want, got []row
	// The shipped titles are set with an en dash where the BSI writes
	// " - " (typography only, as for C5:2020).
	dash := func(t Text) Text {
		return Text{DE: strings.ReplaceAll(t.DE, " - ", " – "), EN: strings.ReplaceAll(t.EN, " - ", " – ")}
	}
	for _, it := range ref.Items {
		want = append(want, row{it.ID, it.Group, dash(it.Title), it.Subcriteria})
	}
	for _, r := range cat.Requirements {
		got = append(got, row{r.ID, r.Group, r.Title, r.Subcriteria})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("criteria (-reference +shipped):\n%s", diff)
	}
	var groups []Group
	for _, g := range ref.Groups {
		groups = append(groups, Group{ID: g.ID, Title: g.Title})
	}
	if diff := cmp.Diff(groups, cat.Groups); diff != "" {
		t.Errorf("areas (-reference +shipped):\n%s", diff)
	}
	if diff := cmp.Diff(ref.GeneralConditions, cat.GeneralConditions); diff != "" {
		t.Errorf("general conditions (-reference +shipped):\n%s", diff)
	}

	counts := map[string]int{"groups": len(cat.Groups), "items": len(cat.Requirements), "general_conditions": len(cat.GeneralConditions)}
	for _, r := range cat.Requirements {
		for _, s := range r.Subcriteria {
			counts["subcriteria"]++
			counts["subcriteria_"+strings.ReplaceAll(string(s.Type), "-", "_")]++
		}
	}
	wantCounts := map[string]int{}
	for k, v := range ref.Catalog.Counts {
		if !strings.Contains(k, "with_title") {
			wantCounts[k] = v
		}
	}
	if diff := cmp.Diff(wantCounts, counts); diff != "" {
		t.Errorf("counts (-reference +shipped):\n%s", diff)
	}
	// The figures of the issue, independent of the reference file.
	if diff := cmp.Diff(map[string]int{"groups": 17, "items": 168, "general_conditions": 6, "subcriteria": 623,
		"subcriteria_basic": 462, "subcriteria_additional_complementing": 132, "subcriteria_additional_sharpening": 29}, counts); diff != "" {
		t.Errorf("counts (-issue +shipped):\n%s", diff)
	}
}

// TestC5v2026MeasuresFollowMeaningNotIDs: the measures of a C5:2026
// criterion come from its C5:2020 predecessor by meaning. 2020 OPS-24
// (separation of datasets) is 2026 OPS-31; 2026 OPS-24 (customers
// involved in incidents) follows 2020 OPS-21 and gets none of the
// dataset-separation measures.
func TestC5v2026MeasuresFollowMeaningNotIDs(t *testing.T) {
	m := loadModel(t)
	for_ := m.MeasuresFor()
	sep := for_["c5-2020:OPS-24"]
	if diff := cmp.Diff([]string{"TOM-TRN-01", "TOM-TRN-02", "TOM-ZGR-02"}, sep); diff != "" {
		t.Fatalf("measures of c5-2020:OPS-24 (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(sep, for_["c5-2026:OPS-31"]); diff != "" {
		t.Errorf("c5-2026:OPS-31 should have the measures of c5-2020:OPS-24 (-2020 +2026):\n%s", diff)
	}
	if diff := cmp.Diff(for_["c5-2020:OPS-21"], for_["c5-2026:OPS-24"]); diff != "" {
		t.Errorf("c5-2026:OPS-24 should have the measures of c5-2020:OPS-21 (-2020 +2026):\n%s", diff)
	}
	for _, id := range for_["c5-2026:OPS-24"] {
		if slices.Contains(sep, id) {
			t.Errorf("c5-2026:OPS-24 is fed by the dataset-separation measure %s", id)
		}
	}
	// Every reused id: where the two catalogs give an id another
	// meaning, the 2026 criterion does not simply inherit the 2020 one's
	// measures unless its predecessor had the same ones.
	for _, e := range m.Migration.Entries {
		for _, to := range e.To {
			var want []string
			for _, p := range m.Migration.Predecessors(to) {
				want = append(want, for_["c5-2020:"+p.From]...)
			}
			slices.Sort(want)
			want = slices.Compact(want)
			if r, ok := m.Migration.ReviewOf(to); ok {
				want = slices.DeleteFunc(want, func(id string) bool { return slices.Contains(r.Remove, id) })
				want = append(want, r.Add...)
				slices.Sort(want)
			}
			if len(want) == 0 {
				want = nil
			}
			if diff := cmp.Diff(want, for_["c5-2026:"+to]); diff != "" && !strings.HasPrefix(to, "GC-") {
				t.Errorf("c5-2026:%s: measures are not those of its predecessors (-want +got):\n%s", to, diff)
			}
		}
	}
}

// TestC5v2026Worklist: the C5:2026 criteria no measure supports are the
// new ones and those a review took a measure from; each needs a new
// attestation.
func TestC5v2026Worklist(t *testing.T) {
	m := loadModel(t)
	for_ := m.MeasuresFor()
	var without []string
	for _, r := range m.Catalog(C5_2026).Requirements {
		if len(for_[r.Ref()]) == 0 {
			without = append(without, r.ID)
			_, reviewed := m.Migration.ReviewOf(r.ID)
			if !m.Migration.IsNew(r.ID) && !reviewed {
				t.Errorf("c5-2026:%s has a predecessor but no measure", r.ID)
			}
		}
	}
	if len(without) != 30 {
		t.Errorf("%d C5:2026 criteria without a measure, want 30: %s", len(without), strings.Join(without, ", "))
	}
	for _, id := range []string{"OPS-30", "OPS-32", "OPS-33", "OPS-34", "DEV-13", "CRY-18", "CRY-19"} {
		if !slices.Contains(without, id) {
			t.Errorf("new criterion %s has measures: %v", id, for_["c5-2026:"+id])
		}
	}
}

// TestMigrationRejectsBrokenData shows that the migration and its review
// are checked on load: a review that no longer changes anything, a
// criterion left out, a wrong relation.
func TestMigrationRejectsBrokenData(t *testing.T) {
	orig, err := dataFS.ReadFile(migrationFile)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, old, new, wantErr string
	}{
		{"stale addition", "  - c5-2026: OPS-24\n    why:", "  - c5-2026: OPS-24\n    add: [TOM-AUF-08]\n    why:", "add TOM-AUF-08: not a measure, or already derived"},
		{"stale removal", "remove: [TOM-VER-13]", "remove: [TOM-ZUT-01]", "remove TOM-ZUT-01: not derived"},
		{"unknown measure", "add: [TOM-ZUT-02]", "add: [TOM-ZUT-99]", "add TOM-ZUT-99: not a measure"},
		{"criterion without a row", "  - {c5-2020: OPS-24, c5-2026: [OPS-31], relation: moved}\n", "", "c5-2020 OPS-24: no row"},
		{"target lost", "{c5-2020: OPS-24, c5-2026: [OPS-31]", "{c5-2020: OPS-24, c5-2026: [OPS-30]", "new_in_2026: OPS-30: also the target"},
		{"equal to another id", "{c5-2020: OIS-01, c5-2026: [OIS-01], relation: equal}", "{c5-2020: OIS-01, c5-2026: [OIS-02], relation: equal}", "equal, but the target is OIS-02"},
		{"bad relation", "relation: merged}", "relation: joined}", `relation "joined"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(string(orig), tt.old) {
				t.Fatalf("%s lacks %q", migrationFile, tt.old)
			}
			fsys := copyFS(t, DataFS())
			fsys[migrationFile] = &fstest.MapFile{Data: []byte(strings.Replace(string(orig), tt.old, tt.new, 1))}
			_, err := LoadFS(fsys)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

// TestModelWithoutC5v2026 loads the files of a pack made before C5:2026:
// unversioned framework ids, no C5:2026 catalog and no migration.
func TestModelWithoutC5v2026(t *testing.T) {
	fsys := copyFS(t, DataFS())
	delete(fsys, "catalogs/c5-2026.yaml")
	delete(fsys, migrationFile)
	for p, f := range fsys {
		s := strings.ReplaceAll(string(f.Data), "c5-2020:", "c5:")
		s = strings.ReplaceAll(s, "framework: c5-2020", "framework: c5")
		fsys[p] = &fstest.MapFile{Data: []byte(s)}
	}
	m, err := LoadFS(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if m.Catalog(C5_2026) != nil || m.Migration != nil {
		t.Error("a model without the C5:2026 files has C5:2026")
	}
	if got := m.MeasuresFor()["c5-2020:OPS-24"]; len(got) != 3 {
		t.Errorf("c5-2020:OPS-24 read from c5:OPS-24: %v", got)
	}
}

package main

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"

	"github.com/nachweis/nachweis/controls"
)

// TestCheckBothC5Versions evaluates the demo against C5:2020 and C5:2026
// in one run. The result of 2020 OPS-24 (separation of datasets) and of
// 2026 OPS-31 (its successor) agree, measure for measure; 2026 OPS-24
// (customers involved in incidents) is fed by none of the
// dataset-separation measures or their checks.
func TestCheckBothC5Versions(t *testing.T) {
	r := demoResults(t, "--framework", "c5-2020,c5-2026")
	if diff := cmp.Diff([]string{"c5-2020", "c5-2026"}, r.Frameworks); diff != "" {
		t.Fatalf("frameworks (-want +got):\n%s", diff)
	}
	reqs := map[string]controls.RequirementResult{}
	for _, q := range r.Requirements {
		reqs[q.Framework+":"+q.ID] = q
	}
	old, cur, reused := reqs["c5-2020:OPS-24"], reqs["c5-2026:OPS-31"], reqs["c5-2026:OPS-24"]
	if old.Status == "" || cur.Status == "" || reused.Status == "" {
		t.Fatalf("missing results: 2020 OPS-24 %q, 2026 OPS-31 %q, 2026 OPS-24 %q", old.Status, cur.Status, reused.Status)
	}
	if old.Status != cur.Status || old.Basis != cur.Basis || !slices.Equal(old.Measures, cur.Measures) {
		t.Errorf("2020 OPS-24 (%s, %s, %v) and 2026 OPS-31 (%s, %s, %v) disagree",
			old.Status, old.Basis, old.Measures, cur.Status, cur.Basis, cur.Measures)
	}
	for _, s := range cur.Subcriteria {
		if s.Type == controls.Basic && (s.Status != cur.Status || !s.Addressed) {
			t.Errorf("%s: %s, want the criterion's %s", s.ID, s.Status, cur.Status)
		}
	}
	checksOf := map[string][]string{}
	for _, m := range r.Measures {
		checksOf[m.ID] = m.Checks
	}
	var sepChecks []string
	for _, m := range old.Measures {
		sepChecks = append(sepChecks, checksOf[m]...)
	}
	if !slices.Contains(sepChecks, "K8S-NET-01") {
		t.Fatalf("dataset separation is checked by %v, want K8S-NET-01 among them", sepChecks)
	}
	for _, m := range reused.Measures {
		if slices.Contains(old.Measures, m) {
			t.Errorf("2026 OPS-24 is fed by the dataset-separation measure %s", m)
		}
		for _, c := range checksOf[m] {
			if slices.Contains(sepChecks, c) {
				t.Errorf("2026 OPS-24 is fed by the dataset-separation check %s (measure %s)", c, m)
			}
		}
	}
	if !slices.Contains(reused.Measures, "TOM-AUF-08") {
		t.Errorf("2026 OPS-24 measures %v lack the incident notification TOM-AUF-08", reused.Measures)
	}
}

// TestControlsC5v2026 lists the C5:2026 catalog: 168 criteria and 623
// sub-criteria with their types, as in a copy of the reference file.
func TestControlsC5v2026(t *testing.T) {
	raw, err := os.ReadFile("../../controls/testdata/bsi-c5-2026.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Items []struct {
			ID          string `yaml:"id"`
			Subcriteria []struct {
				ID, Type string
			} `yaml:"subcriteria"`
		} `yaml:"items"`
	}
	if err := yaml.Unmarshal(raw, &ref); err != nil {
		t.Fatal(err)
	}
	var wantSubs [][2]string
	for _, it := range ref.Items {
		for _, s := range it.Subcriteria {
			wantSubs = append(wantSubs, [2]string{s.ID, s.Type})
		}
	}

	out, errOut, code := nachweis(t, nil, "controls", "--framework", "c5-2026", "--format", "json")
	if code != exitOK || errOut != "" {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var cov []controls.Coverage
	if err := json.Unmarshal([]byte(out), &cov); err != nil {
		t.Fatal(err)
	}
	if len(cov) != 168 || len(ref.Items) != 168 {
		t.Errorf("%d criteria listed, reference %d, want 168", len(cov), len(ref.Items))
	}

	out, _, code = nachweis(t, nil, "controls", "--framework", "c5-2026", "--view", "subcriteria", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var subs []subcriterionRow
	if err := json.Unmarshal([]byte(out), &subs); err != nil {
		t.Fatal(err)
	}
	var got [][2]string
	for _, s := range subs {
		got = append(got, [2]string{s.ID, string(s.Type)})
	}
	if diff := cmp.Diff(wantSubs, got); diff != "" || len(got) != 623 {
		t.Errorf("sub-criteria (-reference +listed), %d listed:\n%s", len(got), diff)
	}

	// The text listing ends its sub-criteria with the counts per type.
	out, _, _ = nachweis(t, nil, "controls", "--framework", "c5-2026")
	for _, want := range []string{
		"c5-2026: 168 criteria, 623 sub-criteria (462 basic, 132 additional-complementing, 29 additional-sharpening), 6 general conditions",
		"c5-2026 OPS-31 OPS-31.01B basic – Separation of Datasets – Implementation",
	} {
		if !strings.Contains(out, want) && !strings.Contains(strings.Join(strings.Fields(out), " "), strings.Join(strings.Fields(want), " ")) {
			t.Errorf("controls --framework c5-2026 lacks %q", want)
		}
	}
}

package templates

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/controls"
)

func TestDiffResults(t *testing.T) {
	title := controls.Text{DE: "Datensicherungen sind aktuell", EN: "Backups are fresh"}
	finding := func(res, tenant string, o controls.Outcome) controls.Finding {
		return controls.Finding{Resource: res, Tenant: tenant, Status: o}
	}
	prev := &controls.Results{
		Checks: []controls.CheckResult{
			{ID: "BAK-FRESH-01", Title: title, Status: controls.Fail, Findings: []controls.Finding{
				finding("restic/acme", "acme", controls.Fail),     // fixed: passes now
				finding("restic/gone", "acme", controls.Fail),     // closed: no longer assessed
				finding("restic/shared", "", controls.Fail),       // changed: now an exception
				finding("restic/same", "acme", controls.Fail),     // unchanged
				finding("restic/new-acme", "acme", controls.Pass), // new: fails now
			}},
			{ID: "GH-2FA-01", Title: title, Status: controls.NoEvidence},
		},
		Measures: []controls.MeasureResult{
			{ID: "TOM-VER-02", Status: controls.Fail},
			{ID: "TOM-OLD-01", Status: controls.Pass},
		},
	}
	cur := &controls.Results{
		Checks: []controls.CheckResult{
			{ID: "BAK-FRESH-01", Title: title, Status: controls.Fail, Findings: []controls.Finding{
				finding("restic/acme", "acme", controls.Pass),
				finding("restic/shared", "", controls.Exception),
				finding("restic/same", "acme", controls.Fail),
				finding("restic/new-acme", "acme", controls.Fail),
				finding("restic/new-shared", "", controls.NoEvidence),
			}},
			{ID: "GH-2FA-01", Title: title, Status: controls.Pass},
		},
		Measures: []controls.MeasureResult{
			{ID: "TOM-VER-02", Status: controls.Pass},
			{ID: "TOM-NEW-01", Status: controls.NoEvidence},
		},
	}
	own := func(tenant string) bool { return tenant == "acme" }
	got := diffResults(prev, cur, 3, "de", &controls.Model{}, own)
	id := func(obj string) string { return FindingID("BAK-FRESH-01", obj) }
	cf := func(obj string, shared bool, before, after controls.Outcome) ChangedFinding {
		f := ChangedFinding{ID: id(obj), Check: "BAK-FRESH-01", Title: title.DE, Object: obj, Before: before, After: after}
		if shared {
			f.Object, f.Shared = "", true
		}
		return f
	}
	sorted := func(fs ...ChangedFinding) []ChangedFinding {
		slices.SortFunc(fs, func(a, b ChangedFinding) int { return strings.Compare(a.ID, b.ID) })
		return fs
	}
	want := &Changes{
		Previous: 3,
		New:      sorted(cf("restic/new-acme", false, "", controls.Fail), cf("restic/new-shared", true, "", controls.NoEvidence)),
		Closed: sorted(cf("restic/acme", false, controls.Fail, controls.Pass), cf("restic/gone", false, controls.Fail, ""),
			ChangedFinding{ID: "F-GH-2FA-01-NE", Check: "GH-2FA-01", Title: title.DE, Before: controls.NoEvidence}),
		Changed:  []ChangedFinding{cf("restic/shared", true, controls.Fail, controls.Exception)},
		Measures: []ChangedMeasure{{ID: "TOM-VER-02", Before: controls.Fail, After: controls.Pass}},
		Added:    []ChangedMeasure{{ID: "TOM-NEW-01", After: controls.NoEvidence}},
		Removed:  []ChangedMeasure{{ID: "TOM-OLD-01", Before: controls.Pass}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diffResults (-want +got):\n%s", diff)
	}
	if FindingID("BAK-FRESH-01", "restic/acme") != "F-BAK-FRESH-01-"+FindingID("BAK-FRESH-01", "restic/acme")[len("F-BAK-FRESH-01-"):] || len(id("x")) != len("F-BAK-FRESH-01-")+8 {
		t.Errorf("finding id %q: want F-<check>-<8 hex digits>", id("x"))
	}
	if same := diffResults(cur, cur, 1, "de", &controls.Model{}, own); !same.Empty() {
		t.Errorf("no changes between equal results: %+v", same)
	}
}

package policies

import (
	"context"
	"testing"

	"github.com/nachweis/nachweis/controls"
)

// TestBasisOfEveryRequirement evaluates the demo for the provider and each
// tenant and checks the basis of every requirement of the three
// frameworks against what the checks did: a requirement whose supporting
// measures have a check that ran (a pass, fail or exception finding) is
// technically or partly verified, never attested only or without basis,
// whatever its outcome (an attestation outranks a pass); one without such
// a check is never called verified. The summaries count the same.
func TestBasisOfEveryRequirement(t *testing.T) {
	ctx := context.Background()
	e, err := NewEngine(ctx, EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	opt := demoRunOptions(t)
	views := 0
	err = e.RunTenants(ctx, opt, []string{"", "acme", "globex", "initech"}, func(r *controls.Results) error {
		views++
		checks := map[string]*controls.CheckResult{}
		for i := range r.Checks {
			checks[r.Checks[i].ID] = &r.Checks[i]
		}
		measures := map[string]*controls.MeasureResult{}
		for i := range r.Measures {
			measures[r.Measures[i].ID] = &r.Measures[i]
		}
		ran := func(m *controls.MeasureResult) bool {
			for _, id := range m.Checks {
				if c, ok := checks[id]; ok && c.Ran() {
					return true
				}
			}
			return false
		}
		for _, m := range r.Measures {
			verified := m.Basis == controls.TechnicallyVerified || m.Basis == controls.PartlyVerified
			if m.Status != controls.NotApplicable && ran(&m) != verified {
				t.Errorf("tenant %q: measure %s (%s): a check ran = %v, basis %s", r.Tenant, m.ID, m.Status, ran(&m), m.Basis)
			}
		}
		counts := map[string]map[controls.Basis]int{}
		reqs := 0
		for _, q := range r.Requirements {
			reqs++
			if counts[q.Framework] == nil {
				counts[q.Framework] = map[controls.Basis]int{}
			}
			counts[q.Framework][q.Basis]++
			if !q.Basis.Valid() {
				t.Errorf("tenant %q: %s %s has no valid basis: %q", r.Tenant, q.Framework, q.ID, q.Basis)
				continue
			}
			if q.Status == controls.NotApplicable {
				if q.Basis != controls.NoBasis {
					t.Errorf("tenant %q: %s %s is not applicable with basis %s", r.Tenant, q.Framework, q.ID, q.Basis)
				}
				continue
			}
			checked := false
			for _, id := range q.Measures {
				if m, ok := measures[id]; ok && m.Status != controls.NotApplicable && ran(m) {
					checked = true
				}
			}
			verified := q.Basis == controls.TechnicallyVerified || q.Basis == controls.PartlyVerified
			if checked != verified {
				t.Errorf("tenant %q: %s %s (%s): a check ran = %v, basis %s", r.Tenant, q.Framework, q.ID, q.Status, checked, q.Basis)
			}
		}
		if reqs != 121+168+93+27 {
			t.Errorf("tenant %q: %d requirements, want all of the four frameworks", r.Tenant, reqs)
		}
		for _, s := range r.Summary {
			for _, b := range controls.Bases {
				if s.Basis[b] != counts[s.Framework][b] {
					t.Errorf("tenant %q: %s summary counts %d %s, the requirements %d", r.Tenant, s.Framework, s.Basis[b], b, counts[s.Framework][b])
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if views != 4 {
		t.Fatalf("%d views evaluated, want 4", views)
	}
}

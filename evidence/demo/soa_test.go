package demo

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/evidence/config"
)

func TestSoA(t *testing.T) {
	s, err := SoA()
	if err != nil {
		t.Fatal(err)
	}
	var ids, excluded []string
	counts := map[config.ImplementationStatus]int{}
	for _, c := range s.Controls {
		ids = append(ids, c.ID)
		if !c.Applicable {
			excluded = append(excluded, c.ID)
			continue
		}
		counts[c.Status]++
		if c.Inclusion.IsZero() || c.Description.IsZero() || c.Owner.IsZero() || c.LastReview.IsZero() {
			t.Errorf("%s: applicable control without inclusion, description, owner or last review", c.ID)
		}
	}
	if diff := cmp.Diff(config.AnnexAControls(), ids); diff != "" {
		t.Errorf("declared controls differ from Annex A (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"A.7.6", "A.7.12", "A.8.30"}, excluded); diff != "" {
		t.Errorf("excluded controls (-want +got):\n%s", diff)
	}
	// The demo shows every declared status at least once.
	for _, st := range config.ImplementationStatuses[:3] {
		if counts[st] == 0 {
			t.Errorf("no control declared %s", st.Label("de"))
		}
	}
	if c, _ := s.Control("A.8.13"); c.Status != config.Implemented {
		t.Errorf("A.8.13 declared %q; the demo shows a contradiction with the failing backup checks", c.Status)
	}
}

package config

import (
	"os"
	"strings"
	"testing"
	"time"
)

// TestGeneralConditions reads the declared general conditions of the demo
// and rejects a recovery objective that is not a positive duration.
func TestGeneralConditions(t *testing.T) {
	raw, err := os.ReadFile("../demo/data/nachweis.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := Parse("nachweis.yaml", raw)
	if err != nil {
		t.Fatal(err)
	}
	g := c.Service.GeneralConditions
	if g.RPO == nil || *g.RPO != 24*time.Hour || g.RTO == nil || *g.RTO != 8*time.Hour {
		t.Errorf("rpo %v, rto %v, want 24h and 8h", g.RPO, g.RTO)
	}
	if !strings.Contains(g.Jurisdiction.In("de"), "deutsches Recht") || !g.Certifications.IsZero() {
		t.Errorf("jurisdiction %q, certifications %q", g.Jurisdiction.In("de"), g.Certifications.In("de"))
	}
	bad := strings.Replace(string(raw), "    rpo: 24h", "    rpo: 0h", 1)
	if _, err := Parse("bad.yaml", []byte(bad)); err == nil || !strings.Contains(err.Error(), "bad.yaml:49: service.general_conditions.rpo: expected a duration") {
		t.Errorf("negative rpo: %v", err)
	}
}

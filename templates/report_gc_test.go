package templates

import (
	"strings"
	"testing"

	"github.com/nachweis/nachweis/controls"
)

// TestReportGeneralConditions: the C5:2026 report states GC-01 … GC-06,
// the node regions, zones and backup sites and the age of the newest
// backup as measured (with the check that shows them), the rest as
// declared in the configuration, and an undeclared one as not declared.
func TestReportGeneralConditions(t *testing.T) {
	doc, data := demoReport(t, controls.C5_2026, "de", reportNow, Options{})
	gcs := map[string]ReportGeneralCondition{}
	for _, g := range data.GeneralConditions {
		gcs[g.ID] = g
	}
	if len(data.GeneralConditions) != 6 || gcs["GC-01"].Title != "Angaben zu anwendbarem Recht, Gerichtsbarkeit, Länder, Partitionen, Regionen, Zonen und Standorte" {
		t.Fatalf("general conditions %+v", data.GeneralConditions)
	}
	find := func(id, source string) ReportGCStatement {
		t.Helper()
		for _, s := range gcs[id].Statements {
			if s.Source == source || s.Key == source {
				return s
			}
		}
		t.Fatalf("%s has no statement from %s: %+v", id, source, gcs[id].Statements)
		return ReportGCStatement{}
	}
	for _, tt := range []struct {
		id, source string
		measured   bool
		text       string
	}{
		{"GC-01", "K8S-LOC-01", true, "(DE)"},
		{"GC-01", "BAK-LOC-01", true, "FI-Helsinki (FI)"},
		{"GC-01", "service.general_conditions.jurisdiction", false, "deutsches Recht"},
		{"GC-03", "service.general_conditions.rpo", false, "1 Tag"},
		{"GC-03", "BAK-FRESH-01", true, "jüngste Sicherung je Repository zum Stichtag höchstens 6 Tage 15 Std. alt (9 Repositorys); überschreitet das RPO"},
		{"GC-06", "service.general_conditions.certifications", false, "nicht erklärt"},
	} {
		s := find(tt.id, tt.source)
		if s.Measured != tt.measured || !strings.Contains(s.Text, tt.text) {
			t.Errorf("%s from %s: measured %v, %q; want measured %v and %q", tt.id, tt.source, s.Measured, s.Text, tt.measured, tt.text)
		}
	}
	md := string(doc.Markdown)
	for _, want := range []string{"**Allgemeine Bedingungen (C5:2026).**", "gemessen (K8S-LOC-01)", "Wiederherstellungspunkt (RPO): 1 Tag", "gemessen (BAK-FRESH-01)"} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	// Other frameworks have none.
	if _, d := demoReport(t, controls.C5, "de", reportNow, Options{}); d.GeneralConditions != nil {
		t.Error("the C5:2020 report has C5:2026 general conditions")
	}
}

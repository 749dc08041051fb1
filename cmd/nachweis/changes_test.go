package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/output"
	"github.com/nachweis/nachweis/templates"
)

// plantedChange edits the results of an earlier run so that they hold
// one finding that the next run no longer has (fixed since: a passing
// object of the current run was failing) and lack one that it has (new
// since: a failing object was passing). pickFixed and pickNew choose
// among the findings.
type plantedChange struct {
	fixed, fresh       string // finding ids
	fixedObj, freshObj string
	fixedTitle         string
	freshTitle         string
}

func plantChange(t *testing.T, path string, pickFixed, pickNew func(controls.Finding) bool) plantedChange {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := controls.ReadResults(data)
	if err != nil {
		t.Fatal(err)
	}
	var p plantedChange
	for i := range r.Checks {
		c := &r.Checks[i]
		for j := range c.Findings {
			f := &c.Findings[j]
			switch {
			case p.fixed == "" && f.Status == controls.Pass && pickFixed(*f):
				f.Status = controls.Fail
				p.fixed, p.fixedObj, p.fixedTitle = templates.FindingID(c.ID, f.Resource), f.Resource, c.Title.DE
			case p.fresh == "" && f.Status == controls.Fail && pickNew(*f):
				f.Status = controls.Pass
				p.fresh, p.freshObj, p.freshTitle = templates.FindingID(c.ID, f.Resource), f.Resource, c.Title.DE
			}
		}
	}
	if p.fixed == "" || p.fresh == "" {
		t.Fatalf("%s: no passing and failing finding to plant a change with", path)
	}
	var b strings.Builder
	if err := output.WriteJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestChangeHistoryOfTwoDemoRuns: the second demo run compares with the
// first (--previous): one finding fixed since and one new show in the
// section "Änderungen gegenüber Version 1" with their finding ids, in the
// provider's report and in a tenant's annex; a first version says that it
// is one.
func TestChangeHistoryOfTwoDemoRuns(t *testing.T) {
	first, second := t.TempDir(), t.TempDir()
	if _, errOut, code := nachweis(t, nil, "demo", "-o", first, "--now", demoNow, "--lang", "de"); code != exitOK {
		t.Fatalf("demo: exit %d: %s", code, errOut)
	}
	text := pdfText(t, filepath.Join(first, "report-c5-2020.de.pdf"))
	mustContain(t, "first report", text, "Änderungen Dies ist die erste Version dieses Berichts; es gibt keine frühere Version, mit der er verglichen wird.",
		"1 (dieses Dokument) 23.11.2026 – Erste Fassung")

	anyFinding := func(controls.Finding) bool { return true }
	report := plantChange(t, filepath.Join(first, "results.json"), anyFinding, anyFinding)
	// The annex names the tenant's own objects and no object of the
	// shared infrastructure.
	own := func(f controls.Finding) bool { return f.Tenant == "acme" }
	shared := func(f controls.Finding) bool { return f.Tenant == "" }
	tom := plantChange(t, filepath.Join(first, "results-acme.json"), own, shared)

	if _, errOut, code := nachweis(t, nil, "demo", "-o", second, "--now", demoNow, "--lang", "all", "--previous", first); code != exitOK {
		t.Fatalf("demo --previous: exit %d: %s", code, errOut)
	}
	text = pdfText(t, filepath.Join(second, "report-c5-2020.de.pdf"))
	mustContain(t, "second report", text,
		"Die Änderungen gegenüber Version 1 (neue, behobene und geänderte Feststellungen) stehen in Anlage C.",
		"2 (dieses Dokument) 23.11.2026 – 1 neue Feststellung, 1 behobene Feststellung",
		"Änderungen gegenüber Version 1 Neue Feststellungen: • "+report.fresh+": "+report.freshTitle+" – "+report.freshObj+" (nicht erfüllt)",
		"Behobene Feststellungen: • "+report.fixed+": "+report.fixedTitle+" – "+report.fixedObj+" (bisher: nicht erfüllt; jetzt: erfüllt)")
	text = pdfText(t, filepath.Join(second, "tom-acme.de.pdf"))
	mustContain(t, "second annex", text,
		"Änderungen gegenüber Version 1 Neue Feststellungen: • "+tom.fresh+": "+tom.freshTitle+" – gemeinsame Infrastruktur (nicht erfüllt)",
		"Behobene Feststellungen: • "+tom.fixed+": "+tom.fixedTitle+" – "+tom.fixedObj+" (bisher: nicht erfüllt; jetzt: erfüllt)")
	if strings.Contains(text, tom.freshObj) {
		t.Errorf("the annex names %s of the shared infrastructure", tom.freshObj)
	}
	text = pdfText(t, filepath.Join(second, "report-c5-2020.en.pdf"))
	mustContain(t, "second English report", text, "Changes since version 1 New findings: • "+report.fresh+": ", "Findings closed: • "+report.fixed+": ")
}

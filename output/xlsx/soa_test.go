package xlsx

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence/config"
)

func TestWriteSoADemo(t *testing.T) {
	res, m, soa := demoFixture(t)
	sheets, wb := workbookRows(t, renderSoA(t, "de"))
	if diff := cmp.Diff([]string{"SoA", "Legende", "Lauf", "Nachweise", "Widersprüche"}, sheets); diff != "" {
		t.Errorf("sheets (-want +got):\n%s", diff)
	}
	rows := wb["SoA"]
	var ids []string
	for _, r := range rows[1:] {
		ids = append(ids, r[0])
	}
	if diff := cmp.Diff(config.AnnexAControls(), ids); diff != "" {
		t.Fatalf("SoA rows (-want +got):\n%s", diff)
	}
	if ids[0] != "A.5.1" || ids[92] != "A.8.34" {
		t.Errorf("first and last control %s, %s", ids[0], ids[92])
	}

	col := func(h string) int { return columnOf(t, rows, h) }
	status := map[string]controls.Outcome{}
	checked := map[string]bool{} // controls with automated checks mapped
	for _, r := range res.Requirements {
		if r.Framework == controls.ISO27001 {
			status[r.ID] = r.Status
			for _, id := range r.Measures {
				if ms, ok := m.Measure(id); ok && len(ms.Checks) > 0 {
					checked[r.ID] = true
				}
			}
		}
	}
	// Measures the TOM annex states as in place (met, attested, accepted
	// exception), by the controls they support.
	statedFor := map[string]bool{}
	for _, x := range res.Measures {
		if x.Status == controls.Pass || x.Status == controls.Attested || x.Status == controls.Exception {
			if ms, ok := m.Measure(x.ID); ok {
				for _, ref := range ms.Requirements {
					statedFor[ref] = true
				}
			}
		}
	}
	tomContradictions := 0
	cited := map[string]bool{}
	for _, r := range rows[1:] {
		id := r[0]
		if got, want := cell(r, col("Verifiziertes Ergebnis")), status[id].Label("de"); got != want {
			t.Errorf("%s: verified outcome %q, want %q", id, got, want)
		}
		d, _ := soa.Control(id)
		wantFlag := ""
		switch {
		case d.Status == config.Implemented && (status[id] == controls.Fail || status[id] == controls.NoEvidence || status[id] == controls.AttestationExpired):
			wantFlag = "Widerspruch"
		case !d.Applicable && checked[id]:
			// Declared not applicable while automated checks are
			// mapped (A.8.30: secret scanning of TOM-ORG-07).
			wantFlag = "Umfang prüfen"
		case (!d.Applicable || d.Status == config.Planned) && statedFor["iso27001-2022:"+id]:
			// The TOM annex states a measure of the control as in
			// place that the SoA declares planned or not applicable.
			wantFlag = "Widerspruch"
			tomContradictions++
		}
		if got := cell(r, col("Widerspruch")); got != wantFlag {
			t.Errorf("%s: declared %q, verified %s: flag %q, want %q", id, d.Status, status[id], got, wantFlag)
		}
		if got := cell(r, col("Umsetzungsstatus (erklärt)")); got != d.Status.Label("de") {
			t.Errorf("%s: declared status %q, want %q from the declarations", id, got, d.Status.Label("de"))
		}
		for _, ev := range strings.Fields(cell(r, col("Nachweise"))) {
			cited[ev] = true
		}
	}
	if tomContradictions < 2 {
		t.Errorf("only %d contradictions between the TOM annex and the SoA in the demo (A.7.6, A.7.12, A.8.11 expected)", tomContradictions)
	}

	// The declared columns are the declarations, word for word.
	a76 := rowByID(t, rows, 0, "A.7.6")
	d76, _ := soa.Control("A.7.6")
	if got := []string{cell(a76, col("Anwendbar")), cell(a76, col("Begründung Ausschluss")), cell(a76, col("Umsetzungsstatus (erklärt)"))}; !cmp.Equal(got, []string{"Nein", d76.Exclusion.In("de"), ""}) {
		t.Errorf("A.7.6 declared columns %q", got)
	}
	// A control declared implemented whose backups fail is a contradiction,
	// with the failing checks named.
	a813 := rowByID(t, rows, 0, "A.8.13")
	if got := cell(a813, col("Widerspruch")); got != "Widerspruch" {
		t.Errorf("A.8.13 flag %q, want Widerspruch", got)
	}
	if got := cell(a813, col("Ergebnis im Detail")); !strings.HasPrefix(got, "nicht erfüllt – ") || !strings.Contains(got, "BAK-FRESH-01 (nicht erfüllt, 1 Objekt): backup/tenant/globex") {
		t.Errorf("A.8.13 detail %q", got)
	}
	if got := cell(a813, col("Risikoakzeptanz (ID / Risiko / bis)")); got != "EXC-2026-001 / R-2026-014 / bis 28.02.2027" {
		t.Errorf("A.8.13 risk acceptance %q", got)
	}
	if got := cell(a813, col("C5:2020")); !strings.Contains(got, "OPS-06") {
		t.Errorf("A.8.13 C5 cross-reference %q, want OPS-06 among them", got)
	}
	// An attested control names role and validity (document-specs §3.4).
	a51 := rowByID(t, rows, 0, "A.5.1")
	if got := cell(a51, col("Ergebnis im Detail")); !strings.HasPrefix(got, "manuell bestätigt (Informationssicherheitsbeauftragter (ISB), gültig bis ") {
		t.Errorf("A.5.1 detail %q", got)
	}

	// Nachweise holds exactly the evidence the SoA cites.
	var listed []string
	for _, r := range wb["Nachweise"][1:] {
		listed = append(listed, r[0])
	}
	if diff := cmp.Diff(sortedKeys(cited), listed); diff != "" {
		t.Errorf("Nachweise (-cited +listed):\n%s", diff)
	}
	if len(listed) == 0 {
		t.Error("no evidence cited")
	}

	// Widersprüche lists exactly the flagged controls.
	var flagged, contradictions []string
	for _, r := range rows[1:] {
		if cell(r, col("Widerspruch")) != "" {
			flagged = append(flagged, r[0])
		}
	}
	for _, r := range wb["Widersprüche"][1:] {
		contradictions = append(contradictions, r[0])
		if r[0] == "A.8.11" && !strings.Contains(strings.Join(r, " "), "Die TOM-Anlage sagt TOM-") {
			t.Errorf("Widersprüche A.8.11 does not name the stated measure: %q", r)
		}
	}
	if diff := cmp.Diff(flagged, contradictions); diff != "" || !contains(flagged, "A.8.13") {
		t.Errorf("Widersprüche (-flagged +listed):\n%s", diff)
	}

	lauf := map[string]string{}
	for _, r := range wb["Lauf"][1:] {
		lauf[r[0]] = cell(r, 1)
	}
	for k, want := range map[string]string{
		"Lauf-ID":                             res.RunID,
		"Bewertet am":                         "23.11.2026, 20:00 Uhr (MEZ)",
		"Nachweis-Bundle (SHA-256)":           res.BundleDigest,
		"Werkzeugversion":                     "0.1.0-test",
		"Organisation":                        "Beispiel Cloud GmbH",
		"Klassifizierung":                     "Vertraulich – nur für den Auftraggeber",
		"Dokument-ID":                         "SOA-2026-" + res.RunID[:8],
		"Erklärungen (Anwendbarkeit, Status)": "demo/soa.yaml (93 von 93 Controls erklärt)",
	} {
		if lauf[k] != want {
			t.Errorf("Lauf %s = %q, want %q", k, lauf[k], want)
		}
	}
	_ = m
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestWriteSoAEnglish(t *testing.T) {
	sheets, wb := workbookRows(t, renderSoA(t, "en"))
	if diff := cmp.Diff([]string{"SoA", "Legend", "Run", "Evidence", "Contradictions"}, sheets); diff != "" {
		t.Errorf("sheets (-want +got):\n%s", diff)
	}
	rows := wb["SoA"]
	a813 := rowByID(t, rows, 0, "A.8.13")
	for h, want := range map[string]string{
		"Control":                        "Information backup",
		"Applicable":                     "Yes",
		"Declared implementation status": "Implemented",
		"Verified outcome":               "not met",
		"Consistency flag":               "Contradiction",
		"Theme":                          "Technological",
	} {
		if got := cell(a813, columnOf(t, rows, h)); got != want {
			t.Errorf("A.8.13 %s = %q, want %q", h, got, want)
		}
	}
}

func TestWriteSoANotDeclared(t *testing.T) {
	res, m, soa := demoFixture(t)
	// Only two controls declared: the other 91 read "nicht erklärt".
	partial := &config.SoA{File: "soa.yaml"}
	for _, id := range []string{"A.5.1", "A.8.13"} {
		c, _ := soa.Control(id)
		partial.Controls = append(partial.Controls, c)
	}
	for _, declared := range []*config.SoA{partial, nil} {
		var buf bytes.Buffer
		if err := WriteSoA(&buf, SoAInput{Results: res, Model: m, Declared: declared, Lang: "de"}); err != nil {
			t.Fatal(err)
		}
		_, wb := workbookRows(t, buf.Bytes())
		rows := wb["SoA"]
		n := 0
		for _, r := range rows[1:] {
			if cell(r, 3) == "nicht erklärt" {
				n++
				if cell(r, 6) != "nicht erklärt" || cell(r, 4) != "" || cell(r, soaColFlag) != "nicht erklärt" {
					t.Errorf("%s: undeclared row %q", r[0], r)
				}
			}
		}
		want := 93
		if declared != nil {
			want -= len(declared.Controls)
		}
		if n != want {
			t.Errorf("%d rows not declared, want %d", n, want)
		}
		if got := len(wb["Widersprüche"]) - 1; got < want {
			t.Errorf("Widersprüche has %d rows, want at least the %d undeclared controls", got, want)
		}
	}
}

func TestSoAFlag(t *testing.T) {
	check := &controls.CheckResult{ID: "K8S-NET-01"}
	tests := []struct {
		name     string
		declared bool
		decl     config.SoAControl
		outcome  controls.Outcome
		checks   []*controls.CheckResult
		want     flag
	}{
		{"implemented, fail", true, config.SoAControl{Applicable: true, Status: config.Implemented}, controls.Fail, nil, flagContradiction},
		{"implemented, no evidence", true, config.SoAControl{Applicable: true, Status: config.Implemented}, controls.NoEvidence, nil, flagContradiction},
		{"implemented, attestation expired", true, config.SoAControl{Applicable: true, Status: config.Implemented}, controls.AttestationExpired, nil, flagContradiction},
		{"implemented, exception", true, config.SoAControl{Applicable: true, Status: config.Implemented}, controls.Exception, nil, flagNone},
		{"implemented, pass", true, config.SoAControl{Applicable: true, Status: config.Implemented}, controls.Pass, nil, flagNone},
		{"partial, fail", true, config.SoAControl{Applicable: true, Status: config.PartiallyImplemented}, controls.Fail, nil, flagNone},
		{"applicable, tool not applicable", true, config.SoAControl{Applicable: true, Status: config.Planned}, controls.NotApplicable, nil, flagCheckScope},
		{"excluded with checks", true, config.SoAControl{Applicable: false, Exclusion: config.Text{DE: "x", EN: "x"}}, controls.Fail, []*controls.CheckResult{check}, flagCheckScope},
		{"excluded, attested only", true, config.SoAControl{Applicable: false, Exclusion: config.Text{DE: "x", EN: "x"}}, controls.Attested, nil, flagNone},
		{"not declared", false, config.SoAControl{}, controls.Pass, nil, flagNotDeclared},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := soaRow{declared: tt.declared, decl: tt.decl, v: &verification{
				req: &controls.RequirementResult{ID: "A.8.22", Status: tt.outcome}, checks: tt.checks}}
			got, why := r.flag("de")
			if got != tt.want {
				t.Errorf("flag = %v (%s), want %v", got, why, tt.want)
			}
			if (got == flagNone) != (why == "") {
				t.Errorf("explanation %q for flag %v", why, got)
			}
		})
	}
}

func TestWriteSoAErrors(t *testing.T) {
	res, m, _ := demoFixture(t)
	iso := *m.Catalog(controls.ISO27001)
	short := iso
	short.Requirements = iso.Requirements[:92]
	dup := iso
	dup.Requirements = append(append([]controls.Requirement{}, iso.Requirements[:92]...), iso.Requirements[0])
	renamed := iso
	renamed.Requirements = append(append([]controls.Requirement{}, iso.Requirements[:92]...), iso.Requirements[92])
	renamed.Requirements[92].ID = "A.8.35"
	one := &config.SoA{File: "soa.yaml", Controls: []config.SoAControl{{ID: "A.8.34", Applicable: true, Status: config.Planned, Line: 7}}}
	withCatalog := func(c *controls.Catalog) *controls.Model {
		mm := *m
		mm.Catalogs = map[string]*controls.Catalog{}
		for k, v := range m.Catalogs {
			mm.Catalogs[k] = v
		}
		mm.Catalogs[controls.ISO27001] = c
		return &mm
	}
	noISO := *res
	noISO.Requirements = nil
	for _, r := range res.Requirements {
		if r.Framework != controls.ISO27001 {
			noISO.Requirements = append(noISO.Requirements, r)
		}
	}
	tests := []struct {
		name string
		in   SoAInput
		want string
	}{
		{"92 controls", SoAInput{Results: res, Model: withCatalog(&short), Declared: nil, Lang: "de"}, "write SoA: catalog iso27001-2022 has 92 controls, want the 93 of Annex A"},
		{"duplicate control", SoAInput{Results: res, Model: withCatalog(&dup), Lang: "de"}, "write SoA: catalog iso27001-2022 lists A.5.1 twice"},
		{"declared control missing from catalog", SoAInput{Results: res, Model: withCatalog(&renamed), Declared: one, Lang: "de"}, "write SoA: soa.yaml:7: control A.8.34 is not in the iso27001-2022 catalog"},
		{"results without ISO", SoAInput{Results: &noISO, Model: m, Lang: "de"}, "write SoA: the results have no outcome for A.5.1; evaluate with the iso27001 framework"},
		{"language", SoAInput{Results: res, Model: m, Lang: "fr"}, `write SoA: language "fr": want de or en`},
		{"no results", SoAInput{Model: m, Lang: "de"}, "write SoA: results and model are required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := WriteSoA(&buf, tt.in)
			if err == nil || err.Error() != tt.want {
				t.Errorf("WriteSoA error %v, want %q", err, tt.want)
			}
		})
	}
}

package xlsx

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/controls"
)

func TestWriteMatrix(t *testing.T) {
	res, m, _ := demoFixture(t)
	tests := []struct {
		framework, lang string
		rows, domains   int
		sheets          []string
		first, last     string
	}{
		{controls.C5, "de", 121, 17, []string{"Matrix", "Feststellungen", "Legende", "Lauf", "Nachweise"}, "OIS-01", "PSS-12"},
		{controls.C5, "en", 121, 17, []string{"Matrix", "Findings", "Legend", "Run", "Evidence"}, "OIS-01", "PSS-12"},
		{controls.ISO27001, "de", 93, 4, []string{"Matrix", "Feststellungen", "Legende", "Lauf", "Nachweise"}, "A.5.1", "A.8.34"},
		{controls.GDPR, "en", 27, 2, []string{"Matrix", "Findings", "Legend", "Run", "Evidence"}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.framework+"/"+tt.lang, func(t *testing.T) {
			sheets, wb := workbookRows(t, renderMatrix(t, tt.framework, tt.lang))
			if diff := cmp.Diff(tt.sheets, sheets); diff != "" {
				t.Errorf("sheets (-want +got):\n%s", diff)
			}
			rows := wb["Matrix"]
			if len(rows)-1 != tt.rows {
				t.Fatalf("%d rows, want %d", len(rows)-1, tt.rows)
			}
			cat := m.Catalog(tt.framework)
			domains := map[string]bool{}
			status := map[string]controls.Outcome{}
			for _, r := range res.Requirements {
				if r.Framework == tt.framework {
					status[r.ID] = r.Status
				}
			}
			outcomeCol := 8
			for i, r := range rows[1:] {
				if want := cat.Requirements[i].ID; r[1] != want {
					t.Fatalf("row %d: id %s, want %s (catalog order)", i+2, r[1], want)
				}
				domains[r[0]] = true
				if got, want := cell(r, outcomeCol), status[r[1]].Label(tt.lang); got != want {
					t.Errorf("%s: outcome %q, want %q", r[1], got, want)
				}
				inScope := cell(r, 3)
				if (status[r[1]] == controls.NotApplicable) != (inScope == no.In(tt.lang)) || (inScope == no.In(tt.lang)) == (cell(r, 4) == "") {
					t.Errorf("%s: in scope %q, reason %q for outcome %s", r[1], inScope, cell(r, 4), status[r[1]])
				}
			}
			if len(domains) != tt.domains {
				t.Errorf("%d domains, want %d", len(domains), tt.domains)
			}
			if tt.first != "" && (rows[1][1] != tt.first || rows[len(rows)-1][1] != tt.last) {
				t.Errorf("first %s, last %s", rows[1][1], rows[len(rows)-1][1])
			}
		})
	}
}

func TestWriteMatrixC5Content(t *testing.T) {
	res, _, _ := demoFixture(t)
	_, wb := workbookRows(t, renderMatrix(t, controls.C5, "de"))
	rows := wb["Matrix"]
	col := func(h string) int { return columnOf(t, rows, h) }

	// CRY-03: disk encryption is checked, the key management is attested:
	// partly automated (document-specs §4.3).
	cry := rowByID(t, rows, 1, "CRY-03")
	if got := cell(cry, col("Automatisierung")); got != "teilweise automatisiert" {
		t.Errorf("CRY-03 automation %q", got)
	}
	if got := cell(cry, col("Kontrollbeschreibung des Anbieters")); !strings.Contains(got, "TOM-ZGR-08 Kryptokonzept und Schlüsselverwaltung: ") {
		t.Errorf("CRY-03 provider description %q", got)
	}
	// OPS-09: the accepted exception is shown with its risk and expiry,
	// and the excepted finding stays visible.
	ops9 := rowByID(t, rows, 1, "OPS-09")
	for h, want := range map[string]string{
		"Ergebnis Basiskriterium":             "akzeptierte Abweichung (Risikoakzeptanz)",
		"Ergebnis im Detail":                  "akzeptierte Abweichung (Risikoakzeptanz) EXC-2026-001 (R-2026-014) bis 28.02.2027",
		"Risikoakzeptanz (ID / Risiko / bis)": "EXC-2026-001 / R-2026-014 / bis 28.02.2027",
		"Feststellungen":                      "BAK-OFFSITE-01 (akzeptierte Abweichung (Risikoakzeptanz), 1 Objekt): backup/tenant/globex",
		"Bereich":                             "OPS – Regelbetrieb",
	} {
		if got := cell(ops9, col(h)); got != want {
			t.Errorf("OPS-09 %s = %q, want %q", h, got, want)
		}
	}
	if got := cell(ops9, col("ISO/IEC 27001:2022")); !strings.Contains(got, "A.8.13") {
		t.Errorf("OPS-09 ISO cross-reference %q", got)
	}

	// Feststellungen: one row per open finding of the framework's checks,
	// and every cited evidence id is in Nachweise.
	findings := wb["Feststellungen"]
	want := 0
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		for _, l := range strings.Split(cell(r, col("Prüfschritte (automatisiert)")), "\n") {
			id, _, _ := strings.Cut(l, " – ")
			if id == "" || seen[id] {
				continue
			}
			seen[id] = true
			for i := range res.Checks {
				if res.Checks[i].ID == id {
					want += len(openFindings(&res.Checks[i]))
				}
			}
		}
	}
	if got := len(findings) - 1; got != want || want == 0 {
		t.Errorf("Feststellungen has %d rows, want %d", got, want)
	}
	fcol := func(h string) int { return columnOf(t, findings, h) }
	evidence := map[string]bool{}
	for _, r := range wb["Nachweise"][1:] {
		evidence[r[0]] = true
	}
	for _, r := range findings[1:] {
		for _, ev := range strings.Fields(cell(r, fcol("Nachweise"))) {
			if !evidence[ev] {
				t.Errorf("finding %s %s cites %s, which Nachweise lacks", r[0], cell(r, fcol("Objekt")), ev)
			}
		}
		if cell(r, fcol("Ergebnis")) == "erfüllt" {
			t.Errorf("finding %s is a pass", r[0])
		}
	}
	offsite := rowByID(t, findings, fcol("Prüfung"), "BAK-OFFSITE-01")
	if got := cell(offsite, fcol("Risikoakzeptanz")); got != "EXC-2026-001" {
		t.Errorf("BAK-OFFSITE-01 risk acceptance %q", got)
	}
	if got := cell(offsite, fcol("Anforderungen")); !strings.Contains(got, "OPS-09") {
		t.Errorf("BAK-OFFSITE-01 requirements %q", got)
	}
}

func TestWriteMatrixErrors(t *testing.T) {
	res, m, _ := demoFixture(t)
	c5 := *m.Catalog(controls.C5)
	c5.Requirements = c5.Requirements[1:]
	mm := *m
	mm.Catalogs = map[string]*controls.Catalog{controls.C5: &c5}
	tests := []struct {
		name string
		in   MatrixInput
		want string
	}{
		{"framework", MatrixInput{Framework: "pci", Results: res, Model: m, Lang: "de"}, `write matrix: framework "pci": want c5-2020, c5-2026, iso27001-2022, gdpr`},
		{"compare", MatrixInput{Framework: controls.C5, Compare: controls.C5_2026, Results: res, Model: m, Lang: "de"}, "write matrix: compare c5-2020 with c5-2026: only c5-2026 with c5-2020"},
		{"120 criteria", MatrixInput{Framework: controls.C5, Results: res, Model: &mm, Lang: "de"}, "write matrix: catalog c5-2020 has 120 requirements in 17 groups, want 121 in 17"},
		{"language", MatrixInput{Framework: controls.C5, Results: res, Model: m, Lang: ""}, `write matrix: language "": want de or en`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := WriteMatrix(&bytes.Buffer{}, tt.in)
			if err == nil || err.Error() != tt.want {
				t.Errorf("WriteMatrix error %v, want %q", err, tt.want)
			}
		})
	}
}

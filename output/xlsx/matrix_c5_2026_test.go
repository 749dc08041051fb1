package xlsx

import (
	"bytes"
	"strings"
	"testing"

	"github.com/nachweis/nachweis/controls"
)

func renderC5v2026(tb testing.TB, lang string, compare bool) []byte {
	tb.Helper()
	res, m, _ := demoFixture(tb)
	in := MatrixInput{Framework: controls.C5_2026, Results: res, Model: m, Lang: lang, Meta: demoMeta()}
	if compare {
		in.Compare = controls.C5
	}
	var buf bytes.Buffer
	if err := WriteMatrix(&buf, in); err != nil {
		tb.Fatalf("WriteMatrix: %v", err)
	}
	return buf.Bytes()
}

// TestWriteMatrixC5v2026 reads back the C5:2026 matrix: one row per
// sub-criterion (623) with its type and the criterion's German title; a
// basic sub-criterion carries the criterion's outcome, an additional one
// the demo provider has not put in scope is out of scope without an
// outcome; dataset separation (OPS-31) has the outcome of C5:2020 OPS-24.
func TestWriteMatrixC5v2026(t *testing.T) {
	res, m, _ := demoFixture(t)
	_, wb := workbookRows(t, renderC5v2026(t, "de", false))
	rows := wb["Matrix"]
	if len(rows)-1 != 623 {
		t.Fatalf("%d rows, want 623 sub-criteria", len(rows)-1)
	}
	col := func(h string) int { return columnOf(t, rows, h) }
	status := map[string]controls.Outcome{}
	for _, r := range res.Requirements {
		status[r.Framework+":"+r.ID] = r.Status
	}
	types := map[string]int{}
	var i int
	cat := m.Catalog(controls.C5_2026)
	for _, req := range cat.Requirements {
		for _, s := range req.Subcriteria {
			i++
			r := rows[i]
			if r[1] != req.ID || cell(r, col("Teilkriterium")) != s.ID {
				t.Fatalf("row %d: %s %s, want %s %s", i+1, r[1], cell(r, col("Teilkriterium")), req.ID, s.ID)
			}
			types[cell(r, col("Typ"))]++
			if got := cell(r, col("Titel")); got != req.Title.DE {
				t.Errorf("%s: title %q, want the German %q", s.ID, got, req.Title.DE)
			}
			outcome := cell(r, col("Ergebnis Basiskriterium"))
			switch {
			case s.Type == controls.Basic && outcome != status["c5-2026:"+req.ID].Label("de"):
				t.Errorf("%s: outcome %q, want the criterion's %s", s.ID, outcome, status["c5-2026:"+req.ID])
			case s.Type != controls.Basic && (outcome != "–" || cell(r, col("Im Umfang")) != "Nein" || !strings.Contains(cell(r, col("Begründung (nicht im Umfang)")), "Zusatzkriterium")):
				t.Errorf("%s: additional, not declared, but outcome %q, in scope %q", s.ID, outcome, cell(r, col("Im Umfang")))
			}
		}
	}
	want := map[string]int{"Basis": 462, "Zusatz (ergänzend)": 132, "Zusatz (verschärfend)": 29}
	for k, v := range want {
		if types[k] != v {
			t.Errorf("%d rows of type %q, want %d (%v)", types[k], k, v, types)
		}
	}
	ops31 := rowByID(t, rows, col("Teilkriterium"), "OPS-31.01B")
	if got, want := cell(ops31, col("Ergebnis Basiskriterium")), status["c5-2020:OPS-24"].Label("de"); got != want || status["c5-2020:OPS-24"] == "" {
		t.Errorf("OPS-31.01B outcome %q, want C5:2020 OPS-24's %q", got, want)
	}
	if got := cell(ops31, col("Kontrollbeschreibung des Anbieters")); !strings.Contains(got, "TOM-TRN-01") {
		t.Errorf("OPS-31 measures %q lack the namespace isolation", got)
	}
	ops24 := rowByID(t, rows, col("Teilkriterium"), "OPS-24.01B")
	if got := cell(ops24, col("Kontrollbeschreibung des Anbieters")); strings.Contains(got, "TOM-TRN-01") || !strings.Contains(got, "TOM-AUF-08") {
		t.Errorf("2026 OPS-24 measures %q: want the incident notification, not the dataset separation", got)
	}
	if _, ok := wb["Umstieg C5-2026"]; ok {
		t.Error("migration sheet without --compare")
	}
}

// TestWriteMatrixC5v2026Compare reads back the migration sheet: one row
// per C5:2020 criterion and target (121 criteria, OIS-07 and OPS-18 split
// in two, CRY-04 in twelve: 134) and one per criterion new in C5:2026
// (35); 2020 OPS-24 went to OPS-31, and a new criterion without measure
// needs a new attestation.
func TestWriteMatrixC5v2026Compare(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			sheets, wb := workbookRows(t, renderC5v2026(t, lang, true))
			name := sheetMigration.In(lang)
			if sheets[1] != name {
				t.Fatalf("sheets %v, want %s second", sheets, name)
			}
			rows := wb[name]
			if len(rows)-1 != 134+35 {
				t.Fatalf("%d rows, want 169", len(rows)-1)
			}
			col := func(h controls.Text) int { return columnOf(t, rows, h.In(lang)) }
			ops24 := rowByID(t, rows, 0, "OPS-24")
			if cell(ops24, col(hdr("C5:2026"))) != "OPS-31" || cell(ops24, col(hdr("Änderung", "Change"))) != controls.Moved.Label(lang) {
				t.Errorf("2020 OPS-24 went to %q (%q), want OPS-31 (moved)", cell(ops24, col(hdr("C5:2026"))), cell(ops24, col(hdr("Änderung", "Change"))))
			}
			if got := cell(ops24, col(hdr("Bewertung durch nachweis heute", "Assessed by nachweis today"))); got != hdr("teilweise automatisiert; Bestätigungen für C5:2026 erneuern", "partly automated; renew the attestations for C5:2026").In(lang) {
				t.Errorf("OPS-31 assessed today: %q", got)
			}
			if a, b := cell(ops24, col(hdr("Ergebnis C5:2020", "Outcome C5:2020"))), cell(ops24, col(hdr("Ergebnis C5:2026", "Outcome C5:2026"))); a != b || a == "–" {
				t.Errorf("2020 OPS-24 %q and 2026 OPS-31 %q disagree", a, b)
			}
			ops34 := rowByID(t, rows, col(hdr("C5:2026")), "OPS-34")
			if cell(ops34, 0) != "–" || cell(ops34, col(hdr("Änderung", "Change"))) != relationNew.In(lang) ||
				cell(ops34, col(hdr("Bewertung durch nachweis heute", "Assessed by nachweis today"))) != hdr("keine Maßnahme; neue Bestätigung nötig", "no measure; needs a new attestation").In(lang) {
				t.Errorf("OPS-34 row %q", ops34)
			}
			cry := 0
			for _, r := range rows[1:] {
				if r[0] == "CRY-04" {
					cry++
				}
			}
			if cry != 12 {
				t.Errorf("CRY-04 split into %d rows, want 12", cry)
			}
		})
	}
}

// hdr is a header in both languages; one argument when they are equal.
func hdr(s ...string) controls.Text {
	if len(s) == 1 {
		return t(s[0], s[0])
	}
	return t(s[0], s[1])
}

// TestLibreOfficeReadsC5v2026Matrix: LibreOffice opens the C5:2026
// matrix with its 623 sub-criterion rows and the migration sheet.
func TestLibreOfficeReadsC5v2026Matrix(t *testing.T) {
	t.Parallel()
	wb := libreOfficeSheets(t, "c5-2026", renderC5v2026(t, "de", true), "Matrix", "Umstieg C5-2026")
	rows := wb["Matrix"]
	if len(rows) != 624 || rows[1][1] != "OIS-01" || rows[1][2] != "OIS-01.01B" || rows[623][2] != "PSS-12.02AC" {
		t.Fatalf("Matrix: %d rows, first %q, last %q", len(rows), rows[1], rows[len(rows)-1])
	}
	if got := rows[1][3]; got != "Basis" {
		t.Errorf("OIS-01.01B type %q", got)
	}
	if got := wb["Umstieg C5-2026"]; len(got) != 170 {
		t.Errorf("Umstieg C5:2026: %d rows, want 170", len(got))
	}
}

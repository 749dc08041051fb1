package xlsx

import (
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nachweis/nachweis/controls"
)

// csvExport is LibreOffice's CSV filter with options: comma, double
// quotes, UTF-8 (76), and -1 as the last token to export every sheet
// into <file>-<sheet>.csv (verified on LibreOffice 7.4).
const csvExport = `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1`

// libreOfficeSheets opens an XLSX with real LibreOffice headless and
// returns every sheet as CSV rows. The test is skipped when soffice is
// missing, unless NACHWEIS_REQUIRE_TOOLS is set.
func libreOfficeSheets(t *testing.T, name string, data []byte, sheets ...string) map[string][][]string {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("NACHWEIS_REQUIRE_TOOLS") == "" {
			t.Skip("soffice not installed (set NACHWEIS_REQUIRE_TOOLS to make this a failure)")
		}
		t.Fatalf("soffice required: %v", err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, name+".xlsx")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "csv")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// An own profile per test, so that parallel runs do not collide.
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--norestore", "--convert-to", csvExport, "--outdir", out, in)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	got := map[string][][]string{}
	for _, s := range sheets {
		f, err := os.Open(filepath.Join(out, name+"-"+s+".csv"))
		if err != nil {
			entries, _ := os.ReadDir(out)
			t.Fatalf("sheet %s not exported: %v (have %v)", s, err, entries)
		}
		r := csv.NewReader(f)
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		f.Close()
		if err != nil {
			t.Fatalf("read CSV of sheet %s: %v", s, err)
		}
		got[s] = rows
	}
	return got
}

func TestLibreOfficeReadsSoA(t *testing.T) {
	t.Parallel()
	wb := libreOfficeSheets(t, "soa", renderSoA(t, "de"), "SoA", "Legende", "Lauf", "Nachweise", "Widersprüche")
	rows := wb["SoA"]
	if len(rows) != 94 || rows[1][0] != "A.5.1" || rows[93][0] != "A.8.34" {
		t.Fatalf("SoA: %d rows, first %q, last %q", len(rows), rows[1][0], rows[len(rows)-1][0])
	}
	col := func(h string) int { return columnOf(t, rows, h) }
	for _, h := range []string{"Begründung Ausschluss", "Letzte Überprüfung", "Bestätigung (von / am / gültig bis)"} {
		col(h) // umlauts survive in headers
	}
	a813 := rowByID(t, rows, 0, "A.8.13")
	for h, want := range map[string]string{
		"Maßnahme":                   "Sicherung von Informationen",
		"Umsetzungsstatus (erklärt)": "Umgesetzt",
		"Verifiziertes Ergebnis":     "nicht erfüllt",
		"Widerspruch":                "Widerspruch",
		"Geprüft am":                 "23.11.2026, 20:00 Uhr (MEZ)",
	} {
		if got := cell(a813, col(h)); got != want {
			t.Errorf("A.8.13 %s = %q, want %q", h, got, want)
		}
	}
	a76 := rowByID(t, rows, 0, "A.7.6")
	if got := cell(a76, col("Begründung Ausschluss")); !strings.HasPrefix(got, "Keine eigenen Sicherheitsbereiche: Produktionssysteme stehen ausschließlich") {
		t.Errorf("A.7.6 exclusion %q", got)
	}
	labels := map[string]bool{}
	for _, r := range wb["Legende"] {
		labels[cell(r, 1)] = true
	}
	for _, o := range controls.Outcomes {
		if !labels[o.Label("de")] {
			t.Errorf("Legende lacks %q", o.Label("de"))
		}
	}
	if got := wb["Widersprüche"]; len(got) < 2 || !contains(firstColumn(got), "A.8.13") {
		t.Errorf("Widersprüche: %q", got)
	}
	if len(wb["Nachweise"]) < 2 || !strings.HasPrefix(wb["Nachweise"][1][0], "EV-") {
		t.Errorf("Nachweise: %q", wb["Nachweise"])
	}
}

func TestLibreOfficeReadsMatrix(t *testing.T) {
	t.Parallel()
	wb := libreOfficeSheets(t, "c5", renderMatrix(t, controls.C5, "de"), "Matrix", "Feststellungen", "Lauf")
	rows := wb["Matrix"]
	if len(rows) != 122 || rows[1][1] != "OIS-01" {
		t.Fatalf("Matrix: %d rows, first %q", len(rows), rows[1])
	}
	col := func(h string) int { return columnOf(t, rows, h) }
	ops9 := rowByID(t, rows, 1, "OPS-09")
	if got := cell(ops9, col("Ergebnis Basiskriterium")); got != "akzeptierte Abweichung (Risikoakzeptanz)" {
		t.Errorf("OPS-09 outcome %q", got)
	}
	if got := cell(ops9, col("Kontrollbeschreibung des Anbieters")); !strings.Contains(got, "Sicherungskopien an einem zweiten Standort in der EU") {
		t.Errorf("OPS-09 provider description %q", got)
	}
	findings := wb["Feststellungen"]
	if len(findings) < 2 || findings[0][0] != "Prüfung" {
		t.Fatalf("Feststellungen: %q", findings)
	}
	var lauf []string
	for _, r := range wb["Lauf"] {
		lauf = append(lauf, strings.Join(r, "="))
	}
	if !contains(lauf, "Art der Bewertung=Selbstbewertung – kein Testat, kein Zertifikat") {
		t.Errorf("Lauf: %q", lauf)
	}
}

func firstColumn(rows [][]string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = cell(r, 0)
	}
	return out
}

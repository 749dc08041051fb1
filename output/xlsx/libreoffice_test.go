package xlsx

import (
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/nachweis/nachweis/controls"
)

// csvExport is LibreOffice's CSV filter with options: comma, double
// quotes, UTF-8 (76), cell contents as shown (the 9th token: a date in
// its cell's number format; without it LibreOffice writes dates in the
// format of its own locale), and -1 as the last token to export every
// sheet into <file>-<sheet>.csv (verified on LibreOffice 7.4).
const csvExport = `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1`

// soffice converts the files with real LibreOffice headless into outDir
// with the filter (e.g. csvExport or "fods") and returns outDir. The test
// is skipped when soffice is missing, unless NACHWEIS_REQUIRE_TOOLS is
// set.
func soffice(t *testing.T, filter string, files map[string][]byte) string {
	t.Helper()
	bin, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("NACHWEIS_REQUIRE_TOOLS") == "" {
			t.Skip("soffice not installed (set NACHWEIS_REQUIRE_TOOLS to make this a failure)")
		}
		t.Fatalf("soffice required: %v", err)
	}
	dir := t.TempDir()
	args := []string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--headless", "--norestore", "--convert-to", filter, "--outdir", filepath.Join(dir, "out")}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		in := filepath.Join(dir, name+".xlsx")
		if err := os.WriteFile(in, files[name], 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, in)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// An own profile per test, so that parallel runs do not collide.
	if b, err := exec.CommandContext(ctx, bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	return filepath.Join(dir, "out")
}

// csvSheet reads the CSV LibreOffice exported of a workbook's sheet.
func csvSheet(t *testing.T, dir, name, sheet string) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, name+"-"+sheet+".csv"))
	if err != nil {
		entries, _ := os.ReadDir(dir)
		t.Fatalf("sheet %s not exported: %v (have %v)", sheet, err, entries)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("read CSV of sheet %s: %v", sheet, err)
	}
	return rows
}

// libreOfficeSheets opens an XLSX with real LibreOffice headless and
// returns the given sheets as CSV rows, every cell as shown.
func libreOfficeSheets(t *testing.T, name string, data []byte, sheets ...string) map[string][][]string {
	t.Helper()
	dir := soffice(t, csvExport, map[string][]byte{name: data})
	got := map[string][][]string{}
	for _, s := range sheets {
		got[s] = csvSheet(t, dir, name, s)
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
		"Geprüft am":                 "23.11.2026",
	} {
		if got := cell(a813, col(h)); got != want {
			t.Errorf("A.8.13 %s = %q, want %q", h, got, want)
		}
	}
	a76 := rowByID(t, rows, 0, "A.7.6")
	if got := cell(a76, col("Begründung Ausschluss")); !strings.HasPrefix(got, "Keine eigenen Sicherheitsbereiche: Produktionssysteme stehen ausschließlich") {
		t.Errorf("A.7.6 exclusion %q", got)
	}
	// The legend lists the outcomes the sheets show, and no other.
	labels := map[string]bool{}
	for _, r := range wb["Legende"] {
		if cell(r, 0) == "Verifiziertes Ergebnis" {
			labels[cell(r, 1)] = true
		}
	}
	shown := map[string]bool{}
	for _, r := range rows[1:] {
		shown[cell(r, col("Verifiziertes Ergebnis"))] = true
	}
	for _, o := range controls.Outcomes {
		if l := o.Label("de"); labels[l] != shown[l] {
			t.Errorf("Legende lists %q: %v, the SoA shows it: %v", l, labels[l], shown[l])
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

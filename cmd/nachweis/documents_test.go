package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// needTool fails the test when a reader of our outputs is missing: the
// document tests run against the real tools (make deps installs them),
// never skip.
func needTool(t *testing.T, tool string) {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Fatalf("%s is not installed: run make deps (installs poppler-utils, qpdf and libreoffice-calc)", tool)
	}
}

// pdfText checks a PDF with qpdf and returns its text as pdftotext reads it.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	needTool(t, "qpdf")
	needTool(t, "pdftotext")
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check %s: %v\n%s", path, err, out)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	// Lines wrap wherever the layout breaks them (title page, table
	// cells); compare words, not line breaks. A word hyphenated at a line
	// end (the soft hyphen U+00AD the renderer draws there) is joined, and
	// so is a name broken after a slash or before a hyphen or dot of its
	// own.
	text := strings.ReplaceAll(string(out), "\u00ad\n", "")
	text = slashBreak.ReplaceAllString(text, "/")
	text = nameBreak.ReplaceAllString(text, "$1")
	return strings.Join(strings.Fields(text), " ")
}

// slashBreak is a line end after a slash inside a name.
var slashBreak = regexp.MustCompile(`/\n[^\S\n]*`)

// nameBreak is a line end before a hyphen or dot inside a name.
var nameBreak = regexp.MustCompile(`\n[^\S\n]*([-.]\S)`)

// xlsxCSV converts every sheet of a spreadsheet to CSV with LibreOffice and
// returns the CSV text per sheet name.
func xlsxCSV(t *testing.T, path string) map[string]string {
	t.Helper()
	needTool(t, "soffice")
	out := t.TempDir()
	profile := "file://" + filepath.ToSlash(t.TempDir())
	cmd := exec.Command("soffice", "-env:UserInstallation="+profile, "--headless", "--convert-to",
		`csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1`, "--outdir", out, path)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice --convert-to csv %s: %v\n%s", path, err, b)
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	files, _ := filepath.Glob(filepath.Join(out, base+"*.csv"))
	if len(files) == 0 {
		t.Fatalf("soffice wrote no CSV for %s", path)
	}
	sheets := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimPrefix(strings.TrimSuffix(filepath.Base(f), ".csv"), base)
		sheets[strings.TrimPrefix(name, "-")] = string(b)
	}
	return sheets
}

func mustContain(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

// TestDemoRendersEveryDocument is the README's first command: every
// document of the demo provider, read back by real readers, byte-identical
// when rendered again with the same clock.
func TestDemoRendersEveryDocument(t *testing.T) {
	dir := t.TempDir()
	out, errOut, code := nachweis(t, nil, "demo", "-o", dir, "--now", demoNow)
	if code != exitOK {
		t.Fatalf("demo exit %d: %s", code, errOut)
	}
	mustContain(t, "demo's stderr", errOut, filepath.Join(dir, "tom-acme.de.pdf")+": draft, ", "; internal release checklist: "+filepath.Join(dir, "tom-acme.release-checklist.de.md"))
	// The results of the reports and of each annex, for --previous of
	// the next version.
	want := []string{"results.json", "results-acme.json", "results-globex.json", "results-initech.json"}
	for _, lang := range []string{"de", "en"} {
		for _, tenant := range []string{"acme", "globex", "initech"} {
			// Every demo annex is a draft: its blockers go to an
			// internal release checklist beside it.
			want = append(want, "tom-"+tenant+"."+lang+".pdf", "tom-"+tenant+".release-checklist."+lang+".md")
		}
		for _, fw := range []string{"c5-2020", "c5-2026", "gdpr", "iso27001-2022"} {
			want = append(want, "report-"+fw+"."+lang+".pdf", "matrix-"+fw+"."+lang+".xlsx")
		}
		want = append(want, "soa."+lang+".xlsx")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, e := range entries {
		got[e.Name()] = true
	}
	for _, w := range want {
		if !got[w] {
			t.Errorf("demo did not write %s", w)
		}
		mustContain(t, "demo's stdout", out, filepath.Join(dir, w))
	}
	if len(got) != len(want) {
		t.Errorf("demo wrote %d entries, want %d (no staging left behind): %v", len(got), len(want), got)
	}

	tomDE := pdfText(t, filepath.Join(dir, "tom-acme.de.pdf"))
	mustContain(t, "TOM annex (de)", tomDE,
		"Technische und organisatorische Maßnahmen", "Art. 32 DSGVO", "ACME GmbH", "AVV-2025-017",
		"Beispiel Cloud GmbH", "Musterstraße", "Entwurf", "Seite 1 von", "Zugriffskontrolle", "Verfügbarkeitskontrolle",
		"manuell bestätigt", "Hetzner Online GmbH")
	tomEN := pdfText(t, filepath.Join(dir, "tom-acme.en.pdf"))
	mustContain(t, "TOM annex (en)", tomEN, "Technical and organisational measures", "Draft", "Page 1 of", "attested (manual)")
	if strings.Contains(tomEN, "erfüllt") || strings.Contains(tomDE, "attested (manual)") {
		t.Error("a TOM annex mixes the languages' outcome labels")
	}
	report := pdfText(t, filepath.Join(dir, "report-c5-2020.de.pdf"))
	mustContain(t, "C5 report (de)", report, "Selbstbewertung", "kein Testat", "OPS-06", "nicht erfüllt",
		"nicht bewertet – Nachweis fehlt", "akzeptierte Abweichung (Risikoakzeptanz)", "Seite 1 von")
	for _, banned := range []string{"in allen wesentlichen Belangen"} {
		if strings.Contains(report, banned) {
			t.Errorf("the report uses auditor-opinion language %q", banned)
		}
	}
	// The German report names the criteria by the BSI's German titles.
	mustContain(t, "C5 report (de)", report, "Informationssicherheitsmanagementsystem (ISMS)", "Leitlinie zur Informationssicherheit",
		"Vorgaben zur Datensicherung und Wiederherstellung – Konzept", "Vertraulich – intern")
	for _, english := range []string{"Information Security Management System", "Data Backup and Recovery", "Capacity Management"} {
		if strings.Contains(report, english) {
			t.Errorf("the German C5 report shows the English title %q", english)
		}
	}
	soa := xlsxCSV(t, filepath.Join(dir, "soa.de.xlsx"))
	var soaText string
	for _, s := range soa {
		soaText += s
	}
	mustContain(t, "SoA (de)", soaText, "A.5.1", "A.8.34", "Widerspruch", "manuell bestätigt", "Umgesetzt")
	matrix := xlsxCSV(t, filepath.Join(dir, "matrix-c5-2020.de.xlsx"))
	var matrixText string
	for _, s := range matrix {
		matrixText += s
	}
	mustContain(t, "C5 matrix (de)", matrixText, "OIS-01", "PSS-12", "OPS-06", "nicht erfüllt")

	// Same evidence and clock: byte-identical files.
	again := t.TempDir()
	if _, errOut, code := nachweis(t, nil, "demo", "-o", again, "--now", demoNow); code != exitOK {
		t.Fatalf("second demo exit %d: %s", code, errOut)
	}
	for _, w := range want {
		a, _ := os.ReadFile(filepath.Join(dir, w))
		b, _ := os.ReadFile(filepath.Join(again, w))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s differs between two renders with the same clock", w)
		}
	}
}

func TestTOMCommand(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "acme.pdf")
	_, errOut, code := nachweis(t, nil, "tom", "--demo", "--tenant", "globex", "--lang", "de", "--now", demoNow, "-o", file)
	if code != exitOK {
		t.Fatalf("tom exit %d: %s", code, errOut)
	}
	mustContain(t, "globex annex", pdfText(t, file), "Globex Logistik AG", "AVV-2024-102", "EXC-2026-001")
	// The draft's blockers are in a private checklist beside it, and
	// summarised on stderr.
	list := filepath.Join(dir, "acme.release-checklist.de.md")
	b, err := os.ReadFile(list)
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, "release checklist", string(b), "# Interne Freigabeliste: TOM-Anlage Globex Logistik AG", "**Vertraulich – intern.**", "Prüfung K8S-NET-01 nicht erfüllt für prod/namespace/globex-prod")
	if fi, err := os.Stat(list); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("release checklist mode %v (%v), want 0600", fi.Mode(), err)
	}
	mustContain(t, "stderr", errOut, file+": draft, ", "TOM-TRN-01", "; internal release checklist: "+list)
	other := filepath.Join(dir, "elsewhere.md")
	if _, errOut, code := nachweis(t, nil, "tom", "--demo", "--tenant", "acme", "--now", demoNow, "-o", os.DevNull, "--checklist", other); code != exitOK || !strings.Contains(errOut, other) {
		t.Fatalf("tom --checklist exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("--checklist: %v", err)
	}
	if _, errOut, code := nachweis(t, nil, "tom", "--demo", "--tenant", "acme", "--now", demoNow, "-o", os.DevNull); code != exitOK ||
		!strings.Contains(errOut, "no release checklist written: -o is not a file; give --checklist FILE") {
		t.Errorf("tom -o /dev/null exit %d: %s", code, errOut)
	}

	all := filepath.Join(dir, "all")
	out, errOut, code := nachweis(t, nil, "tom", "--demo", "--all-tenants", "--lang", "en", "--now", demoNow, "-o", all)
	if code != exitOK {
		t.Fatalf("tom --all-tenants exit %d: %s", code, errOut)
	}
	entries, _ := os.ReadDir(all)
	if len(entries) != 6 {
		t.Fatalf("--all-tenants wrote %d entries, want 3 annexes and their 3 release checklists, nothing else", len(entries))
	}
	mustContain(t, "stderr", errOut, filepath.Join(all, "tom-initech.release-checklist.en.md"))
	mustContain(t, "stdout", out, "tom-acme.en.pdf", "tom-globex.en.pdf", "tom-initech.en.pdf")
}

func TestDocumentCommandsRejectBadInput(t *testing.T) {
	dir := t.TempDir()
	misspelt := filepath.Join(dir, "tmpl")
	if err := os.MkdirAll(misspelt, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(misspelt, "tom.fr.md.tmpl"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(dir, "broken")
	if err := os.MkdirAll(broken, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(broken, "tom.de.md.tmpl"), []byte("# Titel\n\n{{ .NoSuchField }}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.pdf")
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no tenant", []string{"tom", "--demo", "-o", out}, exitUsage, "give either --tenant ID or --all-tenants"},
		{"both tenant flags", []string{"tom", "--demo", "--tenant", "acme", "--all-tenants", "-o", out}, exitUsage, "either --tenant"},
		{"unknown tenant", []string{"tom", "--demo", "--tenant", "nosuch", "-o", out}, exitError, "known: acme, globex, initech"},
		{"bad language", []string{"tom", "--demo", "--tenant", "acme", "--lang", "fr", "-o", out}, exitUsage, `--lang "fr": expected de or en`},
		{"no output", []string{"report", "--demo", "--framework", "c5"}, exitUsage, "give -o FILE"},
		{"bad framework", []string{"report", "--demo", "--framework", "pci", "-o", out}, exitUsage, `--framework "pci": expected c5-2020, c5-2026, iso27001-2022 or gdpr (c5 = c5-2020, iso27001 = iso27001-2022)`},
		{"misspelt template", []string{"tom", "--demo", "--tenant", "acme", "--template-dir", misspelt, "-o", out}, exitUsage, "tom.fr.md.tmpl does not name a template"},
		{"broken template", []string{"tom", "--demo", "--tenant", "acme", "--template-dir", broken, "-o", out}, exitError, filepath.Join(broken, "tom.de.md.tmpl") + ":3:3"},
		{"SoA without declarations", []string{"soa", "--bundle", dir, "-o", filepath.Join(dir, "soa.xlsx")}, exitUsage, "no SoA declarations"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := nachweis(t, nil, tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.msg) {
				t.Fatalf("exit %d, stderr %q; want exit %d with %q", code, errOut, tt.code, tt.msg)
			}
			if strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
				t.Errorf("want one line on stderr, got:\n%s", errOut)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("a failed run left %s behind", out)
			}
			left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
			if len(left) > 0 {
				t.Errorf("a failed run left temporary files: %v", left)
			}
		})
	}
}

// A template override is used, and German text with every special
// character survives the whole path to the PDF.
func TestTemplateOverride(t *testing.T) {
	dir := t.TempDir()
	tmpl := filepath.Join(dir, "tmpl")
	if err := os.MkdirAll(tmpl, 0o755); err != nil {
		t.Fatal(err)
	}
	text := "# Übersicht für {{ .Customer.Name }}\n\nGrößenangaben: 12 € – § 9 „Zitat“ ÄÖÜäöüß\n"
	if err := os.WriteFile(filepath.Join(tmpl, "tom.de.md.tmpl"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "tom.pdf")
	if _, errOut, code := nachweis(t, nil, "tom", "--demo", "--tenant", "acme", "--template-dir", tmpl, "--now", demoNow, "-o", file); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	mustContain(t, "overridden annex", pdfText(t, file), "Übersicht für ACME GmbH", "12 € – § 9 „Zitat“ ÄÖÜäöüß")
}

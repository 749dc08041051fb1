package main

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/nachweis/nachweis/controls/l10n"
)

// TestTOMStatesTheDeclaredValues reads acme's German annex as its DPO
// would (pdftotext): every measure that has a declared value states it —
// the maximum age of the newest backup, the retention tiers and how long
// the longest copy is kept, the sites, the integrity interval, the number
// of GitHub owners, the Dependabot deadline — and none of them says
// "festgelegt" instead.
func TestTOMStatesTheDeclaredValues(t *testing.T) {
	file := filepath.Join(t.TempDir(), "tom-acme.de.pdf")
	if _, errOut, code := nachweis(t, nil, "tom", "--demo", "--tenant", "acme", "--lang", "de", "--now", demoNow, "-o", file); code != exitOK {
		t.Fatalf("tom exit %d: %s", code, errOut)
	}
	pdfText(t, file) // qpdf --check
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(out), "\u00ad\n", "") // a word hyphenated at a line end
	day := 24 * time.Hour
	values := map[string][]string{
		"TOM-VER-02": {"höchstens " + l10n.Duration("de", 26*time.Hour) + " alt"},
		"TOM-VER-04": {"web01 (restic): 7 täglich / 4 wöchentlich / 6 monatlich", "files01 (BorgBackup): 7 täglich / 4 wöchentlich",
			l10n.Duration("de", 154*day) + " (web01)", l10n.Duration("de", 35*day) + " (files01)"},
		"TOM-VER-05": {"Falkenstein (DE) → Helsinki (FI)"},
		"TOM-VER-06": {"höchstens " + l10n.Duration("de", 7*day) + " zurück"},
		"TOM-ZGR-03": {"höchstens 3 Eigentümer"},
		"TOM-VER-13": {"spätestens " + l10n.Duration("de", 30*day) + " nach ihrer Meldung"},
		"TOM-EIN-03": {"(registry.beispiel-cloud.de)"},
		"TOM-AUF-09": {"Falkenstein (DE) und Helsinki (FI)"},
	}
	heading := regexp.MustCompile(`(?m)^(TOM-[A-Z]{3}-[0-9]{2}) `)
	blocks := map[string]string{}
	locs := heading.FindAllStringSubmatchIndex(text, -1)
	for i, l := range locs {
		end := len(text)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		id := text[l[2]:l[3]]
		if _, seen := blocks[id]; !seen { // the body comes before the annexes
			blocks[id] = text[l[0]:end]
		}
	}
	for id, want := range values {
		block, ok := blocks[id]
		if !ok {
			t.Errorf("%s: no measure heading in the annex", id)
			continue
		}
		flat := strings.Join(strings.Fields(block), " ")
		for _, w := range want {
			if !strings.Contains(flat, w) {
				t.Errorf("%s does not state %q:\n%s", id, w, flat)
			}
		}
		if strings.Contains(strings.ToLower(flat), "festgelegt") {
			t.Errorf("%s says \"festgelegt\" where a value is declared:\n%s", id, flat)
		}
	}
	if !strings.Contains(text, "Längste Aufbewahrung einer Kopie") {
		t.Error("section 9 has no longest retention per backup repository")
	}
}

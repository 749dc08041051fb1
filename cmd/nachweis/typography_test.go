package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDemoTypography reads every PDF of the demo (TOM annexes and reports,
// German and English) back with pdftotext: dashes are en dashes, quotes are German
// („…“) or English (“…”) typographic quotes, apostrophes are ’, and no
// page ends with a heading. Text that reproduces evidence or a rule's
// message verbatim (anything in results.json) is quoted as it is and
// exempt.
func TestDemoTypography(t *testing.T) {
	needTool(t, "pdftotext")
	dir := t.TempDir()
	if _, errOut, code := nachweis(t, nil, "demo", "-o", dir, "--now", demoNow); code != exitOK {
		t.Fatalf("demo exit %d: %s", code, errOut)
	}
	verbatim := resultStrings(t, filepath.Join(dir, "results.json"))
	pdfs, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if len(pdfs) != 14 {
		t.Fatalf("demo wrote %d PDFs, want 14", len(pdfs))
	}
	for _, path := range pdfs {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext %s: %v", name, err)
			}
			wrong := glyphRules(strings.Contains(name, ".de."))
			for n, line := range strings.Split(string(out), "\n") {
				for _, rule := range wrong {
					for _, m := range rule.re.FindAllString(line, -1) {
						if !contains(verbatim, strings.TrimSpace(strings.TrimSuffix(m, "\u00ad"))) {
							t.Errorf("line %d: %s: %q in %q", n+1, rule.what, m, line)
						}
					}
				}
			}
			layout, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext -layout %s: %v", name, err)
			}
			for i, page := range strings.Split(string(layout), "\f") {
				if last := lastBodyLine(page); headingPattern.MatchString(last) {
					t.Errorf("page %d ends with the heading %q", i+1, last)
				}
			}
		})
	}
}

type glyphRule struct {
	what string
	re   *regexp.Regexp
}

func glyphRules(german bool) []glyphRule {
	rules := []glyphRule{
		{"a hyphen between spaces used as a dash (want –)", regexp.MustCompile(`\S{0,12} - \S{0,12}`)},
		{"a straight quote around words", regexp.MustCompile(`(?:^|[\s(\[])"[^"]*\pL\pL[^"]*"`)},
		{"a straight apostrophe (want ’)", regexp.MustCompile(`\pL{0,8}'\pL+`)},
	}
	if german {
		return append(rules, glyphRule{"an English closing quote in German text (want „…“)", regexp.MustCompile(`\S{0,12}”`)})
	}
	return append(rules, glyphRule{"a German opening quote in English text (want “…”)", regexp.MustCompile(`„\S{0,12}`)})
}

// headingPattern matches the heading lines of the TOM annex and the
// report as pdftotext -layout prints them: numbered sections, annexes,
// measures and findings, and the unnumbered headings.
var headingPattern = regexp.MustCompile(`^(\d{1,2}(\.\d{1,2}){0,2} \p{Lu}[^.]*|(Anhang|Anlage|Annex) [A-Z]\b.*|TOM-[A-Z]{3}-\d{2} \p{Lu}.*|F-[A-Z0-9-]+ – .*|Offene Punkte vor der Freigabe|Open items before release|Nachweisverzeichnis|Evidence index)$`)

// lastBodyLine is the last line above a page's footer, with its spaces
// collapsed; a table row (columns apart) or an entry of the contents (dot
// leader) is never a heading and gives "".
func lastBodyLine(page string) string {
	lines := strings.Split(page, "\n")
	footer := regexp.MustCompile(`(Seite|Page) \d+ (von|of) \d+\s*$`)
	end := len(lines)
	for i := len(lines) - 1; i >= 0; i-- {
		if footer.MatchString(lines[i]) {
			end = i
			break
		}
	}
	for i := end - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if l == "" {
			continue
		}
		if strings.Contains(l, "   ") || strings.Contains(l, ". .") || strings.Contains(l, "..") {
			return ""
		}
		return strings.Join(strings.Fields(l), " ")
	}
	return ""
}

// resultStrings returns every string of the results file: evidence values
// and rule messages that documents quote verbatim.
func resultStrings(t *testing.T, path string) []string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			out = append(out, v)
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
	return out
}

func contains(all []string, s string) bool {
	for _, a := range all {
		if strings.Contains(a, s) {
			return true
		}
	}
	return false
}

package xlsx

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/nachweis/nachweis/controls"
)

// printScale is the scale at which a table of the given column widths
// prints pages wide, the title columns on every page: what fit to width
// leaves (at most 100 %).
func printScale(widths []float64, titleCols, pages int) float64 {
	var total, titles float64
	for i, w := range widths {
		total += colPixels(w)
		if i < titleCols {
			titles += colPixels(w)
		}
	}
	return math.Min(1, float64(pages)*printWidth/(total+float64(pages-1)*titles))
}

// TestPrintLayout reads the page setup of every table sheet: the header
// row (and the id columns) repeat on every page, fit to width uses the
// fewest pages that keep the scale at minScale or above (a wide matrix is
// not shrunk onto one page), and no header word is wider than its column,
// so headers wrap between words.
func TestPrintLayout(t *testing.T) {
	books := map[string][]byte{
		"soa de": renderSoA(t, "de"), "soa en": renderSoA(t, "en"),
		"c5 de": renderMatrix(t, controls.C5, "de"), "c5 en": renderMatrix(t, controls.C5, "en"),
		"iso27001 de": renderMatrix(t, controls.ISO27001, "de"), "gdpr en": renderMatrix(t, controls.GDPR, "en"),
	}
	wide := 0
	for name, data := range books {
		t.Run(name, func(t *testing.T) {
			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			titles := map[string]string{}
			for _, dn := range f.GetDefinedName() {
				if dn.Name == "_xlnm.Print_Titles" {
					titles[dn.Scope] = dn.RefersTo
				}
			}
			for _, sheet := range f.GetSheetList() {
				rows, err := f.GetRows(sheet)
				if err != nil {
					t.Fatal(err)
				}
				widths := make([]float64, len(rows[0]))
				for i, h := range rows[0] {
					col, _ := excelize.ColumnNumberToName(i + 1)
					if widths[i], err = f.GetColWidth(sheet, col); err != nil {
						t.Fatal(err)
					}
					for _, w := range strings.Fields(h) {
						if n := utf8.RuneCountInString(w); float64(n) > widths[i]-1 {
							t.Errorf("%s: header word %q (%d characters) is wider than its column (%v)", sheet, w, n, widths[i])
						}
					}
				}
				layout, err := f.GetPageLayout(sheet)
				if err != nil {
					t.Fatal(err)
				}
				if layout.FitToWidth == nil { // Legende, Lauf: not tables to print
					if _, ok := titles[sheet]; ok {
						t.Errorf("%s: print titles without page setup", sheet)
					}
					continue
				}
				ref := titles[sheet]
				titleCols := 0
				switch {
				case ref == fmt.Sprintf("'%s'!$A:$A,'%s'!$1:$1", sheet, sheet):
					titleCols = 1
				case ref == fmt.Sprintf("'%s'!$A:$B,'%s'!$1:$1", sheet, sheet):
					titleCols = 2
				default:
					t.Errorf("%s: print titles %q, want the header row and the id columns", sheet, ref)
				}
				pages := *layout.FitToWidth
				if pages > 1 {
					wide++
				}
				if s := printScale(widths, titleCols, pages); s < minScale || pages > 1 && printScale(widths, titleCols, pages-1) >= minScale {
					t.Errorf("%s: %d pages wide print at %.0f %%; want the fewest pages at %.0f %% or more", sheet, pages, 100*s, 100*minScale)
				}
				if *layout.FitToHeight != 0 || *layout.Orientation != "landscape" || *layout.Size != 8 || *layout.PageOrder != "overThenDown" {
					t.Errorf("%s: page layout %d high, %s, size %d, %s; want as many pages high as needed, A3 landscape, over then down",
						sheet, *layout.FitToHeight, *layout.Orientation, *layout.Size, *layout.PageOrder)
				}
			}
		})
	}
	if wide == 0 {
		t.Error("no sheet prints more than one page wide; the matrix and the SoA are too wide for one")
	}
}

// TestLibreOfficePrintsMatrix prints the C5 matrix with LibreOffice and
// reads the pages with pdftotext: every page of the Matrix sheet repeats
// the header row and the criterion ids, and the pages of one band of rows
// follow each other (first the left part, then the right part with the
// auditor's columns).
func TestLibreOfficePrintsMatrix(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("NACHWEIS_REQUIRE_TOOLS") == "" {
			t.Skip("pdftotext not installed (set NACHWEIS_REQUIRE_TOOLS to make this a failure)")
		}
		t.Fatalf("pdftotext required: %v", err)
	}
	dir := soffice(t, "pdf", map[string][]byte{"c5": renderMatrix(t, controls.C5, "de")})
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", filepath.Join(dir, "c5.pdf"), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	var matrix []string
	for _, p := range strings.Split(string(out), "\f") {
		if footer := lastLine(p); strings.HasPrefix(footer, "Matrix ") && strings.Contains(footer, "Seite ") {
			matrix = append(matrix, p)
		}
	}
	if len(matrix) < 4 || len(matrix)%2 != 0 {
		t.Fatalf("%d pages of the Matrix sheet, want an even number of at least 4 (two pages wide)", len(matrix))
	}
	for i, p := range matrix {
		// Header cells wrap, so single words of them.
		want := []string{"Kriterium-ID", "Bereich"}
		if i%2 == 0 {
			want = append(want, "Kontrollbeschreibung", "Basiskriterium")
		} else {
			want = append(want, "Prüfhandlung", "Prüfergebnis", "Zusatzkriterium")
		}
		for _, w := range want {
			if !strings.Contains(p, w) {
				t.Errorf("Matrix page %d lacks %q", i+1, w)
			}
		}
	}
	for i := 0; i+1 < len(matrix); i += 2 {
		if first := firstCriterion(matrix[i]); first == "" || first != firstCriterion(matrix[i+1]) {
			t.Errorf("Matrix pages %d and %d start with %q and %q, want the same band of rows", i+1, i+2, first, firstCriterion(matrix[i+1]))
		}
	}
}

func lastLine(page string) string {
	ls := strings.Split(strings.TrimSpace(page), "\n")
	return strings.Join(strings.Fields(ls[len(ls)-1]), " ")
}

// firstCriterion is the first C5 criterion id on a page laid out as
// printed (pdftotext -layout), e.g. OIS-01: the id column of the first
// row, since the domain column left of it holds no ids.
func firstCriterion(page string) string {
	for _, w := range strings.Fields(page) {
		if a, b, ok := strings.Cut(w, "-"); ok && len(a) >= 2 && len(a) <= 3 && strings.ToUpper(a) == a && len(b) == 2 && strings.Trim(b, "0123456789") == "" {
			return w
		}
	}
	return ""
}

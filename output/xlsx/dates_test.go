package xlsx

import (
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/nachweis/nachweis/controls"
)

// odsCell is how LibreOffice holds a cell: its value type (string,
// float, date, …; empty for an empty cell) and, for a date, its value
// (2026-11-23 or 2026-11-23T20:00:00).
type odsCell struct{ kind, date string }

// maxODSColumns bounds the cells read per row: LibreOffice writes the
// empty rest of a row as one cell repeated 16,000 times.
const maxODSColumns = 64

// flatODSSheets reads the sheets of a flat OpenDocument spreadsheet
// (LibreOffice's .fods): sheet name → rows of cells.
func flatODSSheets(t *testing.T, path string) map[string][][]odsCell {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const tableNS, officeNS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	attr := func(e xml.StartElement, space, local string) string {
		for _, a := range e.Attr {
			if a.Name.Space == space && a.Name.Local == local {
				return a.Value
			}
		}
		return ""
	}
	repeat := func(e xml.StartElement, local string) int {
		n, err := strconv.Atoi(attr(e, tableNS, local))
		if err != nil || n < 1 {
			return 1
		}
		return n
	}
	out := map[string][][]odsCell{}
	var sheet string
	var row []odsCell
	rowRepeat := 1
	dec := xml.NewDecoder(f)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("read %s: %v", path, err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if e.Name.Space != tableNS {
				continue
			}
			switch e.Name.Local {
			case "table":
				sheet = attr(e, tableNS, "name")
			case "table-row":
				row, rowRepeat = nil, repeat(e, "number-rows-repeated")
			case "table-cell", "covered-table-cell":
				c := odsCell{kind: attr(e, officeNS, "value-type"), date: attr(e, officeNS, "date-value")}
				for n := repeat(e, "number-columns-repeated"); n > 0 && len(row) < maxODSColumns; n-- {
					row = append(row, c)
				}
			}
		case xml.EndElement:
			if e.Name.Space == tableNS && e.Name.Local == "table-row" {
				if rowRepeat > 1000 { // the empty rest of the sheet
					rowRepeat = 1
				}
				for ; rowRepeat > 0; rowRepeat-- {
					out[sheet] = append(out[sheet], row)
				}
			}
		}
	}
	return out
}

func odsAt(rows [][]odsCell, r, c int) odsCell {
	if r < len(rows) && c < len(rows[r]) {
		return rows[r][c]
	}
	return odsCell{}
}

// dayLayouts are the Go layouts of the date formats LibreOffice must show.
var dayLayouts = map[string]string{"de": "02.01.2006", "en": "2006-01-02"}

// TestLibreOfficeReadsDates opens the SoA and the C5 matrix, German and
// English, with LibreOffice: the date columns hold dates (value type
// date in LibreOffice's own file format, not text) shown in the
// language's format (CSV export as shown), the run times are date-times
// with their zone, the counts numbers; and sorting the rows by the dates
// LibreOffice holds puts them in calendar order, which sorting the German
// text would not.
func TestLibreOfficeReadsDates(t *testing.T) {
	t.Parallel()
	type book struct {
		name, lang, sheet string
		id                int
		dates             []string // date columns
		sortBy            string   // the date column to sort by
		checked, attested string   // ids of a checked and an attested-only row
	}
	books := []book{
		{"soa-de", "de", "SoA", 0, []string{"Geprüft am", "Letzte Überprüfung"}, "Letzte Überprüfung", "A.8.13", "A.5.1"},
		{"soa-en", "en", "SoA", 0, []string{"Checked on", "Last review"}, "Last review", "A.8.13", "A.5.1"},
		{"c5-de", "de", "Matrix", 1, []string{"Geprüft am", "Bestätigung gültig bis (früheste)"}, "Bestätigung gültig bis (früheste)", "OPS-06", "OIS-01"},
		{"c5-en", "en", "Matrix", 1, []string{"Checked on", "Attestation valid until (earliest)"}, "Attestation valid until (earliest)", "OPS-06", "OIS-01"},
	}
	files := map[string][]byte{
		"soa-de": renderSoA(t, "de"), "soa-en": renderSoA(t, "en"),
		"c5-de": renderMatrix(t, controls.C5, "de"), "c5-en": renderMatrix(t, controls.C5, "en"),
	}
	csvDir := soffice(t, csvExport, files)
	odsDir := soffice(t, "fods", files)
	evaluated := demoNow.In(time.FixedZone("CET", 3600)).Format("2006-01-02")
	for _, b := range books {
		t.Run(b.name, func(t *testing.T) {
			shown := csvSheet(t, csvDir, b.name, b.sheet)
			held := flatODSSheets(t, filepath.Join(odsDir, b.name+".fods"))[b.sheet]
			if len(held) < len(shown) {
				t.Fatalf("LibreOffice holds %d rows, shows %d", len(held), len(shown))
			}
			layout := dayLayouts[b.lang]
			format := regexp.MustCompile(map[string]string{"de": `^\d\d\.\d\d\.\d{4}$`, "en": `^\d{4}-\d\d-\d\d$`}[b.lang])
			for _, h := range b.dates {
				col := columnOf(t, shown, h)
				n := 0
				for i := 1; i < len(shown); i++ {
					text, c := cell(shown[i], col), odsAt(held, i, col)
					if text == "" {
						if c.kind != "" {
							t.Errorf("%s %s: empty cell of type %s", cell(shown[i], b.id), h, c.kind)
						}
						continue
					}
					n++
					if !format.MatchString(text) || c.kind != "date" {
						t.Errorf("%s %s: shown %q, held as %q (want a date shown as %s)", cell(shown[i], b.id), h, text, c.kind, layout)
						continue
					}
					if d, err := time.Parse(layout, text); err != nil || d.Format("2006-01-02") != c.date {
						t.Errorf("%s %s: shown %q, held as date %s", cell(shown[i], b.id), h, text, c.date)
					}
				}
				if n == 0 {
					t.Errorf("column %s has no dates", h)
				}
			}
			if c := odsAt(held, 1, b.id); c.kind != "string" {
				t.Errorf("id column held as %q, want string", c.kind)
			}

			// Checked on: the evaluation day for a row checks assessed,
			// empty for one that rests on an attestation only.
			checkedCol := columnOf(t, shown, b.dates[0])
			if got := cell(rowByID(t, shown, b.id, b.checked), checkedCol); got != mustDay(t, layout, evaluated) {
				t.Errorf("%s %s = %q, want the evaluation day", b.checked, b.dates[0], got)
			}
			if got := cell(rowByID(t, shown, b.id, b.attested), checkedCol); got != "" {
				t.Errorf("%s (attested only) %s = %q, want empty", b.attested, b.dates[0], got)
			}

			// Sort the rows by the date LibreOffice holds, rows without
			// one last, as its sort does.
			col := columnOf(t, shown, b.sortBy)
			idx := make([]int, 0, len(shown)-1)
			for i := 1; i < len(shown); i++ {
				idx = append(idx, i)
			}
			sort.SliceStable(idx, func(x, y int) bool {
				dx, dy := odsAt(held, idx[x], col).date, odsAt(held, idx[y], col).date
				return dx != "" && (dy == "" || dx < dy)
			})
			var days []time.Time
			var texts []string
			for _, i := range idx {
				text := cell(shown[i], col)
				if text == "" {
					continue
				}
				d, err := time.Parse(layout, text)
				if err != nil {
					t.Fatalf("%s %s: %q is no date", cell(shown[i], b.id), b.sortBy, text)
				}
				days, texts = append(days, d), append(texts, text)
			}
			if !sort.SliceIsSorted(days, func(x, y int) bool { return days[x].Before(days[y]) }) || len(days) < 2 || days[0].Equal(days[len(days)-1]) {
				t.Errorf("sorted by %s, the dates read %q", b.sortBy, texts)
			}
			if b.lang == "de" && sort.StringsAreSorted(texts) {
				t.Errorf("the German dates %q also sort as text: the data proves nothing", texts)
			}
		})
	}

	// The run sheet: times with their zone, counts as numbers.
	for _, b := range []struct{ name, run, evaluated, counts string }{
		{"soa-de", "Lauf", "23.11.2026, 20:00 Uhr (MEZ)", "Anforderungen nach Ergebnis: manuell bestätigt"},
		{"c5-en", "Run", "2026-11-23 20:00 CET", "Requirements by outcome: attested (manual)"},
	} {
		shown := csvSheet(t, csvDir, b.name, b.run)
		held := flatODSSheets(t, filepath.Join(odsDir, b.name+".fods"))[b.run]
		found := 0
		for i, r := range shown {
			switch {
			case strings.HasPrefix(cell(r, 0), "Bewertet am") || strings.HasPrefix(cell(r, 0), "Evaluated at"):
				found++
				if c := odsAt(held, i, 1); cell(r, 1) != b.evaluated || c.kind != "date" || c.date != "2026-11-23T20:00:00" {
					t.Errorf("%s: evaluated at shown %q, held as %s %s", b.name, cell(r, 1), c.kind, c.date)
				}
			case cell(r, 0) == b.counts:
				found++
				if n, err := strconv.Atoi(cell(r, 1)); err != nil || n == 0 || odsAt(held, i, 1).kind != "float" {
					t.Errorf("%s: %s shown %q, held as %s", b.name, b.counts, cell(r, 1), odsAt(held, i, 1).kind)
				}
			}
		}
		if found != 2 {
			t.Errorf("%s: run sheet lacks the evaluation time or the count: %q", b.name, shown)
		}
	}
}

func mustDay(t *testing.T, layout, iso string) string {
	t.Helper()
	d, err := time.Parse("2006-01-02", iso)
	if err != nil {
		t.Fatal(err)
	}
	return d.Format(layout)
}

// TestDateCells reads the raw cells with excelize: a date is the serial
// number of its day with a date format of the language, not text; the
// SoA's "Geprüft am" is filled exactly for the controls checks assessed.
func TestDateCells(t *testing.T) {
	res, _, soa := demoFixture(t)
	basis := map[string]controls.Basis{}
	for _, r := range res.Requirements {
		if r.Framework == controls.ISO27001 {
			basis[r.ID] = r.Basis
		}
	}
	for _, lang := range []string{"de", "en"} {
		f, err := excelize.OpenReader(strings.NewReader(string(renderSoA(t, lang))))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows("SoA")
		if err != nil {
			t.Fatal(err)
		}
		checkedCol, reviewCol := columnOf(t, rows, checkedOnHeader.In(lang)), columnOf(t, rows, t2(lang, "Letzte Überprüfung", "Last review"))
		checked := 0
		for i, r := range rows[1:] {
			id := r[0]
			at := func(col int) string {
				name, _ := excelize.CoordinatesToCellName(col+1, i+2)
				return name
			}
			raw, err := f.GetCellValue("SoA", at(checkedCol), excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			switch basis[id] {
			case controls.TechnicallyVerified, controls.PartlyVerified:
				checked++
				if raw != "46349" {
					t.Errorf("%s %s: checked on %q, want the serial 46349 of 23.11.2026", lang, id, raw)
				}
			default:
				if raw != "" {
					t.Errorf("%s %s (basis %s): checked on %q, want empty", lang, id, basis[id], raw)
				}
			}
			d, _ := soa.Control(id)
			raw, err = f.GetCellValue("SoA", at(reviewCol), excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			if want := strconv.Itoa(int(serial(d.LastReview, false))); raw != want {
				t.Errorf("%s %s: last review raw %q, want %s", lang, id, raw, want)
			}
			if got, want := cell(r, reviewCol), d.LastReview.Format(dayLayouts[lang]); got != want {
				t.Errorf("%s %s: last review shown %q, want %q", lang, id, got, want)
			}
			style, err := f.GetCellStyle("SoA", at(reviewCol))
			if err != nil {
				t.Fatal(err)
			}
			st, err := f.GetStyle(style)
			if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != dayFormats[lang] {
				t.Fatalf("%s %s: last review style %+v, want the number format %s", lang, id, st, dayFormats[lang])
			}
		}
		if checked == 0 || checked == len(rows)-1 {
			t.Errorf("%s: %d of %d controls checked; the demo has both kinds", lang, checked, len(rows)-1)
		}
		f.Close()
	}
}

func t2(lang, de, en string) string { return t(de, en).In(lang) }

func TestSerial(t *testing.T) {
	for _, tt := range []struct {
		at       time.Time
		withTime bool
		want     float64
	}{
		{time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC), false, 61},
		{time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), false, 46349},
		// 23:30 UTC is the next day in Berlin.
		{time.Date(2026, 11, 23, 23, 30, 0, 0, time.UTC), false, 46350},
		{time.Date(2026, 11, 23, 19, 0, 0, 0, time.UTC), true, 46349 + 20.0/24},
		{time.Date(2026, 7, 1, 10, 0, 0, 0, time.UTC), true, 46204 + 12.0/24},
	} {
		if got := serial(tt.at, tt.withTime); got != tt.want {
			t.Errorf("serial(%v, %v) = %v, want %v", tt.at, tt.withTime, got, tt.want)
		}
	}
}

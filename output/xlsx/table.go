package xlsx

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/nachweis/nachweis/controls"
)

// column is one column of a table sheet: its header and width in
// characters.
type column struct {
	header controls.Text
	width  float64
}

// table is one sheet written with excelize's stream writer: a bold header
// row, wrapped body cells and row heights computed from the text, so that
// nothing is cut off in viewers that do not fit rows themselves.
type table struct {
	sheet string
	cols  []column
	// rows hold strings, ints, days and moments (cells.go).
	rows [][]any
	// filter adds an auto-filter over the table, freezes the header and
	// sets up printing (printSetup).
	filter bool
	// manualFrom, when above 0, is the first of the columns a person
	// fills (the provider or the auditor), up to the last; their headers
	// have their own colour.
	manualFrom int
	// titleCols is the number of leading columns (the ids) printed on
	// every page beside the header row.
	titleCols int
	// validations are drop-downs on body columns.
	validations []validation
	// outcomeCols get the outcome colours (conditional formats on the
	// exact labels); flagCols get the contradiction colours.
	outcomeCols []int
	flagCols    []int
}

// validation is a drop-down list on the body cells of one column, from a
// fixed list or from a range of another sheet.
type validation struct {
	col    int
	list   []string
	source string // e.g. 'Legende'!$B$2:$B$5
	title  string
	msg    string
	// open lets a value outside the list stand after a warning (Excel's
	// "warning" error style); otherwise the list is binding.
	open bool
}

// lineHeight is the height in points of one line of Calibri 11, the
// default font of the workbook.
const (
	lineHeight = 15.0
	maxHeight  = 409.0 // Excel's largest row height
)

// write streams the table into its sheet. Auto-filter, data validation
// and conditional formats are set before Flush: the stream writer drops
// them silently when they come after it.
func (t *table) write(f *excelize.File, st *styles, lang string) error {
	if t.filter {
		// The stream writer writes the sheet properties when it is
		// created: fit-to-page must be set before.
		fit := true
		if err := f.SetSheetProps(t.sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
			return fmt.Errorf("sheet %s: page setup: %w", t.sheet, err)
		}
	}
	sw, err := f.NewStreamWriter(t.sheet)
	if err != nil {
		return fmt.Errorf("sheet %s: %w", t.sheet, err)
	}
	for i, c := range t.cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return fmt.Errorf("sheet %s: column width: %w", t.sheet, err)
		}
	}
	if t.filter {
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return fmt.Errorf("sheet %s: freeze header: %w", t.sheet, err)
		}
	}
	header := make([]any, len(t.cols))
	headerCells := make([]any, len(t.cols))
	for i, c := range t.cols {
		header[i] = c.header.In(lang)
		style := st.header
		if t.manualFrom > 0 && i >= t.manualFrom {
			style = st.manual
		}
		headerCells[i] = excelize.Cell{StyleID: style, Value: header[i]}
	}
	if err := sw.SetRow("A1", headerCells, excelize.RowOpts{Height: t.height(lang, header)}); err != nil {
		return fmt.Errorf("sheet %s: header: %w", t.sheet, err)
	}
	for i, r := range t.rows {
		if len(r) != len(t.cols) {
			return fmt.Errorf("sheet %s: row %d has %d cells, want %d", t.sheet, i+2, len(r), len(t.cols))
		}
		row := make([]any, len(r))
		for j, v := range r {
			c, err := st.cell(v)
			if err != nil {
				return fmt.Errorf("sheet %s: row %d: %w", t.sheet, i+2, err)
			}
			row[j] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row, excelize.RowOpts{Height: t.height(lang, r)}); err != nil {
			return fmt.Errorf("sheet %s: row %d: %w", t.sheet, i+2, err)
		}
	}
	if err := t.decorate(f, st, lang); err != nil {
		return fmt.Errorf("sheet %s: %w", t.sheet, err)
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("sheet %s: %w", t.sheet, err)
	}
	return nil
}

// decorate adds the auto-filter, drop-downs and conditional formats.
func (t *table) decorate(f *excelize.File, st *styles, lang string) error {
	last := len(t.rows) + 1
	if last < 2 {
		last = 2 // a range for the empty table, so that rows typed in later are covered
	}
	if t.filter {
		end, _ := excelize.CoordinatesToCellName(len(t.cols), last)
		if err := f.AutoFilter(t.sheet, "A1:"+end, nil); err != nil {
			return fmt.Errorf("auto-filter: %w", err)
		}
		if err := t.printSetup(f, lang); err != nil {
			return fmt.Errorf("page setup: %w", err)
		}
	}
	for _, v := range t.validations {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = colRange(v.col, last)
		if v.source != "" {
			dv.SetSqrefDropList(v.source)
		} else if err := dv.SetDropList(v.list); err != nil {
			return fmt.Errorf("drop-down: %w", err)
		}
		style := excelize.DataValidationErrorStyleStop
		if v.open {
			style = excelize.DataValidationErrorStyleWarning
		}
		dv.SetError(style, v.title, v.msg)
		if err := f.AddDataValidation(t.sheet, dv); err != nil {
			return fmt.Errorf("drop-down: %w", err)
		}
	}
	for _, c := range t.outcomeCols {
		if err := f.SetConditionalFormat(t.sheet, colRange(c, last), st.outcomeRules); err != nil {
			return fmt.Errorf("outcome colours: %w", err)
		}
	}
	for _, c := range t.flagCols {
		if err := f.SetConditionalFormat(t.sheet, colRange(c, last), st.flagRules); err != nil {
			return fmt.Errorf("flag colours: %w", err)
		}
	}
	return nil
}

// Printing: A3 landscape with narrow margins, the header row and the
// title columns on every page, as many pages wide as the columns need at
// a readable scale (fit to width, never shrunk to one page), pages
// numbered in the footer. A wide table prints across, then down, so that
// the parts of one band of rows follow each other.
const (
	// printWidth is the printable width of A3 landscape (16.54 in)
	// between margins of 0.5 in, in pixels at 96 dpi.
	printWidth = (16.54 - 2*0.5) * 96
	// minScale is the smallest print scale fit-to-width may choose.
	minScale = 0.6
)

// colPixels is the width of a column in pixels: a character of the
// default font (Calibri 11) is 7 pixels, plus 5 pixels of padding.
func colPixels(width float64) float64 { return width*7 + 5 }

// pagesWide is how many pages wide the table prints at no less than
// minScale, the title columns repeated on each page.
func (t *table) pagesWide() int {
	var total, titles float64
	for i, c := range t.cols {
		total += colPixels(c.width)
		if i < t.titleCols {
			titles += colPixels(c.width)
		}
	}
	per := printWidth/minScale - titles
	return max(1, int(math.Ceil((total-titles)/per)))
}

func (tb *table) printSetup(f *excelize.File, lang string) error {
	a3, landscape, wide, tall, order := 8, "landscape", tb.pagesWide(), 0, "overThenDown"
	if err := f.SetPageLayout(tb.sheet, &excelize.PageLayoutOptions{Size: &a3, Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall, PageOrder: &order}); err != nil {
		return err
	}
	side, edge, band := 0.5, 0.6, 0.3
	if err := f.SetPageMargins(tb.sheet, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side, Top: &edge, Bottom: &edge, Header: &band, Footer: &band}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(tb.sheet, &excelize.HeaderFooterOptions{
		OddFooter: "&L" + strings.ReplaceAll(tb.sheet, "&", "&&") + "&R" + sprintf(lang, t("Seite %s von %s", "Page %s of %s"), "&P", "&N"),
	}); err != nil {
		return err
	}
	titles := fmt.Sprintf("'%s'!$1:$1", tb.sheet)
	if tb.titleCols > 0 {
		last, _ := excelize.ColumnNumberToName(tb.titleCols)
		titles = fmt.Sprintf("'%s'!$A:$%s,%s", tb.sheet, last, titles)
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: titles, Scope: tb.sheet})
}

// colRange is the body range of a column (0-based), e.g. "J2:J94".
func colRange(col, last int) string {
	from, _ := excelize.CoordinatesToCellName(col+1, 2)
	to, _ := excelize.CoordinatesToCellName(col+1, last)
	return from + ":" + to
}

// height is the row height that shows every line of the row's wrapped
// cells.
func (t *table) height(lang string, values []any) float64 {
	lines := 1
	for i, v := range values {
		if n := wrappedLines(text(lang, v), t.cols[i].width); n > lines {
			lines = n
		}
	}
	return min(float64(lines)*lineHeight+3, maxHeight)
}

// wrappedLines counts the lines text takes in a column of width
// characters, wrapping at spaces like a spreadsheet does. It assumes
// every character is as wide as a digit, which overestimates slightly
// for proportional text: a little white space rather than a cut line.
func wrappedLines(text string, width float64) int {
	capacity := int(width) - 1
	if capacity < 4 {
		capacity = 4
	}
	lines := 0
	for _, para := range strings.Split(text, "\n") {
		n, used := 1, 0
		for _, word := range strings.Fields(para) {
			w := utf8.RuneCountInString(word)
			switch {
			case used == 0:
				used = w
			case used+1+w <= capacity:
				used += 1 + w
				continue
			default:
				n++
				used = w
			}
			for used > capacity { // a word longer than the column breaks
				n++
				used -= capacity
			}
		}
		lines += n
	}
	return lines
}

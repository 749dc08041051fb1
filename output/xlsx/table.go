package xlsx

import (
	"fmt"
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
	rows  [][]string
	// filter adds an auto-filter over the table, freezes the header and
	// sets up printing: A3 landscape, one page wide, the header row
	// repeated on every page.
	filter bool
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
	header := make([]string, len(t.cols))
	for i, c := range t.cols {
		header[i] = c.header.In(lang)
	}
	if err := sw.SetRow("A1", cells(header, st.header), excelize.RowOpts{Height: t.height(header)}); err != nil {
		return fmt.Errorf("sheet %s: header: %w", t.sheet, err)
	}
	for i, r := range t.rows {
		if len(r) != len(t.cols) {
			return fmt.Errorf("sheet %s: row %d has %d cells, want %d", t.sheet, i+2, len(r), len(t.cols))
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, cells(r, st.body), excelize.RowOpts{Height: t.height(r)}); err != nil {
			return fmt.Errorf("sheet %s: row %d: %w", t.sheet, i+2, err)
		}
	}
	if err := t.decorate(f, st); err != nil {
		return fmt.Errorf("sheet %s: %w", t.sheet, err)
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("sheet %s: %w", t.sheet, err)
	}
	return nil
}

// decorate adds the auto-filter, drop-downs and conditional formats.
func (t *table) decorate(f *excelize.File, st *styles) error {
	last := len(t.rows) + 1
	if last < 2 {
		last = 2 // a range for the empty table, so that rows typed in later are covered
	}
	if t.filter {
		end, _ := excelize.CoordinatesToCellName(len(t.cols), last)
		if err := f.AutoFilter(t.sheet, "A1:"+end, nil); err != nil {
			return fmt.Errorf("auto-filter: %w", err)
		}
		if err := t.printSetup(f); err != nil {
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
		dv.SetError(excelize.DataValidationErrorStyleStop, v.title, v.msg)
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

// printSetup prints the table on A3 landscape pages, one page wide,
// with the header row on every page.
func (t *table) printSetup(f *excelize.File) error {
	a3, landscape, wide, tall := 8, "landscape", 1, 0
	if err := f.SetPageLayout(t.sheet, &excelize.PageLayoutOptions{Size: &a3, Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$1:$1", t.sheet), Scope: t.sheet})
}

// colRange is the body range of a column (0-based), e.g. "J2:J94".
func colRange(col, last int) string {
	from, _ := excelize.CoordinatesToCellName(col+1, 2)
	to, _ := excelize.CoordinatesToCellName(col+1, last)
	return from + ":" + to
}

func cells(values []string, style int) []any {
	out := make([]any, len(values))
	for i, v := range values {
		out[i] = excelize.Cell{StyleID: style, Value: v}
	}
	return out
}

// height is the row height that shows every line of the row's wrapped
// cells.
func (t *table) height(values []string) float64 {
	lines := 1
	for i, v := range values {
		if n := wrappedLines(v, t.cols[i].width); n > lines {
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

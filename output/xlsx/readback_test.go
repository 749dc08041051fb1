package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"testing"

	"github.com/xuri/excelize/v2"
)

// workbookRows reads every sheet of an XLSX with excelize: sheet name →
// rows of cells.
func workbookRows(tb testing.TB, data []byte) ([]string, map[string][][]string) {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		tb.Fatalf("open workbook: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	out := map[string][][]string{}
	for _, s := range sheets {
		rows, err := f.GetRows(s)
		if err != nil {
			tb.Fatalf("read sheet %s: %v", s, err)
		}
		out[s] = rows
	}
	return sheets, out
}

// zipEntries returns the files of an XLSX (a zip archive) by name.
func zipEntries(tb testing.TB, data []byte) map[string]string {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatalf("open zip: %v", err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatal(err)
		}
		out[f.Name] = string(b)
	}
	return out
}

// column returns the index of the header cell named h.
func columnOf(tb testing.TB, rows [][]string, h string) int {
	tb.Helper()
	for i, c := range rows[0] {
		if c == h {
			return i
		}
	}
	tb.Fatalf("no column %q in header %q", h, rows[0])
	return -1
}

// cell returns row[i] or "" when excelize left trailing empty cells out.
func cell(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

// rowByID finds the row whose cell in column col is id.
func rowByID(tb testing.TB, rows [][]string, col int, id string) []string {
	tb.Helper()
	for _, r := range rows[1:] {
		if cell(r, col) == id {
			return r
		}
	}
	tb.Fatalf("no row %s", id)
	return nil
}

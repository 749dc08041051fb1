package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"sort"
)

// canonicalZip rewrites an XLSX package with its entries in a fixed
// order: [Content_Types].xml, _rels/.rels, then the rest by name.
// excelize writes stream-written sheets in map order, so the same
// workbook would otherwise come out with its entries shuffled. The
// entries' compressed bytes and headers are copied unchanged.
func canonicalZip(w io.Writer, data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("reorder package: %w", err)
	}
	files := append([]*zip.File(nil), zr.File...)
	rank := func(name string) int {
		switch name {
		case "[Content_Types].xml":
			return 0
		case "_rels/.rels":
			return 1
		}
		return 2
	}
	sort.SliceStable(files, func(i, j int) bool {
		ri, rj := rank(files[i].Name), rank(files[j].Name)
		if ri != rj {
			return ri < rj
		}
		return files[i].Name < files[j].Name
	})
	zw := zip.NewWriter(w)
	for _, f := range files {
		raw, err := f.OpenRaw()
		if err != nil {
			return fmt.Errorf("reorder package: %s: %w", f.Name, err)
		}
		fh := f.FileHeader
		out, err := zw.CreateRaw(&fh)
		if err != nil {
			return fmt.Errorf("reorder package: %s: %w", f.Name, err)
		}
		if _, err := io.Copy(out, raw); err != nil {
			return fmt.Errorf("reorder package: %s: %w", f.Name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("reorder package: %w", err)
	}
	return nil
}

package controls

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// copyFS copies every file of fsys into a MapFS.
func copyFS(t *testing.T, fsys fs.FS) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestLoadFSReadsTheGivenFiles(t *testing.T) {
	want, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	files := copyFS(t, DataFS())
	for _, p := range []string{"catalogs/c5-2020.yaml", "catalogs/c5-2026.yaml", "catalogs/iso27001-2022.yaml", "catalogs/gdpr-art28-32.yaml", "crosswalk.yaml", "measures.yaml", "migration-c5-2026.yaml"} {
		if files[p] == nil {
			t.Fatalf("DataFS lacks %s", p)
		}
	}
	got, err := LoadFS(files)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreUnexported(Catalog{}, Crosswalk{}, Migration{})); diff != "" {
		t.Fatalf("LoadFS(DataFS()) differs from Load (-Load +LoadFS):\n%s", diff)
	}

	// A changed copy is what gets loaded: a pack is evaluated with its own
	// catalogs, not the embedded ones.
	c5 := files["catalogs/c5-2020.yaml"]
	const title = "en: Information Security Management System (ISMS)"
	if !bytes.Contains(c5.Data, []byte(title)) {
		t.Fatalf("C5 catalog lacks %q", title)
	}
	files["catalogs/c5-2020.yaml"] = &fstest.MapFile{Data: bytes.Replace(c5.Data, []byte(title), []byte("en: Edited in the copy"), 1)}
	edited, err := LoadFS(files)
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := edited.Requirement(C5, "OIS-01"); r.Title.EN != "Edited in the copy" {
		t.Fatalf("OIS-01 title from the edited copy = %q", r.Title.EN)
	}
	files["catalogs/c5-2020.yaml"] = &fstest.MapFile{Data: bytes.Replace(c5.Data, []byte("version:"), []byte("x_version:"), 1)}
	if _, err := LoadFS(files); err == nil || !strings.Contains(err.Error(), "x_version") {
		t.Fatalf("LoadFS with an unknown field in the C5 catalog: error %v, want one naming x_version", err)
	}
	m, err := LoadFS(fstest.MapFS{})
	if err == nil || m != nil {
		t.Fatalf("LoadFS of an empty file system: %v, %v; want an error", m, err)
	}
}

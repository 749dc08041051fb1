package evidence

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
)

var testNow = time.Date(2026, 11, 23, 18, 30, 0, 0, time.UTC)

func sha(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// treeHash hashes every path, type and file content below dir, so a test
// can tell whether anything at all changed.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fi, err := d.Info()
		if err != nil {
			return err
		}
		h.Write([]byte(rel + "\x00" + fi.Mode().String() + "\x00"))
		if d.Type().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h.Write([]byte(sha(data) + "\n"))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

// mapBundle builds an in-memory bundle holding files (path → content)
// in one restic source, with a correct manifest unless edit changes it.
func mapBundle(t *testing.T, files map[string]string, edit func(*Manifest)) fstest.MapFS {
	t.Helper()
	m := Manifest{Schema: ManifestSchema, ToolVersion: "test", CreatedAt: testNow}
	src := Source{Kind: "restic", Name: "web-01", Collector: ImportCollector, StartedAt: testNow, FinishedAt: testNow, Status: StatusOK}
	fsys := fstest.MapFS{}
	for p, c := range files {
		src.Files = append(src.Files, File{Path: p, Kind: KindResticSnapshots, SHA256: sha([]byte(c)), Size: int64(len(c))})
		fsys[p] = &fstest.MapFile{Data: []byte(c)}
	}
	m.Sources = []Source{src}
	if edit != nil {
		edit(&m)
	}
	raw, err := MarshalManifest(m)
	if err != nil {
		t.Fatal(err)
	}
	fsys[ManifestFile] = &fstest.MapFile{Data: raw}
	return fsys
}

func TestOpenFS(t *testing.T) {
	const p = "sources/restic/web-01/snapshots.json"
	fsys := mapBundle(t, map[string]string{p: "[]"}, nil)
	b, err := OpenFS(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if want := "sha256:" + sha(fsys[ManifestFile].Data); b.Digest != want {
		t.Errorf("Digest = %s, want %s", b.Digest, want)
	}
	f, s, ok := b.File(p)
	if !ok || f.Kind != KindResticSnapshots || s.Name != "web-01" {
		t.Errorf("File(%s) = %+v, %+v, %v", p, f, s, ok)
	}
	if _, _, ok := b.File("sources/restic/web-01/other.json"); ok {
		t.Error("File of an unlisted path reports ok")
	}
	data, err := b.ReadFile(p)
	if err != nil || string(data) != "[]" {
		t.Errorf("ReadFile = %q, %v", data, err)
	}
	if _, err := b.ReadFile(ManifestFile); err == nil {
		t.Error("ReadFile of the manifest (not an item) succeeded")
	}
	literal := &Bundle{FS: fsys, Manifest: b.Manifest}
	if data, err := literal.ReadFile(p); err != nil || string(data) != "[]" {
		t.Errorf("ReadFile of a Bundle literal = %q, %v", data, err)
	}
	if !b.CutOff().Equal(testNow) {
		t.Errorf("CutOff = %v, want %v", b.CutOff(), testNow)
	}
}

func TestOpenFSRejects(t *testing.T) {
	const p = "sources/restic/web-01/snapshots.json"
	good := map[string]string{p: "[]"}
	tests := []struct {
		name  string
		fsys  fstest.MapFS
		wants string // substring of the error
	}{
		{"no manifest", fstest.MapFS{p: {Data: []byte("[]")}}, "manifest.json: missing"},
		{"manifest not JSON", fstest.MapFS{ManifestFile: {Data: []byte("{")}}, "manifest.json: invalid JSON"},
		{"wrong schema", mapBundle(t, good, func(m *Manifest) { m.Schema = "nachweis.bundle/v0" }), `schema "nachweis.bundle/v0"`},
		{"bad status", mapBundle(t, good, func(m *Manifest) { m.Sources[0].Status = "fine" }), `status "fine"`},
		{"bad source name", mapBundle(t, good, func(m *Manifest) { m.Sources[0].Name = "../x" }), "name"},
		{"duplicate source", mapBundle(t, good, func(m *Manifest) { m.Sources = append(m.Sources, m.Sources[0]) }), "listed twice"},
		{"dot-dot path", mapBundle(t, good, func(m *Manifest) { m.Sources[0].Files[0].Path = "sources/../../etc/passwd" }), "not a clean relative path"},
		{"absolute path", mapBundle(t, good, func(m *Manifest) { m.Sources[0].Files[0].Path = "/etc/passwd" }), "absolute path"},
		{"unclean path", mapBundle(t, good, func(m *Manifest) { m.Sources[0].Files[0].Path = "sources/./x.json" }), "not a clean relative path"},
		{"backslash path", mapBundle(t, good, func(m *Manifest) { m.Sources[0].Files[0].Path = `sources\x.json` }), "backslash"},
		{"kind of another source", mapBundle(t, good, func(m *Manifest) { m.Sources[0].Files[0].Kind = KindBorgInfo }), "is not a restic kind"},
		{"bad sha256", mapBundle(t, good, func(m *Manifest) { m.Sources[0].Files[0].SHA256 = "abc" }), "64 lowercase hex"},
		{"size mismatch", mapBundle(t, good, func(m *Manifest) { m.Sources[0].Files[0].Size = 3 }), p + ": size mismatch"},
		{"sha256 mismatch", func() fstest.MapFS {
			f := mapBundle(t, good, nil)
			f[p] = &fstest.MapFile{Data: []byte("{}")}
			return f
		}(), p + ": sha256 mismatch"},
		{"missing file", func() fstest.MapFS {
			f := mapBundle(t, good, nil)
			delete(f, p)
			return f
		}(), p + ": missing"},
		{"unlisted file", func() fstest.MapFS {
			f := mapBundle(t, good, nil)
			f["sources/restic/web-01/extra.json"] = &fstest.MapFile{Data: []byte("[]")}
			return f
		}(), "sources/restic/web-01/extra.json: not listed in the manifest"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := OpenFS(tt.fsys)
			if err == nil {
				t.Fatal("OpenFS succeeded")
			}
			if !strings.Contains(err.Error(), tt.wants) {
				t.Errorf("error %q does not contain %q", err, tt.wants)
			}
			if !strings.HasPrefix(err.Error(), "open bundle: ") {
				t.Errorf("error %q does not name the operation", err)
			}
		})
	}
}

func TestOpenSortsSources(t *testing.T) {
	fsys := mapBundle(t, map[string]string{"sources/restic/web-01/b.json": "[]", "sources/restic/web-01/a.json": "[1]"}, func(m *Manifest) {
		other := Source{Kind: "borg", Name: "db-01", Collector: ImportCollector, StartedAt: testNow.Add(time.Hour), FinishedAt: testNow.Add(time.Hour), Status: StatusOK}
		m.Sources = append(m.Sources, other)
		// Files in reverse order.
		files := m.Sources[0].Files
		sort.Slice(files, func(i, j int) bool { return files[i].Path > files[j].Path })
	})
	b, err := OpenFS(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range b.Manifest.Sources {
		got = append(got, s.Kind+"/"+s.Name)
		for _, f := range s.Files {
			got = append(got, f.Path)
		}
	}
	want := []string{"borg/db-01", "restic/web-01", "sources/restic/web-01/a.json", "sources/restic/web-01/b.json"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("order (-want +got):\n%s", d)
	}
	if !b.CutOff().Equal(testNow.Add(time.Hour)) {
		t.Errorf("CutOff = %v, want the newest FinishedAt", b.CutOff())
	}
	if _, s, ok := b.File("sources/restic/web-01/a.json"); !ok || s.Name != "web-01" {
		t.Errorf("File after sorting: source %q, %v", s.Name, ok)
	}
}

func TestOpenDirAndTamper(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "bundle")
	src := SourceData{
		Source: Source{Kind: "restic", Name: "web-01", Collector: ImportCollector, StartedAt: testNow, FinishedAt: testNow, Status: StatusOK},
		Items:  []Item{{Kind: KindResticSnapshots, Origin: "snapshots.json", Data: []byte("[]\n")}},
	}
	if _, err := Write(t.Context(), dir, []SourceData{src}, WriteOptions{Now: testNow, ToolVersion: "test"}); err != nil {
		t.Fatal(err)
	}
	b, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	const p = "sources/restic/web-01/snapshots.json"
	// Same size, different content: only the hash can tell.
	if err := os.WriteFile(filepath.Join(dir, p), []byte("{}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := b.ReadFile(p); err == nil || !strings.Contains(err.Error(), p+": sha256 mismatch") {
		t.Errorf("ReadFile of a file changed after Open: %v", err)
	}
	_, err = Open(dir)
	if err == nil || !strings.Contains(err.Error(), p+": sha256 mismatch") || !strings.Contains(err.Error(), dir) {
		t.Fatalf("Open of a tampered bundle: %v", err)
	}
	if !errors.Is(err, ErrInvalidBundle) {
		t.Errorf("errors.Is(%v, ErrInvalidBundle) = false", err)
	}
	if _, err := Open(filepath.Join(dir, "nope")); err == nil {
		t.Error("Open of a missing directory succeeded")
	}
}

// TestBundleErrorOneLine: a path from the manifest or the bundle
// directory with line breaks or terminal escapes leaves the message one
// line.
func TestBundleErrorOneLine(t *testing.T) {
	m := `{"schema":"nachweis.bundle/v1","sources":[{"kind":"k","name":"n","status":"ok","files":[{"path":"sources/a\nb\u001b[2J","kind":"k/x","sha256":"` + strings.Repeat("0", 64) + `","size":0}]}]}`
	_, err := OpenFS(fstest.MapFS{ManifestFile: {Data: []byte(m)}})
	if want := "open bundle: sources/a%0Ab%1B[2J: missing"; err == nil || err.Error() != want {
		t.Errorf("listed path: %v, want %s", err, want)
	}
	_, err = OpenFS(fstest.MapFS{ManifestFile: {Data: []byte(`{"schema":"nachweis.bundle/v1","sources":[]}`)}, "x\ry": {Data: []byte("1")}})
	if want := "open bundle: x%0Dy: not listed in the manifest"; err == nil || err.Error() != want {
		t.Errorf("unlisted path: %v, want %s", err, want)
	}
}

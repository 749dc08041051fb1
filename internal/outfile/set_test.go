package outfile

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

func TestSetCommit(t *testing.T) {
	withUmask(t, 0o027)
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	s, err := NewSet(out, Document)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Add(t.Context(), "a.pdf", Document, text("A")); err != nil {
		t.Fatal(err)
	}
	if err := s.Add(t.Context(), "results.json", Private, text("R")); err != nil {
		t.Fatal(err)
	}
	if err := s.Add(t.Context(), "a.pdf", Document, text("again")); err == nil || !strings.Contains(err.Error(), "produced twice") {
		t.Errorf("duplicate name: %v", err)
	}
	files, err := s.Commit(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	want := []Written{{Path: filepath.Join(out, "a.pdf"), Size: 1}, {Path: filepath.Join(out, "results.json"), Size: 1}}
	if !slices.Equal(files, want) {
		t.Errorf("written %v, want %v", files, want)
	}
	modes := map[string]fs.FileMode{out: fs.ModeDir | 0o750, files[0].Path: 0o640, files[1].Path: 0o600}
	for p, m := range modes {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode() != m {
			t.Errorf("%s: mode %v, want %v", p, fi.Mode(), m)
		}
	}
	if left := staged(t, out); len(left) != 0 {
		t.Errorf("staging left behind: %v", left)
	}
}

func TestSetFailureLeavesDirectory(t *testing.T) {
	out := t.TempDir()
	if err := os.WriteFile(filepath.Join(out, "a.pdf"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := NewSet(out, Document)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Add(t.Context(), "a.pdf", Document, text("new")); err != nil {
		t.Fatal(err)
	}
	if err := s.Add(t.Context(), "b.pdf", Document, failing); err == nil {
		t.Fatal("failing render: no error")
	}
	s.Discard()
	if got := mustRead(t, filepath.Join(out, "a.pdf")); got != "old" {
		t.Errorf("a.pdf = %q after a failed set", got)
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want only a.pdf", len(entries))
	}

	// A directory in the way of one file fails the commit before any file
	// moved.
	if err := os.Mkdir(filepath.Join(out, "z.pdf"), 0o755); err != nil {
		t.Fatal(err)
	}
	s, err = NewSet(out, Document)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"a.pdf", "z.pdf"} {
		if err := s.Add(t.Context(), n, Document, text("new")); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Commit(t.Context()); err == nil || !strings.Contains(err.Error(), "z.pdf: is a directory") {
		t.Errorf("commit over a directory: %v", err)
	}
	if got := mustRead(t, filepath.Join(out, "a.pdf")); got != "old" {
		t.Errorf("a.pdf = %q after a refused commit", got)
	}
	if left := staged(t, out); len(left) != 0 {
		t.Errorf("staging left behind: %v", left)
	}
}

func TestSetLinksAndDevices(t *testing.T) {
	parent := t.TempDir()
	real := filepath.Join(parent, "real")
	if err := os.Mkdir(real, 0o755); err != nil {
		t.Fatal(err)
	}
	elsewhere := filepath.Join(parent, "elsewhere")
	if err := os.Mkdir(elsewhere, 0o755); err != nil {
		t.Fatal(err)
	}
	// -o names a link to the directory; inside it, one file is a link to
	// a file elsewhere and one is a FIFO.
	out := filepath.Join(parent, "out")
	if err := os.Symlink("real", out); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(elsewhere, "kept.pdf"), filepath.Join(real, "b.pdf")); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(real, "c.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- string(b)
	}()
	s, err := NewSet(out, Document)
	if err != nil {
		t.Fatal(err)
	}
	for n, v := range map[string]string{"a.pdf": "A", "b.pdf": "B", "c.json": "C"} {
		if err := s.Add(t.Context(), n, Document, text(v)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Commit(t.Context()); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(out); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Error("-o DIR is no longer a link")
	}
	if got := mustRead(t, filepath.Join(real, "a.pdf")); got != "A" {
		t.Errorf("a.pdf = %q", got)
	}
	if fi, err := os.Lstat(filepath.Join(real, "b.pdf")); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Error("b.pdf is no longer a link")
	}
	if got := mustRead(t, filepath.Join(elsewhere, "kept.pdf")); got != "B" {
		t.Errorf("b.pdf's target = %q", got)
	}
	if s := <-got; s != "C" {
		t.Errorf("FIFO reader got %q", s)
	}
	if fi, _ := os.Lstat(fifo); fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Error("the FIFO was replaced")
	}
	for _, d := range []string{real, elsewhere} {
		if left := staged(t, d); len(left) != 0 {
			t.Errorf("staging left behind: %v", left)
		}
	}
}

func TestNewSetRefuses(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "file")
	if err := os.WriteFile(f, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{f: "a file, not a directory", fifo: "a FIFO, not a directory", "/dev/stdout": "an open file"} {
		if _, err := NewSet(p, Document); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("NewSet(%s): %v, want %q", p, err, want)
		}
	}
}

// TestSetDiscardRemovesCreatedDirectory: an interrupted multi-file output
// leaves no trace, not even the directory it created.
func TestSetDiscardRemovesCreatedDirectory(t *testing.T) {
	out := filepath.Join(t.TempDir(), "new")
	s, err := NewSet(out, Document)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Add(t.Context(), "a.pdf", Document, text("A")); err != nil {
		t.Fatal(err)
	}
	s.Discard()
	if _, err := os.Lstat(out); !os.IsNotExist(err) {
		t.Errorf("discarded set left %s (%v)", out, err)
	}
}

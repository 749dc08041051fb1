package evidence

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/nachweis/nachweis/internal/outfile"
)

// TestWriteThroughLink writes a bundle to a symbolic link to a directory:
// the directory it leads to gets the bundle and the link stays a link.
func TestWriteThroughLink(t *testing.T) {
	parent := t.TempDir()
	real := filepath.Join(parent, "real")
	link := filepath.Join(parent, "bundle")
	if err := os.Symlink("real", link); err != nil {
		t.Fatal(err)
	}
	opts := WriteOptions{Now: testNow}
	for _, name := range []string{"web-01", "db-01"} {
		src := resticSource(name, Item{Kind: KindResticSnapshots, Origin: "s.json", Data: []byte("[]")})
		if _, err := Write(t.Context(), link, []SourceData{src}, opts); err != nil {
			t.Fatalf("write %s through a link: %v", name, err)
		}
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("the link was replaced (%v)", err)
	}
	b, err := Open(real)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Manifest.Sources) != 2 {
		t.Errorf("bundle behind the link has %d sources, want both writes", len(b.Manifest.Sources))
	}
	if fi, _ := os.Stat(real); fi.Mode().Perm() != dirPerm {
		t.Errorf("bundle directory mode %v, want %v", fi.Mode().Perm(), fs.FileMode(dirPerm))
	}
	if left, _ := filepath.Glob(filepath.Join(parent, outfile.StagingPattern)); len(left) != 0 {
		t.Errorf("staging left behind: %v", left)
	}
}

// TestWriteRefusesSpecialFiles: a FIFO or a device where the bundle
// belongs is an error and stays what it is.
func TestWriteRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	paths := map[string]string{fifo: "a FIFO, not a directory"}
	if os.Geteuid() == 0 {
		dev := filepath.Join(dir, "null")
		if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, 1<<8|3); err == nil {
			paths[dev] = "a character device, not a directory"
		}
	}
	src := resticSource("web-01", Item{Kind: KindResticSnapshots, Origin: "s.json", Data: []byte("[]")})
	for p, want := range paths {
		before, _ := os.Lstat(p)
		_, err := Write(t.Context(), p, []SourceData{src}, WriteOptions{Now: testNow, Replace: true})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("write bundle to %s: %v, want %q", p, err, want)
		}
		if after, err := os.Lstat(p); err != nil || after.Mode() != before.Mode() {
			t.Errorf("%s changed from %v to %v", p, before.Mode(), after.Mode())
		}
	}
	if left, _ := filepath.Glob(filepath.Join(dir, outfile.StagingPattern)); len(left) != 0 {
		t.Errorf("staging left behind: %v", left)
	}
}

package outfile

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

func text(s string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}
}

func failing(w io.Writer) error {
	io.WriteString(w, "partial")
	return errors.New("render failed")
}

// staged lists staging entries left in dir.
func staged(t *testing.T, dir string) []string {
	t.Helper()
	left, err := filepath.Glob(filepath.Join(dir, StagingPattern))
	if err != nil {
		t.Fatal(err)
	}
	return left
}

func mustRead(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func inode(t *testing.T, p string) uint64 {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Sys().(*syscall.Stat_t).Ino
}

func needRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("making device nodes needs root")
	}
}

// mknodNull makes a character device node with /dev/null's numbers.
func mknodNull(t *testing.T, p string) {
	t.Helper()
	needRoot(t)
	if err := syscall.Mknod(p, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		t.Skipf("mknod: %v", err)
	}
}

// withUmask runs the test under umask m.
func withUmask(t *testing.T, m int) {
	old := syscall.Umask(m)
	t.Cleanup(func() { syscall.Umask(old) })
}

func TestWriteFileNewAndReplace(t *testing.T) {
	withUmask(t, 0o027)
	dir := t.TempDir()
	doc := filepath.Join(dir, "doc.pdf")
	res := filepath.Join(dir, "results.json")
	if err := WriteFile(t.Context(), doc, Document, text("v1")); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(t.Context(), res, Private, text("r1")); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]fs.FileMode{doc: 0o640, res: 0o600} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode() != want {
			t.Errorf("%s: mode %v, want %v", filepath.Base(p), fi.Mode(), want)
		}
	}
	before := inode(t, doc)
	if err := WriteFile(t.Context(), doc, Document, text("v2")); err != nil {
		t.Fatal(err)
	}
	if got := mustRead(t, doc); got != "v2" {
		t.Errorf("content %q, want v2", got)
	}
	if inode(t, doc) == before {
		t.Error("the file was rewritten in place, not replaced by a rename")
	}
	err := WriteFile(t.Context(), doc, Document, failing)
	if err == nil || !bytes.Contains([]byte(err.Error()), []byte(doc)) {
		t.Errorf("failed render: error %v, want one naming %s", err, doc)
	}
	if got := mustRead(t, doc); got != "v2" {
		t.Errorf("a failed render changed the file: %q", got)
	}
	if left := staged(t, dir); len(left) != 0 {
		t.Errorf("staging left behind: %v", left)
	}
}

func TestWriteFileCancelled(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.json")
	if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	err := WriteFile(ctx, p, Private, func(w io.Writer) error {
		cancel() // the signal arrives while rendering
		_, err := io.WriteString(w, "new")
		return err
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want context.Canceled", err)
	}
	if got := mustRead(t, p); got != "old" {
		t.Errorf("cancelled write changed the file: %q", got)
	}
	if left := staged(t, dir); len(left) != 0 {
		t.Errorf("staging left behind: %v", left)
	}
}

func TestWriteFileCharDevice(t *testing.T) {
	dir := t.TempDir()
	dev := filepath.Join(dir, "null")
	mknodNull(t, dev)
	for _, c := range []Class{Private, Document} {
		if err := WriteFile(t.Context(), dev, c, text("to the device")); err != nil {
			t.Fatal(err)
		}
	}
	fi, err := os.Lstat(dev)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("%s is now %v, want the character device it was", dev, fi.Mode())
	}
	if st := fi.Sys().(*syscall.Stat_t); st.Rdev != 1<<8|3 {
		t.Errorf("device numbers changed: %x", st.Rdev)
	}
	// Through a link, too; the link stays a link.
	link := filepath.Join(dir, "link")
	if err := os.Symlink(dev, link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(t.Context(), link, Private, text("x")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&fs.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
	if fi, _ := os.Lstat(dev); fi.Mode()&fs.ModeCharDevice == 0 {
		t.Error("the device behind the link was replaced")
	}
	if left := staged(t, dir); len(left) != 0 {
		t.Errorf("staging left behind: %v", left)
	}
}

func TestWriteFileFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
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
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- string(b)
	}()
	if err := WriteFile(t.Context(), fifo, Private, text("through the pipe")); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Lstat(fifo)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Fatalf("%s is now %v, want the FIFO it was", fifo, fi.Mode())
	}
	if s := <-got; s != "through the pipe" {
		t.Errorf("reader got %q", s)
	}
	if left := staged(t, dir); len(left) != 0 {
		t.Errorf("staging left behind: %v", left)
	}
}

func TestWriteFileDescriptor(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, p := range []string{"/dev/fd/", "/proc/self/fd/"} {
		if err := WriteFile(t.Context(), p+strconv.Itoa(int(w.Fd())), Private, text(p+"\n")); err != nil {
			t.Fatal(err)
		}
	}
	// The descriptor stays open for its owner.
	if _, err := w.Write([]byte("owner\n")); err != nil {
		t.Fatalf("descriptor closed by the write: %v", err)
	}
	w.Close()
	b, _ := io.ReadAll(r)
	if string(b) != "/dev/fd/\n/proc/self/fd/\nowner\n" {
		t.Errorf("pipe got %q", b)
	}
}

func TestWriteFileSymlink(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "other")
	if err := os.Mkdir(other, 0o755); err != nil {
		t.Fatal(err)
	}
	real := filepath.Join(other, "real.pdf")
	if err := os.WriteFile(real, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.pdf")
	if err := os.Symlink("other/real.pdf", link); err != nil {
		t.Fatal(err)
	}
	chain := filepath.Join(dir, "chain.pdf")
	if err := os.Symlink(link, chain); err != nil {
		t.Fatal(err)
	}
	before := inode(t, real)
	if err := WriteFile(t.Context(), chain, Document, text("new")); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{link, chain} {
		if fi, err := os.Lstat(l); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("%s is no longer a link", l)
		}
	}
	if got := mustRead(t, real); got != "new" {
		t.Errorf("target holds %q, want new", got)
	}
	if inode(t, real) == before {
		t.Error("the target was rewritten in place, not replaced atomically")
	}
	// A failed render leaves the target.
	if err := WriteFile(t.Context(), chain, Document, failing); err == nil {
		t.Error("failed render: no error")
	}
	if got := mustRead(t, real); got != "new" {
		t.Errorf("failed render changed the target: %q", got)
	}
	for _, d := range []string{dir, other} {
		if left := staged(t, d); len(left) != 0 {
			t.Errorf("staging left behind: %v", left)
		}
	}
	// A dangling link: its target is created.
	dangling := filepath.Join(dir, "dangling")
	if err := os.Symlink("other/created.json", dangling); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(t.Context(), dangling, Private, text("made")); err != nil {
		t.Fatal(err)
	}
	if got := mustRead(t, filepath.Join(other, "created.json")); got != "made" {
		t.Errorf("created target holds %q", got)
	}
	// A loop is an error, not a hang.
	loop := filepath.Join(dir, "loop")
	if err := os.Symlink("loop", loop); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(t.Context(), loop, Private, text("x")); err == nil {
		t.Error("a link loop: no error")
	}
}

func TestWriteFileRefuses(t *testing.T) {
	dir := t.TempDir()
	sock := filepath.Join(dir, "sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	tests := map[string]struct {
		path, want string
	}{
		"directory": {sub, "is a directory"},
		"socket":    {sock, "is a socket"},
	}
	if os.Geteuid() == 0 {
		blk := filepath.Join(dir, "blk")
		if err := syscall.Mknod(blk, syscall.S_IFBLK|0o600, 7<<8|200); err == nil {
			tests["block device"] = struct{ path, want string }{blk, "is a block device"}
		}
	}
	link := filepath.Join(dir, "tosub")
	if err := os.Symlink("sub", link); err != nil {
		t.Fatal(err)
	}
	tests["link to a directory"] = struct{ path, want string }{link, "leads to " + sub + ", which is a directory"}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			before, _ := os.Lstat(tt.path)
			err := WriteFile(t.Context(), tt.path, Private, text("x"))
			if err == nil || !bytes.Contains([]byte(err.Error()), []byte(tt.want)) || !bytes.Contains([]byte(err.Error()), []byte(tt.path)) {
				t.Fatalf("error = %v, want one naming %s and saying %q", err, tt.path, tt.want)
			}
			after, _ := os.Lstat(tt.path)
			if before.Mode() != after.Mode() {
				t.Errorf("mode changed from %v to %v", before.Mode(), after.Mode())
			}
		})
	}
	if left := staged(t, dir); len(left) != 0 {
		t.Errorf("staging left behind: %v", left)
	}
}

func TestCreateFile(t *testing.T) {
	withUmask(t, 0o022)
	dir := t.TempDir()
	p := filepath.Join(dir, "nachweis.yaml")
	if err := CreateFile(t.Context(), p, Document, text("first")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(p); fi.Mode() != 0o644 {
		t.Errorf("mode %v, want 0644 under umask 022", fi.Mode())
	}
	err := CreateFile(t.Context(), p, Document, text("second"))
	if !errors.Is(err, fs.ErrExist) {
		t.Errorf("second create: %v, want fs.ErrExist", err)
	}
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink("nachweis.yaml", link); err != nil {
		t.Fatal(err)
	}
	if err := CreateFile(t.Context(), link, Document, text("third")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("create through a link to an existing file: %v, want fs.ErrExist", err)
	}
	if got := mustRead(t, p); got != "first" {
		t.Errorf("existing file changed to %q", got)
	}
	if left := staged(t, dir); len(left) != 0 {
		t.Errorf("staging left behind: %v", left)
	}
	dev := filepath.Join(dir, "null")
	mknodNull(t, dev)
	if err := CreateFile(t.Context(), dev, Document, text("x")); err != nil {
		t.Errorf("create onto a character device: %v", err)
	}
	if fi, _ := os.Lstat(dev); fi.Mode()&fs.ModeCharDevice == 0 {
		t.Error("the device was replaced")
	}
}

func TestRemoveStaging(t *testing.T) {
	dir := t.TempDir()
	f, err := createStaging(dir, "a.pdf", 0o600)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	d, err := StagingDir(dir, "out")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(d, "x"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if left := staged(t, dir); len(left) != 2 {
		t.Fatalf("staging entries %v, want 2", left)
	}
	RemoveStaging()
	// RemoveStaging blocks commits for good; give this test process back
	// its commits.
	registry.commit.Unlock()
	if left := staged(t, dir); len(left) != 0 {
		t.Errorf("RemoveStaging left %v", left)
	}
}

// TestWriteFileFIFOWithoutReader: waiting for a FIFO's reader ends when
// ctx does, so an interrupt is never stuck.
func TestWriteFileFIFOWithoutReader(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	err := WriteFile(ctx, fifo, Private, text("nobody reads this"))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want the context's", err)
	}
}

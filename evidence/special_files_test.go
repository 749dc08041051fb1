package evidence

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// writeTestBundle writes a bundle with one restic snapshots file and
// returns its directory and the file's path inside it.
func writeTestBundle(t *testing.T) (dir, rel string) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "bundle")
	src := resticSource("web-01", Item{Kind: KindResticSnapshots, Origin: "snapshots.json", Data: []byte("[]\n")})
	if _, err := Write(t.Context(), dir, []SourceData{src}, WriteOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	return dir, "sources/restic/web-01/snapshots.json"
}

// withTimeout runs fn and fails the test when it does not return within
// 10 seconds; unblock is then called so that fn can return.
func withTimeout[T any](t *testing.T, unblock func(), fn func() T) T {
	t.Helper()
	done := make(chan T, 1)
	go func() { done <- fn() }()
	select {
	case v := <-done:
		return v
	case <-time.After(10 * time.Second):
		unblock()
		t.Fatal("hangs")
		return <-done
	}
}

// unblockFIFO opens the named pipe for writing, which releases a reader
// blocked in open, and closes it again.
func unblockFIFO(p string) func() {
	return func() {
		if f, err := os.OpenFile(p, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	}
}

func TestOpenRejectsSpecialFiles(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "snapshots.json")
	if err := os.WriteFile(outside, []byte("[]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		file    string // "" for the evidence file, else a bundle-relative path
		replace func(p string) error
		want    string
	}{
		{"named pipe", "", func(p string) error { return syscall.Mkfifo(p, 0o600) }, "is a named pipe (FIFO), not a regular file"},
		{"named pipe manifest", ManifestFile, func(p string) error { return syscall.Mkfifo(p, 0o600) }, "is a named pipe (FIFO), not a regular file"},
		// Same content as listed: only the file type can tell.
		{"symbolic link out of the bundle", "", func(p string) error { return os.Symlink(outside, p) }, "is a symbolic link, not a regular file"},
		{"directory", "", func(p string) error { return os.Mkdir(p, 0o700) }, "is a directory, not a regular file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, rel := writeTestBundle(t)
			if tt.file != "" {
				rel = tt.file
			}
			p := filepath.Join(dir, filepath.FromSlash(rel))
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			if err := tt.replace(p); err != nil {
				t.Fatal(err)
			}
			err := withTimeout(t, unblockFIFO(p), func() error { _, err := Open(dir); return err })
			if err == nil || !strings.Contains(err.Error(), rel+": "+tt.want) {
				t.Fatalf("Open = %v, want %q", err, rel+": "+tt.want)
			}
			if !errors.Is(err, ErrInvalidBundle) {
				t.Errorf("errors.Is(%v, ErrInvalidBundle) = false", err)
			}
		})
	}
}

// TestReadFileRejectsFIFO swaps a verified file for a named pipe after
// Open: the read for a check must not block.
func TestReadFileRejectsFIFO(t *testing.T) {
	dir, rel := writeTestBundle(t)
	b, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Fatal(err)
	}
	err = withTimeout(t, unblockFIFO(p), func() error { _, err := b.ReadFile(rel); return err })
	if want := rel + ": is a named pipe (FIFO), not a regular file"; err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("ReadFile = %v, want %q", err, want)
	}
}

// TestOpenRejectsDirectorySymlinkOut replaces a source directory by a
// symbolic link to a copy elsewhere: the files match the manifest, but
// they are not inside the bundle. (The walk for unlisted files and the
// os.Root the bundle is read through each refuse it.)
func TestOpenRejectsDirectorySymlinkOut(t *testing.T) {
	dir, rel := writeTestBundle(t)
	elsewhere := filepath.Join(t.TempDir(), "web-01")
	if err := os.Mkdir(elsewhere, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(elsewhere, "snapshots.json"), []byte("[]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	srcDir := filepath.Join(dir, filepath.FromSlash(filepath.Dir(rel)))
	if err := os.RemoveAll(srcDir); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, srcDir); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir); err == nil {
		t.Fatal("Open read a bundle file through a symbolic link out of the bundle")
	}
}

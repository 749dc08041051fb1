package outfile

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// Class is who may read an output; it decides the permissions it is
// created with.
type Class int

const (
	// Private outputs (bundles, results, check -o) are 0600 files and
	// 0700 directories: they describe the provider's weaknesses.
	Private Class = iota
	// Document outputs (PDF, XLSX) are 0666 files and 0777 directories,
	// reduced by the user's umask.
	Document
)

func (c Class) filePerm() fs.FileMode {
	if c == Document {
		return 0o666
	}
	return 0o600
}

// DirPerm is the permission a directory output of class c is created
// with (before the umask).
func (c Class) DirPerm() fs.FileMode {
	if c == Document {
		return 0o777
	}
	return 0o700
}

// WriteFile writes what render produces to path by the package's rules:
// staged and renamed onto a new path or regular file, written directly to
// a character device or FIFO, through a symbolic link to its target. A
// failed render or a cancelled ctx leaves path as it was; errors name
// path.
func WriteFile(ctx context.Context, path string, c Class, render func(io.Writer) error) error {
	if err := writeFile(ctx, path, c, false, render); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// CreateFile is WriteFile for a file that must not be replaced: a regular
// file at path (or at the target of a link there) is an error matching
// fs.ErrExist and stays untouched. A character device or FIFO is written.
func CreateFile(ctx context.Context, path string, c Class, render func(io.Writer) error) error {
	if err := writeFile(ctx, path, c, true, render); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func writeFile(ctx context.Context, path string, c Class, exclusive bool, render func(io.Writer) error) error {
	t, err := inspect(path)
	if err != nil {
		return err
	}
	if exclusive && t.how == replace && t.exists {
		return fs.ErrExist
	}
	if t.how != replace {
		return writeDirect(ctx, t, render)
	}
	f, err := createStaging(filepath.Dir(t.path), filepath.Base(t.path), c.filePerm())
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer DropStaging(tmp)
	if err := renderTo(f, render); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return Commit(func() error { return place(tmp, t.path, exclusive) })
}

// place moves the finished staging file tmp to path. exclusive refuses to
// replace an existing file (a hard link fails if path exists, unlike a
// rename).
func place(tmp, path string, exclusive bool) error {
	if !exclusive {
		if err := os.Rename(tmp, path); err != nil {
			return err
		}
		syncDir(filepath.Dir(path))
		return nil
	}
	err := os.Link(tmp, path)
	if errors.Is(err, fs.ErrExist) {
		return fs.ErrExist
	}
	if err != nil {
		// No hard links on this file system: check, then rename.
		if _, lerr := os.Lstat(path); lerr == nil {
			return fs.ErrExist
		}
		if err := os.Rename(tmp, path); err != nil {
			return err
		}
	}
	syncDir(filepath.Dir(path))
	return nil
}

// renderTo renders into f through a buffer.
func renderTo(f io.Writer, render func(io.Writer) error) error {
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := render(bw); err != nil {
		return err
	}
	return bw.Flush()
}

// writeDirect renders the whole output first, so that a failed render
// writes nothing, then writes it to the device, FIFO or descriptor.
func writeDirect(ctx context.Context, t target, render func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	var f *os.File
	switch t.how {
	case descriptor:
		// A duplicate of our own descriptor keeps the shell's redirection
		// as it is (its offset, O_APPEND) and leaves the original open.
		fd, err := syscall.Dup(t.fd)
		if err != nil {
			return fmt.Errorf("file descriptor %d: %w", t.fd, err)
		}
		f = os.NewFile(uintptr(fd), t.path)
	default:
		var err error
		if f, err = openDirect(ctx, t.path); err != nil {
			return err
		}
	}
	if _, err := f.Write(buf.Bytes()); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// openDirect opens a device, FIFO or /proc file for writing. A FIFO is
// opened without blocking and retried until a reader has opened it or ctx
// ends, so that an interrupt is not stuck waiting for a reader.
func openDirect(ctx context.Context, path string) (*os.File, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	switch m := fi.Mode(); {
	case m.IsRegular():
		return os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0) // a file reached through /proc/<pid>/fd
	case m&fs.ModeNamedPipe == 0:
		return os.OpenFile(path, os.O_WRONLY, 0)
	}
	for {
		fd, err := syscall.Open(path, syscall.O_WRONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
		if err == nil {
			if err := syscall.SetNonblock(fd, false); err != nil {
				syscall.Close(fd)
				return nil, err
			}
			return os.NewFile(uintptr(fd), path), nil
		}
		if err != syscall.ENXIO { // ENXIO: no reader yet
			return nil, &fs.PathError{Op: "open", Path: path, Err: err}
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("waiting for a reader of the FIFO %s: %w", path, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	// A failed directory sync leaves the output in place but perhaps not
	// durable across a crash; it does not fail the write.
	d.Sync()
	d.Close()
}

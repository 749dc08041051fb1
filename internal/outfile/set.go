package outfile

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"
)

// Set is a multi-file output (-o DIR: one TOM annex per tenant, the demo's
// documents). Its files are rendered into a staging directory inside the
// output directory and moved into place only when all of them were
// written: a failure or an interrupt leaves no partial set, and files the
// user already had there stay untouched unless replaced by a complete new
// set. Each file is placed by the package's rules (a symbolic link is
// followed, a device or FIFO written directly).
type Set struct {
	dir     string // the directory as the user named it
	real    string // dir with its symbolic links followed
	tmp     string
	created bool // real did not exist before NewSet
	done    bool // committed

	mu    sync.Mutex
	files map[string]*setFile
}

type setFile struct {
	class Class
	size  int64
	done  bool
}

// Written is one file of a committed Set.
type Written struct {
	Path string // as the user named the directory, joined with the name
	Size int64
}

// NewSet prepares a multi-file output in dir, creating dir (with class's
// directory permissions, reduced by the umask) if it is missing. A path
// that exists and is not a directory (after following symbolic links) is
// an error.
func NewSet(dir string, c Class) (*Set, error) {
	real, err := ResolveDir(dir)
	if err != nil {
		return nil, fmt.Errorf("output directory %s: %w", dir, err)
	}
	_, err = os.Stat(real)
	created := err != nil
	if err := os.MkdirAll(real, c.DirPerm()); err != nil {
		return nil, fmt.Errorf("create output directory: %w", err)
	}
	tmp, err := StagingDir(real, filepath.Base(real))
	if err != nil {
		return nil, fmt.Errorf("output directory %s: %w", dir, err)
	}
	if created {
		setCreated(real, true)
	}
	return &Set{dir: dir, real: real, tmp: tmp, created: created, files: map[string]*setFile{}}, nil
}

// Add renders the file name (one path element) into the staging
// directory. It may be called from several goroutines.
func (s *Set) Add(ctx context.Context, name string, c Class, render func(io.Writer) error) error {
	dst := filepath.Join(s.dir, name)
	if name != filepath.Base(name) || name == "." || name == ".." || IsStaging(name) {
		return fmt.Errorf("write %s: not a plain file name", dst)
	}
	s.mu.Lock()
	if _, dup := s.files[name]; dup {
		s.mu.Unlock()
		return fmt.Errorf("write %s: produced twice", dst)
	}
	e := &setFile{class: c}
	s.files[name] = e
	s.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(s.tmp, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, c.filePerm())
	if err != nil {
		return fmt.Errorf("write %s: %w", dst, err)
	}
	cw := &countingWriter{w: f}
	if err := renderTo(cw, render); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", dst, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", dst, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", dst, err)
	}
	s.mu.Lock()
	e.size, e.done = cw.n, true
	s.mu.Unlock()
	return nil
}

// Commit moves every file into place and removes the staging directory.
// Where each file goes is decided for all of them first, so that a path
// that cannot take a file (a directory in the way) fails the commit before
// anything moved. It returns the files sorted by name.
func (s *Set) Commit(ctx context.Context) ([]Written, error) {
	defer s.Discard()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(s.files))
	for n, e := range s.files {
		if !e.done {
			return nil, fmt.Errorf("write %s: not finished", filepath.Join(s.dir, n))
		}
		names = append(names, n)
	}
	sort.Strings(names)
	targets := make([]target, len(names))
	for i, n := range names {
		t, err := inspect(filepath.Join(s.real, n))
		if err != nil {
			return nil, fmt.Errorf("write %s: %w", filepath.Join(s.dir, n), err)
		}
		targets[i] = t
	}
	// Files are renamed into place together, so that a forced exit finds
	// either none or all of them moved; devices and FIFOs, which may wait
	// for a reader, are written after that.
	err := Commit(func() error {
		for i, n := range names {
			if targets[i].how != replace {
				continue
			}
			if err := s.place(n, targets[i]); err != nil {
				return fmt.Errorf("write %s: %w", filepath.Join(s.dir, n), err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.done = true
	setCreated(s.real, false)
	syncDir(s.real)
	for i, n := range names {
		if targets[i].how == replace {
			continue
		}
		staged := filepath.Join(s.tmp, n)
		if err := writeDirect(ctx, targets[i], func(w io.Writer) error { return copyFile(w, staged) }); err != nil {
			return nil, fmt.Errorf("write %s: %w", filepath.Join(s.dir, n), err)
		}
	}
	out := make([]Written, 0, len(names))
	for _, n := range names {
		out = append(out, Written{Path: filepath.Join(s.dir, n), Size: s.files[n].size})
	}
	return out, nil
}

// place moves one staged file to its target, a new path or a regular
// file.
func (s *Set) place(name string, t target) error {
	staged := filepath.Join(s.tmp, name)
	if filepath.Dir(t.path) == s.real {
		return os.Rename(staged, t.path)
	}
	// A link to elsewhere (perhaps another file system): stage a copy
	// beside its target, then rename.
	f, err := createStaging(filepath.Dir(t.path), filepath.Base(t.path), s.files[name].class.filePerm())
	if err != nil {
		return err
	}
	defer DropStaging(f.Name())
	if err := copyFile(f, staged); err != nil {
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
	if err := os.Rename(f.Name(), t.path); err != nil {
		return err
	}
	syncDir(filepath.Dir(t.path))
	return nil
}

func copyFile(w io.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}

// Discard removes the staging directory and everything in it, and the
// output directory if NewSet created it and it is still empty; after a
// successful Commit it only removes what is left of the staging.
func (s *Set) Discard() {
	DropStaging(s.tmp)
	if s.created && !s.done {
		os.Remove(s.real) // fails, harmlessly, unless empty
		setCreated(s.real, false)
	}
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"
)

// staging collects the files of a multi-file output (one TOM annex per
// tenant, the demo's documents) in a temporary directory inside the target
// directory and moves them into place only when all of them were written:
// a failure leaves no partial set behind, and files the user already had
// there stay untouched unless replaced by a complete new set.
type staging struct {
	dir string
	tmp string

	mu    sync.Mutex
	names map[string]int64 // name → size
}

func newStaging(dir string) (*staging, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create output directory: %w", err)
	}
	tmp, err := os.MkdirTemp(dir, ".nachweis-*.tmp")
	if err != nil {
		return nil, fmt.Errorf("create output directory: %w", err)
	}
	return &staging{dir: dir, tmp: tmp, names: map[string]int64{}}, nil
}

// add renders one file into the staging directory. It may be called from
// several goroutines.
func (s *staging) add(name string, render func(io.Writer) error) error {
	s.mu.Lock()
	if _, dup := s.names[name]; dup {
		s.mu.Unlock()
		return fmt.Errorf("write %s: produced twice", filepath.Join(s.dir, name))
	}
	s.names[name] = 0
	s.mu.Unlock()
	f, err := os.Create(filepath.Join(s.tmp, name))
	if err != nil {
		return fmt.Errorf("write %s: %w", filepath.Join(s.dir, name), err)
	}
	cw := &countingWriter{w: f}
	if err := render(cw); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", filepath.Join(s.dir, name), err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", filepath.Join(s.dir, name), err)
	}
	s.mu.Lock()
	s.names[name] = cw.n
	s.mu.Unlock()
	return nil
}

// commit moves every staged file into the target directory and returns
// their paths with sizes, sorted by name.
func (s *staging) commit() ([]writtenFile, error) {
	defer os.RemoveAll(s.tmp)
	names := make([]string, 0, len(s.names))
	for n := range s.names {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]writtenFile, 0, len(names))
	for _, n := range names {
		dst := filepath.Join(s.dir, n)
		if err := os.Rename(filepath.Join(s.tmp, n), dst); err != nil {
			return nil, fmt.Errorf("write %s: %w", dst, err)
		}
		out = append(out, writtenFile{path: dst, size: s.names[n]})
	}
	return out, nil
}

// discard removes the staging directory and everything in it.
func (s *staging) discard() { os.RemoveAll(s.tmp) }

type writtenFile struct {
	path string
	size int64
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

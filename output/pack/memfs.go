package pack

import (
	"bytes"
	"io"
	"io/fs"
	"path"
	"sort"
	"time"
)

// FS returns files as a read-only, in-memory file system (for evaluating
// the files of a pack without writing them anywhere). Paths must be valid
// pack paths; directories are implied by them.
func FS(files []File) fs.FS {
	m := &memFS{files: make(map[string][]byte, len(files)), dirs: map[string][]string{".": nil}}
	for _, f := range files {
		m.files[f.Path] = f.Data
		child := f.Path
		for dir := path.Dir(f.Path); ; dir = path.Dir(dir) {
			_, known := m.dirs[dir]
			m.dirs[dir] = append(m.dirs[dir], path.Base(child))
			if known || dir == "." {
				break
			}
			child = dir
		}
	}
	for d, names := range m.dirs {
		sort.Strings(names)
		m.dirs[d] = compact(names)
	}
	return m
}

func compact(sorted []string) []string {
	out := sorted[:0]
	for i, s := range sorted {
		if i == 0 || s != sorted[i-1] {
			out = append(out, s)
		}
	}
	return out
}

type memFS struct {
	files map[string][]byte
	dirs  map[string][]string // directory → sorted names of its children
}

func (m *memFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if data, ok := m.files[name]; ok {
		return &memFile{info: memInfo{name: path.Base(name), size: int64(len(data))}, r: bytes.NewReader(data)}, nil
	}
	if names, ok := m.dirs[name]; ok {
		d := &memDir{info: memInfo{name: path.Base(name), dir: true}}
		for _, n := range names {
			child := path.Join(name, n)
			if data, ok := m.files[child]; ok {
				d.entries = append(d.entries, memInfo{name: n, size: int64(len(data))})
			} else {
				d.entries = append(d.entries, memInfo{name: n, dir: true})
			}
		}
		return d, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// ReadFile returns the content without copying it through a reader.
func (m *memFS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrInvalid}
	}
	data, ok := m.files[name]
	if !ok {
		if _, dir := m.dirs[name]; dir {
			return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrInvalid}
		}
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
	}
	return append([]byte(nil), data...), nil
}

type memInfo struct {
	name string
	size int64
	dir  bool
}

func (i memInfo) Name() string { return i.name }
func (i memInfo) Size() int64  { return i.size }
func (i memInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (i memInfo) ModTime() time.Time         { return time.Time{} }
func (i memInfo) IsDir() bool                { return i.dir }
func (i memInfo) Sys() any                   { return nil }
func (i memInfo) Type() fs.FileMode          { return i.Mode().Type() }
func (i memInfo) Info() (fs.FileInfo, error) { return i, nil }

type memFile struct {
	info memInfo
	r    *bytes.Reader
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Read(p []byte) (int, error) { return f.r.Read(p) }
func (f *memFile) Close() error               { return nil }

// Seek lets readers that seek (OPA's loader does not, but http.FS would)
// work too.
func (f *memFile) Seek(offset int64, whence int) (int64, error) { return f.r.Seek(offset, whence) }

type memDir struct {
	info    memInfo
	entries []memInfo
	off     int
}

func (d *memDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *memDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: fs.ErrInvalid}
}
func (d *memDir) Close() error { return nil }

func (d *memDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		out := make([]fs.DirEntry, len(rest))
		for i, e := range rest {
			out[i] = e
		}
		return out, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	if n > len(rest) {
		n = len(rest)
	}
	out := make([]fs.DirEntry, n)
	for i, e := range rest[:n] {
		out[i] = e
	}
	d.off += n
	return out, nil
}

package pack

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
)

// Limits bound what Read accepts, against zip bombs and archives made to
// exhaust memory. Sizes are uncompressed bytes.
type Limits struct {
	MaxEntries   int
	MaxFileSize  int64
	MaxTotalSize int64
}

// DefaultLimits allow a provider of several thousand tenants with room to
// spare, and refuse archives beyond that before reading them.
var DefaultLimits = Limits{MaxEntries: 100_000, MaxFileSize: 1 << 30, MaxTotalSize: 4 << 30}

// FormatError is a zip file Read refuses: not a zip, over a limit, or an
// entry that is not a plain file with a safe path. Entry is the entry's
// name as stored ("" for the archive as a whole).
type FormatError struct {
	Entry  string
	Reason string
}

func (e *FormatError) Error() string {
	if e.Entry == "" {
		return e.Reason
	}
	return fmt.Sprintf("entry %q: %s", e.Entry, e.Reason)
}

// ReadOptions configure Read.
type ReadOptions struct {
	// Limits; zero values take DefaultLimits.
	Limits Limits
	// Keep says which files are held in memory after hashing (for FS and
	// Data); nil keeps all. The manifest and signature files are always
	// kept.
	Keep func(path string) bool
}

// Archive is a pack read into memory: every entry hashed, the kept ones
// with their content. Nothing is written to disk.
type Archive struct {
	files map[string]*archived
	names []string // sorted
}

type archived struct {
	size   int64
	sha256 string
	data   []byte // nil unless kept
	kept   bool
}

// Read reads the zip in r (size bytes) as a pack. It checks the whole
// central directory before reading any content: the number of entries,
// every entry's declared size and the total against the limits, and that
// every entry is a regular, unencrypted file (no directories, symlinks or
// devices) stored or deflated under a safe path (relative, clean, no
// "..", no drive letter or backslash) that no other entry has, also
// ignoring case, and that is not inside another entry's path. Content
// longer than declared is an error too. Any such problem is a
// *FormatError naming the entry.
func Read(r io.ReaderAt, size int64, o ReadOptions) (*Archive, error) {
	lim := o.Limits
	if lim.MaxEntries <= 0 {
		lim.MaxEntries = DefaultLimits.MaxEntries
	}
	if lim.MaxFileSize <= 0 {
		lim.MaxFileSize = DefaultLimits.MaxFileSize
	}
	if lim.MaxTotalSize <= 0 {
		lim.MaxTotalSize = DefaultLimits.MaxTotalSize
	}
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, &FormatError{Reason: "not a zip archive: " + strings.TrimPrefix(err.Error(), "zip: ")}
	}
	if len(zr.File) > lim.MaxEntries {
		return nil, &FormatError{Reason: fmt.Sprintf("%d entries, more than the limit of %d", len(zr.File), lim.MaxEntries)}
	}
	if len(zr.File) == 0 {
		return nil, &FormatError{Reason: "empty zip archive: not an evidence pack"}
	}
	a := &Archive{files: make(map[string]*archived, len(zr.File))}
	folded := map[string]string{}
	var total uint64
	for _, f := range zr.File {
		if err := checkEntry(f, lim); err != nil {
			return nil, err
		}
		if _, dup := a.files[f.Name]; dup {
			return nil, &FormatError{Entry: f.Name, Reason: "duplicate entry: the archive holds two files of this name"}
		}
		if prev, dup := folded[foldKey(f.Name)]; dup {
			return nil, &FormatError{Entry: f.Name, Reason: fmt.Sprintf("differs from entry %q only in case: they collide on case-insensitive file systems", prev)}
		}
		folded[foldKey(f.Name)] = f.Name
		total += f.UncompressedSize64
		if total > uint64(lim.MaxTotalSize) {
			return nil, &FormatError{Reason: fmt.Sprintf("more than %d bytes uncompressed in total, the limit", lim.MaxTotalSize)}
		}
		a.files[f.Name] = &archived{size: int64(f.UncompressedSize64)}
		a.names = append(a.names, f.Name)
	}
	sort.Strings(a.names)
	if err := checkNesting(a.names, func(p string) bool { _, ok := a.files[p]; return ok }); err != nil {
		return nil, err
	}
	for _, f := range zr.File {
		keep := o.Keep == nil || o.Keep(f.Name) || reserved(f.Name) || f.Name == SumsFile
		if err := a.read(f, keep); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// checkEntry checks one central directory entry before anything of it is
// read.
func checkEntry(f *zip.File, lim Limits) error {
	if why := checkPath(f.Name); why != "" {
		return &FormatError{Entry: f.Name, Reason: why}
	}
	switch mode := f.Mode(); {
	case mode&fs.ModeSymlink != 0:
		return &FormatError{Entry: f.Name, Reason: "symbolic link: a pack holds regular files only"}
	case mode.IsDir():
		return &FormatError{Entry: f.Name, Reason: "directory entry: a pack holds regular files only"}
	case mode&fs.ModeType != 0:
		return &FormatError{Entry: f.Name, Reason: fmt.Sprintf("not a regular file (%s)", mode.Type())}
	}
	if f.Flags&0x1 != 0 {
		return &FormatError{Entry: f.Name, Reason: "encrypted entry"}
	}
	if f.Method != zip.Store && f.Method != zip.Deflate {
		return &FormatError{Entry: f.Name, Reason: fmt.Sprintf("compression method %d; a pack uses store or deflate", f.Method)}
	}
	switch {
	case f.Method == zip.Store && f.UncompressedSize64 != f.CompressedSize64:
		return &FormatError{Entry: f.Name, Reason: fmt.Sprintf("stored uncompressed, but declares %d bytes in %d", f.UncompressedSize64, f.CompressedSize64)}
	case f.Method == zip.Deflate && f.UncompressedSize64 > f.CompressedSize64*maxDeflateRatio+1024:
		return &FormatError{Entry: f.Name, Reason: fmt.Sprintf("declares %d bytes from %d compressed, more than Deflate can expand", f.UncompressedSize64, f.CompressedSize64)}
	}
	if f.UncompressedSize64 > uint64(lim.MaxFileSize) {
		return &FormatError{Entry: f.Name, Reason: fmt.Sprintf("%d bytes uncompressed, more than the limit of %d per file", f.UncompressedSize64, lim.MaxFileSize)}
	}
	return nil
}

// checkNesting rejects a file whose path runs through another file
// ("a" and "a/b"): no file system can hold both.
func checkNesting(sorted []string, isFile func(string) bool) error {
	for _, p := range sorted {
		for i := strings.IndexByte(p, '/'); i >= 0; i = nextSlash(p, i) {
			if isFile(p[:i]) {
				return &FormatError{Entry: p, Reason: fmt.Sprintf("lies inside %q, which is a file", p[:i])}
			}
		}
	}
	return nil
}

func nextSlash(p string, i int) int {
	j := strings.IndexByte(p[i+1:], '/')
	if j < 0 {
		return -1
	}
	return i + 1 + j
}

// maxDeflateRatio is the most Deflate can expand: one 258-byte match per
// (at least) two bits gives about 1032:1.
const maxDeflateRatio = 1032

// preallocMax bounds the buffer allocated up front for a kept entry, so
// that a declared size alone cannot claim memory.
const preallocMax = 16 << 20

// read hashes one entry, reading no more than it declared.
func (a *Archive) read(f *zip.File, keep bool) error {
	rc, err := f.Open()
	if err != nil {
		return &FormatError{Entry: f.Name, Reason: "cannot be read: " + strings.TrimPrefix(err.Error(), "zip: ")}
	}
	defer rc.Close()
	h := sha256.New()
	var buf *bytes.Buffer
	w := io.Writer(h)
	if keep {
		buf = bytes.NewBuffer(make([]byte, 0, int(min(f.UncompressedSize64, preallocMax))))
		w = io.MultiWriter(h, buf)
	}
	n, err := io.Copy(w, io.LimitReader(rc, int64(f.UncompressedSize64)+1))
	if err != nil {
		return &FormatError{Entry: f.Name, Reason: "corrupt: " + strings.TrimPrefix(err.Error(), "zip: ")}
	}
	if uint64(n) != f.UncompressedSize64 {
		return &FormatError{Entry: f.Name, Reason: fmt.Sprintf("holds %d bytes or more, but declares %d", n, f.UncompressedSize64)}
	}
	e := a.files[f.Name]
	e.sha256 = hex.EncodeToString(h.Sum(nil))
	if keep {
		e.data, e.kept = buf.Bytes(), true
	}
	return nil
}

// Names returns the paths of every entry, sorted.
func (a *Archive) Names() []string { return a.names }

// Data returns the content of a kept entry.
func (a *Archive) Data(path string) ([]byte, bool) {
	e, ok := a.files[path]
	if !ok || !e.kept {
		return nil, false
	}
	return e.data, true
}

// FS returns the kept entries as a read-only file system.
func (a *Archive) FS() fs.FS {
	var files []File
	for _, p := range a.names {
		if e := a.files[p]; e.kept {
			files = append(files, File{Path: p, Data: e.data})
		}
	}
	return FS(files)
}

package evidence

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/nachweis/nachweis/evidence/internal/jsonscan"
	"github.com/nachweis/nachweis/evidence/internal/printable"
)

// Bundle is an opened, verified evidence bundle.
type Bundle struct {
	// FS holds the bundle's files; paths are those of the manifest.
	FS fs.FS
	// Manifest is the parsed manifest, sources sorted by kind and name,
	// files by path.
	Manifest Manifest
	// Digest is "sha256:<hex>" of the manifest.json bytes. The manifest
	// holds every file's sha256, so the digest names the whole content.
	Digest string

	index map[string]fileRef
}

type fileRef struct {
	source int
	file   int
}

// ErrInvalidBundle is matched by errors.Is for every *BundleError.
var ErrInvalidBundle = errors.New("invalid evidence bundle")

// BundleError reports a bundle that fails verification: a manifest that
// does not parse or breaks the format's rules, or a file that is missing
// or whose size or sha256 differs from the manifest.
type BundleError struct {
	// Path is the file inside the bundle the error is about.
	Path string
	// Reason says what is wrong, e.g. "sha256 mismatch".
	Reason string
}

// Error returns "<path>: <reason>", the path written printable (a path
// from a manifest may hold line breaks or terminal escapes; see
// printable.String).
func (e *BundleError) Error() string { return printable.String(e.Path) + ": " + e.Reason }

// Is makes errors.Is(err, ErrInvalidBundle) true.
func (e *BundleError) Is(target error) bool { return target == ErrInvalidBundle }

// Open opens the bundle in directory dir and verifies it (see OpenFS).
func Open(dir string) (*Bundle, error) {
	if fi, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("open bundle %s: %w", dir, err)
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("open bundle %s: not a directory", dir)
	}
	// os.Root keeps every path inside dir: a symbolic link to a directory
	// elsewhere cannot smuggle outside files into the bundle.
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("open bundle %s: %w", dir, err)
	}
	b, err := openFS(root.FS())
	if err != nil {
		return nil, fmt.Errorf("open bundle %s: %w", dir, err)
	}
	return b, nil
}

// OpenFS opens the bundle at the root of fsys and verifies it: the
// manifest's schema, source kinds, names and statuses, that every path is
// relative and clean, and that every file exists with the recorded size and
// sha256. A file the manifest does not list is an error too, so nothing in
// the bundle escapes the digest.
func OpenFS(fsys fs.FS) (*Bundle, error) {
	b, err := openFS(fsys)
	if err != nil {
		return nil, fmt.Errorf("open bundle: %w", err)
	}
	return b, nil
}

func openFS(fsys fs.FS) (*Bundle, error) {
	if err := regularFile(fsys, ManifestFile); err != nil {
		var be *BundleError
		if errors.As(err, &be) && be.Reason == "missing" {
			be.Reason = "missing: not an evidence bundle"
		}
		return nil, err
	}
	raw, err := fs.ReadFile(fsys, ManifestFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &BundleError{Path: ManifestFile, Reason: "missing: not an evidence bundle"}
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", ManifestFile, err)
	}
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&m); err != nil {
		return nil, &BundleError{Path: ManifestFile, Reason: "invalid JSON: " + jsonscan.Explain(raw, err).Error()}
	}
	if dec.More() {
		return nil, &BundleError{Path: ManifestFile, Reason: "invalid JSON: data after the manifest object"}
	}
	sortManifest(&m)
	index, err := checkManifest(&m)
	if err != nil {
		return nil, err
	}
	for _, s := range m.Sources {
		for _, f := range s.Files {
			if err := verifyFile(fsys, f); err != nil {
				return nil, err
			}
		}
	}
	if err := checkUnlisted(fsys, index); err != nil {
		return nil, err
	}
	return &Bundle{FS: fsys, Manifest: m, Digest: digestOf(raw), index: index}, nil
}

// ReadFile returns the content of the bundle file at path (a manifest
// path). It verifies size and sha256 again, so a file changed after Open
// is not read as evidence.
func (b *Bundle) ReadFile(path string) ([]byte, error) {
	f, _, ok := b.File(path)
	if !ok {
		return nil, fmt.Errorf("read evidence %s: not in the bundle manifest", path)
	}
	if err := regularFile(b.FS, path); err != nil {
		return nil, fmt.Errorf("read evidence: %w", err)
	}
	data, err := fs.ReadFile(b.FS, path)
	if err != nil {
		return nil, fmt.Errorf("read evidence %s: %w", path, err)
	}
	if err := matchFile(f, int64(len(data)), sha256.Sum256(data)); err != nil {
		return nil, fmt.Errorf("read evidence: %w", err)
	}
	// The hashes only say the file is what the manifest lists; a file
	// edited together with its manifest entry could hold a key twice.
	if err := duplicateKeys(f.Kind, data); err != nil {
		return nil, fmt.Errorf("read evidence: %w", &BundleError{Path: path, Reason: err.Error()})
	}
	return data, nil
}

// OpenFile opens the bundle file at path (a manifest path) as a stream
// that hashes what it reads: at its end it checks size and sha256 against
// the manifest and returns a *BundleError instead of io.EOF when they
// differ, so a reader that reads to the end never takes a changed file for
// evidence. Unlike ReadFile it keeps no copy of the file and does not look
// for duplicate keys: a reader that decodes the stream does
// (jsonscan.Decoder), or reads the file with ReadFile instead.
func (b *Bundle) OpenFile(path string) (io.ReadCloser, error) {
	f, _, ok := b.File(path)
	if !ok {
		return nil, fmt.Errorf("read evidence %s: not in the bundle manifest", path)
	}
	if err := regularFile(b.FS, path); err != nil {
		return nil, fmt.Errorf("read evidence: %w", err)
	}
	r, err := b.FS.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read evidence %s: %w", path, err)
	}
	return &verifyingReader{r: r, f: f, h: sha256.New()}, nil
}

// verifyingReader hashes a bundle file while it is read and checks it
// against the manifest at its end.
type verifyingReader struct {
	r    fs.File
	f    File
	h    hash.Hash
	size int64
	err  error
}

func (v *verifyingReader) Read(p []byte) (int, error) {
	if v.err != nil {
		return 0, v.err
	}
	n, err := v.r.Read(p)
	v.h.Write(p[:n])
	v.size += int64(n)
	if v.size > v.f.Size {
		v.err = fmt.Errorf("read evidence: %w", &BundleError{Path: v.f.Path, Reason: fmt.Sprintf("size mismatch: manifest has %d bytes, file has more", v.f.Size)})
		return n, v.err
	}
	if err == io.EOF {
		var sum [sha256.Size]byte
		v.h.Sum(sum[:0])
		if merr := matchFile(v.f, v.size, sum); merr != nil {
			err = fmt.Errorf("read evidence: %w", merr)
		}
		v.err = err
	} else if err != nil {
		v.err = fmt.Errorf("read evidence %s: %w", v.f.Path, err)
		err = v.err
	}
	return n, err
}

func (v *verifyingReader) Close() error { return v.r.Close() }

// textKinds are the item kinds whose files are not JSON.
var textKinds = map[string]bool{KindResticCheck: true}

// duplicateKeys rejects a JSON item in which an object holds a key twice
// (see jsonscan.Duplicates): encoding/json would keep only the last
// value, so "privileged": true, "privileged": false would read as not
// privileged. Invalid JSON is left to the readers, which name the error.
func duplicateKeys(kind string, data []byte) error {
	if textKinds[kind] {
		return nil
	}
	var dup *jsonscan.DuplicateKeyError
	if err := jsonscan.Duplicates(data); errors.As(err, &dup) {
		return dup
	}
	return nil
}

// File returns the manifest entry of the file at path and its source.
func (b *Bundle) File(path string) (File, Source, bool) {
	if b.index == nil {
		// A Bundle built as a literal (in tests) has no index.
		for _, s := range b.Manifest.Sources {
			for _, f := range s.Files {
				if f.Path == path {
					return f, s, true
				}
			}
		}
		return File{}, Source{}, false
	}
	r, ok := b.index[path]
	if !ok {
		return File{}, Source{}, false
	}
	s := b.Manifest.Sources[r.source]
	return s.Files[r.file], s, true
}

// CutOff is the newest FinishedAt of the bundle's sources: the time up to
// which the evidence speaks. It is zero for a bundle without sources.
func (b *Bundle) CutOff() time.Time {
	var t time.Time
	for _, s := range b.Manifest.Sources {
		if s.FinishedAt.After(t) {
			t = s.FinishedAt
		}
	}
	return t
}

// sortManifest orders sources by kind and name and files by path, the
// order Write uses, so readers see the same order whoever wrote the bundle.
func sortManifest(m *Manifest) {
	sort.SliceStable(m.Sources, func(i, j int) bool {
		a, b := m.Sources[i], m.Sources[j]
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.Name < b.Name
	})
	for i := range m.Sources {
		files := m.Sources[i].Files
		sort.SliceStable(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	}
}

// checkManifest enforces the format rules and returns the path index.
func checkManifest(m *Manifest) (map[string]fileRef, error) {
	bad := func(format string, args ...any) error {
		return &BundleError{Path: ManifestFile, Reason: fmt.Sprintf(format, args...)}
	}
	if m.Schema != ManifestSchema {
		return nil, bad("schema %q: expected %q", m.Schema, ManifestSchema)
	}
	index := map[string]fileRef{}
	seen := map[string]bool{}
	for i, s := range m.Sources {
		id := s.Kind + "/" + s.Name
		if err := checkName(s.Kind); err != nil {
			return nil, bad("source %q: kind %s", id, err)
		}
		if err := checkName(s.Name); err != nil {
			return nil, bad("source %q: name %s", id, err)
		}
		if seen[id] {
			return nil, bad("source %q listed twice", id)
		}
		seen[id] = true
		if s.Status != StatusOK && s.Status != StatusError {
			return nil, bad("source %q: status %q: expected %q or %q", id, s.Status, StatusOK, StatusError)
		}
		for j, f := range s.Files {
			if err := checkPath(f.Path); err != nil {
				return nil, bad("source %q: file %q: %s", id, f.Path, err)
			}
			if _, dup := index[f.Path]; dup {
				return nil, bad("file %q listed twice", f.Path)
			}
			if !strings.HasPrefix(f.Kind, s.Kind+"/") {
				return nil, bad("source %q: file %q: kind %q is not a %s kind", id, f.Path, f.Kind, s.Kind)
			}
			if !validSHA256(f.SHA256) {
				return nil, bad("source %q: file %q: sha256 %q: expected 64 lowercase hex digits", id, f.Path, f.SHA256)
			}
			if f.Size < 0 {
				return nil, bad("source %q: file %q: negative size", id, f.Path)
			}
			index[f.Path] = fileRef{source: i, file: j}
		}
	}
	return index, nil
}

// checkPath accepts relative, clean, slash-separated paths below the
// bundle root other than the manifest itself.
func checkPath(p string) error {
	switch {
	case p == "":
		return errors.New("empty path")
	case strings.HasPrefix(p, "/"):
		return errors.New("absolute path")
	case strings.Contains(p, `\`):
		return errors.New("backslash in path")
	case !fs.ValidPath(p) || p == ".":
		return errors.New("not a clean relative path (no '.', '..' or empty elements)")
	case p == ManifestFile:
		return errors.New("is the manifest itself")
	}
	return nil
}

// checkName accepts source kinds and names that are safe as a single path
// element on every filesystem: letters, digits, '.', '_' and '-', starting
// with a letter or digit.
func checkName(s string) error {
	if s == "" {
		return errors.New("is empty")
	}
	if len(s) > maxNameLen {
		return fmt.Errorf("%q is longer than %d characters", s, maxNameLen)
	}
	for i, r := range s {
		if isAlnum(r) || (i > 0 && (r == '.' || r == '_' || r == '-')) {
			continue
		}
		return fmt.Errorf("%q: use letters, digits, '.', '_' and '-', starting with a letter or digit", s)
	}
	return nil
}

const maxNameLen = 100

func isAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

func validSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}

// regularFile checks, before anything opens it, that path is a regular
// file: opening a named pipe blocks until someone writes to it, and a
// device, a socket or a symbolic link (which may lead out of the bundle)
// is no evidence. A file system that cannot stat without opening (none
// of ours) is checked after the open.
func regularFile(fsys fs.FS, path string) error {
	var fi fs.FileInfo
	var err error
	switch f := fsys.(type) {
	case fs.ReadLinkFS:
		fi, err = f.Lstat(path)
	case fs.StatFS:
		fi, err = f.Stat(path)
	default:
		return nil
	}
	if errors.Is(err, fs.ErrNotExist) {
		return &BundleError{Path: path, Reason: "missing"}
	}
	if err != nil {
		return fmt.Errorf("stat %s: %w", path, err)
	}
	if !fi.Mode().IsRegular() {
		return &BundleError{Path: path, Reason: "is " + fileType(fi.Mode()) + ", not a regular file"}
	}
	return nil
}

// fileType names what a non-regular file is.
func fileType(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m.IsDir():
		return "a directory"
	}
	return "a special file"
}

// verifyFile streams one file through sha256 and compares with f.
func verifyFile(fsys fs.FS, f File) error {
	if err := regularFile(fsys, f.Path); err != nil {
		return err
	}
	r, err := fsys.Open(f.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return &BundleError{Path: f.Path, Reason: "missing"}
	}
	if err != nil {
		return fmt.Errorf("verify %s: %w", f.Path, err)
	}
	defer r.Close()
	if fi, err := r.Stat(); err == nil && !fi.Mode().IsRegular() {
		return &BundleError{Path: f.Path, Reason: "is " + fileType(fi.Mode()) + ", not a regular file"}
	}
	h := sha256.New()
	n, err := io.Copy(h, r)
	if err != nil {
		return fmt.Errorf("verify %s: %w", f.Path, err)
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return matchFile(f, n, sum)
}

func matchFile(f File, size int64, sum [sha256.Size]byte) error {
	if size != f.Size {
		return &BundleError{Path: f.Path, Reason: fmt.Sprintf("size mismatch: manifest has %d bytes, file has %d", f.Size, size)}
	}
	if got := hex.EncodeToString(sum[:]); got != f.SHA256 {
		return &BundleError{Path: f.Path, Reason: fmt.Sprintf("sha256 mismatch: manifest has %s, file has %s", f.SHA256, got)}
	}
	return nil
}

// checkUnlisted rejects regular files the manifest does not name.
func checkUnlisted(fsys fs.FS, index map[string]fileRef) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("list bundle files: %w", err)
		}
		if d.IsDir() || p == ManifestFile {
			return nil
		}
		if _, ok := index[p]; !ok {
			return &BundleError{Path: p, Reason: "not listed in the manifest"}
		}
		return nil
	})
}

func digestOf(manifest []byte) string {
	sum := sha256.Sum256(manifest)
	return "sha256:" + hex.EncodeToString(sum[:])
}

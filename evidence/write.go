package evidence

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/nachweis/nachweis/internal/outfile"
)

// SourceData is one source to write into a bundle: its manifest entry and
// its raw items.
type SourceData struct {
	// Source is the manifest entry: kind, name, collector, times, status
	// and errors. Its Files are ignored; Write fills them in from Items.
	Source Source
	// Items are the raw items, stored byte for byte.
	Items []Item
}

// Item is one raw item of a source.
type Item struct {
	// Kind is the item kind, e.g. KindResticSnapshots. Its part before
	// the slash must be the source's kind.
	Kind string
	// ItemKind is the Kubernetes kind of the objects of a kubernetes/list
	// item whose objects do not carry one (see File.ItemKind).
	ItemKind string
	// Origin is the base name of the file or request the item came from.
	// It names the file inside the bundle and is kept in the manifest.
	Origin string
	// Data is the raw content.
	Data []byte
	// Redacted says what the collector or importer removed from Data
	// before handing it over (e.g. RedactGitHub's note); Write adds what
	// it removes itself and records both in the manifest.
	Redacted string
}

// ItemError is an error about the content of one item given to Write.
type ItemError struct {
	// Source is the source's kind/name; Index the item's position in its
	// SourceData.Items; Origin its Origin.
	Source string
	Index  int
	Origin string
	Err    error
}

// Error returns "<origin>: <err>".
func (e *ItemError) Error() string { return e.Origin + ": " + e.Err.Error() }

// Unwrap returns the cause.
func (e *ItemError) Unwrap() error { return e.Err }

// WriteOptions control how Write creates or changes a bundle.
type WriteOptions struct {
	// Now is the manifest's created_at: when this version of the bundle
	// was written. Library code never reads the wall clock.
	Now time.Time
	// ToolVersion is recorded in the manifest.
	ToolVersion string
	// Replace drops the sources of an existing bundle instead of keeping
	// them, so the result holds exactly the given sources.
	Replace bool
}

// Bundle file layout: sources/<kind>/<name>/<file>.
const sourcesDir = "sources"

// Permissions of what Write creates. Evidence names people (GitHub
// members) and describes internal systems, so it is private to the user.
const (
	dirPerm  = 0o700
	filePerm = 0o600
)

// osRename is os.Rename; tests replace it to make the swap fail.
var osRename = os.Rename

// Write writes sources into the bundle in directory dir. If dir does not
// exist (or is empty) a new bundle is created. If it holds a bundle, that
// bundle is verified first and its other sources are kept: a given source
// replaces an existing one of the same kind and name. With opts.Replace
// the existing sources are dropped.
//
// If dir is a symbolic link, the directory it leads to is written and the
// link stays; a file, device or FIFO at dir is an error. The new bundle is
// staged in a staging directory (.nachweis-<name>-<random>.tmp) next to
// it (so on the same filesystem), synced, and renamed into place; an
// existing bundle is renamed away first and removed last. Bundles are
// private: 0700 directories, 0600 files. On any error the existing bundle is
// left as it was and no temporary directory remains. Write is not safe for
// concurrent writers of the same bundle.
func Write(ctx context.Context, dir string, sources []SourceData, opts WriteOptions) (*Bundle, error) {
	b, err := write(ctx, dir, sources, opts)
	if err != nil {
		return nil, fmt.Errorf("write bundle %s: %w", dir, err)
	}
	return b, nil
}

func write(ctx context.Context, dir string, sources []SourceData, opts WriteOptions) (b *Bundle, err error) {
	if dir == "" {
		return nil, errors.New("no bundle directory given")
	}
	if opts.Now.IsZero() {
		return nil, errors.New("no creation time given")
	}
	if err := checkSources(sources); err != nil {
		return nil, err
	}
	target, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	// A symbolic link is followed: the directory it leads to is replaced
	// and the link stays. A file, device or FIFO there is an error.
	if target, err = outfile.ResolveDir(target); err != nil {
		return nil, err
	}
	existing, present, err := inspectTarget(target, opts.Replace)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := outfile.StagingDir(parent, filepath.Base(target))
	if err != nil {
		return nil, err
	}
	// tmp holds the staged bundle until the swap and the old bundle after
	// it; either way it goes, unless restoring the old bundle failed and
	// tmp holds its only copy.
	keep := false
	defer func() {
		if keep {
			outfile.KeepStaging(tmp)
		} else {
			outfile.DropStaging(tmp)
		}
	}()
	stage := filepath.Join(tmp, "new")
	m, raw, err := stageBundle(ctx, stage, existing, sources, opts)
	if err != nil {
		return nil, err
	}
	index, err := checkManifest(&m)
	if err != nil {
		return nil, fmt.Errorf("staged manifest: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// A forced exit waits for the swap, so the bundle is never missing.
	if err := outfile.Commit(func() error { return swap(target, stage, filepath.Join(tmp, "old"), present) }); err != nil {
		var se *swapError
		keep = errors.As(err, &se) && se.oldIn != ""
		return nil, err
	}
	// The new bundle is complete and in place; the old copy in tmp is
	// removed by the deferred RemoveAll. Failing to remove it does not
	// make the write fail.
	return &Bundle{FS: os.DirFS(target), Manifest: m, Digest: digestOf(raw), index: index}, nil
}

// checkSources rejects sources Write cannot lay out or Open would refuse.
func checkSources(sources []SourceData) error {
	seen := map[string]bool{}
	for _, sd := range sources {
		s := sd.Source
		id := s.Kind + "/" + s.Name
		if err := checkName(s.Kind); err != nil {
			return fmt.Errorf("source %q: kind %w", id, err)
		}
		if err := checkName(s.Name); err != nil {
			return fmt.Errorf("source %q: name %w", id, err)
		}
		if seen[id] {
			return fmt.Errorf("source %q given twice", id)
		}
		seen[id] = true
		if s.Status != StatusOK && s.Status != StatusError {
			return fmt.Errorf("source %q: status %q: expected %q or %q", id, s.Status, StatusOK, StatusError)
		}
		for _, it := range sd.Items {
			if !strings.HasPrefix(it.Kind, s.Kind+"/") || len(it.Kind) == len(s.Kind)+1 {
				return fmt.Errorf("source %q: item %q: kind %q is not a %s kind", id, it.Origin, it.Kind, s.Kind)
			}
		}
	}
	return nil
}

// inspectTarget reports what is at target: an existing bundle to keep
// sources from (nil with replace), and whether anything must be moved
// away before the new bundle can be renamed there.
func inspectTarget(target string, replace bool) (*Bundle, bool, error) {
	fi, err := os.Lstat(target)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if !fi.IsDir() {
		return nil, false, errors.New("exists and is not a directory")
	}
	entries, err := os.ReadDir(target)
	if err != nil {
		return nil, false, err
	}
	if len(entries) == 0 {
		return nil, true, nil
	}
	if _, err := os.Lstat(filepath.Join(target, ManifestFile)); err != nil {
		return nil, false, fmt.Errorf("exists, is not empty and has no %s: not an evidence bundle", ManifestFile)
	}
	if replace {
		return nil, true, nil
	}
	b, err := Open(target)
	if err != nil {
		return nil, false, err
	}
	return b, true, nil
}

// stageBundle writes the new bundle into stage and returns its manifest
// and the manifest bytes.
func stageBundle(ctx context.Context, stage string, existing *Bundle, sources []SourceData, opts WriteOptions) (Manifest, []byte, error) {
	w := &stager{root: stage, dirs: map[string]bool{}}
	if err := os.Mkdir(stage, dirPerm); err != nil {
		return Manifest{}, nil, err
	}
	w.dirs[stage] = true
	replaced := map[string]bool{}
	for _, sd := range sources {
		replaced[sd.Source.Kind+"/"+sd.Source.Name] = true
	}
	out := []Source{}
	if existing != nil {
		for _, s := range existing.Manifest.Sources {
			if replaced[s.Kind+"/"+s.Name] {
				continue
			}
			for _, f := range s.Files {
				if err := ctx.Err(); err != nil {
					return Manifest{}, nil, err
				}
				if err := w.copy(existing.FS, f); err != nil {
					return Manifest{}, nil, err
				}
			}
			out = append(out, s)
		}
	}
	for _, sd := range sources {
		s := sd.Source
		s.StartedAt, s.FinishedAt = s.StartedAt.UTC(), s.FinishedAt.UTC()
		scrubSource(&s)
		s.Files = []File{}
		taken := map[string]bool{}
		for i, it := range sd.Items {
			if err := ctx.Err(); err != nil {
				return Manifest{}, nil, err
			}
			name := uniqueName(taken, fileName(it.Origin))
			p := path.Join(sourcesDir, s.Kind, s.Name, name)
			data, note := it.Data, it.Redacted
			if it.Kind == KindKubernetesList {
				redacted, r, err := redactKubernetes(it.Data, it.ItemKind)
				if err != nil {
					return Manifest{}, nil, &ItemError{Source: s.Kind + "/" + s.Name, Index: i, Origin: it.Origin, Err: err}
				}
				data = redacted
				note = joinNotes(note, r.note())
			}
			if err := duplicateKeys(it.Kind, data); err != nil {
				return Manifest{}, nil, fmt.Errorf("%s: %w", it.Origin, err)
			}
			sum, err := w.write(p, data)
			if err != nil {
				return Manifest{}, nil, err
			}
			s.Files = append(s.Files, File{
				Path:     p,
				Kind:     it.Kind,
				ItemKind: it.ItemKind,
				SHA256:   sum,
				Size:     int64(len(data)),
				Origin:   it.Origin,
				Redacted: note,
			})
		}
		out = append(out, s)
	}
	m := Manifest{
		Schema:      ManifestSchema,
		ToolVersion: opts.ToolVersion,
		CreatedAt:   opts.Now.UTC(),
		Sources:     out,
	}
	sortManifest(&m)
	raw, err := MarshalManifest(m)
	if err != nil {
		return Manifest{}, nil, err
	}
	if _, err := w.write(ManifestFile, raw); err != nil {
		return Manifest{}, nil, err
	}
	if err := w.syncDirs(); err != nil {
		return Manifest{}, nil, err
	}
	return m, raw, nil
}

// scrubSource removes credentials of a recognisable shape from the
// messages a collector recorded (see ScrubCredentials): whatever collector
// wrote them, no echoed token reaches the manifest.
func scrubSource(s *Source) {
	s.Error = ScrubCredentials(s.Error)
	if len(s.Errors) > 0 {
		errs := make(map[string]string, len(s.Errors))
		for k, v := range s.Errors {
			errs[k] = ScrubCredentials(v)
		}
		s.Errors = errs
	}
}

// joinNotes joins redaction notes with "; ".
func joinNotes(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "; " + b
}

// MarshalManifest encodes m the way Write stores it: indented JSON with a
// final newline. Field order is the struct's, map keys are sorted, so the
// same manifest always gives the same bytes.
func MarshalManifest(m Manifest) ([]byte, error) {
	raw, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode manifest: %w", err)
	}
	return append(raw, '\n'), nil
}

// stager writes files below root and remembers the directories it made,
// to sync them once at the end.
type stager struct {
	root string
	dirs map[string]bool
}

func (w *stager) create(rel string) (*os.File, error) {
	full := filepath.Join(w.root, filepath.FromSlash(rel))
	for d := filepath.Dir(full); !w.dirs[d]; d = filepath.Dir(d) {
		w.dirs[d] = true
	}
	if err := os.MkdirAll(filepath.Dir(full), dirPerm); err != nil {
		return nil, err
	}
	return os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, filePerm)
}

// write stores data at rel, synced, and returns its sha256 in hex.
func (w *stager) write(rel string, data []byte) (string, error) {
	f, err := w.create(rel)
	if err != nil {
		return "", err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return "", err
	}
	if err := closeSynced(f); err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}

// copy copies a file of the existing bundle, checking it against its
// manifest entry on the way (it may have changed since it was opened).
func (w *stager) copy(from fs.FS, f File) error {
	if err := regularFile(from, f.Path); err != nil {
		return fmt.Errorf("copy from the existing bundle: %w", err)
	}
	r, err := from.Open(f.Path)
	if err != nil {
		return fmt.Errorf("copy %s from the existing bundle: %w", f.Path, err)
	}
	defer r.Close()
	out, err := w.create(f.Path)
	if err != nil {
		return err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(out, h), r)
	if err != nil {
		out.Close()
		return fmt.Errorf("copy %s from the existing bundle: %w", f.Path, err)
	}
	if err := closeSynced(out); err != nil {
		return err
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	if err := matchFile(f, n, sum); err != nil {
		return fmt.Errorf("existing bundle changed while writing: %w", err)
	}
	return nil
}

func (w *stager) syncDirs() error {
	dirs := make([]string, 0, len(w.dirs))
	for d := range w.dirs {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, d := range dirs {
		if err := syncDir(d); err != nil {
			return err
		}
	}
	return nil
}

func closeSynced(f *os.File) error {
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	if err := d.Sync(); err != nil {
		d.Close()
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return d.Close()
}

// swapError is an error of the swap; oldIn is set when the old bundle
// could not be put back and is left at that path.
type swapError struct {
	err   error
	oldIn string
}

func (e *swapError) Error() string {
	if e.oldIn != "" {
		return fmt.Sprintf("%v; the previous bundle could not be moved back and is kept at %s", e.err, e.oldIn)
	}
	return e.err.Error()
}

func (e *swapError) Unwrap() error { return e.err }

// swap moves what is at target (if present) to old and stage to target.
// If the second rename fails the first is undone.
func swap(target, stage, old string, present bool) error {
	if present {
		if err := osRename(target, old); err != nil {
			return &swapError{err: fmt.Errorf("move existing bundle aside: %w", err)}
		}
	}
	if err := osRename(stage, target); err != nil {
		err = fmt.Errorf("move new bundle into place: %w", err)
		if present {
			if rerr := osRename(old, target); rerr != nil {
				return &swapError{err: err, oldIn: old}
			}
		}
		return &swapError{err: err}
	}
	// The rename is durable once the parent directory is synced; if that
	// fails the bundle is in place but may not survive a crash.
	if err := syncDir(filepath.Dir(target)); err != nil {
		return &swapError{err: err}
	}
	return nil
}

// fileName makes an origin name safe as one path element inside the
// bundle: letters, digits, '.', '_' and '-', not starting with a dot.
func fileName(origin string) string {
	base := path.Base(strings.ReplaceAll(origin, `\`, "/"))
	var sb strings.Builder
	for _, r := range base {
		if isAlnum(r) || r == '.' || r == '_' || r == '-' {
			sb.WriteRune(r)
		} else {
			sb.WriteByte('_')
		}
	}
	name := strings.TrimLeft(sb.String(), ".")
	if len(name) > 120 {
		name = name[len(name)-120:]
	}
	if name == "" || name == "_" {
		return "item"
	}
	return name
}

// uniqueName returns name, or name with "-2", "-3", ... before its
// extension if taken. Names compare case-insensitively, so a bundle can be
// unpacked on case-insensitive filesystems.
func uniqueName(taken map[string]bool, name string) string {
	ext := path.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	candidate := name
	for i := 2; taken[strings.ToLower(candidate)]; i++ {
		candidate = stem + "-" + strconv.Itoa(i) + ext
	}
	taken[strings.ToLower(candidate)] = true
	return candidate
}

package pack

import (
	"archive/zip"
	"compress/flate"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sort"
	"time"
)

// File is one content file of a pack.
type File struct {
	Path string
	Data []byte
}

// WriteOptions are what a pack records besides its files.
type WriteOptions struct {
	Tool       Tool
	Evaluation Evaluation
	// Key signs the statement; its public half is packed.
	Key ed25519.PrivateKey
	// ModTime is the modification time of every entry, in whole seconds
	// (the evaluation time): no wall clock enters the zip.
	ModTime time.Time
}

// compressionLevel is the one Deflate level every entry is written with,
// so that the same files give the same bytes.
const compressionLevel = 6

// Write writes the pack of the given content files to w: the files,
// SHA256SUMS, manifest.json, the signed statement and the public key,
// sorted by path. Paths must be valid (relative, clean, no "..") and
// unique, also ignoring case; manifest.json, SHA256SUMS and signature/
// are written by Write and may not be given.
func Write(w io.Writer, files []File, o WriteOptions) error {
	if len(o.Key) != ed25519.PrivateKeySize {
		return errors.New("write pack: no ed25519 signing key")
	}
	sorted := append([]File(nil), files...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Path < sorted[j].Path })
	seen := map[string]string{}
	entries := make([]Entry, 0, len(sorted)+1)
	for _, f := range sorted {
		if why := checkPath(f.Path); why != "" {
			return fmt.Errorf("write pack: file %q: %s", f.Path, why)
		}
		if reserved(f.Path) || f.Path == SumsFile {
			return fmt.Errorf("write pack: file %s: reserved for the manifest and signature", f.Path)
		}
		if prev, dup := seen[foldKey(f.Path)]; dup {
			return fmt.Errorf("write pack: file %s: given twice (or differs from %s only in case)", f.Path, prev)
		}
		seen[foldKey(f.Path)] = f.Path
		entries = append(entries, entryOf(f.Path, f.Data))
	}
	sumsData := sums(entries)
	all := append(sorted, File{Path: SumsFile, Data: sumsData})
	entries = append(entries, entryOf(SumsFile, sumsData))
	sort.Slice(entries, func(i, j int) bool { return entries[i].Path < entries[j].Path })

	m := &Manifest{Schema: Schema, Tool: o.Tool, Evaluation: o.Evaluation, Files: entries}
	m.Evaluation.EvaluatedAt = m.Evaluation.EvaluatedAt.UTC()
	manifest, err := m.encode()
	if err != nil {
		return fmt.Errorf("write pack: %w", err)
	}
	st := &Statement{
		Type:          StatementType,
		Subject:       subjects(m, manifest),
		PredicateType: PredicateType,
		Predicate:     Predicate{Tool: m.Tool, Evaluation: m.Evaluation},
	}
	envelope, err := signStatement(st, o.Key)
	if err != nil {
		return fmt.Errorf("write pack: %w", err)
	}
	pub, err := EncodePublicKey(o.Key.Public().(ed25519.PublicKey))
	if err != nil {
		return fmt.Errorf("write pack: %w", err)
	}
	all = append(all,
		File{Path: ManifestFile, Data: manifest},
		File{Path: EnvelopeFile, Data: envelope},
		File{Path: PublicKeyFile, Data: pub},
	)
	sort.Slice(all, func(i, j int) bool { return all[i].Path < all[j].Path })

	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, compressionLevel)
	})
	mod := o.ModTime.UTC().Truncate(time.Second)
	for _, f := range all {
		h := &zip.FileHeader{Name: f.Path, Method: zip.Deflate, Modified: mod}
		h.SetMode(0o644)
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return fmt.Errorf("write pack: %s: %w", f.Path, err)
		}
		if _, err := fw.Write(f.Data); err != nil {
			return fmt.Errorf("write pack: %s: %w", f.Path, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write pack: %w", err)
	}
	return nil
}

func entryOf(path string, data []byte) Entry {
	sum := sha256.Sum256(data)
	return Entry{Path: path, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data))}
}

// subjects are the manifest's files and manifest.json itself, sorted by
// name.
func subjects(m *Manifest, manifest []byte) []Subject {
	out := make([]Subject, 0, len(m.Files)+1)
	for _, e := range m.Files {
		out = append(out, Subject{Name: e.Path, Digest: map[string]string{"sha256": e.SHA256}})
	}
	me := entryOf(ManifestFile, manifest)
	out = append(out, Subject{Name: ManifestFile, Digest: map[string]string{"sha256": me.SHA256}})
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

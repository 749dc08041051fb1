package evidence_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/internal/fuzzcheck"
)

// fuzzItemPath is the one evidence file of the fuzzed bundles.
const fuzzItemPath = "sources/kubernetes/prod/pods.json"

// FuzzOpenBundle feeds a manifest and one evidence file to the bundle
// reader (OpenFS, Bundle.File, Bundle.ReadFile, CutOff). In the manifest,
// @SHA256@ and @SIZE@ become the file's real sha256 and size, so that the
// fuzzer reaches past the hash check. It checks:
//
//   - a refused bundle is an error of one line; a malformed one is an
//     ErrInvalidBundle;
//   - an opened bundle has the digest of its manifest bytes, sources
//     sorted by kind and name and files by path, and the cut-off is the
//     newest finished_at;
//   - every file it lists is found by File and read by ReadFile with the
//     bytes stored, or refused in one line;
//   - the manifest written again (MarshalManifest) opens to the same
//     manifest.
func FuzzOpenBundle(f *testing.F) {
	demo, err := os.ReadFile(filepath.Join("demo", "data", "bundle", "manifest.json"))
	if err != nil {
		f.Fatal(err)
	}
	pods := []byte(`{"apiVersion":"v1","kind":"PodList","items":[{"metadata":{"name":"p","namespace":"acme"}}]}`)
	manifest := func(files string) []byte {
		return []byte(`{"schema":"nachweis.bundle/v1","tool_version":"t","created_at":"2026-11-23T19:00:00Z","sources":[` +
			`{"kind":"kubernetes","name":"prod","collector":"import","started_at":"2026-11-23T18:00:00+01:00","finished_at":"2026-11-23T18:10:00+01:00","status":"ok","files":[` + files + `]},` +
			`{"kind":"github","name":"org","collector":"c","started_at":"2026-11-23T19:00:00Z","finished_at":"2026-11-23T19:05:00Z","status":"error","error":"401","errors":{"members":"403"},"files":[]}]}`)
	}
	good := `{"path":"` + fuzzItemPath + `","kind":"kubernetes/list","item_kind":"Pod","sha256":"@SHA256@","size":@SIZE@,"origin":"pods.json","redacted":"removed: x"}`
	for _, s := range []struct{ manifest, file []byte }{
		{manifest(good), pods},
		{manifest(good), []byte(`{"kind":"Pod","Kind":"Secret"}`)},
		{manifest(good + "," + strings.Replace(good, fuzzItemPath, "sources/kubernetes/prod/../x.json", 1)), pods},
		{manifest(strings.Replace(good, "@SIZE@", "-1", 1)), pods},
		{manifest(strings.Replace(good, "kubernetes/list", "restic/check", 1)), []byte("no errors were found\n")},
		{manifest(""), nil},
		{manifest(strings.Replace(good, fuzzItemPath, `sources/a\nb\u001b[2J`, 1)), pods},
		{append(manifest(good), "{}"...), pods},
		{[]byte(`{"schema":"nachweis.bundle/v2","sources":null}`), nil},
		{demo, nil},
	} {
		f.Add(s.manifest, s.file)
	}
	f.Fuzz(func(t *testing.T, raw, file []byte) {
		sum := sha256.Sum256(file)
		raw = bytes.ReplaceAll(raw, []byte("@SHA256@"), []byte(hex.EncodeToString(sum[:])))
		raw = bytes.ReplaceAll(raw, []byte("@SIZE@"), []byte(strconv.Itoa(len(file))))
		fsys := fstest.MapFS{evidence.ManifestFile: {Data: raw}}
		if file != nil {
			fsys[fuzzItemPath] = &fstest.MapFile{Data: file}
		}
		b, err := evidence.OpenFS(fsys)
		if err != nil {
			if e := fuzzcheck.Message(err, ""); e != nil {
				t.Fatal(e)
			}
			if !errors.Is(err, evidence.ErrInvalidBundle) {
				t.Fatalf("refusal is no ErrInvalidBundle: %v", err)
			}
			return
		}
		if d := sha256.Sum256(raw); b.Digest != "sha256:"+hex.EncodeToString(d[:]) {
			t.Fatalf("digest %s is not that of the manifest", b.Digest)
		}
		var cut time.Time
		for i, s := range b.Manifest.Sources {
			if i > 0 {
				p := b.Manifest.Sources[i-1]
				if p.Kind > s.Kind || p.Kind == s.Kind && p.Name >= s.Name {
					t.Fatalf("sources not sorted at %d", i)
				}
			}
			if s.FinishedAt.After(cut) {
				cut = s.FinishedAt
			}
			if !slices.IsSortedFunc(s.Files, func(a, b evidence.File) int { return strings.Compare(a.Path, b.Path) }) {
				t.Fatalf("files of %s/%s not sorted", s.Kind, s.Name)
			}
			for _, fl := range s.Files {
				got, src, ok := b.File(fl.Path)
				if !ok || got != fl || src.Name != s.Name || src.Kind != s.Kind {
					t.Fatalf("File(%s) = %+v, %s/%s, %v", fl.Path, got, src.Kind, src.Name, ok)
				}
				data, err := b.ReadFile(fl.Path)
				if err != nil {
					if e := fuzzcheck.Message(err, fl.Path); e != nil {
						t.Fatal(e)
					}
					continue
				}
				if fl.Path != fuzzItemPath || !bytes.Equal(data, file) {
					t.Fatalf("ReadFile(%s) returned other bytes", fl.Path)
				}
			}
		}
		if !b.CutOff().Equal(cut) {
			t.Fatalf("cut-off %v, newest finished_at %v", b.CutOff(), cut)
		}
		again, err := evidence.MarshalManifest(b.Manifest)
		if err != nil {
			t.Fatalf("the manifest does not marshal: %v", err)
		}
		fsys[evidence.ManifestFile] = &fstest.MapFile{Data: again}
		b2, err := evidence.OpenFS(fsys)
		if err != nil {
			t.Fatalf("the manifest written again does not open: %v\n%s", err, again)
		}
		if diff := cmp.Diff(b.Manifest, b2.Manifest); diff != "" {
			t.Fatalf("the manifest written again reads differently:\n%s", diff)
		}
	})
}

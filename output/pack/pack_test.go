package pack

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"errors"
	"io"
	"io/fs"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
)

var (
	testKey  = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{1}, ed25519.SeedSize))
	otherKey = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{2}, ed25519.SeedSize))
	testTime = time.Date(2026, 11, 23, 19, 0, 0, 0, time.UTC)
)

func testFiles() []File {
	return []File{
		{Path: "results.json", Data: []byte(`{"checks":[{"id":"K8S-NET-01","status":"fail"}]}` + "\n")},
		{Path: "bundle/manifest.json", Data: []byte(`{"schema":"nachweis.bundle/v1"}`)},
		{Path: "bundle/sources/kubernetes/prod/namespaces.json", Data: []byte(`{"items":[]}`)},
		{Path: "README.en.md", Data: []byte("# Evidence pack\n")},
		{Path: "documents/empty.txt", Data: nil},
	}
}

func testOptions() WriteOptions {
	return WriteOptions{
		Tool:       Tool{Name: "nachweis", Version: "test"},
		Evaluation: Evaluation{EvaluatedAt: testTime, BundleDigest: "sha256:00", RunID: "r", Frameworks: []string{"c5"}},
		Key:        testKey,
		ModTime:    testTime,
	}
}

func writePack(t testing.TB, files []File, o WriteOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, files, o); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readPack(t testing.TB, data []byte) *Archive {
	t.Helper()
	a, err := Read(bytes.NewReader(data), int64(len(data)), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestWriteReadVerify(t *testing.T) {
	data := writePack(t, testFiles(), testOptions())
	a := readPack(t, data)
	want := []string{"README.en.md", "SHA256SUMS", "bundle/manifest.json", "bundle/sources/kubernetes/prod/namespaces.json",
		"documents/empty.txt", "manifest.json", "results.json", "signature/nachweis.pub", "signature/statement.dsse.json"}
	if diff := cmp.Diff(want, a.Names()); diff != "" {
		t.Fatalf("entries (-want +got):\n%s", diff)
	}
	pub := testKey.Public().(ed25519.PublicKey)
	r := Verify(a, pub)
	if !r.OK() || !r.KeyGiven || r.KeyFingerprint != Fingerprint(pub) || r.Files != 6 {
		t.Fatalf("verify with the right key: %+v", r)
	}
	r = Verify(a, nil)
	if !r.OK() || r.KeyGiven || r.KeyFingerprint != Fingerprint(pub) {
		t.Fatalf("verify with the packed key: %+v", r)
	}
	if r.Manifest.Evaluation.RunID != "r" || r.Manifest.Tool.Version != "test" {
		t.Fatalf("manifest: %+v", r.Manifest)
	}
	sums, _ := a.Data(SumsFile)
	if !strings.Contains(string(sums), "  results.json\n") || strings.Contains(string(sums), SumsFile) {
		t.Fatalf("SHA256SUMS:\n%s", sums)
	}

	// A wrong key fails, naming the envelope and the packed key.
	r = Verify(a, otherKey.Public().(ed25519.PublicKey))
	if r.OK() || r.Signed {
		t.Fatal("verified with the wrong key")
	}
	if got := problemPaths(r); !cmp.Equal(got, []string{PublicKeyFile, EnvelopeFile}) {
		t.Fatalf("wrong key: problems %v", r.Problems)
	}

	// FS gives the kept files.
	b, err := fs.ReadFile(a.FS(), "bundle/sources/kubernetes/prod/namespaces.json")
	if err != nil || string(b) != `{"items":[]}` {
		t.Fatalf("FS: %q, %v", b, err)
	}
}

func problemPaths(r *Report) []string {
	var out []string
	for _, p := range r.Problems {
		out = append(out, p.Path)
	}
	return out
}

func TestWriteDeterministic(t *testing.T) {
	a := writePack(t, testFiles(), testOptions())
	files := testFiles()
	files[0], files[3] = files[3], files[0] // order of the input does not matter
	b := writePack(t, files, testOptions())
	if !bytes.Equal(a, b) {
		t.Fatal("two packs of the same files, key and time differ")
	}
	o := testOptions()
	o.ModTime = o.ModTime.Add(time.Hour)
	if bytes.Equal(a, writePack(t, testFiles(), o)) {
		t.Fatal("another modification time gives the same bytes: the test cannot tell")
	}
}

func TestWriteRejects(t *testing.T) {
	tests := []struct {
		name  string
		files []File
		key   ed25519.PrivateKey
		want  string
	}{
		{"no key", testFiles(), nil, "no ed25519 signing key"},
		{"dotdot", []File{{Path: "../x"}}, testKey, `".." in path`},
		{"absolute", []File{{Path: "/etc/passwd"}}, testKey, "absolute path"},
		{"reserved", []File{{Path: "manifest.json"}}, testKey, "reserved"},
		{"sums reserved", []File{{Path: "SHA256SUMS"}}, testKey, "reserved"},
		{"signature dir", []File{{Path: "signature/x"}}, testKey, "reserved"},
		{"case duplicate", []File{{Path: "a.txt"}, {Path: "A.txt"}}, testKey, "given twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := testOptions()
			o.Key = tt.key
			err := Write(io.Discard, tt.files, o)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// rezip rewrites a zip, letting edit change, drop (nil) or add entries.
func rezip(t testing.TB, data []byte, edit func(name string, content []byte) []byte, add map[string][]byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		content, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		content = edit(f.Name, content)
		if content == nil {
			continue
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(content)
	}
	names := make([]string, 0, len(add))
	for n := range add {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(add[n])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestTamper flips a byte of, deletes, and adds beside every file of a
// pack: verification fails every time, naming that file.
func TestTamper(t *testing.T) {
	orig := writePack(t, testFiles(), testOptions())
	pub := testKey.Public().(ed25519.PublicKey)
	for _, name := range readPack(t, orig).Names() {
		for _, key := range []ed25519.PublicKey{pub, nil} {
			t.Run("flip "+name, func(t *testing.T) {
				data := rezip(t, orig, func(n string, c []byte) []byte {
					if n != name {
						return c
					}
					if len(c) == 0 {
						return []byte{0}
					}
					c = append([]byte(nil), c...)
					c[len(c)/2] ^= 0x01
					return c
				}, nil)
				assertProblem(t, data, key, name)
			})
			t.Run("delete "+name, func(t *testing.T) {
				data := rezip(t, orig, func(n string, c []byte) []byte {
					if n == name {
						return nil
					}
					return c
				}, nil)
				assertProblem(t, data, key, name)
			})
		}
	}
	for _, extra := range []string{"extra.txt", "bundle/sources/extra.json", "signature/other.sig", "documents/README.md"} {
		t.Run("add "+extra, func(t *testing.T) {
			data := rezip(t, orig, func(_ string, c []byte) []byte { return c }, map[string][]byte{extra: []byte("x")})
			assertProblem(t, data, pub, extra)
		})
	}
	t.Run("untouched", func(t *testing.T) {
		data := rezip(t, orig, func(_ string, c []byte) []byte { return c }, nil)
		if r := Verify(readPack(t, data), pub); !r.OK() {
			t.Fatalf("re-zipped unchanged pack fails: %v", r.Problems)
		}
	})
}

func assertProblem(t *testing.T, data []byte, key ed25519.PublicKey, name string) {
	t.Helper()
	r := Verify(readPack(t, data), key)
	if r.OK() {
		t.Fatalf("verification passed after tampering with %s", name)
	}
	for _, p := range r.Problems {
		if p.Path == name {
			return
		}
	}
	t.Fatalf("no problem names %s: %v", name, r.Problems)
}

// TestResign: a pack rebuilt by someone with another key verifies with its
// own packed key (integrity only) but fails against the provider's key.
func TestResign(t *testing.T) {
	o := testOptions()
	o.Key = otherKey
	a := readPack(t, writePack(t, testFiles(), o))
	if r := Verify(a, nil); !r.OK() || r.KeyFingerprint != Fingerprint(otherKey.Public().(ed25519.PublicKey)) {
		t.Fatalf("re-signed pack with its packed key: %+v", r)
	}
	if r := Verify(a, testKey.Public().(ed25519.PublicKey)); r.OK() {
		t.Fatal("re-signed pack verifies against the provider's key")
	}
}

func TestFS(t *testing.T) {
	fsys := FS([]File{{Path: "a/b/c.json", Data: []byte("c")}, {Path: "a/d.txt", Data: []byte("dd")}, {Path: "e", Data: nil}})
	if err := fstest.TestFS(fsys, "a/b/c.json", "a/d.txt", "e"); err != nil {
		t.Fatal(err)
	}
	if _, err := fsys.Open("a/../e"); !errors.Is(err, fs.ErrInvalid) {
		t.Fatalf("open a/../e: %v", err)
	}
}

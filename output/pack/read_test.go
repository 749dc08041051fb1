package pack

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io/fs"
	"strings"
	"testing"
)

type zipEntry struct {
	name string
	data []byte
	// raw, when set, writes the entry with this header as is (sizes and
	// CRC included) and data as the already-compressed bytes.
	raw  *zip.FileHeader
	mode fs.FileMode
}

func makeZip(t testing.TB, entries ...zipEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		if e.raw != nil {
			w, err := zw.CreateRaw(e.raw)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(e.data)
			continue
		}
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.mode != 0 {
			h.SetMode(e.mode)
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// deflated is a raw Deflate entry of data that declares another size.
func deflated(t *testing.T, name string, declared uint64, data []byte) zipEntry {
	var c bytes.Buffer
	w, _ := flate.NewWriter(&c, flate.BestCompression)
	w.Write(data)
	w.Close()
	return zipEntry{data: c.Bytes(), raw: &zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(data),
		CompressedSize64: uint64(c.Len()), UncompressedSize64: declared}}
}

// TestReadHostile feeds Read archives made to escape, exhaust or confuse:
// each is refused with a *FormatError naming the entry and the reason.
func TestReadHostile(t *testing.T) {
	small := Limits{MaxEntries: 4, MaxFileSize: 1 << 10, MaxTotalSize: 2 << 10}
	stored := func(name string, declared uint64, data []byte) zipEntry {
		return zipEntry{data: data, raw: &zip.FileHeader{Name: name, Method: zip.Store, CRC32: crc32.ChecksumIEEE(data),
			CompressedSize64: uint64(len(data)), UncompressedSize64: declared}}
	}
	tests := []struct {
		name   string
		data   []byte
		limits Limits
		entry  string
		want   string
	}{
		{"not a zip", []byte("%PDF-1.7 not a zip"), Limits{}, "", "not a zip archive"},
		{"empty file", nil, Limits{}, "", "not a zip archive"},
		{"empty zip", makeZip(t), Limits{}, "", "empty zip archive"},
		{"dotdot", makeZip(t, zipEntry{name: "../../etc/cron.d/x", data: []byte("x")}), Limits{}, "../../etc/cron.d/x", `".." in path`},
		{"inner dotdot", makeZip(t, zipEntry{name: "bundle/../../x", data: []byte("x")}), Limits{}, "bundle/../../x", `".." in path`},
		{"absolute", makeZip(t, zipEntry{name: "/etc/passwd", data: []byte("x")}), Limits{}, "/etc/passwd", "absolute path"},
		{"drive letter", makeZip(t, zipEntry{name: "C:/x", data: []byte("x")}), Limits{}, "C:/x", "drive letter"},
		{"backslash", makeZip(t, zipEntry{name: `..\x`, data: []byte("x")}), Limits{}, `..\x`, "backslash"},
		{"control character", makeZip(t, zipEntry{name: "a\nb", data: []byte("x")}), Limits{}, "a\nb", "control character"},
		{"duplicate", makeZip(t, zipEntry{name: "results.json", data: []byte("a")}, zipEntry{name: "results.json", data: []byte("b")}), Limits{}, "results.json", "duplicate entry"},
		{"case duplicate", makeZip(t, zipEntry{name: "README.md", data: []byte("a")}, zipEntry{name: "readme.md", data: []byte("b")}), Limits{}, "readme.md", "only in case"},
		{"symlink", makeZip(t, zipEntry{name: "link", data: []byte("/etc/passwd"), mode: fs.ModeSymlink | 0o777}), Limits{}, "link", "symbolic link"},
		{"directory", makeZip(t, zipEntry{name: "bundle/", mode: fs.ModeDir | 0o755}), Limits{}, "bundle/", "directory entry"},
		{"device", makeZip(t, zipEntry{name: "dev", mode: fs.ModeDevice | 0o644}), Limits{}, "dev", "not a regular file"},
		{"file inside a file", makeZip(t, zipEntry{name: "a", data: []byte("x")}, zipEntry{name: "a/b", data: []byte("y")}), Limits{}, "a/b", `inside "a"`},
		{"too many entries", makeZip(t, zipEntry{name: "1"}, zipEntry{name: "2"}, zipEntry{name: "3"}, zipEntry{name: "4"}, zipEntry{name: "5"}), small, "", "5 entries, more than the limit of 4"},
		{"entry too large", makeZip(t, zipEntry{name: "big", data: make([]byte, 2<<10)}), small, "big", "more than the limit of 1024 per file"},
		{"total too large", makeZip(t, zipEntry{name: "a", data: make([]byte, 1000)}, zipEntry{name: "b", data: make([]byte, 1000)}, zipEntry{name: "c", data: make([]byte, 1000)}), small, "", "in total"},
		{"bomb: declared size beyond deflate", makeZip(t, zipEntry{data: []byte{0x03, 0x00}, raw: &zip.FileHeader{Name: "bomb", Method: zip.Deflate, CompressedSize64: 2, UncompressedSize64: 1 << 40}}), Limits{}, "bomb", "more than Deflate can expand"},
		{"bomb: real 10 MB of zeros over the limit", makeZip(t, zipEntry{name: "zeros", data: make([]byte, 10<<20)}), Limits{MaxFileSize: 1 << 20}, "zeros", "more than the limit"},
		{"content longer than declared", makeZip(t, stored("liar", 3, []byte("longer than three"))), Limits{}, "liar", "stored uncompressed, but declares 3 bytes in 17"},
		{"deflated content longer than declared", makeZip(t, deflated(t, "liar", 3, []byte("longer than three"))), Limits{}, "liar", "corrupt"},
		{"encrypted", makeZip(t, zipEntry{data: []byte("x"), raw: &zip.FileHeader{Name: "enc", Method: zip.Store, Flags: 0x1, CompressedSize64: 1, UncompressedSize64: 1, CRC32: crc32.ChecksumIEEE([]byte("x"))}}), Limits{}, "enc", "encrypted"},
		{"corrupt checksum", makeZip(t, zipEntry{data: []byte("abc"), raw: &zip.FileHeader{Name: "crc", Method: zip.Store, CompressedSize64: 3, UncompressedSize64: 3, CRC32: 1}}), Limits{}, "crc", "corrupt"},
		{"unknown method", makeZip(t, zipEntry{data: []byte("abc"), raw: &zip.FileHeader{Name: "bz", Method: 12, CompressedSize64: 3, UncompressedSize64: 3}}), Limits{}, "bz", "compression method 12"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Read(bytes.NewReader(tt.data), int64(len(tt.data)), ReadOptions{Limits: tt.limits})
			fe, ok := err.(*FormatError)
			if !ok {
				t.Fatalf("Read = %v, %v; want a *FormatError", a, err)
			}
			if fe.Entry != tt.entry || !strings.Contains(fe.Reason, tt.want) {
				t.Fatalf("error %q (entry %q), want entry %q and a reason containing %q", err, fe.Entry, tt.entry, tt.want)
			}
		})
	}
}

func TestReadKeep(t *testing.T) {
	data := writePack(t, testFiles(), testOptions())
	a, err := Read(bytes.NewReader(data), int64(len(data)), ReadOptions{Keep: func(p string) bool { return strings.HasPrefix(p, "bundle/") }})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := a.Data("README.en.md"); ok {
		t.Error("README.en.md kept, though Keep says no")
	}
	for _, p := range []string{"bundle/manifest.json", ManifestFile, EnvelopeFile, PublicKeyFile, SumsFile} {
		if _, ok := a.Data(p); !ok {
			t.Errorf("%s not kept", p)
		}
	}
	// Files not kept are still hashed and verified.
	if r := Verify(a, nil); !r.OK() {
		t.Fatalf("verify: %v", r.Problems)
	}
}

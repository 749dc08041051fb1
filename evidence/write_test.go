package evidence

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func resticSource(name string, items ...Item) SourceData {
	return SourceData{
		Source: Source{Kind: "restic", Name: name, Collector: ImportCollector, StartedAt: testNow, FinishedAt: testNow, Status: StatusOK},
		Items:  items,
	}
}

func TestWriteLayoutAndManifest(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "bundle")
	src := resticSource("web-01",
		Item{Kind: KindResticSnapshots, Origin: "snapshots.json", Data: []byte("[]")},
		Item{Kind: KindResticSnapshots, Origin: "/other/dir/Snapshots.json", Data: []byte("[ ]")},
		Item{Kind: KindResticCheck, Origin: `C:\out\check output.txt`, Data: []byte("no errors were found\n")},
		Item{Kind: KindResticConfig, Origin: "..", Data: []byte("{}")},
	)
	failed := SourceData{Source: Source{Kind: "github", Name: "acme", Collector: "github 1.0", StartedAt: testNow, FinishedAt: testNow, Status: StatusError, Error: "401 Unauthorized"}}
	local := time.FixedZone("CET", 3600)
	b, err := Write(t.Context(), dir, []SourceData{src, failed}, WriteOptions{Now: testNow.In(local), ToolVersion: "v1.2.3"})
	if err != nil {
		t.Fatal(err)
	}
	want := Manifest{
		Schema:      ManifestSchema,
		ToolVersion: "v1.2.3",
		CreatedAt:   testNow,
		Sources: []Source{
			{Kind: "github", Name: "acme", Collector: "github 1.0", StartedAt: testNow, FinishedAt: testNow, Status: StatusError, Error: "401 Unauthorized", Files: []File{}},
			{Kind: "restic", Name: "web-01", Collector: ImportCollector, StartedAt: testNow, FinishedAt: testNow, Status: StatusOK, Files: []File{
				{Path: "sources/restic/web-01/Snapshots-2.json", Kind: KindResticSnapshots, SHA256: sha([]byte("[ ]")), Size: 3, Origin: "/other/dir/Snapshots.json"},
				{Path: "sources/restic/web-01/check_output.txt", Kind: KindResticCheck, SHA256: sha([]byte("no errors were found\n")), Size: 21, Origin: `C:\out\check output.txt`},
				{Path: "sources/restic/web-01/item", Kind: KindResticConfig, SHA256: sha([]byte("{}")), Size: 2, Origin: ".."},
				{Path: "sources/restic/web-01/snapshots.json", Kind: KindResticSnapshots, SHA256: sha([]byte("[]")), Size: 2, Origin: "snapshots.json"},
			}},
		},
	}
	if d := cmp.Diff(want, b.Manifest); d != "" {
		t.Errorf("manifest (-want +got):\n%s", d)
	}
	reopened, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, reopened.Manifest); d != "" {
		t.Errorf("reopened manifest (-want +got):\n%s", d)
	}
	if reopened.Digest != b.Digest {
		t.Errorf("digest on reopen %s, written %s", reopened.Digest, b.Digest)
	}
	raw, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(raw), "{\n  \"schema\": \"nachweis.bundle/v1\",\n") || !strings.HasSuffix(string(raw), "}\n") {
		t.Errorf("manifest is not indented JSON with a final newline:\n%s", raw)
	}
	if got := dirNames(t, filepath.Dir(dir)); !cmp.Equal(got, []string{"bundle"}) {
		t.Errorf("parent holds %v, want only the bundle", got)
	}
	fi, err := os.Stat(filepath.Join(dir, "sources/restic/web-01/snapshots.json"))
	if err != nil || fi.Mode().Perm() != filePerm {
		t.Errorf("file mode %v, %v; want %v", fi.Mode(), err, os.FileMode(filePerm))
	}
}

func TestWriteMergeAndReplace(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "bundle")
	opts := WriteOptions{Now: testNow, ToolVersion: "test"}
	web := resticSource("web-01", Item{Kind: KindResticSnapshots, Origin: "snapshots.json", Data: []byte("[1]")})
	db := resticSource("db-01", Item{Kind: KindResticSnapshots, Origin: "snapshots.json", Data: []byte("[2]")})
	if _, err := Write(t.Context(), dir, []SourceData{web}, opts); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(t.Context(), dir, []SourceData{db}, opts); err != nil {
		t.Fatal(err)
	}
	web2 := resticSource("web-01", Item{Kind: KindResticStats, Origin: "stats.json", Data: []byte("{}")})
	b, err := Write(t.Context(), dir, []SourceData{web2}, opts)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range b.Manifest.Sources {
		for _, f := range s.Files {
			got = append(got, f.Path)
		}
	}
	want := []string{"sources/restic/db-01/snapshots.json", "sources/restic/web-01/stats.json"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("files after merge and replace (-want +got):\n%s", d)
	}
	if _, err := os.Stat(filepath.Join(dir, "sources/restic/web-01/snapshots.json")); !os.IsNotExist(err) {
		t.Errorf("file of the replaced source still on disk: %v", err)
	}
	if _, err := Open(dir); err != nil {
		t.Error(err)
	}

	// Replace drops every existing source.
	opts.Replace = true
	b, err = Write(t.Context(), dir, []SourceData{web}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Manifest.Sources) != 1 || b.Manifest.Sources[0].Name != "web-01" {
		t.Errorf("Replace kept %+v", b.Manifest.Sources)
	}
	if got := dirNames(t, filepath.Dir(dir)); !cmp.Equal(got, []string{"bundle"}) {
		t.Errorf("parent holds %v, want only the bundle", got)
	}
}

func TestWriteDeterministic(t *testing.T) {
	var manifests []string
	for range 2 {
		dir := filepath.Join(t.TempDir(), "bundle")
		srcs := []SourceData{
			resticSource("web-01", Item{Kind: KindResticSnapshots, Origin: "snapshots.json", Data: []byte("[1]")}),
			resticSource("db-01", Item{Kind: KindResticSnapshots, Origin: "snapshots.json", Data: []byte("[2]")}),
		}
		if _, err := Write(t.Context(), dir, srcs, WriteOptions{Now: testNow, ToolVersion: "test"}); err != nil {
			t.Fatal(err)
		}
		raw, err := os.ReadFile(filepath.Join(dir, ManifestFile))
		if err != nil {
			t.Fatal(err)
		}
		manifests = append(manifests, string(raw))
	}
	if manifests[0] != manifests[1] {
		t.Errorf("manifests differ:\n%s\n%s", manifests[0], manifests[1])
	}
}

// TestWriteFailureKeepsBundle makes each step of the swap fail in turn and
// checks that the existing bundle is untouched and nothing is left over.
func TestWriteFailureKeepsBundle(t *testing.T) {
	tests := []struct {
		name string
		fail func(calls int) bool // which os.Rename call fails (1: old aside, 2: new in)
	}{
		{"moving the old bundle aside fails", func(n int) bool { return n == 1 }},
		{"moving the new bundle in fails", func(n int) bool { return n == 2 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "bundle")
			opts := WriteOptions{Now: testNow, ToolVersion: "test"}
			if _, err := Write(t.Context(), dir, []SourceData{resticSource("web-01", Item{Kind: KindResticSnapshots, Origin: "s.json", Data: []byte("[]")})}, opts); err != nil {
				t.Fatal(err)
			}
			before := treeHash(t, parent)
			calls := 0
			osRename = func(from, to string) error {
				calls++
				if tt.fail(calls) {
					return errors.New("injected rename failure")
				}
				return os.Rename(from, to)
			}
			t.Cleanup(func() { osRename = os.Rename })
			_, err := Write(t.Context(), dir, []SourceData{resticSource("db-01", Item{Kind: KindResticSnapshots, Origin: "s.json", Data: []byte("[1]")})}, opts)
			if err == nil || !strings.Contains(err.Error(), "injected rename failure") {
				t.Fatalf("Write error = %v", err)
			}
			if after := treeHash(t, parent); after != before {
				t.Errorf("bundle directory changed on a failed write; parent now holds %v", dirNames(t, parent))
			}
		})
	}
}

func TestWriteRestoreFails(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "bundle")
	opts := WriteOptions{Now: testNow}
	if _, err := Write(t.Context(), dir, []SourceData{resticSource("web-01", Item{Kind: KindResticSnapshots, Origin: "s.json", Data: []byte("[]")})}, opts); err != nil {
		t.Fatal(err)
	}
	calls := 0
	osRename = func(from, to string) error {
		if calls++; calls >= 2 {
			return errors.New("injected rename failure")
		}
		return os.Rename(from, to)
	}
	t.Cleanup(func() { osRename = os.Rename })
	_, err := Write(t.Context(), dir, []SourceData{resticSource("db-01")}, opts)
	if err == nil || !strings.Contains(err.Error(), "could not be moved back and is kept at") {
		t.Fatalf("error = %v", err)
	}
	// The only copy of the old bundle must survive, where the error says.
	kept := err.Error()[strings.LastIndex(err.Error(), " ")+1:]
	if _, err := Open(kept); err != nil {
		t.Errorf("old bundle not kept intact: %v", err)
	}
}

func TestWriteRefuses(t *testing.T) {
	opts := WriteOptions{Now: testNow}
	src := resticSource("web-01", Item{Kind: KindResticSnapshots, Origin: "s.json", Data: []byte("[]")})
	t.Run("non-bundle directory", func(t *testing.T) {
		parent := t.TempDir()
		dir := filepath.Join(parent, "photos")
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "cat.jpg"), []byte("meow"), 0o644); err != nil {
			t.Fatal(err)
		}
		before := treeHash(t, parent)
		_, err := Write(t.Context(), dir, []SourceData{src}, opts)
		if err == nil || !strings.Contains(err.Error(), "not an evidence bundle") {
			t.Errorf("error = %v", err)
		}
		opts := opts
		opts.Replace = true
		if _, err := Write(t.Context(), dir, []SourceData{src}, opts); err == nil {
			t.Error("Replace overwrote a directory that is not a bundle")
		}
		if treeHash(t, parent) != before {
			t.Error("directory changed")
		}
	})
	t.Run("regular file", func(t *testing.T) {
		f := filepath.Join(t.TempDir(), "bundle")
		if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Write(t.Context(), f, []SourceData{src}, opts); err == nil || !strings.Contains(err.Error(), "not a directory") {
			t.Errorf("error = %v", err)
		}
	})
	t.Run("empty directory becomes a bundle", func(t *testing.T) {
		dir := t.TempDir()
		if _, err := Write(t.Context(), dir, []SourceData{src}, opts); err != nil {
			t.Fatal(err)
		}
		if _, err := Open(dir); err != nil {
			t.Error(err)
		}
	})
	t.Run("corrupt existing bundle", func(t *testing.T) {
		parent := t.TempDir()
		dir := filepath.Join(parent, "b")
		if _, err := Write(t.Context(), dir, []SourceData{src}, opts); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "sources/restic/web-01/s.json"), []byte("[1]"), 0o600); err != nil {
			t.Fatal(err)
		}
		before := treeHash(t, parent)
		_, err := Write(t.Context(), dir, []SourceData{resticSource("db-01", Item{Kind: KindResticSnapshots, Origin: "s.json", Data: []byte("[]")})}, opts)
		if err == nil || !errors.Is(err, ErrInvalidBundle) {
			t.Errorf("error = %v, want ErrInvalidBundle", err)
		}
		if treeHash(t, parent) != before {
			t.Error("corrupt bundle changed")
		}
	})
	t.Run("invalid sources", func(t *testing.T) {
		parent := t.TempDir()
		bad := []SourceData{
			resticSource("../up", Item{Kind: KindResticSnapshots, Data: []byte("[]")}),
			resticSource("web-01", Item{Kind: KindBorgInfo, Data: []byte("{}")}),
			{Source: Source{Kind: "restic", Name: "x", Status: "unknown"}},
		}
		for _, s := range bad {
			if _, err := Write(t.Context(), filepath.Join(parent, "b"), []SourceData{s}, opts); err == nil {
				t.Errorf("Write accepted %+v", s.Source)
			}
		}
		if _, err := Write(t.Context(), filepath.Join(parent, "b"), []SourceData{src, src}, opts); err == nil {
			t.Error("Write accepted a source twice")
		}
		if _, err := Write(t.Context(), filepath.Join(parent, "b"), []SourceData{src}, WriteOptions{}); err == nil {
			t.Error("Write accepted a zero time")
		}
		if got := dirNames(t, parent); len(got) != 0 {
			t.Errorf("parent holds %v", got)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		parent := t.TempDir()
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		if _, err := Write(ctx, filepath.Join(parent, "b"), []SourceData{src}, opts); !errors.Is(err, context.Canceled) {
			t.Errorf("error = %v", err)
		}
		if got := dirNames(t, parent); len(got) != 0 {
			t.Errorf("parent holds %v", got)
		}
	})
}

package evidence

import (
	"errors"
	"io"
	"testing"
	"testing/fstest"
)

// TestOpenFile: a stream of a bundle file gives its content and ends with
// io.EOF; a file changed after Open (same size or not) ends with a
// *BundleError instead, so a reader that reads to the end never takes it
// for evidence.
func TestOpenFile(t *testing.T) {
	const p = "sources/restic/web-01/snapshots.json"
	fsys := mapBundle(t, map[string]string{p: `[{"id":"a"}]`}, nil)
	b, err := OpenFS(fsys)
	if err != nil {
		t.Fatal(err)
	}
	read := func() ([]byte, error) {
		r, err := b.OpenFile(p)
		if err != nil {
			return nil, err
		}
		defer r.Close()
		return io.ReadAll(r)
	}
	if data, err := read(); err != nil || string(data) != `[{"id":"a"}]` {
		t.Fatalf("OpenFile read %q, %v", data, err)
	}
	for name, content := range map[string]string{
		"same size":  `[{"id":"b"}]`,
		"shorter":    `[]`,
		"longer":     `[{"id":"a"},{"id":"b"}]`,
		"empty file": ``,
	} {
		t.Run(name, func(t *testing.T) {
			fsys[p] = &fstest.MapFile{Data: []byte(content)}
			_, err := read()
			var be *BundleError
			if !errors.As(err, &be) || be.Path != p {
				t.Fatalf("read a changed file: %v, want a *BundleError for %s", err, p)
			}
		})
	}
	if _, err := b.OpenFile("sources/restic/web-01/other.json"); err == nil {
		t.Error("OpenFile of a path the manifest does not list succeeded")
	}
}

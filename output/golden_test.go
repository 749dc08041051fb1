package output

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites the file with
// -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test ./output -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (-want +got):\n%s", name, cmp.Diff(string(want), string(got)))
	}
}

// failingWriter fails every write, to check that writers pass errors on.
type failingWriter struct{}

var errWrite = errors.New("disk full")

func (failingWriter) Write([]byte) (int, error) { return 0, errWrite }

// writers runs every writer with default options, for tests that treat
// them alike.
var writers = map[string]func(w *bytes.Buffer) error{
	"text_de.golden": func(w *bytes.Buffer) error { return WriteText(w, fixture(), TextOptions{Lang: "de"}) },
	"text_en.golden": func(w *bytes.Buffer) error { return WriteText(w, fixture(), TextOptions{Lang: "en"}) },
	"text_en_color.golden": func(w *bytes.Buffer) error {
		return WriteText(w, fixture(), TextOptions{Lang: "en", Color: true})
	},
	"results.json": func(w *bytes.Buffer) error { return WriteJSON(w, fixture()) },
	"results.sarif": func(w *bytes.Buffer) error {
		return WriteSARIF(w, fixture(), SARIFOptions{ToolName: "nachweis", ToolVersion: "0.4.0", InformationURI: "https://github.com/nachweis/nachweis"})
	},
	"junit.xml": func(w *bytes.Buffer) error { return WriteJUnit(w, fixture()) },
}

func TestGolden(t *testing.T) {
	for name, write := range writers {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := write(&buf); err != nil {
				t.Fatal(err)
			}
			golden(t, name, buf.Bytes())
		})
	}
}

func TestDeterministic(t *testing.T) {
	for name, write := range writers {
		t.Run(name, func(t *testing.T) {
			var a, b bytes.Buffer
			if err := write(&a); err != nil {
				t.Fatal(err)
			}
			if err := write(&b); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Errorf("two runs differ:\n%s", cmp.Diff(a.String(), b.String()))
			}
		})
	}
}

func TestWriteErrorsAreReturned(t *testing.T) {
	r := fixture()
	for name, err := range map[string]error{
		"text":  WriteText(failingWriter{}, r, TextOptions{}),
		"json":  WriteJSON(failingWriter{}, r),
		"sarif": WriteSARIF(failingWriter{}, r, SARIFOptions{}),
		"junit": WriteJUnit(failingWriter{}, r),
	} {
		if !errors.Is(err, errWrite) {
			t.Errorf("%s: got %v, want wrapped %v", name, err, errWrite)
		}
	}
}

func TestNilResults(t *testing.T) {
	var buf bytes.Buffer
	for name, err := range map[string]error{
		"text":  WriteText(&buf, nil, TextOptions{}),
		"json":  WriteJSON(&buf, nil),
		"sarif": WriteSARIF(&buf, nil, SARIFOptions{}),
		"junit": WriteJUnit(&buf, nil),
	} {
		if err == nil {
			t.Errorf("%s: nil results accepted", name)
		}
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %q for nil results", buf.String())
	}
}

package pdf

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/nachweis/nachweis/templates"
)

// sampleDir, when set, keeps the rendered test PDFs for a look with
// pdftoppm.
var sampleDir = flag.String("sample-dir", "", "write the rendered test PDFs into this directory")

// requireTool skips when a reader is not installed, unless
// NACHWEIS_REQUIRE_TOOLS is set (CI), where a missing reader fails.
func requireTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("NACHWEIS_REQUIRE_TOOLS") != "" {
			t.Fatalf("%s not installed (NACHWEIS_REQUIRE_TOOLS is set)", name)
		}
		t.Skipf("%s not installed", name)
	}
	return path
}

// readWith runs a reader and returns its stdout.
func readWith(t *testing.T, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(requireTool(t, name), args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\n%s%s", name, args, err, stdout.String(), stderr.String())
	}
	return stdout.Bytes()
}

// renderFile renders doc into a file in a temporary directory.
func renderFile(t *testing.T, name string, doc templates.Document) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, doc); err != nil {
		t.Fatalf("Render: %v", err)
	}
	dir := t.TempDir()
	if *sampleDir != "" {
		dir = *sampleDir
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

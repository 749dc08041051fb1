package templates

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckDirRejectsUnknownTemplateNames(t *testing.T) {
	dir := t.TempDir()
	if err := CheckDir(dir); err != nil {
		t.Fatalf("empty directory: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "tom.fr.md.tmpl"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := CheckDir(dir)
	if err == nil || !strings.Contains(err.Error(), "tom.fr.md.tmpl does not name a template") {
		t.Fatalf("CheckDir = %v, want an error naming the misspelt file", err)
	}
	if err := CheckDir(filepath.Join(dir, "missing")); err == nil {
		t.Fatal("CheckDir accepted a missing directory")
	}
}

func TestExecuteErrorsNameTheTemplate(t *testing.T) {
	dir := t.TempDir()
	if _, err := Execute("nosuch", "de", nil, Options{}); err == nil || !strings.Contains(err.Error(), "nosuch.de.md.tmpl") {
		t.Fatalf("unknown template: %v", err)
	}
	if _, err := Execute("tom", "fr", nil, Options{}); err == nil || !strings.Contains(err.Error(), `language "fr"`) {
		t.Fatalf("unknown language: %v", err)
	}
	// An override in the directory replaces the embedded template, and its
	// errors name the file and line.
	bad := filepath.Join(dir, FileName("nosuch", "en"))
	if err := os.WriteFile(bad, []byte("ok\n{{ .Missing }}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Execute("nosuch", "en", map[string]string{}, Options{Dir: dir})
	if err == nil || !strings.Contains(err.Error(), bad) || !strings.Contains(err.Error(), ":2:") {
		t.Fatalf("override error = %v, want file and line", err)
	}
	out, err := Execute("nosuch", "de", struct{ N float64 }{1234.5}, Options{Dir: writeTemplate(t, dir, "nosuch.de.md.tmpl", "{{ number .N 2 }}")})
	if err != nil || string(out) != "1.234,50" {
		t.Fatalf("Execute = %q, %v", out, err)
	}
}

func writeTemplate(t *testing.T, dir, name, text string) string {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

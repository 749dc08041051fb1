package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nachweis/nachweis/evidence/config"
)

func TestInit(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	out, errOut, code := nachweis(t, nil, "init")
	if code != exitOK || out != "" {
		t.Fatalf("init: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	data, err := os.ReadFile(filepath.Join(dir, "nachweis.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, config.Example) {
		t.Error("init wrote something other than the example")
	}
	c, err := config.Parse("nachweis.yaml", data)
	if err != nil {
		t.Fatalf("the written configuration does not load: %v", err)
	}
	if c.Organisation.Name != "Beispiel Cloud GmbH" || len(c.Sources.Kubernetes) == 0 {
		t.Errorf("written configuration: %+v", c)
	}

	// A second init keeps the file, even one the user has edited.
	if err := os.WriteFile("nachweis.yaml", []byte("organisation: {name: Mine}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code = nachweis(t, nil, "init")
	if code != exitError || errOut != "nachweis: init: nachweis.yaml exists; not overwriting it (remove it or give -o FILE)\n" {
		t.Errorf("init over an existing file: exit %d, stderr %q", code, errOut)
	}
	if b, _ := os.ReadFile("nachweis.yaml"); string(b) != "organisation: {name: Mine}\n" {
		t.Errorf("init changed an existing file: %q", b)
	}

	other := filepath.Join(dir, "sub", "other.yaml")
	if err := os.Mkdir(filepath.Dir(other), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := nachweis(t, nil, "init", "-o", other); code != exitOK {
		t.Fatalf("init -o: exit %d, %s", code, errOut)
	}
	if _, err := config.Load(other); err != nil {
		t.Errorf("init -o %s: %v", other, err)
	}
	_, errOut, code = nachweis(t, nil, "init", "-o", filepath.Join(dir, "missing", "x.yaml"))
	if code != exitError || strings.Count(errOut, "\n") != 1 {
		t.Errorf("init into a missing directory: exit %d, stderr %q", code, errOut)
	}
}

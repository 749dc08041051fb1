package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// assertBundleLacks fails the test for every file below dir that contains
// one of the secrets, and when dir holds no file at all (a search of
// nothing proves nothing).
func assertBundleLacks(t *testing.T, dir string, secrets ...string) {
	t.Helper()
	files := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, s := range secrets {
			if strings.Contains(string(data), s) {
				t.Errorf("%s contains %q", p, s)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files == 0 {
		t.Errorf("no files under %s to search", dir)
	}
}

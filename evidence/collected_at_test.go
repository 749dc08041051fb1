package evidence

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportCollectedAtUnknown: without a collection time the source is
// recorded with collected_at_unknown, and the caller hears about each file
// that carries no time of its own.
func TestImportCollectedAtUnknown(t *testing.T) {
	in := t.TempDir()
	check := filepath.Join(in, "check.txt")
	if err := os.WriteFile(check, []byte("load indexes\nno errors were found\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	snapshots := fixture("restic/web01-daily-9d/snapshots.json")
	for _, unknown := range []bool{false, true} {
		dir := filepath.Join(t.TempDir(), "bundle")
		var notices []string
		err := Import(t.Context(), ImportOptions{Bundle: dir, Source: "web01", Files: []string{snapshots, check}, Now: testNow,
			CollectedAtUnknown: unknown, Notice: func(s string) { notices = append(notices, s) }})
		if err != nil {
			t.Fatal(err)
		}
		b, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		src := b.Manifest.Sources[0]
		if src.CollectedAtUnknown != unknown || !src.FinishedAt.Equal(testNow) {
			t.Errorf("unknown=%v: source %+v", unknown, src)
		}
		raw, _ := os.ReadFile(filepath.Join(dir, ManifestFile))
		if strings.Contains(string(raw), "collected_at_unknown") != unknown {
			t.Errorf("unknown=%v: manifest:\n%s", unknown, raw)
		}
		want := 0
		if unknown {
			want = 1 // the check output; snapshots carry their times
		}
		if len(notices) != want || want == 1 && !strings.HasPrefix(notices[0], "import "+check+": restic check output carries no time of its own") {
			t.Errorf("unknown=%v: notices %q", unknown, notices)
		}
	}
}

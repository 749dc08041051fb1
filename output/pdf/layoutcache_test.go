package pdf

import (
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestLayoutCacheSameLines checks that lines from the cache are the lines
// the text breaks into, for texts that differ only in what the cache key
// must tell apart, each asked for twice.
func TestLayoutCacheSameLines(t *testing.T) {
	if err := measureFaces(); err != nil {
		t.Fatal(err)
	}
	de := mustHyphen(t, "de")
	en := mustHyphen(t, "en")
	text := germanText
	tests := []struct {
		name string
		runs []run
		size float64
		w    float64
		hy   bool // German patterns; otherwise English
	}{
		{"plain", []run{{text: text}}, bodySize, 80, true},
		{"narrower", []run{{text: text}}, bodySize, 60, true},
		{"larger", []run{{text: text}}, bodySize + 1, 80, true},
		{"english patterns", []run{{text: text}}, bodySize, 80, false},
		{"bold", []run{{text: text, st: bold}}, bodySize, 80, true},
		{"code", []run{{text: text, st: mono, code: true}}, bodySize, 80, true},
		{"hash", []run{{text: text, st: mono, hash: true}}, bodySize, 80, true},
		{"link", []run{{text: text, link: "https://example.org"}}, bodySize, 80, true},
		{"two runs", []run{{text: text[:40]}, {text: text[40:], st: italic}}, bodySize, 80, true},
		{"split elsewhere", []run{{text: text[:41]}, {text: text[41:], st: italic}}, bodySize, 80, true},
	}
	seen := map[string]string{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hy := en
			if tt.hy {
				hy = de
			}
			want := breakLines(tt.runs, tt.size, tt.w, hy)
			for range 2 {
				got := layoutText(tt.runs, tt.size, tt.w, hy)
				if d := cmp.Diff(want, got, cmp.AllowUnexported(line{}, piece{}, run{})); d != "" {
					t.Fatalf("cached lines differ (-want +got):\n%s", d)
				}
			}
			key := string(layoutKey(nil, tt.runs, tt.size, tt.w))
			if tt.hy {
				if other, ok := seen[key]; ok {
					t.Errorf("same cache key as %q", other)
				}
				seen[key] = tt.name
			}
		})
	}
}

// TestLayoutKeyCoversRun fails when run gets a field layoutKey does not
// know: the cache would then give one text's lines to another.
func TestLayoutKeyCoversRun(t *testing.T) {
	var names []string
	for f := range reflect.TypeFor[run]().Fields() {
		names = append(names, f.Name)
	}
	if d := cmp.Diff([]string{"text", "st", "link", "code", "hash"}, names); d != "" {
		t.Errorf("run's fields changed; update layoutKey and this list (-known +now):\n%s", d)
	}
}

// TestLayoutCacheStartsOver checks that a full cache empties itself and
// still answers.
func TestLayoutCacheStartsOver(t *testing.T) {
	if err := measureFaces(); err != nil {
		t.Fatal(err)
	}
	c := &layoutCache{max: 2}
	for i, s := range []string{"eins", "zwei", "drei", "eins"} {
		got := c.get([]run{{text: s}}, bodySize, 50, nil)
		if len(got) != 1 || len(got[0].pieces) != 1 || got[0].pieces[0].text != s {
			t.Fatalf("text %d: got %+v", i, got)
		}
		if c.n > c.max {
			t.Fatalf("text %d: %d texts kept, max %d", i, c.n, c.max)
		}
	}
	// It started over at "drei" and kept "eins" again.
	if c.n != 2 || len(c.lines[nil]) != 2 {
		t.Errorf("%d texts kept (%d in the map), want 2", c.n, len(c.lines[nil]))
	}
	if _, ok := c.lines[nil][string(layoutKey(nil, []run{{text: "zwei"}}, bodySize, 50))]; ok {
		t.Error("a text from before the start over is still kept")
	}
}

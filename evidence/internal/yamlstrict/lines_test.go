package yamlstrict

import "testing"

func TestLinesLine(t *testing.T) {
	lines := Lines{"": 2, "a": 3, "a.b": 4, "a.b[1]": 6, "c": 9}
	tests := []struct {
		path string
		want int
	}{
		{"a.b[1]", 6},
		{"a.b[1].name", 6}, // missing key: its list element
		{"a.b[2]", 4},      // missing element: its list
		{"a.x.y", 3},
		{"c", 9},
		{"d", 2}, // nothing recorded above it: the top node
		{"", 2},
	}
	for _, tt := range tests {
		if got := lines.Line(tt.path); got != tt.want {
			t.Errorf("Line(%q) = %d, want %d", tt.path, got, tt.want)
		}
	}
	if got := (Lines{}).Line("a.b"); got != 1 {
		t.Errorf("empty Lines: Line = %d, want 1", got)
	}
}

func TestParent(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a.b[2]", "a.b"},
		{"a.b", "a"},
		{"a", ""},
		{"a[0]", "a"},
		{"a[0].b", "a[0]"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := parent(tt.in); got != tt.want {
			t.Errorf("parent(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

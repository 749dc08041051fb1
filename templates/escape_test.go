package templates

import "testing"

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"kube_system", `kube\_system`},
		{"a*b", `a\*b`},
		{"x | y", `x \| y`},
		{"# not a heading", `\# not a heading`},
		{"- not a list", `\- not a list`},
		{"1. not a list", `1\. not a list`},
		{"version 1.2", "version 1.2"},
		{"Größe 12 € – äöüß", "Größe 12 € – äöüß"},
		{"<script>", `\<script\>`},
		{"line\n# two", "line\n\\# two"},
		{"line\n   # indented", "line\n   \\# indented"},
		{"[link](https://evil.example)", `\[link\](https\://evil.example)`},
		{"see www.evil.example", `see www\.evil.example`},
		{"mail a@evil.example", `mail a\@evil.example`},
		{"&#x1F600; &lt;b&gt;", "&#x1F600; &lt;b&gt;"}, // entities are never decoded downstream
		{"<script>alert(1)</script>", `\<script\>alert(1)\</script\>`},
	}
	for _, tt := range tests {
		if got := Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "–"},
		{"  ", "–"},
		{"a\nb", "a b"},
		{"a|b", `a\|b`},
	}
	for _, tt := range tests {
		if got := Cell(tt.in); got != tt.want {
			t.Errorf("Cell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

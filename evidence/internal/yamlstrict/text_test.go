package yamlstrict

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", `""`},
		{`say "hi"`, `"say \"hi\""`},
		{strings.Repeat("x", 60), `"` + strings.Repeat("x", 60) + `"`},
		{strings.Repeat("x", 61), `"` + strings.Repeat("x", 60) + `"…`},
		// Shortened by characters, not bytes.
		{strings.Repeat("ä", 70), `"` + strings.Repeat("ä", 60) + `"…`},
	}
	for _, tt := range tests {
		if got := Quote(tt.in); got != tt.want {
			t.Errorf("Quote(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestDescribe(t *testing.T) {
	tests := []struct {
		yaml string
		want string
	}{
		{"{a: 1}", "a mapping"},
		{"[1, 2]", "a list"},
		{"~", "nothing"},
		{"null", "nothing"},
		{"seven", `"seven"`},
		{"'7'", `"7"`},
	}
	for _, tt := range tests {
		t.Run(tt.yaml, func(t *testing.T) {
			var doc yaml.Node
			if err := yaml.Unmarshal([]byte(tt.yaml), &doc); err != nil {
				t.Fatal(err)
			}
			if got := Describe(doc.Content[0]); got != tt.want {
				t.Errorf("Describe = %s, want %s", got, tt.want)
			}
		})
	}
	if got := Describe(&yaml.Node{Kind: yaml.AliasNode}); got != "an alias" {
		t.Errorf("Describe(alias) = %s, want an alias", got)
	}
}

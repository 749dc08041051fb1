package templates

import (
	"strings"
	"testing"
)

// TestAutoEscape: a value printed without md or cell is escaped all the
// same, on one line, with block syntax escaped only where a block starts;
// md and cell are not escaped twice, and numbers and dates stay as they
// are formatted.
func TestAutoEscape(t *testing.T) {
	type row struct{ Name string }
	data := struct {
		Name, Multi, Heading string
		N                    float64
		Rows                 []row
		Ptr                  *string
	}{
		Name:    "[link](https://evil.example) <script>alert(1)</script> *x*",
		Multi:   "one\n\n| a | b |\n|---|---|\n# two",
		Heading: "# not a heading",
		N:       1234.5,
		Rows:    []row{{"kube_system"}, {"- item"}},
	}
	s := "ptr_value"
	data.Ptr = &s
	tests := []struct{ name, tmpl, want string }{
		{"inline", "see {{.Name}}.", `see \[link\](https\://evil.example) \<script\>alert(1)\</script\> \*x\*.`},
		{"line start", "{{.Heading}}", `\# not a heading`},
		{"after a list marker", "- {{.Heading}}", `- \# not a heading`},
		{"after a quote", "> {{.Heading}}", `> \# not a heading`},
		{"mid line", "x {{.Heading}}", `x # not a heading`},
		{"one line in a table", "| {{.Multi}} |", `| one \| a \| b \| \|---\|---\| # two |`},
		{"md keeps lines", "{{md .Multi}}", "one\n\n\\| a \\| b \\|\n\\|---\\|---\\|\n\\# two"},
		{"md not twice", "{{md .Name}}", Escape(data.Name)},
		{"cell not twice", "{{cell .Name}}", Cell(data.Name)},
		{"number as formatted", "{{number .N 2}}", "1,234.50"},
		{"range and variables", "{{range $i, $r := .Rows}}{{if $i}}, {{end}}{{$r.Name}}{{end}}", `kube\_system, - item`}, // mid line: no list
		{"with and else", "{{with .Name}}{{.}}{{else}}none{{end}}", Escape(data.Name)},
		{"printf", `{{printf "%s!" .Heading}}`, `\# not a heading!`},
		{"pointer", "{{.Ptr}}", `ptr\_value`},
		{"sub-template", `{{define "x"}}[{{.}}]{{end}}{{template "x" .Heading}}`, `[# not a heading]`},
		{"assignment prints nothing", "{{$x := .Heading}}{{$x}}", `\# not a heading`},
		{"fenced code is not Markdown", "```barchart\n{{.Heading}} | {{.Multi}}\n```\n{{.Heading}}", "```barchart\n# not a heading | one | a | b | |---|---| # two\n```\n\\# not a heading"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTemplate(t, t.TempDir(), FileName("nosuch", "en"), tt.tmpl)
			got, err := Execute("nosuch", "en", data, Options{Dir: dir})
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestExecuteOutputLimit: a template that never stops writing is stopped
// at MaxMarkdown with an error naming it.
func TestExecuteOutputLimit(t *testing.T) {
	dir := writeTemplate(t, t.TempDir(), FileName("nosuch", "de"), "{{range 1000000000}}0123456789abcdef0123456789abcdef{{end}}")
	_, err := Execute("nosuch", "de", nil, Options{Dir: dir})
	if err == nil || !strings.Contains(err.Error(), FileName("nosuch", "de")) || !strings.Contains(err.Error(), "exceeds 64 MiB") {
		t.Errorf("error = %v, want the limit and the template", err)
	}
}

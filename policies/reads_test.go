package policies

import (
	"context"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"
)

// TestInputReads: the input keys a check's results can read are found
// through rules and functions of other packages, else branches and
// comprehensions; input read whole or by a computed key reads everything.
func TestInputReads(t *testing.T) {
	lib := `package lib
f(x) := 1 if { x == 1 } else := input.hidden
g := {k | some k, _ in input.tenants}
`
	tests := []struct {
		name string
		body string
		want []string
		all  bool
	}{
		{"own reference", `results contains r if { some r in input.backup.repositories }`, []string{"backup"}, false},
		{"through a function's else branch", `results contains r if { r := data.lib.f(input.now_ns) }`, []string{"hidden", "now_ns"}, false},
		{"through a rule of another package", `results contains r if { some r in data.lib.g }`, []string{"tenants"}, false},
		{"in a comprehension", `results contains r if { r := [x | some x in input.params.eu_countries] }`, []string{"params"}, false},
		{"input whole", `results contains r if { r := object.keys(input) }`, nil, true},
		{"a computed key", `results contains r if { some k in ["backup"]; r := input[k] }`, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ast.NewCompiler()
			c.Compile(map[string]*ast.Module{
				"lib.rego":   ast.MustParseModuleWithOpts(lib, ast.ParserOptions{RegoVersion: ast.RegoV1}),
				"check.rego": ast.MustParseModuleWithOpts("package check\n"+tt.body, ast.ParserOptions{RegoVersion: ast.RegoV1}),
			})
			if c.Failed() {
				t.Fatal(c.Errors)
			}
			keys, all := inputReads(c, "check")
			if all != tt.all {
				t.Fatalf("reads all = %v, want %v (keys %v)", all, tt.all, keys)
			}
			if tt.all {
				return
			}
			var got []string
			for k := range keys {
				got = append(got, k)
			}
			sort.Strings(got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("keys (-want +got):\n%s", diff)
			}
		})
	}
}

// TestChecksReadingNoKubernetes: of the shipped checks, the backup and
// GitHub checks read no Kubernetes evidence and every Kubernetes check
// does.
func TestChecksReadingNoKubernetes(t *testing.T) {
	e, err := NewEngine(context.Background(), EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range e.Checks() {
		kube := ch.ID[:4] == "K8S-"
		if early := ch.beforeKubernetes(); early == kube {
			t.Errorf("%s (%s): evaluated before the Kubernetes projection = %v", ch.ID, ch.Policy, early)
		}
	}
}

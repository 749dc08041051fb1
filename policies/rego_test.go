package policies_test

import (
	"context"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/loader"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/nachweis/nachweis/policies"
)

// loadEmbedded parses the embedded Rego files; with tests false the
// _test.rego files are left out, as the engine does.
func loadEmbedded(t *testing.T, tests bool) map[string]*ast.Module {
	t.Helper()
	roots, err := fs.Glob(policies.FS, "*")
	if err != nil || len(roots) == 0 {
		t.Fatalf("list embedded policy directories: %v (found %d)", err, len(roots))
	}
	skip := func(_ string, info os.FileInfo, _ int) bool {
		return !info.IsDir() && !tests && strings.HasSuffix(info.Name(), "_test.rego")
	}
	res, err := loader.NewFileLoader().WithFS(policies.FS).WithProcessAnnotation(true).
		WithRegoVersion(ast.RegoV1).Filtered(roots, skip)
	if err != nil {
		t.Fatalf("load embedded policies: %v", err)
	}
	return res.ParsedModules()
}

// TestRego runs every test_ rule of the embedded _test.rego files through
// OPA's tester, one Go subtest per Rego test.
func TestRego(t *testing.T) {
	modules := loadEmbedded(t, true)
	ch, err := tester.NewRunner().
		SetCompiler(ast.NewCompiler().WithEnablePrintStatements(true)).
		CapturePrintOutput(true).
		SetModules(modules).
		RunTests(context.Background(), nil)
	if err != nil {
		t.Fatalf("run Rego tests: %v", err)
	}
	ran := 0
	perPackage := map[string]int{}
	for r := range ch {
		ran++
		pkg := strings.TrimPrefix(r.Package, "data.")
		perPackage[pkg]++
		t.Run(pkg+"/"+r.Name, func(t *testing.T) {
			switch {
			case r.Error != nil:
				t.Fatalf("%s: %v\n%s", r.Location, r.Error, r.Output)
			case r.Skip:
				t.Skipf("%s: skipped", r.Location)
			case r.Fail:
				msg := ""
				if r.FailedAt != nil {
					msg = " at " + r.FailedAt.Location.String() + ": " + r.FailedAt.String()
				}
				t.Fatalf("%s: test failed%s\n%s", r.Location, msg, r.Output)
			}
		})
	}
	if ran == 0 {
		t.Fatal("no Rego tests ran: check the go:embed patterns and test_ rule names")
	}
	// Every check has a test package beside it with at least a passing and
	// a failing case.
	for _, m := range loadEmbedded(t, false) {
		pkg := strings.TrimPrefix(m.Package.Path.String(), "data.")
		if strings.HasPrefix(pkg, "nachweis.lib.") {
			continue
		}
		if n := perPackage[pkg+"_test"]; n < 2 {
			t.Errorf("package %s: %d Rego tests in %s_test, want at least 2", pkg, n, pkg)
		}
	}
}

// contractCheck is one row of the check table in CONTRACT.md.
type contractCheck struct {
	pkg      string
	severity string
	measures []string
}

var (
	contractRow = regexp.MustCompile(`^\| ([A-Z0-9]+-[A-Z0-9]+-[0-9]+) \| ([a-z0-9_.]+) \| ([a-z]+) \| ([A-Z0-9, -]+) \|`)
	// anyCheckRow matches every row of the check table, also one whose
	// other cells contractRow cannot read.
	anyCheckRow = regexp.MustCompile(`^\| [A-Z0-9]+-[A-Z0-9-]+ \|`)
	backticked  = regexp.MustCompile("`([a-z0-9_]+\\.[a-z0-9_]+)`")
)

// readContract returns the checks of the CONTRACT.md table by id and the
// valid requires keys listed there.
func readContract(t *testing.T) (map[string]contractCheck, map[string]bool) {
	t.Helper()
	raw, err := os.ReadFile("CONTRACT.md")
	if err != nil {
		t.Fatalf("read contract: %v", err)
	}
	text := string(raw)
	checks := map[string]contractCheck{}
	rows := 0
	for line := range strings.SplitSeq(text, "\n") {
		if anyCheckRow.MatchString(line) {
			rows++
		}
		m := contractRow.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		var measures []string
		for s := range strings.SplitSeq(m[4], ",") {
			if s = strings.TrimSpace(s); s != "" {
				measures = append(measures, s)
			}
		}
		checks[m[1]] = contractCheck{pkg: "nachweis." + m[2], severity: m[3], measures: measures}
	}
	if len(checks) != rows || len(checks) < 17 {
		t.Fatalf("CONTRACT.md: read %d checks from %d rows of the check table, want every row and at least the 17 of the foundation", len(checks), rows)
	}
	start := strings.Index(text, "`requires` keys are")
	end := strings.Index(text, "A key is provided")
	if start < 0 || end < start {
		t.Fatal("CONTRACT.md: list of requires keys not found")
	}
	keys := map[string]bool{}
	for _, m := range backticked.FindAllStringSubmatch(text[start:end], -1) {
		keys[m[1]] = true
	}
	if len(keys) == 0 {
		t.Fatal("CONTRACT.md: no requires keys found")
	}
	return checks, keys
}

// TestCheckMetadata checks the package METADATA of every non-test module
// against the conventions and the check table of CONTRACT.md.
func TestCheckMetadata(t *testing.T) {
	contract, requireKeys := readContract(t)
	modules := loadEmbedded(t, false)
	files := make([]string, 0, len(modules))
	for f := range modules {
		files = append(files, f)
	}
	sort.Strings(files)

	seen := map[string]string{}
	for _, file := range files {
		m := modules[file]
		t.Run(file, func(t *testing.T) {
			dir, base := path.Split(strings.TrimPrefix(file, "/"))
			dir = strings.TrimSuffix(dir, "/")
			pkg := strings.TrimPrefix(m.Package.Path.String(), "data.")
			if want := "nachweis." + dir + "." + strings.TrimSuffix(base, ".rego"); pkg != want {
				t.Errorf("package %s, want %s (directory plus file name)", pkg, want)
			}
			var pkgAnnotations []*ast.Annotations
			for _, a := range m.Annotations {
				if a.Scope == "package" {
					pkgAnnotations = append(pkgAnnotations, a)
				}
			}
			if dir == "lib" {
				for _, a := range pkgAnnotations {
					if _, ok := a.Custom["id"]; ok {
						t.Errorf("library package %s declares a check id", pkg)
					}
				}
				return
			}
			if _, err := fs.Stat(policies.FS, strings.TrimSuffix(strings.TrimPrefix(file, "/"), ".rego")+"_test.rego"); err != nil {
				t.Errorf("no _test.rego beside %s: %v", file, err)
			}
			if len(pkgAnnotations) != 1 {
				t.Fatalf("%d package METADATA blocks, want 1", len(pkgAnnotations))
			}
			a := pkgAnnotations[0]
			if strings.TrimSpace(a.Title) == "" || strings.TrimSpace(a.Description) == "" {
				t.Errorf("METADATA title and description must not be empty")
			}
			str := func(key string) string {
				s, ok := a.Custom[key].(string)
				if !ok || strings.TrimSpace(s) == "" {
					t.Errorf("METADATA custom.%s: want a non-empty string, got %#v", key, a.Custom[key])
				}
				return s
			}
			list := func(key string) []string {
				raw, ok := a.Custom[key].([]any)
				if !ok || len(raw) == 0 {
					t.Errorf("METADATA custom.%s: want a non-empty list, got %#v", key, a.Custom[key])
				}
				var out []string
				for _, v := range raw {
					s, ok := v.(string)
					if !ok || s == "" {
						t.Errorf("METADATA custom.%s: want strings, got %#v", key, v)
					}
					out = append(out, s)
				}
				return out
			}
			id := str("id")
			severity := str("severity")
			measures := list("measures")
			requires := list("requires")
			str("title_de")
			str("description_de")

			if !slices.Contains([]string{"low", "medium", "high", "critical"}, severity) {
				t.Errorf("severity %q: want low, medium, high or critical", severity)
			}
			for _, k := range requires {
				if !requireKeys[k] {
					t.Errorf("requires key %q is not one of the keys listed in CONTRACT.md", k)
				}
			}
			if prev, dup := seen[id]; dup {
				t.Errorf("check id %s already used by %s", id, prev)
			}
			seen[id] = file

			want, ok := contract[id]
			if !ok {
				t.Fatalf("check id %s is not in the CONTRACT.md table", id)
			}
			if pkg != want.pkg {
				t.Errorf("check %s: package %s, CONTRACT.md says %s", id, pkg, want.pkg)
			}
			if severity != want.severity {
				t.Errorf("check %s: severity %s, CONTRACT.md says %s", id, severity, want.severity)
			}
			if !slices.Equal(measures, want.measures) {
				t.Errorf("check %s: measures %v, CONTRACT.md says %v", id, measures, want.measures)
			}

			hasResults := false
			for _, r := range m.Rules {
				if r.Head.Ref().String() == "results" {
					hasResults = true
				}
			}
			if !hasResults {
				t.Errorf("check %s defines no results rule", id)
			}
		})
	}

	var got, want []string
	for id := range seen {
		got = append(got, id)
	}
	for id := range contract {
		want = append(want, id)
	}
	sort.Strings(got)
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Errorf("check ids %v, CONTRACT.md lists %v", got, want)
	}
}

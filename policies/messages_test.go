package policies

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/loader"
	"github.com/open-policy-agent/opa/v1/tester"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/controls/l10n"
)

// resultTracer records every element a check's results rule produces
// while the Rego tests run: the rule's head with the body's bindings
// plugged in, keyed by the check's package.
type resultTracer struct {
	checks map[string]bool // packages of checks, "data.nachweis.backup.freshness"
	mu     sync.Mutex
	got    map[string][]ast.Value
}

func (t *resultTracer) Enabled() bool { return true }

func (t *resultTracer) Config() topdown.TraceConfig { return topdown.TraceConfig{PlugLocalVars: true} }

func (t *resultTracer) TraceEvent(e topdown.Event) {
	if e.Op != topdown.ExitOp || e.Locals == nil {
		return
	}
	r, ok := e.Node.(*ast.Rule)
	if !ok || r.Module == nil || r.Head.Key == nil || r.Head.Ref().String() != "results" {
		return
	}
	pkg := r.Module.Package.Path.String()
	if !t.checks[pkg] {
		return
	}
	v, err := ast.TransformVars(r.Head.Key.Value, func(v ast.Var) (ast.Value, error) {
		if x := e.Locals.Get(v); x != nil {
			return x, nil
		}
		return v, nil
	})
	val, ok := v.(ast.Value)
	if err != nil || !ok || !val.IsGround() {
		return
	}
	t.mu.Lock()
	t.got[pkg] = append(t.got[pkg], val)
	t.mu.Unlock()
}

// TestRegoResultMessages runs the Rego tests and checks every result
// they make a check produce, as the engine would: each message, expected
// and measured value is a message object (never a plain string: the
// embedded checks are German and English) whose id the check's
// catalogue knows and whose arguments its templates find, in both
// languages. So a message that only the fixtures of a Rego test reach
// cannot ship broken.
func TestRegoResultMessages(t *testing.T) {
	ctx := context.Background()
	e, err := NewEngine(ctx, EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	byPkg := map[string]*Check{}
	tr := &resultTracer{checks: map[string]bool{}, got: map[string][]ast.Value{}}
	for _, c := range e.Checks() {
		pkg := "data." + c.Package
		byPkg[pkg] = c
		tr.checks[pkg] = true
	}
	roots, err := fs.Glob(FS, "*")
	if err != nil {
		t.Fatal(err)
	}
	res, err := loader.NewFileLoader().WithFS(FS).WithProcessAnnotation(true).
		WithRegoVersion(ast.RegoV1).Filtered(roots, func(string, os.FileInfo, int) bool { return false })
	if err != nil {
		t.Fatal(err)
	}
	ch, err := tester.NewRunner().SetCompiler(ast.NewCompiler()).SetModules(res.ParsedModules()).
		SetCoverageQueryTracer(tr).RunTests(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for range ch {
	}
	pkgs := make([]string, 0, len(tr.got))
	for pkg := range tr.got {
		pkgs = append(pkgs, pkg)
	}
	sort.Strings(pkgs)
	for _, pkg := range byPkg {
		if len(tr.got["data."+pkg.Package]) == 0 {
			t.Errorf("check %s: the Rego tests produced no results to check", pkg.ID)
		}
	}
	for _, pkg := range pkgs {
		c := byPkg[pkg]
		seen := map[string]bool{}
		for _, v := range tr.got[pkg] {
			s := v.String()
			if seen[s] {
				continue
			}
			seen[s] = true
			obj, err := ast.JSON(v)
			if err != nil {
				t.Errorf("%s: result %s: %v", c.ID, s, err)
				continue
			}
			if err := checkResultMessages(obj, c); err != nil {
				t.Errorf("%s (%s): %v\nresult: %s", c.ID, c.Policy, err, s)
			}
		}
	}
}

// checkResultMessages validates the message fields of one result of c.
func checkResultMessages(raw any, c *Check) error {
	obj, ok := raw.(map[string]any)
	if !ok {
		return fmt.Errorf("result is %T, want an object", raw)
	}
	for _, key := range []string{"message", "expected", "measured"} {
		v, present := obj[key]
		if !present {
			if key == "message" {
				return fmt.Errorf("no message")
			}
			continue
		}
		if _, plain := v.(string); plain {
			return fmt.Errorf("%s is a plain string: the embedded checks emit message ids", key)
		}
		m, err := resultMessage(v, c)
		if err != nil {
			return fmt.Errorf("%s: %w", key, err)
		}
		if err := exactArgs(v, c); err != nil {
			return fmt.Errorf("%s: %w", key, err)
		}
		if err := wellFormed(m); err != nil {
			return fmt.Errorf("%s %s: %w", key, m.ID, err)
		}
	}
	return nil
}

// exactArgs checks that a message and every message nested in it have
// the arguments their templates use and no others: an argument no
// template shows is a fact the documents silently drop, or the trace of
// a merge gone wrong (object.union merges the args of two messages).
func exactArgs(raw any, c *Check) error {
	id, args, err := l10n.SplitMessage(raw)
	if err != nil {
		return err
	}
	t, ok := c.Message(id)
	if !ok {
		return fmt.Errorf("unknown message id %q", id)
	}
	want := map[string]bool{}
	for _, n := range t.Names() {
		want[n] = true
	}
	for name, v := range args {
		if !want[name] {
			return fmt.Errorf("message %s: argument %s is not used by its template", id, name)
		}
		for _, x := range nestedMessages(v) {
			if err := exactArgs(x, c); err != nil {
				return fmt.Errorf("message %s: argument %s: %w", id, name, err)
			}
		}
	}
	return nil
}

// nestedMessages are the message objects an argument holds: itself, or
// the items of a list.
func nestedMessages(v any) []any {
	switch x := v.(type) {
	case map[string]any:
		if _, ok := x["id"]; ok {
			return []any{x}
		}
	case []any:
		var out []any
		for _, e := range x {
			out = append(out, nestedMessages(e)...)
		}
		return out
	}
	return nil
}

// wellFormed catches texts that rendered but read badly: empty, with
// whitespace at the ends or doubled, or with a verb of Go's fmt.
func wellFormed(m controls.Message) error {
	for lang, s := range map[string]string{"de": m.Text.DE, "en": m.Text.EN} {
		switch {
		case strings.TrimSpace(s) == "":
			return fmt.Errorf("%s text is empty", lang)
		case strings.TrimSpace(s) != s, strings.Contains(s, "  "):
			return fmt.Errorf("%s text %q has stray spaces", lang, s)
		case strings.Contains(s, "%!"), strings.Contains(s, "%s"), strings.Contains(s, "%d"):
			return fmt.Errorf("%s text %q has a formatting verb", lang, s)
		}
	}
	return nil
}

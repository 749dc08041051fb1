package policies

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/loader"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/controls/l10n"
)

// Check is a compiled check: its metadata and its prepared query.
type Check struct {
	ID          string
	Title       controls.Text
	Description controls.Text
	Severity    controls.Severity
	Measures    []string
	// Requires lists the input keys (e.g. kubernetes.networkpolicies)
	// without which the check cannot be assessed.
	Requires []string
	// Package is the Rego package path, e.g. nachweis.kubernetes.netpol_default_deny.
	Package string
	// Policy is the policy file as shown to users, e.g.
	// policies/kubernetes/netpol_default_deny.rego.
	Policy string
	Line   int

	// messages are the check's own message templates (METADATA
	// custom.messages); lookup finds an id there, else in the shared
	// catalogue.
	messages map[string]*l10n.Template
	lookup   l10n.Lookup

	query rego.PreparedEvalQuery
	// reads are the top-level input keys the check's rules can read;
	// readsAll is set when they cannot be told (inputReads).
	reads    map[string]bool
	readsAll bool
}

// beforeKubernetes reports whether the check neither reads nor requires
// Kubernetes evidence, so that it can be evaluated while that evidence is
// still being projected.
func (c *Check) beforeKubernetes() bool {
	if c.readsAll || c.reads["kubernetes"] {
		return false
	}
	for _, k := range c.Requires {
		if strings.HasPrefix(k, "kubernetes.") {
			return false
		}
	}
	return true
}

// Messages returns the check's own message templates by id.
func (c *Check) Messages() map[string]*l10n.Template { return c.messages }

// Message looks up a message id as the check's results do: the check's
// own catalogue first, then the shared one.
func (c *Check) Message(id string) (*l10n.Template, bool) { return c.lookup(id) }

// Engine holds all policies compiled once into one compiler and one
// prepared query per check. It is safe for concurrent use.
type Engine struct {
	checks []*Check
	// shared are the message templates of the library packages
	// (METADATA custom.messages of a package without a check id), by id.
	shared  map[string]*l10n.Template
	timeout time.Duration
	maxHeap uint64
}

// SharedMessages returns the message templates of the library packages
// by id: the catalogue every check may use.
func (e *Engine) SharedMessages() map[string]*l10n.Template { return e.shared }

// EngineOptions configure which policies are loaded.
type EngineOptions struct {
	// Dirs are extra policy directories (--policy-dir, config
	// "policies") loaded beside the embedded policies.
	Dirs []string
	// FS, when set, replaces the embedded policies: every module below
	// its root (see IsModule) is loaded and named "policies/<path>", as
	// the embedded ones are. An evidence pack is evaluated again with its
	// own copy of the policies this way.
	FS fs.FS
	// CheckTimeout bounds the evaluation of each check
	// (--policy-timeout); 0 means DefaultCheckTimeout.
	CheckTimeout time.Duration
	// MaxHeap stops the evaluation when the process's heap passes it
	// while checks run (--policy-memory); 0 means DefaultMaxHeap.
	MaxHeap uint64
}

// NewEngine loads the embedded policies and any extra directories, compiles
// them into one compiler and prepares one query per check.
func NewEngine(ctx context.Context, opts EngineOptions) (*Engine, error) {
	base := opts.FS
	if base == nil {
		base = FS
	}
	modules, err := loadModules(base, opts.Dirs)
	if err != nil {
		return nil, err
	}
	c := ast.NewCompiler().WithEnablePrintStatements(false)
	c.Compile(modules)
	if c.Failed() {
		return nil, fmt.Errorf("compile policies: %w", c.Errors)
	}
	checks, shared, err := checksFromAnnotations(c)
	if err != nil {
		return nil, err
	}
	for _, ch := range checks {
		q, err := rego.New(
			rego.Query("data."+ch.Package+".results"),
			rego.Compiler(c),
		).PrepareForEval(ctx)
		if err != nil {
			return nil, fmt.Errorf("prepare check %s (%s): %w", ch.ID, ch.Policy, err)
		}
		ch.query = q
		ch.reads, ch.readsAll = inputReads(c, ch.Package)
	}
	e := &Engine{checks: checks, shared: shared, timeout: opts.CheckTimeout, maxHeap: opts.MaxHeap}
	if e.timeout <= 0 {
		e.timeout = DefaultCheckTimeout
	}
	if e.maxHeap == 0 {
		e.maxHeap = DefaultMaxHeap
	}
	return e, nil
}

// Checks returns the compiled checks sorted by id.
func (e *Engine) Checks() []*Check { return e.checks }

// Check returns the check with the given id.
func (e *Engine) Check(id string) (*Check, bool) {
	for _, c := range e.checks {
		if c.ID == id {
			return c, true
		}
	}
	return nil, false
}

// IsModule reports whether a file of a policy directory is loaded as a
// policy module: a .rego file that is not a _test.rego file.
func IsModule(name string) bool {
	base := path.Base(filepath.ToSlash(name))
	return strings.HasSuffix(base, ".rego") && !strings.HasSuffix(base, "_test.rego")
}

func loadModules(base fs.FS, dirs []string) (map[string]*ast.Module, error) {
	skipTests := func(_ string, info os.FileInfo, _ int) bool {
		return !info.IsDir() && !IsModule(info.Name())
	}
	roots, err := fs.Glob(base, "*")
	if err != nil {
		return nil, fmt.Errorf("list policies: %w", err)
	}
	res, err := loader.NewFileLoader().WithFS(base).WithProcessAnnotation(true).
		WithRegoVersion(ast.RegoV1).Filtered(roots, skipTests)
	if err != nil {
		return nil, fmt.Errorf("load policies: %w", err)
	}
	modules := map[string]*ast.Module{}
	for _, m := range res.Modules {
		modules["policies/"+m.Name] = m.Parsed
	}
	for _, dir := range dirs {
		info, err := os.Stat(dir)
		if err != nil {
			return nil, fmt.Errorf("policy directory %s: %w", dir, err)
		}
		if !info.IsDir() {
			return nil, fmt.Errorf("policy directory %s: not a directory", dir)
		}
		res, err := loader.NewFileLoader().WithProcessAnnotation(true).
			WithRegoVersion(ast.RegoV1).Filtered([]string{dir}, skipTests)
		if err != nil {
			return nil, fmt.Errorf("load policies from %s: %w", dir, err)
		}
		for _, m := range res.Modules {
			modules[filepath.ToSlash(m.Name)] = m.Parsed
		}
	}
	return modules, nil
}

// policyLocation finds the module of a package and the line of its
// results rule, so that findings point at the rule that produced them.
// Module names are the paths users see (policies/... for embedded ones).
func policyLocation(c *ast.Compiler, pkg ast.Ref) (string, int) {
	for _, name := range sortedKeys(c.Modules) {
		m := c.Modules[name]
		if !m.Package.Path.Equal(pkg) {
			continue
		}
		for _, r := range m.Rules {
			if r.Head.Name.String() == "results" || r.Head.Ref().String() == "results" {
				return name, r.Location.Row
			}
		}
		return name, m.Package.Location.Row
	}
	return "", 0
}

// checksFromAnnotations reads the package-scope METADATA of every module
// that declares a check id, and the shared message catalogue of the
// library packages. Missing or malformed fields are errors naming the
// policy file: a check without measures or severity is unusable, a
// message template that does not parse would fail at evaluation.
func checksFromAnnotations(c *ast.Compiler) ([]*Check, map[string]*l10n.Template, error) {
	var checks []*Check
	seen := map[string]string{}
	shared := map[string]*l10n.Template{}
	sharedIn := map[string]string{}
	for _, ar := range c.GetAnnotationSet().Flatten() {
		a := ar.Annotations
		if a == nil || a.Scope != "package" {
			continue
		}
		file, line := policyLocation(c, ar.Path)
		if file == "" && a.Location != nil {
			file = a.Location.File
		}
		if _, ok := a.Custom["id"]; !ok {
			// A library package, not a check: its messages are shared.
			msgs, err := parseMessages(file, a.Custom["messages"])
			if err != nil {
				return nil, nil, err
			}
			for _, id := range sortedKeys(msgs) {
				if prev, dup := sharedIn[id]; dup {
					return nil, nil, fmt.Errorf("policy %s: METADATA custom.messages.%s: message id already defined in %s", file, id, prev)
				}
				shared[id], sharedIn[id] = msgs[id], file
			}
			continue
		}
		ch := &Check{
			Package: strings.TrimPrefix(ar.Path.String(), "data."),
			Policy:  file,
			Line:    line,
			Title:   controls.Text{EN: a.Title},
			Description: controls.Text{
				EN: a.Description,
			},
		}
		var err error
		get := func(key string) string {
			s, ok := a.Custom[key].(string)
			if (!ok || s == "") && err == nil {
				err = fmt.Errorf("policy %s: METADATA custom.%s: expected a non-empty string", file, key)
			}
			return s
		}
		list := func(key string) []string {
			raw, ok := a.Custom[key].([]any)
			if (!ok || len(raw) == 0) && err == nil {
				err = fmt.Errorf("policy %s: METADATA custom.%s: expected a non-empty list", file, key)
			}
			out := make([]string, 0, len(raw))
			for _, v := range raw {
				s, ok := v.(string)
				if !ok && err == nil {
					err = fmt.Errorf("policy %s: METADATA custom.%s: expected strings, got %v", file, key, v)
				}
				out = append(out, s)
			}
			return out
		}
		ch.ID = get("id")
		ch.Severity = controls.Severity(get("severity"))
		ch.Title.DE = get("title_de")
		ch.Description.DE = get("description_de")
		ch.Measures = list("measures")
		ch.Requires = list("requires")
		if err != nil {
			return nil, nil, err
		}
		if ch.Title.EN == "" || ch.Description.EN == "" {
			return nil, nil, fmt.Errorf("policy %s: METADATA title and description are required", file)
		}
		if !ch.Severity.Valid() {
			return nil, nil, fmt.Errorf("policy %s: METADATA custom.severity: expected low, medium, high or critical, got %q", file, ch.Severity)
		}
		if prev, dup := seen[ch.ID]; dup {
			return nil, nil, fmt.Errorf("policy %s: check id %s already defined in %s", file, ch.ID, prev)
		}
		if ch.messages, err = parseMessages(file, a.Custom["messages"]); err != nil {
			return nil, nil, err
		}
		seen[ch.ID] = file
		checks = append(checks, ch)
	}
	for _, ch := range checks {
		for _, id := range sortedKeys(ch.messages) {
			if prev, dup := sharedIn[id]; dup {
				return nil, nil, fmt.Errorf("policy %s: METADATA custom.messages.%s: message id already defined in the shared catalogue (%s); choose another id", ch.Policy, id, prev)
			}
		}
		own := ch.messages
		ch.lookup = func(id string) (*l10n.Template, bool) {
			if t, ok := own[id]; ok {
				return t, true
			}
			t, ok := shared[id]
			return t, ok
		}
	}
	sort.Slice(checks, func(i, j int) bool { return checks[i].ID < checks[j].ID })
	return checks, shared, nil
}

// parseMessages reads METADATA custom.messages: a map of message id to
// {de: "…", en: "…"}, each a template in the syntax of l10n (typed
// placeholders). Every template is parsed here, once, so that a broken
// one is an error naming the policy and id when the policies load.
func parseMessages(file string, raw any) (map[string]*l10n.Template, error) {
	if raw == nil {
		return nil, nil
	}
	m, ok := raw.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("policy %s: METADATA custom.messages: expected a map of message id to {de, en}, got %T", file, raw)
	}
	out := make(map[string]*l10n.Template, len(m))
	for _, id := range sortedKeys(m) {
		if !messageID.MatchString(id) {
			return nil, fmt.Errorf("policy %s: METADATA custom.messages.%s: the id must be lower case letters, digits and _, starting with a letter", file, id)
		}
		texts, ok := m[id].(map[string]any)
		de, okDE := texts["de"].(string)
		en, okEN := texts["en"].(string)
		if !ok || !okDE || !okEN || len(texts) != 2 {
			return nil, fmt.Errorf("policy %s: METADATA custom.messages.%s: expected {de: \"…\", en: \"…\"} (both languages, nothing else)", file, id)
		}
		t, err := l10n.Parse(de, en)
		if err != nil {
			return nil, fmt.Errorf("policy %s: METADATA custom.messages.%s: %w", file, id, err)
		}
		out[id] = t
	}
	return out, nil
}

// messageID is the form of a message id.
var messageID = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

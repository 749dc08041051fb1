package main

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"

	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/config"
	"github.com/nachweis/nachweis/evidence/scaletest"
	"github.com/nachweis/nachweis/policies"
)

//go:embed plain.rego
var plainPolicy []byte

// opaInputs are the files opa eval reads.
type opaInputs struct {
	PlainPolicy string `json:"plain_policy"` // plain.rego
	Raw         string `json:"raw"`          // the raw Kubernetes lists as one document
	RawBytes    int    `json:"raw_bytes"`
	Policies    string `json:"policies"`  // nachweis's checks (not their tests)
	Projected   string `json:"projected"` // the input nachweis projects
	ProjBytes   int    `json:"projected_bytes"`
	Query       string `json:"query"` // every check's results, keyed by check id
}

// writeOPAInputs writes what the two opa eval commands read: the raw
// collected Kubernetes JSON of the bundle combined into one document, as
// conftest --combine or jq -s would give a user (each List under its file
// name: input.pods.items, input.namespaces.items, ...), the plain policy,
// nachweis's own checks, and the input nachweis builds from the bundle.
func writeOPAInputs(ctx context.Context, dir string, p *provider) (*opaInputs, error) {
	in := &opaInputs{
		PlainPolicy: filepath.Join(dir, "plain.rego"),
		Raw:         filepath.Join(dir, fmt.Sprintf("raw-%d.json", p.Tenants)),
		Policies:    filepath.Join(dir, "policies"),
		Projected:   filepath.Join(dir, fmt.Sprintf("input-%d.json", p.Tenants)),
	}
	if err := os.WriteFile(in.PlainPolicy, plainPolicy, 0o600); err != nil {
		return nil, err
	}
	b, err := evidence.Open(p.Bundle)
	if err != nil {
		return nil, err
	}
	var raw bytes.Buffer
	raw.WriteByte('{')
	for _, s := range b.Manifest.Sources {
		if s.Kind != "kubernetes" {
			continue
		}
		for _, f := range s.Files {
			if f.Kind != evidence.KindKubernetesList {
				continue
			}
			data, err := b.ReadFile(f.Path)
			if err != nil {
				return nil, err
			}
			if raw.Len() > 1 {
				raw.WriteByte(',')
			}
			fmt.Fprintf(&raw, "%q:", strings.TrimSuffix(path.Base(f.Path), ".json"))
			raw.Write(data)
		}
	}
	raw.WriteByte('}')
	in.RawBytes = raw.Len()
	if err := os.WriteFile(in.Raw, raw.Bytes(), 0o600); err != nil {
		return nil, err
	}
	raw = bytes.Buffer{}

	cfg, err := config.Load(p.Config)
	if err != nil {
		return nil, err
	}
	input, err := policies.BuildInput(b, cfg, scaletest.Now())
	if err != nil {
		return nil, err
	}
	data, err := json.Marshal(input)
	if err != nil {
		return nil, err
	}
	in.ProjBytes = len(data)
	if err := os.WriteFile(in.Projected, data, 0o600); err != nil {
		return nil, err
	}

	if err := os.RemoveAll(in.Policies); err != nil {
		return nil, err
	}
	err = fs.WalkDir(policies.FS, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !policies.IsModule(name) {
			return err
		}
		src, err := fs.ReadFile(policies.FS, name)
		if err != nil {
			return err
		}
		to := filepath.Join(in.Policies, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(to), 0o700); err != nil {
			return err
		}
		return os.WriteFile(to, src, 0o600)
	})
	if err != nil {
		return nil, fmt.Errorf("write the policies for opa: %w", err)
	}
	e, err := policies.NewEngine(ctx, policies.EngineOptions{})
	if err != nil {
		return nil, err
	}
	var q []string
	for _, c := range e.Checks() {
		q = append(q, fmt.Sprintf("%q: [r | some r in data.%s.results]", c.ID, c.Package))
	}
	in.Query = "{" + strings.Join(q, ", ") + "}"
	return in, nil
}

// opaCount runs an opa eval once, untimed, and counts what its query
// returned: the elements of an array, or of every array in an object.
func opaCount(c command) (int, error) {
	cmd := exec.Command(c.argv[0], c.argv[1:]...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("%s: %w: %s", c.name, err, stderr.String())
	}
	var res struct {
		Result []struct {
			Expressions []struct {
				Value any `json:"value"`
			} `json:"expressions"`
		} `json:"result"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		return 0, fmt.Errorf("%s: read the result: %w", c.name, err)
	}
	if len(res.Result) == 0 || len(res.Result[0].Expressions) == 0 {
		return 0, fmt.Errorf("%s: the query is undefined", c.name)
	}
	switch v := res.Result[0].Expressions[0].Value.(type) {
	case []any:
		return len(v), nil
	case map[string]any:
		n := 0
		for _, l := range v {
			if a, ok := l.([]any); ok {
				n += len(a)
			}
		}
		return n, nil
	}
	return 0, fmt.Errorf("%s: unexpected result", c.name)
}

package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/scaletest"
)

// provider is a generated provider on disk.
type provider struct {
	Tenants   int    `json:"tenants"`
	Bundle    string `json:"bundle"` // dir/tenants-<n>/bundle
	Config    string `json:"config"` // dir/tenants-<n>/nachweis.yaml
	Digest    string `json:"digest"`
	Objects   int    `json:"objects"`
	Snapshots int    `json:"snapshots"`
	RawBytes  int    `json:"raw_bytes"`
}

// prepared is what the preparing child process made: dir/prepared.json.
type prepared struct {
	Providers []*provider `json:"providers"`
	OPA       *opaInputs  `json:"opa"`
}

func (p *prepared) provider(n int) *provider {
	for _, x := range p.Providers {
		if x.Tenants == n {
			return x
		}
	}
	return nil
}

func (p *prepared) write(dir string) error {
	raw, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "prepared.json"), raw, 0o600)
}

func readPrepared(dir string) (*prepared, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "prepared.json"))
	if err != nil {
		return nil, err
	}
	var p prepared
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, fmt.Errorf("read prepared.json: %w", err)
	}
	return &p, nil
}

// generate writes the provider of n tenants to dir/tenants-n, or with
// reuse keeps one written there before (recorded in its stamp.json).
func generate(dir string, n int, reuse bool) (*provider, error) {
	pdir := filepath.Join(dir, fmt.Sprintf("tenants-%d", n))
	stampPath := filepath.Join(pdir, "stamp.json")
	var p provider
	if raw, err := os.ReadFile(stampPath); reuse && err == nil && json.Unmarshal(raw, &p) == nil {
		if b, err := evidence.Open(p.Bundle); err == nil && b.Digest == p.Digest && p.Tenants == n {
			return &p, nil
		}
	}
	os.Remove(stampPath)
	f, err := scaletest.Write(pdir, n)
	if err != nil {
		return nil, fmt.Errorf("generate %d tenants: %w", n, err)
	}
	p = provider{Tenants: n, Bundle: f.BundleDir, Config: f.ConfigPath, Digest: f.Bundle.Digest, Objects: f.Objects, Snapshots: f.Snapshots, RawBytes: f.RawBytes}
	raw, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(stampPath, raw, 0o600); err != nil {
		return nil, err
	}
	return &p, nil
}

// now is the evaluation clock of every generated provider.
func now() string { return scaletest.Now().Format("2006-01-02T15:04:05Z07:00") }

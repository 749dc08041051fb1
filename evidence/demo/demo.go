package demo

import (
	"embed"
	"fmt"
	"io/fs"

	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/attest"
	"github.com/nachweis/nachweis/evidence/config"
)

//go:embed all:data
var data embed.FS

// ConfigName is the name the demo configuration reports in messages.
const ConfigName = "demo/nachweis.yaml"

// FS returns the demo data: nachweis.yaml, bundle/, attestations/ and
// exceptions/.
func FS() (fs.FS, error) {
	sub, err := fs.Sub(data, "data")
	if err != nil {
		return nil, fmt.Errorf("open demo data: %w", err)
	}
	return sub, nil
}

// Bundle opens the embedded demo evidence bundle.
func Bundle() (*evidence.Bundle, error) {
	sub, err := fs.Sub(data, "data/bundle")
	if err != nil {
		return nil, fmt.Errorf("open demo bundle: %w", err)
	}
	b, err := evidence.OpenFS(sub)
	if err != nil {
		return nil, fmt.Errorf("open demo bundle: %w", err)
	}
	return b, nil
}

// Config parses the demo configuration, with the exclusions of the demo
// SoA recorded as scope decisions (config.WithSoA), as every evaluation
// of the demo reads it.
func Config() (*config.Config, error) {
	raw, err := fs.ReadFile(data, "data/nachweis.yaml")
	if err != nil {
		return nil, fmt.Errorf("read demo configuration: %w", err)
	}
	c, err := config.Parse(ConfigName, raw)
	if err != nil {
		return nil, err
	}
	soa, err := SoA()
	if err != nil {
		return nil, err
	}
	return c.WithSoA(soa), nil
}

// Records loads the demo attestations and exceptions.
func Records() (*attest.Set, error) {
	sub, err := FS()
	if err != nil {
		return nil, err
	}
	return attest.LoadFS(sub, "attestations", "exceptions")
}

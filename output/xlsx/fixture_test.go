package xlsx

import (
	"bytes"
	"context"
	"sync"
	"testing"
	"time"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence/config"
	"github.com/nachweis/nachweis/evidence/demo"
	"github.com/nachweis/nachweis/policies"
)

// demoNow is the fixed evaluation clock of the demo.
var demoNow = time.Date(2026, 11, 23, 19, 0, 0, 0, time.UTC)

var demoOnce struct {
	sync.Once
	res   *controls.Results
	model *controls.Model
	soa   *config.SoA
	cfg   *config.Config
	err   error
}

// demoFixture evaluates the embedded demo once per test binary, like
// nachweis check --demo does.
func demoFixture(tb testing.TB) (*controls.Results, *controls.Model, *config.SoA) {
	tb.Helper()
	demoOnce.Do(func() {
		d := &demoOnce
		ctx := context.Background()
		engine, err := policies.NewEngine(ctx, policies.EngineOptions{})
		if err != nil {
			d.err = err
			return
		}
		bundle, err := demo.Bundle()
		if err != nil {
			d.err = err
			return
		}
		cfg, err := demo.Config()
		if err != nil {
			d.err = err
			return
		}
		d.cfg = cfg
		records, err := demo.Records()
		if err != nil {
			d.err = err
			return
		}
		if d.model, err = controls.Load(); err != nil {
			d.err = err
			return
		}
		if d.soa, err = demo.SoA(); err != nil {
			d.err = err
			return
		}
		d.res, d.err = engine.Run(ctx, policies.RunOptions{
			Bundle: bundle, Config: cfg, Records: records, Model: d.model,
			Now: demoNow, ToolVersion: "0.1.0-test",
		})
	})
	if demoOnce.err != nil {
		tb.Fatalf("evaluate demo: %v", demoOnce.err)
	}
	return demoOnce.res, demoOnce.model, demoOnce.soa
}

// demoConfig is the demo's configuration the fixture was evaluated with.
func demoConfig(tb testing.TB) *config.Config {
	tb.Helper()
	demoFixture(tb)
	return demoOnce.cfg
}

func demoMeta() Meta {
	return Meta{Organisation: "Beispiel Cloud GmbH", Classification: "Vertraulich – nur für den Auftraggeber"}
}

func renderSoA(tb testing.TB, lang string) []byte {
	tb.Helper()
	res, m, soa := demoFixture(tb)
	var buf bytes.Buffer
	if err := WriteSoA(&buf, SoAInput{Results: res, Model: m, Declared: soa, Lang: lang, Meta: demoMeta()}); err != nil {
		tb.Fatalf("WriteSoA: %v", err)
	}
	return buf.Bytes()
}

func renderMatrix(tb testing.TB, fw, lang string) []byte {
	tb.Helper()
	res, m, _ := demoFixture(tb)
	var buf bytes.Buffer
	if err := WriteMatrix(&buf, MatrixInput{Framework: fw, Results: res, Model: m, Config: demoOnce.cfg, Lang: lang, Meta: demoMeta()}); err != nil {
		tb.Fatalf("WriteMatrix: %v", err)
	}
	return buf.Bytes()
}

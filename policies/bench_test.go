package policies

import (
	"context"
	"testing"
	"time"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence/demo"
)

// BenchmarkCheckDemo measures one full evaluation of the demo provider with
// a compiled engine: projection, conversion to OPA, every check,
// exceptions, attestations and aggregation to all three frameworks.
func BenchmarkCheckDemo(b *testing.B) {
	ctx := context.Background()
	e, err := NewEngine(ctx, EngineOptions{})
	if err != nil {
		b.Fatal(err)
	}
	opt := demoRunOptions(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := e.Run(ctx, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewEngine measures loading and compiling all policies and
// preparing every query, which happens once per process.
func BenchmarkNewEngine(b *testing.B) {
	ctx := context.Background()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := NewEngine(ctx, EngineOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func demoRunOptions(tb testing.TB) RunOptions {
	tb.Helper()
	bundle, err := demo.Bundle()
	if err != nil {
		tb.Fatal(err)
	}
	cfg, err := demo.Config()
	if err != nil {
		tb.Fatal(err)
	}
	records, err := demo.Records()
	if err != nil {
		tb.Fatal(err)
	}
	model, err := controls.Load()
	if err != nil {
		tb.Fatal(err)
	}
	return RunOptions{
		Bundle:  bundle,
		Config:  cfg,
		Records: records,
		Model:   model,
		Now:     time.Date(2026, 11, 23, 19, 0, 0, 0, time.UTC),
	}
}

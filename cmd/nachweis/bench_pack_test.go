package main

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/nachweis/nachweis/evidence/scaletest"
)

// BenchmarkPackScale packs and verifies the synthetic provider of 2,000
// tenants (evidence/scaletest: ~90k Kubernetes objects, 10k restic
// snapshots) as `nachweis pack` and `nachweis verify` do: pack evaluates
// the packed copies once and renders every document in German and
// English, results.json and the OSCAL files; verify hashes every file,
// checks the signature and evaluates the packed evidence again. It reports
// the time per run, the process's peak resident memory (peak-MB) and the
// size of the pack (pack-MB).
//
//	go test ./cmd/nachweis -run '^$' -bench PackScale -benchtime 1x
//
// NACHWEIS_SCALE_DIR=DIR keeps the generated provider and the pack in DIR.
func BenchmarkPackScale(b *testing.B) {
	const tenants = 2000
	dir := b.TempDir()
	if keep := os.Getenv("NACHWEIS_SCALE_DIR"); keep != "" {
		dir = filepath.Join(keep, "pack-scale")
		if err := os.MkdirAll(dir, 0o700); err != nil {
			b.Fatal(err)
		}
	}
	f := scaletest.Generate(b, dir, tenants)
	priv, pub := testKeys(b)
	out := filepath.Join(dir, "pack.zip")
	now := f.Now.Format(time.RFC3339)
	f = nil
	measure := func(b *testing.B, args ...string) {
		runtime.GC()
		peakReset := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
		b.ResetTimer()
		start := time.Now()
		for i := 0; i < b.N; i++ {
			if stdout, errOut, code := nachweis(b, nil, args...); code != exitOK {
				b.Fatalf("%s exit %d: %s%s", args[0], code, stdout, errOut)
			}
		}
		b.StopTimer()
		b.ReportMetric(time.Since(start).Seconds()/float64(b.N), "s/op")
		if kb, ok := peakRSSKB(); ok && peakReset {
			b.ReportMetric(float64(kb)/1024, "peak-MB")
		}
		if info, err := os.Stat(out); err == nil {
			b.ReportMetric(float64(info.Size())/(1<<20), "pack-MB")
		}
	}
	b.Run("pack", func(b *testing.B) {
		measure(b, "pack", "--bundle", filepath.Join(dir, "bundle"), "--config", filepath.Join(dir, "nachweis.yaml"),
			"--now", now, "--sign-key", priv, "-o", out)
	})
	b.Run("verify", func(b *testing.B) {
		measure(b, "verify", out, "--key", pub)
	})
}

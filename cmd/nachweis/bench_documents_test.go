package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nachweis/nachweis/evidence/scaletest"
)

// BenchmarkTOMAllTenants renders the TOM annex of every tenant of a
// synthetic provider of 500 tenants (evidence/scaletest: ~21k Kubernetes
// objects and restic snapshots per tenant), as `nachweis tom --all-tenants`
// does: the checks run once, then one PDF per tenant on every core. It
// reports the peak resident memory of the process (peak-MB) and the time
// per annex.
//
//	go test ./cmd/nachweis -run '^$' -bench TOMAllTenants -benchtime 1x
func BenchmarkTOMAllTenants(b *testing.B) {
	const tenants = 500
	f := scaletest.Generate(b, b.TempDir(), tenants)
	out := b.TempDir()
	runtime.GC()
	peakReset := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		dir := filepath.Join(out, strconv.Itoa(i))
		_, errOut, code := nachweis(b, nil, "tom", "--bundle", f.BundleDir, "--config", f.ConfigPath,
			"--all-tenants", "--lang", "de", "--now", f.Now.Format(time.RFC3339), "-o", dir)
		if code != exitOK {
			b.Fatalf("tom --all-tenants exit %d: %s", code, errOut)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != tenants {
			b.Fatalf("wrote %d annexes, want %d", len(entries), tenants)
		}
	}
	b.StopTimer()
	b.ReportMetric(time.Since(start).Seconds()/float64(b.N*tenants)*1000, "ms/annex")
	if kb, ok := peakRSSKB(); ok && peakReset {
		b.ReportMetric(float64(kb)/1024, "peak-MB")
	}
}

// peakRSSKB reads the process's peak resident set size (VmHWM).
func peakRSSKB() (int64, bool) {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb, err == nil
		}
	}
	return 0, false
}

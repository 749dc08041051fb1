package policies

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence/scaletest"
)

// The scale benchmark checks the DESIGN.md target: a provider of 2,000
// tenant namespaces (~90k Kubernetes objects, 10k backup snapshots) is
// checked in ≤3 s and ≤500 MB. scaletest.Generate writes a synthetic but
// realistic bundle with evidence.Write: kubectl get -o json Lists, restic
// snapshots --json arrays with a tag per tenant, and a configuration that
// names every tenant. Some tenants fail on purpose in ways the generator
// records (scaletest.Want), so TestCheckScaleSmall can prove that what it
// generates is read as intended.

// scaleRunOptions returns the options to check a generated provider.
func scaleRunOptions(tb testing.TB, f *scaletest.Fixture) RunOptions {
	tb.Helper()
	model, err := controls.Load()
	if err != nil {
		tb.Fatal(err)
	}
	return RunOptions{Bundle: f.Bundle, Config: f.Config, Model: model, Now: f.Now, ToolVersion: scaletest.ToolVersion}
}

// BenchmarkCheckScale checks generated providers of growing size with one
// compiled engine: reading and projecting the bundle, conversion to OPA,
// every check and the aggregation. ns/tenant stays flat when the check is
// linear in the provider's size. peak-RSS-MB is the process's peak
// resident memory during the timed runs (Linux only: the peak is reset
// after generating the bundle); cpu-s/op is the CPU time per check (both
// cores and the garbage collector). With NACHWEIS_SCALE_DIR set, the bundles
// and configurations are kept in that directory (tenants-<n>/bundle,
// tenants-<n>/nachweis.yaml), e.g. to time nachweis check on them.
func BenchmarkCheckScale(b *testing.B) {
	ctx := context.Background()
	e, err := NewEngine(ctx, EngineOptions{})
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{200, 1000, 2000} {
		b.Run(fmt.Sprintf("tenants=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			if keep := os.Getenv("NACHWEIS_SCALE_DIR"); keep != "" {
				dir = filepath.Join(keep, fmt.Sprintf("tenants-%d", n))
				if err := os.MkdirAll(dir, 0o700); err != nil {
					b.Fatal(err)
				}
			}
			f := scaletest.Generate(b, dir, n)
			opt := scaleRunOptions(b, f)
			runtime.GC()
			debug.FreeOSMemory()
			peak := resetPeakRSS()
			cpu0 := cpuTime()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.Run(ctx, opt); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/tenant")
			if cpu0 > 0 {
				b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
			}
			b.ReportMetric(float64(f.Objects), "objects")
			b.ReportMetric(float64(f.Snapshots), "snapshots")
			b.ReportMetric(float64(f.RawBytes)/1e6, "raw-MB")
			if peak {
				if kb, ok := peakRSSKB(); ok {
					b.ReportMetric(float64(kb)/1024, "peak-RSS-MB")
				}
			}
		})
	}
}

// cpuTime is the user and system CPU time of the process so far (all
// goroutines, the garbage collector included), from /proc/self/stat in
// clock ticks of 10ms; 0 when unknown. On a shared machine it varies less
// than wall time.
func cpuTime() time.Duration {
	raw, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0
	}
	// The fields after the command name (which ends with ')'): state is
	// the first, utime the 12th and stime the 13th.
	i := strings.LastIndex(string(raw), ") ")
	if i < 0 {
		return 0
	}
	fields := strings.Fields(string(raw)[i+2:])
	if len(fields) < 13 {
		return 0
	}
	utime, err1 := strconv.ParseInt(fields[11], 10, 64)
	stime, err2 := strconv.ParseInt(fields[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

// resetPeakRSS resets the kernel's record of the process's peak resident
// memory (VmHWM), so that it covers only what follows.
func resetPeakRSS() bool {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// peakRSSKB reads VmHWM from /proc/self/status.
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

// TestCheckScaleSmall runs the scale generator for 20 tenants and checks
// that the check finds exactly the defects the generator put in.
func TestCheckScaleSmall(t *testing.T) {
	const n = 20
	ctx := context.Background()
	e, err := NewEngine(ctx, EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	f := scaletest.Generate(t, t.TempDir(), n)
	res, err := e.Run(ctx, scaleRunOptions(t, f))
	if err != nil {
		t.Fatal(err)
	}
	checks := map[string]controls.CheckResult{}
	for _, c := range res.Checks {
		checks[c.ID] = c
	}
	resources := func(id string, status controls.Outcome) []string {
		c, ok := checks[id]
		if !ok {
			t.Fatalf("check %s not in the results", id)
		}
		var out []string
		for _, fd := range c.Findings {
			if fd.Status == status {
				out = append(out, fd.Resource)
			}
		}
		slices.Sort(out)
		return out
	}
	count := func(id string) int { return len(checks[id].Findings) }
	sorted := func(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }
	expect := func(what string, got, want []string) {
		t.Helper()
		if len(want) == 0 {
			t.Fatalf("%s: the generator produced no case for %d tenants", what, n)
		}
		if !slices.Equal(got, sorted(want)) {
			t.Errorf("%s:\n got %q\nwant %q", what, got, sorted(want))
		}
	}

	w := f.Want
	expect("K8S-NET-01 fail", resources("K8S-NET-01", controls.Fail), w.NetpolFail)
	if got := len(resources("K8S-NET-01", controls.Pass)); got != n-len(w.NetpolFail) || count("K8S-NET-01") != n {
		t.Errorf("K8S-NET-01: %d findings, %d pass; want %d, %d", count("K8S-NET-01"), got, n, n-len(w.NetpolFail))
	}
	expect("K8S-ING-01 fail", resources("K8S-ING-01", controls.Fail), w.IngressFail)
	if count("K8S-ING-01") != n {
		t.Errorf("K8S-ING-01: %d findings, want one per tenant Ingress (%d)", count("K8S-ING-01"), n)
	}
	expect("K8S-POD-01 fail", resources("K8S-POD-01", controls.Fail), w.Privileged)
	expect("K8S-POD-02 fail", resources("K8S-POD-02", controls.Fail), w.Privileged)
	expect("K8S-POD-03 fail", resources("K8S-POD-03", controls.Fail), w.HostNetwork)
	// Every tenant's export pods run as root; they are reported through
	// their CronJob (the Jobs are in the evidence), once per tenant, and
	// the privileged log shipper through its DaemonSet.
	rootWant := slices.Clone(w.Privileged)
	for i := range n {
		rootWant = append(rootWant, scaletest.Source+"/cronjob/"+scaletest.Namespace(i)+"/export")
	}
	expect("K8S-POD-04 fail", resources("K8S-POD-04", controls.Fail), rootWant)
	expect("K8S-AVAIL-01 fail", resources("K8S-AVAIL-01", controls.Fail), w.AvailFail)
	expect("K8S-RBAC-01 fail", resources("K8S-RBAC-01", controls.Fail), w.AdminBindings)
	if got := resources("K8S-RBAC-01", controls.Pass); len(got) != 2 {
		t.Errorf("K8S-RBAC-01 pass: got %q, want the system:masters and platform-ops bindings", got)
	}

	// Backups: stale tenants fail, tenants without any snapshot have no
	// repository mapping (no-evidence), every repository is fresh.
	expect("BAK-FRESH-01 fail", resources("BAK-FRESH-01", controls.Fail), w.StaleTenants)
	expect("BAK-FRESH-01 no-evidence", resources("BAK-FRESH-01", controls.NoEvidence), w.NoBackup)
	repos := scaletest.Repos()
	var repoResources []string
	for _, r := range repos {
		repoResources = append(repoResources, "restic/"+r.Name)
	}
	if len(f.Tenants) != n {
		t.Fatalf("generated %d tenants, want %d", len(f.Tenants), n)
	}
	// A tenant has snapshots unless the generator left it without any;
	// they are fresh unless it made them stale. Tenant i's primary copy
	// is in fsn1 or nbg1 by parity, its off-site copy in hel1.
	wantPass := slices.Clone(repoResources)
	var offsite []string
	wantSnapshots := 0
	for i, tenant := range f.Tenants {
		r := "backup/tenant/" + tenant
		if slices.Contains(w.NoBackup, r) {
			continue
		}
		offsite = append(offsite, r)
		wantSnapshots += repos[i%2].Daily + repos[2].Daily
		if !slices.Contains(w.StaleTenants, r) {
			wantPass = append(wantPass, r)
		}
	}
	expect("BAK-FRESH-01 pass", resources("BAK-FRESH-01", controls.Pass), wantPass)
	// Every tenant with backups has them at two EU sites.
	expect("BAK-OFFSITE-01 pass", resources("BAK-OFFSITE-01", controls.Pass), offsite)
	expect("BAK-ENC-01 pass", resources("BAK-ENC-01", controls.Pass), repoResources)
	expect("BAK-RET-01 pass", resources("BAK-RET-01", controls.Pass), repoResources)
	expect("BAK-INT-01 pass", resources("BAK-INT-01", controls.Pass), repoResources)

	if f.Snapshots != wantSnapshots || w.Namespaces != n {
		t.Errorf("generated %d snapshots and %d tenant namespaces, want %d and %d", f.Snapshots, w.Namespaces, wantSnapshots, n)
	}
}

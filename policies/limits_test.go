package policies

import (
	"context"
	"errors"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/nachweis/nachweis/controls"
)

func demoValue(t *testing.T) *Value {
	t.Helper()
	opt := demoRunOptions(t)
	in, err := BuildInput(opt.Bundle, opt.Config, opt.Now)
	if err != nil {
		t.Fatal(err)
	}
	v, err := Convert(in)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func noRefs(string) (controls.EvidenceRef, bool) { return controls.EvidenceRef{}, false }

// TestCheckTimeout: a custom policy that would run for hours is stopped
// by the per-check timeout with an error naming it.
func TestCheckTimeout(t *testing.T) {
	ctx := context.Background()
	e, err := NewEngine(ctx, EngineOptions{Dirs: []string{"testdata/expensive/slow"}, CheckTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = e.Evaluate(ctx, demoValue(t), time.Unix(0, 0), noRefs)
	want := "check TEST-SLOW-01 (testdata/expensive/slow/slow.rego): stopped: the evaluation took longer than 1s (--policy-timeout)"
	if err == nil || err.Error() != want {
		t.Fatalf("error = %v\nwant    %s", err, want)
	}
	// Not a timing assertion: only that it was stopped at all, long
	// before the 10^10 steps could finish.
	if d := time.Since(start); d > time.Minute {
		t.Errorf("stopping took %s", d)
	}
}

// TestCheckMemoryLimit: a custom policy that would take hundreds of GB is
// stopped when the heap passes the limit, with an error naming it.
func TestCheckMemoryLimit(t *testing.T) {
	ctx := context.Background()
	v := demoValue(t)
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	limit := sample[0].Value.Uint64() + 256<<20
	e, err := NewEngine(ctx, EngineOptions{Dirs: []string{"testdata/expensive/hog"}, MaxHeap: limit})
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.Evaluate(ctx, v, time.Unix(0, 0), noRefs)
	var le *limitError
	if !errors.As(err, &le) || !strings.HasPrefix(err.Error(), "check TEST-HOG-01 (testdata/expensive/hog/hog.rego): stopped: memory use passed ") ||
		!strings.Contains(err.Error(), "(--policy-memory) while ") {
		t.Fatalf("error = %v, want the memory limit naming TEST-HOG-01", err)
	}
	runtime.GC()
	metrics.Read(sample)
	if after := sample[0].Value.Uint64(); after > limit {
		t.Errorf("heap after the stopped evaluation is %d MiB, above the limit of %d MiB", after>>20, limit>>20)
	}
}

// TestLimitKeepsInterrupt: an interrupt during a check is returned as the
// context's error, not as a limit.
func TestLimitKeepsInterrupt(t *testing.T) {
	e, err := NewEngine(context.Background(), EngineOptions{Dirs: []string{"testdata/expensive/slow"}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	_, err = e.Evaluate(ctx, demoValue(t), time.Unix(0, 0), noRefs)
	var le *limitError
	if errors.As(err, &le) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want the caller's context error", err)
	}
}

func TestParseBytes(t *testing.T) {
	for in, want := range map[string]uint64{"4GiB": 4 << 30, "512MiB": 512 << 20, "2GB": 2e9, "1048576": 1 << 20, " 8 MiB ": 8 << 20} {
		if got, err := ParseBytes(in); err != nil || got != want {
			t.Errorf("ParseBytes(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "-1GiB", "4 gigs", "99999999999TiB"} {
		if _, err := ParseBytes(in); err == nil {
			t.Errorf("ParseBytes(%q): no error", in)
		}
	}
}

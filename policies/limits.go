package policies

import (
	"context"
	"errors"
	"fmt"
	"runtime/metrics"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Defaults of the bounds on evaluating one check (EngineOptions).
const (
	// DefaultCheckTimeout bounds one check: the embedded checks take
	// milliseconds, even on a provider of 2,000 tenants.
	DefaultCheckTimeout = 60 * time.Second
	// DefaultMaxHeap bounds the process's heap while checks run: the
	// whole check of a provider of 2,000 tenants stays under 400 MB.
	DefaultMaxHeap = 4 << 30
)

// limitError is why a check's evaluation was stopped: it ran too long or
// the heap grew too large while it ran. It names the check.
type limitError struct {
	check, policy string
	msg           string
}

func (e *limitError) Error() string {
	return fmt.Sprintf("check %s (%s): %s", e.check, e.policy, e.msg)
}

// heapWatch cancels the checks running when the heap passes max: OPA
// honours cancellation between evaluation steps and inside its costly
// built-ins, but has no memory bound of its own.
type heapWatch struct {
	max     uint64
	mu      sync.Mutex
	running map[*Check]context.CancelCauseFunc
	stop    chan struct{}
	done    chan struct{}
}

// heapInterval is how often the heap is sampled; at the rate Go can
// allocate, the heap passes the limit by at most a few hundred MB.
const heapInterval = 20 * time.Millisecond

func watchHeap(max uint64) *heapWatch {
	w := &heapWatch{max: max, running: map[*Check]context.CancelCauseFunc{}, stop: make(chan struct{}), done: make(chan struct{})}
	go w.loop()
	return w
}

func (w *heapWatch) loop() {
	defer close(w.done)
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	t := time.NewTicker(heapInterval)
	defer t.Stop()
	for {
		select {
		case <-w.stop:
			return
		case <-t.C:
		}
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 || sample[0].Value.Uint64() <= w.max {
			continue
		}
		w.mu.Lock()
		var ids []string
		for ch := range w.running {
			ids = append(ids, ch.ID)
		}
		sort.Strings(ids)
		for ch, cancel := range w.running {
			cancel(&limitError{check: ch.ID, policy: ch.Policy, msg: fmt.Sprintf(
				"stopped: memory use passed %s (--policy-memory) while %s ran", formatBytes(w.max), strings.Join(ids, " and "))})
		}
		w.mu.Unlock()
	}
}

// run bounds fn, the evaluation of ch, by the timeout and the heap
// watch. An error from a bound names the check; the parent's
// cancellation (an interrupt) is returned as it is.
func (w *heapWatch) run(ctx context.Context, ch *Check, timeout time.Duration, fn func(context.Context) error) error {
	cctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	tctx, cancelTimeout := context.WithTimeoutCause(cctx, timeout, &limitError{check: ch.ID, policy: ch.Policy,
		msg: fmt.Sprintf("stopped: the evaluation took longer than %s (--policy-timeout)", timeout)})
	defer cancelTimeout()
	w.mu.Lock()
	w.running[ch] = cancel
	w.mu.Unlock()
	err := fn(tctx)
	w.mu.Lock()
	delete(w.running, ch)
	w.mu.Unlock()
	if err == nil {
		return nil
	}
	if perr := ctx.Err(); perr != nil {
		// The caller's cancellation, as the caller's error: OPA wraps
		// it only when it sees the context done at the moment it stops.
		return perr
	}
	var le *limitError
	if errors.As(context.Cause(tctx), &le) {
		return le
	}
	return err
}

func (w *heapWatch) close() {
	close(w.stop)
	<-w.done
}

// ParseBytes reads a size such as 4GiB, 512MiB, 2GB or 1048576 (bytes).
func ParseBytes(s string) (uint64, error) {
	s = strings.TrimSpace(s)
	units := []struct {
		suffix string
		mult   uint64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12}, {"B", 1}}
	mult := uint64(1)
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil || n == 0 || n > (1<<63)/mult {
		return 0, errors.New("expected a positive size such as 4GiB, 512MiB or 2GB")
	}
	return n * mult, nil
}

func formatBytes(n uint64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}

package policies

import (
	"context"
	"time"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/config"
)

// earlyWorkers is how many checks run at once while the Kubernetes
// evidence is still being projected: one, on the core the projection
// leaves idle.
const earlyWorkers = 1

// early evaluates the checks that read no Kubernetes evidence (the backup
// and GitHub checks, Check.beforeKubernetes) while the Kubernetes
// evidence is projected: they read the same input with or without it, so
// their results are those of evaluating them afterwards. On a provider of
// thousands of tenants the Kubernetes projection is the longest step and
// runs on one core; the backup checks are a third of the evaluation.
type early struct {
	cancel context.CancelFunc
	done   chan struct{}
	// out holds the results of the checks in which, at their positions.
	out   []controls.CheckResult
	which []int
	err   error
}

// hasKubernetes reports whether the bundle has a Kubernetes source.
func hasKubernetes(b *evidence.Bundle) bool {
	for _, s := range b.Manifest.Sources {
		if s.Kind == "kubernetes" {
			return true
		}
	}
	return false
}

// startEarly starts projecting the bundle without its Kubernetes sources
// and evaluating the checks that read none, once the engine is compiled.
func startEarly(ctx context.Context, engine func() (*Engine, error), b *evidence.Bundle, cfg *config.Config, now time.Time, resolve RefResolver) *early {
	ctx, cancel := context.WithCancel(ctx)
	x := &early{cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(x.done)
		in, err := buildInput(b, cfg, now, false)
		if err != nil {
			x.err = err // the whole projection reports it (or one before it)
			return
		}
		v, err := Convert(in)
		if err != nil {
			x.err = err
			return
		}
		e, err := engine()
		if err != nil {
			x.err = err
			return
		}
		var which []int
		for i, ch := range e.checks {
			if ch.beforeKubernetes() {
				which = append(which, i)
			}
		}
		out := make([]controls.CheckResult, len(e.checks))
		if err := e.evaluateInto(ctx, v, now, resolve, which, earlyWorkers, out); err != nil {
			x.err = err
			return
		}
		x.out, x.which = out, which
	}()
	return x
}

// stop cancels the early evaluation and waits for it to end.
func (x *early) stop() {
	if x == nil {
		return
	}
	x.cancel()
	<-x.done
}

// wait waits for the early evaluation and returns which checks it
// evaluated and their results at their positions.
func (x *early) wait() ([]int, []controls.CheckResult, error) {
	<-x.done
	x.cancel()
	return x.which, x.out, x.err
}

// evaluateRest evaluates the checks pre does not (all of them without
// pre), then waits for pre, and returns every check's result in the
// order of the checks.
func (e *Engine) evaluateRest(ctx context.Context, v *Value, now time.Time, resolve RefResolver, pre *early) ([]controls.CheckResult, error) {
	if pre == nil {
		return e.Evaluate(ctx, v, now, resolve)
	}
	var rest []int
	for i, ch := range e.checks {
		if !ch.beforeKubernetes() {
			rest = append(rest, i)
		}
	}
	out := make([]controls.CheckResult, len(e.checks))
	if err := e.evaluateInto(ctx, v, now, resolve, rest, evalWorkers, out); err != nil {
		pre.stop()
		return nil, err
	}
	which, earlyOut, err := pre.wait()
	if err != nil {
		return nil, err
	}
	for _, i := range which {
		out[i] = earlyOut[i]
	}
	return out, nil
}

package policies

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/controls/l10n"
)

// RefResolver turns a projection ref ("<file>#<pointer>") into an evidence
// reference with the file's hash and collection time.
type RefResolver func(ref string) (controls.EvidenceRef, bool)

// Value is the evaluation input converted to an OPA value once, together
// with which input keys are provided.
type Value struct {
	value ast.Value
	// provided maps an input key (kubernetes.pods) to "" when at least one
	// source provides it, or to the reason it is missing.
	provided map[string]string
}

// Convert converts the input to an OPA value. It is done once per
// evaluation; every check is evaluated against the same value.
func Convert(in *Input) (*Value, error) {
	v, err := toValue(in)
	if err != nil {
		return nil, err
	}
	return &Value{value: v, provided: in.provided()}, nil
}

// evalWorkers is how many checks Evaluate runs at once. Prepared queries
// and the converted input are safe for concurrent use.
const evalWorkers = 2

// Evaluate runs every check against v with the clock fixed to now. A check
// whose required evidence is missing is no-evidence without evaluation; a
// check that yields nothing is no-evidence ("nothing in scope"). Checks are
// evaluated by up to evalWorkers goroutines; the results keep the order of
// the checks. The first error stops the evaluation.
//
// Each check is bounded by the engine's timeout, and all of them by its
// heap limit (EngineOptions): a custom policy that runs away is stopped
// with an error naming it.
func (e *Engine) Evaluate(ctx context.Context, v *Value, now time.Time, resolve RefResolver) ([]controls.CheckResult, error) {
	out := make([]controls.CheckResult, len(e.checks))
	all := make([]int, len(e.checks))
	for i := range all {
		all[i] = i
	}
	if err := e.evaluateInto(ctx, v, now, resolve, all, evalWorkers, out); err != nil {
		return nil, err
	}
	return out, nil
}

// evaluateInto evaluates the checks at the positions which (in order)
// against v on up to workers goroutines and stores each result at its
// check's position in out.
func (e *Engine) evaluateInto(ctx context.Context, v *Value, now time.Time, resolve RefResolver, which []int, workers int, out []controls.CheckResult) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	watch := watchHeap(e.maxHeap)
	defer watch.close()
	var (
		mu       sync.Mutex
		firstErr error
	)
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, min(workers, runtime.GOMAXPROCS(0), len(which))) {
		wg.Go(func() {
			for i := range next {
				r, err := e.evaluate(ctx, watch, e.checks[i], v, now, resolve)
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					cancel()
					continue
				}
				out[i] = r
			}
		})
	}
feed:
	for _, i := range which {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	return ctx.Err()
}

// evaluate runs one check.
func (e *Engine) evaluate(ctx context.Context, watch *heapWatch, ch *Check, v *Value, now time.Time, resolve RefResolver) (controls.CheckResult, error) {
	r := controls.CheckResult{
		ID:          ch.ID,
		Title:       ch.Title,
		Description: ch.Description,
		Severity:    ch.Severity,
		Measures:    ch.Measures,
		Policy:      ch.Policy,
		Line:        ch.Line,
		Findings:    []controls.Finding{},
	}
	if reason, ok := missing(ch.Requires, v.provided); ok {
		r.Status = controls.NoEvidence
		r.Reason = reason
		return r, nil
	}
	var rs rego.ResultSet
	err := watch.run(ctx, ch, e.timeout, func(ctx context.Context) error {
		var err error
		rs, err = ch.query.Eval(ctx, rego.EvalParsedInput(v.value), rego.EvalTime(now))
		return err
	})
	var limit *limitError
	if errors.As(err, &limit) {
		return r, limit
	}
	if err != nil {
		return r, fmt.Errorf("evaluate check %s (%s): %w", ch.ID, ch.Policy, err)
	}
	findings, err := parseResults(rs, ch, resolve)
	if err != nil {
		return r, fmt.Errorf("check %s (%s): %w", ch.ID, ch.Policy, err)
	}
	r.Findings = findings
	r.Status = checkStatus(findings)
	if len(findings) == 0 {
		r.Reason = controls.NewMessage("nothing_in_scope", nil)
	}
	return r, nil
}

// missing explains which required input keys no source provides; ok is
// false when every key is provided.
func missing(requires []string, provided map[string]string) (controls.Message, bool) {
	var parts []any
	for _, key := range requires {
		reason, ok := provided[key]
		switch {
		case !ok:
			parts = append(parts, map[string]any{"id": "evidence_missing", "args": map[string]any{"key": key}})
		case reason != "":
			parts = append(parts, map[string]any{"id": "evidence_missing_error", "args": map[string]any{"key": key, "error": reason}})
		}
	}
	switch len(parts) {
	case 0:
		return controls.Message{}, false
	case 1:
		p := parts[0].(map[string]any)
		return controls.NewMessage(p["id"].(string), p["args"].(map[string]any)), true
	}
	return controls.NewMessage("reasons", map[string]any{"parts": parts}), true
}

// checkStatus aggregates findings; no finding at all is no-evidence.
func checkStatus(findings []controls.Finding) controls.Outcome {
	statuses := make([]controls.Outcome, len(findings))
	for i, f := range findings {
		statuses[i] = f.Status
	}
	return controls.Worst(statuses...)
}

func parseResults(rs rego.ResultSet, ch *Check, resolve RefResolver) ([]controls.Finding, error) {
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return nil, nil // results undefined: nothing in scope
	}
	items, ok := rs[0].Expressions[0].Value.([]any)
	if !ok {
		return nil, fmt.Errorf("results: expected a set of objects, got %T", rs[0].Expressions[0].Value)
	}
	findings := make([]controls.Finding, 0, len(items))
	for _, it := range items {
		obj, ok := it.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("results: expected objects, got %T", it)
		}
		f := controls.Finding{
			Resource: str(obj["resource"]),
			Tenant:   str(obj["tenant"]),
		}
		switch s := controls.Outcome(str(obj["status"])); s {
		case controls.Pass, controls.Fail, controls.NoEvidence:
			f.Status = s
		default:
			return nil, fmt.Errorf("result for %q: status %q is not pass, fail or no-evidence", f.Resource, s)
		}
		if f.Resource == "" || obj["message"] == nil {
			return nil, fmt.Errorf("result %v: resource and message are required", obj)
		}
		var err error
		for _, m := range []struct {
			key string
			dst *controls.Message
		}{{"message", &f.Message}, {"expected", &f.Expected}, {"measured", &f.Measured}} {
			if *m.dst, err = resultMessage(obj[m.key], ch); err != nil {
				return nil, fmt.Errorf("result for %q: %s: %w", f.Resource, m.key, err)
			}
		}
		refs, _ := obj["refs"].([]any)
		for _, raw := range refs {
			ref := str(raw)
			if e, ok := resolve(ref); ok {
				f.Evidence = append(f.Evidence, e)
			} else if f.Status == controls.Pass {
				// Evidence that cannot be traced to a bundle file does not
				// support a pass.
				f.Status = controls.NoEvidence
				f.Message = controls.NewMessage("evidence_ref_not_found", map[string]any{"message": f.Message.Text, "ref": ref, "message_id": f.Message.ID})
			}
		}
		if f.Status == controls.Pass && len(f.Evidence) == 0 {
			f.Status = controls.NoEvidence
			f.Message = controls.NewMessage("no_evidence_ref", map[string]any{"message": f.Message.Text, "message_id": f.Message.ID})
		}
		findings = append(findings, f)
	}
	sort.SliceStable(findings, func(i, j int) bool {
		if findings[i].Resource != findings[j].Resource {
			return findings[i].Resource < findings[j].Resource
		}
		if findings[i].Status != findings[j].Status {
			return findings[i].Status < findings[j].Status
		}
		return findings[i].Message.Text.EN < findings[j].Message.Text.EN
	})
	return findings, nil
}

// resultMessage reads a message, expected or measured field of a result:
// a message object {"id": …, "args": {…}} rendered with the check's
// catalogue, or (custom policies only, by the policy contract) a plain
// English string, kept and marked as English-only. Absent is the zero
// Message; an unknown id or a missing argument is an error.
func resultMessage(raw any, ch *Check) (controls.Message, error) {
	switch v := raw.(type) {
	case nil:
		return controls.Message{}, nil
	case string:
		if v == "" {
			return controls.Message{}, nil
		}
		return controls.EnglishOnly(v), nil
	}
	id, args, err := l10n.SplitMessage(raw)
	if err != nil {
		return controls.Message{}, err
	}
	return controls.RenderMessage(id, args, ch.lookup)
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

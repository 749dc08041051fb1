package main

import (
	"strconv"
	"strings"
	"time"
)

// evaluationClock decides the evaluation time: --now, then
// SOURCE_DATE_EPOCH, then fallback (the demo's evidence cut-off), then the
// wall clock. Fixing the clock makes output byte-identical.
func evaluationClock(flag, now string, d deps, fallback time.Time) (time.Time, error) {
	if now != "" {
		t, err := time.Parse(time.RFC3339, now)
		if err != nil {
			return time.Time{}, usagef("--%s %q: expected an RFC 3339 time like 2026-11-23T00:00:00Z", flag, now)
		}
		return t.UTC(), nil
	}
	if env := strings.TrimSpace(d.getenv("SOURCE_DATE_EPOCH")); env != "" {
		secs, err := strconv.ParseInt(env, 10, 64)
		if err != nil || secs < 0 {
			return time.Time{}, usagef("SOURCE_DATE_EPOCH %q: expected seconds since 1970-01-01 as a non-negative integer", env)
		}
		return time.Unix(secs, 0).UTC(), nil
	}
	if !fallback.IsZero() {
		return fallback.UTC(), nil
	}
	return d.now().UTC(), nil
}

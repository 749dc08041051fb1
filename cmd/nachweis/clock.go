package main

import (
	"strconv"
	"strings"
	"time"

	"github.com/nachweis/nachweis/policies"
)

// clock is an evaluation or collection time and where it came from.
type clock struct {
	at time.Time
	// from names the origin for messages: "--now", "SOURCE_DATE_EPOCH",
	// "the default" (the demo's evidence cut-off) or "the system clock".
	from string
}

const fromSystem = "the system clock"

// evaluationClock decides the evaluation time: --now, then
// SOURCE_DATE_EPOCH, then fallback (the demo's evidence cut-off), then the
// wall clock. Fixing the clock makes output byte-identical.
func evaluationClock(flag, now string, d deps, fallback time.Time) (time.Time, error) {
	c, err := resolveClock(flag, now, d, fallback)
	return c.at, err
}

func resolveClock(flag, now string, d deps, fallback time.Time) (clock, error) {
	if now != "" {
		t, err := time.Parse(time.RFC3339, now)
		if err != nil {
			return clock{}, usagef("--%s %q: expected an RFC 3339 time like 2026-11-23T00:00:00Z", flag, now)
		}
		if !representable(t) {
			return clock{}, usagef("--%s %q: expected a time from 1678-09-22 to 2262-04-11 (nanoseconds since 1970 must fit in 64 bits)", flag, now)
		}
		return clock{at: t.UTC(), from: "--" + flag}, nil
	}
	if env := strings.TrimSpace(d.getenv("SOURCE_DATE_EPOCH")); env != "" {
		secs, err := strconv.ParseInt(env, 10, 64)
		if err != nil || secs < 0 || !representable(time.Unix(secs, 0)) {
			return clock{}, usagef("SOURCE_DATE_EPOCH %q: expected seconds since 1970-01-01 as a non-negative integer up to %d (2262-04-11)", env, maxEpoch)
		}
		return clock{at: time.Unix(secs, 0).UTC(), from: "SOURCE_DATE_EPOCH"}, nil
	}
	if !fallback.IsZero() {
		return clock{at: fallback.UTC(), from: "the default"}, nil
	}
	return clock{at: d.now().UTC(), from: fromSystem}, nil
}

// maxEpoch is the last second whose nanoseconds since 1970 fit in an
// int64, the form the checks compare times in.
const maxEpoch = 9223372036

// representable reports whether t survives the round trip through
// nanoseconds since 1970 in an int64.
func representable(t time.Time) bool { return time.Unix(0, t.UnixNano()).Equal(t) }

// checkCutOff refuses an evaluation time before the bundle's evidence
// cut-off (its newest collection time): results and documents would state
// a check made before the evidence it read existed, and evidence dated
// after the evaluation time counts for nothing. The system clock may lag
// behind the collecting host's by the clock-skew tolerance.
func checkCutOff(c clock, cutOff time.Time) error {
	if cutOff.IsZero() || !c.at.Before(cutOff) {
		return nil
	}
	if c.from == fromSystem && cutOff.Sub(c.at) <= policies.ClockSkew {
		return nil
	}
	what := c.from + " " + c.at.Format(time.RFC3339)
	if c.from == "SOURCE_DATE_EPOCH" || c.from == fromSystem {
		what = c.from + " (" + c.at.Format(time.RFC3339) + ")"
	}
	return usagef("evaluation time %s is before the evidence cut-off %s (the newest collection time in the bundle): give --now %s or later",
		what, cutOff.UTC().Format(time.RFC3339), cutOff.UTC().Format(time.RFC3339))
}

// Package nstime converts times of evidence to the nanoseconds since the
// Unix epoch the checks compare (CONTRACT.md, *_ns), without the silent
// overflow of time.Time.UnixNano: a time after 2262 would wrap around and
// could read as recent.
package nstime

import (
	"math"
	"time"
)

// Min and Max are the earliest and latest times an int64 of nanoseconds
// since the Unix epoch can hold (1677-09-21 and 2262-04-11).
var (
	Min = time.Unix(0, math.MinInt64).UTC()
	Max = time.Unix(0, math.MaxInt64).UTC()
)

// Of returns t in nanoseconds since the Unix epoch. A time after Max is
// Max and a time before Min is Min: evidence dated after 2262 stays in
// the far future (no evidence of anything recent), evidence dated before
// 1678 in the far past.
func Of(t time.Time) int64 {
	switch {
	case t.After(Max):
		return math.MaxInt64
	case t.Before(Min):
		return math.MinInt64
	}
	return t.UnixNano()
}

// InRange reports whether t can be held in nanoseconds since the epoch
// without clamping.
func InRange(t time.Time) bool { return !t.Before(Min) && !t.After(Max) }

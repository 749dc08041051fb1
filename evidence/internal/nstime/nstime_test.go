package nstime

import (
	"math"
	"testing"
	"time"
)

func TestOf(t *testing.T) {
	tests := []struct {
		in   time.Time
		want int64
	}{
		{time.Date(2026, 11, 23, 19, 0, 0, 0, time.UTC), 1795460400000000000},
		{time.Unix(0, 0), 0},
		{Max, math.MaxInt64},
		{Min, math.MinInt64},
		// UnixNano wraps these around: 2610 would read as 2026.
		{time.Date(2610, 11, 23, 19, 0, 0, 0, time.UTC), math.MaxInt64},
		{time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), math.MaxInt64},
		{time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC), math.MinInt64},
	}
	for _, tt := range tests {
		if got := Of(tt.in); got != tt.want {
			t.Errorf("Of(%s) = %d, want %d", tt.in, got, tt.want)
		}
	}
	if wrapped := time.Date(2610, 11, 23, 19, 0, 0, 0, time.UTC).UnixNano(); wrapped > 0 && wrapped < Of(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Logf("time.UnixNano of 2610 wraps to %s; Of does not", time.Unix(0, wrapped).UTC())
	}
	if InRange(time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC)) || !InRange(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Error("InRange")
	}
}

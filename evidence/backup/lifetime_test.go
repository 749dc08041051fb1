package backup

import (
	"testing"
	"time"
)

// The longest-kept snapshot lives as long as the longest tier of the
// policy: a monthly tier keeps data about that many months, dailies only
// about that many days. The figures follow the tools' own rules.
func TestLongestKept(t *testing.T) {
	day := 24 * time.Hour
	for _, tt := range []struct {
		name     string
		p        Policy
		interval time.Duration
		min, max time.Duration
	}{
		{"restic 7 daily", Policy{Tool: ToolRestic, Daily: 7, KeepOldest: true}, day, 7 * day, 7 * day},
		{"borg 7 daily 4 weekly", Policy{Tool: ToolBorg, Daily: 7, Weekly: 4, KeepOldest: true}, day, 34 * day, 41 * day},
		// restic counts the current month as one of the six: the last
		// snapshot of a month goes when the sixth month after it begins
		// (31 October → 1 April, as TestSimulateLastExpiry shows).
		{"restic 7 daily 4 weekly 6 monthly", Policy{Tool: ToolRestic, Daily: 7, Weekly: 4, Monthly: 6, KeepOldest: true}, day, 150 * day, 155 * day},
		// borg counts months the dailies and weeklies do not cover.
		{"borg 7 daily 4 weekly 6 monthly", Policy{Tool: ToolBorg, Daily: 7, Weekly: 4, Monthly: 6, KeepOldest: true}, day, 180 * day, 220 * day},
		{"restic keep-within 10 days", Policy{Tool: ToolRestic, Within: 10 * day}, day, 10 * day, 11 * day},
		{"borg 24 hourly", Policy{Tool: ToolBorg, Hourly: 24}, time.Hour, 24 * time.Hour, 24 * time.Hour},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := LongestKept(tt.p, tt.interval)
			if err != nil {
				t.Fatal(err)
			}
			if got < tt.min || got > tt.max {
				t.Errorf("LongestKept = %s (%.1f days), want between %s and %s", got, got.Hours()/24, tt.min, tt.max)
			}
		})
	}
	if _, err := LongestKept(Policy{Tool: ToolRestic}, day); err == nil {
		t.Error("an empty policy was simulated")
	}
	got, err := PgBackRestLongestKept(2, 7*day)
	if err != nil || got != 14*day {
		t.Errorf("PgBackRestLongestKept(2, 7d) = %s, %v; want 336h0m0s", got, err)
	}
}

package backup

import (
	"fmt"
	"time"
)

// lifetimeEpoch anchors the synthetic history of LongestKept: a Monday at
// midnight UTC, so that days, ISO weeks and months start on a run.
var lifetimeEpoch = time.Date(2001, time.January, 1, 0, 0, 0, 0, time.UTC)

// maxLifetimePoints bounds the synthetic history of LongestKept.
const maxLifetimePoints = 200_000

// LongestKept is how long the policy keeps its longest-kept snapshot
// while backups go on every interval without end: the time from a
// snapshot's creation to the run that removes it, maximised over a steady
// state. A 6-monthly tier keeps a snapshot about six months; a policy of
// dailies only about as many days. Keep-tags are not counted (a tagged
// snapshot stays until it is removed by hand). It simulates the tool's
// own rules (Policy.Keep), so restic and borg may differ.
func LongestKept(p Policy, interval time.Duration) (time.Duration, error) {
	if p.Empty() {
		return 0, fmt.Errorf("longest kept: the policy has no keep rule")
	}
	if interval <= 0 {
		return 0, fmt.Errorf("longest kept: the run interval must be positive, got %s", interval)
	}
	p.KeepTags = nil
	// A history long enough for every rule to have used up its counts,
	// and a year more, pruned as the tool would have pruned it.
	day := 24 * time.Hour
	span := time.Duration(p.Last+p.Minutely)*interval + time.Duration(p.Hourly)*time.Hour +
		time.Duration(p.Daily)*day + time.Duration(p.Weekly)*7*day + time.Duration(p.Monthly)*31*day +
		time.Duration(p.Yearly)*366*day + p.Within + 400*day
	n := int(span/interval) + 1
	if n > maxLifetimePoints {
		return 0, fmt.Errorf("longest kept: a history of %s with a backup every %s is too long to simulate", span, interval)
	}
	points := make([]Point, n)
	for i := range points {
		points[i] = Point{ID: fmt.Sprintf("s%07d", i), Time: lifetimeEpoch.Add(time.Duration(i) * interval)}
	}
	newest := points[n-1].Time
	keep := p.Keep(points, newest.Add(time.Minute))
	var kept []Point
	for i, pt := range points {
		if keep[i] {
			kept = append(kept, pt)
		}
	}
	tenant := make([]bool, len(kept))
	for i := range tenant {
		tenant[i] = true
	}
	sim := Simulation{Policy: p, Interval: interval, After: newest}
	exp, err := sim.Run([]Series{{Points: kept, Tenant: tenant, Continues: true}})
	if err != nil {
		return 0, err
	}
	var longest time.Duration
	for _, pt := range kept {
		if e, ok := exp[pt.ID]; ok && !e.Never && e.At.Sub(pt.Time) > longest {
			longest = e.At.Sub(pt.Time)
		}
	}
	return longest, nil
}

// PgBackRestLongestKept is how long count-based repo-retention-full keeps
// a full backup (and the backups depending on it) while a full backup is
// taken every interval: until full newer full backups exist.
func PgBackRestLongestKept(full int, interval time.Duration) (time.Duration, error) {
	if full <= 0 || interval <= 0 {
		return 0, fmt.Errorf("longest kept: repo-retention-full and the full backup interval must be positive")
	}
	var backups []PgBackup
	for i := range full {
		t := lifetimeEpoch.Add(time.Duration(i) * interval)
		backups = append(backups, PgBackup{Label: t.Format("20060102-150405") + "F", Type: "full", Time: t})
	}
	exp, err := PgBackRestExpiry(backups, full, interval, backups[len(backups)-1].Time, true)
	if err != nil {
		return 0, err
	}
	var longest time.Duration
	for _, b := range backups {
		if e := exp[b.Label]; !e.Never && e.At.Sub(b.Time) > longest {
			longest = e.At.Sub(b.Time)
		}
	}
	return longest, nil
}

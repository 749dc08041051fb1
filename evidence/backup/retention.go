package backup

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Policy is a retention policy as restic forget or borg prune applies it.
// The two tools read the same keep rules differently:
//
//   - Counting. restic counts every period rule on its own: the newest
//     snapshot of a day is also the newest of its week and month and
//     counts for daily, weekly and monthly. borg applies the rules in the
//     order secondly (= --keep-last), minutely, hourly, daily, weekly,
//     monthly, yearly, and an archive kept by an earlier rule uses up its
//     period but not the later rule's count, so --keep-weekly 4 keeps four
//     weeks beyond those the dailies already cover.
//   - keep-within. restic keeps what is younger than the newest snapshot
//     of the group minus the span (the newest not in the future); borg
//     what is younger than the time prune runs minus the span.
//   - Periods. restic buckets by each snapshot's own recorded offset,
//     borg by the local zone prune runs in (Location). Both use ISO weeks
//     (Monday to Sunday, the ISO week-numbering year) and keep the newest
//     snapshot of each period.
//   - Oldest. When a rule still has counts left after the last period,
//     both keep the oldest snapshot as well, restic since 0.16 and borg
//     since 1.2 (KeepOldest); borg only if no earlier rule kept it.
//   - Tags. Only restic has --keep-tag; only borg --keep-minutely. borg
//     prunes checkpoint archives unless one is the newest archive.
type Policy struct {
	// Tool is ToolRestic or ToolBorg.
	Tool                                                   string
	Last, Minutely, Hourly, Daily, Weekly, Monthly, Yearly int
	// Within is keep-within in whole hours; zero for none.
	Within time.Duration
	// KeepTags are restic's --keep-tag lists: a snapshot carrying every
	// tag of one list is kept.
	KeepTags [][]string
	// Location is the zone borg prune buckets in; nil means UTC.
	Location *time.Location
	// KeepOldest keeps the oldest snapshot while a rule has counts left
	// (restic 0.16 and later, borg 1.2 and later).
	KeepOldest bool
}

// Point is one snapshot as a policy sees it.
type Point struct {
	ID string
	// Time is when the snapshot was taken; for restic in the offset it
	// recorded, which decides its day, week and month.
	Time time.Time
	Tags []string
	// Checkpoint marks a borg checkpoint archive (an interrupted backup).
	Checkpoint bool
}

// Empty reports whether the policy has no keep rule; restic forget then
// removes nothing, borg prune refuses to run.
func (p Policy) Empty() bool {
	return p.Last == 0 && p.Minutely == 0 && p.Hourly == 0 && p.Daily == 0 && p.Weekly == 0 &&
		p.Monthly == 0 && p.Yearly == 0 && p.Within == 0 && len(p.KeepTags) == 0
}

// Keep applies the policy to one restic group or one borg prune set at
// now and reports, for each point in order, whether the tool keeps it.
func (p Policy) Keep(points []Point, now time.Time) []bool {
	keep := make([]bool, len(points))
	if len(points) == 0 {
		return keep
	}
	if p.Empty() {
		for i := range keep {
			keep[i] = true
		}
		return keep
	}
	order := make([]int, len(points))
	for i := range order {
		order[i] = i
	}
	// Newest first; equal times in id order, so the result is the same
	// whatever order the points came in.
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Or(points[b].Time.Compare(points[a].Time), cmp.Compare(points[a].ID, points[b].ID))
	})
	if p.Tool == ToolBorg {
		p.keepBorg(points, order, now, keep)
	} else {
		p.keepRestic(points, order, now, keep)
	}
	return keep
}

// resticBucket maps a snapshot to its period; nr is its position, newest
// first, which makes every snapshot a period of its own for --keep-last.
type resticBucket struct {
	count  int
	period func(t time.Time, nr int) int
	last   int
}

func (p Policy) keepRestic(points []Point, order []int, now time.Time, keep []bool) {
	buckets := []resticBucket{
		{p.Last, func(_ time.Time, nr int) int { return nr }, -1},
		{p.Hourly, func(t time.Time, _ int) int { return ((t.Year()*100+int(t.Month()))*100+t.Day())*100 + t.Hour() }, -1},
		{p.Daily, func(t time.Time, _ int) int { return (t.Year()*100+int(t.Month()))*100 + t.Day() }, -1},
		{p.Weekly, func(t time.Time, _ int) int { y, w := t.ISOWeek(); return y*100 + w }, -1},
		{p.Monthly, func(t time.Time, _ int) int { return t.Year()*100 + int(t.Month()) }, -1},
		{p.Yearly, func(t time.Time, _ int) int { return t.Year() }, -1},
	}
	// keep-within counts back from the newest snapshot that is not in
	// the future.
	var latest time.Time
	for _, pt := range points {
		if pt.Time.After(latest) && pt.Time.Before(now) {
			latest = pt.Time
		}
	}
	days, hours := int(p.Within/(24*time.Hour)), p.Within%(24*time.Hour)
	withinFrom := latest.AddDate(0, 0, -days).Add(-hours)
	for nr, i := range order {
		cur := points[i]
		for _, tl := range p.KeepTags {
			if hasAllTags(cur.Tags, tl) {
				keep[i] = true
			}
		}
		if p.Within > 0 && cur.Time.After(withinFrom) {
			keep[i] = true
		}
		for b := range buckets {
			if buckets[b].count <= 0 {
				continue
			}
			val := buckets[b].period(cur.Time, nr)
			// The oldest snapshot is kept too while a rule has counts
			// left, so that the history reaches back as far as it can.
			if val != buckets[b].last || p.KeepOldest && nr == len(order)-1 {
				keep[i] = true
				buckets[b].last = val
				buckets[b].count--
			}
		}
	}
}

func hasAllTags(tags, want []string) bool {
	for _, w := range want {
		if !slices.Contains(tags, w) {
			return false
		}
	}
	return true
}

// borgRules are borg prune's period rules in the order it applies them,
// each with the layout of its period in the prune's local time.
var borgRules = []struct {
	name   string
	layout string
}{
	{"secondly", "2006-01-02 15:04:05"},
	{"minutely", "2006-01-02 15:04"},
	{"hourly", "2006-01-02 15"},
	{"daily", "2006-01-02"},
	{"weekly", ""}, // ISO year and week
	{"monthly", "2006-01"},
	{"yearly", "2006"},
}

func (p Policy) keepBorg(points []Point, order []int, now time.Time, keep []bool) {
	loc := p.Location
	if loc == nil {
		loc = time.UTC
	}
	// Checkpoints take no part in the rules; the newest one is kept while
	// no completed archive is newer.
	var archives []int
	for n, i := range order {
		if points[i].Checkpoint {
			if n == 0 {
				keep[i] = true
			}
			continue
		}
		archives = append(archives, i)
	}
	kept := map[int]bool{}
	if p.Within > 0 {
		from := now.Add(-p.Within)
		for _, i := range archives {
			if points[i].Time.After(from) {
				kept[i] = true
			}
		}
	}
	counts := []int{p.Last, p.Minutely, p.Hourly, p.Daily, p.Weekly, p.Monthly, p.Yearly}
	for r, rule := range borgRules {
		n := counts[r]
		if n == 0 {
			continue
		}
		period := func(t time.Time) string {
			t = t.In(loc)
			if rule.layout == "" {
				y, w := t.ISOWeek()
				return fmt.Sprintf("%04d-%02d", y, w)
			}
			return t.Format(rule.layout)
		}
		last, count, a := "", 0, -1
		for _, i := range archives {
			a = i
			if pd := period(points[i].Time); pd != last {
				last = pd
				if !kept[i] {
					kept[i] = true
					count++
					if count == n {
						break
					}
				}
			}
		}
		// Too few periods for the count: the oldest archive is kept too.
		if p.KeepOldest && a >= 0 && count < n && !kept[a] {
			kept[a] = true
		}
	}
	for i := range kept {
		keep[i] = true
	}
}

// Series is one set of snapshots a policy applies to on its own: a
// restic group (--group-by) or the archives of one borg prune
// (--glob-archives).
type Series struct {
	Key    string
	Points []Point
	// Tenant marks the points holding the tenant's data, by index.
	Tenant []bool
	// Continues says that a new backup arrives in the series at every run
	// (the series also holds other data); a series of the tenant's data
	// only gets no new backups once its data is deleted.
	Continues bool
}

// Simulation runs a policy forward in time: a backup and a forget or
// prune with the policy every Interval, from the newest snapshot of the
// repository on, counting only runs after After (the evidence cut-off).
type Simulation struct {
	Policy   Policy
	Interval time.Duration
	After    time.Time
	// MaxRuns bounds the simulation; zero means DefaultMaxRuns.
	MaxRuns int
}

// DefaultMaxRuns bounds a simulation.
const DefaultMaxRuns = 1_000_000

// Expiry is when a snapshot is gone according to the simulation.
type Expiry struct {
	// At is the first run that removes the snapshot; zero when Never.
	At time.Time
	// Never is set when the policy keeps the snapshot for as long as
	// nothing changes: a restic keep-tag, or a series that gets no new
	// backups and whose rules keep it.
	Never bool
	// Reason explains Never.
	Reason string
}

// Run simulates every series and returns the expiry of each tenant point
// by id. An error says the policy cannot be simulated: it is empty, the
// interval is not positive, or the expiry lies beyond MaxRuns runs.
func (s Simulation) Run(series []Series) (map[string]Expiry, error) {
	if s.Policy.Empty() {
		return nil, fmt.Errorf("simulate retention: the policy has no keep rule")
	}
	if s.Interval <= 0 {
		return nil, fmt.Errorf("simulate retention: the run interval must be positive, got %s", s.Interval)
	}
	maxRuns := s.MaxRuns
	if maxRuns <= 0 {
		maxRuns = DefaultMaxRuns
	}
	// Runs happen for the whole repository on one schedule, aligned to
	// its newest snapshot.
	var newest time.Time
	for _, se := range series {
		for _, pt := range se.Points {
			if pt.Time.After(newest) {
				newest = pt.Time
			}
		}
	}
	first := 1
	if s.After.After(newest) {
		first = int(s.After.Sub(newest)/s.Interval) + 1
	}
	out := map[string]Expiry{}
	for _, se := range series {
		if err := s.runSeries(se, newest, first, maxRuns, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// simPoint is a point during the simulation.
type simPoint struct {
	Point
	tenant bool
}

func (s Simulation) runSeries(se Series, newest time.Time, first, maxRuns int, out map[string]Expiry) error {
	var list []simPoint
	pending := 0
	var maxTime time.Time
	for i, pt := range se.Points {
		tenant := i < len(se.Tenant) && se.Tenant[i]
		list = append(list, simPoint{Point: pt, tenant: tenant})
		if pt.Time.After(maxTime) {
			maxTime = pt.Time
		}
		if !tenant {
			continue
		}
		if s.Policy.Tool == ToolRestic && s.keptByTag(pt) {
			out[pt.ID] = Expiry{Never: true, Reason: "keep-tag"}
			continue
		}
		pending++
	}
	if pending == 0 {
		return nil
	}
	// New backups take the offset and, for restic groups by tag, the tags
	// of the series' newest snapshot.
	zone, tags := time.UTC, []string(nil)
	if len(list) > 0 {
		last := slices.MaxFunc(list, func(a, b simPoint) int { return a.Time.Compare(b.Time) })
		zone, tags = last.Time.Location(), last.Tags
	}
	stableAfter := maxTime.Add(s.Policy.Within)
	for k := first; k < first+maxRuns; k++ {
		now := newest.Add(time.Duration(k) * s.Interval)
		if se.Continues {
			list = append(list, simPoint{Point: Point{ID: fmt.Sprintf("\x00run-%d", k), Time: now.In(zone), Tags: tags}})
		}
		points := make([]Point, len(list))
		for i, p := range list {
			points[i] = p.Point
		}
		// forget or prune runs once the backup has finished.
		keep := s.Policy.Keep(points, now.Add(time.Minute))
		removed := false
		kept := list[:0]
		for i, p := range list {
			if keep[i] {
				kept = append(kept, p)
				continue
			}
			removed = true
			if p.tenant {
				out[p.ID] = Expiry{At: now}
				pending--
			}
		}
		list = kept
		if pending == 0 {
			return nil
		}
		// A series without new backups changes no more once keep-within
		// has passed its newest snapshot: what is kept now stays.
		if !se.Continues && !removed && now.After(stableAfter) {
			for _, p := range list {
				if p.tenant {
					if _, done := out[p.ID]; !done {
						out[p.ID] = Expiry{Never: true, Reason: "no-new-backups"}
					}
				}
			}
			return nil
		}
	}
	return fmt.Errorf("simulate retention of %s: the tenant's snapshots are still kept after %d runs every %s; the policy cannot be simulated that far", seriesName(se), maxRuns, s.Interval)
}

func (s Simulation) keptByTag(pt Point) bool {
	for _, tl := range s.Policy.KeepTags {
		if hasAllTags(pt.Tags, tl) {
			return true
		}
	}
	return false
}

func seriesName(se Series) string {
	if se.Key == "" {
		return "the repository"
	}
	return strings.ReplaceAll(se.Key, "\x00", " ")
}

// PgBackup is one pgBackRest backup as its retention sees it.
type PgBackup struct {
	// Label is pgBackRest's label: 20261120-020000F for a full backup,
	// 20261120-020000F_20261121-020000D (or ...I) for the differential or
	// incremental backups depending on it.
	Label string
	// Type is full, diff or incr.
	Type string
	// Time is when the backup stopped.
	Time time.Time
}

// FullLabel is the label of the full backup b depends on (b's own label
// for a full backup).
func (b PgBackup) FullLabel() string {
	full, _, _ := strings.Cut(b.Label, "_")
	return full
}

// PgBackRestExpiry computes when each backup expires under count-based
// repo-retention-full: after each new full backup pgBackRest expires the
// full backups beyond the newest full, with every backup depending on
// them. New full backups follow the newest one every interval, counted
// from after (the evidence cut-off), while continues; a stanza that takes
// no more backups keeps what it has. A differential or incremental backup
// may expire earlier under repo-retention-diff; the date given is the
// latest, with its full backup.
func PgBackRestExpiry(backups []PgBackup, full int, interval time.Duration, after time.Time, continues bool) (map[string]Expiry, error) {
	if full <= 0 || interval <= 0 {
		return nil, fmt.Errorf("simulate pgBackRest retention: repo-retention-full and the full backup interval must be positive")
	}
	var fulls []time.Time
	fullTime := map[string]time.Time{}
	for _, b := range backups {
		if b.Type == "full" {
			fulls = append(fulls, b.Time)
			fullTime[b.Label] = b.Time
		}
	}
	var newestFull time.Time
	for _, t := range fulls {
		if t.After(newestFull) {
			newestFull = t
		}
	}
	// future(j) is the time of the j-th full backup after the cut-off.
	skip := 0
	if after.After(newestFull) {
		skip = int(after.Sub(newestFull) / interval)
	}
	future := func(j int) time.Time { return newestFull.Add(time.Duration(skip+j) * interval) }
	out := map[string]Expiry{}
	for _, b := range backups {
		ft, ok := fullTime[b.FullLabel()]
		if !ok {
			// Its full backup is gone: pgBackRest expires it at the next run.
			out[b.Label] = Expiry{At: future(1)}
			continue
		}
		if !continues {
			out[b.Label] = Expiry{Never: true, Reason: "no-new-backups"}
			continue
		}
		newer := 0
		for _, t := range fulls {
			if t.After(ft) {
				newer++
			}
		}
		out[b.Label] = Expiry{At: future(max(full-newer, 1))}
	}
	return out, nil
}

package backup

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// daily returns one point a day at hh:mm UTC from first to last (dates
// YYYY-MM-DD), named by their date.
func daily(first, last, hhmm string) []Point {
	var out []Point
	end := at(last + "T" + hhmm + ":00Z")
	for t := at(first + "T" + hhmm + ":00Z"); !t.After(end); t = t.AddDate(0, 0, 1) {
		out = append(out, Point{ID: t.Format("2006-01-02"), Time: t})
	}
	return out
}

func kept(points []Point, keep []bool) []string {
	var out []string
	for i, k := range keep {
		if k {
			out = append(out, points[i].ID)
		}
	}
	return out
}

// TestPolicyKeep compares one forget or prune run of restic and borg on
// the same snapshots where the tools' rules differ. Each expectation is
// worked out by hand in the comment above it.
func TestPolicyKeep(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	twoWeeks := daily("2026-11-02", "2026-11-15", "02:00") // Monday to Sunday, ISO weeks 45 and 46
	now := at("2026-11-15T03:00:00Z")
	tests := []struct {
		name   string
		policy Policy
		points []Point
		now    time.Time
		want   []string
	}{
		// restic counts the 15th as daily and as the newest of week 46,
		// then the 8th as week 45: the weekly count is spent.
		{"restic daily and weekly count the same snapshot", Policy{Tool: ToolRestic, Daily: 3, Weekly: 2, KeepOldest: true}, twoWeeks, now,
			[]string{"2026-11-15", "2026-11-14", "2026-11-13", "2026-11-08"}},
		// borg: the dailies use up week 46 without counting, the 8th is
		// weekly #1, and with one count left the oldest archive (the 2nd)
		// is kept as well.
		{"borg weekly keeps weeks beyond the dailies", Policy{Tool: ToolBorg, Daily: 3, Weekly: 2, KeepOldest: true}, twoWeeks, now,
			[]string{"2026-11-15", "2026-11-14", "2026-11-13", "2026-11-08", "2026-11-02"}},
		// borg before 1.2 did not keep the oldest.
		{"borg 1.1 without the oldest rule", Policy{Tool: ToolBorg, Daily: 3, Weekly: 2}, twoWeeks, now,
			[]string{"2026-11-15", "2026-11-14", "2026-11-13", "2026-11-08"}},
		// restic 0.16: monthly 3 finds one month only, so the oldest is
		// kept too; restic 0.14 keeps the newest only.
		{"restic oldest rule", Policy{Tool: ToolRestic, Monthly: 3, KeepOldest: true}, twoWeeks, now,
			[]string{"2026-11-15", "2026-11-02"}},
		{"restic 0.14 without the oldest rule", Policy{Tool: ToolRestic, Monthly: 3}, twoWeeks, now,
			[]string{"2026-11-15"}},
		// keep-within 3 days: restic counts back from its newest snapshot
		// (the 5th, ten days ago), borg from the time prune runs, which
		// keeps nothing of a series that stopped ten days ago.
		{"restic within counts from the newest snapshot", Policy{Tool: ToolRestic, Within: 72 * time.Hour}, daily("2026-11-01", "2026-11-05", "02:00"), now,
			[]string{"2026-11-05", "2026-11-04", "2026-11-03"}},
		{"borg within counts from now", Policy{Tool: ToolBorg, Within: 72 * time.Hour}, daily("2026-11-01", "2026-11-05", "02:00"), now,
			nil},
		{"borg within keeps the last three days", Policy{Tool: ToolBorg, Within: 72 * time.Hour}, twoWeeks, now,
			[]string{"2026-11-15", "2026-11-14", "2026-11-13"}},
		// keep-last 2: borg's --keep-last is --keep-secondly, so two
		// archives of the same second count once.
		{"restic last", Policy{Tool: ToolRestic, Last: 2}, []Point{
			{ID: "a", Time: at("2026-11-15T02:00:00Z")}, {ID: "b", Time: at("2026-11-15T02:00:00Z")}, {ID: "c", Time: at("2026-11-14T02:00:00Z")},
		}, now, []string{"a", "b"}},
		{"borg last is secondly", Policy{Tool: ToolBorg, Last: 2}, []Point{
			{ID: "a", Time: at("2026-11-15T02:00:00Z")}, {ID: "b", Time: at("2026-11-15T02:00:00Z")}, {ID: "c", Time: at("2026-11-14T02:00:00Z")},
		}, now, []string{"a", "c"}},
		// Days: restic reads each snapshot's own offset; 00:30+01:00 is the
		// 11th. borg reads its local zone: in UTC 23:30Z and 12:00Z are one
		// day (the 9th is the second), in Berlin two days.
		{"restic days in the snapshot's offset", Policy{Tool: ToolRestic, Daily: 2}, []Point{
			{ID: "late", Time: at("2026-11-11T00:30:00+01:00")}, {ID: "noon", Time: at("2026-11-10T13:00:00+01:00")}, {ID: "9th", Time: at("2026-11-09T13:00:00+01:00")},
		}, now, []string{"late", "noon"}},
		{"borg days in UTC", Policy{Tool: ToolBorg, Daily: 2}, []Point{
			{ID: "late", Time: at("2026-11-10T23:30:00Z")}, {ID: "noon", Time: at("2026-11-10T12:00:00Z")}, {ID: "9th", Time: at("2026-11-09T12:00:00Z")},
		}, now, []string{"late", "9th"}},
		{"borg days in Berlin", Policy{Tool: ToolBorg, Daily: 2, Location: berlin}, []Point{
			{ID: "late", Time: at("2026-11-10T23:30:00Z")}, {ID: "noon", Time: at("2026-11-10T12:00:00Z")}, {ID: "9th", Time: at("2026-11-09T12:00:00Z")},
		}, now, []string{"late", "noon"}},
		// restic --keep-tag keeps a tagged snapshot whatever its age.
		{"restic keep-tag", Policy{Tool: ToolRestic, Last: 1, KeepTags: [][]string{{"legal", "hold"}}}, []Point{
			{ID: "new", Time: at("2026-11-15T02:00:00Z")},
			{ID: "held", Time: at("2026-01-15T02:00:00Z"), Tags: []string{"hold", "legal", "acme"}},
			{ID: "half", Time: at("2026-01-16T02:00:00Z"), Tags: []string{"legal"}},
		}, now, []string{"new", "held"}},
		// borg prunes checkpoints unless the newest archive is one.
		{"borg checkpoints", Policy{Tool: ToolBorg, Daily: 7}, []Point{
			{ID: "cp-new", Time: at("2026-11-15T02:30:00Z"), Checkpoint: true},
			{ID: "done", Time: at("2026-11-15T02:00:00Z")},
			{ID: "cp-old", Time: at("2026-11-14T02:30:00Z"), Checkpoint: true},
			{ID: "older", Time: at("2026-11-14T02:00:00Z")},
		}, now, []string{"cp-new", "done", "older"}},
		{"empty policy keeps everything", Policy{Tool: ToolRestic}, twoWeeks[:2], now, []string{"2026-11-02", "2026-11-03"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := kept(tt.points, tt.policy.Keep(tt.points, tt.now))
			// Order of the input, newest first in most cases above.
			want := map[string]bool{}
			for _, id := range tt.want {
				want[id] = true
			}
			var wantOrdered []string
			for _, p := range tt.points {
				if want[p.ID] {
					wantOrdered = append(wantOrdered, p.ID)
				}
			}
			if diff := cmp.Diff(wantOrdered, got); diff != "" {
				t.Errorf("kept (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSimulateLastExpiry runs a 7 daily / 4 weekly / 6 monthly policy
// forward from a tenant's daily series (1 January to the contract end on
// 31 October 2026, 02:00 UTC) in a series that keeps getting a daily
// backup without the tenant's data. The expected dates are worked out by
// hand:
//
// restic keeps the 31st of October as the newest of October while October
// is one of the six newest months. On 31 March 2027 the months are March,
// February, January, December, November and October; the run on 1 April
// 2027 adds April, so October drops out. Dailies (1 April back to 26
// March) and weeklies (ISO weeks 13, 12, 11, 10) do not reach back to
// October, so that run removes the last copy: 2027-04-01 02:00 UTC.
//
// borg applies the rules in order, and months whose newest archive a daily
// or weekly already keeps do not count. The 30th of April 2027 is a
// Friday; week 17 ends on Sunday 2 May, so a weekly never picks the 30th,
// and from 7 May on no daily does either. On 6 May the daily of 30 April
// covers April, and the six monthlies are March, February, January,
// December, November and October. On 7 May April counts, Oct 31 is the
// seventh: it goes at 2027-05-07 02:00 UTC, five weeks after restic.
func TestSimulateLastExpiry(t *testing.T) {
	tenant := daily("2026-01-01", "2026-10-31", "02:00")
	after := at("2026-10-31T12:00:00Z")
	series := func() []Series {
		flags := make([]bool, len(tenant))
		for i := range flags {
			flags[i] = true
		}
		return []Series{{Key: "web-01", Points: tenant, Tenant: flags, Continues: true}}
	}
	tests := []struct {
		name   string
		policy Policy
		want   time.Time
	}{
		{"restic 7/4/6", Policy{Tool: ToolRestic, Daily: 7, Weekly: 4, Monthly: 6, KeepOldest: true}, at("2027-04-01T02:00:00Z")},
		{"restic 0.14 7/4/6", Policy{Tool: ToolRestic, Daily: 7, Weekly: 4, Monthly: 6}, at("2027-04-01T02:00:00Z")},
		{"borg 7/4/6", Policy{Tool: ToolBorg, Daily: 7, Weekly: 4, Monthly: 6, KeepOldest: true}, at("2027-05-07T02:00:00Z")},
		// keep-last 10 and nothing else: the tenant's last snapshot (31
		// October) is the tenth newest after nine new ones, and goes with
		// the tenth new one on 10 November.
		{"restic last 10", Policy{Tool: ToolRestic, Last: 10}, at("2026-11-10T02:00:00Z")},
		// keep-within 30 days with daily backups keeps what is strictly
		// younger than 30 days: on 30 November restic's newest snapshot
		// (02:00) and borg's run (02:01) are 30 days or more after 31
		// October 02:00, so that run removes it.
		{"restic within 30d", Policy{Tool: ToolRestic, Within: 30 * 24 * time.Hour}, at("2026-11-30T02:00:00Z")},
		{"borg within 30d", Policy{Tool: ToolBorg, Within: 30 * 24 * time.Hour}, at("2026-11-30T02:00:00Z")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sim := Simulation{Policy: tt.policy, Interval: 24 * time.Hour, After: after}
			got, err := sim.Run(series())
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tenant) {
				t.Fatalf("%d expiries for %d tenant snapshots", len(got), len(tenant))
			}
			var last time.Time
			for id, e := range got {
				if e.Never || e.At.IsZero() {
					t.Fatalf("%s: %+v, want a date", id, e)
				}
				if !e.At.After(after) {
					t.Errorf("%s expires at %s, before the cut-off", id, e.At)
				}
				if e.At.After(last) {
					last = e.At
				}
			}
			if !last.Equal(tt.want) {
				t.Errorf("last copy expires at %s, want %s", last, tt.want)
			}
			if e := got["2026-10-31"]; !e.At.Equal(tt.want) {
				t.Errorf("the newest tenant snapshot expires at %s, want %s", e.At, tt.want)
			}
		})
	}
}

// TestSimulateSeriesWithoutNewBackups: a series holding only the tenant's
// data gets no new backups once that data is deleted. Count rules then
// keep their snapshots for ever; borg's keep-within, counted from the time
// prune runs, lets them go, restic's, counted from the newest snapshot,
// does not.
func TestSimulateSeriesWithoutNewBackups(t *testing.T) {
	tenant := daily("2026-10-01", "2026-10-31", "02:00")
	flags := make([]bool, len(tenant))
	for i := range flags {
		flags[i] = true
	}
	after := at("2026-10-31T12:00:00Z")
	run := func(p Policy) map[string]Expiry {
		t.Helper()
		got, err := Simulation{Policy: p, Interval: 24 * time.Hour, After: after}.Run([]Series{{Key: "acme", Points: tenant, Tenant: flags}})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	// restic daily 7: the seven newest stay, the rest go at the first run
	// (1 November 02:00).
	got := run(Policy{Tool: ToolRestic, Daily: 7})
	for _, p := range tenant {
		e := got[p.ID]
		switch {
		case p.ID >= "2026-10-25":
			if !e.Never || e.Reason != "no-new-backups" {
				t.Errorf("%s: %+v, want never (no new backups)", p.ID, e)
			}
		case !e.At.Equal(at("2026-11-01T02:00:00Z")):
			t.Errorf("%s: %+v, want the run of 1 November", p.ID, e)
		}
	}
	// borg within 48h: at the run of 2 November (02:01) the 31 October
	// 02:00 archive is older than 48 hours.
	got = run(Policy{Tool: ToolBorg, Within: 48 * time.Hour})
	if e := got["2026-10-31"]; !e.At.Equal(at("2026-11-02T02:00:00Z")) {
		t.Errorf("borg within: 31 October expires %+v, want 2 November 02:00", e)
	}
	if e := got["2026-10-30"]; !e.At.Equal(at("2026-11-01T02:00:00Z")) {
		t.Errorf("borg within: 30 October expires %+v, want 1 November 02:00", e)
	}
	got = run(Policy{Tool: ToolRestic, Within: 48 * time.Hour})
	if e := got["2026-10-31"]; !e.Never {
		t.Errorf("restic within: 31 October expires %+v, want never", e)
	}
}

func TestSimulateKeepTagAndErrors(t *testing.T) {
	pts := []Point{
		{ID: "held", Time: at("2026-10-30T02:00:00Z"), Tags: []string{"acme", "hold"}},
		{ID: "plain", Time: at("2026-10-31T02:00:00Z"), Tags: []string{"acme"}},
	}
	se := []Series{{Key: "web-01", Points: pts, Tenant: []bool{true, true}, Continues: true}}
	got, err := Simulation{Policy: Policy{Tool: ToolRestic, Daily: 1, KeepTags: [][]string{{"hold"}}}, Interval: 24 * time.Hour, After: at("2026-10-31T12:00:00Z")}.Run(se)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Expiry{"held": {Never: true, Reason: "keep-tag"}, "plain": {At: at("2026-11-01T02:00:00Z")}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("expiries (-want +got):\n%s", diff)
	}

	for _, tt := range []struct {
		sim  Simulation
		want string
	}{
		{Simulation{Policy: Policy{Tool: ToolRestic}, Interval: time.Hour}, "simulate retention: the policy has no keep rule"},
		{Simulation{Policy: Policy{Tool: ToolRestic, Daily: 1}}, "simulate retention: the run interval must be positive, got 0s"},
		{Simulation{Policy: Policy{Tool: ToolRestic, Monthly: 6}, Interval: 24 * time.Hour, MaxRuns: 100},
			"simulate retention of web-01: the tenant's snapshots are still kept after 100 runs every 24h0m0s; the policy cannot be simulated that far"},
	} {
		_, err := tt.sim.Run(se)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Run: %v, want %q", err, tt.want)
		}
	}
}

// TestPgBackRestExpiry: weekly full backups on Sundays, differentials on
// the other days, repo-retention-full 2. A full backup expires when the
// second newer full backup completes, its differentials with it.
func TestPgBackRestExpiry(t *testing.T) {
	var backups []PgBackup
	for _, full := range []string{"2026-10-18", "2026-10-25"} {
		ft := at(full + "T01:00:00Z")
		label := ft.Format("20060102-150405") + "F"
		backups = append(backups, PgBackup{Label: label, Type: "full", Time: ft})
		for d := 1; d <= 6; d++ {
			dt := ft.AddDate(0, 0, d)
			backups = append(backups, PgBackup{Label: label + "_" + dt.Format("20060102-150405") + "D", Type: "diff", Time: dt})
		}
	}
	after := at("2026-10-31T12:00:00Z")
	got, err := PgBackRestExpiry(backups, 2, 7*24*time.Hour, after, true)
	if err != nil {
		t.Fatal(err)
	}
	// The next full backups: 1 and 8 November 01:00. The full of 18
	// October has one newer full and goes with the first; the full of 25
	// October with the second.
	for _, b := range backups {
		want := at("2026-11-01T01:00:00Z")
		if strings.HasPrefix(b.Label, "20261025") {
			want = at("2026-11-08T01:00:00Z")
		}
		if e := got[b.Label]; !e.At.Equal(want) {
			t.Errorf("%s (%s): %+v, want %s", b.Label, b.Type, e, want)
		}
	}
	// A stanza that takes no more backups keeps them.
	got, err = PgBackRestExpiry(backups, 2, 7*24*time.Hour, after, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range backups {
		if e := got[b.Label]; !e.Never {
			t.Errorf("%s: %+v, want never", b.Label, e)
		}
	}
	if _, err := PgBackRestExpiry(backups, 0, time.Hour, after, true); err == nil {
		t.Error("retention-full 0 simulated")
	}
	if got := (PgBackup{Label: "20261025-010000F_20261026-010000D"}).FullLabel(); got != "20261025-010000F" {
		t.Errorf("FullLabel = %s", got)
	}
}

func ExamplePolicy_Keep() {
	points := daily("2026-11-02", "2026-11-15", "02:00")
	for _, tool := range []string{ToolRestic, ToolBorg} {
		p := Policy{Tool: tool, Daily: 3, Weekly: 2, KeepOldest: true}
		fmt.Println(tool, kept(points, p.Keep(points, at("2026-11-15T03:00:00Z"))))
	}
	// Output:
	// restic [2026-11-08 2026-11-13 2026-11-14 2026-11-15]
	// borg [2026-11-02 2026-11-08 2026-11-13 2026-11-14 2026-11-15]
}

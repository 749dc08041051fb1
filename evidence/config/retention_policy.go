package config

import (
	"fmt"
	"strings"
	"time"

	"github.com/nachweis/nachweis/evidence/backup"
)

// Policy is the declared retention as the tool of kind (restic or borg)
// applies it, for the simulations of package backup.
func (r Retention) Policy(kind string) backup.Policy {
	p := backup.Policy{
		Tool: kind, Last: r.Last, Minutely: r.Minutely, Hourly: r.Hourly, Daily: r.Daily, Weekly: r.Weekly,
		Monthly: r.Monthly, Yearly: r.Yearly, Within: r.Within, KeepOldest: r.KeepsOldest(kind),
	}
	for _, t := range r.Tags {
		p.KeepTags = append(p.KeepTags, strings.Split(t, ","))
	}
	if kind == backup.ToolBorg {
		p.Location = r.Location()
	}
	return p
}

// LongestKept is how long the declared retention of the source keeps its
// longest-kept copy while backups go on (backup.LongestKept,
// backup.PgBackRestLongestKept): a monthly tier keeps data for months,
// not for "7 days". An error says the retention is not declared or cannot
// be simulated.
func (b BackupSource) LongestKept() (time.Duration, error) {
	r := b.Retention
	if r == nil {
		return 0, fmt.Errorf("backup source %s/%s declares no retention", b.Kind, b.Name)
	}
	if gap := r.SimulationGap(b.Kind); gap != "" {
		return 0, fmt.Errorf("backup source %s/%s: the retention cannot be simulated: %s", b.Kind, b.Name, gap)
	}
	if b.Kind == backup.ToolPgBackRest {
		return backup.PgBackRestLongestKept(r.Full, r.FullInterval)
	}
	return backup.LongestKept(r.Policy(b.Kind), r.RunInterval())
}

package scaletest

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/nachweis/nachweis/evidence"
)

// Repo is a generated restic repository.
type Repo struct {
	Name  string // the source name, "fsn1"
	Site  string // its site, "DE-Falkenstein"
	Daily int    // daily snapshots kept per tenant, the retention declared
}

// repos are the generated restic repositories: each tenant has its
// primary copy in fsn1 or nbg1 (by parity) and an off-site copy in hel1.
var repos = []Repo{
	{"fsn1", "DE-Falkenstein", 3},
	{"nbg1", "DE-Nuremberg", 3},
	{"hel1", "FI-Helsinki", 2},
}

// Repos returns the generated restic repositories: tenant i has its
// primary copy in Repos()[i%2] (fsn1 or nbg1) and an off-site copy in
// Repos()[2] (hel1), each with Daily snapshots unless Want names the
// tenant in NoBackup.
func Repos() []Repo { return slices.Clone(repos) }

// resticTimeZone is the local time restic prints snapshot times in.
var resticTimeZone = time.FixedZone("CET", 3600)

// snapshotTimes returns the snapshot times of tenant i in a repository:
// daily at night, the last `days` days; two days older when the tenant's
// backups are stale.
func snapshotTimes(i, days int, hour int) []time.Time {
	if noBackupAtAll(i) {
		return nil
	}
	shift := 0
	if staleBackup(i) {
		shift = 2
	}
	day := time.Date(now.Year(), now.Month(), now.Day(), hour, (i*7)%60, i%60, (i*7919)%1000*1000000, time.UTC)
	out := make([]time.Time, 0, days)
	for d := days - 1 + shift; d >= shift; d-- {
		out = append(out, day.AddDate(0, 0, -d))
	}
	return out
}

// resticRepo returns the restic files of one repository for tenants
// 0..n-1, and the number of snapshots.
func resticRepo(r int, n int) ([]evidence.Item, int, error) {
	repo := repos[r]
	var snaps []Object
	for i := range n {
		days, hour := repo.Daily, 1
		if repo.Name == "hel1" {
			hour = 4
		} else if i%2 != r {
			continue // primary copy in fsn1 (even) or nbg1 (odd)
		}
		t := Tenant(i)
		parent := ""
		for _, at := range snapshotTimes(i, days, hour) {
			id := hexID(repo.Name, t, at.UnixNano())
			s := Object{
				"time":            at.In(resticTimeZone).Format(time.RFC3339Nano),
				"tree":            hexID("tree", id),
				"paths":           List{"/srv/tenants/" + t},
				"hostname":        fmt.Sprintf("backup-%02d", i%8),
				"username":        "root",
				"uid":             0,
				"gid":             0,
				"tags":            List{t, "daily", "k8s-volumes"},
				"program_version": "restic 0.17.3",
				"summary": Object{
					"backup_start": at.Format(time.RFC3339Nano), "backup_end": at.Add(95 * time.Second).Format(time.RFC3339Nano),
					"files_new": 12, "files_changed": 48, "files_unmodified": 20113, "dirs_new": 0, "dirs_changed": 7, "dirs_unmodified": 1480,
					"data_blobs": 51, "tree_blobs": 8, "data_added": 7345001, "data_added_packed": 3051122,
					"total_files_processed": 20173, "total_bytes_processed": 2151234567,
				},
				"id":       id,
				"short_id": id[:8],
			}
			if parent != "" {
				s["parent"] = parent
			}
			parent = id
			snaps = append(snaps, s)
		}
	}
	// restic lists snapshots by time.
	slices.SortStableFunc(snaps, func(a, b Object) int { return strings.Compare(a["id"].(string), b["id"].(string)) })
	slices.SortStableFunc(snaps, func(a, b Object) int {
		ta, _ := time.Parse(time.RFC3339Nano, a["time"].(string))
		tb, _ := time.Parse(time.RFC3339Nano, b["time"].(string))
		return ta.Compare(tb)
	})
	raw, err := json.Marshal(snaps)
	if err != nil {
		return nil, 0, err
	}
	cfg, err := json.MarshalIndent(Object{"version": 2, "id": hexID("repo", repo.Name), "chunker_polynomial": "2f35c4de48a0b9"}, "", "  ")
	if err != nil {
		return nil, 0, err
	}
	check := fmt.Sprintf("using temporary cache in /tmp/restic-check-cache-1427239807\ncreate exclusive lock for repository\nload indexes\ncheck all packs\ncheck snapshots, trees and blobs\n[0:41] 100.00%%  %d / %d snapshots\n\nno errors were found\n", len(snaps), len(snaps))
	stats := fmt.Sprintf(`{"total_size":%d,"total_file_count":0,"total_blob_count":%d,"snapshots_count":%d}`+"\n", 91234567890+len(snaps), 412345+len(snaps), len(snaps))
	return []evidence.Item{
		{Kind: evidence.KindResticSnapshots, Origin: "snapshots.json", Data: raw},
		{Kind: evidence.KindResticConfig, Origin: "cat-config.json", Data: append(cfg, '\n')},
		{Kind: evidence.KindResticCheck, Origin: "check.txt", Data: []byte(check)},
		{Kind: evidence.KindResticStats, Origin: "stats-raw-data.json", Data: []byte(stats)},
	}, len(snaps), nil
}

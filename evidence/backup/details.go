package backup

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nachweis/nachweis/evidence/internal/jsonscan"
)

// Detail is a projected snapshot with what the retention simulation reads
// besides: its time in the offset the tool recorded and, for restic, its
// paths (restic groups by host and paths).
type Detail struct {
	Snapshot
	// Time is TimeNS in the tool's recorded offset (restic), else UTC.
	Time  time.Time
	Paths []string
}

// Details projects the repositories of one source as Project does (without
// the declarations) and returns, by repository name, the repository and
// its snapshots with their details, sorted by time and id.
func Details(r Repo) (map[string]*Repository, map[string][]Detail, error) {
	var repos map[string]*Repository
	var err error
	switch r.Tool {
	case ToolRestic:
		repos, err = projectRestic(r)
	case ToolBorg:
		repos, err = projectBorg(r)
	case ToolPgBackRest:
		repos, err = projectPgBackRest(r)
	default:
		return nil, nil, fmt.Errorf("backup source %s: unknown tool %q, expected restic, borg or pgbackrest", r.Source, r.Tool)
	}
	if err != nil {
		return nil, nil, err
	}
	var restic map[string]resticSnapshot
	if r.Tool == ToolRestic {
		if restic, err = resticByRef(r.Files); err != nil {
			return nil, nil, err
		}
	}
	out := map[string][]Detail{}
	for name, repo := range repos {
		finishSnapshots(repo)
		details := make([]Detail, 0, len(repo.Snapshots))
		for _, s := range repo.Snapshots {
			d := Detail{Snapshot: s, Time: time.Unix(0, s.TimeNS).UTC()}
			if rs, ok := restic[s.Ref]; ok {
				if t, err := time.Parse(time.RFC3339Nano, rs.Time); err == nil {
					d.Time = t
				}
				d.Paths = rs.Paths
			}
			details = append(details, d)
		}
		out[name] = details
	}
	return repos, out, nil
}

// resticByRef reads the snapshots of restic snapshots --json files by the
// ref the projection gives them.
func resticByRef(files []File) (map[string]resticSnapshot, error) {
	out := map[string]resticSnapshot{}
	for _, f := range files {
		if f.Kind != KindResticSnapshots {
			continue
		}
		var entries []resticEntry
		if err := jsonscan.Decode(f.Data, "", &entries); err != nil {
			return nil, fmt.Errorf("read restic snapshots %s: %w", f.Path, err)
		}
		for i, e := range entries {
			if e.GroupKey != nil {
				for j, s := range e.Snapshots {
					out[f.Path+"#/"+strconv.Itoa(i)+"/snapshots/"+strconv.Itoa(j)] = s
				}
				continue
			}
			out[f.Path+"#/"+strconv.Itoa(i)] = e.resticSnapshot
		}
	}
	return out, nil
}

// ResticGroupKey is the key of the group restic forget --group-by puts a
// snapshot in: the host, the sorted paths and the sorted tags, as far as
// groupBy names them.
func ResticGroupKey(d Detail, groupBy []string) string {
	var parts []string
	for _, g := range groupBy {
		switch g {
		case "host":
			parts = append(parts, "host="+d.Hostname)
		case "paths":
			parts = append(parts, "paths="+strings.Join(sortedCopy(d.Paths), ","))
		case "tags":
			parts = append(parts, "tags="+strings.Join(sortedCopy(d.Tags), ","))
		}
	}
	return strings.Join(parts, " ")
}

func sortedCopy(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

// RepositoryID is the identity the tool gives a repository: restic's
// repository id (restic cat config), borg's (borg info or list), or for
// pgBackRest the system identifiers of the stanzas' database clusters.
// Two bundles whose source of the same name reports different ids read
// different repositories. "" when the evidence holds none.
func RepositoryID(r Repo) (string, error) {
	for _, f := range r.Files {
		switch f.Kind {
		case KindResticConfig:
			var c resticConfig
			if err := jsonscan.Decode(f.Data, "", &c); err != nil {
				return "", fmt.Errorf("read restic config %s: %w", f.Path, err)
			}
			return c.ID, nil
		case KindBorgInfo, KindBorgList:
			var o struct {
				Repository *struct {
					ID string `json:"id"`
				} `json:"repository"`
			}
			if err := jsonscan.Decode(f.Data, "", &o); err != nil {
				return "", fmt.Errorf("read borg output %s: %w", f.Path, err)
			}
			if o.Repository != nil && o.Repository.ID != "" {
				return o.Repository.ID, nil
			}
		case KindPgBackRestInfo:
			dec := json.NewDecoder(bytes.NewReader(f.Data))
			dec.UseNumber()
			var stanzas []struct {
				Name string `json:"name"`
				DB   []struct {
					SystemID json.Number `json:"system-id"`
				} `json:"db"`
			}
			if err := dec.Decode(&stanzas); err != nil {
				return "", fmt.Errorf("read pgbackrest info %s: %w", f.Path, jsonscan.Explain(f.Data, err))
			}
			var ids []string
			for _, s := range stanzas {
				for _, db := range s.DB {
					ids = append(ids, s.Name+"="+db.SystemID.String())
				}
			}
			slices.Sort(ids)
			return strings.Join(slices.Compact(ids), ","), nil
		}
	}
	return "", nil
}

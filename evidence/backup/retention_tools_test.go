package backup

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/evidence/backup/backuptest"
)

// toolSeries are snapshot times (UTC) that exercise every period of the
// keep rules: several per day, hour and minute, gaps of days, weeks and
// months, and a turn of the year.
var toolSeries = []string{
	"2025-12-29T10:00:00Z", "2025-12-30T10:00:00Z", "2026-01-05T10:00:00Z", "2026-02-10T10:00:00Z", "2026-03-15T10:00:00Z",
	"2026-03-16T09:00:00Z", "2026-03-16T23:30:00Z", "2026-04-20T08:00:00Z", "2026-05-04T08:00:00Z",
	"2026-05-10T08:00:00Z", "2026-05-11T08:00:00Z", "2026-05-12T01:00:00Z", "2026-05-12T01:00:30Z",
	"2026-05-12T01:40:00Z", "2026-05-12T05:00:00Z", "2026-05-13T08:00:00Z", "2026-05-14T07:00:00Z",
	"2026-05-14T08:00:00Z",
}

// toolPolicies are applied by the real tool and by Policy.Keep; the flags
// are the tool's.
var toolPolicies = []struct {
	name  string
	flags []string
	p     Policy
}{
	{"daily weekly monthly yearly", []string{"--keep-daily", "3", "--keep-weekly", "2", "--keep-monthly", "2", "--keep-yearly", "1"},
		Policy{Daily: 3, Weekly: 2, Monthly: 2, Yearly: 1}},
	{"last hourly monthly", []string{"--keep-last", "2", "--keep-hourly", "3", "--keep-monthly", "4"},
		Policy{Last: 2, Hourly: 3, Monthly: 4}},
	{"weekly yearly", []string{"--keep-weekly", "3", "--keep-yearly", "3"}, Policy{Weekly: 3, Yearly: 3}},
	{"monthly beyond the history", []string{"--keep-monthly", "12"}, Policy{Monthly: 12}},
}

// TestPolicyMatchesRestic runs restic forget --dry-run on a real
// repository and compares what it keeps with Policy.Keep, with the rules
// of the installed restic version.
func TestPolicyMatchesRestic(t *testing.T) {
	var snaps []backuptest.Snapshot
	for i, s := range toolSeries {
		sn := backuptest.Snapshot{Time: at(s), Host: "web-01"}
		if i == 3 {
			sn.Tags = []string{"hold", "acme"}
		}
		snaps = append(snaps, sn)
	}
	const password = "retention-test"
	repo := backuptest.Restic(t, password, snaps...)
	keepsOldest := resticKeepsOldest(t)
	policies := append(slices.Clone(toolPolicies),
		struct {
			name  string
			flags []string
			p     Policy
		}{"within and keep-tag", []string{"--keep-within", "5d", "--keep-tag", "hold", "--keep-daily", "1"},
			Policy{Within: 5 * 24 * time.Hour, KeepTags: [][]string{{"hold"}}, Daily: 1}})
	for _, tt := range policies {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"-r", repo, "--no-cache", "forget", "--dry-run", "--json"}, tt.flags...)
			out := runTool(t, []string{"RESTIC_PASSWORD=" + password}, "restic", args...)
			var groups []struct {
				Keep, Remove []struct {
					ID   string   `json:"id"`
					Time string   `json:"time"`
					Tags []string `json:"tags"`
				}
			}
			if err := json.Unmarshal(out, &groups); err != nil || len(groups) != 1 {
				t.Fatalf("restic forget --json: %v: %s", err, out)
			}
			var points []Point
			var want []string
			for _, s := range groups[0].Keep {
				want = append(want, s.ID)
				points = append(points, Point{ID: s.ID, Time: at(s.Time), Tags: s.Tags})
			}
			for _, s := range groups[0].Remove {
				points = append(points, Point{ID: s.ID, Time: at(s.Time), Tags: s.Tags})
			}
			if len(points) != len(toolSeries) {
				t.Fatalf("restic listed %d snapshots, want %d", len(points), len(toolSeries))
			}
			p := tt.p
			p.Tool, p.KeepOldest = ToolRestic, keepsOldest
			got := kept(points, p.Keep(points, time.Now()))
			slices.Sort(want)
			slices.Sort(got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("kept (-restic +Policy.Keep):\n%s", diff)
			}
		})
	}
}

// TestPolicyMatchesBorg runs borg prune --dry-run --list on a real
// repository and compares with Policy.Keep. keep-within is left out: borg
// counts it from the wall clock.
func TestPolicyMatchesBorg(t *testing.T) {
	var archives []backuptest.Snapshot
	for i, s := range toolSeries {
		archives = append(archives, backuptest.Snapshot{Name: "a" + string(rune('a'+i)), Time: at(s)})
	}
	repo := backuptest.Borg(t, "none", "", archives...)
	env := []string{"BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes"}
	line := regexp.MustCompile(`^(Would prune|Keeping archive \(rule: [^)]*\)):\s+(\S+)`)
	keepsOldest := borgKeepsOldest(t)
	for _, tt := range toolPolicies {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"prune", "--dry-run", "--list"}, tt.flags...)
			out := runTool(t, env, "borg", append(args, repo)...)
			var want []string
			seen := 0
			for _, l := range strings.Split(string(out), "\n") {
				m := line.FindStringSubmatch(l)
				if m == nil {
					continue
				}
				seen++
				if m[1] != "Would prune" {
					want = append(want, m[2])
				}
			}
			if seen != len(archives) {
				t.Fatalf("borg prune listed %d archives, want %d:\n%s", seen, len(archives), out)
			}
			var points []Point
			for _, a := range archives {
				points = append(points, Point{ID: a.Name, Time: a.Time})
			}
			p := tt.p
			p.Tool, p.KeepOldest = ToolBorg, keepsOldest
			got := kept(points, p.Keep(points, time.Now()))
			slices.Sort(want)
			slices.Sort(got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("kept (-borg +Policy.Keep):\n%s", diff)
			}
		})
	}
}

// runTool runs a backup tool in a clean environment in UTC and returns
// its combined output.
func runTool(t *testing.T, env []string, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "LANG=C.UTF-8", "TZ=UTC"}, env...)
	if name == "restic" {
		cmd.Stderr = nil
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
		}
		return out
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return out
}

var toolVersion = regexp.MustCompile(`(?:restic|borg) v?([0-9]+)\.([0-9]+)`)

// resticKeepsOldest reports whether the installed restic keeps the oldest
// snapshot while a rule has counts left (0.16 and later).
func resticKeepsOldest(t *testing.T) bool {
	major, minor := installedVersion(t, "restic", "version")
	return major > 0 || minor >= 16
}

// borgKeepsOldest: borg 1.2 and later.
func borgKeepsOldest(t *testing.T) bool {
	major, minor := installedVersion(t, "borg", "--version")
	return major > 1 || major == 1 && minor >= 2
}

func installedVersion(t *testing.T, tool, arg string) (int, int) {
	t.Helper()
	out := runTool(t, nil, tool, arg)
	m := toolVersion.FindStringSubmatch(string(out))
	if m == nil {
		t.Fatalf("%s %s: no version in %q", tool, arg, out)
	}
	var major, minor int
	for i, s := range m[1:] {
		n := 0
		for _, r := range s {
			n = n*10 + int(r-'0')
		}
		if i == 0 {
			major = n
		} else {
			minor = n
		}
	}
	t.Logf("%s %d.%d", filepath.Base(tool), major, minor)
	return major, minor
}

package backup

import (
	"encoding/json"
	"flag"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

// checkedAt is the collection time of the fixtures' sources.
var checkedAt = time.Date(2026, 11, 23, 18, 10, 0, 0, time.UTC)

// files reads testdata/<dir>/<name> as files of a bundle source whose
// paths are sources/<dir>/<name>, with the kind given per name.
func files(t testing.TB, dir string, kinds map[string]string) []File {
	t.Helper()
	var out []File
	for _, name := range sortedKeys(kinds) {
		data, err := os.ReadFile(filepath.Join("testdata", dir, name))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, File{Path: "sources/" + dir + "/" + name, Kind: kinds[name], Data: data})
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

func resticFiles(t testing.TB, dir string) []File {
	return files(t, "restic/"+dir, map[string]string{
		"snapshots.json":  KindResticSnapshots,
		"cat-config.json": KindResticConfig,
		"check.txt":       KindResticCheck,
		"stats.json":      KindResticStats,
	})
}

func borgFiles(t testing.TB, dir string) []File {
	return files(t, "borg/"+dir, map[string]string{
		"list.json":              KindBorgList,
		"info.json":              KindBorgInfo,
		"info-last-archive.json": KindBorgInfo,
	})
}

func pgFiles(t testing.TB, dir string) []File {
	return files(t, "pgbackrest/"+dir, map[string]string{"info.json": KindPgBackRestInfo})
}

func project(t *testing.T, repos []Repo) *Backups {
	t.Helper()
	b, err := Project(repos, Params{DefaultMaxAge: 26 * time.Hour})
	if err != nil {
		t.Fatalf("Project: %v", err)
	}
	return b
}

func ns(s string) int64 {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t.UnixNano()
}

func allPresent(snapshots, encryption, integrity bool) map[string]bool {
	return map[string]bool{KeySnapshots: snapshots, KeyEncryption: encryption, KeyIntegrity: integrity}
}

func ids(ss []Snapshot) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.ID)
	}
	return out
}

func TestProjectResticWeb01(t *testing.T) {
	b := project(t, []Repo{{
		Source: "web01", Tool: ToolRestic, Files: resticFiles(t, "web01-daily-9d"),
		Site: "DE-Falkenstein", MaxAge: 30 * time.Hour, Retention: &Retention{Daily: 7, Weekly: 4},
		Tenants:   map[string]Selector{"acme": {Hosts: []string{"web-01"}}, "globex": {Tags: []string{"weekly"}}},
		CheckedAt: checkedAt,
	}})
	r := b.Repositories["web01"]
	if r == nil {
		t.Fatalf("repository web01 missing: %v", b.Repositories)
	}
	const dir = "sources/restic/web01-daily-9d/"
	snapshot := func(i int, id, day string) Snapshot {
		return Snapshot{ID: id, TimeNS: ns(day + "T02:15:00Z"), OK: true, Hostname: "web-01", Tags: []string{"daily"},
			Tenants: []string{"acme"}, Ref: dir + "snapshots.json#/" + strconv.Itoa(i)}
	}
	want := &Repository{
		Source: "web01", Tool: "restic", Location: "a15cf35fd7a32f98b0e4c9bd0271ba618405607ae9182b37e078ffceb4b0497f",
		Present: allPresent(true, true, true), Errors: map[string]string{},
		Site: "DE-Falkenstein", MaxAgeS: 30 * 3600, Retention: &Retention{Daily: 7, Weekly: 4},
		Encryption: &Encryption{Encrypted: ptr(true), Mode: "restic repository v2 (AES-256-CTR + Poly1305)", Ref: dir + "cat-config.json#"},
		Integrity:  &Integrity{OK: true, CheckedAtNS: ptr[int64](checkedAt.UnixNano()), Detail: "no errors were found", Ref: dir + "check.txt#"},
		Snapshots: []Snapshot{
			snapshot(0, "1c425225", "2026-11-15"), snapshot(1, "6b7bb05e", "2026-11-16"), snapshot(2, "ed652ef9", "2026-11-17"),
			snapshot(3, "95d1b92a", "2026-11-18"), snapshot(4, "27fe92df", "2026-11-19"), snapshot(5, "220977d3", "2026-11-20"),
			snapshot(6, "0bc5cd74", "2026-11-21"), snapshot(7, "5a5fe805", "2026-11-22"), snapshot(8, "f668a79f", "2026-11-23"),
		},
		Ref: dir + "snapshots.json#",
	}
	if diff := cmp.Diff(want, r); diff != "" {
		t.Errorf("web01 (-want +got):\n%s", diff)
	}
	if got := time.Unix(0, r.Snapshots[len(r.Snapshots)-1].TimeNS).UTC().Format(time.RFC3339); got != "2026-11-23T02:15:00Z" {
		t.Errorf("newest snapshot %s, want 2026-11-23T02:15:00Z", got)
	}
	if diff := cmp.Diff(map[string][]string{"acme": {"web01"}}, b.TenantRepositories); diff != "" {
		t.Errorf("tenant_repositories (-want +got):\n%s", diff)
	}
}

func TestProjectResticSelectors(t *testing.T) {
	tests := []struct {
		name     string
		selector Selector
		// count is the number of the 29 snapshots selected.
		count int
		first string
	}{
		{"tag", Selector{Tags: []string{"postgres"}}, 14, "4ef2ae89"},
		{"host", Selector{Hosts: []string{"db-01"}}, 15, "4ef2ae89"},
		{"tag or host", Selector{Tags: []string{"nginx"}, Hosts: []string{"app-01"}}, 14, "568ca49a"},
		{"path with trailing slash", Selector{Paths: []string{"/srv/app/"}}, 4, "568ca49a"},
		{"parent path", Selector{Paths: []string{"/srv"}}, 29, "568ca49a"},
		{"root path", Selector{Paths: []string{"/"}}, 29, "568ca49a"},
		{"path prefix is not a path boundary", Selector{Paths: []string{"/srv/ap"}}, 0, ""},
		{"archive prefix does not apply to restic", Selector{ArchivePrefix: "db-01"}, 0, ""},
		{"no match", Selector{Tags: []string{"yearly"}, Hosts: []string{"db-02"}}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := project(t, []Repo{{Source: "shared", Tool: ToolRestic, Files: resticFiles(t, "shared-multihost"),
				Tenants: map[string]Selector{"acme": tt.selector}}})
			r := b.Repositories["shared"]
			if len(r.Snapshots) != 29 {
				t.Fatalf("snapshots: got %d, want 29", len(r.Snapshots))
			}
			var sel []string
			for _, s := range r.Snapshots {
				if len(s.Tenants) > 0 {
					if diff := cmp.Diff([]string{"acme"}, s.Tenants); diff != "" {
						t.Errorf("snapshot %s tenants (-want +got):\n%s", s.ID, diff)
					}
					sel = append(sel, s.ID)
				}
			}
			if len(sel) != tt.count {
				t.Errorf("selected %d snapshots, want %d: %v", len(sel), tt.count, sel)
			}
			if len(sel) > 0 && sel[0] != tt.first {
				t.Errorf("first selected snapshot %s, want %s", sel[0], tt.first)
			}
			want := map[string][]string{}
			if tt.count > 0 {
				want["acme"] = []string{"shared"}
			}
			if diff := cmp.Diff(want, b.TenantRepositories); diff != "" {
				t.Errorf("tenant_repositories (-want +got):\n%s", diff)
			}
		})
	}
}

func TestProjectResticMultihostTenants(t *testing.T) {
	b := project(t, []Repo{{Source: "shared", Tool: ToolRestic, Files: resticFiles(t, "shared-multihost"),
		Tenants: map[string]Selector{"db": {Tags: []string{"postgres"}}, "shop": {Hosts: []string{"db-01", "web-01"}}}}})
	got := map[string]int{}
	for _, s := range b.Repositories["shared"].Snapshots {
		got[strings.Join(s.Tenants, ",")]++
	}
	// db-01: 14 daily (postgres) + 1 manual; web-01: 10; app-01: 4.
	want := map[string]int{"db,shop": 14, "shop": 11, "": 4}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("snapshots per tenant set (-want +got):\n%s", diff)
	}
}

func TestProjectResticLegacy(t *testing.T) {
	b := project(t, []Repo{{Source: "legacy", Tool: ToolRestic, Files: resticFiles(t, "legacy-repo-v1"), CheckedAt: checkedAt}})
	r := b.Repositories["legacy"]
	if r.Encryption == nil || r.Encryption.Mode != "restic repository v1 (AES-256-CTR + Poly1305)" || r.Encryption.Encrypted == nil || !*r.Encryption.Encrypted {
		t.Errorf("encryption: %+v", r.Encryption)
	}
	if len(r.Snapshots) != 7 {
		t.Errorf("snapshots: got %d, want 7", len(r.Snapshots))
	}
	if got := time.Unix(0, r.Snapshots[6].TimeNS).UTC(); !got.Equal(time.Date(2026, 11, 22, 23, 5, 0, 0, time.UTC)) {
		t.Errorf("newest snapshot %s, want 2026-11-22T23:05:00Z", got)
	}
	// Declarations absent: max age from the parameters, retention null.
	if r.MaxAgeS != 26*3600 || r.Retention != nil || r.Site != "" {
		t.Errorf("declarations: max_age_s %d, retention %v, site %q", r.MaxAgeS, r.Retention, r.Site)
	}
}

func TestProjectResticPartialEvidence(t *testing.T) {
	all := resticFiles(t, "web01-daily-9d")
	tests := []struct {
		name    string
		kinds   []string
		present map[string]bool
		ref     string
	}{
		{"snapshots only", []string{KindResticSnapshots}, allPresent(true, false, false), "sources/restic/web01-daily-9d/snapshots.json#"},
		{"config only", []string{KindResticConfig}, allPresent(false, true, false), "sources/restic/web01-daily-9d/cat-config.json#"},
		{"check only", []string{KindResticCheck}, allPresent(false, false, true), "sources/restic/web01-daily-9d/check.txt#"},
		{"nothing", nil, allPresent(false, false, false), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fs []File
			for _, f := range all {
				for _, k := range tt.kinds {
					if f.Kind == k {
						fs = append(fs, f)
					}
				}
			}
			r := project(t, []Repo{{Source: "web01", Tool: ToolRestic, Files: fs}}).Repositories["web01"]
			if diff := cmp.Diff(tt.present, r.Present); diff != "" {
				t.Errorf("present (-want +got):\n%s", diff)
			}
			if r.Ref != tt.ref {
				t.Errorf("ref %q, want %q", r.Ref, tt.ref)
			}
			if (r.Encryption != nil) != tt.present[KeyEncryption] || (r.Integrity != nil) != tt.present[KeyIntegrity] {
				t.Errorf("encryption %v, integrity %v disagree with present %v", r.Encryption, r.Integrity, r.Present)
			}
		})
	}
}

func TestResticCheck(t *testing.T) {
	tests := []struct {
		name   string
		output string
		ok     bool
		detail string
	}{
		{"clean", "load indexes\ncheck all packs\ncheck snapshots, trees and blobs\n\nno errors were found\n", true, "no errors were found"},
		{"pack errors", "load indexes\ncheck all packs\nerror for tree 4bb5d3a1:\n  tree 4bb5d3a1: file \"x\" blob 0 size could not be found\nFatal: repository contains errors\n", false,
			"error for tree 4bb5d3a1:; Fatal: repository contains errors"},
		{"fatal without error word", "Fatal: unable to open repository at /mnt/backup: no such file\n", false, "Fatal: unable to open repository at /mnt/backup: no such file"},
		{"clean line and an error line", "error: load index 1: unexpected EOF\nno errors were found\n", false, "error: load index 1: unexpected EOF"},
		{"interrupted", "load indexes\ncheck all packs\n", false, `restic check did not report "no errors were found"`},
		{"empty", "", false, `restic check did not report "no errors were found"`},
		{"many errors", "error 1\nerror 2\nerror 3\nerror 4\nerror 5\n", false, "error 1; error 2; error 3; and 2 more"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := resticCheck(File{Path: "c.txt", Data: []byte(tt.output)}, checkedAt)
			want := &Integrity{OK: tt.ok, CheckedAtNS: ptr[int64](checkedAt.UnixNano()), Detail: tt.detail, Ref: "c.txt#"}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	if got := resticCheck(File{Path: "c.txt", Data: []byte("no errors were found\n")}, time.Time{}); got.CheckedAtNS != nil {
		t.Errorf("unknown check time: checked_at_ns %d, want null", *got.CheckedAtNS)
	}
}

func TestProjectResticGroupBy(t *testing.T) {
	data := `[{"group_key":{"hostname":"web-01","paths":["/srv/www"],"tags":null},"snapshots":[
		{"time":"2026-11-22T02:15:00.123456789+01:00","paths":["/srv/www"],"hostname":"web-01","id":"5a5fe8050000000000000000000000000000000000000000000000000000aaaa"},
		{"time":"2026-11-23T02:15:00Z","paths":["/srv/www"],"hostname":"web-01","tags":["daily"],"id":"f668a79f0000","short_id":"f668a79f"}]}]`
	r := project(t, []Repo{{Source: "web01", Tool: ToolRestic, Files: []File{{Path: "s.json", Kind: KindResticSnapshots, Data: []byte(data)}},
		Tenants: map[string]Selector{"acme": {Paths: []string{"/srv/www"}}}}}).Repositories["web01"]
	want := []Snapshot{
		{ID: "5a5fe805", TimeNS: ns("2026-11-22T01:15:00.123456789Z"), OK: true, Hostname: "web-01", Tags: []string{}, Tenants: []string{"acme"}, Ref: "s.json#/0/snapshots/0"},
		{ID: "f668a79f", TimeNS: ns("2026-11-23T02:15:00Z"), OK: true, Hostname: "web-01", Tags: []string{"daily"}, Tenants: []string{"acme"}, Ref: "s.json#/0/snapshots/1"},
	}
	if diff := cmp.Diff(want, r.Snapshots); diff != "" {
		t.Errorf("snapshots (-want +got):\n%s", diff)
	}
}

func TestProjectBorgPruned(t *testing.T) {
	// borg times have no offset and were written with TZ=UTC: they must
	// not be read in the machine's zone.
	local := time.Local
	time.Local = time.FixedZone("CET", 3600)
	t.Cleanup(func() { time.Local = local })
	const dir = "sources/borg/db01-repokey-blake2-pruned/"
	b := project(t, []Repo{{Source: "db01", Tool: ToolBorg, Files: borgFiles(t, "db01-repokey-blake2-pruned"), Site: "FI-Helsinki",
		Tenants: map[string]Selector{"acme": {ArchivePrefix: "db-01-2026-11-2"}, "all": {ArchivePrefix: "db-01-"}, "none": {ArchivePrefix: "web-"}}}})
	r := b.Repositories["db01"]
	days := []string{"2026-10-25", "2026-11-01", "2026-11-08", "2026-11-15", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23"}
	var want []Snapshot
	for i, d := range days {
		s := Snapshot{ID: "db-01-" + d, TimeNS: ns(d + "T03:30:00Z"), OK: true, Tags: []string{}, Tenants: []string{"all"},
			Ref: dir + "list.json#/archives/" + strconv.Itoa(i)}
		if d >= "2026-11-20" {
			s.Tenants = []string{"acme", "all"}
		}
		if d == "2026-11-23" {
			s.Hostname = "db-01" // from borg info --last 1
		}
		want = append(want, s)
	}
	if diff := cmp.Diff(want, r.Snapshots); diff != "" {
		t.Errorf("snapshots (-want +got):\n%s", diff)
	}
	wantRepo := &Repository{Source: "db01", Tool: "borg", Location: "/mnt/backup/borg/db-01", Present: allPresent(true, true, false),
		Errors: map[string]string{}, Site: "FI-Helsinki", MaxAgeS: 26 * 3600,
		Encryption: &Encryption{Encrypted: ptr(true), Mode: "repokey-blake2", Ref: dir + "list.json#/encryption"},
		Snapshots:  r.Snapshots, Ref: dir + "list.json#/repository"}
	if diff := cmp.Diff(wantRepo, r); diff != "" {
		t.Errorf("repository (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string][]string{"acme": {"db01"}, "all": {"db01"}}, b.TenantRepositories); diff != "" {
		t.Errorf("tenant_repositories (-want +got):\n%s", diff)
	}
}

func TestProjectBorgFileSets(t *testing.T) {
	all := borgFiles(t, "web01-repokey-blake2-daily-9d")
	pick := func(names ...string) []File {
		var out []File
		for _, n := range names {
			for _, f := range all {
				if strings.HasSuffix(f.Path, "/"+n) {
					out = append(out, f)
				}
			}
		}
		return out
	}
	tests := []struct {
		name       string
		files      []File
		present    map[string]bool
		snapshots  int
		newestRef  string
		newestHost string
	}{
		{"list and info in any order", pick("info-last-archive.json", "info.json", "list.json"), allPresent(true, true, false), 9,
			"sources/borg/web01-repokey-blake2-daily-9d/list.json#/archives/8", "web-01"},
		{"list only", pick("list.json"), allPresent(true, true, false), 9, "sources/borg/web01-repokey-blake2-daily-9d/list.json#/archives/8", ""},
		{"repository info only: no archives", pick("info.json"), allPresent(false, true, false), 0, "", ""},
		{"info --last 1 only", pick("info-last-archive.json"), allPresent(true, true, false), 1,
			"sources/borg/web01-repokey-blake2-daily-9d/info-last-archive.json#/archives/0", "web-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := project(t, []Repo{{Source: "web01", Tool: ToolBorg, Files: tt.files}}).Repositories["web01"]
			if diff := cmp.Diff(tt.present, r.Present); diff != "" {
				t.Errorf("present (-want +got):\n%s", diff)
			}
			if len(r.Snapshots) != tt.snapshots {
				t.Fatalf("snapshots: got %d, want %d", len(r.Snapshots), tt.snapshots)
			}
			if r.Location != "/mnt/backup/borg/web-01" || r.Integrity != nil {
				t.Errorf("location %q, integrity %v", r.Location, r.Integrity)
			}
			if tt.snapshots == 0 {
				return
			}
			newest := r.Snapshots[len(r.Snapshots)-1]
			if newest.ID != "web-01-2026-11-23" || newest.TimeNS != ns("2026-11-23T02:15:00Z") || newest.Ref != tt.newestRef || newest.Hostname != tt.newestHost {
				t.Errorf("newest snapshot %+v, want web-01-2026-11-23 at 02:15 UTC, ref %s, host %q", newest, tt.newestRef, tt.newestHost)
			}
		})
	}
}

func TestProjectBorgModesAndCheckpoints(t *testing.T) {
	data := `{"archives":[
		{"archive":"a-2026-11-23.checkpoint","id":"c1","name":"a-2026-11-23.checkpoint","start":"2026-11-23T03:00:00.000000","time":"2026-11-23T03:00:00.000000"},
		{"archive":"a-2026-11-23.checkpoint.1","id":"c2","name":"a-2026-11-23.checkpoint.1","start":"2026-11-23T03:10:00","time":"2026-11-23T03:10:00"},
		{"archive":"a-2026-11-22","id":"a1","name":"a-2026-11-22","start":"2026-11-22T03:00:00+02:00","time":"2026-11-22T03:00:00+02:00"}],
		"encryption":{"mode":"authenticated-blake2"},"repository":{"id":"r","last_modified":"2026-11-23T03:10:00.000000","location":"ssh://backup@host/./repo"}}`
	r := project(t, []Repo{{Source: "a", Tool: ToolBorg, Files: []File{{Path: "l.json", Kind: KindBorgList, Data: []byte(data)}}}}).Repositories["a"]
	want := []Snapshot{
		{ID: "a-2026-11-22", TimeNS: ns("2026-11-22T01:00:00Z"), OK: true, Tags: []string{}, Tenants: []string{}, Ref: "l.json#/archives/2"},
		{ID: "a-2026-11-23.checkpoint", TimeNS: ns("2026-11-23T03:00:00Z"), Tags: []string{}, Tenants: []string{}, Ref: "l.json#/archives/0"},
		{ID: "a-2026-11-23.checkpoint.1", TimeNS: ns("2026-11-23T03:10:00Z"), Tags: []string{}, Tenants: []string{}, Ref: "l.json#/archives/1"},
	}
	if diff := cmp.Diff(want, r.Snapshots); diff != "" {
		t.Errorf("snapshots (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(&Encryption{Encrypted: ptr(false), Mode: "authenticated-blake2", Ref: "l.json#/encryption"}, r.Encryption); diff != "" {
		t.Errorf("authenticated mode is not encryption (-want +got):\n%s", diff)
	}
}

func TestProjectPgBackRestMain(t *testing.T) {
	const file = "sources/pgbackrest/main-two-repos-encrypted/info.json"
	b := project(t, []Repo{{Source: "main", Tool: ToolPgBackRest, Files: pgFiles(t, "main-two-repos-encrypted"),
		Site: "DE-Falkenstein", Sites: map[string]string{"repo2": "FI-Helsinki"}, Retention: &Retention{Daily: 7},
		Tenants: map[string]Selector{"acme": {Stanzas: []string{"main"}}, "other": {Stanzas: []string{"sales"}, Databases: []string{"main"}}}}})
	acme := []string{"acme"}
	snap := func(label string, stop int64, typ string, bi int) Snapshot {
		return Snapshot{ID: label, TimeNS: stop * 1e9, OK: true, Tags: []string{typ}, Tenants: acme, Ref: file + "#/0/backup/" + strconv.Itoa(bi)}
	}
	want := map[string]*Repository{
		"main/repo1": {
			Source: "main", Tool: "pgbackrest", Location: "main", Present: allPresent(true, true, true), Errors: map[string]string{},
			Site: "DE-Falkenstein", MaxAgeS: 26 * 3600, Retention: &Retention{Daily: 7},
			Encryption: &Encryption{Encrypted: ptr(true), Mode: "aes-256-cbc", Ref: file + "#/0/repo/0/cipher"},
			Integrity: &Integrity{OK: true, CheckedAtNS: ptr[int64](1795457101 * 1e9), Detail: "status 0 (ok); newest backup 20261123-180449F_20261123-180500D completed without errors",
				Ref: file + "#/0/repo/0/status"},
			Snapshots: []Snapshot{
				snap("20261123-180449F", 1795457092, "full", 0),
				snap("20261123-180449F_20261123-180455I", 1795457097, "incr", 2),
				snap("20261123-180449F_20261123-180500D", 1795457101, "diff", 4),
			},
			Ref: file + "#/0/repo/0",
		},
		"main/repo2": {
			Source: "main", Tool: "pgbackrest", Location: "main", Present: allPresent(true, true, true), Errors: map[string]string{},
			Site: "FI-Helsinki", MaxAgeS: 26 * 3600, Retention: &Retention{Daily: 7},
			Encryption: &Encryption{Encrypted: ptr(true), Mode: "aes-256-cbc", Ref: file + "#/0/repo/1/cipher"},
			Integrity: &Integrity{OK: true, CheckedAtNS: ptr[int64](1795457099 * 1e9), Detail: "status 0 (ok); newest backup 20261123-180452F_20261123-180458I completed without errors",
				Ref: file + "#/0/repo/1/status"},
			Snapshots: []Snapshot{
				snap("20261123-180452F", 1795457094, "full", 1),
				snap("20261123-180452F_20261123-180458I", 1795457099, "incr", 3),
			},
			Ref: file + "#/0/repo/1",
		},
	}
	if diff := cmp.Diff(want, b.Repositories); diff != "" {
		t.Errorf("repositories (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string][]string{"acme": {"main/repo1", "main/repo2"}}, b.TenantRepositories); diff != "" {
		t.Errorf("tenant_repositories (-want +got):\n%s", diff)
	}
}

func TestProjectPgBackRestSales(t *testing.T) {
	// system-id 7711429549038716759 is above 2^53: decoding must not
	// round it (or fail on it).
	b := project(t, []Repo{{Source: "sales", Tool: ToolPgBackRest, Files: pgFiles(t, "sales-single-repo-encrypted")}})
	r := b.Repositories["sales/repo1"]
	if r == nil || len(b.Repositories) != 1 {
		t.Fatalf("repositories: %v", b.Repositories)
	}
	if diff := cmp.Diff([]string{"20261123-180510F", "20261123-180510F_20261123-180512I", "20261123-180515F",
		"20261123-180515F_20261123-180517D", "20261123-180515F_20261123-180520I"}, ids(r.Snapshots)); diff != "" {
		t.Errorf("snapshots (-want +got):\n%s", diff)
	}
	if !r.Integrity.OK || r.Integrity.CheckedAtNS == nil || *r.Integrity.CheckedAtNS != 1795457121*1e9 {
		t.Errorf("integrity %+v", r.Integrity)
	}
	if len(b.TenantRepositories) != 0 {
		t.Errorf("tenant_repositories: %v, want none", b.TenantRepositories)
	}
}

func TestProjectPgBackRestVerdicts(t *testing.T) {
	tests := []struct {
		name string
		data string
		want map[string]*Integrity
		enc  map[string]*Encryption
		snap map[string][]bool // ok per snapshot
	}{
		{
			name: "newest backup with errors, older one fine; repo2 without backups",
			data: `[{"name":"db","cipher":"mixed","status":{"code":0,"message":"ok"},
				"repo":[{"key":1,"cipher":"none","status":{"code":0,"message":"ok"}},{"key":2,"cipher":"aes-256-cbc","status":{"code":2,"message":"no valid backups"}}],
				"db":[{"id":1,"repo-key":1,"system-id":18446744073709551615,"version":"16"}],
				"backup":[{"label":"F2","type":"full","timestamp":{"start":1795450000,"stop":1795450100},"error":true,"database":{"id":1,"repo-key":1}},
					{"label":"F1","type":"full","timestamp":{"start":1795440000,"stop":1795440100},"error":false,"database":{"id":1,"repo-key":1}}]}]`,
			want: map[string]*Integrity{
				"src/repo1": {CheckedAtNS: ptr[int64](1795450100 * 1e9), Detail: "status 0 (ok); newest backup F2 has errors", Ref: "i.json#/0/repo/0/status"},
				"src/repo2": {Detail: "status 2 (no valid backups); no backups", Ref: "i.json#/0/repo/1/status"},
			},
			enc: map[string]*Encryption{
				"src/repo1": {Encrypted: ptr(false), Mode: "none", Ref: "i.json#/0/repo/0/cipher"},
				"src/repo2": {Encrypted: ptr(true), Mode: "aes-256-cbc", Ref: "i.json#/0/repo/1/cipher"},
			},
			snap: map[string][]bool{"src/repo1": {true, false}, "src/repo2": nil},
		},
		{
			name: "stanza error, no repo list (pgBackRest before 2.33), no error field",
			data: `[{"name":"db","cipher":"aes-256-cbc","status":{"code":1,"message":"missing stanza path"},
				"backup":[{"label":"F1","type":"full","timestamp":{"start":1795440000,"stop":1795440100}}]}]`,
			want: map[string]*Integrity{"src/repo1": {CheckedAtNS: ptr[int64](1795440100 * 1e9), Detail: "status 1 (missing stanza path)", Ref: "i.json#/0/status"}},
			enc:  map[string]*Encryption{"src/repo1": {Encrypted: ptr(true), Mode: "aes-256-cbc", Ref: "i.json#/0/cipher"}},
			snap: map[string][]bool{"src/repo1": {true}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := project(t, []Repo{{Source: "src", Tool: ToolPgBackRest, Files: []File{{Path: "i.json", Kind: KindPgBackRestInfo, Data: []byte(tt.data)}}}})
			gotI, gotE, gotS := map[string]*Integrity{}, map[string]*Encryption{}, map[string][]bool{}
			for name, r := range b.Repositories {
				gotI[name], gotE[name] = r.Integrity, r.Encryption
				var oks []bool
				for _, s := range r.Snapshots {
					oks = append(oks, s.OK)
				}
				gotS[name] = oks
			}
			if diff := cmp.Diff(tt.want, gotI); diff != "" {
				t.Errorf("integrity (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.enc, gotE); diff != "" {
				t.Errorf("encryption (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.snap, gotS); diff != "" {
				t.Errorf("snapshot ok (-want +got):\n%s", diff)
			}
		})
	}
}

func TestProjectPgBackRestMultiStanza(t *testing.T) {
	data := `[{"name":"a","status":{"code":0,"message":"ok"},"repo":[{"key":1,"cipher":"none","status":{"code":0,"message":"ok"}}],"backup":[]},
		{"name":"b","status":{"code":0,"message":"ok"},"repo":[{"key":1,"cipher":"none","status":{"code":0,"message":"ok"}}],"backup":[]}]`
	b := project(t, []Repo{{Source: "pg", Tool: ToolPgBackRest, Files: []File{{Path: "i.json", Kind: KindPgBackRestInfo, Data: []byte(data)}}}})
	if diff := cmp.Diff([]string{"pg/a/repo1", "pg/b/repo1"}, sortedKeys(b.Repositories)); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}
}

func TestProjectMissingEvidence(t *testing.T) {
	b := project(t, []Repo{
		{Source: "pg", Tool: ToolPgBackRest, Site: "DE-Nuremberg", Sites: map[string]string{"repo1": "DE-Falkenstein", "repo2": "FI-Helsinki"}},
		{Source: "pg2", Tool: ToolPgBackRest},
		{Source: "r", Tool: ToolRestic},
		{Source: "b", Tool: ToolBorg},
	})
	got := map[string]string{}
	for name, r := range b.Repositories {
		if r.Present[KeySnapshots] || r.Present[KeyEncryption] || r.Present[KeyIntegrity] || r.Encryption != nil || r.Integrity != nil || len(r.Snapshots) != 0 {
			t.Errorf("%s: evidence without files: %+v", name, r)
		}
		got[name] = r.Tool + " " + r.Site
	}
	want := map[string]string{"pg/repo1": "pgbackrest DE-Falkenstein", "pg/repo2": "pgbackrest FI-Helsinki", "pg2": "pgbackrest ", "r": "restic ", "b": "borg "}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("repositories (-want +got):\n%s", diff)
	}
}

func TestProjectErrors(t *testing.T) {
	tests := []struct {
		name string
		repo Repo
		want string
	}{
		{"restic snapshots not JSON", Repo{Source: "web01", Tool: ToolRestic, Files: []File{{Path: "sources/restic/web01/snapshots.json", Kind: KindResticSnapshots, Data: []byte("ID  Time\n")}}},
			"project restic snapshots sources/restic/web01/snapshots.json: decode restic snapshots --json output: invalid JSON at byte 0 (the top-level value): unexpected 'I', expected a value"},
		{"restic snapshot tags a string", Repo{Source: "web01", Tool: ToolRestic, Files: []File{{Path: "s.json", Kind: KindResticSnapshots, Data: []byte(`[{"time":"2026-11-23T02:15:00Z","id":"abc","tags":"daily"}]`)}}},
			"project restic snapshots s.json: decode restic snapshots --json output: /0/tags: expected an array of strings, found a string"},
		{"restic snapshot time", Repo{Source: "web01", Tool: ToolRestic, Files: []File{{Path: "s.json", Kind: KindResticSnapshots, Data: []byte(`[{"time":"yesterday","id":"abc"}]`)}}},
			`project restic snapshots s.json: /0: time "yesterday" is not RFC 3339`},
		{"restic config without id", Repo{Source: "web01", Tool: ToolRestic, Files: []File{{Path: "c.json", Kind: KindResticConfig, Data: []byte(`{}`)}}},
			"project restic config c.json: no repository id"},
		{"borg truncated", Repo{Source: "db01", Tool: ToolBorg, Files: []File{{Path: "l.json", Kind: KindBorgList, Data: []byte(`{"archives":[`)}}},
			"project borg list l.json: decode borg list --json output: invalid JSON at byte 13 (/archives/0): unexpected end of input, expected a value"},
		{"borg encryption a string", Repo{Source: "db01", Tool: ToolBorg, Files: []File{{Path: "i.json", Kind: KindBorgInfo, Data: []byte(`{"cache":{},"encryption":"repokey","repository":{"location":"/r"}}`)}}},
			"project borg info i.json: decode borg info --json output: /encryption: expected an object, found a string"},
		{"borg time", Repo{Source: "db01", Tool: ToolBorg, Files: []File{{Path: "i.json", Kind: KindBorgInfo, Data: []byte(`{"archives":[{"name":"x","id":"1","start":"23.11.2026"}]}`)}}},
			`project borg info i.json: /archives/0: archive "x": time "23.11.2026" is neither borg's local time nor RFC 3339`},
		// Names from the evidence are quoted: the message stays one line.
		{"borg archive name with a line break", Repo{Source: "db01", Tool: ToolBorg, Files: []File{{Path: "l.json", Kind: KindBorgList, Data: []byte(`{"archives":[{"name":"a\nb\u001b[2J","id":"1"}]}`)}}},
			`project borg list l.json: /archives/0: archive "a\nb\x1b[2J" has no start or time`},
		{"pgbackrest object instead of array", Repo{Source: "main", Tool: ToolPgBackRest, Files: []File{{Path: "p.json", Kind: KindPgBackRestInfo, Data: []byte(`{"name":"main"}`)}}},
			"project pgbackrest info p.json: decode pgbackrest info --output=json output: the top-level value: expected an array of objects, found an object"},
		{"pgbackrest repo a string", Repo{Source: "main", Tool: ToolPgBackRest, Files: []File{{Path: "p.json", Kind: KindPgBackRestInfo, Data: []byte(`[{"name":"main","repo":"repo1"}]`)}}},
			"project pgbackrest info p.json: decode pgbackrest info --output=json output: /0/repo: expected an array of objects, found a string"},
		{"pgbackrest stop time", Repo{Source: "main", Tool: ToolPgBackRest, Files: []File{{Path: "p.json", Kind: KindPgBackRestInfo,
			Data: []byte(`[{"name":"main","backup":[{"label":"F","timestamp":{"stop":1.5e9}}]}]`)}}},
			`project pgbackrest info p.json: /0/backup/0/timestamp/stop: "1.5e9" is not Unix seconds`},
		{"pgbackrest stanza twice, its name with a line break", Repo{Source: "main", Tool: ToolPgBackRest, Files: []File{{Path: "p.json", Kind: KindPgBackRestInfo,
			Data: []byte(`[{"name":"m\n","repo":[{"key":1}]},{"name":"m\n","repo":[{"key":1}]}]`)}}},
			`project pgbackrest info p.json: /1: repository "main/m\n/repo1" appears twice`},
		{"pgbackrest two info files", Repo{Source: "main", Tool: ToolPgBackRest, Files: []File{{Path: "a.json", Kind: KindPgBackRestInfo, Data: []byte(`[]`)}, {Path: "b.json", Kind: KindPgBackRestInfo, Data: []byte(`[]`)}}},
			"project pgbackrest info b.json: source main already has info file a.json"},
		{"unknown tool", Repo{Source: "x", Tool: "bacula"}, `project backup source x: unknown tool "bacula"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Project([]Repo{tt.repo}, Params{})
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error\n got %q\nwant prefix %q", err, tt.want)
			}
		})
	}
	_, err := Project([]Repo{{Source: "web01", Tool: ToolRestic}, {Source: "web01", Tool: ToolBorg}}, Params{})
	if err == nil || err.Error() != `project borg source web01: repository name "web01" is already used by another source` {
		t.Errorf("duplicate name: %v", err)
	}
}

func TestProjectJSONShape(t *testing.T) {
	got, err := json.Marshal(project(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"repositories":{},"tenant_repositories":{}}`; string(got) != want {
		t.Errorf("empty: got %s, want %s", got, want)
	}
	got, err = json.Marshal(project(t, []Repo{{Source: "r", Tool: ToolRestic}}).Repositories["r"])
	if err != nil {
		t.Fatal(err)
	}
	want := `{"source":"r","tool":"restic","location":"","present":{"encryption":false,"integrity":false,"snapshots":false},"errors":{},` +
		`"site":"","max_age_s":93600,"retention":null,"encryption":null,"integrity":null,"snapshots":[],"ref":""}`
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("repository without evidence (-want +got):\n%s", diff)
	}
}

// TestProjectGolden compares the projection of every fixture together,
// marshalled as the engine hands it to OPA, with a reviewed golden file.
func TestProjectGolden(t *testing.T) {
	tenants := map[string]Selector{
		"acme":   {Hosts: []string{"web-01"}, ArchivePrefix: "web-01-", Stanzas: []string{"main"}},
		"globex": {Tags: []string{"postgres"}, ArchivePrefix: "db-01-", Stanzas: []string{"sales"}},
	}
	repos := []Repo{
		{Source: "web01", Tool: ToolRestic, Files: resticFiles(t, "web01-daily-9d"), Site: "DE-Falkenstein", Tenants: tenants, CheckedAt: checkedAt,
			Retention: &Retention{Daily: 7, Weekly: 4, Monthly: 6}},
		{Source: "shared", Tool: ToolRestic, Files: resticFiles(t, "shared-multihost"), Site: "DE-Nuremberg", Tenants: tenants, CheckedAt: checkedAt},
		{Source: "legacy", Tool: ToolRestic, Files: resticFiles(t, "legacy-repo-v1"), CheckedAt: checkedAt},
		{Source: "borg-web01", Tool: ToolBorg, Files: borgFiles(t, "web01-repokey-blake2-daily-9d"), Site: "FI-Helsinki", Tenants: tenants},
		{Source: "borg-db01", Tool: ToolBorg, Files: borgFiles(t, "db01-repokey-blake2-pruned"), Site: "FI-Helsinki", Tenants: tenants, MaxAge: 48 * time.Hour},
		{Source: "main", Tool: ToolPgBackRest, Files: pgFiles(t, "main-two-repos-encrypted"), Sites: map[string]string{"repo1": "DE-Falkenstein", "repo2": "FI-Helsinki"}, Tenants: tenants},
		{Source: "sales", Tool: ToolPgBackRest, Files: pgFiles(t, "sales-single-repo-encrypted"), Site: "DE-Falkenstein", Tenants: tenants},
	}
	b := project(t, repos)
	wantTR := map[string][]string{
		"acme":   {"borg-web01", "main/repo1", "main/repo2", "shared", "web01"},
		"globex": {"borg-db01", "sales/repo1", "shared"},
	}
	if diff := cmp.Diff(wantTR, b.TenantRepositories); diff != "" {
		t.Errorf("tenant_repositories (-want +got):\n%s", diff)
	}
	got, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden := filepath.Join("testdata", "golden", "backups.json")
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s (-want +got):\n%s", golden, diff)
	}
}

func ptr[T any](v T) *T { return &v }

// TestProjectEncryptionModes: only modes the tools document as encrypting
// count as encrypted; a mode nachweis does not know is unknown (null),
// never encryption.
func TestProjectEncryptionModes(t *testing.T) {
	tests := []struct {
		tool, mode string
		want       *bool
	}{
		{ToolBorg, "repokey", ptr(true)},
		{ToolBorg, "keyfile-blake2", ptr(true)},
		{ToolBorg, "repokey-blake2-chacha20-poly1305", ptr(true)},
		{ToolBorg, "none", ptr(false)},
		{ToolBorg, "authenticated", ptr(false)},
		{ToolBorg, "authenticated-blake2", ptr(false)},
		{ToolBorg, "plaintext", nil},
		{ToolBorg, "None", nil},
		{ToolBorg, "Repokey", nil},
		{ToolPgBackRest, "aes-256-cbc", ptr(true)},
		{ToolPgBackRest, "none", ptr(false)},
		{ToolPgBackRest, "chacha20", nil},
	}
	for _, tt := range tests {
		t.Run(tt.tool+"/"+tt.mode, func(t *testing.T) {
			var f File
			var name string
			switch tt.tool {
			case ToolBorg:
				f = File{Path: "i.json", Kind: KindBorgInfo, Data: []byte(`{"cache":{},"encryption":{"mode":"` + tt.mode + `"},"repository":{"id":"r","location":"/srv/borg/r"}}`)}
				name = "src"
			case ToolPgBackRest:
				f = File{Path: "i.json", Kind: KindPgBackRestInfo, Data: []byte(`[{"name":"db","cipher":"` + tt.mode + `","status":{"code":0,"message":"ok"},"repo":[{"key":1,"cipher":"` + tt.mode + `","status":{"code":0,"message":"ok"}}],"backup":[]}]`)}
				name = "src/repo1"
			}
			r := project(t, []Repo{{Source: "src", Tool: tt.tool, Files: []File{f}}}).Repositories[name]
			if r == nil || r.Encryption == nil {
				t.Fatalf("no encryption projected: %+v", r)
			}
			if diff := cmp.Diff(tt.want, r.Encryption.Encrypted); diff != "" || r.Encryption.Mode != tt.mode {
				t.Errorf("mode %q: encrypted (-want +got):\n%s", r.Encryption.Mode, diff)
			}
		})
	}
}

// TestProjectFarFutureTime: a snapshot dated after 2262 cannot be held in
// int64 nanoseconds; time.UnixNano would wrap it around (2610 reads as
// 2026, a fresh backup). It stays in the far future instead.
func TestProjectFarFutureTime(t *testing.T) {
	data := `[{"time":"2610-11-23T02:15:00Z","tree":"t","paths":["/srv"],"hostname":"web-01","id":"0123456789abcdef","short_id":"01234567"}]`
	r := project(t, []Repo{{Source: "web01", Tool: ToolRestic, Files: []File{{Path: "s.json", Kind: KindResticSnapshots, Data: []byte(data)}}}}).Repositories["web01"]
	if len(r.Snapshots) != 1 || r.Snapshots[0].TimeNS != math.MaxInt64 {
		t.Fatalf("snapshots %+v, want one at time_ns %d", r.Snapshots, int64(math.MaxInt64))
	}
}

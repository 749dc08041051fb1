package backup

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestDetails(t *testing.T) {
	fs := resticFiles(t, "web01-daily-9d")
	// A snapshot recorded in local time keeps its offset.
	snaps := slices.IndexFunc(fs, func(f File) bool { return f.Kind == KindResticSnapshots })
	fs[snaps].Data = []byte(`[{"time":"2026-11-15T00:30:00+01:00","paths":["/srv/www","/etc"],"hostname":"web-01","tags":["acme","daily"],"id":"1c425225b2f3","short_id":"1c425225"},
		{"time":"2026-11-16T02:15:00Z","paths":["/srv/www"],"hostname":"web-02","id":"6b7bb05e4e3d","short_id":"6b7bb05e"}]`)
	repos, details, err := Details(Repo{Source: "web01", Tool: ToolRestic, Files: fs, Tenants: map[string]Selector{"acme": {Tags: []string{"acme"}}}})
	if err != nil {
		t.Fatal(err)
	}
	if repos["web01"] == nil || len(details["web01"]) != 2 {
		t.Fatalf("repos %v, details %v", repos, details)
	}
	d := details["web01"][0]
	if got := d.Time.Format(time.RFC3339); got != "2026-11-15T00:30:00+01:00" || d.TimeNS != d.Time.UnixNano() {
		t.Errorf("time %s (ns %d)", got, d.TimeNS)
	}
	if diff := cmp.Diff([]string{"acme"}, d.Tenants); diff != "" {
		t.Errorf("tenants (-want +got):\n%s", diff)
	}
	for _, tt := range []struct {
		groupBy []string
		want    string
	}{
		{[]string{"host", "paths"}, "host=web-01 paths=/etc,/srv/www"},
		{[]string{"tags"}, "tags=acme,daily"},
		{nil, ""},
	} {
		if got := ResticGroupKey(d, tt.groupBy); got != tt.want {
			t.Errorf("ResticGroupKey(%v) = %q, want %q", tt.groupBy, got, tt.want)
		}
	}

	id, err := RepositoryID(Repo{Tool: ToolRestic, Files: resticFiles(t, "web01-daily-9d")})
	if err != nil || id != "a15cf35fd7a32f98b0e4c9bd0271ba618405607ae9182b37e078ffceb4b0497f" {
		t.Errorf("restic id %q, %v", id, err)
	}
	id, err = RepositoryID(Repo{Tool: ToolBorg, Files: borgFiles(t, "web01-repokey-blake2-daily-9d")})
	if err != nil || id != "0a3bafda1a22cc240408a3cc22b91756600493a85f267ddccaca025ba365e1a8" {
		t.Errorf("borg id %q, %v", id, err)
	}
	// pgBackRest's system-id does not fit a float64: read exactly.
	id, err = RepositoryID(Repo{Tool: ToolPgBackRest, Files: pgFiles(t, "main-two-repos-encrypted")})
	if err != nil || id != "main=7642011472967116994" {
		t.Errorf("pgbackrest id %q, %v", id, err)
	}
	_, pg, err := Details(Repo{Source: "main", Tool: ToolPgBackRest, Files: pgFiles(t, "main-two-repos-encrypted")})
	if err != nil {
		t.Fatal(err)
	}
	if got := pg["main/repo1"]; len(got) != 3 || got[0].ID != "20261123-180449F" || got[0].Time.Location() != time.UTC {
		t.Errorf("pgbackrest repo1 details: %+v", got)
	}
}

// TestRepositoryIDTypeError: a repository id of the wrong type is named
// by its file and JSON pointer in words, never by Go types.
func TestRepositoryIDTypeError(t *testing.T) {
	tests := []struct {
		tool, kind, data, want string
	}{
		{ToolBorg, KindBorgList, `{"repository":{"id":5},"archives":[]}`,
			"read borg output l.json: /repository/id: expected a string, found a number"},
		{ToolRestic, KindResticConfig, `{"version":2,"id":["x"]}`,
			"read restic config l.json: /id: expected a string, found an array"},
		{ToolPgBackRest, KindPgBackRestInfo, `[{"name":"main","db":{"system-id":1}}]`,
			`read pgbackrest info l.json: /0/db: expected an array of objects, found an object`},
	}
	for _, tt := range tests {
		t.Run(tt.tool, func(t *testing.T) {
			_, err := RepositoryID(Repo{Tool: tt.tool, Files: []File{{Path: "l.json", Kind: tt.kind, Data: []byte(tt.data)}}})
			if err == nil || err.Error() != tt.want {
				t.Errorf("RepositoryID: %v\nwant: %s", err, tt.want)
			}
		})
	}
}

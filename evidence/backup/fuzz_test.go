package backup

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/evidence/internal/fuzzcheck"
)

// The fuzz targets below feed one file of each backup kind to the
// projection (Project, and Details and RepositoryID, which the inventory
// of the deletion protocol reads) and check what it makes of it:
//
//   - an error is one line naming the file, without Go types, and Details
//     refuses the same input;
//   - a projection marshals to JSON, projects the same twice, and every
//     ref names a JSON pointer that leads to a value of the file;
//   - snapshots are sorted, their tenant lists sorted and never null;
//   - an encryption mode counts as encrypted only when the tool's
//     allow-list says so, an integrity verdict of restic check output is
//     OK only when the output says "no errors were found" and no line
//     reports an error, and it has a time only when the collection time
//     is known.
//
// Seeds are the real tool outputs in testdata and the cases below; they
// run in every go test. make fuzz runs each target for FUZZTIME.

// fuzzTenants are selectors that match parts of the fixtures, so that
// tenant matching runs on fuzzed input.
var fuzzTenants = map[string]Selector{
	"acme":   {Tags: []string{"daily"}, Hosts: []string{"web-01"}, Paths: []string{"/srv/www"}, ArchivePrefix: "web", Stanzas: []string{"main"}},
	"globex": {Paths: []string{"/"}, ArchivePrefix: "db01-", Stanzas: []string{"sales"}},
}

// fuzzPath is the bundle path of the fuzzed file.
const fuzzPath = "sources/fuzz/src/item.json"

func addFiles(f *testing.F, pattern string) {
	f.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", pattern))
	if err != nil || len(paths) == 0 {
		f.Fatalf("no seeds match testdata/%s", pattern)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

func addStrings(f *testing.F, seeds ...string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
}

// checkProjection projects one file of kind for tool and checks the
// properties listed above; it returns the repositories, nil on a refusal.
func checkProjection(t *testing.T, tool, kind string, data []byte, checkedAt time.Time) map[string]*Repository {
	t.Helper()
	repo := Repo{
		Source: "src", Tool: tool, Files: []File{{Path: fuzzPath, Kind: kind, Data: data}},
		Site: "DE-Falkenstein", Sites: map[string]string{"repo1": "DE-Nürnberg"},
		Tenants: fuzzTenants, CheckedAt: checkedAt,
	}
	b, err := Project([]Repo{repo}, Params{DefaultMaxAge: 26 * time.Hour})
	_, details, derr := Details(repo)
	if err != nil {
		if e := fuzzcheck.Message(err, fuzzPath); e != nil {
			t.Fatal(e)
		}
		if derr == nil {
			t.Fatalf("Project refuses the file (%v), Details accepts it", err)
		}
		return nil
	}
	if derr != nil {
		t.Fatalf("Project accepts the file, Details refuses it: %v", derr)
	}
	if _, err := json.Marshal(b); err != nil {
		t.Fatalf("projection does not marshal: %v", err)
	}
	again, err := Project([]Repo{repo}, Params{DefaultMaxAge: 26 * time.Hour})
	if err != nil {
		t.Fatalf("second projection fails: %v", err)
	}
	if diff := cmp.Diff(b, again); diff != "" {
		t.Fatalf("two projections differ:\n%s", diff)
	}
	if id, err := RepositoryID(repo); err != nil {
		if e := fuzzcheck.Message(err, fuzzPath); e != nil {
			t.Fatalf("RepositoryID: %v", e)
		}
	} else if strings.ContainsAny(id, "\n\r") {
		t.Fatalf("repository id spans lines: %q", id)
	}
	for name, r := range b.Repositories {
		checkRepository(t, name, r, kind, data, checkedAt)
		if len(details[name]) != len(r.Snapshots) {
			t.Fatalf("%s: Details has %d snapshots, Project %d", name, len(details[name]), len(r.Snapshots))
		}
		for i, d := range details[name] {
			if d.ID != r.Snapshots[i].ID || d.TimeNS != r.Snapshots[i].TimeNS || d.Ref != r.Snapshots[i].Ref {
				t.Fatalf("%s: detail %d is %s at %d (%s), the projection's %s at %d (%s)", name, i,
					d.ID, d.TimeNS, d.Ref, r.Snapshots[i].ID, r.Snapshots[i].TimeNS, r.Snapshots[i].Ref)
			}
		}
	}
	return b.Repositories
}

func checkRepository(t *testing.T, name string, r *Repository, kind string, data []byte, checkedAt time.Time) {
	t.Helper()
	var doc *fuzzcheck.Doc // decoded once, for the first ref
	ref := func(what, ref string) {
		t.Helper()
		if kind == KindResticCheck {
			if ref != fuzzPath+"#" {
				t.Fatalf("%s: %s ref %q, want %s#", name, what, ref, fuzzPath)
			}
			return
		}
		if doc == nil {
			var err error
			if doc, err = fuzzcheck.Parse(data); err != nil {
				t.Fatalf("%s: %s: a ref into a file that is not JSON: %v", name, what, err)
			}
		}
		if err := doc.Ref(ref, fuzzPath); err != nil {
			t.Fatalf("%s: %s: %v", name, what, err)
		}
	}
	for k := range r.Present {
		if !slices.Contains(Keys, k) {
			t.Fatalf("%s: present has key %q, not one of %v", name, k, Keys)
		}
	}
	for k := range r.Errors {
		if r.Present[k] {
			t.Fatalf("%s: %s is present and has an error", name, k)
		}
	}
	if r.Ref != "" {
		ref("repository", r.Ref)
	}
	if e := r.Encryption; e != nil {
		ref("encryption", e.Ref)
		if e.Encrypted != nil && *e.Encrypted {
			var known bool
			switch r.Tool {
			case ToolRestic:
				known = true // restic cat config only succeeds on a decrypted repository
			case ToolBorg:
				known = borgModes[e.Mode]
			case ToolPgBackRest:
				known = pgBackRestCiphers[e.Mode]
			}
			if !known {
				t.Fatalf("%s: mode %q counts as encrypted", name, e.Mode)
			}
		}
	}
	if in := r.Integrity; in != nil {
		ref("integrity", in.Ref)
		if strings.ContainsAny(in.Detail, "\n") {
			t.Fatalf("%s: integrity detail spans lines: %q", name, in.Detail)
		}
		if r.Tool == ToolRestic && (in.CheckedAtNS == nil) != checkedAt.IsZero() {
			t.Fatalf("%s: integrity time %v with collection time %v", name, in.CheckedAtNS, checkedAt)
		}
		if r.Tool == ToolRestic && in.OK && !cleanCheck(data) {
			t.Fatalf("%s: restic check passes on %q", name, data)
		}
	}
	for i, s := range r.Snapshots {
		ref("snapshot "+s.ID, s.Ref)
		if i > 0 && (s.TimeNS < r.Snapshots[i-1].TimeNS || s.TimeNS == r.Snapshots[i-1].TimeNS && s.ID < r.Snapshots[i-1].ID) {
			t.Fatalf("%s: snapshots not sorted at %d", name, i)
		}
		if s.Tenants == nil || s.Tags == nil || !slices.IsSorted(s.Tenants) {
			t.Fatalf("%s: snapshot %s: tenants %v, tags %v: want sorted, non-nil", name, s.ID, s.Tenants, s.Tags)
		}
		if r.Tool == ToolRestic && s.ID == "" {
			t.Fatalf("%s: restic snapshot without id", name)
		}
	}
}

// cleanCheck is the rule of resticCheck said another way: some line is
// "no errors were found", and it is the only kind of line that mentions
// an error or something fatal.
func cleanCheck(data []byte) bool {
	clean := false
	for _, l := range strings.Split(string(data), "\n") {
		l = strings.ToLower(strings.TrimSpace(l))
		switch {
		case l == "no errors were found":
			clean = true
		case strings.Contains(l, "error") || strings.Contains(l, "fatal"):
			return false
		}
	}
	return clean
}

var fuzzCheckedAt = time.Date(2026, 11, 23, 18, 10, 0, 0, time.UTC)

func FuzzResticSnapshots(f *testing.F) {
	addFiles(f, "restic/*/snapshots.json")
	addStrings(f,
		`[]`, `null`, `{}`, `[null]`, `[{}]`,
		`[{"time":"2026-11-23T02:15:00.123456789+01:00","tree":"t","paths":["/srv/www"],"hostname":"web-01","tags":["daily"],"id":"1c4252251c4252251c425225","short_id":""}]`,
		`[{"time":"2262-04-12T00:00:00Z","id":"a"},{"time":"1600-01-01T00:00:00Z","id":"b"}]`,
		`[{"group_key":{"hostname":"web-01"},"snapshots":[{"time":"2026-11-23T02:15:00Z","id":"abc","paths":["/"]}]}]`,
		`[{"group_key":null,"time":"2026-11-23T02:15:00Z","id":"x"}]`,
		`[{"time":"yesterday","id":"a"}]`, `[{"Time":"2026-11-23T02:15:00Z","ID":"a","Paths":["/srv/www/x"]}]`,
		`[{"time":"2026-11-23T02:15:00Z","id":"a","tags":null,"paths":[""]},{"time":"2026-11-23T02:15:00Z","id":"a"}]`,
		`[{"time":"2026-11-23T02:15:00Z","id":"a","tags":[1]}]`,
	)
	f.Fuzz(func(t *testing.T, data []byte) {
		checkProjection(t, ToolRestic, KindResticSnapshots, data, fuzzCheckedAt)
	})
}

func FuzzResticConfig(f *testing.F) {
	addFiles(f, "restic/*/cat-config.json")
	addStrings(f,
		`{}`, `null`, `[]`, `{"version":2,"id":""}`, `{"version":-1,"id":"x","chunker_polynomial":"3"}`,
		`{"version":"2","id":"x"}`, `{"version":1e300,"id":"x"}`, `{"id":5}`, `{"ID":"upper"}`,
	)
	f.Fuzz(func(t *testing.T, data []byte) {
		repos := checkProjection(t, ToolRestic, KindResticConfig, data, fuzzCheckedAt)
		if r := repos["src"]; r != nil && (r.Encryption == nil || !r.Present[KeyEncryption] || r.Location == "") {
			t.Fatalf("restic config accepted without encryption or repository id: %+v", r)
		}
	})
}

func FuzzResticCheck(f *testing.F) {
	for _, p := range []string{"restic/web01-daily-9d/check.txt", "restic/legacy-repo-v1/check.txt"} {
		data, err := os.ReadFile(filepath.Join("testdata", p))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, true)
		f.Add(data, false)
	}
	for _, s := range []string{
		"", "no errors were found", "No Errors Were Found\r\n", "no errors were found\nerror: pack abc contains 1 error\n",
		"Fatal: unable to open config file", "no errors were found\x00\x1b[31m", "check snapshots, trees and blobs\nerrors were found",
		strings.Repeat("x", 70000) + "\nno errors were found\n",
	} {
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, known bool) {
		at := fuzzCheckedAt
		if !known {
			at = time.Time{}
		}
		repos := checkProjection(t, ToolRestic, KindResticCheck, data, at)
		if r := repos["src"]; r == nil || r.Integrity == nil || !r.Present[KeyIntegrity] {
			t.Fatalf("restic check output not projected: %+v", r)
		}
	})
}

func FuzzBorgInfo(f *testing.F) {
	addFiles(f, "borg/*/info*.json")
	addStrings(f,
		`{}`, `{"repository":{"location":"/x"},"encryption":{"mode":"plaintext"},"cache":{}}`,
		`{"encryption":{"mode":"None"},"archives":[{"name":"a","start":"2026-11-23T02:15:00.000000"}]}`,
		`{"encryption":{"mode":"repokey"},"archives":[{"id":"1","name":"web.checkpoint.1","start":"2026-11-23T02:15:00+02:00"}]}`,
		`{"archives":[{"name":"","id":""}]}`, `{"archives":[{"name":"a"}]}`, `{"archives":[{"name":"a","time":"2026-13-01T00:00:00"}]}`,
		`{"repository":{"id":5}}`, `{"repository":null,"encryption":null,"archives":null}`,
	)
	f.Fuzz(func(t *testing.T, data []byte) {
		checkProjection(t, ToolBorg, KindBorgInfo, data, fuzzCheckedAt)
	})
}

func FuzzBorgList(f *testing.F) {
	addFiles(f, "borg/*/list.json")
	addStrings(f,
		`{"archives":[]}`, `{"archives":[{"id":"x","name":"db01-a","time":"2026-11-23T03:30:00.000000"},{"id":"x","name":"b","time":"bad"}]}`,
		`{"encryption":{"mode":"authenticated-blake2"},"archives":[{"name":"a","time":"9999-12-31T23:59:59.999999"}]}`,
		`{"encryption":{"mode":"keyfile-blake2"},"repository":{"location":"ssh://u@h/./repo"},"archives":[{"name":"a.checkpoint","time":"2026-11-23T03:30:00Z"}]}`,
		`{"archives":[{"name":"a\nb\u001b[2J","id":"1"}]}`, `{"archives":[{"name":"a\r","time":"x\ny"}]}`,
	)
	f.Fuzz(func(t *testing.T, data []byte) {
		checkProjection(t, ToolBorg, KindBorgList, data, fuzzCheckedAt)
	})
}

// FuzzPgBackRestInfo feeds raw pgbackrest info output through the
// repair the collector applies (pgEscapeJSON) and the projection:
//
//   - the repair is idempotent and changes nothing that decodes (valid
//     JSON decodes to the same value before and after: invalid UTF-8
//     becomes U+FFFD either way);
//   - a control byte planted in a string of valid output, as pgBackRest
//     2.45 writes them, leaves valid JSON that holds it as a \u00XX
//     escape, and nothing else changes;
//   - the collector's verdict on the output is one line, and so is every
//     status message as the projection quotes it.
func FuzzPgBackRestInfo(f *testing.F) {
	addFiles(f, "pgbackrest/*/info.json")
	addStrings(f,
		`[]`, `[{}]`, `[{"name":"main","status":{"code":99,"message":"other"},"repo":[{"key":1,"cipher":"aes-256-cbc","status":{"code":99,"message":"[FormatError] x found outside of section at line 1: `+"\x01\x02\xff"+`"}}],"backup":[]}]`,
		`[{"name":"main","cipher":"mixed","status":{"code":0,"message":"ok"},"repo":[{"key":1},{"key":2,"cipher":"none"}],"backup":[{"label":"L","type":"full","timestamp":{"start":1,"stop":9223372036854775807},"database":{"repo-key":2},"error":true}]}]`,
		`[{"name":"main","status":{"code":5,"message":"database mismatch across repos"},"backup":[{"label":"L","timestamp":{"stop":1.5}}]}]`,
		`[{"name":"main","repo":[{"key":"x"}]}]`, `[{"name":"main","repo":[{"key":1},{"key":1}]}]`,
		`[{"name":"a","backup":[{"database":{"repo-key":1},"timestamp":{"stop":1}}]},{"name":"b","status":{"code":"2"}}]`,
		"[{\"name\":\"main\",\"status\":{\"code\":99,\"message\":\"line1\nline2\r\x1b[31m\"}}]",
	)
	f.Fuzz(func(t *testing.T, raw []byte) {
		data := pgEscapeJSON(raw)
		if again := pgEscapeJSON(data); !bytes.Equal(again, data) {
			t.Fatalf("pgEscapeJSON is not idempotent: %q → %q → %q", raw, data, again)
		}
		if json.Valid(raw) {
			var a, b any
			if json.Unmarshal(raw, &a) != nil || json.Unmarshal(data, &b) != nil {
				t.Fatalf("valid output %q repaired to %q, which does not decode", raw, data)
			}
			if diff := cmp.Diff(a, b); diff != "" {
				t.Fatalf("repair changed what %q decodes to:\n%s", raw, diff)
			}
			if q := bytes.IndexByte(raw, '"'); q >= 0 {
				c := raw[len(raw)/2] % 0x20
				planted := slices.Concat(raw[:q+1], []byte{c}, raw[q+1:])
				got := pgEscapeJSON(planted)
				want := slices.Concat(data[:q+1], []byte(`\u00`+string("0123456789abcdef"[c>>4])+string("0123456789abcdef"[c&15])), data[q+1:])
				if !bytes.Equal(got, want) || !json.Valid(got) {
					t.Fatalf("control byte %#x planted in %q: repaired to %q, want %q (valid JSON)", c, planted, got, want)
				}
			}
		}
		for _, stanza := range []string{"main", "sales"} {
			if v := pgVerifyInfo(data, stanza); strings.ContainsAny(v, "\n\r") {
				t.Fatalf("verdict spans lines: %q", v)
			}
		}
		repos := checkProjection(t, ToolPgBackRest, KindPgBackRestInfo, data, fuzzCheckedAt)
		for name, r := range repos {
			for k, e := range r.Errors {
				if strings.ContainsFunc(e, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
					t.Fatalf("%s: error of %s holds a control character: %q", name, k, e)
				}
			}
		}
	})
}

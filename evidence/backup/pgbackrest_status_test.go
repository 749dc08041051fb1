package backup

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestProjectPgBackRestUnusable: a repository pgBackRest could not read
// provides no evidence and says why; a readable one next to it keeps its
// evidence.
func TestProjectPgBackRestUnusable(t *testing.T) {
	type got struct {
		Present map[string]bool
		Errors  map[string]string
		OK      bool // integrity
	}
	wrongPass := "[FormatError] unable to load info file '/r1/backup/db/backup.info':\nFormatError: key/value found outside of section at line 1: \x02q=\xfe7\nFormatError: key/value found outside of section at line 1: \x02q=\xfe7\nHINT: has a stanza-create been performed?"
	tests := []struct {
		name, data string
		want       map[string]got
	}{
		{
			name: "wrong cipher pass in repo1, repo2 fine",
			data: `[{"name":"db","cipher":"mixed","status":{"code":4,"message":"different across repos"},
				"repo":[{"key":1,"cipher":"aes-256-cbc","status":{"code":99,"message":` + quote(wrongPass) + `}},
					{"key":2,"cipher":"none","status":{"code":0,"message":"ok"}}],
				"backup":[{"label":"F1","type":"full","timestamp":{"start":1795440000,"stop":1795440100},"error":false,"database":{"id":1,"repo-key":2}}]}]`,
			want: map[string]got{
				"src/repo1": {Present: allPresent(false, false, false), Errors: allErrors("pgBackRest cannot read repo1 of stanza db: status 99 ([FormatError] unable to load info file '/r1/backup/db/backup.info':; FormatError: key/value found outside of section at line 1:; HINT: has a stanza-create been performed?); the repository is encrypted: is its cipher pass right?")},
				"src/repo2": {Present: allPresent(true, true, true), Errors: map[string]string{}, OK: true},
			},
		},
		{
			name: "missing stanza path in every repo",
			data: `[{"name":"db","cipher":"none","status":{"code":1,"message":"missing stanza path"},
				"repo":[{"key":1,"cipher":"none","status":{"code":1,"message":"missing stanza path"}}],"backup":[]}]`,
			want: map[string]got{
				"src/repo1": {Present: allPresent(false, false, false), Errors: allErrors("pgBackRest cannot read repo1 of stanza db: status 1 (missing stanza path)")},
			},
		},
		{
			name: "no valid backups is evidence of no backups",
			data: `[{"name":"db","cipher":"none","status":{"code":2,"message":"no valid backups"},
				"repo":[{"key":1,"cipher":"none","status":{"code":2,"message":"no valid backups"}}],"backup":[]}]`,
			want: map[string]got{"src/repo1": {Present: allPresent(true, true, true), Errors: map[string]string{}}},
		},
		{
			name: "repositories holding different database clusters fail integrity",
			data: `[{"name":"db","cipher":"none","status":{"code":5,"message":"database mismatch across repos"},
				"repo":[{"key":1,"cipher":"none","status":{"code":0,"message":"ok"}}],
				"backup":[{"label":"F1","type":"full","timestamp":{"start":1795440000,"stop":1795440100},"error":false,"database":{"id":1,"repo-key":1}}]}]`,
			want: map[string]got{"src/repo1": {Present: allPresent(true, true, true), Errors: map[string]string{}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := project(t, []Repo{{Source: "src", Tool: ToolPgBackRest, Files: []File{{Path: "i.json", Kind: KindPgBackRestInfo, Data: []byte(tt.data)}}}})
			out := map[string]got{}
			for name, r := range b.Repositories {
				out[name] = got{Present: r.Present, Errors: r.Errors, OK: r.Integrity != nil && r.Integrity.OK}
			}
			if diff := cmp.Diff(tt.want, out); diff != "" {
				t.Errorf("repositories (-want +got):\n%s", diff)
			}
		})
	}
}

func allErrors(msg string) map[string]string {
	return map[string]string{KeySnapshots: msg, KeyEncryption: msg, KeyIntegrity: msg}
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestProjectPgBackRestWithoutStatus: a stanza without a status is no
// evidence of a usable repository, and the integrity ref names the stanza
// rather than a status the file does not have.
func TestProjectPgBackRestWithoutStatus(t *testing.T) {
	data := `[{"name":"db","backup":[{"label":"F1","type":"full","timestamp":{"start":1795440000,"stop":1795440100},"database":{"repo-key":1}}]}]`
	b := project(t, []Repo{{Source: "src", Tool: ToolPgBackRest, Files: []File{{Path: "i.json", Kind: KindPgBackRestInfo, Data: []byte(data)}}}})
	r := b.Repositories["src/repo1"]
	if r == nil {
		t.Fatalf("no repository src/repo1: %v", b.Repositories)
	}
	if r.Integrity == nil || r.Integrity.OK || r.Integrity.Ref != "i.json#/0" {
		t.Errorf("integrity %+v, want not OK with ref i.json#/0", r.Integrity)
	}
	if diff := cmp.Diff(allPresent(false, false, false), r.Present); diff != "" {
		t.Errorf("present (-want +got):\n%s", diff)
	}
}

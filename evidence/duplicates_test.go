package evidence

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Evidence in which an object holds a key twice reads one way to one
// decoder and another way to the next; encoding/json keeps the last value,
// so a privileged container or a write-enabled deploy key would pass.
const (
	dupPrivileged = `{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Pod",` +
		`"metadata":{"name":"web","namespace":"acme-prod"},"spec":{"containers":[{"name":"app","image":"nginx",` +
		`"securityContext":{"privileged":true,"privileged":false}}]}}]}`
	dupPrivilegedCase = `{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Pod",` +
		`"metadata":{"name":"web","namespace":"acme-prod"},"spec":{"containers":[{"name":"app","image":"nginx",` +
		`"securityContext":{"privileged":true,"Privileged":false}}]}}]}`
	dupReadOnly = `[{"id":1,"key":"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",` +
		`"url":"https://api.github.com/repos/octocat/Hello-World/keys/1","title":"deploy@ci","verified":true,` +
		`"created_at":"2014-12-10T15:53:42Z","read_only":false,"read_only":true}]`
	dupKind = `{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","namespace":"acme-prod"},` +
		`"data":{"password":"aHVudGVyMg=="},"kind":"ConfigMap"}`
)

func TestImportRejectsDuplicateKeys(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"privileged", dupPrivileged, `/items/0/spec/containers/0/securityContext/privileged: duplicate key "privileged"`},
		{"privileged in another case", dupPrivilegedCase, `/items/0/spec/containers/0/securityContext/Privileged: key "Privileged" duplicates "privileged"`},
		{"deploy key read_only", dupReadOnly, `/0/read_only: duplicate key "read_only"`},
		{"kind", dupKind, `/kind: duplicate key "kind"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			in := filepath.Join(parent, "evidence.json")
			if err := os.WriteFile(in, []byte(tt.data), 0o600); err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join(parent, "bundle")
			err := Import(t.Context(), ImportOptions{Bundle: dir, Source: "src", Files: []string{in}, Now: testNow})
			checkInputError(t, err, in, tt.want)
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Errorf("a bundle was created: %v", err)
			}
		})
	}
}

func TestWriteRejectsDuplicateKeys(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "bundle")
	src := SourceData{
		Source: Source{Kind: "kubernetes", Name: "prod", Collector: "test", StartedAt: testNow, FinishedAt: testNow, Status: StatusOK},
		Items:  []Item{{Kind: KindKubernetesList, Origin: "pods.json", Data: []byte(dupPrivileged)}},
	}
	_, err := Write(t.Context(), dir, []SourceData{src}, WriteOptions{Now: testNow})
	want := `pods.json: /items/0/spec/containers/0/securityContext/privileged: duplicate key "privileged"`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("Write = %v, want an error containing %q", err, want)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("a bundle was created: %v", err)
	}
	// restic check output is text: nothing to scan.
	text := resticSource("web-01", Item{Kind: KindResticCheck, Origin: "check.txt", Data: []byte(`{"a":1,"a":2}` + "\nno errors were found\n")})
	if _, err := Write(t.Context(), dir, []SourceData{text}, WriteOptions{Now: testNow}); err != nil {
		t.Errorf("Write of restic check text: %v", err)
	}
}

// TestReadFileRejectsDuplicateKeys edits a bundle file together with its
// manifest entry, so the hashes agree: reading it as evidence still fails.
func TestReadFileRejectsDuplicateKeys(t *testing.T) {
	const p = "sources/restic/web-01/snapshots.json"
	edited := `[{"time":"2026-11-23T02:15:00Z","tree":"a","paths":["/srv"],"hostname":"web-01","id":"f668a79f","time":"2099-01-01T00:00:00Z"}]`
	b, err := OpenFS(mapBundle(t, map[string]string{p: edited}, nil))
	if err != nil {
		t.Fatalf("OpenFS: %v", err)
	}
	_, err = b.ReadFile(p)
	want := p + `: /0/time: duplicate key "time"`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("ReadFile = %v, want an error containing %q", err, want)
	}
}

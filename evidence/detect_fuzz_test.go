package evidence

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nachweis/nachweis/evidence/internal/fuzzcheck"
)

// fuzzKindFlags are --kind values; the fuzzer picks one by index.
var fuzzKindFlags = []string{"", "restic", "restic/stats", "restic/check", "restic/snapshots", "borg", "pgbackrest",
	"kubernetes", "kubernetes/Pod", "kubernetes/Secret", "github", "github/members", "github/webhooks", "github/deploy-keys"}

// FuzzDetect runs what Import does with one file before it writes
// anything: the duplicate-key check, content detection under a --kind,
// the source name and the redaction of GitHub and Kubernetes items, with
// the file name as the user gave it (it decides between GitHub lists). It
// checks:
//
//   - a refusal is an *InputError of one line that names the file;
//   - an accepted file has a known kind of one source, the one --kind
//     names; only restic check output is text, everything else JSON;
//   - the derived source name is valid;
//   - what would be stored is what Import's own reader accepts: valid
//     JSON (or the text as given) without a key twice.
//
// Seeds: the real tool outputs in testdata/fixtures under their own
// names, and shapes detection recognises and refuses.
func FuzzDetect(f *testing.F) {
	root := filepath.Join("testdata", "fixtures")
	err := fs.WalkDir(os.DirFS(root), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := fs.ReadFile(os.DirFS(root), p)
		if err != nil {
			return err
		}
		if len(data) <= 12000 {
			f.Add(data, path.Base(p), uint8(0))
		}
		return nil
	})
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []struct {
		data, name string
		kind       uint8
	}{
		{`{"total_size":1,"total_file_count":2,"snapshots_count":3}`, "stats.json", 2},
		{"Fatal: unable to open repository\n", "check.txt", 3},
		{"using temporary cache\nload indexes\nerror: pack 1 damaged\n", "check.txt", 0},
		{"apiVersion: v1\nkind: Secret\n", "s.yaml", 0},
		{"\xff\xfe{\x00}\x00", "utf16.json", 0},
		{"\xef\xbb\xbf{}", "bom.json", 0},
		{`{"clientVersion":{}}`, "version.json", 0},
		{`{"message":"Bad credentials","documentation_url":"https://docs.github.com"}`, "err.json", 0},
		{`[{"login":"a","type":"User"}]`, "outside-collaborators.json", 0},
		{`[{"login":"a","type":"User"}]`, "users.json", 11},
		{`[]`, "hooks.json", 0},
		{`[{"apiVersion":"v1","kind":"SecretList","items":[{"metadata":{"name":"s"},"data":{"k":"djE="}}]}]`, "secrets.json", 0},
		{`[{"metadata":{"name":"p"}}]`, "pods.json", 8},
		{`[{"metadata":{"name":"p"}}]`, "pods.json", 0},
		{`[{"kind":"Po\nd\u001b[2J"}]`, "pods.json", 8},
		{`{"apiVersion":"v1","kind":"\rList","items":{}}`, "pods.json", 0},
		{`{"apiVersion":"v1","kind":"List","items":[{"kind":"Pod","Kind":"Secret"}]}`, "dup.json", 0},
		{`[{"group_key":{},"snapshots":[]}]`, "g.json", 0},
		{`[{"id":1,"config":{"url":"https://u:p@h/x?t=s","secret":"s3cr3t","token":"t"},"events":["push"]}]`, "hooks.json", 0},
		{`{"id":1,"key":"ssh-ed25519 AAAA","title":"t","read_only":true,"url":"https://api.github.com/repos/o/r/keys/1"}`, "k.json", 0},
		{`[{"name":"main","backup":[],"db":[],"status":{"code":0}},{"name":"other","backup":[],"db":[],"status":{}}]`, "info.json", 0},
		{`{"repository":{"location":"/.."},"encryption":{"mode":"none"},"cache":{}}`, "info.json", 5},
	} {
		f.Add([]byte(s.data), s.name, s.kind)
	}
	f.Fuzz(func(t *testing.T, data []byte, name string, kind uint8) {
		flag := fuzzKindFlags[int(kind)%len(fuzzKindFlags)]
		// The name as a user types it: no separators or control
		// characters (which would reach messages as they are).
		file := filepath.Join("in", strings.Map(func(r rune) rune {
			if r < 0x20 || r == 0x7f || r == '/' {
				return '_'
			}
			return r
		}, name))
		want, err := parseKindFlag(flag)
		if err != nil {
			t.Fatalf("--kind %s: %v", flag, err)
		}
		refused := func(err error) {
			t.Helper()
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("refusal %v is %T, not an *InputError", err, err)
			}
			if e := fuzzcheck.Message(err, file); e != nil {
				t.Fatal(e)
			}
			if !strings.HasPrefix(err.Error(), "import "+file+": ") {
				t.Fatalf("refusal does not start with the file: %q", err)
			}
		}
		if err := duplicateKeys("", data); err != nil && looksLikeJSON(data) {
			refused(&InputError{Path: file, Reason: err.Error()})
			return
		}
		c, reason := classify(data)
		in := input{path: file, data: data, c: c, reason: reason}
		dets, srcKind, err := detectAll([]input{in}, want)
		if err != nil {
			refused(err)
			return
		}
		d := dets[0]
		if _, ok := kindDescriptions[d.kind]; !ok {
			t.Fatalf("detected unknown kind %q", d.kind)
		}
		switch {
		case sourceOf(d.kind) != srcKind:
			t.Fatalf("kind %s in a %s source", d.kind, srcKind)
		case want.source != "" && srcKind != want.source, want.kind != "" && d.kind != want.kind:
			t.Fatalf("--kind %s gave %s", flag, d.kind)
		case d.kind != KindResticCheck && !json.Valid(data):
			t.Fatalf("%s accepted from data that is not JSON", d.kind)
		case d.kind != KindKubernetesList && d.itemKind != "":
			t.Fatalf("item kind %q for %s", d.itemKind, d.kind)
		}
		if name, err := sourceName("", srcKind, []input{in}, dets); err != nil {
			refused(err)
		} else if err := checkName(name); err != nil {
			t.Fatalf("derived source name: %v", err)
		}
		stored, _, err := RedactGitHub(d.kind, data)
		if err != nil {
			refused(&InputError{Path: file, Reason: err.Error()})
			return
		}
		if d.kind == KindKubernetesList {
			if stored, _, err = redactKubernetes(stored, d.itemKind); err != nil {
				if e := fuzzcheck.Message(err, ""); e != nil {
					t.Fatal(e)
				}
				return
			}
		}
		if d.kind != KindResticCheck && !json.Valid(stored) {
			t.Fatalf("%s would be stored as invalid JSON: %q", d.kind, stored)
		}
		if err := duplicateKeys(d.kind, stored); err != nil {
			t.Fatalf("%s would be stored with a key twice, which the bundle reader refuses: %v", d.kind, err)
		}
	})
}

package attest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/evidence/internal/fuzzcheck"
)

// FuzzLoad feeds one attestation or exception file, with the attachments
// of the good test data beside it, to LoadFS. It checks: an error is a
// *Error of one line naming the file; a loaded set has unique ids, sorted,
// every attachment with the sha256 of the file it names, and loads the
// same twice.
func FuzzLoad(f *testing.F) {
	good := filepath.Join("testdata", "good")
	for _, p := range []string{"attestations/backup-restore.yaml", "attestations/training.yml", "exceptions/ingress.yaml", "exceptions/offsite.yaml"} {
		data, err := os.ReadFile(filepath.Join(good, p))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"id: ATT-1\nmeasure: TOM-VER-07\nstatement: {de: a, en: b}\nattested_by: {name: n, role: r}\ndate: 2026-01-01\nvalid_until: 2026-12-31\nattachments:\n  - {path: ../../etc/passwd, sha256: 00}\n",
		"attestations:\n  - &a {id: ATT-1}\n  - *a\nexceptions: []\n",
		"id: EXC-1\ncheck: K8S-POD-01\nscope: \"resource:\\x1b[2J\"\nrisk_id: R\nrisk_owner: \"o\\u202e\"\napproved_on: 2026-02-30\nexpires_on: 2026-01-01\ncompensating_measure: m\n",
		"exceptions:\n  - {id: EXC-1, check: X}\n  - {id: EXC-1, check: X}\n", "attestations: []\n\"a\\nb\\e[2J\": 1\n", "[]", "", "attestations: 5\n",
	} {
		f.Add([]byte(s))
	}
	attachments := fstest.MapFS{}
	for _, p := range []string{"restore-test-2026-03.txt", "training-2026.txt"} {
		data, err := os.ReadFile(filepath.Join(good, "attestations", "docs", p))
		if err != nil {
			f.Fatal(err)
		}
		attachments["records/docs/"+p] = &fstest.MapFile{Data: data}
	}
	now := time.Date(2026, 11, 23, 19, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"records/record.yaml": {Data: data}}
		for p, a := range attachments {
			fsys[p] = a
		}
		set, err := LoadFS(fsys, "records")
		if err != nil {
			var ae *Error
			if !errors.As(err, &ae) {
				t.Fatalf("error %T is no *Error: %v", err, err)
			}
			if e := fuzzcheck.Message(err, "records/record.yaml"); e != nil {
				t.Fatal(e)
			}
			return
		}
		again, err := LoadFS(fsys, "records")
		if err != nil {
			t.Fatalf("second load fails: %v", err)
		}
		if diff := cmp.Diff(set, again); diff != "" {
			t.Fatalf("two loads differ:\n%s", diff)
		}
		if !slices.IsSortedFunc(set.Attestations, func(a, b Attestation) int { return strings.Compare(a.ID, b.ID) }) ||
			!slices.IsSortedFunc(set.Exceptions, func(a, b Exception) int { return strings.Compare(a.ID, b.ID) }) {
			t.Fatal("records not sorted by id")
		}
		for i, a := range set.Attestations {
			if i > 0 && set.Attestations[i-1].ID == a.ID {
				t.Fatalf("attestation id %s twice", a.ID)
			}
			_ = a.ExpiredAt(now)
			for _, at := range a.Attachments {
				file, ok := fsys[strings.TrimPrefix(filepath.ToSlash(filepath.Join("records", at.Path)), "./")]
				if !ok {
					t.Fatalf("attachment %s accepted, but there is no such file", at.Path)
				}
				sum := sha256.Sum256(file.Data)
				if !strings.EqualFold(hex.EncodeToString(sum[:]), at.SHA256) {
					t.Fatalf("attachment %s accepted with sha256 %s", at.Path, at.SHA256)
				}
			}
		}
		for i, x := range set.Exceptions {
			if i > 0 && set.Exceptions[i-1].ID == x.ID {
				t.Fatalf("exception id %s twice", x.ID)
			}
			_ = x.ExpiredAt(now)
			_ = x.Matches("acme", "prod/ingress/web")
		}
	})
}

package attest

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// goodSet is what testdata/good holds, with files below dir.
func goodSet(join func(...string) string, dir string) *Set {
	att := join(dir, "attestations")
	exc := join(dir, "exceptions")
	return &Set{
		Attestations: []Attestation{
			{
				ID: "ATT-2026-001", Measure: "TOM-VER-08",
				Statement:  Text{DE: "Der Notfallplan ist freigegeben.", EN: "The emergency plan is approved."},
				AttestedBy: Person{Name: "Max Beispiel", Role: "Leiter IT-Betrieb"},
				Date:       date("2026-01-10"), ValidUntil: date("2026-07-09"),
				File: join(att, "backup-restore.yaml"), Line: 15,
			},
			{
				ID: "ATT-2026-002", Measure: "TOM-VER-07",
				Statement: Text{
					DE: "Die Wiederherstellung aus der Off-Site-Sicherung wurde am 01.03.2026 erfolgreich getestet.",
					EN: "Restoring from the off-site backup was tested successfully on 2026-03-01.",
				},
				AttestedBy: Person{Name: "Max Beispiel", Role: "Leiter IT-Betrieb"},
				Date:       date("2026-03-01"), ValidUntil: date("2027-02-28"),
				ReviewCycleMonths: 12,
				Attachments: []Attachment{{
					Path:   "docs/restore-test-2026-03.txt",
					SHA256: "3cee8e26154e29c34a794934d40198eba5a6ebe832e3bd657bf61954cb338e6c",
				}},
				File: join(att, "backup-restore.yaml"), Line: 3,
			},
			{
				ID: "ATT-2026-003", Measure: "TOM-ORG-03",
				Statement: Text{
					DE: "97,9 % der Beschäftigten haben die Datenschutzschulung 2026 abgeschlossen.",
					EN: "97.9% of staff completed the 2026 data protection training.",
				},
				AttestedBy: Person{Name: "Dr. Erika Mustermann", Role: "Datenschutzbeauftragte"},
				Date:       date("2026-02-01"), ValidUntil: date("2027-01-31"),
				ReviewCycleMonths: 12,
				Attachments: []Attachment{{
					Path:   "./docs/training-2026.txt",
					SHA256: "33302a43748af6c1178c67aead70c9420376e9c801af9fb1120295b5d2e864bb",
				}},
				File: join(att, "training.yml"), Line: 2,
			},
		},
		Exceptions: []Exception{
			{
				ID: "EXC-2026-001", Check: "BAK-OFFSITE-01", Scope: "tenant:globex",
				RiskID: "R-2026-07", RiskOwner: "Dr. Erika Mustermann (Geschäftsführung)",
				ApprovedOn: date("2026-01-15"), ExpiresOn: date("2027-01-15"),
				CompensatingMeasure: Text{DE: "Wöchentliche Kopie auf verschlüsselte Wechselmedien im Tresor.", EN: "Weekly copy on encrypted removable media in a safe."},
				CustomerText: Text{
					DE: "Die zweite Sicherungskopie liegt bis Januar 2027 am selben Standort in einem Tresor.",
					EN: "Until January 2027 the second backup copy is kept in a safe at the same site.",
				},
				ResidualRisk: "low",
				File:         join(exc, "offsite.yaml"), Line: 2,
			},
			{
				ID: "EXC-2026-002", Check: "K8S-ING-01", Scope: "resource:prod/ingress/legacy-*",
				RiskID: "R-2026-09", RiskOwner: "CTO",
				ApprovedOn: date("2024-02-29"), ExpiresOn: date("2025-02-28"),
				CompensatingMeasure: Text{DE: "TLS endet am Lastverteiler vor dem Cluster.", EN: "TLS is terminated at the load balancer in front of the cluster."},
				File:                join(exc, "ingress.yaml"), Line: 1,
			},
		},
	}
}

func TestLoad(t *testing.T) {
	// Both directories, one given twice in another spelling: read once.
	got, err := Load("testdata/good/attestations", "testdata/good/exceptions", "./testdata/good/attestations/")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if diff := cmp.Diff(goodSet(filepath.Join, filepath.Join("testdata", "good")), got); diff != "" {
		t.Errorf("Load (-want +got):\n%s", diff)
	}
}

func TestLoadFS(t *testing.T) {
	// The same files through an fs.FS, as the embedded demo is read;
	// the attachments are hashed through the fs.FS too.
	got, err := LoadFS(os.DirFS("testdata/good"), "attestations", "exceptions")
	if err != nil {
		t.Fatalf("LoadFS: %v", err)
	}
	join := func(elem ...string) string { return strings.TrimPrefix(strings.Join(elem, "/"), "/") }
	if diff := cmp.Diff(goodSet(join, ""), got); diff != "" {
		t.Errorf("LoadFS (-want +got):\n%s", diff)
	}
}

func TestLoadBothListsInOneFile(t *testing.T) {
	fsys := fstest.MapFS{"records/2026.yaml": {Data: []byte(goodAttestation + goodException)}}
	set, err := LoadFS(fsys, "records")
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Attestations) != 1 || len(set.Exceptions) != 1 || set.Exceptions[0].File != "records/2026.yaml" || set.Exceptions[0].Line != 9 {
		t.Errorf("LoadFS = %+v", set)
	}
}

func TestLoadNothing(t *testing.T) {
	got, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&Set{Attestations: []Attestation{}, Exceptions: []Exception{}}, got); diff != "" {
		t.Errorf("Load() (-want +got):\n%s", diff)
	}
}

const goodAttestation = `attestations:
  - id: ATT-2026-001
    measure: TOM-AUF-01
    statement: {de: Text, en: Text}
    attested_by: {name: Max Beispiel, role: ISB}
    date: 2026-03-01
    valid_until: 2027-02-28
`

const goodException = `exceptions:
  - id: EXC-2026-001
    check: BAK-OFFSITE-01
    scope: "*"
    risk_id: R-1
    risk_owner: CTO
    approved_on: 2026-01-15
    expires_on: 2026-12-31
    compensating_measure: {de: Band im Tresor., en: Tape in a safe.}
`

// replace returns s with old replaced by new exactly once.
func replace(t *testing.T, s, old, new string) string {
	t.Helper()
	if strings.Count(s, old) != 1 {
		t.Fatalf("%q occurs %d times", old, strings.Count(s, old))
	}
	return strings.Replace(s, old, new, 1)
}

// TestLoadBad loads one broken file (plus, where needed, a good one) and
// asserts the whole message: file, line, field and what was expected.
func TestLoadBad(t *testing.T) {
	const a = "attestations/backup-restore.yaml"
	const x = "exceptions/offsite.yaml"
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{
			name:  "valid_until not a date",
			files: map[string]string{a: replace(t, goodAttestation, "2027-02-28", "2026-02-30")},
			want:  `attestations/backup-restore.yaml:7: field valid_until: expected a date YYYY-MM-DD after date (2026-03-01), got "2026-02-30"`,
		},
		{
			name:  "valid_until before date",
			files: map[string]string{a: replace(t, goodAttestation, "2027-02-28", "2026-03-01")},
			want:  `attestations/backup-restore.yaml:7: field valid_until: expected a date YYYY-MM-DD after date (2026-03-01), got "2026-03-01"`,
		},
		{
			name:  "valid_until missing",
			files: map[string]string{a: replace(t, goodAttestation, "    valid_until: 2027-02-28\n", "")},
			want:  `attestations/backup-restore.yaml:2: field valid_until: required: the last day the attestation is valid, a date YYYY-MM-DD after date (2026-03-01)`,
		},
		{
			name:  "date not a date",
			files: map[string]string{a: replace(t, goodAttestation, "date: 2026-03-01", "date: 1. März 2026")},
			want:  `attestations/backup-restore.yaml:6: field date: expected a date YYYY-MM-DD, got "1. März 2026"`,
		},
		{
			name:  "unknown field",
			files: map[string]string{a: replace(t, goodAttestation, "    date:", "    attested_on: 2026-03-01\n    date:")},
			want:  `attestations/backup-restore.yaml:6: field attested_on: unknown field (expected one of: id, measure, statement, attested_by, date, valid_until, review_cycle, attachments)`,
		},
		{
			name:  "unknown nested field",
			files: map[string]string{a: replace(t, goodAttestation, "role: ISB", "role: ISB, email: isb@example.com")},
			want:  `attestations/backup-restore.yaml:5: field attested_by.email: unknown field (expected one of: name, role)`,
		},
		{
			name:  "statement without English",
			files: map[string]string{a: replace(t, goodAttestation, "{de: Text, en: Text}", "{de: Text}")},
			want:  `attestations/backup-restore.yaml:4: field statement.en: required: the attested statement in English`,
		},
		{
			name:  "statement is text",
			files: map[string]string{a: replace(t, goodAttestation, "{de: Text, en: Text}", "Backups are tested.")},
			want:  `attestations/backup-restore.yaml:4: field statement: expected a text in German and English, {de: …, en: …}, got "Backups are tested."`,
		},
		{
			name:  "measure missing",
			files: map[string]string{a: replace(t, goodAttestation, "    measure: TOM-AUF-01\n", "")},
			want:  `attestations/backup-restore.yaml:2: field measure: required: an id like TOM-AUF-01`,
		},
		{
			name:  "id with a space",
			files: map[string]string{a: replace(t, goodAttestation, "ATT-2026-001", "ATT 2026 001")},
			want:  `attestations/backup-restore.yaml:2: field id: expected an id of letters, digits, '.', '_' and '-' like ATT-2026-001, got "ATT 2026 001"`,
		},
		{
			name:  "bad review cycle",
			files: map[string]string{a: goodAttestation + "    review_cycle: yearly\n"},
			want:  `attestations/backup-restore.yaml:8: field review_cycle: expected a period like 12 months or 1 year, got "yearly"`,
		},
		{
			name:  "attachment with absolute path",
			files: map[string]string{a: goodAttestation + "    attachments:\n      - {path: /etc/passwd, sha256: " + strings.Repeat("a", 64) + "}\n"},
			want:  `attestations/backup-restore.yaml:9: field attachments[0].path: expected a path relative to this file's directory, got "/etc/passwd"`,
		},
		{
			name:  "attachment hash not hex",
			files: map[string]string{a: goodAttestation + "    attachments:\n      - path: docs/test.pdf\n        sha256: md5:0cc175b9c0f1b6a831c399e269772661\n"},
			want:  `attestations/backup-restore.yaml:10: field attachments[0].sha256: expected a SHA-256 of 64 hex digits, got "md5:0cc175b9c0f1b6a831c399e269772661"`,
		},
		{
			name: "attachment missing",
			files: map[string]string{
				a: goodAttestation + "    attachments:\n      - path: docs/restore-test.pdf\n        sha256: " + strings.Repeat("a", 64) + "\n",
			},
			want: `attestations/backup-restore.yaml:9: field attachments[0].path: attestation ATT-2026-001: attachment docs/restore-test.pdf: open attestations/docs/restore-test.pdf: file does not exist`,
		},
		{
			name: "attachment changed",
			files: map[string]string{
				a:                                    goodAttestation + "    attachments:\n      - path: docs/restore-test.txt\n        sha256: " + strings.Repeat("a", 64) + "\n",
				"attestations/docs/restore-test.txt": "changed\n",
			},
			want: `attestations/backup-restore.yaml:10: field attachments[0].sha256: attestation ATT-2026-001: attachment docs/restore-test.txt has sha256 7f8b1dfc466b6249f06cbe55c9174df2578e7754da793fded244ef5cba2a38f1, but ` + strings.Repeat("a", 64) + ` is recorded (was it changed after it was attested?)`,
		},
		{
			name: "duplicate attestation id",
			files: map[string]string{
				"attestations/a.yaml": goodAttestation,
				"attestations/b.yaml": "# second\n" + goodAttestation,
			},
			want: `attestations/b.yaml:3: field id: duplicate attestation id "ATT-2026-001", also in attestations/a.yaml:2`,
		},
		{
			name: "duplicate exception id in one file",
			files: map[string]string{
				x: goodException + strings.TrimPrefix(goodException, "exceptions:\n"),
			},
			want: `exceptions/offsite.yaml:10: field id: duplicate exception id "EXC-2026-001", also in exceptions/offsite.yaml:2`,
		},
		{
			name:  "exception longer than 12 months",
			files: map[string]string{x: replace(t, goodException, "2026-12-31", "2027-03-01")},
			want:  `exceptions/offsite.yaml:8: field expires_on: expected a date YYYY-MM-DD after approved_on (2026-01-15) and at most 12 months later (2027-01-15), got "2027-03-01"`,
		},
		{
			name:  "exception expiring before approval",
			files: map[string]string{x: replace(t, goodException, "2026-12-31", "2026-01-01")},
			want:  `exceptions/offsite.yaml:8: field expires_on: expected a date YYYY-MM-DD after approved_on (2026-01-15) and at most 12 months later (2027-01-15), got "2026-01-01"`,
		},
		{
			name:  "exception approved on 29 February",
			files: map[string]string{x: replace(t, replace(t, goodException, "2026-01-15", "2024-02-29"), "2026-12-31", "2025-03-01")},
			want:  `exceptions/offsite.yaml:8: field expires_on: expected a date YYYY-MM-DD after approved_on (2024-02-29) and at most 12 months later (2025-02-28), got "2025-03-01"`,
		},
		{
			name:  "exception without compensating measure",
			files: map[string]string{x: replace(t, goodException, "{de: Band im Tresor., en: Tape in a safe.}", `{de: " "}`)},
			want:  `exceptions/offsite.yaml:9: field compensating_measure: required: the measure that reduces the accepted risk, {de: …, en: …}`,
		},
		{
			name:  "compensating measure in one language",
			files: map[string]string{x: replace(t, goodException, "{de: Band im Tresor., en: Tape in a safe.}", `{de: Band im Tresor.}`)},
			want:  `exceptions/offsite.yaml:9: field compensating_measure.en: required: the compensating measure in English (the English reports print it)`,
		},
		{
			name:  "compensating measure as plain text",
			files: map[string]string{x: replace(t, goodException, "{de: Band im Tresor., en: Tape in a safe.}", `Band im Tresor.`)},
			want:  `exceptions/offsite.yaml:9: field compensating_measure: expected a text in German and English, {de: …, en: …}, got "Band im Tresor."`,
		},
		{
			name:  "exception without risk owner",
			files: map[string]string{x: replace(t, goodException, "    risk_owner: CTO\n", "")},
			want:  `exceptions/offsite.yaml:2: field risk_owner: required: the risk owner who approved the exception`,
		},
		{
			name:  "exception with a bad scope",
			files: map[string]string{x: replace(t, goodException, `scope: "*"`, "scope: namespace:acme-prod")},
			want:  `exceptions/offsite.yaml:4: field scope: expected "*", tenant:<id> or resource:<glob>, got "namespace:acme-prod"`,
		},
		{
			name:  "exception with a malformed glob",
			files: map[string]string{x: replace(t, goodException, `scope: "*"`, `scope: "resource:prod/[acme"`)},
			want:  `exceptions/offsite.yaml:4: field scope: expected "*", tenant:<id> or resource:<glob>, got "resource:prod/[acme"`,
		},
		{
			name:  "exception customer text in one language",
			files: map[string]string{x: goodException + "    customer_text: {de: Nur deutsch.}\n"},
			want:  `exceptions/offsite.yaml:10: field customer_text.en: required when customer_text is given: the text for the customer in English`,
		},
		{
			name:  "unknown top-level field next to a list",
			files: map[string]string{x: goodException + "approved_by: CTO\n"},
			want:  `exceptions/offsite.yaml:10: field approved_by: unknown field; a file with attestations: or exceptions: lists has nothing else at the top`,
		},
		{
			name:  "list is a mapping",
			files: map[string]string{x: "exceptions:\n  id: EXC-1\n"},
			want:  `exceptions/offsite.yaml:2: field exceptions: expected a list, got a mapping`,
		},
		{
			name:  "neither list nor item",
			files: map[string]string{x: "title: Ausnahmen 2026\n"},
			want:  `exceptions/offsite.yaml:1: expected a mapping with attestations: or exceptions:, or a single attestation (with measure:) or exception (with check:)`,
		},
		{
			name:  "empty file",
			files: map[string]string{x: "# nothing yet\n"},
			want:  `exceptions/offsite.yaml:1: empty file; expected a mapping with attestations: or exceptions:, or a single attestation (with measure:) or exception (with check:)`,
		},
		{
			name:  "invalid YAML",
			files: map[string]string{x: "exceptions:\n  - id: EXC-1\n   check: X\n"},
			want:  `exceptions/offsite.yaml:1: invalid YAML: did not find expected '-' indicator`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"attestations/.keep": {Data: nil},
				"exceptions/.keep":   {Data: nil},
			}
			for name, data := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			set, err := LoadFS(fsys, "attestations", "exceptions")
			if err == nil {
				t.Fatalf("LoadFS gave no error, want %q; set %+v", tt.want, set)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("LoadFS error\n got: %s\nwant: %s", got, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Errorf("error %T is not an *Error", err)
			}
		})
	}
}

// TestLoadAttachmentOS checks attachment verification on the real file
// system: a missing file is fs.ErrNotExist, a changed one a mismatch.
func TestLoadAttachmentOS(t *testing.T) {
	dir := t.TempDir()
	att := filepath.Join(dir, "attestations")
	if err := os.MkdirAll(filepath.Join(att, "docs"), 0o755); err != nil {
		t.Fatal(err)
	}
	doc := filepath.Join(att, "docs", "test.txt")
	yaml := goodAttestation + "    attachments:\n      - {path: docs/test.txt, sha256: a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447}\n"
	if err := os.WriteFile(filepath.Join(att, "a.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}

	_, err := Load(att)
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "attestation ATT-2026-001: attachment docs/test.txt: open "+doc) {
		t.Errorf("missing attachment: %v", err)
	}

	if err := os.WriteFile(doc, []byte("hello world\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	set, err := Load(att)
	if err != nil {
		t.Fatalf("attachment as recorded: %v", err)
	}
	if n := len(set.Attestations); n != 1 || set.Attestations[0].File != filepath.Join(att, "a.yaml") {
		t.Errorf("loaded %+v", set.Attestations)
	}

	if err := os.WriteFile(doc, []byte("hello world!\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Load(att)
	want := filepath.Join(att, "a.yaml") + ":9: field attachments[0].sha256: attestation ATT-2026-001: attachment docs/test.txt has sha256 "
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("changed attachment: %v\nwant prefix %s", err, want)
	}
}

func TestLoadMissingDir(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "attestations"))
	if !errors.Is(err, fs.ErrNotExist) || !strings.HasPrefix(err.Error(), "read attestation directory: ") {
		t.Errorf("missing directory: %v", err)
	}
}

func TestExpiredAt(t *testing.T) {
	a := Attestation{ValidUntil: date("2026-07-09")}
	x := Exception{ExpiresOn: date("2026-07-09")}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		now  time.Time
		want bool
	}{
		{time.Date(2026, 7, 8, 12, 0, 0, 0, time.UTC), false},
		{time.Date(2026, 7, 9, 0, 0, 0, 0, time.UTC), false},
		{time.Date(2026, 7, 9, 23, 59, 59, 0, time.UTC), false},
		{time.Date(2026, 7, 10, 0, 0, 0, 0, time.UTC), true},
		// The calendar date is taken in now's location: 00:30 in Berlin
		// on 10 July is still 9 July in UTC.
		{time.Date(2026, 7, 10, 0, 30, 0, 0, berlin), true},
		{time.Date(2026, 7, 9, 22, 30, 0, 0, time.UTC), false},
	}
	for _, tt := range tests {
		if got := a.ExpiredAt(tt.now); got != tt.want {
			t.Errorf("Attestation.ExpiredAt(%s) = %v, want %v", tt.now, got, tt.want)
		}
		if got := x.ExpiredAt(tt.now); got != tt.want {
			t.Errorf("Exception.ExpiredAt(%s) = %v, want %v", tt.now, got, tt.want)
		}
	}
}

func TestMatches(t *testing.T) {
	tests := []struct {
		scope, tenant, resource string
		want                    bool
	}{
		{"*", "", "github/example-org", true},
		{"*", "acme", "prod/namespace/acme-prod", true},
		{"tenant:acme", "acme", "prod/namespace/acme-prod", true},
		{"tenant:acme", "globex", "prod/namespace/globex-prod", false},
		{"tenant:acme", "", "restic/web01", false},
		{"tenant:acme", "acme-2", "x", false},
		{"resource:prod/namespace/acme-*", "acme", "prod/namespace/acme-prod", true},
		{"resource:prod/namespace/acme-*", "", "prod/namespace/globex-prod", false},
		{"resource:restic/web01", "", "restic/web01", true},
		{"resource:restic/*", "", "restic/web01", true},
		// "*" does not cross "/".
		{"resource:prod/*", "acme", "prod/namespace/acme-prod", false},
		{"resource:prod/*/*", "acme", "prod/namespace/acme-prod", true},
		{"resource:main/repo?", "", "main/repo2", true},
		// Malformed scopes match nothing.
		{"", "acme", "x", false},
		{"tenant:", "", "x", false},
		{"resource:[", "", "[", false},
		{"namespace:acme-prod", "acme", "prod/namespace/acme-prod", false},
	}
	for _, tt := range tests {
		x := Exception{Scope: tt.scope}
		if got := x.Matches(tt.tenant, tt.resource); got != tt.want {
			t.Errorf("Exception{Scope: %q}.Matches(%q, %q) = %v, want %v", tt.scope, tt.tenant, tt.resource, got, tt.want)
		}
	}
}

// TestErrorOneLine: a field name with a line break or an escape sequence
// leaves the message one line.
func TestErrorOneLine(t *testing.T) {
	fsys := fstest.MapFS{"r/x.yaml": {Data: []byte("attestations: []\n\"a\\nb\\e[2J\": 1\n")}}
	_, err := LoadFS(fsys, "r")
	if want := "r/x.yaml:2: field a%0Ab%1B[2J: unknown field"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("%q, want prefix %q", err, want)
	}
}

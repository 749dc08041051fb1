package approval

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const digestA = "sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
const digestB = "sha256:" + "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"

const goodFile = `# approvals
schema: nachweis.approvals/v1
approvals:
  - document: TOM-acme
    version: 1
    content: ` + digestA + `
    step: approved
    name: Dr. Erika Mustermann
    role: Datenschutzbeauftragte
    at: 2026-11-24T10:00:00+01:00
    comment: Erstausgabe
  - document: TOM-acme
    version: 1
    content: ` + digestA + `
    step: reviewed
    name: Jonas Weber
    role: ISB
    at: 2026-11-24T08:00:00Z
`

func TestParse(t *testing.T) {
	s, err := Parse("approvals.yaml", []byte(goodFile))
	if err != nil {
		t.Fatal(err)
	}
	want := []Record{
		{Document: "TOM-acme", Version: 1, Content: digestA, Step: Approved, Name: "Dr. Erika Mustermann", Role: "Datenschutzbeauftragte",
			At: time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC), Comment: "Erstausgabe"},
		{Document: "TOM-acme", Version: 1, Content: digestA, Step: Reviewed, Name: "Jonas Weber", Role: "ISB", At: time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC)},
	}
	if diff := cmp.Diff(want, s.Records, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
}

// TestParseBad: every problem is one line naming the file, the line, the
// field and what was expected.
func TestParseBad(t *testing.T) {
	rec := func(fields string) string {
		return "schema: nachweis.approvals/v1\napprovals:\n  - " + strings.ReplaceAll(strings.TrimSpace(fields), "\n", "\n    ") + "\n"
	}
	base := map[string]string{
		"document": "TOM-acme", "version": "1", "content": digestA, "step": "approved",
		"name": "Erika", "role": "DSB", "at": "2026-11-24T10:00:00Z",
	}
	with := func(key, value string) string {
		var b strings.Builder
		for _, k := range []string{"document", "version", "content", "step", "name", "role", "at"} {
			v := base[k]
			if k == key {
				if value == "" {
					continue
				}
				v = value
			}
			b.WriteString(k + ": " + v + "\n")
		}
		return rec(b.String())
	}
	tests := []struct {
		name, file, want string
	}{
		{"empty file", "", "approvals.yaml:1: empty file; expected schema: nachweis.approvals/v1 and a list approvals"},
		{"no schema", "approvals: []\n", "approvals.yaml:1: schema: missing; expected nachweis.approvals/v1"},
		{"other schema", "schema: nachweis.approvals/v9\n", `approvals.yaml:1: schema: expected nachweis.approvals/v1, got "nachweis.approvals/v9"`},
		{"unknown field", with("role", "DSB\nsigned: true"), "approvals.yaml:9: approvals[0].signed: unknown field (expected one of: document, version, content, step, name, role, at, comment)"},
		{"duplicate field", with("role", "DSB\nname: Max"), "approvals.yaml:9: approvals[0].name: field repeated (first on line 7)"},
		{"bad date", with("at", "2026-11-24"), `approvals.yaml:9: approvals[0].at: expected a time in RFC 3339 with a zone, e.g. 2026-11-23T10:00:00+01:00, got "2026-11-24"`},
		{"no zone", with("at", "2026-11-24T10:00:00"), "approvals[0].at: expected a time in RFC 3339 with a zone"},
		{"missing time", with("at", ""), "approvals.yaml:3: approvals[0].at: expected a time in RFC 3339"},
		{"bad digest", with("content", "sha256:abc"), `approvals.yaml:5: approvals[0].content: expected a content digest "sha256:" followed by 64 lowercase hex digits, got "sha256:abc"`},
		{"upper-case digest", with("content", strings.ToUpper(digestA)), "approvals[0].content: expected a content digest"},
		{"bad step", with("step", "signed"), `approvals.yaml:6: approvals[0].step: expected one of prepared, reviewed, approved, got "signed"`},
		{"version 0", with("version", "0"), "approvals.yaml:4: approvals[0].version: expected a version number of 1 or more"},
		{"version text", with("version", "two"), "approvals.yaml:4: approvals[0].version:"},
		{"no name", with("name", ""), "approvals.yaml:3: approvals[0].name: expected the person's name, one line of at most 200 characters, got nothing"},
		{"control character in role", with("role", `"DSB\u001b[31m"`), "approvals[0].role: expected the person's role, one line"},
		{"bad document", with("document", `"../etc"`), `approvals[0].document: expected a document series such as TOM-acme`},
		{"not a list", "schema: nachweis.approvals/v1\napprovals: yes\n", "approvals.yaml:2: approvals:"},
		{"one version, two contents", goodFile + rec("document: TOM-acme\nversion: 1\ncontent: "+digestB+"\nstep: approved\nname: Max\nrole: GF\nat: 2026-11-25T10:00:00Z"),
			"approvals.yaml:19: approvals[2]: version 1 of TOM-acme is already recorded for content " + digestA + " (entry 1); a version names one content"},
		{"same step twice", goodFile + rec("document: TOM-acme\nversion: 1\ncontent: "+digestA+"\nstep: reviewed\nname: Jonas Weber\nrole: ISB\nat: 2026-11-25T10:00:00Z"),
			"approvals[2]: Jonas Weber already recorded this step for this content (entry 2)"},
		{"one content, two versions", goodFile + rec("document: TOM-acme\nversion: 2\ncontent: "+digestA+"\nstep: approved\nname: Max\nrole: GF\nat: 2026-11-25T10:00:00Z"),
			"approvals[2]: content " + digestA + " of TOM-acme is already recorded as version 1 (entry 1)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := tt.file
			if strings.Count(file, "schema:") > 1 {
				// A second record appended: drop its header.
				i := strings.LastIndex(file, "schema: nachweis.approvals/v1\napprovals:\n")
				file = file[:i] + file[i+len("schema: nachweis.approvals/v1\napprovals:\n"):]
			}
			_, err := Parse("approvals.yaml", []byte(file))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Parse = %v\nwant an error containing %q\nfile:\n%s", err, tt.want, file)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error of more than one line: %q", err)
			}
		})
	}
}

// TestEncodeRoundTrip: what Encode writes, Parse reads back as it was,
// times in UTC.
func TestEncodeRoundTrip(t *testing.T) {
	s, err := Parse("approvals.yaml", []byte(goodFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Add(Record{Document: "BER-c5", Version: 3, Content: digestB, Step: Prepared, Name: "Name: with colon # and hash", Role: "'quoted'", At: time.Date(2026, 12, 1, 8, 30, 0, 0, time.FixedZone("", 3600))}); err != nil {
		t.Fatal(err)
	}
	data, err := s.Encode()
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse("approvals.yaml", data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if diff := cmp.Diff(s.Records, back.Records, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if !strings.Contains(string(data), "at: 2026-12-01T07:30:00Z") {
		t.Errorf("time not written in UTC:\n%s", data)
	}
	if err := s.Add(Record{Document: "BER-c5", Version: 3, Content: digestA, Step: Approved, Name: "X", Role: "Y", At: time.Now()}); err == nil {
		t.Error("Add accepted version 3 of BER-c5 for a second content")
	}
}

func TestDigest(t *testing.T) {
	a := Digest(Part{"results", []byte("r")}, Part{"config", []byte("c")})
	if b := Digest(Part{"config", []byte("c")}, Part{"results", []byte("r")}); a != b {
		t.Errorf("the order of the parts changed the digest: %s, %s", a, b)
	}
	// Framing: moving a byte from one part to the next is other content.
	if b := Digest(Part{"results", []byte("")}, Part{"config", []byte("cr")}); a == b {
		t.Error("parts are not framed")
	}
	if !ValidContent(a) {
		t.Errorf("Digest = %q, not a content digest", a)
	}
}

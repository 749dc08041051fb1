package config

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseSoAGood(t *testing.T) {
	const src = `# declarations of the ISMS owner
language: de
controls:
  A.8.13:
    applicable: true
    inclusion: "R-2026-007; Art. 32 Abs. 1 lit. c DSGVO"
    status: Umgesetzt
    description: Nächtliche Sicherung mit restic
    owner: Leitung IT-Betrieb
    last_review: 2026-09-15
  A.5.1:
    applicable: true
    status: " teilweise "
  A.7.4:
    applicable: false
    exclusion: {de: Keine eigenen Räumlichkeiten mit Servern., en: No own premises with servers.}
  A.5.2: {applicable: true, status: not-implemented}
  A.5.3: {applicable: true, status: Partially implemented}
  A.5.4: {applicable: true, status: GEPLANT}
  A.8.34: {applicable: true, status: nicht umgesetzt}
`
	got, err := ParseSoA("soa.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := &SoA{File: "soa.yaml", Language: "de", Controls: []SoAControl{
		{ID: "A.5.1", Applicable: true, Status: PartiallyImplemented, Line: 11},
		{ID: "A.5.2", Applicable: true, Status: NotImplemented, Line: 17},
		{ID: "A.5.3", Applicable: true, Status: PartiallyImplemented, Line: 18},
		{ID: "A.5.4", Applicable: true, Status: Planned, Line: 19},
		{ID: "A.7.4", Applicable: false, Exclusion: Text{DE: "Keine eigenen Räumlichkeiten mit Servern.", EN: "No own premises with servers."}, Line: 14},
		{ID: "A.8.13", Applicable: true, Inclusion: Text{DE: "R-2026-007; Art. 32 Abs. 1 lit. c DSGVO"}, Status: Implemented,
			Description: Text{DE: "Nächtliche Sicherung mit restic"}, Owner: Text{DE: "Leitung IT-Betrieb"}, LastReview: date("2026-09-15"), Line: 4},
		{ID: "A.8.34", Applicable: true, Status: NotImplemented, Line: 20},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ParseSoA (-want +got):\n%s", diff)
	}
	if c, ok := got.Control("A.7.4"); !ok || c.Applicable {
		t.Errorf("Control(A.7.4) = %+v, %v; want the excluded declaration", c, ok)
	}
	if _, ok := got.Control("A.6.1"); ok {
		t.Error("Control(A.6.1): want not declared")
	}
}

func TestParseSoABad(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"empty", "", "soa.yaml:1: controls: required: a mapping of Annex A control ids (A.5.1 … A.8.34) to their declarations"},
		{"no controls", "controls: {}\n", "soa.yaml:1: controls: required: a mapping of Annex A control ids (A.5.1 … A.8.34) to their declarations"},
		{"unknown top key", "control:\n  A.5.1: {applicable: true, status: Umgesetzt}\n", `soa.yaml:1: control: unknown key (expected one of: language, controls)`},
		{"unknown field", "controls:\n  A.5.1:\n    applicable: true\n    status: Umgesetzt\n    risk: R-1\n",
			`soa.yaml:5: controls.A.5.1.risk: unknown key (expected one of: applicable, inclusion, exclusion, status, description, owner, last_review)`},
		{"unknown control beyond clause", "controls:\n  A.5.38: {applicable: true, status: Umgesetzt}\n",
			`soa.yaml:2: controls.A.5.38: unknown Annex A control "A.5.38" (ISO/IEC 27001:2022 Annex A has A.5.1–A.5.37, A.6.1–A.6.8, A.7.1–A.7.14 and A.8.1–A.8.34)`},
		{"2013 numbering", "controls:\n  A.5.1: {applicable: true, status: Umgesetzt}\n  A.12.3.1: {applicable: true, status: Umgesetzt}\n",
			`soa.yaml:3: controls.A.12.3.1: unknown Annex A control "A.12.3.1" (ISO/IEC 27001:2022 Annex A has A.5.1–A.5.37, A.6.1–A.6.8, A.7.1–A.7.14 and A.8.1–A.8.34)`},
		{"leading zero", "controls:\n  A.5.01: {applicable: true, status: Umgesetzt}\n",
			`soa.yaml:2: controls.A.5.01: unknown Annex A control "A.5.01" (ISO/IEC 27001:2022 Annex A has A.5.1–A.5.37, A.6.1–A.6.8, A.7.1–A.7.14 and A.8.1–A.8.34)`},
		{"plain text without the file's language", "controls:\n  A.7.4: {applicable: false, exclusion: weil}\n",
			`soa.yaml:2: controls.A.7.4.exclusion: expected a text in German and English, {de: …, en: …} (plain text needs the file's language: add language: de or language: en at its top), got "weil"`},
		{"duplicate", "controls:\n  A.5.1: {applicable: true, status: Umgesetzt}\n  A.5.1: {applicable: false, exclusion: x}\n",
			`soa.yaml:3: controls.A.5.1: key repeated (first on line 2)`},
		{"applicable missing", "controls:\n  A.5.1:\n    status: Umgesetzt\n",
			`soa.yaml:2: controls.A.5.1.applicable: required: true or false (a management decision the tool never makes)`},
		{"applicable not a bool", "controls:\n  A.5.1: {applicable: ja, status: Umgesetzt}\n",
			`soa.yaml:2: controls.A.5.1.applicable: expected true or false, got "ja"`},
		{"exclusion missing", "controls:\n  A.7.4:\n    applicable: false\n    status: Nicht umgesetzt\n",
			`soa.yaml:2: controls.A.7.4.exclusion: required when applicable is false: why the control is excluded`},
		{"exclusion blank", "language: de\ncontrols:\n  A.7.4:\n    applicable: false\n    exclusion: \"  \"\n",
			`soa.yaml:5: controls.A.7.4.exclusion: required when applicable is false: why the control is excluded`},
		{"exclusion on applicable", "controls:\n  A.7.4:\n    applicable: true\n    status: Umgesetzt\n    exclusion: {de: weil, en: because}\n",
			`soa.yaml:5: controls.A.7.4.exclusion: only for a control with applicable: false; give the reasons for including it in inclusion`},
		{"status missing", "controls:\n  A.5.1:\n    applicable: true\n",
			`soa.yaml:2: controls.A.5.1.status: required for an applicable control: one of Umgesetzt, Teilweise, Geplant, Nicht umgesetzt (or implemented, partial, planned, not-implemented)`},
		{"status unknown", "controls:\n  A.5.1:\n    applicable: true\n    status: done\n",
			`soa.yaml:4: controls.A.5.1.status: expected one of Umgesetzt, Teilweise, Geplant, Nicht umgesetzt (or implemented, partial, planned, not-implemented), got "done"`},
		{"bad date", "controls:\n  A.5.1:\n    applicable: true\n    status: Umgesetzt\n    last_review: 15.09.2026\n",
			`soa.yaml:5: controls.A.5.1.last_review: expected a date YYYY-MM-DD, got "15.09.2026"`},
		{"first problem in file order", "controls:\n  A.8.1: {applicable: true}\n  A.5.1: {applicable: true}\n",
			`soa.yaml:2: controls.A.8.1.status: required for an applicable control: one of Umgesetzt, Teilweise, Geplant, Nicht umgesetzt (or implemented, partial, planned, not-implemented)`},
		{"syntax", "controls:\n  A.5.1: [\n", `soa.yaml:2: invalid YAML: did not find expected node content`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseSoA("soa.yaml", []byte(tt.src))
			if err == nil {
				t.Fatalf("ParseSoA = %+v, want error %q", got, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Errorf("error %T, want *Error", err)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got %q\nwant %q", err.Error(), tt.want)
			}
		})
	}
}

func TestLoadSoA(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, SoAFile)
	if err := os.WriteFile(path, []byte("controls:\n  A.6.3: {applicable: true, status: Geplant}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := LoadSoA(path)
	if err != nil {
		t.Fatal(err)
	}
	if s.File != path || len(s.Controls) != 1 || s.Controls[0].Status != Planned {
		t.Errorf("LoadSoA = %+v", s)
	}
	if _, err := LoadSoA(filepath.Join(dir, "missing.yaml")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("LoadSoA(missing) = %v, want a wrapped not-exist error", err)
	}
}

func TestImplementationStatusLabel(t *testing.T) {
	got := map[string][]string{}
	for _, s := range ImplementationStatuses {
		got["de"] = append(got["de"], s.Label("de"))
		got["en"] = append(got["en"], s.Label("en"))
	}
	want := map[string][]string{
		"de": {"Umgesetzt", "Teilweise", "Geplant", "Nicht umgesetzt"},
		"en": {"Implemented", "Partially implemented", "Planned", "Not implemented"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Error(diff)
	}
}

func TestAnnexAControls(t *testing.T) {
	ids := AnnexAControls()
	if len(ids) != 93 || ids[0] != "A.5.1" || ids[36] != "A.5.37" || ids[37] != "A.6.1" || ids[92] != "A.8.34" {
		t.Errorf("AnnexAControls = %d ids, %v … %v", len(ids), ids[:2], ids[len(ids)-2:])
	}
	for _, id := range ids {
		if _, ok := annexAPosition(id); !ok {
			t.Errorf("annexAPosition(%s) not ok", id)
		}
	}
}

// An Annex A control the SoA excludes is a recorded scope decision of the
// evaluation, with the SoA's justification; one the configuration decides
// itself keeps the configuration's decision.
func TestConfigWithSoA(t *testing.T) {
	soa := &SoA{File: "conf/soa.yaml", Controls: []SoAControl{
		{ID: "A.7.4", Applicable: false, Exclusion: Text{DE: "Keine Räume.", EN: "No premises."}, LastReview: date("2026-09-15")},
		{ID: "A.7.5", Applicable: false, Exclusion: Text{DE: "Nein."}},
		{ID: "A.8.13", Applicable: true, Status: Implemented},
	}}
	c := &Config{Scope: Scope{NotApplicable: []ScopeDecision{{Framework: "iso27001", ID: "A.7.5", Justification: Text{EN: "own"}, DecidedBy: "ISB"}}}}
	got := c.WithSoA(soa)
	want := []ScopeDecision{
		{Framework: "iso27001", ID: "A.7.5", Justification: Text{EN: "own"}, DecidedBy: "ISB"},
		{Framework: "iso27001-2022", ID: "A.7.4", Justification: Text{DE: "Keine Räume.", EN: "No premises."}, DecidedBy: "SoA (soa.yaml)", DecidedOn: date("2026-09-15")},
	}
	if diff := cmp.Diff(want, got.Scope.NotApplicable); diff != "" {
		t.Errorf("scope decisions (-want +got):\n%s", diff)
	}
	if len(c.Scope.NotApplicable) != 1 {
		t.Error("WithSoA changed the configuration it was given")
	}
	if c.WithSoA(nil) != c {
		t.Error("WithSoA(nil) is not the configuration itself")
	}
}

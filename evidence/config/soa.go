package config

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/nachweis/nachweis/evidence/internal/yamlstrict"
)

// SoAFile is the name of the declarations file beside nachweis.yaml.
const SoAFile = "soa.yaml"

// SoA holds the ISMS owner's declarations for the Statement of
// Applicability (ISO/IEC 27001:2022 cl. 6.1.3 d): per Annex A control
// whether it is applicable, why it is included or excluded, and its
// declared implementation status. These are management decisions: nachweis
// renders them as given and never fills them in itself. A control missing
// from the file is "not declared".
//
// The file is a mapping of Annex A control ids. Its texts are given in
// both languages ({de: …, en: …}) or as plain text in the language the
// file declares with language (as in nachweis.yaml, see Text):
//
//	language: de
//	controls:
//	  A.5.1:
//	    applicable: true                      # required
//	    inclusion: "R-2026-003; Art. 32 DSGVO" # risk ids, legal or contractual drivers
//	    status: Umgesetzt                     # Umgesetzt, Teilweise, Geplant, Nicht umgesetzt (or implemented, partial, planned, not-implemented)
//	    description: "Informationssicherheitsleitlinie v3.1, freigegeben durch die Geschäftsführung"
//	    owner: ISB
//	    last_review: 2026-09-15
//	  A.7.4:
//	    applicable: false
//	    exclusion: "..."                      # required when applicable is false
type SoA struct {
	// File is the name the declarations were read from.
	File string
	// Language is the language of the texts written as plain text; empty
	// when not declared.
	Language string
	// Controls are the declared controls in Annex A order.
	Controls []SoAControl
}

// SoAControl is the declaration for one Annex A control.
type SoAControl struct {
	ID         string
	Applicable bool
	// Inclusion justifies including the control: risk ids from the risk
	// treatment plan, legal or contractual drivers.
	Inclusion Text
	// Exclusion justifies excluding it; set exactly when Applicable is
	// false.
	Exclusion Text
	// Status is the declared implementation status; empty only for a
	// control that is not applicable.
	Status      ImplementationStatus
	Description Text
	Owner       Text
	// LastReview is the date of the last review; zero when not given.
	LastReview time.Time
	// Line is the line of the control's key in the file.
	Line int
}

// ImplementationStatus is a declared implementation status (document-specs
// §3.3): Umgesetzt / Teilweise / Geplant / Nicht umgesetzt.
type ImplementationStatus string

// The four declared implementation statuses.
const (
	Implemented          ImplementationStatus = "implemented"
	PartiallyImplemented ImplementationStatus = "partial"
	Planned              ImplementationStatus = "planned"
	NotImplemented       ImplementationStatus = "not-implemented"
)

// ImplementationStatuses lists the statuses in the order of a drop-down.
var ImplementationStatuses = []ImplementationStatus{Implemented, PartiallyImplemented, Planned, NotImplemented}

var statusLabels = map[ImplementationStatus][2]string{
	Implemented:          {"Umgesetzt", "Implemented"},
	PartiallyImplemented: {"Teilweise", "Partially implemented"},
	Planned:              {"Geplant", "Planned"},
	NotImplemented:       {"Nicht umgesetzt", "Not implemented"},
}

// Label is the status as written in the SoA: the German wording for "de",
// English otherwise.
func (s ImplementationStatus) Label(lang string) string {
	l, ok := statusLabels[s]
	if !ok {
		return string(s)
	}
	if lang == "de" {
		return l[0]
	}
	return l[1]
}

const statusWant = "one of Umgesetzt, Teilweise, Geplant, Nicht umgesetzt (or implemented, partial, planned, not-implemented)"

// statusAliases are the spellings accepted besides the codes and labels.
var statusAliases = map[string]ImplementationStatus{
	"teilweise umgesetzt": PartiallyImplemented,
	"not implemented":     NotImplemented,
}

// parseStatus accepts the German and the English wording, ignoring case
// and repeated blanks.
func parseStatus(s string) (ImplementationStatus, bool) {
	k := strings.ToLower(strings.Join(strings.Fields(s), " "))
	for _, st := range ImplementationStatuses {
		l := statusLabels[st]
		if k == string(st) || k == strings.ToLower(l[0]) || k == strings.ToLower(l[1]) {
			return st, true
		}
	}
	st, ok := statusAliases[k]
	return st, ok
}

// annexA is the number of controls in each clause of ISO/IEC 27001:2022
// Annex A (A.5: 37, A.6: 8, A.7: 14, A.8: 34; 93 in all). The package does
// not import the catalogs, and the structure of Annex A is fixed by the
// standard; the SoA writer checks the ids against the catalog again.
var annexA = map[int]int{5: 37, 6: 8, 7: 14, 8: 34}

// AnnexAControls returns the 93 ids A.5.1 … A.8.34 in Annex A order.
func AnnexAControls() []string {
	ids := make([]string, 0, 93)
	for clause := 5; clause <= 8; clause++ {
		for n := 1; n <= annexA[clause]; n++ {
			ids = append(ids, fmt.Sprintf("A.%d.%d", clause, n))
		}
	}
	return ids
}

// annexAPosition returns the sort position of an Annex A id, or ok false
// for an id that is not an Annex A control.
func annexAPosition(id string) (pos int, ok bool) {
	rest, found := strings.CutPrefix(id, "A.")
	if !found {
		return 0, false
	}
	c, n, found := strings.Cut(rest, ".")
	if !found {
		return 0, false
	}
	clause, err1 := strconv.Atoi(c)
	num, err2 := strconv.Atoi(n)
	if err1 != nil || err2 != nil || strconv.Itoa(clause) != c || strconv.Itoa(num) != n {
		return 0, false
	}
	count, known := annexA[clause]
	if !known || num < 1 || num > count {
		return 0, false
	}
	return clause*100 + num, true
}

// soaFile and soaEntry are the file's shape for the strict decoder.
type soaFile struct {
	Language string              `yaml:"language"`
	Controls map[string]soaEntry `yaml:"controls"`
}

type soaEntry struct {
	Applicable  *bool                `yaml:"applicable"`
	Inclusion   Text                 `yaml:"inclusion"`
	Exclusion   Text                 `yaml:"exclusion"`
	Status      ImplementationStatus `yaml:"status"`
	Description Text                 `yaml:"description"`
	Owner       Text                 `yaml:"owner"`
	LastReview  time.Time            `yaml:"last_review"`
}

// LoadSoA reads and validates the SoA declarations file at path.
func LoadSoA(path string) (*SoA, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read SoA declarations: %w", err)
	}
	return ParseSoA(path, data)
}

// ParseSoA decodes and validates SoA declarations; name is the file name
// used in messages. Errors are *Error values naming the file, line and
// key, e.g.
//
//	soa.yaml:14: controls.A.7.4.exclusion: required when applicable is false: why the control is excluded
//
// An unknown key, a control id that is not in Annex A, a control declared
// twice, a missing applicable, a missing exclusion for a control that is
// not applicable and a missing or unknown status for an applicable one are
// errors.
func ParseSoA(name string, data []byte) (*SoA, error) {
	root, err := yamlstrict.Parse(name, data)
	if err != nil {
		return nil, err
	}
	d := &yamlstrict.Decoder{
		File:     name,
		Noun:     "key",
		Unit:     "document",
		MaxNodes: 100_000,
		Scalars: []yamlstrict.Scalar{
			yamlstrict.NewScalar(statusWant, parseStatus),
			yamlstrict.Date,
			textScalar(fileLanguage(root)),
		},
	}
	var f soaFile
	lines, err := d.Decode(root, &f)
	if err != nil {
		return nil, err
	}
	v := soaValidator{file: name, lines: lines}
	if f.Language != "" && f.Language != "de" && f.Language != "en" {
		return nil, v.errf("language", "expected de or en (the language of texts written as plain text), got %s", yamlstrict.Quote(f.Language))
	}
	if len(f.Controls) == 0 {
		return nil, v.errf("controls", "required: a mapping of Annex A control ids (A.5.1 … A.8.34) to their declarations")
	}
	// Validate in file order, so that the first problem is reported
	// whatever the order of the map.
	ids := make([]string, 0, len(f.Controls))
	for id := range f.Controls {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return lines.Line("controls."+ids[i]) < lines.Line("controls."+ids[j]) })
	s := &SoA{File: name, Language: f.Language, Controls: make([]SoAControl, 0, len(ids))}
	pos := make(map[string]int, len(ids))
	for _, id := range ids {
		p := "controls." + id
		n, ok := annexAPosition(id)
		if !ok {
			return nil, v.errf(p, "unknown Annex A control %s (ISO/IEC 27001:2022 Annex A has A.5.1–A.5.37, A.6.1–A.6.8, A.7.1–A.7.14 and A.8.1–A.8.34)", yamlstrict.Quote(id))
		}
		pos[id] = n
		c, err := f.Controls[id].control(v, p)
		if err != nil {
			return nil, err
		}
		c.ID = id
		c.Line = lines.Line(p)
		s.Controls = append(s.Controls, c)
	}
	sort.Slice(s.Controls, func(i, j int) bool { return pos[s.Controls[i].ID] < pos[s.Controls[j].ID] })
	return s, nil
}

// soaValidator points errors at the line the decoder recorded for a key
// path, or for the nearest enclosing path when the key is missing.
type soaValidator struct {
	file  string
	lines yamlstrict.Lines
}

func (v soaValidator) errf(path, format string, args ...any) *Error {
	return &Error{File: v.file, Line: v.lines.Line(path), Path: path, Msg: fmt.Sprintf(format, args...)}
}

// control validates one declaration at key path p.
func (e soaEntry) control(v soaValidator, p string) (SoAControl, error) {
	if e.Applicable == nil {
		return SoAControl{}, v.errf(p+".applicable", "required: true or false (a management decision the tool never makes)")
	}
	c := SoAControl{
		Applicable:  *e.Applicable,
		Inclusion:   trimText(e.Inclusion),
		Exclusion:   trimText(e.Exclusion),
		Status:      e.Status,
		Description: trimText(e.Description),
		Owner:       trimText(e.Owner),
		LastReview:  e.LastReview,
	}
	switch {
	case !c.Applicable && c.Exclusion.IsZero():
		return SoAControl{}, v.errf(p+".exclusion", "required when applicable is false: why the control is excluded")
	case c.Applicable && !c.Exclusion.IsZero():
		return SoAControl{}, v.errf(p+".exclusion", "only for a control with applicable: false; give the reasons for including it in inclusion")
	case c.Applicable && c.Status == "":
		return SoAControl{}, v.errf(p+".status", "required for an applicable control: %s", statusWant)
	}
	return c, nil
}

// trimText trims the white space around both languages of a text.
func trimText(t Text) Text { return Text{DE: strings.TrimSpace(t.DE), EN: strings.TrimSpace(t.EN)} }

// Control returns the declaration of an Annex A control; ok is false when
// the control is not declared.
func (s *SoA) Control(id string) (SoAControl, bool) {
	if s == nil {
		return SoAControl{}, false
	}
	for _, c := range s.Controls {
		if c.ID == id {
			return c, true
		}
	}
	return SoAControl{}, false
}

// WithSoA returns a copy of the configuration in which every Annex A
// control the SoA declares not applicable is a recorded scope decision
// (framework iso27001), so that the ISO/IEC 27001 results, the report and
// the SoA tell the same: the exclusion's justification, the declarations
// file as who decided, its last review as when. A decision the
// configuration records itself for the same control stays. A nil SoA
// returns c.
func (c *Config) WithSoA(s *SoA) *Config {
	if c == nil || s == nil {
		return c
	}
	out := *c
	recorded := map[string]bool{}
	for _, d := range c.Scope.NotApplicable {
		fw := d.Framework
		if v, ok := frameworkAliases[fw]; ok {
			fw = v
		}
		recorded[fw+":"+d.ID] = true
	}
	out.Scope.NotApplicable = append([]ScopeDecision(nil), c.Scope.NotApplicable...)
	for _, ctl := range s.Controls {
		if ctl.Applicable || recorded["iso27001-2022:"+ctl.ID] {
			continue
		}
		out.Scope.NotApplicable = append(out.Scope.NotApplicable, ScopeDecision{
			Framework: "iso27001-2022", ID: ctl.ID, Justification: ctl.Exclusion,
			DecidedBy: SoADecider + " (" + filepath.Base(s.File) + ")", DecidedOn: ctl.LastReview,
		})
	}
	return &out
}

// SoADecider names the Statement of Applicability as the maker of the
// scope decisions WithSoA records.
const SoADecider = "SoA"

package controls

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Category is the classic German TOM category of a measure (annex to § 9
// BDSG a.F.), used as sub-heading in the TOM annex, plus "organisation"
// for the management and review measures of Art. 32(1)(d).
type Category string

// The categories, in the order of a TOM annex.
const (
	Zutritt        Category = "zutritt"
	Zugang         Category = "zugang"
	Zugriff        Category = "zugriff"
	Trennung       Category = "trennung"
	Weitergabe     Category = "weitergabe"
	Eingabe        Category = "eingabe"
	Verfuegbarkeit Category = "verfuegbarkeit"
	Auftrag        Category = "auftrag"
	Organisation   Category = "organisation"
)

// Categories lists every category in the order of a TOM annex.
var Categories = []Category{Zutritt, Zugang, Zugriff, Trennung, Weitergabe, Eingabe, Verfuegbarkeit, Auftrag, Organisation}

type categoryInfo struct {
	code  string
	label Text
}

var categories = map[Category]categoryInfo{
	Zutritt:        {"ZUT", Text{DE: "Zutrittskontrolle", EN: "Physical access control"}},
	Zugang:         {"ZUG", Text{DE: "Zugangskontrolle", EN: "System access control"}},
	Zugriff:        {"ZGR", Text{DE: "Zugriffskontrolle", EN: "Data access control"}},
	Trennung:       {"TRN", Text{DE: "Trennungskontrolle", EN: "Separation control"}},
	Weitergabe:     {"WEI", Text{DE: "Weitergabekontrolle", EN: "Transfer control"}},
	Eingabe:        {"EIN", Text{DE: "Eingabekontrolle", EN: "Input control"}},
	Verfuegbarkeit: {"VER", Text{DE: "Verfügbarkeitskontrolle", EN: "Availability control"}},
	Auftrag:        {"AUF", Text{DE: "Auftragskontrolle", EN: "Order control"}},
	Organisation:   {"ORG", Text{DE: "Organisation und regelmäßige Überprüfung", EN: "Organisation and regular review"}},
}

// Valid reports whether c is a known category.
func (c Category) Valid() bool { _, ok := categories[c]; return ok }

// Code is the three-letter code of the category in measure ids, e.g. ZUG.
func (c Category) Code() string { return categories[c].code }

// Label is the heading of the category in lang ("de" or "en").
func (c Category) Label(lang string) string { return categories[c].label.In(lang) }

// MeasureType says whether a measure is technical or organisational.
type MeasureType string

// The measure types.
const (
	Technical      MeasureType = "technical"
	Organisational MeasureType = "organisational"
)

// Label is the type in lang: technisch/organisatorisch.
func (t MeasureType) Label(lang string) string {
	switch {
	case t == Technical && lang == "de":
		return "technisch"
	case t == Organisational && lang == "de":
		return "organisatorisch"
	}
	return string(t)
}

// Art32Points are the points of GDPR Art. 32(1) that structure a TOM annex.
var Art32Points = []string{"a", "b", "c", "d"}

// Measure is one technical or organisational measure of the provider: a
// row of the TOM annex. Automated checks (Rego rules naming the measure)
// and/or an attestation assess it.
type Measure struct {
	// ID is stable: TOM-<category code>-<nn>, e.g. TOM-VER-02.
	ID       string      `yaml:"id" json:"id"`
	Category Category    `yaml:"category" json:"category"`
	Type     MeasureType `yaml:"type" json:"type"`
	// Art32 is the point of Art. 32(1) GDPR the measure belongs to in the
	// TOM annex: a, b, c or d.
	Art32       string `yaml:"art32" json:"art32"`
	Title       Text   `yaml:"title" json:"title"`
	Description Text   `yaml:"description" json:"description"`
	// Statement is the TOM annex's wording for one tenant, with
	// placeholders such as {backup_max_age} that the annex fills with the
	// values declared and measured for the tenant (see templates); empty
	// when the description is the statement. Description stays the
	// catalogue's tenant-independent wording.
	Statement Text `yaml:"statement,omitempty" json:"statement,omitempty"`
	// Requirements are references "<framework>:<id>" of the requirements
	// the measure supports, e.g. c5:OPS-06, iso27001:A.8.13, gdpr:32(1)(c).
	Requirements []string `yaml:"requirements" json:"requirements"`
	// Checks are the ids of the automated checks that assess the measure.
	Checks []string `yaml:"checks,omitempty" json:"checks,omitempty"`
	// Attestation is true when a signed-off attestation assesses the
	// measure (alone or together with checks).
	Attestation bool `yaml:"attestation,omitempty" json:"attestation,omitempty"`
	// AttestationValidityMonths bounds how long an attestation of the
	// measure counts, from its date, whatever its valid_until says: a
	// restore test attested in March counts until the next March (0 = no
	// bound beyond valid_until).
	AttestationValidityMonths int `yaml:"attestation_validity_months,omitempty" json:"attestation_validity_months,omitempty"`
}

// DecisionNeeded is a requirement that no measure supports because it
// asks nothing of a processor's technical and organisational measures
// (e.g. GDPR Art. 28(7), addressed to the Commission), with a note why.
// nachweis never decides its applicability: until the provider records
// a scope decision (who, when, why) it has no evidence, like any
// requirement without a measure. The note is a starting point for that
// decision, never a decision itself.
type DecisionNeeded struct {
	Framework string `yaml:"framework" json:"framework"`
	ID        string `yaml:"id" json:"id"`
	Note      Text   `yaml:"note" json:"note"`
}

// Ref returns the reference of the requirement, e.g. "gdpr:28(10)".
func (d DecisionNeeded) Ref() string { return d.Framework + ":" + d.ID }

type measuresFile struct {
	Measures       []Measure        `yaml:"measures"`
	DecisionNeeded []DecisionNeeded `yaml:"decision_needed"`
}

var (
	measureIDPattern = regexp.MustCompile(`^TOM-([A-Z]{3})-([0-9]{2})$`)
	checkIDPattern   = regexp.MustCompile(`^[A-Z0-9]+(-[A-Z0-9]+)*-[0-9]{2}$`)
)

func loadMeasures(fsys fs.FS) (measuresFile, error) {
	b, err := fs.ReadFile(fsys, "measures.yaml")
	if err != nil {
		return measuresFile{}, fmt.Errorf("load measures: %w", err)
	}
	var f measuresFile
	if err := decodeStrict(b, &f); err != nil {
		return measuresFile{}, fmt.Errorf("load measures: measures.yaml: %w", err)
	}
	// Files of an older pack name frameworks without their version
	// ("c5:OPS-06"); the model keys everything by the versioned id.
	for i := range f.Measures {
		for j, ref := range f.Measures[i].Requirements {
			f.Measures[i].Requirements[j] = CanonicalRef(ref)
		}
	}
	for i := range f.DecisionNeeded {
		if fw, ok := Canonical(f.DecisionNeeded[i].Framework); ok {
			f.DecisionNeeded[i].Framework = fw
		}
	}
	return f, nil
}

// validate checks one measure on its own; references are checked by
// Model.Validate.
func (m Measure) validate() error {
	sub := measureIDPattern.FindStringSubmatch(m.ID)
	if sub == nil {
		return errors.New("id: want TOM-<CAT>-<nn>, e.g. TOM-VER-02")
	}
	if !m.Category.Valid() {
		return fmt.Errorf("category %q: want one of %s", m.Category, joinCategories())
	}
	if sub[1] != m.Category.Code() {
		return fmt.Errorf("id code %s does not match category %s (code %s)", sub[1], m.Category, m.Category.Code())
	}
	if m.Type != Technical && m.Type != Organisational {
		return fmt.Errorf("type %q: want technical or organisational", m.Type)
	}
	if !contains(Art32Points, m.Art32) {
		return fmt.Errorf("art32 %q: want a, b, c or d", m.Art32)
	}
	if m.Title.DE == "" || m.Title.EN == "" || m.Description.DE == "" || m.Description.EN == "" {
		return errors.New("title and description need de and en")
	}
	if (m.Statement.DE == "") != (m.Statement.EN == "") {
		return errors.New("statement needs de and en")
	}
	if len(m.Checks) == 0 && !m.Attestation {
		return errors.New("no assessment: name checks and/or set attestation: true")
	}
	seen := map[string]bool{}
	for _, c := range m.Checks {
		if !checkIDPattern.MatchString(c) {
			return fmt.Errorf("check id %q: want upper-case words and a number, e.g. BAK-FRESH-01", c)
		}
		if seen[c] {
			return fmt.Errorf("check %s listed twice", c)
		}
		seen[c] = true
	}
	if len(m.Requirements) == 0 {
		return errors.New("no requirements")
	}
	if m.AttestationValidityMonths != 0 && (!m.Attestation || m.AttestationValidityMonths < 1 || m.AttestationValidityMonths > 36) {
		return fmt.Errorf("attestation_validity_months %d: want 1 to 36 on a measure with attestation: true", m.AttestationValidityMonths)
	}
	return nil
}

// AttestationValidUntil is the last day an attestation of the measure
// dated date counts, given its declared validUntil: the earlier of
// validUntil and the day before date plus AttestationValidityMonths.
func (m Measure) AttestationValidUntil(date, validUntil time.Time) time.Time {
	if m.AttestationValidityMonths == 0 {
		return validUntil
	}
	limit := date.AddDate(0, m.AttestationValidityMonths, 0)
	if limit.Day() != date.Day() { // 29 February, 31st: the month's last day
		limit = limit.AddDate(0, 0, -limit.Day())
	}
	limit = limit.AddDate(0, 0, -1)
	if limit.Before(validUntil) {
		return limit
	}
	return validUntil
}

func joinCategories() string {
	s := make([]string, len(Categories))
	for i, c := range Categories {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Measure returns the measure with the given id.
func (m *Model) Measure(id string) (Measure, bool) {
	for _, x := range m.Measures {
		if x.ID == id {
			return x, true
		}
	}
	return Measure{}, false
}

// MeasuresFor maps each requirement reference ("c5-2020:OPS-06") to the
// ids of the measures that support it, sorted. Requirements no measure
// supports are absent. The C5:2026 criteria get the measures derived
// through the migration (see Migration), not those of a C5:2020 criterion
// with the same id.
func (m *Model) MeasuresFor() map[string][]string {
	out := map[string][]string{}
	for _, x := range m.Measures {
		for _, ref := range x.Requirements {
			out[ref] = append(out[ref], x.ID)
		}
	}
	for _, ids := range out {
		sort.Strings(ids)
	}
	if m.Migration != nil {
		for _, r := range m.Catalog(C5_2026).Requirements {
			if ids := m.Migration.Measures(r.ID); ids != nil {
				out[r.Ref()] = ids
			}
		}
	}
	return out
}

// Uncovered returns the references of requirements that neither a measure
// supports nor the model lists as needing a scope decision, in framework
// and catalog order. A complete model has none.
func (m *Model) Uncovered() []string {
	covered := m.MeasuresFor()
	for _, d := range m.DecisionNeeded {
		covered[d.Ref()] = nil
	}
	var out []string
	for _, fw := range Frameworks {
		if fw == C5_2026 || m.Catalog(fw) == nil {
			// C5:2026 criteria without a measure are the migration's
			// worklist (NeedAttestation), not gaps of the model.
			continue
		}
		for _, r := range m.Catalog(fw).Requirements {
			if _, ok := covered[r.Ref()]; !ok {
				out = append(out, r.Ref())
			}
		}
	}
	return out
}

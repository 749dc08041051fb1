package controls

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// SubcriterionType is the type of a C5:2026 sub-criterion.
type SubcriterionType string

// The three types of C5:2026 sub-criteria. Basic ones are part of every
// C5:2026 attestation; additional ones only where the provider chooses to
// have them examined: complementing ones add to the criterion, sharpening
// ones replace a basic sub-criterion by a stricter one.
const (
	Basic                   SubcriterionType = "basic"
	AdditionalComplementing SubcriterionType = "additional-complementing"
	AdditionalSharpening    SubcriterionType = "additional-sharpening"
)

// Additional reports whether t is one of the additional types.
func (t SubcriterionType) Additional() bool {
	return t == AdditionalComplementing || t == AdditionalSharpening
}

var subcriterionTypeLabels = map[SubcriterionType]Text{
	Basic:                   {DE: "Basis", EN: "basic"},
	AdditionalComplementing: {DE: "Zusatz (ergänzend)", EN: "additional (complementing)"},
	AdditionalSharpening:    {DE: "Zusatz (verschärfend)", EN: "additional (sharpening)"},
}

// Label returns the type's name in lang ("de" or "en").
func (t SubcriterionType) Label(lang string) string { return subcriterionTypeLabels[t].In(lang) }

// Subcriterion is one sub-criterion of a C5:2026 criterion: its id (e.g.
// OPS-31.01B), its type and, for a sharpening one, the basic sub-criterion
// it replaces. The BSI's text is not shipped.
type Subcriterion struct {
	ID       string           `yaml:"id" json:"id"`
	Type     SubcriterionType `yaml:"type" json:"type"`
	Sharpens string           `yaml:"sharpens,omitempty" json:"sharpens,omitempty"`
}

// GeneralCondition is one of the general conditions of C5:2026 (GC-01 …
// GC-06): information the provider gives about its service (jurisdiction,
// locations, availability, recovery objectives, investigation requests,
// certifications) beside the criteria.
type GeneralCondition struct {
	ID    string `yaml:"id" json:"id"`
	Title Text   `yaml:"title" json:"title"`
}

// subcriterionID is the BSI notation <criterion>.<nn><B|AC|AS>.
var subcriterionID = regexp.MustCompile(`^([A-Z]{2,3}-[0-9]{2})\.([0-9]{2})(B|AC|AS)$`)

var suffixType = map[string]SubcriterionType{"B": Basic, "AC": AdditionalComplementing, "AS": AdditionalSharpening}

// indexSubcriteria checks the sub-criteria and general conditions: ids in
// the BSI notation under their criterion, the type matching the id's
// suffix, a sharpening one naming a basic sub-criterion of the same
// criterion (where the BSI names one).
func (c *Catalog) indexSubcriteria() error {
	seen := map[string]bool{}
	for _, r := range c.Requirements {
		basic := map[string]bool{}
		for _, s := range r.Subcriteria {
			m := subcriterionID.FindStringSubmatch(s.ID)
			switch {
			case m == nil || m[1] != r.ID:
				return fmt.Errorf("requirement %s: sub-criterion %q: want %s.<nn>B, AC or AS", r.ID, s.ID, r.ID)
			case seen[s.ID]:
				return fmt.Errorf("requirement %s: sub-criterion %s: duplicate id", r.ID, s.ID)
			case suffixType[m[3]] != s.Type:
				return fmt.Errorf("requirement %s: sub-criterion %s: type %q does not match its id (want %s)", r.ID, s.ID, s.Type, suffixType[m[3]])
			case s.Sharpens != "" && (s.Type != AdditionalSharpening || !basic[s.Sharpens]):
				return fmt.Errorf("requirement %s: sub-criterion %s: sharpens %q: want a basic sub-criterion of %s listed before it, and only for a sharpening one", r.ID, s.ID, s.Sharpens, r.ID)
			}
			seen[s.ID] = true
			if s.Type == Basic {
				basic[s.ID] = true
			}
		}
	}
	if len(c.GeneralConditions) > 0 && c.Framework != C5_2026 {
		return errors.New("general conditions are part of the C5:2026 catalog only")
	}
	for i, g := range c.GeneralConditions {
		if want := fmt.Sprintf("GC-%02d", i+1); g.ID != want {
			return fmt.Errorf("general condition %d: id %q, want %s", i+1, g.ID, want)
		}
		if g.Title.DE == "" || g.Title.EN == "" {
			return fmt.Errorf("general condition %s: title needs de and en", g.ID)
		}
	}
	if c.Framework == C5_2026 && (len(c.GeneralConditions) != 6 || c.Attribution.DE == "" || c.Attribution.EN == "") {
		return errors.New("the C5:2026 catalog needs GC-01 … GC-06 and its attribution (de, en)")
	}
	return nil
}

// Subcriterion returns the sub-criterion with the given id and the
// criterion it belongs to.
func (c *Catalog) Subcriterion(id string) (Subcriterion, Requirement, bool) {
	crit, _, ok := strings.Cut(id, ".")
	if !ok {
		return Subcriterion{}, Requirement{}, false
	}
	r, ok := c.Requirement(crit)
	if !ok {
		return Subcriterion{}, Requirement{}, false
	}
	for _, s := range r.Subcriteria {
		if s.ID == id {
			return s, r, true
		}
	}
	return Subcriterion{}, Requirement{}, false
}

package controls

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"gopkg.in/yaml.v3"
)

// Framework ids, used in requirement references ("c5-2020:OPS-06") and
// on the command line. Each carries the version of its catalog: C5:2026
// reuses 33 ids of C5:2020 with another meaning (2020 OPS-24 "separation
// of datasets" is 2026 OPS-31), so a bare "OPS-24" is never a key.
const (
	C5       = "c5-2020"
	C5_2026  = "c5-2026"
	ISO27001 = "iso27001-2022"
	GDPR     = "gdpr"
)

// Frameworks lists the framework ids in their fixed reporting order.
// Callers must not modify it.
var Frameworks = []string{C5, C5_2026, ISO27001, GDPR}

// IsFramework reports whether id is one of Frameworks (aliases are not:
// see Canonical).
func IsFramework(id string) bool {
	for _, f := range Frameworks {
		if f == id {
			return true
		}
	}
	return false
}

// aliases are the unversioned framework ids of nachweis before C5:2026
// (results of schema nachweis.results/v2, requirement references in older
// configurations and packs) and what they mean.
var aliases = map[string]string{"c5": C5, "iso27001": ISO27001}

// Canonical returns the versioned id of a framework id or alias: "c5"
// is C5:2020 and "iso27001" is ISO/IEC 27001:2022. For "c5" this holds
// until audits move to C5:2026 (see C5Transition); callers that accept the
// alias from a user say which version they chose. ok is false for an
// unknown id.
func Canonical(id string) (canonical string, ok bool) {
	if IsFramework(id) {
		return id, true
	}
	c, ok := aliases[id]
	return c, ok
}

// IsAlias reports whether id is an unversioned alias ("c5", "iso27001").
func IsAlias(id string) bool { _, ok := aliases[id]; return ok }

// C5Transition describes when audits move from C5:2020 to C5:2026. The
// sources disagree (audit periods from 1 January 2027, or from 1 June
// 2027) and no BSI page stating the rule was available, so both dates are
// named; until then the alias "c5" means C5:2020.
var C5Transition = Text{
	DE: "C5:2026 gilt für Prüfzeiträume ab dem 1. Januar 2027 oder ab dem 1. Juni 2027 (die Quellen nennen beide Daten; die Regel des BSI ist zu prüfen); bis dahin steht „c5“ für C5:2020.",
	EN: "C5:2026 applies to audit periods from 1 January 2027 or from 1 June 2027 (sources give both dates; check the BSI's rule); until then \"c5\" means C5:2020.",
}

// catalogFiles names the embedded catalog file of each framework.
var catalogFiles = map[string]string{
	C5:       "catalogs/c5-2020.yaml",
	C5_2026:  "catalogs/c5-2026.yaml",
	ISO27001: "catalogs/iso27001-2022.yaml",
	GDPR:     "catalogs/gdpr-art28-32.yaml",
}

// optionalCatalogs may be absent from the files a model is loaded from:
// an evidence pack made before C5:2026 carries no C5:2026 catalog.
var optionalCatalogs = map[string]bool{C5_2026: true}

// CatalogFile returns the path of a framework's catalog in DataFS, e.g.
// catalogs/c5-2020.yaml; "" for an unknown framework.
func CatalogFile(framework string) string { return catalogFiles[framework] }

// isoThemes are the four themes of ISO/IEC 27001:2022 Annex A.
var isoThemes = map[string]bool{"organizational": true, "people": true, "physical": true, "technological": true}

// Catalog is the requirement list of one framework: C5:2020 criteria,
// ISO/IEC 27001:2022 Annex A controls or GDPR Art. 28/32 provisions. It
// holds ids and short titles only, never the publishers' full text.
type Catalog struct {
	Framework string `yaml:"framework" json:"framework"`
	Name      Text   `yaml:"name" json:"name"`
	Publisher string `yaml:"publisher" json:"publisher"`
	// PublishedBy names the publisher as a phrase of running text, with
	// the article its case needs: "herausgegeben vom Bundesamt für …",
	// "published by the Federal Office …".
	PublishedBy Text   `yaml:"published_by" json:"published_by"`
	Version     string `yaml:"version" json:"version"`
	// Attribution is the credit line the licence of the catalog's
	// original asks documents to show (C5:2026: CC BY-ND 4.0); empty
	// where none is required.
	Attribution Text `yaml:"attribution,omitempty" json:"attribution,omitzero"`
	// Groups are the C5 areas, ISO themes or GDPR articles, in catalog
	// order.
	Groups []Group `yaml:"groups" json:"groups"`
	// Requirements are in catalog order.
	Requirements []Requirement `yaml:"requirements" json:"requirements"`
	// GeneralConditions are the general conditions of C5:2026 (GC-01 …
	// GC-06), statements about the service rather than criteria; empty
	// for the other catalogs.
	GeneralConditions []GeneralCondition `yaml:"general_conditions,omitempty" json:"general_conditions,omitempty"`

	byID    map[string]int
	groupBy map[string]int
}

// Group is a C5 area (OIS, SP, …), an ISO Annex A theme (A.5 … A.8) or a
// GDPR article. C5 areas carry their German title in Title.DE.
type Group struct {
	ID    string `yaml:"id" json:"id"`
	Title Text   `yaml:"title" json:"title"`
	// Theme is the ISO/IEC 27001:2022 theme: organizational, people,
	// physical or technological. Empty for other frameworks.
	Theme string `yaml:"theme,omitempty" json:"theme,omitempty"`
}

// Requirement is one C5 criterion, ISO Annex A control or GDPR provision,
// with its short title in German and English; GDPR provisions also have a
// one-line summary and their citation in both languages.
type Requirement struct {
	Framework string `yaml:"-" json:"framework"`
	ID        string `yaml:"id" json:"id"`
	Group     string `yaml:"group" json:"group"`
	Title     Text   `yaml:"title" json:"title"`
	Summary   Text   `yaml:"summary,omitempty" json:"summary,omitempty"`
	Citation  Text   `yaml:"citation,omitempty" json:"citation,omitempty"`
	// Kind is the GDPR structure level: paragraph, point or subparagraph.
	Kind string `yaml:"kind,omitempty" json:"kind,omitempty"`
	// Parent is the paragraph of a GDPR point or subparagraph, e.g. 32(1).
	Parent string `yaml:"parent,omitempty" json:"parent,omitempty"`
	// Subcriteria are the sub-criteria of a C5:2026 criterion, basic ones
	// first, as the BSI lists them; empty for the other catalogs.
	Subcriteria []Subcriterion `yaml:"subcriteria,omitempty" json:"subcriteria,omitempty"`
}

// Ref returns the reference of r, e.g. "c5-2020:OPS-06".
func (r Requirement) Ref() string { return r.Framework + ":" + r.ID }

// Requirement returns the requirement with the given id.
func (c *Catalog) Requirement(id string) (Requirement, bool) {
	i, ok := c.byID[id]
	if !ok {
		return Requirement{}, false
	}
	return c.Requirements[i], true
}

// Group returns the group with the given id.
func (c *Catalog) Group(id string) (Group, bool) {
	i, ok := c.groupBy[id]
	if !ok {
		return Group{}, false
	}
	return c.Groups[i], true
}

// position is the index of a requirement in catalog order, for sorting.
func (c *Catalog) position(id string) int {
	if i, ok := c.byID[id]; ok {
		return i
	}
	return len(c.Requirements)
}

// ParseRef splits a requirement reference "<framework>:<id>" such as
// "iso27001-2022:A.8.13" or "gdpr:32(1)(c)". An unversioned alias ("c5",
// "iso27001") is returned as its versioned id. It checks the framework,
// not whether the id exists.
func ParseRef(ref string) (framework, id string, err error) {
	framework, id, ok := strings.Cut(ref, ":")
	if !ok || id == "" {
		return "", "", fmt.Errorf("requirement reference %q: want <framework>:<id>, e.g. c5-2020:OPS-06", ref)
	}
	fw, ok := Canonical(framework)
	if !ok {
		return "", "", fmt.Errorf("requirement reference %q: unknown framework %q (want one of %s)", ref, framework, strings.Join(Frameworks, ", "))
	}
	return fw, id, nil
}

// CanonicalRef returns ref with its framework alias replaced by the
// versioned id ("c5:OPS-06" → "c5-2020:OPS-06"); a reference it cannot
// parse is returned unchanged.
func CanonicalRef(ref string) string {
	fw, id, err := ParseRef(ref)
	if err != nil {
		return ref
	}
	return fw + ":" + id
}

// LoadCatalogs decodes and validates the embedded catalogs, keyed by
// framework id.
func LoadCatalogs() (map[string]*Catalog, error) {
	return loadCatalogs(dataFS)
}

func loadCatalogs(fsys fs.FS) (map[string]*Catalog, error) {
	out := make(map[string]*Catalog, len(Frameworks))
	for _, fw := range Frameworks {
		if _, err := fs.Stat(fsys, catalogFiles[fw]); optionalCatalogs[fw] && errors.Is(err, fs.ErrNotExist) {
			continue
		}
		c, err := loadCatalog(fsys, fw, catalogFiles[fw])
		if err != nil {
			return nil, err
		}
		out[fw] = c
	}
	return out, nil
}

func loadCatalog(fsys fs.FS, framework, path string) (*Catalog, error) {
	b, err := fs.ReadFile(fsys, path)
	if err != nil {
		return nil, fmt.Errorf("load catalog %s: %w", framework, err)
	}
	var c Catalog
	if err := decodeStrict(b, &c); err != nil {
		return nil, fmt.Errorf("load catalog %s: %s: %w", framework, path, err)
	}
	// A catalog of an older pack declares the unversioned id.
	if fw, _ := Canonical(c.Framework); fw != framework {
		return nil, fmt.Errorf("load catalog %s: %s declares framework %q", framework, path, c.Framework)
	}
	c.Framework = framework
	if err := c.index(); err != nil {
		return nil, fmt.Errorf("load catalog %s: %w", framework, err)
	}
	return &c, nil
}

// decodeStrict decodes one YAML document and rejects unknown fields, so
// that a typo in the embedded data fails the tests instead of vanishing.
func decodeStrict(b []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return err
	}
	var extra any
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return errors.New("more than one YAML document")
	}
	return nil
}

// index validates the catalog and builds its lookups.
func (c *Catalog) index() error {
	if c.Name.DE == "" || c.Name.EN == "" || c.Version == "" || c.Publisher == "" || c.PublishedBy.DE == "" || c.PublishedBy.EN == "" {
		return errors.New("name (de, en), publisher, published_by (de, en) and version are required")
	}
	if len(c.Groups) == 0 || len(c.Requirements) == 0 {
		return errors.New("no groups or no requirements")
	}
	c.groupBy = make(map[string]int, len(c.Groups))
	for i, g := range c.Groups {
		if g.ID == "" {
			return fmt.Errorf("group %d: empty id", i+1)
		}
		if _, dup := c.groupBy[g.ID]; dup {
			return fmt.Errorf("group %s: duplicate id", g.ID)
		}
		if g.Title.DE == "" || g.Title.EN == "" {
			return fmt.Errorf("group %s: title needs de and en", g.ID)
		}
		if (c.Framework == ISO27001) != (g.Theme != "") {
			return fmt.Errorf("group %s: theme is required for ISO/IEC 27001 groups and only there", g.ID)
		}
		if g.Theme != "" && !isoThemes[g.Theme] {
			return fmt.Errorf("group %s: theme %q: want organizational, people, physical or technological", g.ID, g.Theme)
		}
		c.groupBy[g.ID] = i
	}
	c.byID = make(map[string]int, len(c.Requirements))
	for i := range c.Requirements {
		r := &c.Requirements[i]
		r.Framework = c.Framework
		if r.ID == "" {
			return fmt.Errorf("requirement %d: empty id", i+1)
		}
		if _, dup := c.byID[r.ID]; dup {
			return fmt.Errorf("requirement %s: duplicate id", r.ID)
		}
		c.byID[r.ID] = i
		if _, ok := c.groupBy[r.Group]; !ok {
			return fmt.Errorf("requirement %s: unknown group %q", r.ID, r.Group)
		}
		if err := r.validate(); err != nil {
			return fmt.Errorf("requirement %s: %w", r.ID, err)
		}
	}
	if err := c.indexSubcriteria(); err != nil {
		return err
	}
	// Parents are checked once every id is known.
	for _, r := range c.Requirements {
		if r.Parent == "" {
			continue
		}
		p, ok := c.byID[r.Parent]
		if !ok || c.Requirements[p].Kind != "paragraph" {
			return fmt.Errorf("requirement %s: parent %q is not a paragraph of the catalog", r.ID, r.Parent)
		}
	}
	return nil
}

func (r Requirement) validate() error {
	if r.Title.EN == "" {
		return errors.New("title.en is required")
	}
	if (r.Framework == C5_2026) != (len(r.Subcriteria) > 0) {
		return errors.New("sub-criteria are required for C5:2026 criteria and only there")
	}
	switch r.Framework {
	case C5, C5_2026:
		// The German titles are the BSI's, as extracted from its editable
		// catalogue (see the file's header); the criterion text is never
		// shipped.
		if r.Title.DE == "" {
			return errors.New("title.de is required")
		}
		if r.Kind != "" || r.Parent != "" || r.Citation != (Text{}) {
			return errors.New("C5 criteria carry titles (and optionally a summary) only")
		}
	case ISO27001:
		if r.Title.DE == "" {
			return errors.New("title.de is required")
		}
		if r.Kind != "" || r.Parent != "" || r.Citation != (Text{}) || r.Summary != (Text{}) {
			return errors.New("ISO controls carry id, group and title only")
		}
	case GDPR:
		if r.Title.DE == "" || r.Summary.DE == "" || r.Summary.EN == "" || r.Citation.DE == "" || r.Citation.EN == "" {
			return errors.New("title, summary and citation need de and en")
		}
		switch r.Kind {
		case "paragraph":
			if r.Parent != "" {
				return errors.New("a paragraph has no parent")
			}
		case "point", "subparagraph":
			if r.Parent == "" {
				return fmt.Errorf("a %s needs its parent paragraph", r.Kind)
			}
		default:
			return fmt.Errorf("kind %q: want paragraph, point or subparagraph", r.Kind)
		}
	}
	if r.Summary.DE != "" && r.Summary.EN == "" || r.Summary.EN != "" && r.Summary.DE == "" {
		return errors.New("summary needs de and en")
	}
	return nil
}

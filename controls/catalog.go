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

// Framework ids, used in requirement references ("c5:OPS-06") and on the
// command line.
const (
	C5       = "c5"
	ISO27001 = "iso27001"
	GDPR     = "gdpr"
)

// Frameworks lists the framework ids in their fixed reporting order.
// Callers must not modify it.
var Frameworks = []string{C5, ISO27001, GDPR}

// IsFramework reports whether id is one of Frameworks.
func IsFramework(id string) bool {
	for _, f := range Frameworks {
		if f == id {
			return true
		}
	}
	return false
}

// catalogFiles names the embedded catalog file of each framework.
var catalogFiles = map[string]string{
	C5:       "catalogs/c5-2020.yaml",
	ISO27001: "catalogs/iso27001-2022.yaml",
	GDPR:     "catalogs/gdpr-art28-32.yaml",
}

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
	// Groups are the C5 areas, ISO themes or GDPR articles, in catalog
	// order.
	Groups []Group `yaml:"groups" json:"groups"`
	// Requirements are in catalog order.
	Requirements []Requirement `yaml:"requirements" json:"requirements"`

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
}

// Ref returns the reference of r, e.g. "c5:OPS-06".
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
// "iso27001:A.8.13" or "gdpr:32(1)(c)". It checks the framework, not
// whether the id exists.
func ParseRef(ref string) (framework, id string, err error) {
	framework, id, ok := strings.Cut(ref, ":")
	if !ok || id == "" {
		return "", "", fmt.Errorf("requirement reference %q: want <framework>:<id>, e.g. c5:OPS-06", ref)
	}
	if !IsFramework(framework) {
		return "", "", fmt.Errorf("requirement reference %q: unknown framework %q (want one of %s)", ref, framework, strings.Join(Frameworks, ", "))
	}
	return framework, id, nil
}

// LoadCatalogs decodes and validates the embedded catalogs, keyed by
// framework id.
func LoadCatalogs() (map[string]*Catalog, error) {
	return loadCatalogs(dataFS)
}

func loadCatalogs(fsys fs.FS) (map[string]*Catalog, error) {
	out := make(map[string]*Catalog, len(Frameworks))
	for _, fw := range Frameworks {
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
	if c.Framework != framework {
		return nil, fmt.Errorf("load catalog %s: %s declares framework %q", framework, path, c.Framework)
	}
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
	switch r.Framework {
	case C5:
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

package controls

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
)

// Relation says how two requirements of different frameworks relate.
// None of them claims equivalence or full coverage.
type Relation string

// Relations in the crosswalk, strongest first.
const (
	// RelationPrimary: the C5 criterion or ISO control directly
	// implements or evidences the GDPR provision.
	RelationPrimary Relation = "primary"
	// RelationRelated: a C5 criterion and an ISO control overlap in
	// topic (derived pairs, grade A).
	RelationRelated Relation = "related"
	// RelationSupporting: the C5 criterion or ISO control contributes to
	// the GDPR provision.
	RelationSupporting Relation = "supporting"
)

var relationRank = map[Relation]int{RelationPrimary: 0, RelationRelated: 1, RelationSupporting: 2}

// aspects are the protection goals by which GDPR Art. 32(1)(b) is split in
// German TOM annexes.
var aspects = map[string]bool{"confidentiality": true, "integrity": true, "availability": true, "resilience": true}

// Link is one related requirement of another framework.
type Link struct {
	Framework string   `json:"framework"`
	ID        string   `json:"id"`
	Relation  Relation `json:"relation"`
}

// Ref returns the reference of the linked requirement, e.g. "iso27001:A.8.13".
func (l Link) Ref() string { return l.Framework + ":" + l.ID }

// Crosswalk relates requirements across the frameworks: C5:2020 criteria
// to ISO/IEC 27001:2022 Annex A controls (derived pairs of grade A) and
// GDPR Art. 28/32 provisions to both (editorial, primary or supporting).
// Links are symmetric: a C5 criterion lists the GDPR provisions that point
// to it.
type Crosswalk struct {
	C5ISO []C5ISOEntry `yaml:"c5_iso27001" json:"c5_iso27001"`
	GDPR  []GDPREntry  `yaml:"gdpr" json:"gdpr"`

	links map[string][]Link
}

// C5ISOEntry lists the ISO controls related to one C5 criterion.
type C5ISOEntry struct {
	C5       string   `yaml:"c5" json:"c5"`
	ISO27001 []string `yaml:"iso27001" json:"iso27001"`
}

// GDPREntry lists the C5 criteria and ISO controls behind one GDPR
// provision; Art. 32(1)(b) has one entry per protection goal (Aspect).
type GDPREntry struct {
	GDPR     string      `yaml:"gdpr" json:"gdpr"`
	Aspect   string      `yaml:"aspect,omitempty" json:"aspect,omitempty"`
	C5       LinkTargets `yaml:"c5" json:"c5"`
	ISO27001 LinkTargets `yaml:"iso27001" json:"iso27001"`
}

// LinkTargets are requirement ids of one framework by relation.
type LinkTargets struct {
	Primary    []string `yaml:"primary,omitempty" json:"primary,omitempty"`
	Supporting []string `yaml:"supporting,omitempty" json:"supporting,omitempty"`
}

// Related returns the requirements of the other frameworks related to
// framework:id, ordered by framework (Frameworks order) and then catalog
// order. A pair listed more than once keeps its strongest relation. The
// result is nil for an unknown or unmapped requirement.
func (c *Crosswalk) Related(framework, id string) []Link {
	links := c.links[framework+":"+id]
	if links == nil {
		return nil
	}
	out := make([]Link, len(links))
	copy(out, links)
	return out
}

func loadCrosswalk(fsys fs.FS, cats map[string]*Catalog) (*Crosswalk, error) {
	b, err := fs.ReadFile(fsys, "crosswalk.yaml")
	if err != nil {
		return nil, fmt.Errorf("load crosswalk: %w", err)
	}
	var c Crosswalk
	if err := decodeStrict(b, &c); err != nil {
		return nil, fmt.Errorf("load crosswalk: crosswalk.yaml: %w", err)
	}
	if err := c.build(cats); err != nil {
		return nil, fmt.Errorf("load crosswalk: %w", err)
	}
	return &c, nil
}

// build checks every id against the catalogs and indexes the links in both
// directions.
func (c *Crosswalk) build(cats map[string]*Catalog) error {
	type pair struct{ a, b string }
	rel := map[pair]Relation{}
	add := func(fa, a, fb, b string, r Relation) error {
		for _, x := range []struct{ fw, id string }{{fa, a}, {fb, b}} {
			cat := cats[x.fw]
			if cat == nil {
				return fmt.Errorf("%s:%s: no catalog for framework", x.fw, x.id)
			}
			if _, ok := cat.Requirement(x.id); !ok {
				return fmt.Errorf("%s:%s: not in the catalog", x.fw, x.id)
			}
		}
		p := pair{fa + ":" + a, fb + ":" + b}
		if old, ok := rel[p]; ok && relationRank[old] <= relationRank[r] {
			return nil
		}
		rel[p] = r
		return nil
	}
	if len(c.C5ISO) == 0 || len(c.GDPR) == 0 {
		return errors.New("c5_iso27001 and gdpr entries are required")
	}
	seen := map[string]bool{}
	for _, e := range c.C5ISO {
		if seen[e.C5] {
			return fmt.Errorf("c5_iso27001: c5:%s listed twice", e.C5)
		}
		seen[e.C5] = true
		if len(e.ISO27001) == 0 {
			return fmt.Errorf("c5_iso27001: c5:%s has no ISO controls", e.C5)
		}
		for _, iso := range e.ISO27001 {
			if _, dup := rel[pair{C5 + ":" + e.C5, ISO27001 + ":" + iso}]; dup {
				return fmt.Errorf("c5_iso27001: c5:%s lists %s twice", e.C5, iso)
			}
			if err := add(C5, e.C5, ISO27001, iso, RelationRelated); err != nil {
				return fmt.Errorf("c5_iso27001: %w", err)
			}
		}
	}
	for _, e := range c.GDPR {
		if e.Aspect != "" && !aspects[e.Aspect] {
			return fmt.Errorf("gdpr:%s: aspect %q: want confidentiality, integrity, availability or resilience", e.GDPR, e.Aspect)
		}
		n := 0
		for _, t := range []struct {
			fw string
			lt LinkTargets
		}{{C5, e.C5}, {ISO27001, e.ISO27001}} {
			for _, id := range t.lt.Primary {
				n++
				if err := add(GDPR, e.GDPR, t.fw, id, RelationPrimary); err != nil {
					return fmt.Errorf("gdpr: %w", err)
				}
			}
			for _, id := range t.lt.Supporting {
				n++
				if err := add(GDPR, e.GDPR, t.fw, id, RelationSupporting); err != nil {
					return fmt.Errorf("gdpr: %w", err)
				}
			}
		}
		if n == 0 {
			return fmt.Errorf("gdpr:%s: entry without links", e.GDPR)
		}
	}

	c.links = map[string][]Link{}
	for p, r := range rel {
		fa, a, _ := ParseRef(p.a)
		fb, b, _ := ParseRef(p.b)
		c.links[p.a] = append(c.links[p.a], Link{Framework: fb, ID: b, Relation: r})
		c.links[p.b] = append(c.links[p.b], Link{Framework: fa, ID: a, Relation: r})
	}
	order := map[string]int{}
	for i, fw := range Frameworks {
		order[fw] = i
	}
	for _, l := range c.links {
		sort.Slice(l, func(i, j int) bool {
			if l[i].Framework != l[j].Framework {
				return order[l[i].Framework] < order[l[j].Framework]
			}
			return cats[l[i].Framework].position(l[i].ID) < cats[l[j].Framework].position(l[j].ID)
		})
	}
	return nil
}

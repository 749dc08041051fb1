package controls

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
)

// dataFS holds the compliance data shipped with nachweis: the catalogs,
// the crosswalk between them and the provider's measures.
//
//go:embed catalogs/*.yaml crosswalk.yaml measures.yaml migration-c5-2026.yaml
var dataFS embed.FS

// Model is the compliance model: the three catalogs, the crosswalk and the
// measures with the default not-applicable decisions. Load it with Load;
// treat it as read-only.
type Model struct {
	// Catalogs are keyed by framework id (see Frameworks). A model
	// loaded from an evidence pack made before C5:2026 has no C5:2026
	// catalog.
	Catalogs  map[string]*Catalog
	Crosswalk *Crosswalk
	// Migration relates C5:2020 to C5:2026 and derives the measures of
	// the C5:2026 criteria; nil without a C5:2026 catalog.
	Migration *Migration
	// Measures are in the order of measures.yaml.
	Measures []Measure
	// DecisionNeeded are the requirements no measure supports, which
	// only a recorded scope decision of the provider settles.
	DecisionNeeded []DecisionNeeded
}

// Load decodes and validates the embedded catalogs, crosswalk and
// measures. An error means the shipped data is broken.
func Load() (*Model, error) {
	return load(dataFS)
}

// DataFS returns the embedded compliance data in the layout Load reads:
// catalogs/*.yaml, crosswalk.yaml, measures.yaml and
// migration-c5-2026.yaml. An evidence pack
// ships these files so that it can be evaluated again with exactly them.
func DataFS() fs.FS { return dataFS }

// LoadFS is Load reading the same files from fsys, for example the copies
// in an evidence pack, instead of the embedded ones. The data is validated
// as Load validates the embedded data.
func LoadFS(fsys fs.FS) (*Model, error) {
	return load(fsys)
}

func load(fsys fs.FS) (*Model, error) {
	cats, err := loadCatalogs(fsys)
	if err != nil {
		return nil, err
	}
	cw, err := loadCrosswalk(fsys, cats)
	if err != nil {
		return nil, err
	}
	mf, err := loadMeasures(fsys)
	if err != nil {
		return nil, err
	}
	mg, err := loadMigration(fsys, cats, mf.Measures)
	if err != nil {
		return nil, err
	}
	m := &Model{Catalogs: cats, Crosswalk: cw, Migration: mg, Measures: mf.Measures, DecisionNeeded: mf.DecisionNeeded}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("load measures: %w", err)
	}
	return m, nil
}

// Catalog returns the catalog of a framework, or nil for an unknown id.
func (m *Model) Catalog(framework string) *Catalog {
	return m.Catalogs[framework]
}

// Requirement looks up a requirement by framework and id.
func (m *Model) Requirement(framework, id string) (Requirement, bool) {
	c := m.Catalog(framework)
	if c == nil {
		return Requirement{}, false
	}
	return c.Requirement(id)
}

// Related returns the requirements of the other frameworks related to
// framework:id through the crosswalk (see Crosswalk.Related). A C5:2026
// criterion is related to what its C5:2020 predecessors are related to
// (Migration), each pair once with its strongest relation.
func (m *Model) Related(framework, id string) []Link {
	if framework != C5_2026 {
		return m.Crosswalk.Related(framework, id)
	}
	if m.Migration == nil {
		return nil
	}
	best := map[string]Link{}
	for _, p := range m.Migration.Predecessors(id) {
		for _, l := range m.Crosswalk.Related(C5, p.From) {
			if old, ok := best[l.Ref()]; !ok || relationRank[l.Relation] < relationRank[old.Relation] {
				best[l.Ref()] = l
			}
		}
	}
	if len(best) == 0 {
		return nil
	}
	order := map[string]int{}
	for i, fw := range Frameworks {
		order[fw] = i
	}
	out := make([]Link, 0, len(best))
	for _, l := range best {
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Framework != out[j].Framework {
			return order[out[i].Framework] < order[out[j].Framework]
		}
		return m.Catalogs[out[i].Framework].position(out[i].ID) < m.Catalogs[out[j].Framework].position(out[j].ID)
	})
	return out
}

// Validate checks the measures and default decisions against the
// catalogs: unique ids, allowed values, texts in both languages, an
// assessment per measure, every referenced requirement present, and no
// requirement both supported by a measure and out of scope by default.
func (m *Model) Validate() error {
	var errs []error
	ids := map[string]bool{}
	supported := map[string]string{}
	for i, x := range m.Measures {
		name := x.ID
		if name == "" {
			name = fmt.Sprintf("#%d", i+1)
		}
		if ids[x.ID] {
			errs = append(errs, fmt.Errorf("measure %s: duplicate id", name))
		}
		ids[x.ID] = true
		if err := x.validate(); err != nil {
			errs = append(errs, fmt.Errorf("measure %s: %w", name, err))
		}
		refs := map[string]bool{}
		for _, ref := range x.Requirements {
			if refs[ref] {
				errs = append(errs, fmt.Errorf("measure %s: requirement %s listed twice", name, ref))
			}
			refs[ref] = true
			if err := m.checkRef(ref); err != nil {
				errs = append(errs, fmt.Errorf("measure %s: %w", name, err))
			}
			if fw, _, _ := ParseRef(ref); fw == C5_2026 {
				errs = append(errs, fmt.Errorf("measure %s: %s: the C5:2026 criteria are derived from the C5:2020 ones through %s, not listed here", name, ref, migrationFile))
			}
			supported[ref] = x.ID
		}
	}
	if len(m.Measures) == 0 {
		errs = append(errs, errors.New("no measures"))
	}
	na := map[string]bool{}
	for _, d := range m.DecisionNeeded {
		ref := d.Ref()
		if na[ref] {
			errs = append(errs, fmt.Errorf("decision_needed %s: listed twice", ref))
		}
		na[ref] = true
		if err := m.checkRef(ref); err != nil {
			errs = append(errs, fmt.Errorf("decision_needed: %w", err))
		}
		if d.Note.DE == "" || d.Note.EN == "" {
			errs = append(errs, fmt.Errorf("decision_needed %s: note needs de and en", ref))
		}
		if by, ok := supported[ref]; ok {
			errs = append(errs, fmt.Errorf("decision_needed %s: measure %s supports it", ref, by))
		}
	}
	return errors.Join(errs...)
}

func (m *Model) checkRef(ref string) error {
	fw, id, err := ParseRef(ref)
	if err != nil {
		return err
	}
	if _, ok := m.Requirement(fw, id); !ok {
		return fmt.Errorf("requirement %s: not in the %s catalog", ref, fw)
	}
	return nil
}

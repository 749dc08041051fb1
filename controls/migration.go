package controls

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"
)

// MigrationRelation says where a C5:2020 criterion went in C5:2026.
type MigrationRelation string

// The relations of the C5:2020 → C5:2026 migration.
const (
	// Equal: same id, same title.
	Equal MigrationRelation = "equal"
	// Renamed: same topic and number, another title or prefix (IDM→IAM,
	// BC→GC).
	Renamed MigrationRelation = "renamed"
	// Moved: same topic under another number.
	Moved MigrationRelation = "moved"
	// Split: distributed over several C5:2026 criteria.
	Split MigrationRelation = "split"
	// Merged: several C5:2020 criteria became one.
	Merged MigrationRelation = "merged"
)

var migrationLabels = map[MigrationRelation]Text{
	Equal:   {DE: "unverändert", EN: "equal"},
	Renamed: {DE: "umbenannt", EN: "renamed"},
	Moved:   {DE: "verschoben", EN: "moved"},
	Split:   {DE: "aufgeteilt", EN: "split"},
	Merged:  {DE: "zusammengeführt", EN: "merged"},
}

// Label returns the relation's name in lang ("de" or "en").
func (r MigrationRelation) Label(lang string) string { return migrationLabels[r].In(lang) }

// MigrationEntry says where one C5:2020 criterion (or general condition
// BC-01 … BC-06) went in C5:2026.
type MigrationEntry struct {
	From     string            `yaml:"c5-2020" json:"c5_2020"`
	To       []string          `yaml:"c5-2026" json:"c5_2026"`
	Relation MigrationRelation `yaml:"relation" json:"relation"`
}

// MeasureReview is one reviewed deviation from (or confirmation of) the
// derivation of a C5:2026 criterion's measures from its C5:2020
// predecessors.
type MeasureReview struct {
	Criterion string   `yaml:"c5-2026" json:"c5_2026"`
	Add       []string `yaml:"add,omitempty" json:"add,omitempty"`
	Remove    []string `yaml:"remove,omitempty" json:"remove,omitempty"`
	Why       Text     `yaml:"why" json:"why"`
}

// Migration is the C5:2020 → C5:2026 crosswalk: where each C5:2020
// criterion went, the criteria new in C5:2026, and the reviewed changes
// to the measures derived through it.
type Migration struct {
	Entries   []MigrationEntry `yaml:"migration" json:"migration"`
	NewIn2026 []string         `yaml:"new_in_2026" json:"new_in_2026"`
	Review    []MeasureReview  `yaml:"measure_review" json:"measure_review"`

	// measures maps a C5:2026 criterion id to the measures that support
	// it, derived and reviewed (see derive).
	measures map[string][]string
}

const migrationFile = "migration-c5-2026.yaml"

// loadMigration reads and validates the migration; nil without error when
// the files hold no C5:2026 catalog (an evidence pack made before it).
func loadMigration(fsys fs.FS, cats map[string]*Catalog, measures []Measure) (*Migration, error) {
	if cats[C5_2026] == nil {
		return nil, nil
	}
	b, err := fs.ReadFile(fsys, migrationFile)
	if err != nil {
		return nil, fmt.Errorf("load migration: %w", err)
	}
	var mg Migration
	if err := decodeStrict(b, &mg); err != nil {
		return nil, fmt.Errorf("load migration: %s: %w", migrationFile, err)
	}
	if err := mg.validate(cats[C5], cats[C5_2026]); err != nil {
		return nil, fmt.Errorf("load migration: %s: %w", migrationFile, err)
	}
	if err := mg.derive(measures); err != nil {
		return nil, fmt.Errorf("load migration: %s: %w", migrationFile, err)
	}
	return &mg, nil
}

var relations = map[MigrationRelation]bool{Equal: true, Renamed: true, Moved: true, Split: true, Merged: true}

// validate checks that every C5:2020 criterion has exactly one row, every
// target exists, every C5:2026 criterion is a target or new, never both,
// and that the relations fit the ids (equal keeps the id, split has
// several targets).
func (mg *Migration) validate(old, cur *Catalog) error {
	seen := map[string]bool{}
	targeted := map[string]bool{}
	for _, e := range mg.Entries {
		bc := strings.HasPrefix(e.From, "BC-")
		if _, ok := old.Requirement(e.From); !ok && !bc {
			return fmt.Errorf("migration: c5-2020 %s: not in the C5:2020 catalog", e.From)
		}
		if seen[e.From] {
			return fmt.Errorf("migration: c5-2020 %s: listed twice", e.From)
		}
		seen[e.From] = true
		if !relations[e.Relation] {
			return fmt.Errorf("migration: c5-2020 %s: relation %q: want equal, renamed, moved, split or merged", e.From, e.Relation)
		}
		if len(e.To) == 0 || (e.Relation == Split) != (len(e.To) > 1) {
			return fmt.Errorf("migration: c5-2020 %s: a split row has several targets, every other row one", e.From)
		}
		if e.Relation == Equal && e.To[0] != e.From {
			return fmt.Errorf("migration: c5-2020 %s: equal, but the target is %s", e.From, e.To[0])
		}
		for _, t := range e.To {
			if bc {
				if want := "GC-" + strings.TrimPrefix(e.From, "BC-"); t != want {
					return fmt.Errorf("migration: c5-2020 %s: target %s, want %s", e.From, t, want)
				}
				continue
			}
			if _, ok := cur.Requirement(t); !ok {
				return fmt.Errorf("migration: c5-2020 %s: target %s: not in the C5:2026 catalog", e.From, t)
			}
			targeted[t] = true
		}
	}
	for _, r := range old.Requirements {
		if !seen[r.ID] {
			return fmt.Errorf("migration: c5-2020 %s: no row", r.ID)
		}
	}
	for _, id := range mg.NewIn2026 {
		if _, ok := cur.Requirement(id); !ok {
			return fmt.Errorf("new_in_2026: %s: not in the C5:2026 catalog", id)
		}
		if targeted[id] {
			return fmt.Errorf("new_in_2026: %s: also the target of a C5:2020 criterion", id)
		}
		targeted[id] = true
	}
	for _, r := range cur.Requirements {
		if !targeted[r.ID] {
			return fmt.Errorf("c5-2026 %s: neither a target of the migration nor new_in_2026", r.ID)
		}
	}
	return nil
}

// derive maps each C5:2026 criterion to the measures of its C5:2020
// predecessors, then applies the reviewed additions and removals. A
// review must change what it names: adding a measure already derived or
// removing one not derived is an error, so a review cannot go stale
// silently.
func (mg *Migration) derive(measures []Measure) error {
	targets := map[string][]string{}
	for _, e := range mg.Entries {
		targets[e.From] = e.To
	}
	known := map[string]bool{}
	set := map[string]map[string]bool{}
	for _, x := range measures {
		known[x.ID] = true
		for _, ref := range x.Requirements {
			fw, id, err := ParseRef(ref)
			if err != nil || fw != C5 {
				continue
			}
			for _, t := range targets[id] {
				if set[t] == nil {
					set[t] = map[string]bool{}
				}
				set[t][x.ID] = true
			}
		}
	}
	reviewed := map[string]bool{}
	for _, r := range mg.Review {
		if reviewed[r.Criterion] {
			return fmt.Errorf("measure_review: c5-2026 %s: listed twice", r.Criterion)
		}
		reviewed[r.Criterion] = true
		if r.Why.DE == "" || r.Why.EN == "" {
			return fmt.Errorf("measure_review: c5-2026 %s: why needs de and en", r.Criterion)
		}
		if set[r.Criterion] == nil {
			set[r.Criterion] = map[string]bool{}
		}
		for _, id := range r.Add {
			if !known[id] || set[r.Criterion][id] {
				return fmt.Errorf("measure_review: c5-2026 %s: add %s: not a measure, or already derived", r.Criterion, id)
			}
			set[r.Criterion][id] = true
		}
		for _, id := range r.Remove {
			if !set[r.Criterion][id] {
				return fmt.Errorf("measure_review: c5-2026 %s: remove %s: not derived", r.Criterion, id)
			}
			delete(set[r.Criterion], id)
		}
	}
	mg.measures = map[string][]string{}
	for t, ids := range set {
		if len(ids) == 0 {
			continue
		}
		list := make([]string, 0, len(ids))
		for id := range ids {
			list = append(list, id)
		}
		sort.Strings(list)
		mg.measures[t] = list
	}
	if len(mg.Entries) == 0 {
		return errors.New("no migration rows")
	}
	return nil
}

// Measures returns the measures that support a C5:2026 criterion, sorted;
// nil when none does.
func (mg *Migration) Measures(c5v2026 string) []string {
	return slices.Clone(mg.measures[c5v2026])
}

// Predecessors returns the rows of the C5:2020 criteria that went to a
// C5:2026 criterion, in migration order.
func (mg *Migration) Predecessors(c5v2026 string) []MigrationEntry {
	var out []MigrationEntry
	for _, e := range mg.Entries {
		if slices.Contains(e.To, c5v2026) {
			out = append(out, e)
		}
	}
	return out
}

// ReviewOf returns the reviewed row of a C5:2026 criterion, if any.
func (mg *Migration) ReviewOf(c5v2026 string) (MeasureReview, bool) {
	for _, r := range mg.Review {
		if r.Criterion == c5v2026 {
			return r, true
		}
	}
	return MeasureReview{}, false
}

// IsNew reports whether a C5:2026 criterion has no C5:2020 predecessor.
func (mg *Migration) IsNew(c5v2026 string) bool { return slices.Contains(mg.NewIn2026, c5v2026) }

package templates

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"

	"github.com/nachweis/nachweis/controls"
)

// Changes is the section "Änderungen gegenüber Version N": what differs
// between the results of the previous version and these.
type Changes struct {
	// Previous is the number of the version compared with.
	Previous int
	// New are findings open now and not before, Closed those open before
	// and not now, Changed those open in both with another outcome.
	New, Closed, Changed []ChangedFinding
	// Measures lists the measures whose outcome changed; Added and
	// Removed the measures that are new or no longer assessed.
	Measures       []ChangedMeasure
	Added, Removed []ChangedMeasure
}

// Empty reports whether nothing changed.
func (c *Changes) Empty() bool {
	return len(c.New)+len(c.Closed)+len(c.Changed)+len(c.Measures)+len(c.Added)+len(c.Removed) == 0
}

// ChangedFinding is one finding of the change history.
type ChangedFinding struct {
	// ID is stable from run to run: F-<check id>-<eight hex digits of the
	// object>, the register's id of the check's findings followed by the
	// object (F-<check id>-NE for a check without any evidence).
	ID    string
	Check string
	Title string
	// Object is the object the finding is about; empty when the reader
	// may not see it (another tenant's or a shared object in a customer's
	// document), and then Shared is set.
	Object string
	Shared bool
	// Before and After are the outcomes; Before is empty for a new
	// finding and After is pass (or empty: no longer assessed) for a
	// closed one.
	Before, After controls.Outcome
}

// ChangedMeasure is one measure of the change history.
type ChangedMeasure struct {
	ID            string
	Title         string
	Before, After controls.Outcome
}

// FindingID is the stable id of a check's finding about an object:
// F-<check>-<the first eight hex digits of the object's sha256>. The
// object is hashed, so that the id names nothing a reader may not see.
func FindingID(check, object string) string {
	h := sha256.Sum256([]byte(check + "\x00" + object))
	return "F-" + check + "-" + hex.EncodeToString(h[:4])
}

// openFinding is a finding that is not a pass: a failure, an exception,
// an object without evidence.
type openFinding struct {
	check, title, object, tenant string
	status                       controls.Outcome
}

func isOpen(o controls.Outcome) bool {
	return o != controls.Pass && o != controls.NotApplicable && o != ""
}

// openFindings indexes the open findings of r by id; a check without any
// evidence and no objects counts as one finding F-<check>-NE.
func openFindings(r *controls.Results, lang string) map[string]openFinding {
	out := map[string]openFinding{}
	for _, c := range r.Checks {
		hasOpen := false
		for _, f := range c.Findings {
			if !isOpen(f.Status) {
				continue
			}
			hasOpen = true
			out[FindingID(c.ID, f.Resource)] = openFinding{check: c.ID, title: c.Title.In(lang), object: f.Resource, tenant: f.Tenant, status: f.Status}
		}
		if !hasOpen && c.Status == controls.NoEvidence && len(c.Findings) == 0 {
			out["F-"+c.ID+"-NE"] = openFinding{check: c.ID, title: c.Title.In(lang), status: controls.NoEvidence}
		}
	}
	return out
}

// diffResults compares the results of the previous version with these.
// own says whether the reader may see an object by name (a customer sees
// only its own tenant's objects).
func diffResults(prev, cur *controls.Results, previous int, lang string, model *controls.Model, own func(tenant string) bool) *Changes {
	ch := &Changes{Previous: previous}
	before, after := openFindings(prev, lang), openFindings(cur, lang)
	curFindings := map[string]controls.Outcome{}
	for _, c := range cur.Checks {
		for _, f := range c.Findings {
			curFindings[FindingID(c.ID, f.Resource)] = f.Status
		}
	}
	mk := func(id string, f openFinding) ChangedFinding {
		cf := ChangedFinding{ID: id, Check: f.check, Title: f.title, Object: f.object}
		if f.object != "" && !own(f.tenant) {
			cf.Object, cf.Shared = "", true
		}
		return cf
	}
	for id, a := range after {
		b, ok := before[id]
		switch {
		case !ok:
			cf := mk(id, a)
			cf.After = a.status
			ch.New = append(ch.New, cf)
		case b.status != a.status:
			cf := mk(id, a)
			cf.Before, cf.After = b.status, a.status
			ch.Changed = append(ch.Changed, cf)
		}
	}
	for id, b := range before {
		if _, ok := after[id]; ok {
			continue
		}
		cf := mk(id, b)
		cf.Before = b.status
		cf.After = curFindings[id]
		ch.Closed = append(ch.Closed, cf)
	}
	title := func(id string) string {
		if m, ok := model.Measure(id); ok {
			return m.Title.In(lang)
		}
		return ""
	}
	prevM := map[string]controls.Outcome{}
	for _, m := range prev.Measures {
		prevM[m.ID] = m.Status
	}
	curM := map[string]bool{}
	for _, m := range cur.Measures {
		curM[m.ID] = true
		b, ok := prevM[m.ID]
		switch {
		case !ok:
			ch.Added = append(ch.Added, ChangedMeasure{ID: m.ID, Title: title(m.ID), After: m.Status})
		case b != m.Status:
			ch.Measures = append(ch.Measures, ChangedMeasure{ID: m.ID, Title: title(m.ID), Before: b, After: m.Status})
		}
	}
	for _, m := range prev.Measures {
		if !curM[m.ID] {
			ch.Removed = append(ch.Removed, ChangedMeasure{ID: m.ID, Title: title(m.ID), Before: m.Status})
		}
	}
	for _, l := range [][]ChangedFinding{ch.New, ch.Closed, ch.Changed} {
		sort.Slice(l, func(i, j int) bool { return l[i].ID < l[j].ID })
	}
	return ch
}

package deletion

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // document ids are dated in German time on every machine
)

// InputError is input the protocol cannot be made from: plans of
// different tenants or systems, a later plan that is older, no evidence
// after the deletion, a retention that cannot be simulated, an unknown
// tenant. Commands report it as a usage error.
type InputError struct{ Msg string }

func (e *InputError) Error() string { return e.Msg }

func inputErrorf(format string, args ...any) error {
	return &InputError{Msg: fmt.Sprintf(format, args...)}
}

var berlin = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic("deletion: load Europe/Berlin: " + err.Error())
	}
	return loc
}()

// Verify compares the plan made before the deletion with the plan made
// from the evidence after it. now is the protocol's date. It returns an
// InputError when the plans cannot be compared: another tenant, an after
// plan without evidence or older than the before plan, or a source whose
// identity differs between them.
func Verify(before, after *Plan, now time.Time, toolVersion string) (*Protocol, error) {
	if before.Tenant.ID != after.Tenant.ID {
		return nil, inputErrorf("the plans are of different tenants: --before is of %q, --after of %q", before.Tenant.ID, after.Tenant.ID)
	}
	if after.Evidence == nil {
		return nil, inputErrorf("--after has no evidence: the state after the deletion must come from a collected bundle")
	}
	if before.Evidence != nil && before.Evidence.CutOff.After(after.Evidence.CutOff) {
		return nil, inputErrorf("--before (evidence of %s) is newer than --after (evidence of %s)",
			before.Evidence.CutOff.UTC().Format(time.RFC3339), after.Evidence.CutOff.UTC().Format(time.RFC3339))
	}
	if err := sameSystems(before, after); err != nil {
		return nil, err
	}
	v := &verifier{after: after, at: after.Evidence.CutOff, lists: map[string]List{}}
	for _, l := range after.Lists {
		v.lists[listKey(l.Source, l.Kind, l.Repository)] = l
	}
	p := &Protocol{
		Schema:      ProtocolSchema,
		DocumentID:  DocumentID(after.Tenant.ID, after.Evidence.CutOff),
		CreatedAt:   now,
		ToolVersion: toolVersion,
		Tenant:      after.Tenant,
		Before:      Basis{Evidence: before.Evidence, PlanCreatedAt: before.CreatedAt},
		After:       Basis{Evidence: after.Evidence, PlanCreatedAt: after.CreatedAt},
		Retained:    after.Retained,
		Rules:       after.Rules,
		Gaps:        after.Gaps,
	}
	if p.Tenant.Request == nil {
		p.Tenant.Request = before.Tenant.Request
	}
	p.Objects = v.objects(before.Objects, after.Objects)
	p.Copies = v.copies(before.Copies, after.Copies)
	p.Backups = backupResults(before.Backups, after.Backups, p.Copies)
	for _, pl := range after.Places {
		p.Places = append(p.Places, PlaceResult{Place: pl, Outcome: Attested, Passed: pl.Due != nil && pl.Due.Before(now)})
	}
	p.finish(now)
	return p, nil
}

// DocumentID is LP-<tenant>-<yyyymmdd>, dated by the evidence cut-off in
// German time.
func DocumentID(tenant string, cutoff time.Time) string {
	return "LP-" + tenant + "-" + cutoff.In(berlin).Format("20060102")
}

// sameSystems rejects plans whose sources of the same name identify
// themselves differently: another cluster, another repository.
func sameSystems(before, after *Plan) error {
	ids := map[string]string{}
	for _, id := range before.Identities {
		ids[id.Source] = id.Value
	}
	for _, id := range after.Identities {
		if was, ok := ids[id.Source]; ok && was != "" && id.Value != "" && was != id.Value {
			return inputErrorf("--before and --after are of different systems: source %s is %s in --before and %s in --after", id.Source, was, id.Value)
		}
	}
	return nil
}

type verifier struct {
	after *Plan
	at    time.Time
	lists map[string]List
}

func listKey(source, kind, repo string) string { return source + "\x00" + kind + "\x00" + repo }

// list returns the listing that shows whether an item of kind is in the
// source after the deletion.
func (v *verifier) list(source, kind, repo string) (List, bool) {
	l, ok := v.lists[listKey(source, kind, repo)]
	return l, ok
}

// gap explains why a source or kind has no listing after the deletion.
func (v *verifier) gap(source, what string) string {
	for _, g := range v.after.Gaps {
		if g.Source == source && (g.What == what || g.What == "") {
			return g.Reason
		}
	}
	for _, s := range v.after.Evidence.Sources {
		if s.Key == source {
			return "the evidence after the deletion does not list " + what
		}
	}
	return "the evidence after the deletion does not contain the source " + source
}

func (v *verifier) objects(before, after []Object) []ObjectResult {
	afterByKey := map[string]Object{}
	for _, o := range after {
		afterByKey[o.Key] = o
	}
	var out []ObjectResult
	seen := map[string]bool{}
	at := v.at
	for _, o := range before {
		seen[o.Key] = true
		if a, ok := afterByKey[o.Key]; ok {
			out = append(out, v.stillThere(a, afterByKey, ""))
			continue
		}
		src := "kubernetes/" + o.Source
		if l, ok := v.list(src, o.Kind, ""); ok {
			ref := l.Evidence
			out = append(out, ObjectResult{Object: o, Outcome: Deleted, VerifiedAt: &at, Verification: &ref})
			continue
		}
		out = append(out, ObjectResult{Object: o, Outcome: NotEvidenced, Detail: v.gap(src, o.Kind)})
	}
	for _, a := range after {
		if !seen[a.Key] {
			out = append(out, v.stillThere(a, afterByKey, "new"))
		}
	}
	slices.SortFunc(out, func(a, b ObjectResult) int { return cmp.Compare(objectOrder(a.Object), objectOrder(b.Object)) })
	return out
}

// stillThere judges an object the evidence after the deletion holds.
func (v *verifier) stillThere(o Object, after map[string]Object, note string) ObjectResult {
	at := v.at
	ref := o.Evidence
	r := ObjectResult{Object: o, Outcome: Present, VerifiedAt: &at, Verification: &ref}
	switch {
	case o.Terminating():
		r.Outcome, r.Detail = InProgress, "terminating"
	case o.Kind == KindPV:
		claimKey := "kubernetes/" + o.Source + "/" + KindPVC + "/" + o.Claim
		if _, claimed := after[claimKey]; claimed && o.Claim != "" {
			break // its claim is still there: the volume is simply in use
		}
		switch {
		case o.ReclaimPolicy == "Retain":
			// Retain: the storage is kept until someone deletes the volume.
			r.Outcome, r.Detail = InProgress, "retain-"+strings.ToLower(o.Phase)
		case o.Phase == "Released" || o.Phase == "Bound":
			r.Outcome, r.Detail = InProgress, "delete-"+strings.ToLower(o.Phase)
		}
	}
	if note != "" {
		r.Detail = strings.TrimPrefix(r.Detail+","+note, ",")
	}
	return r
}

// objectOrder sorts namespaces first, then their contents, then volumes.
func objectOrder(o Object) string {
	rank := map[string]string{KindNamespace: "0", KindPVC: "1", KindPV: "2", KindSecret: "3", KindConfigMap: "4"}[o.Kind]
	return o.Source + "\x00" + rank + "\x00" + o.Namespace + "\x00" + o.Name
}

func (v *verifier) copies(before, after []Copy) []CopyResult {
	afterByKey := map[string]Copy{}
	for _, c := range after {
		afterByKey[c.Key] = c
	}
	var out []CopyResult
	seen := map[string]bool{}
	for _, c := range before {
		seen[c.Key] = true
		if a, ok := afterByKey[c.Key]; ok {
			out = append(out, v.copyThere(a, ""))
			continue
		}
		kind := "snapshots"
		if c.Tool == ToolVelero {
			kind = "Backup"
		}
		src := c.Tool + "/" + c.Source
		repo := c.Repository
		if c.Tool == ToolVelero {
			src, repo = "kubernetes/"+c.Source, ""
		}
		if l, ok := v.list(src, kind, repo); ok {
			at, ref := v.at, l.Evidence
			out = append(out, CopyResult{Copy: c, Outcome: Deleted, VerifiedAt: &at, Verification: &ref})
			continue
		}
		out = append(out, CopyResult{Copy: c, Outcome: NotEvidenced, Detail: v.gap(src, kind)})
	}
	for _, a := range after {
		if !seen[a.Key] {
			out = append(out, v.copyThere(a, "new"))
		}
	}
	slices.SortFunc(out, func(a, b CopyResult) int {
		return cmp.Or(cmp.Compare(a.Tool+"/"+a.Source+"/"+a.Repository, b.Tool+"/"+b.Source+"/"+b.Repository), a.Time.Compare(b.Time), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// copyThere judges a copy the evidence after the deletion still holds.
func (v *verifier) copyThere(c Copy, note string) CopyResult {
	at, ref := v.at, c.Evidence
	r := CopyResult{Copy: c, VerifiedAt: &at, Verification: &ref}
	switch {
	case c.Expiry.At == nil:
		r.Outcome, r.Detail = NoExpiry, c.Expiry.Reason
	case !c.Expiry.At.After(v.at):
		// Past its expiry and still listed: whatever should delete it
		// does not run.
		r.Outcome, r.Detail = NoExpiry, "overdue"
	default:
		r.Outcome = PendingExpiry
	}
	if note != "" {
		r.Detail = strings.TrimPrefix(r.Detail+","+note, ",")
	}
	return r
}

// backupResults summarises the copies per backup source, with the
// declarations of the later plan where it has the source.
func backupResults(before, after []Backup, copies []CopyResult) []BackupResult {
	bySource := map[string]*BackupResult{}
	var order []string
	add := func(b Backup) {
		if _, ok := bySource[b.Source]; ok {
			bySource[b.Source].Backup = b
			return
		}
		bySource[b.Source] = &BackupResult{Backup: b}
		order = append(order, b.Source)
	}
	for _, b := range before {
		add(b)
	}
	for _, b := range after {
		add(b)
	}
	for _, c := range copies {
		key := c.Tool + "/" + c.Source
		r, ok := bySource[key]
		if !ok {
			r = &BackupResult{Backup: Backup{Source: key, Tool: c.Tool, Name: c.Source}}
			bySource[key] = r
			order = append(order, key)
		}
		if !strings.Contains(c.Detail, "new") {
			r.Before++
		}
		if c.Outcome != Deleted {
			r.Remaining++
		}
	}
	slices.Sort(order)
	out := make([]BackupResult, 0, len(order))
	for _, key := range order {
		r := bySource[key]
		r.Copies = r.Remaining
		r.Outcome = Deleted
		r.LastExpiry = Expiry{Basis: BasisSimulated}
		var oldest, newest, last *time.Time
		upper := false
		for _, c := range copies {
			if c.Tool+"/"+c.Source != key || c.Outcome == Deleted {
				continue
			}
			t := c.Time
			if oldest == nil || t.Before(*oldest) {
				oldest = &t
			}
			if newest == nil || t.After(*newest) {
				newest = &t
			}
			r.Outcome = worse(r.Outcome, c.Outcome)
			if c.Expiry.At != nil && (last == nil || c.Expiry.At.After(*last)) {
				last, r.LastExpiry = c.Expiry.At, c.Expiry
			}
			upper = upper || c.Expiry.UpperBound
		}
		r.Oldest, r.Newest = oldest, newest
		switch {
		case r.Remaining == 0:
			r.LastExpiry = Expiry{}
		case r.Outcome.Blocking():
			r.LastExpiry = Expiry{Basis: BasisNever}
		default:
			r.LastExpiry.UpperBound = upper
		}
		out = append(out, *r)
	}
	return out
}

// severity orders outcomes from good to bad.
var severity = map[Outcome]int{Deleted: 0, KeptByLaw: 1, Attested: 2, PendingExpiry: 3, InProgress: 4, NoExpiry: 5, NotEvidenced: 6, Present: 7}

func worse(a, b Outcome) Outcome {
	if severity[b] > severity[a] {
		return b
	}
	return a
}

// finish collects the blockers, the last expiry and the status.
func (p *Protocol) finish(now time.Time) {
	for _, o := range p.Objects {
		if o.Outcome.Blocking() {
			where := "kubernetes/" + o.Source
			if o.Namespace != "" {
				where += "/" + o.Namespace
			}
			p.Blockers = append(p.Blockers, Blocker{Key: o.Key, Kind: o.Kind, Name: o.Name, Where: where, Outcome: o.Outcome, Detail: o.Detail})
		}
	}
	var last *Expiry
	var final *time.Time
	pending := false
	for _, c := range p.Copies {
		if c.Outcome.Blocking() {
			p.Blockers = append(p.Blockers, Blocker{Key: c.Key, Kind: c.Tool, Name: c.ID, Where: c.Tool + "/" + c.Source + "/" + c.Repository, Outcome: c.Outcome, Detail: c.Detail})
			continue
		}
		if c.Outcome != PendingExpiry {
			continue
		}
		pending = true
		if last == nil || c.Expiry.At.After(*last.At) {
			e := c.Expiry
			last = &e
		} else if c.Expiry.At.Equal(*last.At) && c.Expiry.UpperBound {
			last.UpperBound = true
		}
	}
	if last != nil {
		p.LastCopyExpires = last
		t := *last.At
		final = &t
	}
	for _, pl := range p.Places {
		if pl.Due == nil {
			pending = true // no date: never final on the provider's word alone
			continue
		}
		if !pl.Passed {
			pending = true
		}
		if final == nil || pl.Due.After(*final) {
			t := *pl.Due
			final = &t
		}
	}
	switch {
	case len(p.Blockers) > 0:
		p.Status = StatusDraft
	case pending:
		p.Status = StatusActiveDeleted
		p.FinalFrom = final
	default:
		p.Status = StatusFinal
	}
	if p.Objects == nil {
		p.Objects = []ObjectResult{}
	}
	if p.Copies == nil {
		p.Copies = []CopyResult{}
	}
	if p.Backups == nil {
		p.Backups = []BackupResult{}
	}
	if p.Places == nil {
		p.Places = []PlaceResult{}
	}
	if p.Blockers == nil {
		p.Blockers = []Blocker{}
	}
	if p.Retained == nil {
		p.Retained = []Retained{}
	}
	if p.Gaps == nil {
		p.Gaps = []Gap{}
	}
}

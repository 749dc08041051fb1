package inventory

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/config"
	"github.com/nachweis/nachweis/evidence/deletion"
	"github.com/nachweis/nachweis/evidence/kubernetes"
)

// Input is what Build reads.
type Input struct {
	// Bundle is the evidence; nil makes a plan of what the configuration
	// declares, without evidence.
	Bundle *evidence.Bundle
	Config *config.Config
	Tenant string
	// Now is the clock recorded as the plan's creation time.
	Now         time.Time
	ToolVersion string
	// Namespaces adds, per Kubernetes source, namespaces that belong to
	// the tenant besides those the configuration resolves: those of the
	// plan before the deletion, whose labels may be gone with them.
	Namespaces map[string][]string
}

// Build makes the plan of one tenant.
func Build(in Input) (*deletion.Plan, error) {
	if in.Config == nil {
		in.Config = &config.Config{}
	}
	t, ok := in.Config.Tenant(in.Tenant)
	if !ok {
		return nil, unknownTenant(in.Config, in.Tenant)
	}
	b := &builder{in: in, cfg: in.Config, tenant: t, p: &deletion.Plan{
		Schema:      deletion.PlanSchema,
		Tenant:      tenantOf(t),
		CreatedAt:   in.Now,
		ToolVersion: in.ToolVersion,
	}}
	b.p.Rules = rulesOf(in.Config)
	if in.Bundle == nil {
		b.declaredOnly()
	} else if err := b.fromBundle(); err != nil {
		return nil, err
	}
	b.places()
	b.finish()
	return b.p, nil
}

// CheckTenant returns the InputError Build gives for a tenant the
// configuration does not define, or nil.
func CheckTenant(c *config.Config, id string) error {
	if _, ok := c.Tenant(id); ok {
		return nil
	}
	return unknownTenant(c, id)
}

func unknownTenant(c *config.Config, id string) error {
	ids := make([]string, 0, len(c.Tenants))
	for _, t := range c.Tenants {
		ids = append(ids, t.ID)
	}
	sort.Strings(ids)
	known := "the configuration defines no tenants"
	if len(ids) > 0 {
		known = "defined tenants: " + strings.Join(ids, ", ")
	}
	file := c.File
	if file == "" {
		file = "the configuration"
	}
	return &deletion.InputError{Msg: fmt.Sprintf("--tenant %s: not a tenant of %s (%s)", id, file, known)}
}

type builder struct {
	in     Input
	cfg    *config.Config
	tenant config.Tenant
	p      *deletion.Plan
}

func tenantOf(t config.Tenant) deletion.Tenant {
	out := deletion.Tenant{ID: t.ID, Name: t.Name, Namespaces: map[string][]string{}}
	if out.Name == "" {
		out.Name = t.ID
	}
	if t.Contract != nil {
		out.ContractReference = t.Contract.Reference
		if !t.Contract.Date.IsZero() {
			d := t.Contract.Date
			out.ContractDate = &d
		}
	}
	if d := t.Deletion; d != nil {
		r := &deletion.Request{
			Trigger: d.Trigger, Instruction: d.Instruction, RequestedBy: d.RequestedBy,
			Channel: d.Channel, ExecutedBy: d.ExecutedBy, VerifiedBy: d.VerifiedBy,
		}
		if r.Instruction == "" {
			r.Instruction = config.InstructionDelete
		}
		if !d.ContractEnd.IsZero() {
			e := d.ContractEnd
			r.ContractEnd = &e
		}
		if !d.RequestedOn.IsZero() {
			o := d.RequestedOn
			r.RequestedOn = &o
		}
		out.Request = r
	}
	return out
}

func rulesOf(c *config.Config) deletion.Rules {
	r := deletion.Rules{Classes: []deletion.Class{}, Clusters: []deletion.Cluster{}}
	for _, k := range c.Deletion.Classes {
		r.Classes = append(r.Classes, deletion.Class{ID: k.ID, Name: k.Name.Any(), StartingPoint: k.StartingPoint, PeriodHours: int64(k.Period / time.Hour)})
	}
	for _, d := range c.Deletion.Clusters {
		m := d.Method
		if m == "" {
			m = config.MethodLogical
		}
		r.Clusters = append(r.Clusters, deletion.Cluster{ID: d.ID, Name: d.Name.Any(), Class: d.Class, Kinds: append([]string{}, d.Kinds...), Method: m})
	}
	return r
}

// assignment is the data cluster, class and method of an inventory kind
// (or of a data cluster given by id).
func (b *builder) assignment(kindOrCluster string) deletion.Assignment {
	d, ok := b.cfg.DataClusterOf(kindOrCluster)
	if !ok {
		return deletion.Assignment{}
	}
	m := d.Method
	if m == "" {
		m = config.MethodLogical
	}
	return deletion.Assignment{Cluster: d.ID, Class: d.Class, Method: m}
}

// ref makes an evidence reference from "path#pointer".
func (b *builder) ref(pathPointer string) deletion.Ref {
	path, ptr, _ := strings.Cut(pathPointer, "#")
	r := deletion.Ref{File: path, Pointer: ptr}
	if f, _, ok := b.in.Bundle.File(path); ok {
		r.SHA256 = f.SHA256
	}
	return r
}

func (b *builder) gap(source, what, reason string) {
	b.p.Gaps = append(b.p.Gaps, deletion.Gap{Source: source, What: what, Reason: reason})
}

// gapCode records a gap nachweis finds itself, with its code (see
// deletion.Gap) and the English reason.
func (b *builder) gapCode(source, what, code, arg, reason string) {
	b.p.Gaps = append(b.p.Gaps, deletion.Gap{Source: source, What: what, Reason: reason, Code: code, Arg: arg})
}

func (b *builder) fromBundle() error {
	bundle := b.in.Bundle
	ev := &deletion.Evidence{Digest: bundle.Digest, CutOff: bundle.CutOff(), Sources: []deletion.Source{}}
	for _, s := range bundle.Manifest.Sources {
		ev.Sources = append(ev.Sources, deletion.Source{
			Key: s.Kind + "/" + s.Name, Collector: s.Collector, CollectedAt: s.FinishedAt, Status: s.Status, Error: s.Error,
		})
	}
	b.p.Evidence = ev
	inBundle := map[string]bool{}
	for _, src := range bundle.Manifest.Sources {
		inBundle[src.Kind+"/"+src.Name] = true
		var err error
		switch src.Kind {
		case kubernetes.SourceKind:
			err = b.kubernetes(src)
		case "restic", "borg", "pgbackrest":
			err = b.backup(src)
		}
		if err != nil {
			return err
		}
	}
	// Configured sources the bundle lacks cannot show anything.
	for _, k := range b.cfg.Sources.Kubernetes {
		if !inBundle["kubernetes/"+k.Name] {
			b.gapCode("kubernetes/"+k.Name, "", deletion.GapNotInBundle, "", "not in the evidence bundle")
		}
	}
	for _, d := range b.backupDecls() {
		if _, holds := d.Tenants[b.tenant.ID]; holds && !inBundle[d.Kind+"/"+d.Name] {
			b.gapCode(d.Kind+"/"+d.Name, "", deletion.GapNotInBundle, "", "not in the evidence bundle")
		}
	}
	return nil
}

func (b *builder) backupDecls() []config.BackupSource {
	var out []config.BackupSource
	for _, kind := range []string{"restic", "borg", "pgbackrest"} {
		for _, name := range b.sourceNames(kind) {
			if d, ok := b.cfg.BackupSource(kind, name); ok {
				out = append(out, d)
			}
		}
	}
	return out
}

func (b *builder) sourceNames(kind string) []string {
	var out []string
	switch kind {
	case "restic":
		for _, s := range b.cfg.Sources.Restic {
			out = append(out, s.Name)
		}
	case "borg":
		for _, s := range b.cfg.Sources.Borg {
			out = append(out, s.Name)
		}
	case "pgbackrest":
		for _, s := range b.cfg.Sources.PgBackRest {
			out = append(out, s.Name)
		}
	}
	return out
}

// declaredOnly fills a plan without evidence from what the configuration
// declares: the tenant's listed namespaces and the backup sources naming
// it, none of them shown present or absent.
func (b *builder) declaredOnly() {
	b.gapCode("", "", deletion.GapNoBundle, "", "no evidence bundle: the plan lists what the configuration declares")
	for _, k := range b.cfg.Sources.Kubernetes {
		names := slices.Clone(b.tenant.Namespaces)
		names = append(names, b.in.Namespaces[k.Name]...)
		slices.Sort(names)
		names = slices.Compact(names)
		b.p.Tenant.Namespaces[k.Name] = names
		for _, ns := range names {
			b.p.Objects = append(b.p.Objects, deletion.Object{
				Key: objectKey(k.Name, deletion.KindNamespace, "", ns), Source: k.Name, Kind: deletion.KindNamespace, Name: ns,
				Assignment: b.assignment("namespaces"), Declared: true,
			})
		}
	}
	for _, d := range b.backupDecls() {
		sel, ok := d.Tenants[b.tenant.ID]
		if !ok {
			continue
		}
		bk := deletion.Backup{Source: d.Kind + "/" + d.Name, Tool: d.Kind, Name: d.Name, Repositories: []string{}, Sites: sitesOf(d),
			Selector: selectorText(d.Kind, sel), Rule: ruleText(d.Kind, d.Retention), Assignment: b.assignment(d.Kind)}
		if d.Retention != nil {
			bk.IntervalHours = int64(d.Retention.RunInterval() / time.Hour)
		}
		b.p.Backups = append(b.p.Backups, bk)
	}
}

func sitesOf(d config.BackupSource) []string {
	var out []string
	if d.Site != "" {
		out = append(out, d.Site)
	}
	for _, k := range sortedKeys(d.Sites) {
		out = append(out, d.Sites[k])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func objectKey(source, kind, ns, name string) string {
	return "kubernetes/" + source + "/" + kind + "/" + ns + "/" + name
}

// places adds the declared places and the statutory retention, dated from
// the deletion case.
func (b *builder) places() {
	start := b.p.Tenant.Request.Start()
	for _, pl := range b.cfg.Deletion.Places {
		a := b.assignment(pl.Cluster)
		p := deletion.Place{ID: pl.ID, Name: pl.Name.Any(), Method: pl.Method.Any(), Responsible: pl.Responsible.Any(), Assignment: a}
		if k, ok := b.cfg.DeletionClass(a.Class); ok && start != nil {
			due := start.Add(k.Period)
			p.Due = &due
		}
		b.p.Places = append(b.p.Places, p)
	}
	for _, r := range b.cfg.Deletion.LegalRetention {
		k := deletion.Retained{ID: r.ID, Name: r.Name.Any(), LegalBasis: r.LegalBasis.Any(), Years: r.Years}
		if start != nil {
			// The period runs from the end of the calendar year.
			until := time.Date(start.Year()+r.Years, time.December, 31, 0, 0, 0, 0, time.UTC)
			k.Until = &until
		}
		b.p.Retained = append(b.p.Retained, k)
	}
}

// finish sorts everything and makes empty lists [] rather than null.
func (b *builder) finish() {
	p := b.p
	rank := map[string]int{deletion.KindNamespace: 0, deletion.KindPVC: 1, deletion.KindPV: 2, deletion.KindSecret: 3, deletion.KindConfigMap: 4}
	slices.SortFunc(p.Objects, func(x, y deletion.Object) int {
		return cmp.Or(cmp.Compare(x.Source, y.Source), cmp.Compare(rank[x.Kind], rank[y.Kind]), cmp.Compare(x.Namespace, y.Namespace), cmp.Compare(x.Name, y.Name))
	})
	slices.SortFunc(p.Copies, func(x, y deletion.Copy) int {
		return cmp.Or(cmp.Compare(x.Tool+"/"+x.Source+"/"+x.Repository, y.Tool+"/"+y.Source+"/"+y.Repository), x.Time.Compare(y.Time), cmp.Compare(x.ID, y.ID))
	})
	slices.SortFunc(p.Backups, func(x, y deletion.Backup) int { return cmp.Compare(x.Source, y.Source) })
	slices.SortFunc(p.Identities, func(x, y deletion.Identity) int { return cmp.Compare(x.Source, y.Source) })
	slices.SortFunc(p.Lists, func(x, y deletion.List) int {
		return cmp.Compare(x.Source+"\x00"+x.Kind+"\x00"+x.Repository, y.Source+"\x00"+y.Kind+"\x00"+y.Repository)
	})
	slices.SortStableFunc(p.Gaps, func(x, y deletion.Gap) int { return cmp.Compare(x.Source+"\x00"+x.What, y.Source+"\x00"+y.What) })
	if p.Identities == nil {
		p.Identities = []deletion.Identity{}
	}
	if p.Lists == nil {
		p.Lists = []deletion.List{}
	}
	if p.Objects == nil {
		p.Objects = []deletion.Object{}
	}
	if p.Copies == nil {
		p.Copies = []deletion.Copy{}
	}
	if p.Backups == nil {
		p.Backups = []deletion.Backup{}
	}
	if p.Places == nil {
		p.Places = []deletion.Place{}
	}
	if p.Retained == nil {
		p.Retained = []deletion.Retained{}
	}
	if p.Gaps == nil {
		p.Gaps = []deletion.Gap{}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

package inventory

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/backup"
	"github.com/nachweis/nachweis/evidence/config"
	"github.com/nachweis/nachweis/evidence/deletion"
)

// backup adds the copies of one restic, borg or pgBackRest source whose
// configuration selects the tenant's data.
func (b *builder) backup(src evidence.Source) error {
	// A source the configuration does not declare holds no tenant's data
	// by declaration; one that no longer names the tenant still shows
	// which copies are gone.
	d, ok := b.cfg.BackupSource(src.Kind, src.Name)
	if !ok {
		return nil
	}
	sel, holds := d.Tenants[b.tenant.ID]
	key := src.Kind + "/" + src.Name
	var files []backup.File
	for _, f := range src.Files {
		data, err := b.in.Bundle.ReadFile(f.Path)
		if err != nil {
			return err
		}
		files = append(files, backup.File{Path: f.Path, Kind: f.Kind, Data: data})
	}
	repo := backup.Repo{Source: src.Name, Tool: src.Kind, Files: files, Site: d.Site, Sites: d.Sites, Tenants: map[string]backup.Selector{}}
	for id, s := range d.Tenants {
		repo.Tenants[id] = backup.Selector{Tags: s.Tags, Hosts: s.Hosts, Paths: s.Paths, ArchivePrefix: s.ArchivePrefix, Stanzas: s.Stanzas, Databases: s.Databases}
	}
	repos, details, err := backup.Details(repo)
	if err != nil {
		return fmt.Errorf("%s source %s: %w", src.Kind, src.Name, err)
	}
	if id, err := backup.RepositoryID(repo); err != nil {
		return fmt.Errorf("%s source %s: %w", src.Kind, src.Name, err)
	} else if id != "" {
		b.p.Identities = append(b.p.Identities, deletion.Identity{Source: key, Value: id})
	}

	// A stanza selected by databases holds them in every backup; selected
	// by stanza, the whole stanza is the tenant's.
	allOfSource := src.Kind == backup.ToolPgBackRest && len(sel.Stanzas) == 0 && len(sel.Databases) > 0
	listedAll := true
	var names []string
	tenantCopies := map[string][]backup.Detail{}
	for _, name := range sortedKeys(details) {
		r := repos[name]
		listed := r.Present[backup.KeySnapshots] && src.Status == evidence.StatusOK && src.Errors[backup.KeySnapshots] == "" && r.Ref != ""
		if listed {
			file, _, _ := strings.Cut(r.Ref, "#")
			b.p.Lists = append(b.p.Lists, deletion.List{Source: key, Kind: "snapshots", Repository: name, Evidence: b.ref(file)})
		} else if holds {
			listedAll = false
			if reason := b.backupGap(src, r); reason != "" {
				b.gap(key, "snapshots", reason)
			} else {
				b.gapCode(key, "snapshots", deletion.GapNoSnapshots, "", "no snapshot listing in the evidence")
			}
		}
		for _, s := range details[name] {
			if holds && (allOfSource || slices.Contains(s.Tenants, b.tenant.ID)) {
				tenantCopies[name] = append(tenantCopies[name], s)
			}
		}
		if len(tenantCopies[name]) > 0 {
			names = append(names, name)
		}
	}
	bk := deletion.Backup{
		Source: key, Tool: src.Kind, Name: src.Name, Repositories: names, Sites: []string{},
		Selector: selectorText(src.Kind, sel), Rule: ruleText(src.Kind, d.Retention), Listed: listedAll,
		Assignment: b.assignment(src.Kind),
	}
	if d.Retention != nil {
		bk.IntervalHours = int64(d.Retention.RunInterval() / time.Hour)
	}
	if len(names) == 0 {
		// Searched and found none: the table shows the source with no
		// copies.
		if holds {
			b.p.Backups = append(b.p.Backups, bk)
		}
		return nil
	}
	if d.Retention == nil || d.Retention.SimulationGap(src.Kind) != "" {
		return b.cannotSimulate(d)
	}
	var copies []deletion.Copy
	for _, name := range names {
		expiries, shared, err := b.expiries(src.Kind, d, sel, details[name], tenantCopies[name])
		if err != nil {
			return &deletion.InputError{Msg: fmt.Sprintf("%s: %s source %s, repository %s: %v", b.retentionPath(d), src.Kind, src.Name, name, err)}
		}
		bk.Shared = bk.Shared || shared
		for _, s := range tenantCopies[name] {
			c := deletion.Copy{
				Key: src.Kind + "/" + src.Name + "/" + name + "/" + s.ID, Tool: src.Kind, Source: src.Name, Repository: name,
				ID: s.ID, Time: s.Time, Site: repos[name].Site, Expiry: expiries[s.ID],
				Assignment: b.assignment(src.Kind), Evidence: b.ref(s.Ref),
			}
			if c.Site == "" {
				c.Site = d.Site
			}
			if c.Site != "" {
				bk.Sites = append(bk.Sites, c.Site)
			}
			copies = append(copies, c)
		}
	}
	slices.Sort(bk.Sites)
	bk.Sites = slices.Compact(bk.Sites)
	summarise(&bk, copies)
	b.p.Copies = append(b.p.Copies, copies...)
	b.p.Backups = append(b.p.Backups, bk)
	return nil
}

// backupGap is the collector's message why a repository's snapshot
// listing is not evidence; "" when it recorded none.
func (b *builder) backupGap(src evidence.Source, r *backup.Repository) string {
	switch {
	case r != nil && r.Errors[backup.KeySnapshots] != "":
		return r.Errors[backup.KeySnapshots]
	case src.Errors[backup.KeySnapshots] != "":
		return src.Errors[backup.KeySnapshots]
	case src.Status == evidence.StatusError && src.Error != "":
		return src.Error
	}
	return ""
}

// retentionPath names the retention of a backup source in the
// configuration, e.g. nachweis.yaml: sources.restic[0].retention.
func (b *builder) retentionPath(d config.BackupSource) string {
	idx := slices.Index(b.sourceNames(d.Kind), d.Name)
	file := b.cfg.File
	if file == "" {
		file = "the configuration"
	}
	return fmt.Sprintf("%s: sources.%s[%d].retention", file, d.Kind, idx)
}

func (b *builder) cannotSimulate(d config.BackupSource) error {
	missing := "a declared retention"
	if d.Retention != nil {
		missing = d.Retention.SimulationGap(d.Kind)
	}
	return &deletion.InputError{Msg: fmt.Sprintf("%s: cannot compute when the copies of tenant %s in %s source %s expire: give %s",
		b.retentionPath(d), b.tenant.ID, d.Kind, d.Name, missing)}
}

// expiries computes the expiry of the tenant's copies in one repository
// and whether they are in series that keep getting backups.
func (b *builder) expiries(tool string, d config.BackupSource, sel config.Selector, all, tenant []backup.Detail) (map[string]deletion.Expiry, bool, error) {
	r := d.Retention
	after := b.in.Bundle.CutOff()
	isTenant := map[string]bool{}
	for _, s := range tenant {
		isTenant[s.ID] = true
	}
	out := map[string]deletion.Expiry{}
	if tool == backup.ToolPgBackRest {
		shared := len(sel.Stanzas) == 0
		var pg []backup.PgBackup
		for _, s := range all {
			typ := ""
			if len(s.Tags) > 0 {
				typ = s.Tags[0]
			}
			pg = append(pg, backup.PgBackup{Label: s.ID, Type: typ, Time: s.Time})
		}
		exp, err := backup.PgBackRestExpiry(pg, r.Full, r.FullInterval, after, shared)
		if err != nil {
			return nil, false, err
		}
		for _, s := range all {
			if isTenant[s.ID] {
				e := convert(exp[s.ID], deletion.BasisPgBackRest)
				e.UpperBound = e.At != nil && len(s.Tags) > 0 && s.Tags[0] != "full"
				out[s.ID] = e
			}
		}
		return out, shared, nil
	}

	policy := r.Policy(tool)
	// The series the policy applies to on its own.
	groups := map[string]*backup.Series{}
	var order []string
	add := func(key string, s backup.Detail) {
		g, ok := groups[key]
		if !ok {
			g = &backup.Series{Key: key}
			groups[key] = g
			order = append(order, key)
		}
		g.Points = append(g.Points, backup.Point{ID: s.ID, Time: s.Time, Tags: s.Tags, Checkpoint: tool == backup.ToolBorg && !s.OK})
		g.Tenant = append(g.Tenant, isTenant[s.ID])
		if !isTenant[s.ID] {
			g.Continues = true
		}
	}
	for _, s := range all {
		switch {
		case tool == backup.ToolRestic:
			add(backup.ResticGroupKey(s, r.ResticGroupBy()), s)
		case len(r.Prefixes) == 0:
			add("", s)
		default:
			prefix := ""
			for _, p := range r.Prefixes {
				if strings.HasPrefix(s.ID, p) {
					prefix = p
					break
				}
			}
			if prefix == "" {
				if isTenant[s.ID] {
					// No prune covers the archive: it stays.
					out[s.ID] = deletion.Expiry{Basis: deletion.BasisNever, Reason: deletion.ReasonNoPrune}
				}
				continue
			}
			add("prefix "+prefix, s)
		}
	}
	var series []backup.Series
	shared := false
	for _, k := range order {
		g := groups[k]
		series = append(series, *g)
		if g.Continues && slices.Contains(g.Tenant, true) {
			shared = true
		}
	}
	sim := backup.Simulation{Policy: policy, Interval: r.RunInterval(), After: after}
	exp, err := sim.Run(series)
	if err != nil {
		return nil, false, err
	}
	for id, e := range exp {
		out[id] = convert(e, deletion.BasisSimulated)
	}
	return out, shared, nil
}

func convert(e backup.Expiry, basis string) deletion.Expiry {
	if e.Never {
		return deletion.Expiry{Basis: deletion.BasisNever, Reason: e.Reason}
	}
	at := e.At
	return deletion.Expiry{At: &at, Basis: basis}
}

// selectorText says how the tenant's copies are picked, e.g. "tags acme".
func selectorText(tool string, s config.Selector) string {
	var parts []string
	add := func(what string, v []string) {
		if len(v) > 0 {
			parts = append(parts, what+" "+strings.Join(v, ", "))
		}
	}
	add("tags", s.Tags)
	add("hosts", s.Hosts)
	add("paths", s.Paths)
	if s.ArchivePrefix != "" {
		parts = append(parts, "archive_prefix "+s.ArchivePrefix)
	}
	add("stanzas", s.Stanzas)
	add("databases", s.Databases)
	return strings.Join(parts, "; ")
}

// ruleText writes a retention as the tool's options.
func ruleText(tool string, r *config.Retention) string {
	if r == nil {
		return ""
	}
	if tool == "pgbackrest" {
		if r.Full == 0 {
			return ""
		}
		s := "repo-retention-full=" + strconv.Itoa(r.Full)
		if r.FullInterval > 0 {
			s += fmt.Sprintf(" (full backup every %s)", r.FullInterval)
		}
		return s
	}
	var parts []string
	for _, f := range []struct {
		flag string
		n    int
	}{{"last", r.Last}, {"minutely", r.Minutely}, {"hourly", r.Hourly}, {"daily", r.Daily}, {"weekly", r.Weekly}, {"monthly", r.Monthly}, {"yearly", r.Yearly}} {
		if f.n > 0 {
			parts = append(parts, "--keep-"+f.flag+" "+strconv.Itoa(f.n))
		}
	}
	if r.Within > 0 {
		parts = append(parts, "--keep-within "+strconv.FormatInt(int64(r.Within/time.Hour), 10)+"h")
	}
	for _, t := range r.Tags {
		parts = append(parts, "--keep-tag "+t)
	}
	switch {
	case tool == "restic" && r.GroupBy == config.GroupByNone:
		parts = append(parts, "--group-by \"\"")
	case tool == "restic" && r.GroupBy != "":
		parts = append(parts, "--group-by "+r.GroupBy)
	}
	for _, p := range r.Prefixes {
		parts = append(parts, "--glob-archives '"+p+"*'")
	}
	return strings.Join(parts, " ")
}

package templates

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/nachweis/nachweis/controls/l10n"
	"github.com/nachweis/nachweis/evidence/config"
	"github.com/nachweis/nachweis/evidence/deletion"
)

// DeletionInput is what a deletion protocol or plan document is built
// from: exactly one of Protocol and Plan.
type DeletionInput struct {
	Protocol *deletion.Protocol
	Plan     *deletion.Plan
	// Config gives the provider and the classification.
	Config    *config.Config
	Lang      string
	Templates Options
}

// DeletionProtocol builds the deletion protocol (Löschprotokoll,
// document-specs §5) of one tenant from a verified protocol: the view
// model rendered with the "deletion" template and the title page around
// it. A protocol with blockers is "Entwurf"/"Draft", watermarked and
// lists them first; without blockers it is stage 1 while backup copies or
// declared places still hold data, stage 2 (final) when none does.
func DeletionProtocol(in DeletionInput) (Document, error) {
	if in.Protocol == nil {
		return Document{}, fmt.Errorf("deletion protocol: no protocol given")
	}
	data, err := BuildDeletionProtocolData(in)
	if err != nil {
		return Document{}, err
	}
	return deletionDocument(in, data, "deletion", in.Protocol.CreatedAt)
}

// DeletionPlan builds the document of a deletion plan: the inventory of
// the tenant's data before the deletion, rendered with the
// "deletion-plan" template.
func DeletionPlan(in DeletionInput) (Document, error) {
	if in.Plan == nil {
		return Document{}, fmt.Errorf("deletion plan: no plan given")
	}
	data, err := BuildDeletionPlanData(in)
	if err != nil {
		return Document{}, err
	}
	return deletionDocument(in, data, "deletion-plan", in.Plan.CreatedAt)
}

func deletionDocument(in DeletionInput, data *DeletionData, name string, created time.Time) (Document, error) {
	body, err := Execute(name, in.Lang, data, in.Templates)
	if err != nil {
		return Document{}, err
	}
	w := deletionWords[in.Lang]
	digest := data.After.Digest
	doc := Document{
		Lang:           in.Lang,
		ID:             data.DocumentID,
		Title:          data.Title,
		Subtitle:       data.Subtitle,
		ShortTitle:     data.Title + " – " + data.Customer.Name,
		Organisation:   data.Provider.Name,
		Classification: data.Classification,
		Status:         data.Status,
		Draft:          data.Draft,
		BundleDigest:   digest,
		Created:        created,
		Subject:        data.Title + " – " + data.Customer.Name,
		Keywords:       []string{w.keyword, w.keywordLaw, data.Customer.ID},
		Markdown:       body,
		Cover:          deletionCover(data, w, name == "deletion-plan"),
	}
	if data.Draft {
		doc.Watermark = w.watermark
	}
	return doc, nil
}

func checkDeletionInput(in DeletionInput) (deletionWording, error) {
	if !l10n.Valid(in.Lang) {
		return deletionWording{}, fmt.Errorf("deletion document: language %q: expected de or en", in.Lang)
	}
	return deletionWords[in.Lang], nil
}

// BuildDeletionProtocolData builds the view model of a protocol.
func BuildDeletionProtocolData(in DeletionInput) (*DeletionData, error) {
	w, err := checkDeletionInput(in)
	if err != nil {
		return nil, err
	}
	p := in.Protocol
	d := newDeletionData(in, w, p.Tenant)
	d.DocumentID = p.DocumentID
	d.Title = w.title
	d.Subtitle = fmt.Sprintf(w.subtitle, d.Customer.Name, d.Customer.ID)
	d.CreatedAt = p.CreatedAt
	d.ToolVersion = p.ToolVersion
	d.Before = basisView(p.Before.Evidence)
	d.After = basisView(p.After.Evidence)
	switch p.Status {
	case deletion.StatusDraft:
		d.Status, d.Draft = w.statusDraft, true
	case deletion.StatusActiveDeleted:
		d.Status, d.Stage = w.statusStage1, 1
	default:
		d.Status, d.Stage = w.statusStage2, 2
	}
	if p.FinalFrom != nil {
		d.FinalFrom = *p.FinalFrom
	}
	d.Namespaces = namespacesView(p.Tenant.Namespaces)
	d.Rules = rulesView(p.Rules, w, in.Config)
	counts := map[string]*DeletionCount{}
	var order []string
	count := func(label string, before, now bool) {
		c, ok := counts[label]
		if !ok {
			c = &DeletionCount{Label: label}
			counts[label] = c
			order = append(order, label)
		}
		if before {
			c.Before++
		}
		if now {
			c.Count++
		}
	}
	for _, o := range p.Objects {
		row := DeletionRow{
			Object:   objectLabel(o.Object, w),
			Where:    objectWhere(o.Object, w),
			Method:   objectMethod(o.Object, w),
			Result:   w.result(o.Outcome, o.Detail, o.VerifiedAt, nil),
			Evidence: refText(o.Verification),
		}
		d.Objects = append(d.Objects, row)
		if o.Outcome.Blocking() {
			d.Blockers = append(d.Blockers, DeletionRow{Object: row.Object, Where: row.Where, Result: w.outcome(o.Outcome), Method: w.detailText(o.Detail)})
		}
		count(w.kind(o.Kind), !strings.Contains(o.Detail, "new"), o.Outcome != deletion.Deleted)
	}
	for _, c := range p.Copies {
		count(w.copies, !strings.Contains(c.Detail, "new"), c.Outcome != deletion.Deleted)
		if c.Outcome == deletion.Deleted {
			d.DeletedCopies++
			continue
		}
		d.Copies = append(d.Copies, DeletionCopyRow{
			Copy: w.tool(c.Tool) + " " + c.ID, Time: c.Time, Where: copyWhere(c.Copy),
			Result: w.result(c.Outcome, c.Detail, nil, c.Expiry.At) + upperNote(c.Expiry, w),
		})
		if c.Outcome.Blocking() {
			d.Blockers = append(d.Blockers, DeletionRow{Object: w.tool(c.Tool) + " " + c.ID, Where: copyWhere(c.Copy), Result: w.outcome(c.Outcome), Method: w.detailText(c.Detail)})
		}
	}
	for _, label := range order {
		d.Counts = append(d.Counts, *counts[label])
	}
	for _, b := range p.Backups {
		row := backupRow(b.Backup, w)
		row.Copies = fmt.Sprintf(w.copiesBeforeNow, l10n.Int(in.Lang, b.Before), l10n.Int(in.Lang, b.Remaining))
		switch {
		case b.Before == 0 && b.Remaining == 0:
			row.LastExpiry = w.noCopies
		case b.Remaining == 0:
			row.LastExpiry = w.noneRemain
		}
		d.Backups = append(d.Backups, row)
	}
	d.LastCopy = w.lastCopySentence(p.LastCopyExpires, len(d.Copies), countBlocking(p.Copies))
	for _, pl := range p.Places {
		d.Places = append(d.Places, placeRow(pl.Place, w, in.Config))
	}
	for _, r := range p.Retained {
		d.Retained = append(d.Retained, retainedRow(r, w, in.Config))
	}
	d.Assumptions = assumptions(p.Backups, w)
	d.Gaps = gapsText(p.Gaps, w)
	evidenceRows(d, w.before, p.Objects, nil, p.Copies, true)
	evidenceRows(d, w.after, p.Objects, nil, p.Copies, false)
	return d, nil
}

// BuildDeletionPlanData builds the view model of a plan.
func BuildDeletionPlanData(in DeletionInput) (*DeletionData, error) {
	w, err := checkDeletionInput(in)
	if err != nil {
		return nil, err
	}
	p := in.Plan
	d := newDeletionData(in, w, p.Tenant)
	cut := p.CreatedAt
	if p.Evidence != nil {
		cut = p.Evidence.CutOff
	}
	d.DocumentID = "LP-" + p.Tenant.ID + "-" + cut.In(l10n.Location()).Format("20060102") + "-PLAN"
	d.Title = w.planTitle
	d.Subtitle = fmt.Sprintf(w.subtitle, d.Customer.Name, d.Customer.ID)
	d.Status = w.statusPlan
	d.CreatedAt = p.CreatedAt
	d.ToolVersion = p.ToolVersion
	d.After = basisView(p.Evidence)
	d.Namespaces = namespacesView(p.Tenant.Namespaces)
	d.Rules = rulesView(p.Rules, w, in.Config)
	counts := map[string]*DeletionCount{}
	var order []string
	for _, o := range p.Objects {
		state := w.present
		switch {
		case o.Declared:
			state = w.declared
		case o.Terminating():
			state = w.detailText("terminating")
		case o.Phase != "":
			state = w.present + " (" + o.Phase + ")"
		}
		d.Objects = append(d.Objects, DeletionRow{
			Object: objectLabel(o, w), Where: objectWhere(o, w), Method: objectMethod(o, w),
			Result: state + assignmentText(o.Assignment, w), Evidence: refText(&o.Evidence),
		})
		label := w.kind(o.Kind)
		if counts[label] == nil {
			counts[label] = &DeletionCount{Label: label}
			order = append(order, label)
		}
		counts[label].Count++
	}
	var last *deletion.Expiry
	never := 0
	for _, c := range p.Copies {
		result := ""
		switch {
		case c.Expiry.At != nil:
			result = w.expiresOn(c.Expiry)
			if last == nil || c.Expiry.At.After(*last.At) {
				e := c.Expiry
				last = &e
			}
		default:
			never++
			result = w.outcome(deletion.NoExpiry) + ": " + w.detailText(c.Expiry.Reason)
		}
		d.Copies = append(d.Copies, DeletionCopyRow{Copy: w.tool(c.Tool) + " " + c.ID, Time: c.Time, Where: copyWhere(c), Result: result})
	}
	if len(p.Copies) > 0 {
		counts[w.copies] = &DeletionCount{Label: w.copies, Count: len(p.Copies)}
		order = append(order, w.copies)
	}
	for _, label := range order {
		d.Counts = append(d.Counts, *counts[label])
	}
	for _, b := range p.Backups {
		row := backupRow(b, w)
		row.Copies = l10n.Int(in.Lang, b.Copies)
		if !b.Listed {
			row.Copies = w.notListed
		}
		d.Backups = append(d.Backups, row)
	}
	d.LastCopy = w.lastCopySentence(last, len(p.Copies), never)
	for _, pl := range p.Places {
		d.Places = append(d.Places, placeRow(pl, w, in.Config))
	}
	for _, r := range p.Retained {
		d.Retained = append(d.Retained, retainedRow(r, w, in.Config))
	}
	d.Assumptions = assumptions(planBackups(p.Backups), w)
	d.Gaps = gapsText(p.Gaps, w)
	evidenceRows(d, w.inventory, nil, p.Objects, nil, false)
	for _, c := range p.Copies {
		addEvidence(d, w.inventory, c.Evidence)
	}
	return d, nil
}

func newDeletionData(in DeletionInput, w deletionWording, t deletion.Tenant) *DeletionData {
	d := &DeletionData{Lang: in.Lang, Customer: DeletionParty{ID: t.ID, Name: t.Name}, ContractReference: t.ContractReference}
	if d.Customer.Name == "" {
		d.Customer.Name = t.ID
	}
	if t.ContractDate != nil {
		d.ContractDate = *t.ContractDate
	}
	if in.Config != nil {
		d.Provider = DeletionParty{Name: in.Config.Organisation.Name, Address: in.Config.Organisation.Address}
		d.Classification = in.Config.CustomerClassification(in.Lang)
	}
	if r := t.Request; r != nil {
		v := &DeletionRequestView{
			Trigger: w.trigger(r.Trigger), Instruction: w.instruction(r.Instruction), RequestedBy: r.RequestedBy,
			Channel: r.Channel, ExecutedBy: r.ExecutedBy, VerifiedBy: r.VerifiedBy,
		}
		if r.ContractEnd != nil {
			v.ContractEnd = *r.ContractEnd
		}
		if r.RequestedOn != nil {
			v.RequestedOn = *r.RequestedOn
		}
		d.Request = v
	}
	return d
}

func basisView(e *deletion.Evidence) DeletionBasisView {
	if e == nil {
		return DeletionBasisView{}
	}
	return DeletionBasisView{HasEvidence: true, Digest: e.Digest, CutOff: e.CutOff}
}

func namespacesView(m map[string][]string) []DeletionNamespaces {
	var out []DeletionNamespaces
	for _, k := range sortedStringKeys(m) {
		out = append(out, DeletionNamespaces{Cluster: k, Names: m[k]})
	}
	return out
}

func sortedStringKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// rulesView lists the data clusters with their deletion classes, named
// as the configuration names them in the document's language (the plan
// carries one language).
func rulesView(r deletion.Rules, w deletionWording, cfg *config.Config) []DeletionRuleRow {
	classes := map[string]deletion.Class{}
	for _, k := range r.Classes {
		classes[k.ID] = k
	}
	var out []DeletionRuleRow
	for _, c := range r.Clusters {
		k := classes[c.Class]
		cluster, class := c.Name, k.Name
		if cfg != nil {
			for _, x := range cfg.Deletion.Clusters {
				if x.ID == c.ID {
					cluster = x.Name.In(w.lang)
				}
			}
			for _, x := range cfg.Deletion.Classes {
				if x.ID == k.ID {
					class = x.Name.In(w.lang)
				}
			}
		}
		out = append(out, DeletionRuleRow{
			Cluster:       cluster + " (" + c.ID + ")",
			Class:         class + " (" + k.ID + ")",
			StartingPoint: w.startingPoint(k.StartingPoint),
			Period:        w.period(k.PeriodHours),
			Method:        w.method(c.Method),
		})
	}
	return out
}

func objectLabel(o deletion.Object, w deletionWording) string {
	name := o.Name
	if o.Namespace != "" {
		name = o.Namespace + "/" + o.Name
	}
	var extra []string
	for _, s := range []string{o.Size, o.StorageClass} {
		if s != "" {
			extra = append(extra, s)
		}
	}
	if o.ReclaimPolicy != "" {
		extra = append(extra, "Reclaim-Policy "+o.ReclaimPolicy)
	}
	if o.SecretType != "" {
		extra = append(extra, o.SecretType)
	}
	s := w.kind(o.Kind) + " " + name
	if len(extra) > 0 {
		s += " (" + strings.Join(extra, ", ") + ")"
	}
	return s
}

func objectWhere(o deletion.Object, w deletionWording) string {
	return w.cluster + " " + o.Source
}

func objectMethod(o deletion.Object, w deletionWording) string {
	if o.Method == config.MethodCryptographic {
		return w.methodCrypto
	}
	if o.Kind == deletion.KindPV {
		return w.methodPV
	}
	return w.methodAPI
}

func copyWhere(c deletion.Copy) string {
	s := c.Tool + "/" + c.Source
	if c.Repository != "" && c.Repository != c.Source {
		s += " (" + c.Repository + ")"
	}
	if c.Site != "" {
		s += ", " + c.Site
	}
	return s
}

// refText is a file's base name with the start of its sha256.
func refText(r *deletion.Ref) string {
	if r == nil || r.File == "" {
		return "–"
	}
	s := path.Base(r.File)
	if r.Pointer != "" {
		s += "#" + r.Pointer
	}
	if len(r.SHA256) >= 12 {
		s += " (SHA-256 " + r.SHA256[:12] + "…)"
	}
	return s
}

func upperNote(e deletion.Expiry, w deletionWording) string {
	if e.UpperBound {
		return " " + w.atTheLatest
	}
	return ""
}

func countBlocking(copies []deletion.CopyResult) int {
	n := 0
	for _, c := range copies {
		if c.Outcome.Blocking() {
			n++
		}
	}
	return n
}

func backupRow(b deletion.Backup, w deletionWording) DeletionBackupRow {
	row := DeletionBackupRow{
		Source:   w.tool(b.Tool) + " " + b.Name,
		Sites:    strings.Join(b.Sites, ", "),
		Selector: b.Selector,
		Rule:     b.Rule,
	}
	if b.Rule == "" {
		row.Rule = w.noRule
	}
	switch {
	case b.LastExpiry.At != nil:
		row.LastExpiry = w.expiresOn(b.LastExpiry)
	case b.Copies > 0 || b.LastExpiry.Basis == deletion.BasisNever:
		row.LastExpiry = w.outcome(deletion.NoExpiry)
	default:
		row.LastExpiry = "–"
	}
	return row
}

// placeRow is a declared place, named in the document's language as the
// configuration declares it.
func placeRow(pl deletion.Place, w deletionWording, cfg *config.Config) DeletionPlaceRow {
	r := DeletionPlaceRow{Name: pl.Name, Cluster: pl.Cluster, Method: pl.Method, Responsible: pl.Responsible, Result: w.outcome(deletion.Attested)}
	if cfg != nil {
		for _, x := range cfg.Deletion.Places {
			if x.ID == pl.ID {
				r.Name, r.Method, r.Responsible = x.Name.In(w.lang), x.Method.In(w.lang), x.Responsible.In(w.lang)
			}
		}
	}
	if pl.Due != nil {
		r.Due = *pl.Due
	}
	return r
}

// retainedRow is data kept under a statutory retention, named in the
// document's language as the configuration declares it.
func retainedRow(r deletion.Retained, w deletionWording, cfg *config.Config) DeletionRetainedRow {
	out := DeletionRetainedRow{Name: r.Name, LegalBasis: r.LegalBasis}
	if cfg != nil {
		for _, x := range cfg.Deletion.LegalRetention {
			if x.ID == r.ID {
				out.Name, out.LegalBasis = x.Name.In(w.lang), x.LegalBasis.In(w.lang)
			}
		}
	}
	if r.Until != nil {
		out.Until = *r.Until
	}
	return out
}

func planBackups(bs []deletion.Backup) []deletion.BackupResult {
	out := make([]deletion.BackupResult, len(bs))
	for i, b := range bs {
		out[i] = deletion.BackupResult{Backup: b}
	}
	return out
}

// assumptions states, per tool in use, how the expiry dates were found.
func assumptions(bs []deletion.BackupResult, w deletionWording) []string {
	seen := map[string]bool{}
	var out []string
	for _, b := range bs {
		if seen[b.Tool] {
			continue
		}
		seen[b.Tool] = true
		switch b.Tool {
		case deletion.ToolVelero:
			out = append(out, w.assumeVelero)
		case deletion.ToolRestic:
			out = append(out, fmt.Sprintf(w.assumeRestic, w.period(b.IntervalHours)))
		case deletion.ToolBorg:
			out = append(out, fmt.Sprintf(w.assumeBorg, w.period(b.IntervalHours)))
		case deletion.ToolPgBackRest:
			out = append(out, w.assumePg)
		}
	}
	if len(out) > 0 {
		out = append(out, w.assumeSeries)
	}
	return out
}

// gapsText words what the evidence does not show: the gaps nachweis finds
// itself in the document's language, a collector's message as recorded.
func gapsText(gaps []deletion.Gap, w deletionWording) []string {
	var out []string
	for _, g := range gaps {
		s := g.Source
		if g.What != "" {
			s += " " + g.What
		}
		if s != "" {
			s += ": "
		}
		reason := g.Reason
		if text, ok := w.gaps[g.Code]; ok && g.Code != "" {
			reason = text
			if strings.Contains(text, "%s") {
				reason = fmt.Sprintf(text, g.Arg)
			}
		}
		out = append(out, s+reason)
	}
	return out
}

// evidenceRows lists the evidence files the document cites.
func evidenceRows(d *DeletionData, basis string, results []deletion.ObjectResult, objects []deletion.Object, copies []deletion.CopyResult, before bool) {
	for _, o := range objects {
		addEvidence(d, basis, o.Evidence)
	}
	for _, o := range results {
		if before && !strings.Contains(o.Detail, "new") {
			addEvidence(d, basis, o.Evidence)
		}
		if !before && o.Verification != nil {
			addEvidence(d, basis, *o.Verification)
		}
	}
	for _, c := range copies {
		if before && !strings.Contains(c.Detail, "new") {
			addEvidence(d, basis, c.Evidence)
		}
		if !before && c.Verification != nil {
			addEvidence(d, basis, *c.Verification)
		}
	}
}

func addEvidence(d *DeletionData, basis string, r deletion.Ref) {
	if r.File == "" {
		return
	}
	for _, e := range d.Evidence {
		if e.Basis == basis && e.File == r.File {
			return
		}
	}
	d.Evidence = append(d.Evidence, DeletionEvidenceRow{Basis: basis, File: r.File, SHA256: r.SHA256})
}

func assignmentText(a deletion.Assignment, w deletionWording) string {
	if a.Cluster == "" {
		return ""
	}
	return "; " + w.clusterShort + " " + a.Cluster + ", " + w.classShort + " " + a.Class
}

// deletionCover is the metadata block of the title page.
func deletionCover(d *DeletionData, w deletionWording, plan bool) []Field {
	lang := d.Lang
	contract := d.ContractReference
	if !d.ContractDate.IsZero() {
		contract = strings.TrimSpace(contract + " " + w.of + " " + tomDay(lang, d.ContractDate))
	}
	id := w.coverID
	if plan {
		id = w.coverPlanID
	}
	fields := []Field{
		{id, d.DocumentID},
		{w.coverStatus, d.Status},
		{w.coverCustomer, d.Customer.Name + " (" + d.Customer.ID + ")"},
		{w.coverContract, contract},
		{w.coverProvider, d.Provider.Name},
	}
	if d.Request != nil && !d.Request.ContractEnd.IsZero() {
		fields = append(fields, Field{w.coverContractEnd, tomDay(lang, d.Request.ContractEnd)})
	}
	if !plan && d.Before.HasEvidence {
		fields = append(fields, Field{w.coverBefore, l10n.DateTime(lang, d.Before.CutOff) + " – " + d.Before.Digest})
	}
	if d.After.HasEvidence {
		label := w.coverAfter
		if plan {
			label = w.coverCutoff
		}
		fields = append(fields, Field{label, l10n.DateTime(lang, d.After.CutOff) + " – " + d.After.Digest})
	}
	fields = append(fields,
		Field{w.coverCreated, l10n.DateTime(lang, d.CreatedAt)},
		Field{w.coverTool, d.ToolVersion},
		Field{w.coverClassification, d.Classification},
	)
	out := fields[:0]
	for _, f := range fields {
		if strings.TrimSpace(f.Value) != "" {
			out = append(out, f)
		}
	}
	return out
}

// period formats hours as days (and hours).
func (w deletionWording) period(hours int64) string {
	if hours == 0 {
		return w.immediately
	}
	return l10n.Duration(w.lang, time.Duration(hours)*time.Hour)
}

func (w deletionWording) expiresOn(e deletion.Expiry) string {
	if e.At == nil {
		return w.outcome(deletion.NoExpiry)
	}
	s := l10n.Date(w.lang, *e.At)
	if e.UpperBound {
		s = w.atTheLatest + " " + s
	}
	return s
}

// result is the result cell of an object or copy.
func (w deletionWording) result(o deletion.Outcome, detail string, verifiedAt, expires *time.Time) string {
	s := w.outcome(o)
	switch o {
	case deletion.Deleted:
		if verifiedAt != nil {
			s += " (" + fmt.Sprintf(w.verifiedOn, l10n.DateTime(w.lang, *verifiedAt)) + ")"
		}
	case deletion.PendingExpiry:
		if expires != nil {
			s = fmt.Sprintf(w.pendingUntil, l10n.Date(w.lang, *expires))
		}
	}
	for _, part := range strings.Split(detail, ",") {
		if part == "" {
			continue
		}
		s += "; " + w.detailText(part)
	}
	return s
}

// lastCopySentence is the sentence with the date the last copy expires.
func (w deletionWording) lastCopySentence(last *deletion.Expiry, remaining, blocking int) string {
	switch {
	case blocking > 0:
		return fmt.Sprintf(w.lastCopyNever, l10n.Int(w.lang, blocking))
	case last != nil && last.UpperBound:
		return fmt.Sprintf(w.lastCopyLatest, l10n.Date(w.lang, *last.At))
	case last != nil:
		return fmt.Sprintf(w.lastCopyOn, l10n.Date(w.lang, *last.At))
	case remaining == 0:
		return w.lastCopyNone
	}
	return ""
}

func (w deletionWording) outcome(o deletion.Outcome) string {
	if s, ok := w.outcomes[o]; ok {
		return s
	}
	return string(o)
}

func (w deletionWording) detailText(d string) string {
	if d == "" {
		return ""
	}
	if s, ok := w.details[d]; ok {
		return s
	}
	return d // a collector's message, as it is
}

func (w deletionWording) kind(k string) string {
	if s, ok := w.kinds[k]; ok {
		return s
	}
	return k
}

func (w deletionWording) tool(t string) string {
	if s, ok := w.tools[t]; ok {
		return s
	}
	return t
}

func (w deletionWording) trigger(t string) string {
	if t == config.TriggerInstruction {
		return w.triggerInstruction
	}
	return w.triggerContractEnd
}

func (w deletionWording) instruction(i string) string {
	if i == config.InstructionReturnAndDelete {
		return w.instructionReturn
	}
	return w.instructionDelete
}

func (w deletionWording) startingPoint(s string) string {
	if s == config.StartCreation {
		return w.startCreation
	}
	return w.startContractEnd
}

func (w deletionWording) method(m string) string {
	if m == config.MethodCryptographic {
		return w.methodCrypto
	}
	return w.methodLogical
}

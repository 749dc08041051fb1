package templates

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/controls/l10n"
	"github.com/nachweis/nachweis/evidence/approval"
	"github.com/nachweis/nachweis/evidence/config"
)

// ControlInput is what the document control of a document (version,
// approvals, change history) is built from.
type ControlInput struct {
	// Approvals are the recorded approvals (approvals.yaml); nil means
	// none.
	Approvals *approval.Set
	// Previous are the results of the last issued version (--previous);
	// nil for a first version.
	Previous *controls.Results
	// Config is the configuration's part of the content digest, computed
	// once for the documents of one run (PrepareConfig); nil computes it
	// for each document.
	Config *ConfigPart
	// Results is the results' part of the content digest, encoded once
	// for the documents built from the same results (PrepareResults):
	// the reports of every framework and language of a pack; nil encodes
	// them for each document.
	Results *ResultsPart
}

// ResultsPart is the content digest's input of one results model.
type ResultsPart struct {
	res  *controls.Results
	data []byte
}

// PrepareResults encodes res for the content digests of the documents
// built from it, once: a provider-wide results model of 2,000 tenants is
// tens of megabytes, which eight reports would otherwise encode eight
// times over. The documents must be built from this same, unchanged res.
func PrepareResults(res *controls.Results) (*ResultsPart, error) {
	data, err := resultsDigestInput(res)
	if err != nil {
		return nil, err
	}
	return &ResultsPart{res: res, data: data}, nil
}

// resultsDigestInput is the results as they define content.
func resultsDigestInput(res *controls.Results) ([]byte, error) {
	data, err := json.Marshal(res)
	if err != nil {
		return nil, fmt.Errorf("content digest: results: %w", err)
	}
	return data, nil
}

// resultsData is the digest input of res: the prepared one when it was
// prepared for res, else encoded now.
func (in ControlInput) resultsData(res *controls.Results) ([]byte, error) {
	if in.Results != nil && in.Results.res == res {
		return in.Results.data, nil
	}
	return resultsDigestInput(res)
}

// ConfigPart is the content digest's input of one configuration.
type ConfigPart struct {
	cfg  *config.Config
	data []byte
}

// PrepareConfig computes the content digest's configuration part of cfg
// once, for the documents of one run to share: rendering 1,000 annexes
// then encodes the configuration once, not 1,000 times. The documents
// must be built from this same, unchanged cfg; one built from another
// configuration computes its own part.
func PrepareConfig(cfg *config.Config) (*ConfigPart, error) {
	data, err := configDigestInput(cfg)
	if err != nil {
		return nil, err
	}
	return &ConfigPart{cfg: cfg, data: data}, nil
}

// configData is the digest input of cfg: the prepared one when it was
// prepared for cfg, else computed now.
func (in ControlInput) configData(cfg *config.Config) ([]byte, error) {
	if in.Config != nil && in.Config.cfg == cfg {
		return in.Config.data, nil
	}
	return configDigestInput(cfg)
}

// DocumentControl is the version, approvals and change history of one
// rendering, for the templates.
type DocumentControl struct {
	// Series names the document across versions, e.g. TOM-acme or
	// REPORT-c5; approvals name it.
	Series string
	// Content is the content digest approvals are bound to.
	Content string
	Version int
	// Approved is true when an approval of exactly this content exists.
	Approved bool
	// Reason says, as a clause, why the document is a draft ("keine
	// Freigabe für genau diesen Inhalt erfasst ist"); empty when it is
	// released.
	Reason string
	// Versions are the rows of the version table, oldest first.
	Versions []ControlVersion
	// Signatures are the recorded steps of exactly this content.
	Signatures []ControlSignature
	// Changes compares with the previous version; nil for a first version.
	Changes *Changes

	reason         approval.Reason
	latestApproved int
}

// ReasonIn is Reason in another language (messages on stderr are
// English).
func (c *DocumentControl) ReasonIn(lang string) string {
	w := controlWords[lang]
	switch c.reason {
	case approval.NoApproval:
		return w.noApproval
	case approval.OtherContent:
		return fmt.Sprintf(w.otherContent, c.latestApproved)
	}
	return ""
}

// ControlVersion is one row of the version table.
type ControlVersion struct {
	Number int
	// Date is when the version was last prepared, reviewed or approved;
	// for the current version without records the evaluation time.
	Date time.Time
	// People names who approved (else reviewed, else prepared) it, with
	// their roles; "–" when nobody has yet.
	People  string
	Summary string
	Current bool
}

// ControlSignature is one recorded step: who, in which role, when.
type ControlSignature struct {
	// Step is the step's label ("Freigegeben"/"Approved by"), StepID its
	// key (prepared, reviewed, approved).
	Step    string
	StepID  string
	Name    string
	Role    string
	At      time.Time
	Comment string
	// Approval marks the step "approved".
	Approval bool
}

// Stamp is the document's stamp for its PDF keywords.
func (c *DocumentControl) Stamp() approval.Stamp {
	return approval.Stamp{Document: c.Series, Version: c.Version, Content: c.Content}
}

// Steps returns the signatures of one step ("prepared", "reviewed",
// "approved"), for the report's prepared/reviewed/approved block.
func (c *DocumentControl) Steps(step string) []ControlSignature {
	var out []ControlSignature
	for _, s := range c.Signatures {
		if s.StepID == step {
			out = append(out, s)
		}
	}
	return out
}

// contentParts are the inputs that define a document's content: the
// results it is built from, its templates in both languages, the
// configuration and the previous results it compares with. The time of
// the evaluation is part of the results, so the same evidence evaluated
// at another time is other content (ages and expiries are measured
// against it).
func contentParts(kind, scope string, res *controls.Results, cfg *config.Config, opt Options, ctl ControlInput, extra ...approval.Part) ([]approval.Part, error) {
	prev := ctl.Previous
	results, err := ctl.resultsData(res)
	if err != nil {
		return nil, err
	}
	conf, err := ctl.configData(cfg)
	if err != nil {
		return nil, err
	}
	parts := []approval.Part{
		{Name: "kind", Data: []byte(kind)},
		{Name: "scope", Data: []byte(scope)},
		{Name: "results", Data: results},
		{Name: "config", Data: conf},
	}
	for _, lang := range l10n.Languages {
		src, _, err := source(FileName(kind, lang), opt)
		if err != nil {
			return nil, err
		}
		parts = append(parts, approval.Part{Name: "template." + lang, Data: src})
	}
	if prev != nil {
		p, err := json.Marshal(prev)
		if err != nil {
			return nil, fmt.Errorf("content digest: previous results: %w", err)
		}
		parts = append(parts, approval.Part{Name: "previous", Data: p})
	}
	return append(parts, extra...), nil
}

// configDigestInput is the configuration as it defines content: its
// values, without where the file was read from, so that moving the file
// keeps the approval.
func configDigestInput(cfg *config.Config) ([]byte, error) {
	b, err := json.Marshal(cfg)
	if err != nil {
		return nil, fmt.Errorf("content digest: configuration: %w", err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("content digest: configuration: %w", err)
	}
	delete(m, "File")
	delete(m, "Dir")
	return json.Marshal(m)
}

// buildControl decides the version and approval of a document and builds
// its version table and change history. own says whether the reader may
// see an object of the tenant by name; onlyApprovers limits the
// signatures shown to the approvers (the TOM annex names the signatories,
// nobody else of the provider).
func buildControl(series string, parts []approval.Part, in ControlInput, cur *controls.Results, model *controls.Model, lang string, own func(string) bool, onlyApprovers bool) (*DocumentControl, error) {
	if in.Previous != nil && in.Previous.Tenant != cur.Tenant {
		return nil, fmt.Errorf("previous results: evaluated for %s, this document for %s; give the results of the same scope", scopeName(in.Previous.Tenant), scopeName(cur.Tenant))
	}
	content := approval.Digest(parts...)
	dec := in.Approvals.Decide(series, content, in.Previous != nil)
	w := controlWords[lang]
	c := &DocumentControl{Series: series, Content: content, Version: dec.Version, Approved: dec.Approved, reason: dec.Reason, latestApproved: dec.LatestApproved}
	c.Reason = c.ReasonIn(lang)
	if in.Previous != nil {
		c.Changes = diffResults(in.Previous, cur, dec.Previous, lang, model, own)
	}
	for _, r := range dec.Records {
		if onlyApprovers && r.Step != approval.Approved {
			continue
		}
		c.Signatures = append(c.Signatures, ControlSignature{Step: r.Step.Label(lang), StepID: string(r.Step), Name: r.Name, Role: r.Role, At: r.At, Comment: r.Comment, Approval: r.Step == approval.Approved})
	}
	for _, v := range dec.History {
		row := ControlVersion{Number: v.Number, Date: v.Date, Current: v.Current, People: "–"}
		if row.Date.IsZero() {
			row.Date = cur.EvaluatedAt
		}
		row.People = people(v.Records, lang, onlyApprovers)
		var comments []string
		for _, r := range v.Records {
			if r.Comment != "" {
				comments = append(comments, r.Comment)
			}
		}
		switch {
		case v.Current:
			row.Summary = c.summary(w)
		case len(comments) > 0:
			row.Summary = strings.Join(comments, "; ")
		default:
			row.Summary = "–"
		}
		c.Versions = append(c.Versions, row)
	}
	return c, nil
}

// people names who signed a version: the approvers, else the reviewers,
// else the preparers, each with the role and the step.
func people(recs []approval.Record, lang string, onlyApprovers bool) string {
	for _, step := range []approval.Step{approval.Approved, approval.Reviewed, approval.Prepared} {
		var names []string
		for _, r := range recs {
			if r.Step == step {
				names = append(names, r.Name+" ("+r.Role+")")
			}
		}
		if len(names) > 0 && onlyApprovers {
			return strings.Join(names, ", ") // the column says "approved by"
		}
		if len(names) > 0 {
			return step.Label(lang) + ": " + strings.Join(names, ", ")
		}
		if onlyApprovers {
			break
		}
	}
	return "–"
}

// summary is the change summary of the current version.
func (c *DocumentControl) summary(w controlWording) string {
	ch := c.Changes
	if ch == nil {
		return w.first
	}
	if ch.Empty() {
		return fmt.Sprintf(w.unchanged, ch.Previous)
	}
	var parts []string
	add := func(n int, one, many string) {
		if n == 1 {
			parts = append(parts, fmt.Sprintf(one, n))
		} else if n > 1 {
			parts = append(parts, fmt.Sprintf(many, n))
		}
	}
	add(len(ch.New), w.newOne, w.newMany)
	add(len(ch.Closed), w.closedOne, w.closedMany)
	add(len(ch.Changed)+len(ch.Measures), w.changedOne, w.changedMany)
	add(len(ch.Added), w.addedOne, w.addedMany)
	add(len(ch.Removed), w.removedOne, w.removedMany)
	return strings.Join(parts, ", ")
}

func scopeName(tenant string) string {
	if tenant == "" {
		return "all tenants"
	}
	return "tenant " + tenant
}

type controlWording struct {
	noApproval, otherContent, first, unchanged   string
	newOne, newMany, closedOne, closedMany       string
	changedOne, changedMany                      string
	addedOne, addedMany, removedOne, removedMany string
}

var controlWords = map[string]controlWording{
	"de": {
		noApproval:   "keine Freigabe für genau diesen Inhalt erfasst ist",
		otherContent: "die erfasste Freigabe (Version %d) einen anderen Inhalt betrifft: Nachweise, Konfiguration oder Vorlagen haben sich seither geändert",
		first:        "Erste Fassung",
		unchanged:    "keine Änderungen gegenüber Version %d",
		newOne:       "%d neue Feststellung", newMany: "%d neue Feststellungen",
		closedOne: "%d behobene Feststellung", closedMany: "%d behobene Feststellungen",
		changedOne: "%d geändertes Ergebnis", changedMany: "%d geänderte Ergebnisse",
		addedOne: "%d Maßnahme hinzugefügt", addedMany: "%d Maßnahmen hinzugefügt",
		removedOne: "%d Maßnahme entfallen", removedMany: "%d Maßnahmen entfallen",
	},
	"en": {
		noApproval:   "no approval of exactly this content is recorded",
		otherContent: "the recorded approval (version %d) is for other content: evidence, configuration or templates have changed since",
		first:        "First version",
		unchanged:    "no changes since version %d",
		newOne:       "%d new finding", newMany: "%d new findings",
		closedOne: "%d finding closed", closedMany: "%d findings closed",
		changedOne: "%d outcome changed", changedMany: "%d outcomes changed",
		addedOne: "%d measure added", addedMany: "%d measures added",
		removedOne: "%d measure removed", removedMany: "%d measures removed",
	},
}

// approvalLine is the approval on a title page: who approved this
// content and when, or why it is a draft.
func approvalLine(lang string, c *DocumentControl, draftReason string) string {
	var names []string
	for _, s := range c.Signatures {
		if s.Approval {
			names = append(names, s.Name+" ("+s.Role+"), "+l10n.Date(lang, s.At))
		}
	}
	draft := "Entwurf, weil "
	if lang != "de" {
		draft = "draft, because "
	}
	switch {
	case draftReason == "":
		return strings.Join(names, "; ")
	case len(names) > 0:
		return strings.Join(names, "; ") + "; " + draft + draftReason
	}
	return strings.ToUpper(draft[:1]) + draft[1:] + draftReason
}

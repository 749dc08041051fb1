package templates

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/controls/l10n"
	"github.com/nachweis/nachweis/evidence/config"
)

// TOMInput is what the TOM annex of one tenant is built from.
type TOMInput struct {
	// Results are the results of an evaluation restricted to Tenant
	// (policies RunOptions.Tenant).
	Results *controls.Results
	Config  *config.Config
	Model   *controls.Model
	// Tenant is the tenant id from the configuration.
	Tenant string
	// Lang is de or en.
	Lang      string
	Templates Options
	// AnnexNo is the number of the annex in the data processing agreement,
	// e.g. "2"; empty takes the tenant's contract.annex from the
	// configuration, and without one the number is left out ("Anlage zum
	// Vertrag …"), because the tool cannot know it.
	AnnexNo string
	// Control are the recorded approvals and the previous version's
	// results (version table, release, change history).
	Control ControlInput
}

// TOM builds the TOM annex (Anlage TOM zum AVV, document-specs §1) of one
// tenant: the view model TOMData rendered with the tom template, and the
// title page, header and footer data around it.
//
// The document id is TOM-<tenant>-<yyyymmdd>, the date being the evidence
// cut-off in German time, so that re-rendering the same evidence gives the
// same id and new evidence a new one. The release gate of §1.4 decides the
// status: "Freigegeben"/"Released" only when every stated measure (every
// measure not recorded as not applicable) is met, attested, or covered by
// an accepted exception with a customer text; otherwise the document is a
// draft, watermarked on every page, and lists the blockers first.
func TOM(in TOMInput) (Document, error) {
	data, err := BuildTOMData(in)
	if err != nil {
		return Document{}, err
	}
	return tomDocument(in, data)
}

// TOMRendered is a TOM annex with its internal release checklist.
type TOMRendered struct {
	Document Document
	// Checklist is the internal release checklist (Markdown); nil when
	// the annex is released.
	Checklist []byte
	// Blockers are the ids of the measures that block the release.
	Blockers []string
	// Released is the annex's status; Reason says in English why it is a
	// draft although its gate passes (no approval of its content).
	Released bool
	Reason   string
}

// TOMAndChecklist builds the TOM annex and, while its release gate blocks,
// the internal release checklist that names the blockers. The annex itself
// only says that it is a draft.
func TOMAndChecklist(in TOMInput) (TOMRendered, error) {
	data, err := BuildTOMData(in)
	if err != nil {
		return TOMRendered{}, err
	}
	doc, err := tomDocument(in, data)
	if err != nil || data.GatePassed {
		return TOMRendered{Document: doc, Released: data.Released, Reason: data.Control.ReasonIn("en")}, err
	}
	list, err := TOMReleaseChecklist(data, in.Templates)
	if err != nil {
		return TOMRendered{}, err
	}
	r := TOMRendered{Document: doc, Checklist: list}
	for _, b := range data.Blockers {
		r.Blockers = append(r.Blockers, b.ID)
	}
	return r, nil
}

func tomDocument(in TOMInput, data *TOMData) (Document, error) {
	body, err := Execute("tom", in.Lang, data, in.Templates)
	if err != nil {
		return Document{}, err
	}
	w := tomWords[in.Lang]
	doc := Document{
		Lang:           in.Lang,
		ID:             data.DocumentID,
		Title:          data.Title,
		Subtitle:       data.Subtitle,
		ShortTitle:     w.shortTitle + " – " + data.Customer.Name,
		Organisation:   data.Provider.Name,
		Classification: data.Classification,
		Status:         data.Status,
		Draft:          !data.Released,
		BundleDigest:   data.BundleDigest,
		Created:        in.Results.EvaluatedAt,
		Subject:        w.subject + " – " + data.Customer.Name,
		Keywords:       append([]string{"TOM", w.keywordLaw, w.keywordContract, data.Customer.ID}, data.Control.Stamp().Keywords()...),
		Markdown:       body,
	}
	switch {
	case !data.GatePassed:
		doc.Watermark = w.watermark
	case !data.Released:
		doc.Watermark = w.watermarkUnapproved
	}
	doc.Cover = tomCover(data, w)
	return doc, nil
}

// BuildTOMData builds the view model of the TOM annex without rendering
// it; TOM uses it, and tests and custom renderers may.
func BuildTOMData(in TOMInput) (*TOMData, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	tenant, ok := in.Config.Tenant(in.Tenant)
	if !ok {
		known := make([]string, 0, len(in.Config.Tenants))
		for _, t := range in.Config.Tenants {
			known = append(known, t.ID)
		}
		sort.Strings(known)
		if len(known) == 0 {
			return nil, fmt.Errorf("tom annex: tenant %q: the configuration defines no tenants", in.Tenant)
		}
		return nil, fmt.Errorf("tom annex: tenant %q: not defined in the configuration (known: %s)", in.Tenant, strings.Join(known, ", "))
	}
	if in.Results.Tenant != in.Tenant {
		scope := "all tenants"
		if in.Results.Tenant != "" {
			scope = "tenant " + in.Results.Tenant
		}
		return nil, fmt.Errorf("tom annex: tenant %q: the results were evaluated for %s; evaluate with the tenant restriction so that only its findings are cited", in.Tenant, scope)
	}
	r := in.Results
	lang := in.Lang
	w := tomWords[lang]
	cutoff := r.EvidenceCutoff
	if cutoff.IsZero() {
		cutoff = r.EvaluatedAt
	}
	d := &TOMData{
		Lang:           lang,
		DocumentID:     "TOM-" + tenant.ID + "-" + cutoff.In(l10n.Location()).Format("20060102"),
		Title:          w.title,
		Provider:       TOMParty{Name: in.Config.Organisation.Name, Address: in.Config.Organisation.Address, DPOName: in.Config.Organisation.DPO.Name, DPOEmail: in.Config.Organisation.DPO.Email},
		Customer:       TOMCustomer{ID: tenant.ID, Name: tenant.Name},
		AnnexNo:        in.AnnexNo,
		Classification: in.Config.CustomerClassification(lang),
		Internal:       in.Config.InternalClassification(lang),
		Service:        TOMService{Name: in.Config.Service.Name.In(lang), Description: in.Config.Service.Description.In(lang)},
		EvaluatedAt:    r.EvaluatedAt,
		EvidenceCutoff: cutoff,
		NextReview:     cutoff.AddDate(1, 0, 0),
		RunID:          r.RunID,
		ToolVersion:    r.ToolVersion,
		BundleDigest:   r.BundleDigest,
		Legend:         tomLegend,
	}
	if d.Customer.Name == "" {
		d.Customer.Name = tenant.ID
	}
	if tenant.Contract != nil {
		d.Customer.ContractReference = tenant.Contract.Reference
		d.Customer.ContractDate = tenant.Contract.Date
		if d.AnnexNo == "" {
			d.AnnexNo = tenant.Contract.Annex
		}
	}
	d.Subtitle = tomSubtitle(d, w)
	for _, fw := range r.Frameworks {
		// The annex maps its measures to C5:2020 (Anhang A); C5:2026 is
		// not one of its catalogues.
		if c := in.Model.Catalog(fw); c != nil && fw != controls.C5_2026 {
			d.Catalogues = append(d.Catalogues, c.Name.In(lang))
		}
	}

	d.Scope = tomScope(in, tenant)
	for _, cc := range in.Config.Service.CustomerControls {
		d.CustomerControls = append(d.CustomerControls, TOMCustomerControl{ID: cc.ID, Text: cc.Text.In(lang)})
	}
	measures := newTOMMeasures(in, newTOMValues(in, d.Scope.Backups))
	d.Sections, d.Measures = tomSections(measures, lang)
	d.Deletion = tomDeletion(d.Measures, in.Model, len(d.Sections)+3)
	next := len(d.Sections) + 3
	if d.Deletion != nil {
		next++
	}
	d.SubProcessors = subProcessorsOf(in.Config, tenant, lang)
	if len(d.SubProcessors) > 0 {
		d.SubProcessorsNo = fmt.Sprint(next)
	}
	d.Evidence = tomEvidence(r, d.Measures)
	d.Released = true
	for _, m := range d.Measures {
		d.Basis.Total++
		if m.NotApplicable != nil {
			d.Basis.NotApplicable++
		} else {
			if m.Automated {
				d.Basis.Automated++
			}
			if m.AttestationRequired {
				d.Basis.Attested++
			}
		}
		if m.Blocking {
			d.Released = false
			d.Blockers = append(d.Blockers, m)
		}
	}
	d.GatePassed = d.Released
	parts, err := contentParts("tom", tenant.ID, r, in.Config, in.Templates, in.Control)
	if err != nil {
		return nil, fmt.Errorf("tom annex: %w", err)
	}
	own := func(t string) bool { return t == tenant.ID }
	if d.Control, err = buildControl("TOM-"+tenant.ID, parts, in.Control, r, in.Model, lang, own, true); err != nil {
		return nil, fmt.Errorf("tom annex: %w", err)
	}
	d.Released = d.GatePassed && d.Control.Approved
	switch {
	case !d.GatePassed:
		d.DraftReason = w.gateFailed
	case !d.Released:
		d.DraftReason = d.Control.Reason
	}
	d.Status = w.draft
	if d.Released {
		d.Status = w.released
	}
	return d, nil
}

// check rejects incomplete input with one error naming what is missing.
func (in TOMInput) check() error {
	var missing []string
	if in.Results == nil {
		missing = append(missing, "results")
	}
	if in.Config == nil {
		missing = append(missing, "configuration")
	}
	if in.Model == nil {
		missing = append(missing, "control model")
	}
	if in.Tenant == "" {
		missing = append(missing, "tenant")
	}
	if len(missing) > 0 {
		return fmt.Errorf("tom annex: missing %s", strings.Join(missing, ", "))
	}
	if !l10n.Valid(in.Lang) {
		return fmt.Errorf("tom annex: language %q: expected de or en", in.Lang)
	}
	return nil
}

// tomLegend is the order of the outcome legend: what may be stated first,
// then what blocks the release.
var tomLegend = []controls.Outcome{
	controls.Pass, controls.Attested, controls.Exception, controls.NotApplicable,
	controls.Fail, controls.AttestationExpired, controls.NoEvidence,
}

// tomWording are the fixed strings the Go side of the annex needs; the
// body's wording is in the templates.
type tomWording struct {
	title, shortTitle, subject          string
	keywordLaw, keywordContract         string
	annex, contract, of, with           string
	draft, released, watermark          string
	watermarkUnapproved, gateFailed     string
	coverVersion, coverContent          string
	coverApproval                       string
	coverID, coverStatus, coverCustomer string
	coverContract, coverProvider        string
	coverCutoff, coverRun, coverTool    string
	coverBundle, coverCatalogues        string
	coverScope, coverClassification     string
	coverNextReview, coverEvaluated     string
	namespaces, repositories, githubOrg string
}

var tomWords = map[string]tomWording{
	"de": {
		title:               "Technische und organisatorische Maßnahmen (TOM) gemäß Art. 32 DSGVO",
		shortTitle:          "TOM gemäß Art. 32 DSGVO",
		subject:             "Anlage TOM zum Vertrag über die Auftragsverarbeitung",
		keywordLaw:          "Art. 32 DSGVO",
		keywordContract:     "AVV",
		annex:               "Anlage",
		contract:            "zum Vertrag über die Auftragsverarbeitung (AVV)",
		of:                  "vom",
		with:                "mit",
		draft:               "Entwurf",
		released:            "Freigegeben",
		watermark:           "Entwurf – nicht alle Maßnahmen nachgewiesen",
		watermarkUnapproved: "Entwurf – nicht freigegeben",
		gateFailed:          "nicht alle Maßnahmen nachgewiesen sind",
		coverVersion:        "Version",
		coverContent:        "Inhaltsprüfsumme (Freigabe)",
		coverApproval:       "Freigabe",
		coverID:             "Dokument-ID",
		coverStatus:         "Status",
		coverCustomer:       "Auftraggeber",
		coverContract:       "Vertrag",
		coverProvider:       "Auftragnehmer",
		coverCutoff:         "Stand (Stichtag der Nachweise)",
		coverEvaluated:      "Automatisierte Prüfung",
		coverRun:            "Lauf-ID",
		coverTool:           "Werkzeugversion",
		coverBundle:         "Nachweis-Bundle",
		coverCatalogues:     "Kataloge",
		coverScope:          "Geltungsbereich",
		coverClassification: "Klassifizierung",
		coverNextReview:     "Nächste Überprüfung",
		namespaces:          "Kubernetes-Namespaces",
		repositories:        "Sicherungsrepositorys",
		githubOrg:           "GitHub-Organisation",
	},
	"en": {
		title:               "Technical and organisational measures (TOMs) pursuant to Art. 32 GDPR",
		shortTitle:          "TOMs pursuant to Art. 32 GDPR",
		subject:             "TOM annex to the data processing agreement",
		keywordLaw:          "Art. 32 GDPR",
		keywordContract:     "DPA",
		annex:               "Annex",
		contract:            "to the Data Processing Agreement (DPA)",
		of:                  "of",
		with:                "with",
		draft:               "Draft",
		released:            "Released",
		watermark:           "Draft – not all measures evidenced",
		watermarkUnapproved: "Draft – not approved",
		gateFailed:          "not all measures are evidenced",
		coverVersion:        "Version",
		coverContent:        "Content digest (approval)",
		coverApproval:       "Approval",
		coverID:             "Document ID",
		coverStatus:         "Status",
		coverCustomer:       "Customer (controller)",
		coverContract:       "Agreement",
		coverProvider:       "Provider (processor)",
		coverCutoff:         "Evidence cut-off",
		coverEvaluated:      "Automated checks",
		coverRun:            "Run ID",
		coverTool:           "Tool version",
		coverBundle:         "Evidence bundle",
		coverCatalogues:     "Catalogues",
		coverScope:          "Scope",
		coverClassification: "Classification",
		coverNextReview:     "Next review",
		namespaces:          "Kubernetes namespaces",
		repositories:        "backup repositories",
		githubOrg:           "GitHub organisation",
	},
}

// tomSubtitle is "Anlage <n> zum Vertrag über die Auftragsverarbeitung
// (AVV) <reference> vom <date>".
func tomSubtitle(d *TOMData, w tomWording) string {
	s := w.annex
	if d.AnnexNo != "" {
		s += " " + d.AnnexNo
	}
	s += " " + w.contract
	switch {
	case d.Customer.ContractReference != "":
		s += " " + d.Customer.ContractReference
		if !d.Customer.ContractDate.IsZero() {
			s += " " + w.of + " " + tomDay(d.Lang, d.Customer.ContractDate)
		}
	case !d.Customer.ContractDate.IsZero():
		s += " " + w.of + " " + tomDay(d.Lang, d.Customer.ContractDate)
	default:
		s += " " + w.with + " " + d.Customer.Name
	}
	return s
}

// tomDay formats a calendar date from the configuration or a record
// (midnight UTC) without shifting it into another day.
func tomDay(lang string, t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	if lang == "de" {
		return t.UTC().Format("02.01.2006")
	}
	return t.UTC().Format("2006-01-02")
}

// tomCover is the metadata block of the title page (document-specs §0.2).
func tomCover(d *TOMData, w tomWording) []Field {
	lang := d.Lang
	contract := d.Customer.ContractReference
	if !d.Customer.ContractDate.IsZero() {
		contract = strings.TrimSpace(contract + " " + w.of + " " + tomDay(lang, d.Customer.ContractDate))
	}
	fields := []Field{
		{w.coverID, d.DocumentID},
		{w.coverVersion, l10n.Int(lang, d.Control.Version)},
		{w.coverStatus, d.Status},
		{w.coverApproval, approvalLine(lang, d.Control, d.DraftReason)},
		{w.coverCustomer, d.Customer.Name},
		{w.coverContract, contract},
		{w.coverProvider, d.Provider.Name},
		{w.coverCutoff, l10n.DateTime(lang, d.EvidenceCutoff)},
		{w.coverEvaluated, l10n.DateTime(lang, d.EvaluatedAt)},
		{w.coverRun, d.RunID},
		{w.coverTool, d.ToolVersion},
		{w.coverBundle, d.BundleDigest},
		{w.coverCatalogues, strings.Join(d.Catalogues, "; ")},
		{w.coverScope, tomScopeLine(d, w)},
		{w.coverClassification, d.Classification},
		{w.coverNextReview, l10n.Date(lang, d.NextReview)},
		{w.coverContent, d.Control.Content},
	}
	out := fields[:0]
	for _, f := range fields {
		if f.Value != "" {
			out = append(out, f)
		}
	}
	return out
}

// tomScopeLine summarises the scope for the title page, e.g. "ACME GmbH
// (acme): 2 Kubernetes-Namespaces, 2 Sicherungsrepositorys,
// GitHub-Organisation github".
func tomScopeLine(d *TOMData, w tomWording) string {
	ns := 0
	for _, c := range d.Scope.Clusters {
		ns += len(c.Namespaces)
	}
	var parts []string
	if ns > 0 {
		parts = append(parts, l10n.Int(d.Lang, ns)+" "+w.namespaces)
	}
	if n := len(d.Scope.Backups); n > 0 {
		parts = append(parts, l10n.Int(d.Lang, n)+" "+w.repositories)
	}
	for _, org := range d.Scope.GitHubOrgs {
		parts = append(parts, w.githubOrg+" "+org)
	}
	s := d.Customer.Name + " (" + d.Customer.ID + ")"
	if len(parts) > 0 {
		s += ": " + strings.Join(parts, ", ")
	}
	return s
}

// TOMReleaseChecklist renders the internal release checklist of a TOM
// annex (text/release-checklist.<lang>.md.tmpl) from its view model: the
// blockers with the findings behind them, which the annex itself never
// shows, classified internal. It is Markdown for the provider's own
// release process, never for the customer.
func TOMReleaseChecklist(data *TOMData, opt Options) ([]byte, error) {
	return Execute("release-checklist", data.Lang, data, opt)
}

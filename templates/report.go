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

// ReportInput is what the audit report of one framework is built from.
type ReportInput struct {
	// Results are the results of a provider-wide evaluation (all tenants)
	// that includes Framework.
	Results *controls.Results
	Config  *config.Config
	Model   *controls.Model
	// Framework is c5-2020, c5-2026, iso27001-2022 or gdpr.
	Framework string
	// Tenant, when set, makes the customer edition for that tenant: the
	// Results must be restricted to it (policies RunOptions.Tenant), and
	// the report shows its scope and the shared infrastructure only, no
	// other tenant, no staff account, no object of the shared
	// infrastructure by name. Empty is the provider's internal report.
	Tenant string
	// SoA are the ISMS owner's SoA declarations, nil when there are none:
	// the ISO/IEC 27001 report lists where they contradict the measures
	// stated as in place (SoAContradictions).
	SoA *config.SoA
	// Lang is de or en.
	Lang      string
	Templates Options
	// Control are the recorded approvals and the previous version's
	// results (version table, prepared/reviewed/approved, change
	// history).
	Control ControlInput
}

// Report builds the audit report (document-specs §2), a point-in-time
// self-assessment of the design and implementation of the controls of one
// framework at the evidence cut-off: the view model ReportData rendered
// with the report template, and the title page, header and footer data
// around it. The provider's report is internal; with in.Tenant it is the
// customer edition for that tenant.
//
// The document id is BER-<framework>-<yyyymmdd> (BER-<framework>-<tenant>-
// <yyyymmdd> for a customer edition), the date being the evidence cut-off
// in German time, so that the same evidence gives the same id whenever it
// is rendered and new evidence a new one. The status
// is "Entwurf"/"Draft": a self-assessment has no release gate, and the
// tool holds no approval record that could mark it released. The report
// is not watermarked, because nothing in it is provisional.
func Report(in ReportInput) (Document, error) {
	data, err := BuildReportData(in)
	if err != nil {
		return Document{}, err
	}
	body, err := Execute("report", in.Lang, data, in.Templates)
	if err != nil {
		return Document{}, err
	}
	w := reportWords[in.Lang]
	short := w.shortTitle + " – " + reportFrameworkName(in.Framework, in.Lang)
	if data.Edition != nil {
		short += " – " + data.Edition.Name
	}
	return Document{
		Lang:           in.Lang,
		ID:             data.DocumentID,
		Title:          data.Title,
		Subtitle:       data.Subtitle,
		ShortTitle:     short,
		Organisation:   data.Organisation.Name,
		Classification: data.Classification,
		Status:         data.Status,
		Notice:         data.Notice,
		Cover:          reportCover(data, w),
		BundleDigest:   data.BundleDigest,
		Created:        in.Results.EvaluatedAt,
		Subject:        data.Title,
		Keywords:       append([]string{w.keyword, reportFrameworkName(in.Framework, in.Lang), data.DocumentID}, data.Control.Stamp().Keywords()...),
		Markdown:       body,
	}, nil
}

// BuildReportData builds the view model of the audit report without
// rendering it; Report uses it, and tests and custom renderers may.
func BuildReportData(in ReportInput) (*ReportData, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	r := in.Results
	lang := in.Lang
	w := reportWords[lang]
	cat := in.Model.Catalog(in.Framework)
	cutoff := r.EvidenceCutoff
	if cutoff.IsZero() {
		cutoff = r.EvaluatedAt
	}
	id := "BER-" + in.Framework + "-"
	if in.Tenant != "" {
		id += in.Tenant + "-"
	}
	d := &ReportData{
		Lang:           lang,
		DocumentID:     id + cutoff.In(l10n.Location()).Format("20060102"),
		Title:          w.title + " – " + reportFrameworkName(in.Framework, lang),
		Notice:         w.notice,
		Status:         w.status,
		Classification: in.Config.InternalClassification(lang),
		Organisation:   ReportOrganisation{Name: in.Config.Organisation.Name, Address: in.Config.Organisation.Address},
		Service:        ReportService{Name: in.Config.Service.Name.In(lang), Description: in.Config.Service.Description.In(lang)},
		Framework:      in.Framework,
		Catalogue:      ReportCatalogue{Name: cat.Name.In(lang), Publisher: cat.Publisher, PublishedBy: cat.PublishedBy.In(lang), Version: cat.Version, Attribution: cat.Attribution.In(lang)},
		MappingC5:      reportMappingC5(in.Framework),
		Noun:           w.nouns[in.Framework],
		AreaNoun:       w.areas[in.Framework],
		EvaluatedAt:    r.EvaluatedAt,
		EvidenceCutoff: cutoff,
		RunID:          r.RunID,
		ToolVersion:    r.ToolVersion,
		BundleDigest:   r.BundleDigest,
		Legend:         reportLegend,
	}
	if in.Tenant != "" {
		t, _ := in.Config.Tenant(in.Tenant)
		d.Edition = &ReportEdition{ID: t.ID, Name: t.Name}
		if d.Edition.Name == "" {
			d.Edition.Name = t.ID
		}
		d.Classification = in.Config.CustomerClassification(lang)
		d.Title += " – " + w.edition + " " + d.Edition.Name
	}
	d.Subtitle = d.Organisation.Name
	if d.Subtitle != "" {
		d.Subtitle += " – "
	}
	d.Subtitle += w.cutoff + " " + l10n.Date(lang, cutoff)

	ix := newReportIndex(in)
	if len(ix.reqs) == 0 {
		return nil, fmt.Errorf("audit report %s: the results hold no requirement of this framework (evaluated: %s); evaluate it too", in.Framework, strings.Join(r.Frameworks, ", "))
	}
	d.Findings = ix.findings()
	groups, err := ix.groups(d.Findings)
	if err != nil {
		return nil, err
	}
	d.Groups = groups
	d.Summary = reportSummary(groups)
	d.Chart = reportChart(groups, lang)
	d.Scope = ix.scope(w)
	d.Locations = reportLocations(d.Scope.Backups)
	d.ServiceLocations = ix.serviceLocations()
	if t, ok := in.Config.Tenant(in.Tenant); ok {
		d.SubProcessors = subProcessorsOf(in.Config, t, lang)
	} else {
		d.SubProcessors = subProcessors(in.Config, lang)
	}
	d.CustomerControls = ix.customerControls()
	d.Method = ix.method()
	d.Subcriteria = ix.subcriteria()
	d.GeneralConditions = ix.generalConditions()
	d.Exceptions = ix.exceptions()
	d.Attestations = ix.attestations()
	d.NotAssessed = ix.notAssessed()
	d.Mapping = ix.mapping()
	d.Evidence = ix.evidenceIndex()
	if in.Framework == controls.ISO27001 && in.Tenant == "" {
		d.SoAContradictions = SoAContradictions(r, in.Model, in.SoA, lang)
	}
	if err := d.control(in, id); err != nil {
		return nil, err
	}
	return d, nil
}

// control decides the report's version and approval: it is released when
// a person approved exactly its content, else a draft saying why.
func (d *ReportData) control(in ReportInput, id string) error {
	var extra []approval.Part
	if in.SoA != nil {
		soa, err := json.Marshal(in.SoA)
		if err != nil {
			return fmt.Errorf("audit report: content digest: SoA: %w", err)
		}
		extra = append(extra, approval.Part{Name: "soa", Data: soa})
	}
	parts, err := contentParts("report", in.Framework+"/"+in.Tenant, in.Results, in.Config, in.Templates, in.Control, extra...)
	if err != nil {
		return fmt.Errorf("audit report: %w", err)
	}
	own := func(t string) bool { return in.Tenant == "" || t == in.Tenant }
	series := strings.TrimSuffix(id, "-")
	if d.Control, err = buildControl(series, parts, in.Control, in.Results, in.Model, in.Lang, own, false); err != nil {
		return fmt.Errorf("audit report: %w", err)
	}
	if d.Control.Approved {
		d.Released = true
		d.Status = reportWords[in.Lang].released
	} else {
		d.DraftReason = d.Control.Reason
	}
	return nil
}

// check rejects incomplete input with one error naming what is missing.
func (in ReportInput) check() error {
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
	if len(missing) > 0 {
		return fmt.Errorf("audit report: missing %s", strings.Join(missing, ", "))
	}
	if !controls.IsFramework(in.Framework) || in.Model.Catalog(in.Framework) == nil {
		return fmt.Errorf("audit report: framework %q: expected one of %s", in.Framework, strings.Join(controls.Frameworks, ", "))
	}
	if !l10n.Valid(in.Lang) {
		return fmt.Errorf("audit report: language %q: expected de or en", in.Lang)
	}
	switch {
	case in.Tenant == "" && in.Results.Tenant != "":
		return fmt.Errorf("audit report: the results were evaluated for tenant %s only; the provider's report needs the provider-wide evaluation (all tenants)", in.Results.Tenant)
	case in.Tenant != "" && in.Results.Tenant != in.Tenant:
		scope := "all tenants"
		if in.Results.Tenant != "" {
			scope = "tenant " + in.Results.Tenant
		}
		return fmt.Errorf("audit report for tenant %s: the results were evaluated for %s; evaluate with the tenant restriction so that only its scope is shown", in.Tenant, scope)
	}
	if in.Tenant != "" {
		if _, ok := in.Config.Tenant(in.Tenant); !ok {
			return fmt.Errorf("audit report: tenant %q: not defined in the configuration", in.Tenant)
		}
	}
	return nil
}

// reportLegend is the order of the outcome legend and the bar chart
// series, fixed by the PDF renderer's chart format.
var reportLegend = []controls.Outcome{
	controls.Pass, controls.Fail, controls.NoEvidence, controls.AttestationExpired,
	controls.Exception, controls.Attested, controls.NotApplicable,
}

// reportWording holds the fixed texts of the report outside the template:
// title page, metadata and the labels computed in Go.
type reportWording struct {
	title, shortTitle, notice, status, keyword, cutoff string
	released                                           string
	edition                                            string
	nouns                                              map[string]ReportNoun
	areas                                              map[string]string
	cover                                              reportCoverLabels
	major, minor, missing, expired                     string
	severity                                           map[controls.Severity]string
	scope                                              reportScopeWords
}

type reportCoverLabels struct {
	id, cutoff, evaluated, run, tool, digest, catalogue, scope, mode, modeValue, classification string
	edition                                                                                     string
	version, approval                                                                           string
}

// reportScopeWords are the nouns of the one-line scope, singular and
// plural.
type reportScopeWords struct {
	cluster, tenant, namespace, repository, org ReportNoun
	with, selectors                             string
}

var reportWords = map[string]reportWording{
	"de": {
		title:      "Selbstbewertung der Kontrollen zum Stichtag – Angemessenheit und Implementierung",
		shortTitle: "Selbstbewertung zum Stichtag",
		edition:    "Ausgabe für",
		notice:     "Selbstbewertung zum Stichtag – kein Testat, kein Zertifikat, keine Aussage zur Wirksamkeit über einen Zeitraum",
		status:     "Entwurf",
		released:   "Freigegeben",
		keyword:    "Selbstbewertung",
		cutoff:     "Stichtag",
		nouns: map[string]ReportNoun{
			controls.C5:       {One: "Kriterium", Many: "Kriterien"},
			controls.C5_2026:  {One: "Kriterium", Many: "Kriterien"},
			controls.ISO27001: {One: "Kontrolle", Many: "Kontrollen"},
			controls.GDPR:     {One: "Anforderung", Many: "Anforderungen"},
		},
		areas: map[string]string{controls.C5: "Bereich", controls.C5_2026: "Bereich", controls.ISO27001: "Thema", controls.GDPR: "Artikel"},
		cover: reportCoverLabels{
			id: "Dokument-ID", cutoff: "Stichtag der Nachweise", evaluated: "Bewertet am",
			run: "Lauf-ID", tool: "Werkzeugversion", digest: "Nachweispaket (SHA-256)", catalogue: "Katalog",
			scope: "Geltungsbereich", mode: "Art der Bewertung", modeValue: "Stichtag (Angemessenheit und Implementierung), Selbstbewertung des Anbieters",
			classification: "Klassifizierung", edition: "Ausgabe für den Auftraggeber",
			version: "Version und Inhaltsprüfsumme", approval: "Freigabe",
		},
		major:    "Hauptabweichung",
		minor:    "Nebenabweichung",
		missing:  "Nachweis fehlt – keine Aussage möglich",
		expired:  "Bestätigung abgelaufen am",
		severity: map[controls.Severity]string{controls.Critical: "kritisch", controls.High: "hoch", controls.Medium: "mittel", controls.Low: "niedrig"},
		scope: reportScopeWords{
			cluster:    ReportNoun{One: "Cluster", Many: "Cluster"},
			tenant:     ReportNoun{One: "Mandant", Many: "Mandanten"},
			namespace:  ReportNoun{One: "Namespace", Many: "Namespaces"},
			repository: ReportNoun{One: "Backup-Repository", Many: "Backup-Repositorys"},
			org:        ReportNoun{One: "GitHub-Organisation", Many: "GitHub-Organisationen"},
			with:       "mit",
			selectors:  "und per Label ausgewählten Namespaces",
		},
	},
	"en": {
		title:      "Point-in-Time Self-Assessment of Controls – Design and Implementation",
		shortTitle: "Point-in-time self-assessment",
		edition:    "edition for",
		notice:     "Point-in-time self-assessment – not an attestation report, not a certificate, no statement on operating effectiveness over a period",
		status:     "Draft",
		released:   "Released",
		keyword:    "self-assessment",
		cutoff:     "evidence cut-off",
		nouns: map[string]ReportNoun{
			controls.C5:       {One: "criterion", Many: "criteria"},
			controls.C5_2026:  {One: "criterion", Many: "criteria"},
			controls.ISO27001: {One: "control", Many: "controls"},
			controls.GDPR:     {One: "provision", Many: "provisions"},
		},
		areas: map[string]string{controls.C5: "area", controls.C5_2026: "area", controls.ISO27001: "theme", controls.GDPR: "article"},
		cover: reportCoverLabels{
			id: "Document ID", cutoff: "Evidence cut-off", evaluated: "Evaluated at",
			run: "Run ID", tool: "Tool version", digest: "Evidence bundle (SHA-256)", catalogue: "Catalogue",
			scope: "Scope", mode: "Type of assessment", modeValue: "Point in time (suitability of design and implementation), provider self-assessment",
			classification: "Classification", edition: "Edition for the customer",
			version: "Version and content digest", approval: "Approval",
		},
		major:    "major nonconformity",
		minor:    "minor nonconformity",
		missing:  "Evidence missing – no statement possible",
		expired:  "Attestation expired on",
		severity: map[controls.Severity]string{controls.Critical: "critical", controls.High: "high", controls.Medium: "medium", controls.Low: "low"},
		scope: reportScopeWords{
			cluster:    ReportNoun{One: "cluster", Many: "clusters"},
			tenant:     ReportNoun{One: "tenant", Many: "tenants"},
			namespace:  ReportNoun{One: "namespace", Many: "namespaces"},
			repository: ReportNoun{One: "backup repository", Many: "backup repositories"},
			org:        ReportNoun{One: "GitHub organisation", Many: "GitHub organisations"},
			with:       "with",
			selectors:  "and namespaces selected by label",
		},
	},
}

// reportFrameworkName is the short name of a framework in titles.
func reportFrameworkName(framework, lang string) string {
	switch framework {
	case controls.C5:
		return "BSI C5:2020"
	case controls.C5_2026:
		return "BSI C5:2026"
	case controls.ISO27001:
		if lang == "de" {
			return "ISO/IEC 27001:2022 Anhang A"
		}
		return "ISO/IEC 27001:2022 Annex A"
	case controls.GDPR:
		if lang == "de" {
			return "DSGVO Art. 28 und 32"
		}
		return "GDPR Art. 28 and 32"
	}
	return framework
}

// reportCover is the metadata block of the title page (document-specs
// §0.2). The status is not repeated: the title page prints
// Document.Status. The approval of this content (or why the report is a
// draft) and the content digest follow the metadata.
func reportCover(d *ReportData, w reportWording) []Field {
	c := w.cover
	catalogue := d.Catalogue.Name
	if d.Catalogue.Version != "" {
		catalogue += " (" + d.Catalogue.Version + ")"
	}
	fields := []Field{
		{c.id, d.DocumentID},
		{c.version, l10n.Int(d.Lang, d.Control.Version) + " – " + d.Control.Content},
		{c.mode, c.modeValue},
	}
	if d.Edition != nil {
		fields = append(fields, Field{c.edition, d.Edition.Name + " (" + d.Edition.ID + ")"})
	}
	fields = append(fields, []Field{
		{c.cutoff, l10n.DateTime(d.Lang, d.EvidenceCutoff)},
		{c.evaluated, l10n.DateTime(d.Lang, d.EvaluatedAt)},
		{c.run, d.RunID},
		{c.tool, "nachweis " + d.ToolVersion},
		{c.digest, d.BundleDigest},
		{c.catalogue, catalogue},
		{c.scope, d.Scope.Summary},
	}...)
	if d.Classification != "" {
		fields = append(fields, Field{c.classification, d.Classification})
	}
	// Who approved it; who prepared and reviewed it, and why a draft is
	// one, is in Annex C, so that the title page stays one page. The
	// version row holds the content digest an approval names.
	if d.Released {
		fields = append(fields, Field{c.approval, approvalLine(d.Lang, d.Control, "")})
	}
	return fields
}

// displayID is a requirement id as printed: GDPR provisions are cited in
// the document's style without the law's name, "Art. 32 Abs. 1 lit. c"
// (de) or "Art. 32(1)(c)" (en), as the catalogue cites them.
func (ix *reportIndex) displayID(framework, id string) string {
	if framework != controls.GDPR {
		return id
	}
	if req, ok := ix.in.Model.Requirement(framework, id); ok && req.Citation.In(ix.lang) != "" {
		return strings.TrimSuffix(strings.TrimSuffix(req.Citation.In(ix.lang), " DSGVO"), " GDPR")
	}
	return "Art. " + id
}

// reportCount writes "n noun" with the noun in singular or plural.
func reportCount(lang string, n int, noun ReportNoun) string {
	s := noun.Many
	if n == 1 {
		s = noun.One
	}
	return l10n.Int(lang, n) + " " + s
}

// reportNewest returns the later of a and b.
func reportNewest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

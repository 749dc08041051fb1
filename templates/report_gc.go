package templates

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/controls/l10n"
	"github.com/nachweis/nachweis/evidence/config"
)

// ReportGeneralCondition is one general condition of C5:2026 (GC-01 …
// GC-06) with the provider's statements on it.
type ReportGeneralCondition struct {
	ID, Title  string
	Statements []ReportGCStatement
}

// ReportGCStatement is one statement on a general condition. Measured
// ones come from the evidence through a check's findings (Source names
// the check); the others are declared in the configuration (Source names
// "Konfiguration"). A statement never says more than its source shows.
type ReportGCStatement struct {
	Text     string
	Measured bool
	Source   string
	// Key is the configuration key of a declared statement, e.g.
	// service.general_conditions.rpo; documents do not print it.
	Key string
}

// gcWords are the phrases of the general conditions.
var gcWords = map[string]map[string]string{
	"de": {
		"notDeclared": "nicht erklärt", "jurisdiction": "Anwendbares Recht und Gerichtsstand: %s",
		"sites": "Standorte: %s", "regions": "Regionen der Kubernetes-Knoten (Label): %s",
		"zones": "Zonen der betriebsbereiten Kubernetes-Knoten: %s", "backupSites": "Standorte der Datensicherungen je Repository (erklärt, Repositorys gemessen): %s",
		"noMeasure": "keine Messung: %s", "availability": "Verfügbarkeit und Störungsbeseitigung: %s",
		"redundancy": "Redundanz der Produktions-Workloads: %s", "rpo": "Wiederherstellungspunkt (RPO): %s", "rto": "Wiederherstellungszeit (RTO): %s",
		"age": "jüngste Sicherung je Repository zum Stichtag höchstens %s alt (%s)", "within": "innerhalb des RPO", "beyond": "überschreitet das RPO",
		"approach": "Ansatz zur Sicherstellung der Verfügbarkeit: %s", "offsite": "Kopien an einem zweiten Standort: %s",
		"inquiries": "Umgang mit Ersuchen staatlicher Stellen: %s", "certifications": "Zertifizierungen und Bescheinigungen: %s",
		"config": "Konfiguration",
	},
	"en": {
		"notDeclared": "not declared", "jurisdiction": "Applicable law and place of jurisdiction: %s",
		"sites": "Sites: %s", "regions": "Regions of the Kubernetes nodes (label): %s",
		"zones": "Zones of the Ready Kubernetes nodes: %s", "backupSites": "Sites of the backups per repository (declared, repositories measured): %s",
		"noMeasure": "not measured: %s", "availability": "Availability and incident handling: %s",
		"redundancy": "Redundancy of the production workloads: %s", "rpo": "Recovery point objective (RPO): %s", "rto": "Recovery time objective (RTO): %s",
		"age": "newest backup of each repository at most %s old at the evidence cut-off (%s)", "within": "within the RPO", "beyond": "beyond the RPO",
		"approach": "Approach to ensuring availability: %s", "offsite": "Copies at a second site: %s",
		"inquiries": "Handling of requests of government agencies: %s", "certifications": "Certifications and attestations: %s",
		"config": "configuration",
	},
}

// generalConditions builds the general conditions of the C5:2026 report
// from the configuration (declared) and the findings of the checks that
// measure locations, zones, redundancy and backup age (measured); nil for
// other frameworks.
func (ix *reportIndex) generalConditions() []ReportGeneralCondition {
	cat := ix.in.Model.Catalog(ix.fw)
	if ix.fw != controls.C5_2026 || cat == nil {
		return nil
	}
	w := gcWords[ix.lang]
	g := ix.in.Config.Service.GeneralConditions
	key := "service.general_conditions."
	declared := func(format string, t config.Text, k string) ReportGCStatement {
		v := t.In(ix.lang)
		if t.IsZero() {
			v = w["notDeclared"]
		}
		return ReportGCStatement{Text: fmt.Sprintf(format, v), Source: w["config"], Key: k}
	}
	duration := func(format string, d *time.Duration, k string) ReportGCStatement {
		v := w["notDeclared"]
		if d != nil {
			v = l10n.Duration(ix.lang, *d)
		}
		return ReportGCStatement{Text: fmt.Sprintf(format, v), Source: w["config"], Key: k}
	}
	var sites []string
	for _, l := range ix.in.Config.Service.Locations {
		s := l.Site
		if p := l.Purpose.In(ix.lang); p != "" {
			s += " (" + p + ")"
		}
		sites = append(sites, s)
	}
	siteText := w["notDeclared"]
	if len(sites) > 0 {
		siteText = strings.Join(sites, ", ")
	}
	out := map[string][]ReportGCStatement{
		"GC-01": {
			declared(w["jurisdiction"], g.Jurisdiction, key+"jurisdiction"),
			{Text: fmt.Sprintf(w["sites"], siteText), Source: w["config"], Key: "service.locations"},
			ix.measured("K8S-LOC-01", w["regions"], func(f controls.Finding) []string {
				return []string{fmt.Sprintf("%s (%s)", argString(f.Message.Args["region"]), argString(f.Message.Args["country"]))}
			}),
			ix.measured("K8S-NODE-02", w["zones"], func(f controls.Finding) []string { return argStrings(f.Message.Args["zones"]) }),
			ix.measured("BAK-LOC-01", w["backupSites"], func(f controls.Finding) []string {
				return []string{fmt.Sprintf("%s (%s)", argString(f.Message.Args["site"]), argString(f.Message.Args["country"]))}
			}),
		},
		"GC-02": {
			declared(w["availability"], g.Availability, key+"availability"),
			ix.outcome("K8S-AVAIL-01", w["redundancy"]),
		},
		"GC-03": {
			duration(w["rpo"], g.RPO, key+"rpo"),
			ix.backupAge(g.RPO),
			duration(w["rto"], g.RTO, key+"rto"),
		},
		"GC-04": {
			declared(w["approach"], g.AvailabilityApproach, key+"availability_approach"),
			ix.measured("K8S-NODE-02", w["zones"], func(f controls.Finding) []string { return argStrings(f.Message.Args["zones"]) }),
			ix.outcome("BAK-OFFSITE-01", w["offsite"]),
		},
		"GC-05": {declared(w["inquiries"], g.InvestigationRequests, key+"investigation_requests")},
		"GC-06": {declared(w["certifications"], g.Certifications, key+"certifications")},
	}
	var gcs []ReportGeneralCondition
	for _, gc := range cat.GeneralConditions {
		gcs = append(gcs, ReportGeneralCondition{ID: gc.ID, Title: gc.Title.In(ix.lang), Statements: out[gc.ID]})
	}
	return gcs
}

// measured states what a check's evaluated findings show (values picked
// by pick, each once, in order of appearance); a check that did not run
// on evidence says why, never a value.
func (ix *reportIndex) measured(check, format string, pick func(controls.Finding) []string) ReportGCStatement {
	c, ok := ix.checks[check]
	var vals []string
	if ok {
		for _, f := range c.Findings {
			if f.Status == controls.NoEvidence || f.Status == controls.NotApplicable {
				continue
			}
			for _, v := range pick(f) {
				if v != "" && !slices.Contains(vals, v) {
					vals = append(vals, v)
				}
			}
		}
	}
	st := ReportGCStatement{Measured: true, Source: check}
	if len(vals) == 0 {
		st.Text = fmt.Sprintf(format, fmt.Sprintf(gcWords[ix.lang]["noMeasure"], ix.noEvidence(c, ok)))
		return st
	}
	st.Text = fmt.Sprintf(format, strings.Join(vals, ", "))
	return st
}

// outcome states a check's outcome, measured.
func (ix *reportIndex) outcome(check, format string) ReportGCStatement {
	c, ok := ix.checks[check]
	if !ok || c.Status == controls.NoEvidence {
		return ReportGCStatement{Measured: true, Source: check, Text: fmt.Sprintf(format, fmt.Sprintf(gcWords[ix.lang]["noMeasure"], ix.noEvidence(c, ok)))}
	}
	return ReportGCStatement{Measured: true, Source: check, Text: fmt.Sprintf(format, c.Status.Label(ix.lang))}
}

// backupAge compares the oldest of the newest backups (BAK-FRESH-01) with
// the declared RPO.
func (ix *reportIndex) backupAge(rpo *time.Duration) ReportGCStatement {
	w := gcWords[ix.lang]
	c, ok := ix.checks["BAK-FRESH-01"]
	var oldest time.Duration
	n := 0
	if ok {
		for _, f := range c.Findings {
			if f.Status == controls.NoEvidence || f.Status == controls.NotApplicable {
				continue
			}
			s, ok := argNumber(f.Measured.Args["age_s"])
			if !ok {
				continue
			}
			n++
			if d := time.Duration(s * float64(time.Second)); d > oldest {
				oldest = d
			}
		}
	}
	st := ReportGCStatement{Measured: true, Source: "BAK-FRESH-01"}
	if n == 0 {
		st.Text = fmt.Sprintf(w["noMeasure"], ix.noEvidence(c, ok))
		return st
	}
	count := map[string]string{"de": "Repositorys", "en": "repositories"}[ix.lang]
	if n == 1 {
		count = map[string]string{"de": "Repository", "en": "repository"}[ix.lang]
	}
	st.Text = fmt.Sprintf(w["age"], l10n.Duration(ix.lang, oldest.Round(time.Minute)), l10n.Int(ix.lang, n)+" "+count)
	if rpo != nil {
		if oldest <= *rpo {
			st.Text += "; " + w["within"]
		} else {
			st.Text += "; " + w["beyond"]
		}
	}
	return st
}

// noEvidence is why a check did not measure: its reason, else its
// outcome's label.
func (ix *reportIndex) noEvidence(c *controls.CheckResult, ok bool) string {
	if !ok {
		return controls.NoEvidence.Label(ix.lang)
	}
	if r := c.Reason.In(ix.lang); r != "" {
		return r
	}
	return c.Status.Label(ix.lang)
}

func argString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

func argStrings(v any) []string {
	switch x := v.(type) {
	case []string:
		return x
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			out = append(out, argString(e))
		}
		return out
	}
	return nil
}

// argNumber reads a message argument as a number: what l10n reads as one,
// or a number written as a string.
func argNumber(v any) (float64, bool) {
	if x, ok := v.(string); ok {
		f, err := strconv.ParseFloat(x, 64)
		return f, err == nil
	}
	return l10n.ArgNumber(v)
}

package output

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/nachweis/nachweis/controls"
)

// TextOptions configures WriteText.
type TextOptions struct {
	// Lang is "de" or "en"; empty means "en".
	Lang string
	// Color adds ANSI colours to outcome labels and headings. Leave it
	// off when the output is not a terminal.
	Color bool
}

// textWidth is the width the summary is wrapped to, so that it stays
// readable in a 100-column terminal or CI log.
const textWidth = 100

// WriteText writes a human summary of the results for a terminal: the run
// header, per framework the requirement count for each of the seven
// outcomes, then every requirement that is not met or not assessed by name,
// with the checks, findings (expected vs. measured) and reasons behind it,
// followed by collector errors, expired attestations and accepted
// exceptions.
//
// Every text from the results is passed through SafeText, so that
// control characters in evidence names never reach the terminal; the
// colours (TextOptions.Color) are the only escape sequences written.
//
// Outcomes are always written with controls.Outcome.Label. Times are
// rendered in UTC: "23.11.2026, 14:05 Uhr (UTC)" in German, "2026-11-23
// 14:05 UTC" in English.
func WriteText(w io.Writer, r *controls.Results, opt TextOptions) error {
	if r == nil {
		return errors.New("write text summary: no results")
	}
	lang := opt.Lang
	if lang == "" {
		lang = "en"
	}
	msg, ok := textMessages[lang]
	if !ok {
		return fmt.Errorf("write text summary: unsupported language %q (want de or en)", opt.Lang)
	}
	// Evidence names reach a terminal: no escape sequence of theirs may.
	r = safeResults(r)
	p := &textPrinter{lang: lang, color: opt.Color, msg: msg, idx: newIndex(r), shown: map[string]string{}}
	p.header(r)
	p.summary(r)
	p.requirements(r, controls.Fail)
	p.requirements(r, controls.NoEvidence)
	p.collectorErrors(r)
	p.expiredAttestations(r)
	p.exceptions(r)
	if _, err := w.Write(p.buf.Bytes()); err != nil {
		return fmt.Errorf("write text summary: %w", err)
	}
	return nil
}

// textMessage holds the fixed wording of the summary in one language.
type textMessage struct {
	title, evaluatedAt, evidenceCutoff, bundleDigest, toolVersion, tenant string
	tenantTag                                                             string
	summary, total                                                        string
	basisSummary, basis                                                   string
	requirements                                                          string // heading, %s = outcome label, %d = count
	measures, noMeasures                                                  string
	measure, check, reason                                                string
	expected, measured                                                    string
	more                                                                  string // %d = number of findings left out
	seeAbove                                                              string // %s = framework and requirement id
	collectorErrors, collector                                            string
	expiredAttestations, attestedBy, expiredOn                            string
	exceptions, exceptionLine, appliedTo, exceptionExpired                string
	unknown                                                               string
	severity                                                              map[controls.Severity]string
}

var textMessages = map[string]textMessage{
	"en": {
		title:               "nachweis – results",
		evaluatedAt:         "Evaluated at",
		evidenceCutoff:      "Evidence cut-off",
		bundleDigest:        "Bundle digest",
		toolVersion:         "Tool version",
		tenant:              "Tenant",
		tenantTag:           "tenant",
		summary:             "Requirements per framework",
		basisSummary:        "Basis of the assessment per framework",
		basis:               "Basis",
		total:               "total",
		requirements:        "Requirements: %s (%d)",
		measures:            "Measures",
		noMeasures:          "none – no measure covers this requirement",
		measure:             "Measure",
		check:               "Check",
		reason:              "Reason",
		expected:            "expected",
		measured:            "measured",
		more:                "… and %d more",
		seeAbove:            "findings listed above under %s",
		collectorErrors:     "Collector errors (%d)",
		collector:           "collector %s, collected %s",
		expiredAttestations: "Expired attestations (%d)",
		attestedBy:          "measure %s, attested by %s (%s) on %s",
		expiredOn:           "expired on %s",
		exceptions:          "Accepted exceptions (risk acceptance) (%d)",
		exceptionLine:       "check %s, scope %s; risk %s, owner %s; approved on %s, valid until %s",
		appliedTo:           "failed findings covered: %d; compensating measure: %s",
		exceptionExpired:    "expired on %s – the check counts as not met again",
		unknown:             "unknown",
		severity: map[controls.Severity]string{
			controls.Critical: "critical", controls.High: "high", controls.Medium: "medium", controls.Low: "low",
		},
	},
	"de": {
		title:               "nachweis – Ergebnisse",
		evaluatedAt:         "Bewertet am",
		evidenceCutoff:      "Stichtag der Nachweise",
		bundleDigest:        "Bundle-Digest",
		toolVersion:         "Werkzeugversion",
		tenant:              "Mandant",
		tenantTag:           "Mandant",
		summary:             "Anforderungen je Rahmenwerk",
		basisSummary:        "Grundlage der Bewertung je Rahmenwerk",
		basis:               "Grundlage",
		total:               "gesamt",
		requirements:        "Anforderungen: %s (%d)",
		measures:            "Maßnahmen",
		noMeasures:          "keine – keine Maßnahme deckt diese Anforderung ab",
		measure:             "Maßnahme",
		check:               "Prüfung",
		reason:              "Grund",
		expected:            "erwartet",
		measured:            "gemessen",
		more:                "… und %d weitere",
		seeAbove:            "Befunde siehe oben unter %s",
		collectorErrors:     "Fehler der Collectors (%d)",
		collector:           "Collector %s, erhoben %s",
		expiredAttestations: "Abgelaufene Bestätigungen (%d)",
		attestedBy:          "Maßnahme %s, bestätigt von %s (%s) am %s",
		expiredOn:           "abgelaufen am %s",
		exceptions:          "Akzeptierte Abweichungen (Risikoakzeptanz) (%d)",
		exceptionLine:       "Prüfung %s, Geltungsbereich %s; Risiko %s, Risikoeigner %s; genehmigt am %s, gültig bis %s",
		appliedTo:           "abgedeckte fehlgeschlagene Befunde: %d; kompensierende Maßnahme: %s",
		exceptionExpired:    "abgelaufen am %s – die Prüfung gilt wieder als nicht erfüllt",
		unknown:             "unbekannt",
		severity: map[controls.Severity]string{
			controls.Critical: "kritisch", controls.High: "hoch", controls.Medium: "mittel", controls.Low: "niedrig",
		},
	},
}

// ANSI colours per outcome; used only with TextOptions.Color.
var outcomeColor = map[controls.Outcome]string{
	controls.Fail:               "31", // red
	controls.NoEvidence:         "33", // yellow
	controls.AttestationExpired: "33",
	controls.Exception:          "35", // magenta
	controls.Attested:           "36", // cyan
	controls.Pass:               "32", // green
	controls.NotApplicable:      "2",  // dim
}

type textPrinter struct {
	buf   bytes.Buffer
	lang  string
	color bool
	msg   textMessage
	idx   *index
	// shown maps a check id to the requirement under which its findings
	// were listed, so that a check behind several requirements is
	// detailed once.
	shown map[string]string
}

func (p *textPrinter) paint(code, s string) string {
	if !p.color || code == "" {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

// label is the outcome's fixed label, coloured if asked for. Its spaces
// are non-breaking until the line is written, so that wrapping never
// splits a label.
func (p *textPrinter) label(o controls.Outcome) string {
	return p.paint(outcomeColor[o], strings.ReplaceAll(o.Label(p.lang), " ", nbsp))
}

const nbsp = "\u00a0"

func (p *textPrinter) heading(s string) {
	p.buf.WriteString("\n")
	p.line(0, 0, p.paint("1", s))
}

// line writes s at indent, wrapped to textWidth; continuation lines are
// indented by a further hang columns.
func (p *textPrinter) line(indent, hang int, s string) {
	for _, l := range wrap(s, indent, hang, textWidth) {
		p.buf.WriteString(strings.ReplaceAll(strings.TrimRight(l, " "), nbsp, " "))
		p.buf.WriteByte('\n')
	}
}

func (p *textPrinter) dateTime(t time.Time) string {
	if t.IsZero() {
		return p.msg.unknown
	}
	t = t.UTC()
	if p.lang == "de" {
		return t.Format("02.01.2006, 15:04 Uhr (UTC)")
	}
	return t.Format("2006-01-02 15:04 UTC")
}

func (p *textPrinter) date(t time.Time) string {
	if t.IsZero() {
		return p.msg.unknown
	}
	if p.lang == "de" {
		return t.UTC().Format("02.01.2006")
	}
	return t.UTC().Format("2006-01-02")
}

func (p *textPrinter) header(r *controls.Results) {
	p.line(0, 0, p.paint("1", p.msg.title))
	rows := [][2]string{
		{p.msg.evaluatedAt, p.dateTime(r.EvaluatedAt)},
		{p.msg.evidenceCutoff, p.dateTime(r.EvidenceCutoff)},
		{p.msg.bundleDigest, r.BundleDigest},
	}
	if r.ToolVersion != "" {
		rows = append(rows, [2]string{p.msg.toolVersion, r.ToolVersion})
	}
	if r.Tenant != "" {
		rows = append(rows, [2]string{p.msg.tenant, r.Tenant})
	}
	width := 0
	for _, row := range rows {
		width = max(width, utf8.RuneCountInString(row[0])+1)
	}
	for _, row := range rows {
		p.line(2, width+2, pad(row[0]+":", width)+"  "+row[1])
	}
}

// summary writes one row per outcome and one column per framework.
func (p *textPrinter) summary(r *controls.Results) {
	if len(r.Summary) == 0 {
		return
	}
	labelWidth := utf8.RuneCountInString(p.msg.total)
	for _, o := range controls.Outcomes {
		labelWidth = max(labelWidth, utf8.RuneCountInString(o.Label(p.lang)))
	}
	for _, b := range controls.Bases {
		labelWidth = max(labelWidth, utf8.RuneCountInString(b.Label(p.lang)))
	}
	cols := make([]int, len(r.Summary))
	for i, s := range r.Summary {
		cols[i] = max(utf8.RuneCountInString(s.Framework), len(strconv.Itoa(s.Total)))
	}
	var b strings.Builder
	header := func(title string) {
		p.heading(title)
		b.Reset()
		b.WriteString("  " + strings.Repeat(" ", labelWidth))
		for i, s := range r.Summary {
			b.WriteString("  " + padLeft(s.Framework, cols[i]))
		}
		p.buf.WriteString(strings.TrimRight(b.String(), " ") + "\n")
	}
	header(p.msg.summary)
	row := func(label string, count func(controls.FrameworkSummary) int) {
		b.Reset()
		b.WriteString("  " + label + strings.Repeat(" ", labelWidth-visibleLen(label)))
		for i, s := range r.Summary {
			b.WriteString("  " + padLeft(strconv.Itoa(count(s)), cols[i]))
		}
		p.buf.WriteString(b.String() + "\n")
	}
	for _, o := range controls.Outcomes {
		row(p.paint(outcomeColor[o], o.Label(p.lang)), func(s controls.FrameworkSummary) int { return s.Counts[o] })
	}
	row(p.msg.total, func(s controls.FrameworkSummary) int { return s.Total })
	// The second axis: what the outcomes rest on, so that a measured
	// result is never hidden behind an attestation.
	header(p.msg.basisSummary)
	for _, bs := range controls.Bases {
		row(bs.Label(p.lang), func(s controls.FrameworkSummary) int { return s.Basis[bs] })
	}
	row(p.msg.total, func(s controls.FrameworkSummary) int { return s.Total })
}

// requirements lists every requirement with outcome o by name, with the
// measures, checks and findings that explain it.
func (p *textPrinter) requirements(r *controls.Results, o controls.Outcome) {
	var reqs []*controls.RequirementResult
	for i := range r.Requirements {
		if r.Requirements[i].Status == o {
			reqs = append(reqs, &r.Requirements[i])
		}
	}
	if len(reqs) == 0 {
		return
	}
	p.heading(fmt.Sprintf(p.msg.requirements, p.label(o), len(reqs)))
	for _, req := range reqs {
		p.requirement(req)
	}
}

func (p *textPrinter) requirement(req *controls.RequirementResult) {
	name := req.Framework + " " + req.ID
	p.line(2, 4, p.paint("1", name)+"  "+req.Title.In(p.lang))
	if req.Basis.Valid() {
		p.line(4, 2, p.msg.basis+": "+req.Basis.Label(p.lang))
	}
	p.requirementBody(req, name)
}

// requirementBody writes the measures of a requirement with their
// outcomes, the reasons of those not met or not assessed, and the checks
// and findings behind them. name identifies the requirement for later
// references to the same check.
func (p *textPrinter) requirementBody(req *controls.RequirementResult, name string) {
	if len(req.Measures) == 0 {
		p.line(4, 2, p.msg.measures+": "+p.msg.noMeasures)
	} else {
		parts := make([]string, len(req.Measures))
		for i, mid := range req.Measures {
			if m, ok := p.idx.measures[mid]; ok {
				parts[i] = mid + " (" + p.label(m.Status) + ")"
			} else {
				parts[i] = mid
			}
		}
		p.line(4, 2, p.msg.measures+": "+strings.Join(parts, ", "))
	}
	for _, m := range p.idx.problemMeasures(req) {
		if reason := p.idx.measureOnlyReason(m, p.lang); reason != "" {
			p.line(4, 2, p.msg.measure+" "+m.ID+": "+reason)
		}
	}
	for _, c := range p.idx.problemChecks(req) {
		p.checkBlock(c, name)
	}
}

func (p *textPrinter) checkBlock(c *controls.CheckResult, under string) {
	sev := p.msg.severity[c.Severity]
	if sev == "" {
		sev = string(c.Severity)
	}
	p.line(4, 2, fmt.Sprintf("%s %s [%s] %s: %s", p.msg.check, c.ID, sev, c.Title.In(p.lang), p.label(c.Status)))
	if reason := c.Reason.In(p.lang); reason != "" {
		p.line(6, 2, p.msg.reason+": "+reason)
	}
	findings := problemFindings(c)
	if len(findings) == 0 {
		return
	}
	if first, ok := p.shown[c.ID]; ok {
		p.line(6, 2, "("+fmt.Sprintf(p.msg.seeAbove, first)+")")
		return
	}
	p.shown[c.ID] = under
	for i, f := range findings {
		if i == maxFindings {
			p.line(6, 2, fmt.Sprintf(p.msg.more, len(findings)-maxFindings))
			break
		}
		p.finding(f)
	}
}

func (p *textPrinter) finding(f controls.Finding) {
	res := f.Resource
	if f.Tenant != "" {
		res += " [" + p.msg.tenantTag + " " + f.Tenant + "]"
	}
	head := "- " + res
	if f.Status != controls.Fail {
		head += " (" + p.label(f.Status) + ")"
	}
	p.line(6, 2, head+": "+f.Message.In(p.lang))
	var em []string
	if e := f.Expected.In(p.lang); e != "" {
		em = append(em, p.msg.expected+": "+e)
	}
	if m := f.Measured.In(p.lang); m != "" {
		em = append(em, p.msg.measured+": "+m)
	}
	if len(em) > 0 {
		p.line(8, 2, strings.Join(em, "; "))
	}
}

func (p *textPrinter) collectorErrors(r *controls.Results) {
	var errs []controls.SourceStatus
	for _, s := range r.Sources {
		if s.Status == "error" {
			errs = append(errs, s)
		}
	}
	if len(errs) == 0 {
		return
	}
	p.heading(fmt.Sprintf(p.msg.collectorErrors, len(errs)))
	for _, s := range errs {
		p.line(2, 4, p.paint(outcomeColor[controls.Fail], s.Kind+"/"+s.Name)+"  "+
			fmt.Sprintf(p.msg.collector, s.Collector, p.dateTime(s.CollectedAt)))
		p.line(4, 2, s.Error)
	}
}

func (p *textPrinter) expiredAttestations(r *controls.Results) {
	var atts []controls.AttestationRecord
	for _, a := range r.Attestations {
		if a.Expired {
			atts = append(atts, a)
		}
	}
	if len(atts) == 0 {
		return
	}
	p.heading(fmt.Sprintf(p.msg.expiredAttestations, len(atts)))
	for _, a := range atts {
		p.line(2, 4, p.paint("1", a.ID)+"  "+fmt.Sprintf(p.msg.attestedBy, a.Measure, a.By, a.Role, p.date(a.Date))+
			"; "+p.paint(outcomeColor[controls.AttestationExpired],
			strings.ReplaceAll(fmt.Sprintf(p.msg.expiredOn, p.date(a.ValidUntil)), " ", nbsp)))
		if a.File != "" {
			p.line(4, 2, a.File)
		}
	}
}

func (p *textPrinter) exceptions(r *controls.Results) {
	if len(r.Exceptions) == 0 {
		return
	}
	p.heading(fmt.Sprintf(p.msg.exceptions, len(r.Exceptions)))
	for _, e := range r.Exceptions {
		p.line(2, 4, p.paint("1", e.ID)+"  "+fmt.Sprintf(p.msg.exceptionLine, e.Check, e.Scope, e.RiskID, e.RiskOwner,
			p.date(e.ApprovedOn), p.date(e.ExpiresOn)))
		if e.Expired {
			p.line(4, 2, p.paint(outcomeColor[controls.Fail], fmt.Sprintf(p.msg.exceptionExpired, p.date(e.ExpiresOn))))
		} else {
			p.line(4, 2, fmt.Sprintf(p.msg.appliedTo, e.Applied, e.CompensatingMeasure.In(p.lang)))
		}
	}
}

// wrap breaks s into lines of at most width visible columns, the first
// indented by indent, the rest (and any line after a newline in s) by
// indent+hang. Spacing inside a line is kept; words longer than a line
// (digests, URLs) are kept whole.
func wrap(s string, indent, hang, width int) []string {
	var lines []string
	cur := strings.Repeat(" ", indent)
	curLen, empty := indent, true
	newLine := func() {
		lines = append(lines, cur)
		cur = strings.Repeat(" ", indent+hang)
		curLen, empty = indent+hang, true
	}
	for i, para := range strings.Split(s, "\n") {
		if i > 0 {
			newLine()
		}
		for _, word := range strings.Split(para, " ") {
			if empty && word == "" {
				continue
			}
			n := visibleLen(word)
			if !empty && word != "" && curLen+1+n > width {
				newLine()
			}
			if !empty {
				cur += " "
				curLen++
			}
			cur += word
			curLen += n
			empty = false
		}
	}
	return append(lines, cur)
}

// visibleLen counts the runes of s a terminal shows, skipping ANSI colour
// sequences.
func visibleLen(s string) int {
	n, esc := 0, false
	for _, r := range s {
		switch {
		case esc:
			esc = r != 'm'
		case r == '\x1b':
			esc = true
		default:
			n++
		}
	}
	return n
}

func pad(s string, width int) string {
	return s + strings.Repeat(" ", max(0, width-visibleLen(s)))
}

func padLeft(s string, width int) string {
	return strings.Repeat(" ", max(0, width-visibleLen(s))) + s
}

package output

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/nachweis/nachweis/controls"
)

// SARIFOptions names the tool in a SARIF log.
type SARIFOptions struct {
	// ToolName is driver.name; empty means "nachweis".
	ToolName string
	// ToolVersion is driver.version; empty means the results' tool version.
	ToolVersion string
	// InformationURI is driver.informationUri; left out when empty.
	InformationURI string
}

// sarifSchemaURI is the $schema GitHub code scanning documents use.
const sarifSchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

// securitySeverity maps a check severity to GitHub's security-severity
// score (a CVSS-like number: >= 9.0 critical, >= 7.0 high, >= 4.0 medium).
var securitySeverity = map[controls.Severity]string{
	controls.Critical: "9.5",
	controls.High:     "7.5",
	controls.Medium:   "5.0",
	controls.Low:      "2.0",
}

// defaultLevel maps a check severity to the SARIF level of its rule.
var defaultLevel = map[controls.Severity]string{
	controls.Critical: "error",
	controls.High:     "error",
	controls.Medium:   "warning",
	controls.Low:      "note",
}

// WriteSARIF writes the results as a SARIF 2.1.0 log with one run, for
// GitHub code scanning and other SARIF viewers.
//
// Messages are written in English. Every check is a rule (id = check id,
// English title and description,
// tags = "security", "compliance", its measures and the requirements those
// measures support as "framework:id", security-severity and default level
// from the severity). Every finding that failed or lacked evidence is a
// result (level error for fail, warning for no-evidence); a check without
// evidence and without such findings gets one result carrying its reason,
// so missing evidence is never silent. Findings covered by an accepted
// exception are results with an external, accepted suppression. Results
// point at the check's policy file relative to %SRCROOT%; their
// primaryLocationLineHash is a hash of check id, resource and tenant, so an
// alert keeps its identity across runs. Collector errors are tool execution
// notifications of the invocation.
func WriteSARIF(w io.Writer, r *controls.Results, opt SARIFOptions) error {
	if r == nil {
		return errors.New("write sarif: no results")
	}
	doc := buildSARIF(r, opt)
	var enc *encodeError
	if err := streamJSON(w, doc); errors.As(err, &enc) {
		return fmt.Errorf("encode sarif: %w", enc.err)
	} else if err != nil {
		return fmt.Errorf("write sarif: %w", err)
	}
	return nil
}

func buildSARIF(r *controls.Results, opt SARIFOptions) *sarifLog {
	driver := sarifDriver{
		Name:           opt.ToolName,
		Version:        opt.ToolVersion,
		InformationURI: opt.InformationURI,
		Rules:          make([]sarifRule, 0, len(r.Checks)),
	}
	if driver.Name == "" {
		driver.Name = "nachweis"
	}
	if driver.Version == "" {
		driver.Version = r.ToolVersion
	}
	reqTags := requirementTags(r)
	idx := newIndex(r)
	results := []sarifResult{}
	for i := range r.Checks {
		c := &r.Checks[i]
		driver.Rules = append(driver.Rules, sarifRuleFor(c, reqTags))
		results = append(results, sarifResultsFor(c, i, idx)...)
	}
	inv := sarifInvocation{ExecutionSuccessful: true}
	if !r.EvaluatedAt.IsZero() {
		t := r.EvaluatedAt.UTC()
		inv.EndTimeUTC = &t
	}
	for _, s := range r.Sources {
		if s.Status != "error" {
			continue
		}
		n := sarifNotification{
			Level:   "error",
			Message: sarifMessage{Text: fmt.Sprintf("collector %s for %s/%s: %s", s.Collector, s.Kind, s.Name, s.Error)},
		}
		if !s.CollectedAt.IsZero() {
			t := s.CollectedAt.UTC()
			n.TimeUTC = &t
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	run := sarifRun{
		Tool:        sarifTool{Driver: driver},
		Invocations: []sarifInvocation{inv},
		Results:     results,
		Properties: &sarifRunProperties{
			Schema:       r.Schema,
			BundleDigest: r.BundleDigest,
			Tenant:       r.Tenant,
			Frameworks:   r.Frameworks,
			Summary:      r.Summary,
		},
	}
	if !r.EvidenceCutoff.IsZero() {
		t := r.EvidenceCutoff.UTC()
		run.Properties.EvidenceCutoff = &t
	}
	return &sarifLog{Schema: sarifSchemaURI, Version: "2.1.0", Runs: []sarifRun{run}}
}

// requirementTags maps a measure id to "framework:id" of every requirement
// it supports, in model order.
func requirementTags(r *controls.Results) map[string][]string {
	out := map[string][]string{}
	for _, req := range r.Requirements {
		for _, m := range req.Measures {
			out[m] = append(out[m], req.Framework+":"+req.ID)
		}
	}
	return out
}

func sarifRuleFor(c *controls.CheckResult, reqTags map[string][]string) sarifRule {
	title := c.Title.In("en")
	if title == "" {
		title = c.ID
	}
	rule := sarifRule{
		ID:                   c.ID,
		ShortDescription:     sarifMessage{Text: title},
		DefaultConfiguration: sarifConfiguration{Level: defaultLevel[c.Severity]},
		Properties: sarifRuleProperties{
			SecuritySeverity: securitySeverity[c.Severity],
			Severity:         string(c.Severity),
		},
	}
	if rule.DefaultConfiguration.Level == "" {
		rule.DefaultConfiguration.Level = "warning"
	}
	if d := c.Description.In("en"); d != "" {
		rule.FullDescription = &sarifMessage{Text: d}
	}
	seen := map[string]bool{}
	add := func(tag string) {
		if tag != "" && !seen[tag] {
			seen[tag] = true
			rule.Properties.Tags = append(rule.Properties.Tags, tag)
		}
	}
	// GitHub uses security-severity only for rules tagged "security".
	add("security")
	add("compliance")
	for _, m := range c.Measures {
		add(m)
	}
	for _, m := range c.Measures {
		for _, t := range reqTags[m] {
			add(t)
		}
	}
	return rule
}

func sarifResultsFor(c *controls.CheckResult, ruleIndex int, idx *index) []sarifResult {
	var out []sarifResult
	for _, f := range c.Findings {
		var level string
		switch f.Status {
		case controls.Fail, controls.Exception:
			level = "error"
		case controls.NoEvidence:
			level = "warning"
		default:
			continue
		}
		res := newSARIFResult(c, ruleIndex, level, f.Resource, f.Tenant, findingText(f))
		res.Properties = &sarifResultProperties{Outcome: f.Status, Resource: f.Resource, Tenant: f.Tenant}
		if f.Status == controls.Exception {
			res.Suppressions = []sarifSuppression{{
				Kind:          "external",
				Status:        "accepted",
				Justification: exceptionJustification(f.ExceptionID, idx.exceptions[f.ExceptionID]),
			}}
			res.Properties.ExceptionID = f.ExceptionID
		}
		out = append(out, res)
	}
	if c.Status == controls.NoEvidence && len(problemFindings(c)) == 0 {
		text := c.Reason.In("en")
		if text == "" {
			text = controls.NoEvidence.Label("en")
		}
		res := newSARIFResult(c, ruleIndex, "warning", "", "", text)
		res.Properties = &sarifResultProperties{Outcome: controls.NoEvidence}
		out = append(out, res)
	}
	return out
}

func newSARIFResult(c *controls.CheckResult, ruleIndex int, level, resource, tenant, text string) sarifResult {
	res := sarifResult{
		RuleID:    c.ID,
		RuleIndex: ruleIndex,
		Level:     level,
		Message:   sarifMessage{Text: text},
		PartialFingerprints: map[string]string{
			"primaryLocationLineHash": fingerprint(c.ID, resource, tenant),
		},
	}
	if c.Policy != "" {
		res.Locations = []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
			ArtifactLocation: sarifArtifactLocation{URI: c.Policy, URIBaseID: "%SRCROOT%"},
			Region:           sarifRegion{StartLine: max(c.Line, 1)},
		}}}
	}
	return res
}

// findingText is a finding's message with its resource, expected and
// measured value, e.g. "db-1: snapshot too old (expected: <= 26h;
// measured: 30h)".
func findingText(f controls.Finding) string {
	var b strings.Builder
	if f.Resource != "" {
		b.WriteString(f.Resource)
		if f.Tenant != "" {
			b.WriteString(" [tenant " + f.Tenant + "]")
		}
		b.WriteString(": ")
	}
	b.WriteString(f.Message.In("en"))
	var em []string
	if e := f.Expected.In("en"); e != "" {
		em = append(em, "expected: "+e)
	}
	if m := f.Measured.In("en"); m != "" {
		em = append(em, "measured: "+m)
	}
	if len(em) > 0 {
		b.WriteString(" (" + strings.Join(em, "; ") + ")")
	}
	return b.String()
}

func exceptionJustification(id string, e *controls.ExceptionRecord) string {
	s := controls.Exception.Label("en") + " " + id
	if e == nil {
		return s
	}
	return fmt.Sprintf("%s: risk %s, risk owner %s, approved on %s, valid until %s; compensating measure: %s",
		s, e.RiskID, e.RiskOwner, e.ApprovedOn.UTC().Format("2006-01-02"), e.ExpiresOn.UTC().Format("2006-01-02"),
		e.CompensatingMeasure.In("en"))
}

// fingerprint identifies a finding across runs by check, resource and
// (when set) tenant.
func fingerprint(check, resource, tenant string) string {
	key := check + "\x00" + resource
	if tenant != "" {
		key += "\x00" + tenant
	}
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:16])
}

// The SARIF document; field order is the output order.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool           `json:"tool"`
	Invocations []sarifInvocation   `json:"invocations"`
	Results     []sarifResult       `json:"results"`
	Properties  *sarifRunProperties `json:"properties,omitempty"`
}

type sarifRunProperties struct {
	Schema         string     `json:"nachweis-schema,omitempty"`
	BundleDigest   string     `json:"bundle-digest,omitempty"`
	EvidenceCutoff *time.Time `json:"evidence-cutoff,omitempty"`
	Tenant         string     `json:"tenant,omitempty"`
	Frameworks     []string   `json:"frameworks,omitempty"`
	// Summary counts the requirements of each framework by outcome and
	// by basis (controls.Basis).
	Summary []controls.FrameworkSummary `json:"summary,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string              `json:"id"`
	ShortDescription     sarifMessage        `json:"shortDescription"`
	FullDescription      *sarifMessage       `json:"fullDescription,omitempty"`
	DefaultConfiguration sarifConfiguration  `json:"defaultConfiguration"`
	Properties           sarifRuleProperties `json:"properties"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProperties struct {
	Tags             []string `json:"tags"`
	SecuritySeverity string   `json:"security-severity,omitempty"`
	Severity         string   `json:"severity,omitempty"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	EndTimeUTC                 *time.Time          `json:"endTimeUtc,omitempty"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level   string       `json:"level"`
	Message sarifMessage `json:"message"`
	TimeUTC *time.Time   `json:"timeUtc,omitempty"`
}

type sarifResult struct {
	RuleID              string                 `json:"ruleId"`
	RuleIndex           int                    `json:"ruleIndex"`
	Level               string                 `json:"level"`
	Message             sarifMessage           `json:"message"`
	Locations           []sarifLocation        `json:"locations,omitempty"`
	PartialFingerprints map[string]string      `json:"partialFingerprints"`
	Suppressions        []sarifSuppression     `json:"suppressions,omitempty"`
	Properties          *sarifResultProperties `json:"properties,omitempty"`
}

type sarifResultProperties struct {
	Outcome     controls.Outcome `json:"outcome"`
	Resource    string           `json:"resource,omitempty"`
	Tenant      string           `json:"tenant,omitempty"`
	ExceptionID string           `json:"exception-id,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           sarifRegion           `json:"region"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification,omitempty"`
}

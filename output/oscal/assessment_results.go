package oscal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nachweis/nachweis/controls"
)

// Input is what both documents are written from.
type Input struct {
	Results *controls.Results
	Model   *controls.Model
	// Organisation names the provider.
	Organisation string
	// Root is the relative reference from the document to the root of the
	// files it cites, e.g. "../" for a document in oscal/ of a pack.
	Root string
	// BundleDir is where the evidence bundle lies below Root, e.g.
	// "bundle/"; evidence files are cited as Root+BundleDir+file.
	BundleDir string
	// ControlsDir is where the catalogs lie below Root, e.g. "controls/"
	// (as controls.DataFS lays them out).
	ControlsDir string
	// Digests are the sha256 (hex) of other cited files below Root, such
	// as attestation files; optional.
	Digests map[string]string
	// ToolVersion is nachweis's version.
	ToolVersion string
}

func (in Input) check() error {
	switch {
	case in.Results == nil:
		return errors.New("no results")
	case in.Model == nil:
		return errors.New("no control model")
	}
	return nil
}

// WriteAssessmentResults writes the results as an OSCAL 1.1.3
// assessment-results document: one result with an observation per check
// finding (method TEST; a check without findings gets one observation
// saying why) and per attestation (method EXAMINE: a statement by a
// person, not a measurement), one finding per requirement whose target
// status is satisfied only for pass, attested and not-applicable, the
// accepted exceptions as risks, and every evidence file of the bundle as a
// back-matter resource carrying its sha256, which the observations'
// relevant-evidence point to.
func WriteAssessmentResults(w io.Writer, in Input) error {
	if err := in.check(); err != nil {
		return fmt.Errorf("write OSCAL assessment results: %w", err)
	}
	doc := buildAssessmentResults(in)
	return writeJSON(w, doc, "assessment results")
}

// writeJSON writes doc as compact JSON: OSCAL is read by tools, and a
// provider of thousands of tenants has tens of thousands of observations,
// whose indentation alone would double the size.
func writeJSON(w io.Writer, doc any, what string) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode OSCAL %s: %w", what, err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write OSCAL %s: %w", what, err)
	}
	return nil
}

// arBuilder assembles one assessment-results document.
type arBuilder struct {
	in  Input
	r   *controls.Results
	ids ids

	resources []resource
	resSeen   map[string]bool
	// evidenceRes maps a bundle file to its back-matter resource UUID.
	evidenceRes map[string]string
	// byMeasure lists the observations and risks behind each measure.
	obsByMeasure  map[string][]string
	riskByMeasure map[string][]string
	riskByExc     map[string]string
}

func buildAssessmentResults(in Input) *arDocument {
	r := in.Results
	b := &arBuilder{
		in: in, r: r, ids: newIDs(r.RunID, "assessment-results"),
		resSeen: map[string]bool{}, evidenceRes: map[string]string{},
		obsByMeasure: map[string][]string{}, riskByMeasure: map[string][]string{}, riskByExc: map[string]string{},
	}
	planUUID := b.ids.of("resource/assessment-plan")
	b.resources = append(b.resources, resource{
		UUID:  planUUID,
		Title: "Assessment method: nachweis checks and catalogs",
		Description: "No separate OSCAL assessment plan exists. The plan is the set of automated checks (Rego policies) " +
			"and the catalogs, measures and crosswalk this evaluation used; in an evidence pack they are the files under " +
			"policies/ and controls/, each listed with its sha256 in manifest.json.",
	})
	b.evidenceResources()
	risks := b.risks()
	obs := b.checkObservations()
	obs = append(obs, b.attestationObservations()...)

	var mp props
	mp.add("tool", "nachweis "+in.ToolVersion)
	mp.add("run-id", r.RunID)
	mp.add("bundle-digest", r.BundleDigest)
	mp.add("evidence-cutoff", timestamp(r.EvidenceCutoff))
	meta := metadata{
		Title:        "Self-assessment results" + orgSuffix(in.Organisation),
		LastModified: timestamp(r.EvaluatedAt),
		Version:      r.RunID,
		OSCALVersion: OSCALVersion,
		Props:        mp,
	}
	if in.Organisation != "" {
		meta.Parties = []party{{UUID: b.ids.of("party/provider"), Type: "organization", Name: in.Organisation}}
	}
	var rp props
	for _, fw := range r.Frameworks {
		rp.add("framework", fw)
	}
	rp.add("tenant", r.Tenant)
	rp.add("bundle-digest", r.BundleDigest)
	res := result{
		UUID:  b.ids.of("result"),
		Title: "nachweis evaluation " + r.RunID,
		Description: "Provider self-assessment by nachweis: automated checks (Rego policies) evaluated against the evidence bundle " +
			r.BundleDigest + " collected up to " + timestamp(r.EvidenceCutoff) + ", at " + timestamp(r.EvaluatedAt) +
			". Organisational measures are assessed by attestations: statements signed off by a named person, not measurements. " +
			"This is not an auditor's attestation or a certificate.",
		Start:            timestamp(r.EvaluatedAt),
		Props:            rp,
		ReviewedControls: b.reviewedControls(),
		Observations:     obs,
		Risks:            risks,
		Findings:         b.findings(),
	}
	return &arDocument{AssessmentResults: assessmentResults{
		UUID:     b.ids.of("assessment-results"),
		Metadata: meta,
		ImportAP: importAP{
			Href:    "#" + planUUID,
			Remarks: "The assessment plan is the method described by the referenced back-matter resource.",
		},
		Results:    []result{res},
		BackMatter: &backMatter{Resources: b.resources},
	}}
}

func orgSuffix(org string) string {
	if org == "" {
		return ""
	}
	return ": " + org
}

// evidenceResources adds one back-matter resource per evidence file of
// the bundle, in bundle order.
func (b *arBuilder) evidenceResources() {
	for _, e := range b.r.Evidence {
		id := b.ids.of("resource/evidence/" + e.File)
		b.evidenceRes[e.File] = id
		var p props
		p.add("evidence-id", e.ID)
		p.add("source", e.Source)
		p.add("kind", e.Kind)
		p.add("collector", e.Collector)
		p.add("collected-at", timestamp(e.CollectedAt))
		p.add("size", strconv.FormatInt(e.Size, 10))
		p.add("redacted", e.Redacted)
		res := resource{UUID: id, Title: e.ID + " " + e.File, Description: "Evidence file " + e.File + " of " + e.Source + ", collected " + timestamp(e.CollectedAt) + ".", Props: p}
		if h := href(b.in.Root+b.in.BundleDir, e.File); h != "" {
			res.RLinks = []rlink{{Href: h, MediaType: mediaType(e.File), Hashes: []hash{{Algorithm: "SHA-256", Value: e.SHA256}}}}
		}
		b.resources = append(b.resources, res)
	}
}

// fileResource adds (once) a back-matter resource for a cited file below
// Root and returns its UUID.
func (b *arBuilder) fileResource(p, title, sha string) string {
	id := b.ids.of("resource/file/" + p)
	if b.resSeen[id] {
		return id
	}
	b.resSeen[id] = true
	if sha == "" {
		sha = b.in.Digests[p]
	}
	res := resource{UUID: id, Title: title}
	if h := href(b.in.Root, p); h != "" {
		l := rlink{Href: h, MediaType: mediaType(p)}
		if sha != "" {
			l.Hashes = []hash{{Algorithm: "SHA-256", Value: sha}}
		}
		res.RLinks = []rlink{l}
	}
	b.resources = append(b.resources, res)
	return id
}

func mediaType(p string) string {
	switch path.Ext(p) {
	case ".json":
		return "application/json"
	case ".yaml", ".yml":
		return "application/yaml"
	case ".pdf":
		return "application/pdf"
	case ".txt", ".md":
		return "text/plain"
	}
	return ""
}

// checkObservations makes one observation per finding of every check, and
// one for a check without findings.
func (b *arBuilder) checkObservations() []observation {
	var out []observation
	for _, c := range b.r.Checks {
		excs := map[string]bool{}
		if len(c.Findings) == 0 {
			var p props
			p.add("check-id", c.ID)
			p.add("outcome", string(c.Status))
			p.add("severity", string(c.Severity))
			p.add("policy", policyRef(c))
			id := b.ids.of("observation/check/" + c.ID)
			desc := c.Title.EN
			if !c.Reason.IsZero() {
				desc = "No result for any resource: " + c.Reason.In("en")
			}
			out = append(out, observation{
				UUID: id, Title: c.ID + ": " + c.Title.EN, Description: desc, Props: p,
				Methods: []string{"TEST"}, Collected: timestamp(b.r.EvaluatedAt),
			})
			b.addForMeasures(c.Measures, id)
		}
		for i, f := range c.Findings {
			var p props
			p.add("check-id", c.ID)
			p.add("outcome", string(f.Status))
			p.add("severity", string(c.Severity))
			p.add("resource", f.Resource)
			p.add("tenant", f.Tenant)
			p.add("expected", f.Expected.In("en"))
			p.add("measured", f.Measured.In("en"))
			p.add("exception-id", f.ExceptionID)
			p.add("policy", policyRef(c))
			if f.ExceptionID != "" {
				excs[f.ExceptionID] = true
			}
			id := b.ids.of("observation/check/" + c.ID + "/" + strconv.Itoa(i))
			desc := f.Message.In("en")
			if strings.TrimSpace(desc) == "" {
				desc = c.Title.EN
			}
			out = append(out, observation{
				UUID: id, Title: c.ID + ": " + f.Resource, Description: desc, Props: p,
				Methods: []string{"TEST"}, RelevantEvidence: b.relevantEvidence(f.Evidence),
				Collected: timestamp(b.collected(f.Evidence)),
			})
			b.addForMeasures(c.Measures, id)
		}
		for exc := range excs {
			if rid, ok := b.riskByExc[exc]; ok {
				for _, m := range c.Measures {
					b.riskByMeasure[m] = appendOnce(b.riskByMeasure[m], rid)
				}
			}
		}
	}
	return out
}

func policyRef(c controls.CheckResult) string {
	if c.Policy == "" {
		return ""
	}
	if c.Line > 0 {
		return c.Policy + ":" + strconv.Itoa(c.Line)
	}
	return c.Policy
}

func (b *arBuilder) addForMeasures(measures []string, obs string) {
	for _, m := range measures {
		b.obsByMeasure[m] = append(b.obsByMeasure[m], obs)
	}
}

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// relevantEvidence points at the back-matter resource of each evidence
// file behind a finding, once per file, naming the JSON pointers into it.
func (b *arBuilder) relevantEvidence(refs []controls.EvidenceRef) []relevantEvidence {
	var files []string
	pointers := map[string][]string{}
	for _, ref := range refs {
		if _, seen := pointers[ref.File]; !seen {
			files = append(files, ref.File)
			pointers[ref.File] = nil
		}
		if ref.Pointer != "" && !slices.Contains(pointers[ref.File], ref.Pointer) {
			pointers[ref.File] = append(pointers[ref.File], ref.Pointer)
		}
	}
	out := make([]relevantEvidence, 0, len(files))
	for _, file := range files {
		desc := file
		if item, ok := b.r.EvidenceByFile(file); ok {
			desc = item.ID + " " + file
		}
		if ps := pointers[file]; len(ps) > 0 {
			desc += " at " + strings.Join(ps, ", ")
		}
		re := relevantEvidence{Description: desc}
		if id, ok := b.evidenceRes[file]; ok {
			re.Href = "#" + id
		}
		out = append(out, re)
	}
	return out
}

// collected is the newest collection time of the evidence, else the
// bundle's cut-off, else the evaluation time.
func (b *arBuilder) collected(refs []controls.EvidenceRef) (t time.Time) {
	for _, ref := range refs {
		if ref.CollectedAt.After(t) {
			t = ref.CollectedAt
		}
	}
	if t.IsZero() {
		t = b.r.EvidenceCutoff
	}
	if t.IsZero() {
		t = b.r.EvaluatedAt
	}
	return t
}

// attestationObservations makes one observation per attestation: the
// statement, who made it and when, its validity and its attachments.
func (b *arBuilder) attestationObservations() []observation {
	var out []observation
	for _, a := range b.r.Attestations {
		var p props
		p.add("attestation-id", a.ID)
		p.add("measure-id", a.Measure)
		p.add("basis", "attested")
		outcome := controls.Attested
		if a.Expired {
			outcome = controls.AttestationExpired
		}
		p.add("outcome", string(outcome))
		p.add("attested-by", a.By)
		p.add("role", a.Role)
		var ev []relevantEvidence
		if a.File != "" {
			ev = append(ev, relevantEvidence{Href: "#" + b.fileResource(a.File, "Attestation record "+a.File, ""), Description: "Attestation record " + a.File})
		}
		for _, at := range a.Attachments {
			p := path.Join(path.Dir(a.File), at.Path)
			ev = append(ev, relevantEvidence{Href: "#" + b.fileResource(p, "Attachment "+p, at.SHA256), Description: "Attachment " + at.Path + " (sha256 " + at.SHA256 + ")"})
		}
		id := b.ids.of("observation/attestation/" + a.ID)
		desc := strings.TrimSpace(a.Statement.EN)
		if desc == "" {
			desc = strings.TrimSpace(a.Statement.DE)
		}
		desc += fmt.Sprintf("\n\nStatement by %s (%s) of %s: an attestation, not a measurement.", a.By, a.Role, a.Date.Format("2006-01-02"))
		obs := observation{
			UUID: id, Title: "Attestation " + a.ID + " for " + a.Measure, Description: desc, Props: p,
			Methods: []string{"EXAMINE"}, RelevantEvidence: ev, Collected: timestamp(a.Date),
		}
		if !a.ValidUntil.IsZero() {
			obs.Expires = timestamp(a.ValidUntil)
		}
		out = append(out, obs)
		b.obsByMeasure[a.Measure] = append(b.obsByMeasure[a.Measure], id)
	}
	return out
}

// risks makes one risk per accepted exception: deviation-approved while
// valid, open once expired (the failure counts again).
func (b *arBuilder) risks() []risk {
	var out []risk
	for _, x := range b.r.Exceptions {
		var p props
		p.add("exception-id", x.ID)
		p.add("check-id", x.Check)
		p.add("scope", x.Scope)
		p.add("risk-id", x.RiskID)
		p.add("risk-owner", x.RiskOwner)
		p.add("approved-on", x.ApprovedOn.Format("2006-01-02"))
		p.add("expires-on", x.ExpiresOn.Format("2006-01-02"))
		p.add("applied", strconv.Itoa(x.Applied))
		status := "deviation-approved"
		if x.Expired {
			status = "open"
		}
		id := b.ids.of("risk/exception/" + x.ID)
		b.riskByExc[x.ID] = id
		desc := strings.TrimSpace(x.CompensatingMeasure.In("en"))
		if desc == "" {
			desc = "Accepted exception " + x.ID
		}
		out = append(out, risk{
			UUID: id, Title: "Accepted exception " + x.ID + " for " + x.Check, Description: desc,
			Statement: fmt.Sprintf("Check %s fails for %s. Risk %s was accepted by %s on %s until %s; the failed findings stay visible (%d covered).",
				x.Check, x.Scope, x.RiskID, x.RiskOwner, x.ApprovedOn.Format("2006-01-02"), x.ExpiresOn.Format("2006-01-02"), x.Applied),
			Props: p, Status: status, Deadline: timestamp(x.ExpiresOn),
		})
	}
	return out
}

// reviewedControls lists the requirements of each framework.
func (b *arBuilder) reviewedControls() reviewedControls {
	var rc reviewedControls
	for _, fw := range b.r.Frameworks {
		var sel []selectControl
		for _, q := range b.r.Requirements {
			if q.Framework == fw {
				sel = append(sel, selectControl{ControlID: ControlID(q.Framework, q.ID)})
			}
		}
		if len(sel) == 0 {
			continue
		}
		var p props
		p.add("framework", fw)
		rc.ControlSelections = append(rc.ControlSelections, controlSelection{
			Description: "The requirements of " + frameworkName(fw) + " (control ids derived from the requirement ids; see the requirement prop of each finding).",
			Props:       p, IncludeControls: sel,
		})
	}
	if len(rc.ControlSelections) == 0 {
		rc.ControlSelections = []controlSelection{{Description: "No requirement was evaluated."}}
	}
	return rc
}

// findings makes one finding per requirement.
func (b *arBuilder) findings() []finding {
	var out []finding
	for _, q := range b.r.Requirements {
		var p props
		p.add("framework", q.Framework)
		p.add("requirement", q.Framework+":"+q.ID)
		p.add("outcome", string(q.Status))
		p.add("basis", string(q.Basis))
		for _, m := range q.Measures {
			p.add("measure-id", m)
		}
		// A C5:2026 criterion names the sub-criteria its outcome is
		// carried to: the basic ones and the additional ones in scope.
		for _, s := range q.Subcriteria {
			if s.Addressed {
				p.add("subcriterion-addressed", s.ID)
			}
		}
		st, impl := objective(q)
		desc := fmt.Sprintf("%s %s is %s.", frameworkName(q.Framework), q.ID, outcomeText(q.Status))
		if len(q.Measures) > 0 {
			desc += " Measures: " + strings.Join(q.Measures, ", ") + "."
		}
		if j := q.Justification.In("en"); j != "" {
			desc += " Justification: " + j
		}
		f := finding{
			UUID:        b.ids.of("finding/" + q.Framework + "/" + q.ID),
			Title:       frameworkName(q.Framework) + " " + q.ID + ": " + q.Title.EN,
			Description: desc,
			Props:       p,
			Target: findingTarget{
				Type: "objective-id", TargetID: ControlID(q.Framework, q.ID),
				Status: st, ImplementationStatus: impl,
			},
		}
		seen := map[string]bool{}
		for _, m := range q.Measures {
			for _, o := range b.obsByMeasure[m] {
				if !seen[o] {
					seen[o] = true
					f.RelatedObservations = append(f.RelatedObservations, relatedObservation{ObservationUUID: o})
				}
			}
			for _, r := range b.riskByMeasure[m] {
				if !seen[r] {
					seen[r] = true
					f.RelatedRisks = append(f.RelatedRisks, relatedRisk{RiskUUID: r})
				}
			}
		}
		out = append(out, f)
	}
	return out
}

// objective maps an outcome to OSCAL's objective status: satisfied only
// for pass, attested (reason other: a statement, not a test) and
// not-applicable (with that implementation status); everything else,
// including an accepted exception, is not-satisfied.
func objective(q controls.RequirementResult) (objectiveStatus, *implementationStatus) {
	switch q.Status {
	case controls.Pass:
		return objectiveStatus{State: "satisfied", Reason: "pass"}, nil
	case controls.Attested:
		return objectiveStatus{State: "satisfied", Reason: "other", Remarks: "Attested: signed-off statements of the responsible roles, not measured."}, nil
	case controls.NotApplicable:
		return objectiveStatus{State: "satisfied", Reason: "other", Remarks: "Not applicable by a recorded scope decision."},
			&implementationStatus{State: "not-applicable", Remarks: q.Justification.In("en")}
	case controls.Fail:
		return objectiveStatus{State: "not-satisfied", Reason: "fail"}, nil
	case controls.Exception:
		return objectiveStatus{State: "not-satisfied", Reason: "fail", Remarks: "A check fails; the risk is accepted by a valid exception (see the related risks)."}, nil
	case controls.AttestationExpired:
		return objectiveStatus{State: "not-satisfied", Reason: "other", Remarks: "The attestation has expired."}, nil
	default:
		return objectiveStatus{State: "not-satisfied", Reason: "other", Remarks: "Not assessed: evidence missing, unreadable or from a failed collector. Missing evidence is never a pass."}, nil
	}
}

func outcomeText(o controls.Outcome) string {
	switch o {
	case controls.Exception:
		return "failing, with an accepted exception"
	case controls.NoEvidence:
		return "not assessed (evidence missing)"
	}
	return o.Label("en")
}

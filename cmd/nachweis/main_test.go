package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/controls"
)

// nachweis runs one command line in-process with a fixed world.
func nachweis(t testing.TB, env map[string]string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, deps{
		stdout: &out,
		stderr: &errb,
		now:    func() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) },
		getenv: func(k string) string { return env[k] },
	})
	return out.String(), errb.String(), code
}

// demoNow is the demo bundle's evidence cut-off: evaluating earlier is refused.
const demoNow = "2026-11-23T19:00:00Z"

func demoResults(t *testing.T, args ...string) *controls.Results {
	t.Helper()
	out, errOut, code := nachweis(t, nil, append([]string{"check", "--demo", "--format", "json", "--now", demoNow}, args...)...)
	if code != exitFailing {
		t.Fatalf("check --demo exit %d, want %d (the demo fails on purpose); stderr: %s", code, exitFailing, errOut)
	}
	var r controls.Results
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("check --demo --format json: %v\n%s", err, out)
	}
	return &r
}

func TestCheckDemoDeterministic(t *testing.T) {
	a, _, _ := nachweis(t, nil, "check", "--demo", "--format", "json", "--now", demoNow)
	b, _, _ := nachweis(t, nil, "check", "--demo", "--format", "json", "--now", demoNow)
	if a == "" || a != b {
		t.Fatal("two runs with the same clock differ")
	}
	c, _, _ := nachweis(t, map[string]string{"SOURCE_DATE_EPOCH": "1795460400"}, "check", "--demo", "--format", "json")
	if c != a {
		t.Fatal("SOURCE_DATE_EPOCH for the same instant gives different output than --now")
	}
}

func TestCheckDemoOutcomes(t *testing.T) {
	r := demoResults(t)
	if r.Schema != controls.ResultsSchema || r.BundleDigest == "" || !strings.HasPrefix(r.BundleDigest, "sha256:") {
		t.Fatalf("header: schema %q digest %q", r.Schema, r.BundleDigest)
	}
	if got := r.EvaluatedAt.Format(time.RFC3339); got != demoNow {
		t.Errorf("evaluated_at = %s, want %s", got, demoNow)
	}
	counts := map[string]int{}
	for _, q := range r.Requirements {
		counts[q.Framework]++
		if !q.Status.Valid() {
			t.Errorf("%s %s: invalid status %q", q.Framework, q.ID, q.Status)
		}
	}
	if counts["c5-2020"] != 121 || counts["c5-2026"] != 168 || counts["iso27001-2022"] != 93 || counts["gdpr"] != 27 {
		t.Errorf("requirements per framework = %v, want c5-2020 121, c5-2026 168, iso27001-2022 93, gdpr 27", counts)
	}

	checks := map[string]controls.CheckResult{}
	for _, c := range r.Checks {
		checks[c.ID] = c
	}
	finding := func(check, resourcePart string) (controls.Finding, bool) {
		for _, f := range checks[check].Findings {
			if strings.Contains(f.Resource, resourcePart) {
				return f, true
			}
		}
		return controls.Finding{}, false
	}
	tests := []struct {
		check, resource string
		want            controls.Outcome
	}{
		{"K8S-NET-01", "globex-prod", controls.Fail},  // only default-deny ingress
		{"K8S-NET-01", "acme-prod", controls.Pass},    // default-deny-all
		{"K8S-POD-01", "log-shipper", controls.Fail},  // privileged
		{"K8S-POD-02", "log-shipper", controls.Fail},  // hostPath
		{"K8S-RBAC-01", "kubecfg", controls.Fail},     // cluster-admin to a user
		{"K8S-ING-01", "initech-prod", controls.Fail}, // Ingress without TLS
		{"K8S-ING-01", "acme-prod", controls.Pass},
		{"BAK-ENC-01", "web01", controls.Pass}, // restic is always encrypted
		{"BAK-OFFSITE-01", "globex", controls.Exception},
		{"BAK-OFFSITE-01", "acme", controls.Pass},
	}
	for _, tt := range tests {
		t.Run(tt.check+"/"+tt.resource, func(t *testing.T) {
			f, ok := finding(tt.check, tt.resource)
			if !ok {
				t.Fatalf("no finding for %s in %s: %+v", tt.resource, tt.check, checks[tt.check].Findings)
			}
			if f.Status != tt.want {
				t.Errorf("%s %s = %s (%s), want %s", tt.check, f.Resource, f.Status, f.Message, tt.want)
			}
			if f.Status != controls.NoEvidence && len(f.Evidence) == 0 {
				t.Errorf("%s %s has no evidence reference", tt.check, f.Resource)
			}
		})
	}
	// The demo token is no organisation owner: no 2FA member list.
	if c := checks["GH-2FA-02"]; c.Status != controls.NoEvidence {
		t.Errorf("GH-2FA-02 = %s, want no-evidence (members without 2FA were not collected)", c.Status)
	}
	for _, e := range r.Exceptions {
		if e.Check == "BAK-OFFSITE-01" && e.Applied == 0 {
			t.Errorf("exception %s applied to no finding", e.ID)
		}
	}
}

func TestCheckTenant(t *testing.T) {
	r := demoResults(t, "--tenant", "acme")
	if r.Tenant != "acme" {
		t.Fatalf("tenant = %q", r.Tenant)
	}
	for _, c := range r.Checks {
		for _, f := range c.Findings {
			if f.Tenant != "" && f.Tenant != "acme" {
				t.Errorf("%s: finding of tenant %s in acme's evaluation: %s", c.ID, f.Tenant, f.Resource)
			}
		}
	}
	// Repository-level findings belong to the tenants whose data the
	// repository holds: restic/shared holds globex and initech, not acme.
	has := func(r *controls.Results, check, resource string) bool {
		for _, c := range r.Checks {
			for _, f := range c.Findings {
				if c.ID == check && f.Resource == resource {
					return true
				}
			}
		}
		return false
	}
	if has(r, "BAK-RET-01", "restic/shared") {
		t.Error("acme's view lists the retention of restic/shared, which holds no acme data")
	}
	if !has(r, "BAK-INT-01", "borg/files01") {
		t.Error("acme's view lacks the integrity of borg/files01, which holds acme data")
	}
	if g := demoResults(t, "--tenant", "globex"); !has(g, "BAK-RET-01", "restic/shared") {
		t.Error("globex's view lacks the retention of restic/shared, which holds globex data")
	}
	_, errOut, code := nachweis(t, nil, "check", "--demo", "--tenant", "nobody")
	if code != exitError || !strings.Contains(errOut, `tenant "nobody"`) {
		t.Errorf("unknown tenant: exit %d, stderr %q", code, errOut)
	}
}

func TestCheckFormats(t *testing.T) {
	for _, format := range []string{"text", "json", "sarif", "junit"} {
		t.Run(format, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "out."+format)
			_, errOut, code := nachweis(t, nil, "check", "--demo", "--now", demoNow, "--format", format, "-o", path)
			if code != exitFailing {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			b, err := os.ReadFile(path)
			if err != nil || len(b) == 0 {
				t.Fatalf("output file: %v (%d bytes)", err, len(b))
			}
		})
	}
}

func TestCheckUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no evidence", []string{"check"}, "--bundle DIR"},
		{"bad format", []string{"check", "--demo", "--format", "pdf"}, `--format "pdf"`},
		{"bad framework", []string{"check", "--demo", "--framework", "soc2"}, `--framework "soc2"`},
		{"bad fail-on", []string{"check", "--demo", "--fail-on", "severe"}, "--fail-on"},
		{"bad now", []string{"check", "--demo", "--now", "yesterday"}, `--now "yesterday"`},
		{"unknown flag", []string{"check", "--demo", "--bogus"}, "bogus"},
		{"demo and bundle", []string{"check", "--demo", "--bundle", "x"}, "--demo cannot be combined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := nachweis(t, nil, tt.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d; stderr %q", code, exitUsage, errOut)
			}
			if !strings.Contains(errOut, tt.want) || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
				t.Errorf("stderr %q: want one line containing %q", errOut, tt.want)
			}
		})
	}
}

func TestCheckFailOn(t *testing.T) {
	_, _, code := nachweis(t, nil, "check", "--demo", "--now", demoNow, "--fail-on", "none")
	if code != exitOK {
		t.Errorf("--fail-on none: exit %d, want 0", code)
	}
}

func TestImportAndCheck(t *testing.T) {
	dir := t.TempDir()
	bundle := filepath.Join(dir, "bundle")
	src := filepath.Join("..", "..", "evidence", "demo", "src", "restic-web01")
	_, errOut, code := nachweis(t, nil, "import", "-o", bundle, "--collected-at", "2026-11-23T19:00:00Z", "--source", "web01",
		filepath.Join(src, "snapshots.json"), filepath.Join(src, "cat-config.json"))
	if code != exitOK {
		t.Fatalf("import: exit %d: %s", code, errOut)
	}
	out, errOut, code := nachweis(t, nil, "check", "--bundle", bundle, "--format", "json", "--now", "2026-11-23T20:00:00Z", "--fail-on", "none")
	if code != exitOK {
		t.Fatalf("check: exit %d: %s", code, errOut)
	}
	var r controls.Results
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	status := map[string]controls.Outcome{}
	for _, c := range r.Checks {
		status[c.ID] = c.Status
	}
	// Fresh encrypted snapshots pass; everything without evidence in this
	// bundle (Kubernetes, GitHub, a declared site) is no-evidence, never pass.
	want := map[string]controls.Outcome{
		"BAK-FRESH-01":   controls.Pass,
		"BAK-ENC-01":     controls.Pass,
		"BAK-OFFSITE-01": controls.NoEvidence,
		"K8S-NET-01":     controls.NoEvidence,
		"GH-2FA-01":      controls.NoEvidence,
	}
	for id, w := range want {
		if status[id] != w {
			t.Errorf("%s = %s, want %s", id, status[id], w)
		}
	}
}

func TestImportBadInput(t *testing.T) {
	dir := t.TempDir()
	truncated := filepath.Join(dir, "snapshots.json")
	if err := os.WriteFile(truncated, []byte(`[{"time":"2026-11-15T02:15:00Z","tree":"96075c`), 0o644); err != nil {
		t.Fatal(err)
	}
	bundle := filepath.Join(dir, "bundle")
	_, errOut, code := nachweis(t, nil, "import", "-o", bundle, truncated)
	if code != exitError {
		t.Errorf("exit %d, want %d", code, exitError)
	}
	if !strings.Contains(errOut, truncated) || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
		t.Errorf("stderr %q: want one line naming %s", errOut, truncated)
	}
	if _, err := os.Stat(bundle); !os.IsNotExist(err) {
		t.Errorf("a bundle was left behind: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestControlsJSON(t *testing.T) {
	out, errOut, code := nachweis(t, nil, "controls", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var list []controls.Coverage
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, c := range list {
		counts[c.Framework]++
		if c.Framework == "" || c.ID == "" {
			t.Errorf("entry without framework or id: %+v", c)
		}
		switch c.Assessment {
		case controls.AssessAutomated, controls.AssessAttested, controls.AssessMixed:
			if len(c.Measures) == 0 {
				t.Errorf("%s %s: %s without measures", c.Framework, c.ID, c.Assessment)
			}
		case controls.AssessNewAttestation:
			if c.Framework != controls.C5_2026 || len(c.Measures) != 0 {
				t.Errorf("%s %s: %s outside C5:2026 or with measures", c.Framework, c.ID, c.Assessment)
			}
		case controls.AssessDecisionNeeded:
			if c.Note == nil || c.Note.EN == "" || c.Note.DE == "" || len(c.Measures) != 0 {
				t.Errorf("%s %s: needs a decision without a note, or has measures", c.Framework, c.ID)
			}
		default:
			t.Errorf("%s %s: no status source (assessment %q)", c.Framework, c.ID, c.Assessment)
		}
	}
	if counts["c5-2020"] != 121 || counts["c5-2026"] != 168 || counts["iso27001-2022"] != 93 || counts["gdpr"] != 27 {
		t.Errorf("counts = %v, want c5-2020 121, c5-2026 168, iso27001-2022 93, gdpr 27", counts)
	}
	out, errOut, _ = nachweis(t, nil, "controls", "--framework", "c5")
	if !strings.Contains(out, "OPS-06") || strings.Contains(out, "A.8.13") || strings.Contains(out, "OPS-31") {
		t.Errorf("controls --framework c5 text output lacks OPS-06 or contains ISO or C5:2026 ids")
	}
	// The alias says which version it chose, naming both transition dates.
	if !strings.Contains(errOut, "--framework c5 means c5-2020") || !strings.Contains(errOut, "1 January 2027") || !strings.Contains(errOut, "1 June 2027") {
		t.Errorf("controls --framework c5: stderr %q does not say which version it chose", errOut)
	}
	// The text ends with the framework's technical share and the measures.
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if n := len(lines); n < 2 || !strings.HasPrefix(lines[n-2], "c5-2020: ") || !strings.Contains(lines[n-2], "applicable requirements") ||
		!strings.HasPrefix(lines[n-1], "measures: ") {
		t.Errorf("controls --framework c5 does not end with the summary: %q", lines[max(0, len(lines)-2):])
	}
}

// TestControlsViews checks --view measures and --view summary against the
// model they are computed from.
func TestControlsViews(t *testing.T) {
	model, err := controls.Load()
	if err != nil {
		t.Fatal(err)
	}
	out, errOut, code := nachweis(t, nil, "controls", "--view", "measures", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var ms []controls.MeasureCoverage
	if err := json.Unmarshal([]byte(out), &ms); err != nil {
		t.Fatal(err)
	}
	byChecks := 0
	for _, m := range ms {
		if m.Assessment != controls.AssessByAttestation {
			byChecks++
		}
	}
	if len(ms) != len(model.Measures) || byChecks < 26 {
		t.Errorf("%d measures, %d assessed by checks; want %d and at least 26", len(ms), byChecks, len(model.Measures))
	}

	out, errOut, code = nachweis(t, nil, "controls", "--view", "summary", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var s summary
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	want := summary{MeasuresTotal: len(model.Measures), Measures: map[string]int{}}
	for _, fw := range controls.Frameworks {
		want.Frameworks = append(want.Frameworks, model.Basis(fw))
	}
	for _, m := range model.MeasureCoverage() {
		want.Measures[m.Assessment]++
	}
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}

	out, _, _ = nachweis(t, nil, "controls", "--view", "summary", "--framework", "gdpr")
	b := model.Basis("gdpr")
	wantLine := fmt.Sprintf("gdpr: %d of %d applicable requirements (%.1f%%) have a technical basis", b.Technical, b.Requirements-b.DecisionNeeded, b.TechnicalPercent)
	if !strings.HasPrefix(out, wantLine) || strings.Contains(out, "c5:") {
		t.Errorf("summary text %q, want it to start %q", out, wantLine)
	}
	if _, errOut, code := nachweis(t, nil, "controls", "--view", "checks"); code != exitUsage || !strings.Contains(errOut, "--view") {
		t.Errorf("--view checks: exit %d, %s", code, errOut)
	}
}

package controls

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"time"
)

// TestEngineMessages renders every message of the engine's own catalogue
// with the arguments its callers pass, in both languages.
func TestEngineMessages(t *testing.T) {
	day := time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC).UnixNano()
	missing := NewMessage("evidence_missing", map[string]any{"key": "kubernetes.pods"})
	tests := map[string]struct {
		args   map[string]any
		de, en string
	}{
		"evidence_missing": {map[string]any{"key": "kubernetes.pods"},
			"Nachweis kubernetes.pods fehlt", "evidence kubernetes.pods missing"},
		"evidence_missing_error": {map[string]any{"key": "github.members", "error": "403 Forbidden"},
			"Nachweis github.members fehlt: 403 Forbidden", "evidence github.members missing: 403 Forbidden"},
		"reasons": {map[string]any{"parts": []any{
			map[string]any{"id": missing.ID, "args": missing.Args},
			map[string]any{"id": "evidence_missing", "args": map[string]any{"key": "kubernetes.workloads"}},
		}}, "Nachweis kubernetes.pods fehlt; Nachweis kubernetes.workloads fehlt", "evidence kubernetes.pods missing; evidence kubernetes.workloads missing"},
		"nothing_in_scope": {nil,
			"nichts im Geltungsbereich: Die Nachweise enthalten kein Objekt, auf das diese Prüfung anwendbar ist",
			"nothing in scope: the evidence holds no object this check applies to"},
		"nothing_in_scope_tenant": {map[string]any{"tenant": "acme"},
			"nichts im Geltungsbereich des Mandanten acme", "nothing in scope for tenant acme"},
		"evidence_ref_not_found": {map[string]any{"message": Text{DE: "ok", EN: "fine"}, "ref": "a.json#/1"},
			"ok (Nachweisreferenz „a.json#/1“ nicht im Bundle gefunden)", "fine (evidence reference “a.json#/1” not found in the bundle)"},
		"no_evidence_ref": {map[string]any{"message": Text{DE: "ok", EN: "fine"}},
			"ok (keine Nachweisreferenz)", "fine (no evidence reference)"},
		"check_not_evaluated": {map[string]any{"check": "K8S-NET-01"},
			"Prüfung K8S-NET-01 wurde nicht ausgewertet", "check K8S-NET-01 was not evaluated"},
		"attestation_dated_after": {map[string]any{"attestation": "ATT-1", "date": day},
			"Bestätigung ATT-1 ist nach dem Bewertungszeitpunkt datiert (31.10.2026)", "attestation ATT-1 is dated after the evaluation time (2026-10-31)"},
		"no_attestation": {nil, "keine Bestätigung erfasst", "no attestation on record"},
		"attestation_expired": {map[string]any{"attestation": "ATT-1", "date": day},
			"Bestätigung ATT-1 ist am 31.10.2026 abgelaufen", "attestation ATT-1 expired on 2026-10-31"},
		"measure_not_used": {map[string]any{"justification": Text{DE: "kein Velero", EN: "no Velero"}},
			"nicht eingesetzt: kein Velero", "not used: no Velero"},
	}
	for _, id := range EngineMessageIDs() {
		tt, ok := tests[id]
		if !ok {
			t.Errorf("message %s: no test case", id)
			continue
		}
		m := NewMessage(id, tt.args)
		if m.Text.DE != tt.de || m.Text.EN != tt.en {
			t.Errorf("%s: got %q / %q, want %q / %q", id, m.Text.DE, m.Text.EN, tt.de, tt.en)
		}
	}
	if m := NewMessage("no_such_id", nil); !strings.Contains(m.Text.EN, `unknown message id "no_such_id"`) {
		t.Errorf("unknown id renders %q", m.Text.EN)
	}
}

// TestReadResultsV2 reads a results file of schema v2, whose framework
// ids had no version, as v3: c5 is C5:2020 and iso27001 ISO/IEC
// 27001:2022.
func TestReadResultsV2(t *testing.T) {
	in := `{"schema": "nachweis.results/v2", "frameworks": ["c5", "iso27001", "gdpr"],
		"summary": [{"framework": "c5", "total": 1, "counts": {"pass": 1}, "basis": {"technically-verified": 1}}],
		"requirements": [{"framework": "c5", "id": "OPS-24", "title": {"de": "d", "en": "e"}, "status": "pass", "basis": "technically-verified", "measures": ["TOM-TRN-01"]},
			{"framework": "iso27001", "id": "A.8.13", "title": {"de": "d", "en": "e"}, "status": "pass", "basis": "technically-verified", "measures": []}]}`
	got, err := ReadResults([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := &Results{Schema: ResultsSchema, Frameworks: []string{C5, ISO27001, GDPR},
		Summary: []FrameworkSummary{{Framework: C5, Total: 1, Counts: map[Outcome]int{Pass: 1}, Basis: map[Basis]int{TechnicallyVerified: 1}}},
		Requirements: []RequirementResult{
			{Framework: C5, ID: "OPS-24", Title: Text{DE: "d", EN: "e"}, Status: Pass, Basis: TechnicallyVerified, Measures: []string{"TOM-TRN-01"}},
			{Framework: ISO27001, ID: "A.8.13", Title: Text{DE: "d", EN: "e"}, Status: Pass, Basis: TechnicallyVerified, Measures: []string{}},
		}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("v2 read as (-want +got):\n%s", diff)
	}
}

func TestEnglishOnly(t *testing.T) {
	m := EnglishOnly("namespace x has no label")
	if m.In("en") != "namespace x has no label" || m.In("de") != "[nur auf Englisch verfügbar] namespace x has no label" {
		t.Errorf("got %+v", m.Text)
	}
}

func TestReadResults(t *testing.T) {
	r := Results{Schema: ResultsSchema, Checks: []CheckResult{{ID: "C", Status: Pass, Findings: []Finding{{
		Resource: "r", Status: Pass,
		Message: Message{ID: "x", Args: map[string]any{"time_ns": json.Number("1795478400000000001")}, Text: Text{DE: "d", EN: "e"}},
	}}}}}
	raw, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadResults(raw)
	if err != nil {
		t.Fatal(err)
	}
	if n := got.Checks[0].Findings[0].Message.Args["time_ns"]; n != json.Number("1795478400000000001") {
		t.Errorf("argument read back as %#v", n)
	}
	for _, tt := range []struct{ name, in, want string }{
		{"older schema", `{"schema": "nachweis.results/v1", "checks": [{"findings": [{"message": "old text"}]}]}`,
			`schema "nachweis.results/v1": this version of nachweis reads nachweis.results/v3 and nachweis.results/v2 only`},
		{"no schema", `{"checks": []}`, "no schema field"},
		{"unknown basis", `{"schema": "nachweis.results/v3", "measures": [{"id": "M", "status": "pass", "basis": "verified"}]}`, `unknown basis "verified"`},
		{"versioned id in v2", `{"schema": "nachweis.results/v2", "frameworks": ["c5-2026"]}`, `framework "c5-2026" is not one of nachweis.results/v2`},
	} {
		if _, err := ReadResults([]byte(tt.in)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got error %v, want one containing %q", tt.name, err, tt.want)
		}
	}
}

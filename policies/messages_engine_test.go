package policies

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence/kubernetes"
)

// customCheck is a custom policy module with the given METADATA messages
// block (indented YAML lines after "#   messages:") and results body.
func customCheck(messages, results string) string {
	var b strings.Builder
	b.WriteString(`# METADATA
# title: Custom check
# description: A check of a provider's own policy directory.
# custom:
#   id: CUSTOM-01
#   severity: low
#   measures: [TOM-ZGR-03]
#   requires: [kubernetes.namespaces]
#   title_de: Eigene Prüfung
#   description_de: Eine Prüfung aus dem eigenen Verzeichnis des Anbieters.
`)
	if messages != "" {
		b.WriteString("#   messages:\n")
		for _, l := range strings.Split(strings.TrimSpace(messages), "\n") {
			b.WriteString("#     " + strings.TrimRight(l, " ") + "\n")
		}
	}
	b.WriteString("package custom.check\n\n" + results + "\n")
	return b.String()
}

func writePolicy(t *testing.T, src string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "check.rego"), []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestEngineRejectsBadMessages: a message template that cannot render is
// an error when the policies load, naming the policy file and the id.
func TestEngineRejectsBadMessages(t *testing.T) {
	tests := []struct {
		name, messages, want string
	}{
		{"German missing", "found:\n  en: \"found {n}\"", "custom.messages.found: expected {de:"},
		{"unknown placeholder type", "found:\n  de: \"{n:size}\"\n  en: \"{n:size}\"", `custom.messages.found: de: placeholder {n:size}: unknown type "size"`},
		{"arguments differ", "found:\n  de: \"{a}\"\n  en: \"{b}\"", "custom.messages.found: de uses the arguments {a}, en {b}"},
		{"shared id reused", "unknown:\n  de: \"x\"\n  en: \"x\"", "custom.messages.unknown: message id already defined in the shared catalogue"},
		{"bad id", "Found:\n  de: \"x\"\n  en: \"x\"", "custom.messages.Found: the id must be lower case"},
		{"not a map", "- x", "custom.messages: expected a map of message id to {de, en}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writePolicy(t, customCheck(tt.messages, "results := set()"))
			_, err := NewEngine(context.Background(), EngineOptions{Dirs: []string{dir}})
			if err == nil || !strings.Contains(err.Error(), "check.rego") || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error naming check.rego and containing %q", err, tt.want)
			}
		})
	}
}

// TestEngineRendersMessages evaluates custom checks: a message id of the
// check's own catalogue and one of the shared catalogue render in both
// languages; an unknown id or a missing argument stops the evaluation
// with an error naming the check; a plain English string (an older custom
// policy) is kept, and marked as English-only in German.
func TestEngineRendersMessages(t *testing.T) {
	const own = `found:
  de: "{n:count:Namespace:Namespaces} gefunden, ältester vor {age_s:duration}"
  en: "{n:count:namespace:namespaces} found, oldest {age_s:duration} ago"`
	const refs = `"refs": ["ns.json#/items/0"]`
	tests := []struct {
		name, results string
		want          controls.Message
		wantErr       string
	}{
		{"own message", `results contains {"status": "fail", "resource": "r", ` + refs + `, "message": {"id": "found", "args": {"n": 1, "age_s": 93600}}}`,
			controls.Message{ID: "found", Text: controls.Text{DE: "1 Namespace gefunden, ältester vor 26 Std.", EN: "1 namespace found, oldest 26 h ago"}}, ""},
		{"shared message", `results contains {"status": "fail", "resource": "r", ` + refs + `, "message": {"id": "unknown", "args": {}}}`,
			controls.Message{ID: "unknown", Text: controls.Text{DE: "unbekannt", EN: "unknown"}}, ""},
		{"plain English", `results contains {"status": "fail", "resource": "r", ` + refs + `, "message": "namespace x lacks a label"}`,
			controls.Message{Text: controls.Text{DE: "[nur auf Englisch verfügbar] namespace x lacks a label", EN: "namespace x lacks a label"}}, ""},
		{"unknown id", `results contains {"status": "fail", "resource": "r", ` + refs + `, "message": {"id": "gone", "args": {}}}`,
			controls.Message{}, `message: unknown message id "gone"`},
		{"missing argument", `results contains {"status": "fail", "resource": "r", ` + refs + `, "message": {"id": "found", "args": {"n": 1}}}`,
			controls.Message{}, "message found: argument age_s missing"},
		{"argument of the wrong type", `results contains {"status": "fail", "resource": "r", ` + refs + `, "message": {"id": "found", "args": {"n": "one", "age_s": 1}}}`,
			controls.Message{}, "argument n: want a whole number"},
	}
	ctx := context.Background()
	in := &Input{
		Tenants:    map[string]Tenant{},
		Kubernetes: map[string]*kubernetes.Cluster{"c": {Present: map[string]bool{"namespaces": true}, Errors: map[string]string{}}},
	}
	v, err := Convert(in)
	if err != nil {
		t.Fatal(err)
	}
	resolve := func(ref string) (controls.EvidenceRef, bool) { return controls.EvidenceRef{File: ref}, true }
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := NewEngine(ctx, EngineOptions{Dirs: []string{writePolicy(t, customCheck(own, tt.results))}})
			if err != nil {
				t.Fatal(err)
			}
			got, err := e.Evaluate(ctx, v, time.Unix(0, 0), resolve)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), "check CUSTOM-01") || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got %v, want an error naming CUSTOM-01 and containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range got {
				if c.ID != "CUSTOM-01" {
					continue
				}
				if len(c.Findings) != 1 {
					t.Fatalf("findings %+v", c.Findings)
				}
				m := c.Findings[0].Message
				if m.ID != tt.want.ID || m.Text != tt.want.Text {
					t.Errorf("message %+v, want %+v", m, tt.want)
				}
				return
			}
			t.Fatal("CUSTOM-01 not evaluated")
		})
	}
}

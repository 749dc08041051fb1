package config

import (
	"regexp"
	"strings"
	"testing"
)

// TestExample parses the example nachweis init writes and checks that it
// shows every section and every Kubernetes source setting.
func TestExample(t *testing.T) {
	c, err := Parse("nachweis.yaml", Example)
	if err != nil {
		t.Fatalf("the example does not parse: %v", err)
	}
	switch {
	case c.Organisation.Name == "" || c.Organisation.DPO.Email == "":
		t.Error("example lacks the organisation and its DPO")
	case len(c.Tenants) < 2 || c.Tenants[0].Contract == nil:
		t.Error("example lacks tenants with a contract")
	case !c.HasNamespaceSelectors():
		t.Error("example lacks a tenant with a namespace_selector")
	case len(c.Sources.Kubernetes) == 0 || len(c.Sources.Restic) == 0 || len(c.Sources.Borg) == 0 ||
		len(c.Sources.PgBackRest) == 0 || len(c.Sources.GitHub) == 0:
		t.Errorf("example lacks a source kind: %+v", c.Sources)
	case len(c.Scope.NotApplicable) == 0 || len(c.SubProcessors) == 0 || c.Parameters.BackupMaxAge == nil:
		t.Error("example lacks scope decisions, sub-processors or parameters")
	case len(c.Deletion.Classes) == 0 || len(c.Deletion.Clusters) == 0 || len(c.Deletion.Places) == 0 || len(c.Deletion.LegalRetention) == 0:
		t.Error("example lacks the deletion concept")
	}
	// Every backup source's retention can be simulated.
	for _, b := range c.backupSources() {
		if b.Retention == nil || b.Retention.SimulationGap(b.Kind) != "" {
			t.Errorf("example %s source %s: retention %+v cannot be simulated", b.Kind, b.Name, b.Retention)
		}
	}
	k := c.Sources.Kubernetes[0]
	if k.Kubeconfig == "" || k.Context == "" || k.Timeout == 0 || k.PageSize == 0 {
		t.Errorf("example Kubernetes source does not show every setting: %+v", k)
	}
	text := string(Example)
	for _, key := range []string{"in_cluster: true", "attestations:", "exceptions:", "policies:", "eu_countries:", "classification:", "deletion:", "trigger: contract_end", "velero_gc_interval:"} {
		if !strings.Contains(text, key) {
			t.Errorf("example does not mention %s", key)
		}
	}
	// Secrets only by reference: every key naming a secret ends in _file
	// or _env.
	secret := regexp.MustCompile(`(?m)^\s*-?\s*([a-z_]*(password|passphrase|token|secret)[a-z_]*):`)
	for _, m := range secret.FindAllStringSubmatch(text, -1) {
		if !strings.HasSuffix(m[1], "_file") && !strings.HasSuffix(m[1], "_env") {
			t.Errorf("example has a literal secret key %s", m[1])
		}
	}
}

package config

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestTenantNamespacesIn(t *testing.T) {
	const yaml = `
tenants:
  - id: acme
    namespaces: [acme-prod]
    namespace_selector: {match_labels: {tenant: acme}}
  - id: globex
    namespace_selector: {match_labels: {tenant: globex, stage: prod}}
  - id: initech
    namespaces: [initech-prod]
`
	c, err := Parse("nachweis.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	if !c.HasNamespaceSelectors() {
		t.Fatal("HasNamespaceSelectors = false")
	}
	// The listed namespaces alone, as before selectors existed.
	if diff := cmp.Diff(map[string]string{"acme-prod": "acme", "initech-prod": "initech"}, c.TenantNamespaces()); diff != "" {
		t.Errorf("TenantNamespaces (-want +got):\n%s", diff)
	}
	tests := []struct {
		name     string
		observed map[string]map[string]string
		want     map[string]string
		wantErr  string
	}{
		{
			name:     "no namespaces observed",
			observed: nil,
			want:     map[string]string{"acme-prod": "acme", "initech-prod": "initech"},
		},
		{
			name: "selected by labels",
			observed: map[string]map[string]string{
				"acme-prod":    {"tenant": "acme"},
				"acme-test":    {"tenant": "acme", "stage": "test"},
				"globex-prod":  {"tenant": "globex", "stage": "prod"},
				"globex-test":  {"tenant": "globex", "stage": "test"}, // stage does not match
				"kube-system":  {},
				"unlabelled":   nil,
				"initech-prod": {"tenant": "initech"}, // initech has no selector
			},
			want: map[string]string{"acme-prod": "acme", "acme-test": "acme", "globex-prod": "globex", "initech-prod": "initech"},
		},
		{
			name:     "listed by one tenant, selected by another",
			observed: map[string]map[string]string{"initech-prod": {"tenant": "acme"}},
			wantErr:  "namespace initech-prod matches the namespace_selector of tenant acme but belongs to tenant initech; a namespace belongs to one tenant: adjust the selector or the namespace's labels",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.TenantNamespacesIn(tt.observed)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("TenantNamespacesIn error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("TenantNamespacesIn (-want +got):\n%s", diff)
			}
		})
	}
	// Without selectors the observed namespaces change nothing.
	plain, err := Parse("nachweis.yaml", []byte("tenants:\n  - {id: acme, namespaces: [acme-prod]}\n"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := plain.TenantNamespacesIn(map[string]map[string]string{"acme-test": {"tenant": "acme"}})
	if err != nil || plain.HasNamespaceSelectors() {
		t.Fatalf("TenantNamespacesIn without selectors: %v, HasNamespaceSelectors %v", err, plain.HasNamespaceSelectors())
	}
	if diff := cmp.Diff(map[string]string{"acme-prod": "acme"}, got); diff != "" {
		t.Errorf("TenantNamespacesIn without selectors (-want +got):\n%s", diff)
	}
	var none *Config
	if got, err := none.TenantNamespacesIn(nil); err != nil || len(got) != 0 {
		t.Errorf("nil Config: %v, %v", got, err)
	}
}

func TestNamespaceSelectorMatches(t *testing.T) {
	s := &NamespaceSelector{MatchLabels: map[string]string{"tenant": "acme", "stage": ""}}
	tests := []struct {
		labels map[string]string
		want   bool
	}{
		{map[string]string{"tenant": "acme", "stage": ""}, true},
		{map[string]string{"tenant": "acme", "stage": "", "extra": "x"}, true},
		{map[string]string{"tenant": "acme"}, false}, // an empty value must be present
		{map[string]string{"tenant": "acme", "stage": "prod"}, false},
		{nil, false},
	}
	for _, tt := range tests {
		if got := s.Matches(tt.labels); got != tt.want {
			t.Errorf("Matches(%v) = %v, want %v", tt.labels, got, tt.want)
		}
	}
	var none *NamespaceSelector
	if none.Matches(map[string]string{}) || (&NamespaceSelector{}).Matches(map[string]string{"a": "b"}) {
		t.Error("a nil or empty selector selects a namespace")
	}
}

func TestKubernetesSourceDefaults(t *testing.T) {
	var k KubernetesSource
	if k.RequestTimeout() != 30*time.Second || k.ListPageSize() != 500 {
		t.Errorf("defaults: timeout %v, page size %d; want 30s, 500", k.RequestTimeout(), k.ListPageSize())
	}
	k = KubernetesSource{Timeout: 2 * time.Minute, PageSize: 50}
	if k.RequestTimeout() != 2*time.Minute || k.ListPageSize() != 50 {
		t.Errorf("configured: timeout %v, page size %d; want 2m, 50", k.RequestTimeout(), k.ListPageSize())
	}
}

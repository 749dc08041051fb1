package policies

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/controls"
)

// RunTenants evaluates once but must give each tenant exactly what Run
// with that tenant gives, in the order asked, without one tenant's
// restriction leaking into the next.
func TestRunTenantsEqualsRunPerTenant(t *testing.T) {
	ctx := context.Background()
	e, err := NewEngine(ctx, EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	opt := demoRunOptions(t)
	tenants := []string{"acme", "", "globex", "initech"}
	var got []*controls.Results
	if err := e.RunTenants(ctx, opt, tenants, func(r *controls.Results) error {
		got = append(got, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(tenants) {
		t.Fatalf("got %d results for %d tenants", len(got), len(tenants))
	}
	for i, tenant := range tenants {
		o := opt
		o.Tenant = tenant
		want, err := e.Run(ctx, o)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got[i]); diff != "" {
			t.Errorf("tenant %q: RunTenants differs from Run (-Run +RunTenants):\n%s", tenant, diff)
		}
	}
	if got[0].RunID == got[1].RunID {
		t.Error("a tenant's run and the provider's run share a run id")
	}
	// The evidence ids name the bundle's files, not the run: a TOM annex
	// and the audit report of one bundle cite a file by the same id.
	if diff := cmp.Diff(got[1].Evidence, got[0].Evidence); diff != "" || len(got[0].Evidence) == 0 {
		t.Errorf("a tenant's evidence index differs from the provider's (-provider +tenant):\n%s", diff)
	}

	stop := errors.New("stop")
	calls := 0
	err = e.RunTenants(ctx, opt, tenants, func(*controls.Results) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("fn's error: got %v after %d calls, want stop after 1", err, calls)
	}
	var unknown *ErrUnknownTenant
	if err := e.RunTenants(ctx, opt, []string{"acme", "nosuch"}, func(*controls.Results) error { return nil }); !errors.As(err, &unknown) {
		t.Errorf("unknown tenant: %v", err)
	}
}

package scaletest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/config"
)

// Source is the name of the generated Kubernetes source, the prefix of
// the Kubernetes resources in Want.
const Source = "prod"

// ToolVersion is the tool version written into the generated bundle's
// manifest.
const ToolVersion = "scale-bench"

// now is the bundle's collection time and the evaluation clock.
var now = time.Date(2026, 11, 23, 19, 0, 0, 0, time.UTC)

// Now returns the generated bundle's collection time, the clock to
// evaluate it with: the generated snapshots are fresh at that time.
func Now() time.Time { return now }

// Tenant returns the id of the i-th generated tenant, "kunde-0042".
func Tenant(i int) string { return fmt.Sprintf("kunde-%04d", i) }

// Namespace returns the namespace of the i-th generated tenant: its
// production namespace, or for every fourth tenant a staging one.
func Namespace(i int) string {
	if isStage(i) {
		return Tenant(i) + "-stage"
	}
	return Tenant(i) + "-prod"
}

// Fixture is one generated provider, written to disk.
type Fixture struct {
	BundleDir  string           // the bundle's directory, dir/bundle
	ConfigPath string           // the configuration, dir/nachweis.yaml
	Bundle     *evidence.Bundle // the bundle as evidence.Write returned it
	Config     *config.Config   // the parsed configuration
	Now        time.Time        // the collection time and evaluation clock (Now())
	Tenants    []string         // the tenant ids, Tenant(0) to Tenant(n-1)
	Objects    int              // Kubernetes objects in the bundle
	Snapshots  int              // restic snapshots in the bundle
	RawBytes   int              // bytes of all evidence files
	Want       Want             // what was made to fail
}

// Generate writes the bundle of a provider with n tenants to dir/bundle
// (replacing one there) and its configuration to dir/nachweis.yaml. It
// fails tb when either cannot be written or read back.
func Generate(tb testing.TB, dir string, n int) *Fixture {
	tb.Helper()
	f, err := Write(dir, n)
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// Write writes the bundle of a provider with n tenants to dir/bundle
// (replacing one there) and its configuration to dir/nachweis.yaml, as
// Generate does, for a program that is not a test (make bench-scale).
func Write(dir string, n int) (*Fixture, error) {
	f := &Fixture{
		BundleDir:  filepath.Join(dir, "bundle"),
		ConfigPath: filepath.Join(dir, "nachweis.yaml"),
		Now:        now,
	}
	for i := range n {
		f.Tenants = append(f.Tenants, Tenant(i))
	}
	k, want := Kubernetes(n)
	f.Want = want
	f.Objects = k.Count()

	var items []evidence.Item
	for _, l := range []struct {
		origin string
		items  List
	}{
		{"namespaces.json", k.Namespaces},
		{"networkpolicies.json", k.NetworkPolicies},
		{"pods.json", k.Pods},
		{"deployments.json", k.Deployments},
		{"replicasets.json", k.ReplicaSets},
		{"daemonsets.json", k.DaemonSets},
		{"jobs.json", k.Jobs},
		{"cronjobs.json", k.CronJobs},
		{"poddisruptionbudgets.json", k.PodDisruptionBudgets},
		{"ingresses.json", k.Ingresses},
		{"clusterrolebindings.json", k.ClusterRoleBindings},
		{"rolebindings.json", k.RoleBindings},
	} {
		data, err := kubernetesList(l.items)
		if err != nil {
			return nil, fmt.Errorf("generate %s: %w", l.origin, err)
		}
		items = append(items, evidence.Item{Kind: evidence.KindKubernetesList, Origin: l.origin, Data: data})
	}
	*k = Objects{} // let the objects go before the caller measures
	src := func(kind, name string) evidence.Source {
		return evidence.Source{Kind: kind, Name: name, Collector: "import", StartedAt: now.Add(-3 * time.Minute), FinishedAt: now, Status: evidence.StatusOK}
	}
	sources := []evidence.SourceData{{Source: src("kubernetes", Source), Items: items}}
	for r, repo := range repos {
		items, count, err := resticRepo(r, n)
		if err != nil {
			return nil, fmt.Errorf("generate restic repository %s: %w", repo.Name, err)
		}
		f.Snapshots += count
		sources = append(sources, evidence.SourceData{Source: src("restic", repo.Name), Items: items})
	}
	for _, s := range sources {
		for _, it := range s.Items {
			f.RawBytes += len(it.Data)
		}
	}
	bundle, err := evidence.Write(context.Background(), f.BundleDir, sources, evidence.WriteOptions{Now: now, ToolVersion: ToolVersion, Replace: true})
	if err != nil {
		return nil, fmt.Errorf("write the generated bundle: %w", err)
	}
	f.Bundle = bundle
	yaml := configYAML(n)
	if err := os.WriteFile(f.ConfigPath, yaml, 0o600); err != nil {
		return nil, fmt.Errorf("write the generated configuration: %w", err)
	}
	if f.Config, err = config.Parse(f.ConfigPath, yaml); err != nil {
		return nil, fmt.Errorf("parse the generated configuration: %w", err)
	}
	return f, nil
}

package scaletest_test

import (
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/evidence/scaletest"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// summary describes a generated provider by the digests of what it wrote,
// its counts and what it made fail.
func summary(t *testing.T, f *scaletest.Fixture) string {
	t.Helper()
	yaml, err := os.ReadFile(f.ConfigPath)
	if err != nil {
		t.Fatal(err)
	}
	want, err := json.MarshalIndent(f.Want, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("bundle %s\nconfig sha256:%x\nobjects %d\nsnapshots %d\nraw-bytes %d\nwant %s\n",
		f.Bundle.Digest, sha256.Sum256(yaml), f.Objects, f.Snapshots, f.RawBytes, want)
}

// TestGenerateGolden pins the generated provider byte for byte: benchmark
// numbers are comparable across commits only while the provider is the
// same. Rewrite with -update when the generator changes on purpose.
func TestGenerateGolden(t *testing.T) {
	f := scaletest.Generate(t, t.TempDir(), 20)
	got := summary(t, f)
	golden := filepath.Join("testdata", "tenants-20.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("generated provider differs from %s (-want +got):\n%s", golden, diff)
	}
}

// TestGenerate checks what Generate returns against what it wrote, for
// providers of several sizes.
func TestGenerate(t *testing.T) {
	for _, tc := range []struct {
		n         int
		defective bool // every kind of defect occurs
	}{
		{n: 1},
		{n: 20, defective: true},
		{n: 101, defective: true},
	} {
		t.Run(fmt.Sprint(tc.n), func(t *testing.T) {
			dir := t.TempDir()
			f := scaletest.Generate(t, dir, tc.n)

			var tenants, cfgTenants []string
			for i := range tc.n {
				tenants = append(tenants, scaletest.Tenant(i))
			}
			for _, ct := range f.Config.Tenants {
				cfgTenants = append(cfgTenants, ct.ID)
			}
			if diff := cmp.Diff(tenants, f.Tenants); diff != "" {
				t.Errorf("Tenants (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tenants, cfgTenants); diff != "" {
				t.Errorf("configured tenants (-want +got):\n%s", diff)
			}
			if f.BundleDir != filepath.Join(dir, "bundle") || f.ConfigPath != filepath.Join(dir, "nachweis.yaml") {
				t.Errorf("wrote to %s and %s, want dir/bundle and dir/nachweis.yaml", f.BundleDir, f.ConfigPath)
			}
			if !f.Now.Equal(scaletest.Now()) || !f.Bundle.Manifest.CreatedAt.Equal(scaletest.Now()) {
				t.Errorf("Now %s, bundle created %s; want both %s", f.Now, f.Bundle.Manifest.CreatedAt, scaletest.Now())
			}

			k, want := scaletest.Kubernetes(tc.n)
			if diff := cmp.Diff(want, f.Want); diff != "" {
				t.Errorf("Kubernetes(%d) want differs from Generate's (-Kubernetes +Generate):\n%s", tc.n, diff)
			}
			if f.Objects != k.Count() || f.Want.Namespaces != tc.n || len(k.Namespaces) != tc.n+7 {
				t.Errorf("%d objects, %d tenant namespaces, %d namespaces; want %d, %d, %d",
					f.Objects, f.Want.Namespaces, len(k.Namespaces), k.Count(), tc.n, tc.n+7)
			}

			repos := scaletest.Repos()
			snapshots := 0
			for i := range tc.n {
				if !slices.Contains(f.Want.NoBackup, "backup/tenant/"+scaletest.Tenant(i)) {
					snapshots += repos[i%2].Daily + repos[2].Daily
				}
			}
			if f.Snapshots != snapshots {
				t.Errorf("%d snapshots, want %d", f.Snapshots, snapshots)
			}

			if tc.defective {
				for name, l := range map[string][]string{
					"NetpolFail": f.Want.NetpolFail, "IngressFail": f.Want.IngressFail, "Privileged": f.Want.Privileged,
					"HostNetwork": f.Want.HostNetwork, "AvailFail": f.Want.AvailFail, "StaleTenants": f.Want.StaleTenants,
					"NoBackup": f.Want.NoBackup, "AdminBindings": f.Want.AdminBindings,
				} {
					if len(l) == 0 {
						t.Errorf("Want.%s is empty for %d tenants", name, tc.n)
					}
				}
			}
			for _, r := range slices.Concat(f.Want.NetpolFail, f.Want.IngressFail, f.Want.Privileged, f.Want.HostNetwork, f.Want.AvailFail, f.Want.AdminBindings) {
				if !strings.HasPrefix(r, scaletest.Source+"/") {
					t.Errorf("Kubernetes resource %q lacks the source prefix %q", r, scaletest.Source+"/")
				}
			}
		})
	}
}

// TestReposIsACopy guards the generator's repositories against callers.
func TestReposIsACopy(t *testing.T) {
	scaletest.Repos()[0].Daily = 99
	if got := scaletest.Repos()[0].Daily; got == 99 {
		t.Errorf("Repos returns the generator's own slice")
	}
}

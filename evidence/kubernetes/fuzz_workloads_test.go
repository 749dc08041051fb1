package kubernetes

import (
	"encoding/json"
	"strings"
	"testing"
)

// FuzzProjectWorkloads feeds arbitrary kubectl output and version files to the
// projection: it must return a projection or an error, never panic, and a
// projection's pod specs must name themselves consistently.
func FuzzProjectWorkloads(f *testing.F) {
	f.Add([]byte(`{"kind":"List","items":[`+tmpl("CronJob", "a", "c", "", privilegedSpec)+`,`+
		podObj("a", "p", ownedBy("ReplicaSet", "d-1"), `{"pod-template-hash":"1"}`, rootSpec)+`,`+tmpl("Deployment", "a", "d", "", hostPathSpec)+`]}`),
		[]byte(`{"major":"1","minor":"31+","gitVersion":"v1.31.4-gke.1"}`))
	f.Add([]byte(`[{"kind":"Pod","metadata":{"name":"x","namespace":"n"},"spec":{"containers":[{"name":"c","image":"@","securityContext":{"capabilities":{"add":["cap_sys_admin"]}}}]}}]`),
		[]byte(`{"serverVersion":{"gitVersion":"v0.0.0-master"}}`))
	f.Add([]byte(`{"kind":"SecretList","items":[{"metadata":{"name":"s","namespace":"n","creationTimestamp":"x"},"type":"kubernetes.io/service-account-token"}]}`), []byte(`{}`))
	f.Fuzz(func(t *testing.T, list, version []byte) {
		c, err := Project([]File{{Path: "f.json", Kind: KindList, Data: list}, {Path: "v.json", Kind: KindVersion, Data: version}},
			Scope{TenantNamespaces: map[string]string{"a": "acme", "n": "acme"}})
		if err != nil {
			return
		}
		if _, err := json.Marshal(c); err != nil {
			t.Fatalf("marshal projection: %v", err)
		}
		for ns, specs := range c.PodSpecsByNamespace {
			for _, s := range specs {
				if s.Namespace != ns || !strings.HasPrefix(s.Workload, strings.ToLower(s.Kind)+"/") {
					t.Fatalf("spec %+v in namespace %s", s, ns)
				}
			}
		}
	})
}

// FuzzParseImage: any reference parses, keeps its text and names a
// registry; a digest is what follows the first @.
func FuzzParseImage(f *testing.F) {
	for _, s := range []string{"nginx", "ghcr.io/o/a:1@sha256:ab", "localhost:5000/x", "a:b:c", "@", "/", ":", "index.docker.io/library/busybox:latest"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, ref string) {
		img := parseImage(ref)
		if img.Image != ref || img.Registry == "" {
			t.Fatalf("parseImage(%q) = %+v", ref, img)
		}
		if at := strings.IndexByte(strings.TrimSpace(ref), '@'); at >= 0 && img.Digest != strings.TrimSpace(ref)[at+1:] {
			t.Fatalf("parseImage(%q): digest %q", ref, img.Digest)
		}
	})
}

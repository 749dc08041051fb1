package kubernetes

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// specs projects objects (JSON) given as one List and returns the pod
// specs of every namespace in namespace order.
func specs(t *testing.T, scope Scope, objects ...string) []podView {
	t.Helper()
	c := project(t, []File{{Path: "f.json", Kind: KindList, Data: []byte(`{"kind":"List","items":[` + strings.Join(objects, ",") + `]}`)}}, scope)
	var out []podView
	for _, ns := range sortedNamespaces(c.PodSpecsByNamespace) {
		out = append(out, views(c.PodSpecsByNamespace[ns])...)
	}
	return out
}

func sortedNamespaces(m map[string][]*PodSpec) []string {
	var out []string
	for ns := range m {
		out = append(out, ns)
	}
	// Few namespaces per test: insertion sort keeps the helper short.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// tmpl is a controller of kind with a pod template spec.
func tmpl(kind, ns, name, owner, podSpec string) string {
	apiVersion := map[string]string{"Job": "batch/v1", "CronJob": "batch/v1"}[kind]
	if apiVersion == "" {
		apiVersion = "apps/v1"
	}
	meta := fmt.Sprintf(`{"name":%q,"namespace":%q%s}`, name, ns, owner)
	spec := fmt.Sprintf(`{"template":{"metadata":{"labels":{"app":%q}},"spec":%s}}`, name, podSpec)
	if kind == "CronJob" {
		spec = fmt.Sprintf(`{"schedule":"0 2 * * *","jobTemplate":{"spec":{"template":{"spec":%s}}}}`, podSpec)
	}
	return fmt.Sprintf(`{"apiVersion":%q,"kind":%q,"metadata":%s,"spec":%s}`, apiVersion, kind, meta, spec)
}

func ownedBy(kind, name string) string {
	return fmt.Sprintf(`,"ownerReferences":[{"kind":%q,"name":%q,"controller":true}]`, kind, name)
}

func podObj(ns, name, owner, labels, podSpec string) string {
	if labels == "" {
		labels = "{}"
	}
	return fmt.Sprintf(`{"apiVersion":"v1","kind":"Pod","metadata":{"name":%q,"namespace":%q,"labels":%s%s},"spec":%s}`, name, ns, labels, owner, podSpec)
}

const (
	privilegedSpec = `{"containers":[{"name":"app","image":"a:1","securityContext":{"privileged":true}}]}`
	hostPathSpec   = `{"containers":[{"name":"app","image":"a:1"}],"volumes":[{"name":"docker","hostPath":{"path":"/var/run/docker.sock"}}]}`
	hostNetSpec    = `{"hostNetwork":true,"containers":[{"name":"app","image":"a:1"}]}`
	rootSpec       = `{"containers":[{"name":"app","image":"a:1","securityContext":{"runAsUser":0}}]}`
	cleanSpec      = `{"securityContext":{"runAsNonRoot":true,"runAsUser":1000},"containers":[{"name":"app","image":"a:1"}]}`
)

// TestPodSpecTemplatesWithoutPods is the case of issue 12: every kind of
// controller, given without any pod, is assessed by its template and
// named as a workload.
func TestPodSpecTemplatesWithoutPods(t *testing.T) {
	kinds := []string{"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"}
	for _, kind := range kinds {
		lower := strings.ToLower(kind)
		tests := []struct {
			name, spec string
			want       podView
		}{
			{"privileged", privilegedSpec, podView{Privileged: []string{"app|containers[app].securityContext.privileged=true"},
				RunAsRoot: []string{"app|containers[app].securityContext.runAsUser=unset"}}},
			{"hostPath", hostPathSpec, podView{HostPath: []string{"|volumes[docker].hostPath.path=/var/run/docker.sock"},
				RunAsRoot: []string{"app|containers[app].securityContext.runAsUser=unset"}}},
			{"hostNetwork", hostNetSpec, podView{HostNamespaces: []string{"|hostNetwork=true"},
				RunAsRoot: []string{"app|containers[app].securityContext.runAsUser=unset"}}},
			{"root", rootSpec, podView{RunAsRoot: []string{"app|containers[app].securityContext.runAsUser=0"}}},
			{"clean", cleanSpec, podView{}},
		}
		for _, tt := range tests {
			t.Run(kind+"/"+tt.name, func(t *testing.T) {
				want := tt.want
				want.Workload, want.InScope, want.Ref = lower+"/tenant-x/crm", true, "f.json#/items/0"
				for _, l := range []*[]string{&want.Privileged, &want.HostPath, &want.HostNamespaces, &want.RunAsRoot} {
					if *l == nil {
						*l = []string{}
					}
				}
				got := specs(t, Scope{}, tmpl(kind, "tenant-x", "crm", "", tt.spec))
				if diff := cmp.Diff([]podView{want}, got); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
			})
		}
	}
}

// TestPodSpecOwners covers which pods are reported through which
// controller.
func TestPodSpecOwners(t *testing.T) {
	var replicas []string
	for i := range 30 {
		replicas = append(replicas, podObj("a", fmt.Sprintf("web-5d9c-%02d", i), ownedBy("ReplicaSet", "web-5d9c"), `{"pod-template-hash":"5d9c"}`, privilegedSpec))
	}
	tests := []struct {
		name    string
		objects []string
		// want: workload → pods reported through it
		want map[string]int
	}{
		{
			name: "30 pods of a bad Deployment through its ReplicaSet: one spec",
			objects: append([]string{
				tmpl("Deployment", "a", "web", "", privilegedSpec),
				tmpl("ReplicaSet", "a", "web-5d9c", ownedBy("Deployment", "web"), privilegedSpec),
				// An older revision, scaled to zero: assessed through the Deployment.
				tmpl("ReplicaSet", "a", "web-1111", ownedBy("Deployment", "web"), cleanSpec),
			}, replicas...),
			want: map[string]int{"deployment/a/web": 30},
		},
		{
			name:    "ReplicaSet missing: the pod-template-hash names the Deployment",
			objects: append([]string{tmpl("Deployment", "a", "web", "", privilegedSpec)}, replicas...),
			want:    map[string]int{"deployment/a/web": 30},
		},
		{
			name: "ReplicaSet whose Deployment is missing is assessed on its own",
			objects: []string{
				tmpl("ReplicaSet", "a", "web-5d9c", ownedBy("Deployment", "web"), privilegedSpec),
				replicas[0],
			},
			want: map[string]int{"replicaset/a/web-5d9c": 1},
		},
		{
			name: "Job of a CronJob through the CronJob, a Job of its own on its own",
			objects: []string{
				tmpl("CronJob", "a", "export", "", rootSpec),
				tmpl("Job", "a", "export-29100", ownedBy("CronJob", "export"), rootSpec),
				podObj("a", "export-29100-x", ownedBy("Job", "export-29100"), "", rootSpec),
				tmpl("Job", "a", "migrate", "", rootSpec),
				podObj("a", "migrate-y", ownedBy("Job", "migrate"), "", rootSpec),
			},
			want: map[string]int{"cronjob/a/export": 1, "job/a/migrate": 1},
		},
		{
			name: "pods without a controller in the evidence are reported on their own",
			objects: []string{
				podObj("a", "debug", "", "", hostNetSpec),
				podObj("a", "operator-pod", ownedBy("Rollout", "web"), "", rootSpec),
				podObj("a", "orphan", ownedBy("ReplicaSet", "gone-abc"), `{"pod-template-hash":"abc"}`, rootSpec),
			},
			want: map[string]int{"pod/a/debug": 1, "pod/a/operator-pod": 1, "pod/a/orphan": 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[string]int{}
			for _, v := range specs(t, Scope{}, tt.objects...) {
				got[v.Workload] = v.Pods
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("workload → pods (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPodSpecMergesWhatPodsAdd: a pod that has a setting its template
// lacks (an older revision, an admission webhook) adds it to the
// controller's spec, naming the pod; settings the template has are not
// repeated.
func TestPodSpecMergesWhatPodsAdd(t *testing.T) {
	sidecar := `{"containers":[{"name":"app","image":"a:1","securityContext":{"runAsUser":0}},{"name":"mesh","image":"proxy:2","securityContext":{"capabilities":{"add":["net_admin"]}}}]}`
	got := specs(t, Scope{},
		tmpl("Deployment", "a", "web", "", rootSpec),
		podObj("a", "web-1-a", ownedBy("ReplicaSet", "web-1"), `{"pod-template-hash":"1"}`, sidecar),
		podObj("a", "web-1-b", ownedBy("ReplicaSet", "web-1"), `{"pod-template-hash":"1"}`, sidecar),
	)
	want := []podView{{Workload: "deployment/a/web", InScope: true, Pods: 2,
		Privileged: []string{"mesh|containers[mesh].securityContext.capabilities.add=net_admin@web-1-a"},
		HostPath:   []string{}, HostNamespaces: []string{},
		RunAsRoot: []string{"app|containers[app].securityContext.runAsUser=0", "mesh|containers[mesh].securityContext.runAsUser=unset@web-1-a"},
		Ref:       "f.json#/items/0"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	c := project(t, []File{{Path: "f.json", Kind: KindList, Data: []byte(`{"kind":"List","items":[` + strings.Join([]string{
		tmpl("Deployment", "a", "web", "", rootSpec), podObj("a", "web-1-a", ownedBy("ReplicaSet", "web-1"), `{"pod-template-hash":"1"}`, sidecar)}, ",") + `]}`)}}, Scope{})
	s := c.PodSpecsByNamespace["a"][0]
	if s.Privileged[0].Ref != "f.json#/items/1" || len(s.Images) != 2 || s.Images[1].Pod != "web-1-a" {
		t.Errorf("merged setting ref %q, images %+v", s.Privileged[0].Ref, s.Images)
	}
}

// TestPodSpecSettings covers the hardening, identity, capability, memory
// and image settings of one pod.
func TestPodSpecSettings(t *testing.T) {
	spec := `{"securityContext":{"runAsNonRoot":true,"runAsUser":1000,"runAsGroup":0,"seccompProfile":{"type":"RuntimeDefault"}},
		"initContainers":[{"name":"init","image":"busybox","securityContext":{"allowPrivilegeEscalation":false,"readOnlyRootFilesystem":true},
			"resources":{"limits":{"memory":"64Mi"}}}],
		"containers":[
			{"name":"app","image":"registry.example.com/shop/app:1.2@sha256:abc","securityContext":{"allowPrivilegeEscalation":true,"readOnlyRootFilesystem":false,
				"runAsGroup":1000,"seccompProfile":{"type":"Unconfined"},"capabilities":{"add":["CAP_SYS_ADMIN","NET_BIND_SERVICE","SYS_TIME"],"drop":["ALL"]}},
				"resources":{"limits":{"cpu":"1","memory":128974848}}},
			{"name":"win","image":"localhost:5000/tool","securityContext":{"windowsOptions":{"hostProcess":true},"seccompProfile":{"type":"Localhost","localhostProfile":"p.json"}}}],
		"ephemeralContainers":[{"name":"debug","image":"nicolaka/netshoot:latest"}]}`
	c := project(t, []File{{Path: "f.json", Kind: KindList, Data: []byte(podObj("a", "p", "", "", spec))}}, Scope{})
	s := c.PodSpecsByNamespace["a"][0]
	got := map[string][]string{
		"privileged":      settings(s.Privileged),
		"run_as_root":     settings(s.RunAsRoot),
		"hardening":       settings(s.Hardening),
		"no_memory_limit": settings(s.NoMemoryLimit),
	}
	want := map[string][]string{
		"privileged": {
			"app|containers[app].securityContext.capabilities.add=CAP_SYS_ADMIN",
			"win|containers[win].securityContext.windowsOptions.hostProcess=true",
		},
		// runAsGroup 0 from the pod for init, win and debug; app sets
		// its own group.
		"run_as_root": {
			"init|securityContext.runAsGroup=0",
			"win|securityContext.runAsGroup=0",
			"debug|securityContext.runAsGroup=0",
		},
		"hardening": {
			"app|containers[app].securityContext.allowPrivilegeEscalation=true",
			"app|containers[app].securityContext.seccompProfile.type=Unconfined",
			"app|containers[app].securityContext.readOnlyRootFilesystem=false",
			"win|containers[win].securityContext.allowPrivilegeEscalation=unset",
			"win|containers[win].securityContext.readOnlyRootFilesystem=unset",
			"debug|ephemeralContainers[debug].securityContext.allowPrivilegeEscalation=unset",
			"debug|ephemeralContainers[debug].securityContext.readOnlyRootFilesystem=unset",
		},
		// Ephemeral containers have no resources.
		"no_memory_limit": {"win|containers[win].resources.limits.memory=unset"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("settings (-want +got):\n%s", diff)
	}
	wantImages := []Image{
		{Container: "init", Field: "initContainers[init].image", Image: "busybox", Registry: "docker.io", Repository: "library/busybox"},
		{Container: "app", Field: "containers[app].image", Image: "registry.example.com/shop/app:1.2@sha256:abc", Registry: "registry.example.com", Repository: "shop/app", Tag: "1.2", Digest: "sha256:abc"},
		{Container: "win", Field: "containers[win].image", Image: "localhost:5000/tool", Registry: "localhost:5000", Repository: "tool"},
		{Container: "debug", Field: "ephemeralContainers[debug].image", Image: "nicolaka/netshoot:latest", Registry: "docker.io", Repository: "nicolaka/netshoot", Tag: "latest"},
	}
	if diff := cmp.Diff(wantImages, s.Images); diff != "" {
		t.Errorf("images (-want +got):\n%s", diff)
	}
}

func TestParseImage(t *testing.T) {
	tests := []struct {
		ref  string
		want Image
	}{
		{"nginx", Image{Registry: "docker.io", Repository: "library/nginx"}},
		{"nginx:1.27", Image{Registry: "docker.io", Repository: "library/nginx", Tag: "1.27"}},
		{"docker.io/library/nginx:latest", Image{Registry: "docker.io", Repository: "library/nginx", Tag: "latest"}},
		{"index.docker.io/bitnami/redis:7", Image{Registry: "docker.io", Repository: "bitnami/redis", Tag: "7"}},
		{"ghcr.io/org/app@sha256:0123", Image{Registry: "ghcr.io", Repository: "org/app", Digest: "sha256:0123"}},
		{"registry:5000/team/app:2", Image{Registry: "registry:5000", Repository: "team/app", Tag: "2"}},
		{"localhost/app", Image{Registry: "localhost", Repository: "app"}},
		{"team/app", Image{Registry: "docker.io", Repository: "team/app"}},
	}
	for _, tt := range tests {
		tt.want.Image = tt.ref
		if diff := cmp.Diff(tt.want, parseImage(tt.ref)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.ref, diff)
		}
	}
}

// TestProjectNewResources covers ResourceQuotas, LimitRanges, Services,
// service account tokens and the version.
func TestProjectNewResources(t *testing.T) {
	objects := `{"kind":"List","items":[
		{"kind":"ResourceQuota","metadata":{"name":"compute","namespace":"a"},"spec":{"hard":{"requests.cpu":"4","limits.memory":"8Gi","pods":10}}},
		{"kind":"LimitRange","metadata":{"name":"defaults","namespace":"a"},"spec":{"limits":[
			{"type":"Pod","max":{"memory":"4Gi"}},{"type":"Container","default":{"memory":"512Mi","cpu":"500m"},"max":{"memory":1073741824}}]}},
		{"kind":"Service","metadata":{"name":"web","namespace":"a"},"spec":{"ports":[{"port":80}]}},
		{"kind":"Service","metadata":{"name":"edge","namespace":"a"},"spec":{"type":"LoadBalancer","ports":[{"port":443,"nodePort":31443}]}},
		{"apiVersion":"v1","kind":"Secret","metadata":{"name":"ci-token","namespace":"a","creationTimestamp":"2026-01-02T03:04:05Z",
			"annotations":{"kubernetes.io/service-account.name":"ci"}},"type":"kubernetes.io/service-account-token","data":{"token":"c2VjcmV0"}},
		{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","namespace":"a"},"type":"Opaque","data":{"password":"c2VjcmV0"}}]}`
	c := project(t, []File{
		{Path: "f.json", Kind: KindList, Data: []byte(objects)},
		{Path: "version.json", Kind: KindVersion, Data: []byte(`{"major":"1","minor":"31+","gitVersion":"v1.31.4-gke.1000"}`)},
		{Path: "kubectl-version.json", Kind: KindVersion, Data: []byte(`{"serverVersion":{"gitVersion":"v1.30.0"}}`)},
	}, Scope{TenantNamespaces: map[string]string{"a": "acme"}})
	created := int64(1767323045000000000)
	got := []any{c.ResourceQuotasByNamespace, c.LimitRangesByNamespace, c.Services, c.ServiceAccountTokens, c.SecretFiles, c.Version,
		c.Present[KeyResourceQuotas], c.Present[KeyLimitRanges], c.Present[KeyServices], c.Present[KeySecrets], c.Present[KeyVersion]}
	want := []any{
		map[string][]ResourceQuota{"a": {{Name: "compute", Hard: []string{"limits.memory", "pods", "requests.cpu"}, Ref: "f.json#/items/0"}}},
		map[string][]LimitRange{"a": {{Name: "defaults", DefaultMemoryLimit: "512Mi", MaxMemory: "1073741824", Ref: "f.json#/items/1"}}},
		[]Service{
			{Namespace: "a", Name: "edge", Tenant: "acme", InScope: true, Type: "LoadBalancer", NodePorts: []int{31443}, Ref: "f.json#/items/3"},
			{Namespace: "a", Name: "web", Tenant: "acme", InScope: true, Type: "ClusterIP", NodePorts: []int{}, Ref: "f.json#/items/2"},
		},
		[]ServiceAccountToken{{Namespace: "a", Name: "ci-token", Tenant: "acme", InScope: true, CreatedNS: &created, Ref: "f.json#/items/4"}},
		[]string{"f.json#"},
		// The first version file wins.
		&Version{GitVersion: "v1.31.4-gke.1000", Minor: "1.31", Ref: "version.json#"},
		true, true, true, true, true,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// A Secret's data never reaches the projection.
	data, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "c2VjcmV0") || strings.Contains(string(data), "service-account.name") {
		t.Errorf("projection holds Secret data: %s", data)
	}
}

func TestVersionMinor(t *testing.T) {
	tests := []struct{ file, want string }{
		{`{"major":"1","minor":"35","gitVersion":"v0.0.0-master+$Format:%H$"}`, "1.35"},
		{`{"gitVersion":"v1.31.4"}`, "1.31"},
		{`{"gitVersion":"v1.29.10+k3s1"}`, "1.29"},
		{`{"gitVersion":"v0.0.0-master+$Format:%H$","major":"x"}`, ""},
		{`{"clientVersion":{"major":"1","minor":"99"},"serverVersion":{"major":"1","minor":"28"}}`, "1.28"},
	}
	for _, tt := range tests {
		c := project(t, []File{{Path: "v.json", Kind: KindVersion, Data: []byte(tt.file)}}, Scope{})
		if c.Version == nil || c.Version.Minor != tt.want {
			t.Errorf("%s: version %+v, want minor %q", tt.file, c.Version, tt.want)
		}
	}
	for _, kubelet := range [][2]string{{"v1.31.4", "1.31"}, {"v1.30.2-eks-1552ad0", "1.30"}, {"1.8.4", "1.8"}, {"", ""}, {"v0.0.0-master", ""}} {
		if got := minorOf(kubelet[0]); got != kubelet[1] {
			t.Errorf("minorOf(%q) = %q, want %q", kubelet[0], got, kubelet[1])
		}
	}
	if _, err := Project([]File{{Path: "v.json", Kind: KindVersion, Data: []byte(`{"clientVersion":{"major":"1","minor":"31"}}`)}}, Scope{}); err == nil ||
		!strings.Contains(err.Error(), "no server version") {
		t.Errorf("client version only: %v", err)
	}
}

// TestNetworkPolicyAdmitsTenantNamespaces: a namespaceSelector of an
// ingress rule that selects another namespace of the same tenant, by
// labels or expressions, is recorded; other tenants' namespaces are not.
func TestNetworkPolicyAdmitsTenantNamespaces(t *testing.T) {
	objects := `{"kind":"List","items":[
		{"kind":"Namespace","metadata":{"name":"acme-prod","labels":{"stage":"prod","tenant":"acme"}}},
		{"kind":"Namespace","metadata":{"name":"acme-test","labels":{"stage":"test","tenant":"acme"}}},
		{"kind":"Namespace","metadata":{"name":"acme-dev","labels":{"stage":"dev","tenant":"acme"}}},
		{"kind":"Namespace","metadata":{"name":"globex-test","labels":{"stage":"test","tenant":"globex"}}},
		{"kind":"NetworkPolicy","metadata":{"name":"from-test","namespace":"acme-prod"},"spec":{"podSelector":{},"ingress":[
			{"from":[{"namespaceSelector":{"matchLabels":{"stage":"test"}}}]}]}},
		{"kind":"NetworkPolicy","metadata":{"name":"from-non-prod","namespace":"acme-prod"},"spec":{"podSelector":{},"ingress":[
			{"from":[{"namespaceSelector":{"matchExpressions":[{"key":"stage","operator":"NotIn","values":["prod","test"]}]}}]}]}},
		{"kind":"NetworkPolicy","metadata":{"name":"same-namespace","namespace":"acme-prod"},"spec":{"podSelector":{},"ingress":[
			{"from":[{"podSelector":{}}]}]}},
		{"kind":"NetworkPolicy","metadata":{"name":"egress-only","namespace":"acme-test"},"spec":{"podSelector":{},"policyTypes":["Egress"],
			"egress":[{"to":[{"namespaceSelector":{"matchLabels":{"stage":"prod"}}}]}]}}]}`
	c := project(t, []File{{Path: "f.json", Kind: KindList, Data: []byte(objects)}}, Scope{TenantNamespaces: map[string]string{
		"acme-prod": "acme", "acme-test": "acme", "acme-dev": "acme", "globex-test": "globex"}})
	got := map[string][]string{}
	for ns, l := range c.NetworkPoliciesByNamespace {
		for _, p := range l {
			got[ns+"/"+p.Name] = p.AdmitsTenantNamespaces
		}
	}
	want := map[string][]string{
		"acme-prod/from-test":      {"acme-test"},
		"acme-prod/from-non-prod":  {"acme-dev"},
		"acme-prod/same-namespace": {},
		"acme-test/egress-only":    {},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("admits_tenant_namespaces (-want +got):\n%s", diff)
	}
}

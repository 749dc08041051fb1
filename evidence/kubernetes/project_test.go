package kubernetes

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

// load reads fixture files of testdata/<dir> as files of a bundle source
// whose paths are sources/<dir>/<name>.
func load(t testing.TB, dir string, names ...string) []File {
	t.Helper()
	if len(names) == 0 {
		paths, err := filepath.Glob(filepath.Join("testdata", dir, "*.json"))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			names = append(names, filepath.Base(p))
		}
	}
	files := make([]File, 0, len(names))
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join("testdata", dir, n))
		if err != nil {
			t.Fatal(err)
		}
		kind := KindList
		if strings.Contains(n, "version") {
			kind = KindVersion // kubectl version -o json
		}
		files = append(files, File{Path: "sources/" + dir + "/" + n, Kind: kind, Data: data})
	}
	return files
}

func project(t *testing.T, files []File, scope Scope) *Cluster {
	t.Helper()
	c, err := Project(files, scope)
	if err != nil {
		t.Fatalf("Project: %v", err)
	}
	return c
}

func i64(v int64) *int64 { return &v }

func boolp(v bool) *bool { return &v }

func present(keys ...string) map[string]bool {
	m := map[string]bool{}
	for _, k := range Keys {
		m[k] = slices.Contains(keys, k)
	}
	return m
}

func podNames(pods []*PodSpec, keep func(*PodSpec) bool) []string {
	var names []string
	for _, p := range pods {
		if keep(p) {
			names = append(names, p.Name)
		}
	}
	return names
}

// podView is what the pod tests compare of a PodSpec: its identity and
// the settings of the checks of privileges and host access, each as
// "<container>|<field>=<value>" (with "@<pod>" when a pod added it).
type podView struct {
	Workload, Tenant                                string
	InScope                                         bool
	Pods                                            int
	Privileged, HostPath, HostNamespaces, RunAsRoot []string
	Ref                                             string
}

func view(s *PodSpec) podView {
	return podView{Workload: s.Workload, Tenant: s.Tenant, InScope: s.InScope, Pods: s.Pods,
		Privileged: settings(s.Privileged), HostPath: settings(s.HostPath), HostNamespaces: settings(s.HostNamespaces),
		RunAsRoot: settings(s.RunAsRoot), Ref: s.Ref}
}

func views(specs []*PodSpec) []podView {
	out := make([]podView, 0, len(specs))
	for _, s := range specs {
		out = append(out, view(s))
	}
	return out
}

func settings(l []Setting) []string {
	out := []string{}
	for _, s := range l {
		v := s.Container + "|" + s.Field + "=" + s.Value
		if s.Pod != "" {
			v += "@" + s.Pod
		}
		out = append(out, v)
	}
	return out
}

func clusterAdmins(bs []Binding) []Binding {
	var out []Binding
	for _, b := range bs {
		if b.RoleKind == "ClusterRole" && b.RoleName == "cluster-admin" {
			out = append(out, b)
		}
	}
	return out
}

const kubectl = "sources/kubectl-get-local-apiserver/"

func TestProjectKubectlGet(t *testing.T) {
	c := project(t, load(t, "kubectl-get-local-apiserver"), Scope{})

	if diff := cmp.Diff(present(KeyNamespaces, KeyNetworkPolicies, KeyPods, KeyWorkloads, KeyPodDisruptionBudgets, KeyBindings, KeyStorageClasses, KeyVersion), c.Present); diff != "" {
		t.Errorf("present (-want +got):\n%s", diff)
	}
	wantNS := map[string]Namespace{
		"default":         {Labels: map[string]string{"kubernetes.io/metadata.name": "default"}, InScope: true, Ref: kubectl + "namespaces.json#/items/0"},
		"development":     {Labels: map[string]string{"kubernetes.io/metadata.name": "development", "name": "development"}, InScope: true, Ref: kubectl + "namespaces.json#/items/1"},
		"kube-node-lease": {Labels: map[string]string{"kubernetes.io/metadata.name": "kube-node-lease"}, Ref: kubectl + "namespaces.json#/items/2"},
		"kube-public":     {Labels: map[string]string{"kubernetes.io/metadata.name": "kube-public"}, Ref: kubectl + "namespaces.json#/items/3"},
		"kube-system":     {Labels: map[string]string{"kubernetes.io/metadata.name": "kube-system"}, Ref: kubectl + "namespaces.json#/items/4"},
		"production":      {Labels: map[string]string{"kubernetes.io/metadata.name": "production", "name": "production"}, InScope: true, Ref: kubectl + "namespaces.json#/items/5"},
		"velero":          {Labels: map[string]string{"kubernetes.io/metadata.name": "velero"}, Ref: kubectl + "namespaces.json#/items/6"},
	}
	if diff := cmp.Diff(wantNS, c.Namespaces); diff != "" {
		t.Errorf("namespaces (-want +got):\n%s", diff)
	}
	// test-network-policy admits from 172.17.0.0/16 and from one
	// labelled namespace, not from all namespaces.
	wantNP := map[string][]NetworkPolicy{
		"default": {{Name: "test-network-policy", PolicyTypes: []string{"Ingress", "Egress"}, IngressRules: 1, EgressRules: 1,
			AdmitsAllNamespacesVia: []string{}, AdmitsTenantNamespaces: []string{}, Ref: kubectl + "networkpolicies.json#/items/0"}},
		"development": {{Name: "default-deny-ingress", SelectsAllPods: true, PolicyTypes: []string{"Ingress"},
			AdmitsAllNamespacesVia: []string{}, AdmitsTenantNamespaces: []string{}, Ref: kubectl + "networkpolicies.json#/items/1"}},
		"production": {{Name: "default-deny-all", SelectsAllPods: true, PolicyTypes: []string{"Ingress", "Egress"},
			AdmitsAllNamespacesVia: []string{}, AdmitsTenantNamespaces: []string{}, Ref: kubectl + "networkpolicies.json#/items/2"}},
	}
	if diff := cmp.Diff(wantNP, c.NetworkPoliciesByNamespace); diff != "" {
		t.Errorf("networkpolicies_by_namespace (-want +got):\n%s", diff)
	}
	nginx := func(name string, i string) podView {
		return podView{Workload: "pod/production/" + name, InScope: true, Pods: 1, Privileged: []string{}, HostPath: []string{}, HostNamespaces: []string{},
			RunAsRoot: []string{"nginx|containers[nginx].securityContext.runAsUser=unset"}, Ref: kubectl + "pods.json#/items/" + i}
	}
	// runAsUser 1000 at pod level: not root; allowPrivilegeEscalation
	// false is not privileged.
	demo := podView{Workload: "pod/production/security-context-demo", InScope: true, Pods: 1, Privileged: []string{}, HostPath: []string{},
		HostNamespaces: []string{}, RunAsRoot: []string{}, Ref: kubectl + "pods.json#/items/3"}
	wantPods := []podView{
		nginx("nginx-deployment-749d84c58-72c8h", "0"),
		nginx("nginx-deployment-749d84c58-kx7q5", "1"),
		nginx("nginx-deployment-749d84c58-m4wfc", "2"),
		demo,
	}
	if diff := cmp.Diff(wantPods, views(c.Pods)); diff != "" {
		t.Errorf("pods (-want +got):\n%s", diff)
	}
	// The ReplicaSet is not in the evidence: its name and the pods'
	// pod-template-hash name the Deployment, through which its three
	// pods are reported.
	wantSpecs := map[string][]podView{"production": {
		{Workload: "deployment/production/nginx-deployment", InScope: true, Pods: 3, Privileged: []string{}, HostPath: []string{}, HostNamespaces: []string{},
			RunAsRoot: []string{"nginx|containers[nginx].securityContext.runAsUser=unset"}, Ref: kubectl + "deployments.json#/items/0"},
		demo,
	}}
	gotSpecs := map[string][]podView{}
	for ns, l := range c.PodSpecsByNamespace {
		gotSpecs[ns] = views(l)
	}
	if diff := cmp.Diff(wantSpecs, gotSpecs); diff != "" {
		t.Errorf("pod_specs_by_namespace (-want +got):\n%s", diff)
	}
	wantWL := []Workload{{Kind: "Deployment", Namespace: "production", Name: "nginx-deployment", InScope: true, Replicas: i64(3),
		TemplateLabels: map[string]string{"app.kubernetes.io/name": "nginx"}, Ref: kubectl + "deployments.json#/items/0"}}
	if diff := cmp.Diff(wantWL, c.Workloads); diff != "" {
		t.Errorf("workloads (-want +got):\n%s", diff)
	}
	wantPDB := map[string][]PDB{"production": {{Name: "zk-pdb", MatchLabels: map[string]string{"app.kubernetes.io/name": "zookeeper"},
		Ref: kubectl + "poddisruptionbudgets.json#/items/0"}}}
	if diff := cmp.Diff(wantPDB, c.PDBsByNamespace); diff != "" {
		t.Errorf("pdbs_by_namespace (-want +got):\n%s", diff)
	}
	if got, want := len(c.Bindings), 49+7; got != want {
		t.Errorf("bindings: got %d, want %d (49 ClusterRoleBindings, 7 RoleBindings)", got, want)
	}
	wantAdmins := []Binding{{Kind: "ClusterRoleBinding", Name: "cluster-admin", RoleKind: "ClusterRole", RoleName: "cluster-admin",
		Subjects: []Subject{{Kind: "Group", Name: "system:masters"}}, Ref: kubectl + "clusterrolebindings.json#/items/0"}}
	if diff := cmp.Diff(wantAdmins, clusterAdmins(c.Bindings)); diff != "" {
		t.Errorf("cluster-admin bindings (-want +got):\n%s", diff)
	}
	rb := c.Bindings[49] // sorted: ClusterRoleBindings, then RoleBindings by namespace
	wantRB := Binding{Kind: "RoleBinding", Namespace: "kube-public", Name: "system:controller:bootstrap-signer", RoleKind: "Role",
		RoleName: "system:controller:bootstrap-signer", Subjects: []Subject{{Kind: "ServiceAccount", Name: "bootstrap-signer", Namespace: "kube-system"}},
		Ref: kubectl + "rolebindings.json#/items/0"}
	if diff := cmp.Diff(wantRB, rb); diff != "" {
		t.Errorf("first RoleBinding (-want +got):\n%s", diff)
	}
	if len(c.Ingresses) != 0 || c.Ingresses == nil {
		t.Errorf("ingresses: got %#v, want empty non-nil", c.Ingresses)
	}
	// A CSI class of an unknown vendor declares no encryption.
	wantSC := map[string]StorageClass{"low-latency": {Name: "low-latency", Provisioner: "csi-driver.example-vendor.example",
		Parameters: map[string]string{}, Ref: kubectl + "storageclasses.json#/items/0"}}
	if diff := cmp.Diff(wantSC, c.StorageClasses); diff != "" {
		t.Errorf("storageclasses (-want +got):\n%s", diff)
	}
	if len(c.Errors) != 0 || c.Errors == nil {
		t.Errorf("errors: got %#v, want empty non-nil", c.Errors)
	}
}

func TestProjectScope(t *testing.T) {
	files := load(t, "kubectl-get-local-apiserver", "namespaces.json", "pods.json", "deployments.json")
	tests := []struct {
		name  string
		scope Scope
		// want maps a namespace to "tenant/in_scope".
		want map[string]string
	}{
		{"default system namespaces", Scope{}, map[string]string{
			"default": "/true", "development": "/true", "production": "/true",
			"kube-node-lease": "/false", "kube-public": "/false", "kube-system": "/false", "velero": "/false",
		}},
		{"tenant namespaces only", Scope{TenantNamespaces: map[string]string{"production": "acme", "acme-test": "acme"}}, map[string]string{
			"default": "/false", "development": "/false", "production": "acme/true",
			"kube-node-lease": "/false", "kube-public": "/false", "kube-system": "/false", "velero": "/false",
		}},
		{"explicit system namespaces", Scope{SystemNamespaces: []string{"default", "development"}}, map[string]string{
			"default": "/false", "development": "/false", "production": "/true",
			"kube-node-lease": "/true", "kube-public": "/true", "kube-system": "/true", "velero": "/true",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := project(t, files, tt.scope)
			got := map[string]string{}
			for name, ns := range c.Namespaces {
				got[name] = ns.Tenant + "/" + boolString(ns.InScope)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("namespaces (-want +got):\n%s", diff)
			}
			// Pods and workloads take the decision of their namespace.
			for _, p := range c.Pods {
				if s := p.Tenant + "/" + boolString(p.InScope); s != tt.want[p.Namespace] {
					t.Errorf("pod %s/%s: got %s, want %s", p.Namespace, p.Name, s, tt.want[p.Namespace])
				}
			}
			for _, w := range c.Workloads {
				if s := w.Tenant + "/" + boolString(w.InScope); s != tt.want[w.Namespace] {
					t.Errorf("workload %s/%s: got %s, want %s", w.Namespace, w.Name, s, tt.want[w.Namespace])
				}
			}
		})
	}
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func TestProjectSonobuoy(t *testing.T) {
	privileged := func(p *PodSpec) bool { return len(p.Privileged) > 0 }
	hostNetwork := func(p *PodSpec) bool {
		return slices.ContainsFunc(p.HostNamespaces, func(s Setting) bool { return s.Field == "hostNetwork" })
	}
	inScope := func(p *PodSpec) bool { return p.InScope }
	tests := []struct {
		name           string
		files          []File
		present        map[string]bool
		pods           int
		privileged     []string
		hostNetwork    []string
		inScope        []string
		firstPodRef    string
		clusterAdmins  []Binding
		workloadsCount int
	}{
		{
			name:    "kind v1.21.1 JSON arrays",
			files:   load(t, "sonobuoy-kind-v1.21.1"),
			present: present(KeyNamespaces, KeyPods, KeyWorkloads, KeyBindings, KeyNodes, KeyStorageClasses),
			// The .list.json copy of the kube-system pods holds the same
			// objects: each is projected once, from the first file.
			pods: 9,
			// kindnet adds NET_ADMIN.
			privileged: []string{"kindnet-2xc82", "kube-proxy-njg9q"},
			hostNetwork: []string{"etcd-kind-control-plane", "kindnet-2xc82", "kube-apiserver-kind-control-plane",
				"kube-controller-manager-kind-control-plane", "kube-proxy-njg9q", "kube-scheduler-kind-control-plane"},
			firstPodRef: "sources/sonobuoy-kind-v1.21.1/ns-kube-system__core_v1_pods.json#/0",
			clusterAdmins: []Binding{{Kind: "ClusterRoleBinding", Name: "cluster-admin", RoleKind: "ClusterRole", RoleName: "cluster-admin",
				Subjects: []Subject{{Kind: "Group", Name: "system:masters"}},
				Ref:      "sources/sonobuoy-kind-v1.21.1/cluster__rbac.authorization.k8s.io_v1_clusterrolebindings.json#/0"}},
			workloadsCount: 2,
		},
		{
			name:        "kind v1.21.1 List envelope",
			files:       load(t, "sonobuoy-kind-v1.21.1", "ns-kube-system__core_v1_pods.list.json"),
			present:     present(KeyPods),
			pods:        8,
			privileged:  []string{"kindnet-2xc82", "kube-proxy-njg9q"},
			hostNetwork: []string{"etcd-kind-control-plane", "kindnet-2xc82", "kube-apiserver-kind-control-plane", "kube-controller-manager-kind-control-plane", "kube-proxy-njg9q", "kube-scheduler-kind-control-plane"},
			firstPodRef: "sources/sonobuoy-kind-v1.21.1/ns-kube-system__core_v1_pods.list.json#/items/0",
		},
		{
			name:       "healthsummary PodList",
			files:      load(t, "sonobuoy-healthsummary-kind"),
			present:    present(KeyPods, KeyNodes),
			pods:       14,
			privileged: []string{"kindnet-hknk7", "kindnet-qhzxn", "kindnet-x9fsq", "kube-proxy-8jj5r", "kube-proxy-g79v6", "kube-proxy-lrtdp"},
			hostNetwork: []string{"etcd-kind-control-plane", "kindnet-hknk7", "kindnet-qhzxn", "kindnet-x9fsq", "kube-apiserver-kind-control-plane",
				"kube-controller-manager-kind-control-plane", "kube-proxy-8jj5r", "kube-proxy-g79v6", "kube-proxy-lrtdp", "kube-scheduler-kind-control-plane"},
			firstPodRef: "sources/sonobuoy-healthsummary-kind/ns-kube-system__core_v1_pods.json#/items/0",
		},
		{
			// Items without kind: inferred from metadata.selfLink.
			name:       "aws v1.8.4 without kind",
			files:      load(t, "sonobuoy-aws-v1.8.4"),
			present:    present(KeyPods, KeyWorkloads, KeyBindings, KeyNodes, KeyStorageClasses),
			pods:       14,
			privileged: []string{"calico-node-5sgh9", "calico-node-fb8vk", "calico-node-jkwvw", "kube-proxy-kr44f", "kube-proxy-r5xjb", "kube-proxy-vrvpv"},
			hostNetwork: []string{"calico-etcd-xzvc8", "calico-kube-controllers-6ff88bf6d4-t2h9k", "calico-node-5sgh9", "calico-node-fb8vk", "calico-node-jkwvw",
				"etcd-ip-10-0-9-206.us-west-2.compute.internal", "kube-apiserver-ip-10-0-9-206.us-west-2.compute.internal",
				"kube-controller-manager-ip-10-0-9-206.us-west-2.compute.internal", "kube-proxy-kr44f", "kube-proxy-r5xjb", "kube-proxy-vrvpv",
				"kube-scheduler-ip-10-0-9-206.us-west-2.compute.internal"},
			firstPodRef: "sources/sonobuoy-aws-v1.8.4/ns-kube-system__Pods.json#/0",
			clusterAdmins: []Binding{
				{Kind: "ClusterRoleBinding", Name: "admin-cluster-binding", RoleKind: "ClusterRole", RoleName: "cluster-admin",
					Subjects: []Subject{{Kind: "User", Name: "admin"}}, Ref: "sources/sonobuoy-aws-v1.8.4/cluster__ClusterRoleBindings.json#/0"},
				{Kind: "ClusterRoleBinding", Name: "cluster-admin", RoleKind: "ClusterRole", RoleName: "cluster-admin",
					Subjects: []Subject{{Kind: "Group", Name: "system:masters"}}, Ref: "sources/sonobuoy-aws-v1.8.4/cluster__ClusterRoleBindings.json#/3"},
				{Kind: "ClusterRoleBinding", Name: "kubernetes-dashboard", RoleKind: "ClusterRole", RoleName: "cluster-admin",
					Subjects: []Subject{{Kind: "ServiceAccount", Name: "kubernetes-dashboard", Namespace: "kube-system"}},
					Ref:      "sources/sonobuoy-aws-v1.8.4/cluster__ClusterRoleBindings.json#/8"},
			},
			workloadsCount: 4,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := project(t, tt.files, Scope{})
			if diff := cmp.Diff(tt.present, c.Present); diff != "" {
				t.Errorf("present (-want +got):\n%s", diff)
			}
			if len(c.Pods) != tt.pods {
				t.Errorf("pods: got %d, want %d", len(c.Pods), tt.pods)
			}
			if diff := cmp.Diff(tt.privileged, podNames(c.Pods, privileged)); diff != "" {
				t.Errorf("privileged pods (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.hostNetwork, podNames(c.Pods, hostNetwork)); diff != "" {
				t.Errorf("hostNetwork pods (-want +got):\n%s", diff)
			}
			// kube-system and local-path-storage are system namespaces.
			if diff := cmp.Diff(tt.inScope, podNames(c.Pods, inScope)); diff != "" {
				t.Errorf("in-scope pods (-want +got):\n%s", diff)
			}
			var refs []string
			for _, p := range c.Pods {
				refs = append(refs, p.Ref)
			}
			if !slices.Contains(refs, tt.firstPodRef) {
				t.Errorf("pod refs %v do not contain %s", refs, tt.firstPodRef)
			}
			if diff := cmp.Diff(tt.clusterAdmins, clusterAdmins(c.Bindings)); diff != "" {
				t.Errorf("cluster-admin bindings (-want +got):\n%s", diff)
			}
			if len(c.Workloads) != tt.workloadsCount {
				t.Errorf("workloads: got %d, want %d", len(c.Workloads), tt.workloadsCount)
			}
		})
	}
}

func TestProjectKubeProxyPod(t *testing.T) {
	c := project(t, load(t, "sonobuoy-kind-v1.21.1", "ns-kube-system__core_v1_pods.json"), Scope{})
	want := podView{Workload: "pod/kube-system/kube-proxy-njg9q", Pods: 1,
		Privileged:     []string{"kube-proxy|containers[kube-proxy].securityContext.privileged=true"},
		HostPath:       []string{"|volumes[xtables-lock].hostPath.path=/run/xtables.lock", "|volumes[lib-modules].hostPath.path=/lib/modules"},
		HostNamespaces: []string{"|hostNetwork=true"},
		RunAsRoot:      []string{"kube-proxy|containers[kube-proxy].securityContext.runAsUser=unset"},
		Ref:            "sources/sonobuoy-kind-v1.21.1/ns-kube-system__core_v1_pods.json#/6"}
	i := slices.IndexFunc(c.Pods, func(p *PodSpec) bool { return p.Name == "kube-proxy-njg9q" })
	if i < 0 {
		t.Fatalf("pod kube-proxy-njg9q not projected")
	}
	if diff := cmp.Diff(want, view(c.Pods[i])); diff != "" {
		t.Errorf("kube-proxy (-want +got):\n%s", diff)
	}
}

func TestProjectManifests(t *testing.T) {
	c := project(t, load(t, "manifests-json"), Scope{})
	const dir = "sources/manifests-json/"
	wantNP := map[string][]NetworkPolicy{"": {
		{Name: "allow-all-egress", SelectsAllPods: true, PolicyTypes: []string{"Egress"}, EgressRules: 1, AllowsAllEgress: true,
			AdmitsAllNamespacesVia: []string{}, AdmitsTenantNamespaces: []string{}, Ref: dir + "network-policy-allow-all-egress.json#"},
		{Name: "allow-all-ingress", SelectsAllPods: true, PolicyTypes: []string{"Ingress"}, IngressRules: 1, AllowsAllIngress: true,
			AdmitsAllNamespaces: true, AdmitsAllNamespacesVia: []string{"ingress rule 1: no from (any source)"}, AdmitsTenantNamespaces: []string{},
			Ref: dir + "network-policy-allow-all-ingress.json#"},
		{Name: "default-deny-egress", SelectsAllPods: true, PolicyTypes: []string{"Egress"},
			AdmitsAllNamespacesVia: []string{}, AdmitsTenantNamespaces: []string{}, Ref: dir + "network-policy-default-deny-egress.json#"},
	}}
	if diff := cmp.Diff(wantNP, c.NetworkPoliciesByNamespace); diff != "" {
		t.Errorf("networkpolicies (-want +got):\n%s", diff)
	}
	// NET_ADMIN is a dangerous capability, SYS_TIME is not; no
	// runAsUser/runAsNonRoot means the image may run as root.
	wantPods := []podView{{Workload: "pod//security-context-demo-4", InScope: true, Pods: 1,
		Privileged: []string{"sec-ctx-4|containers[sec-ctx-4].securityContext.capabilities.add=NET_ADMIN"}, HostPath: []string{}, HostNamespaces: []string{},
		RunAsRoot: []string{"sec-ctx-4|containers[sec-ctx-4].securityContext.runAsUser=unset"}, Ref: dir + "security-context-4.json#"}}
	if diff := cmp.Diff(wantPods, views(c.Pods)); diff != "" {
		t.Errorf("pods (-want +got):\n%s", diff)
	}
	wantB := []Binding{{Kind: "ClusterRoleBinding", Name: "kubecfg-cluster-admin", RoleKind: "ClusterRole", RoleName: "cluster-admin",
		Subjects: []Subject{{Kind: "User", Name: "kubecfg"}}, Ref: dir + "kubecfg-binding.json#"}}
	if diff := cmp.Diff(wantB, c.Bindings); diff != "" {
		t.Errorf("bindings (-want +got):\n%s", diff)
	}
}

// TestProjectSemantics covers Kubernetes defaults and edge cases with
// small objects in the shape kubectl prints.
func TestProjectSemantics(t *testing.T) {
	tests := []struct {
		name string
		// data holds one file's content per element.
		data []string
		// got extracts the projected part under test.
		got  func(*Cluster) any
		want any
	}{
		{
			name: "policyTypes absent, egress rules present: Ingress and Egress",
			data: []string{`{"kind":"NetworkPolicy","metadata":{"name":"np","namespace":"a"},"spec":{"podSelector":{},"egress":[{"to":[{"ipBlock":{"cidr":"10.0.0.0/8"}}]}]}}`},
			got:  func(c *Cluster) any { return c.NetworkPoliciesByNamespace["a"][0].PolicyTypes },
			want: []string{"Ingress", "Egress"},
		},
		{
			name: "policyTypes absent, no egress rules: Ingress",
			data: []string{`{"kind":"NetworkPolicy","metadata":{"name":"np","namespace":"a"},"spec":{"podSelector":{"matchLabels":{"app":"x"}}}}`},
			got: func(c *Cluster) any {
				p := c.NetworkPoliciesByNamespace["a"][0]
				return []any{p.PolicyTypes, p.SelectsAllPods}
			},
			want: []any{[]string{"Ingress"}, false},
		},
		{
			name: "matchExpressions only: does not select all pods",
			data: []string{`{"kind":"NetworkPolicy","metadata":{"name":"np","namespace":"a"},"spec":{"podSelector":{"matchExpressions":[{"key":"app","operator":"Exists"}]}}}`},
			got:  func(c *Cluster) any { return c.NetworkPoliciesByNamespace["a"][0].SelectsAllPods },
			want: false,
		},
		{
			name: "rule with ports only or peers does not allow all",
			data: []string{`{"kind":"NetworkPolicy","metadata":{"name":"np","namespace":"a"},"spec":{"podSelector":{},"policyTypes":["Ingress","Egress"],
				"ingress":[{"ports":[{"port":443}]},{"from":[{"podSelector":{}}]}],"egress":[{"to":[{"namespaceSelector":{}}]}]}}`},
			got: func(c *Cluster) any {
				p := c.NetworkPoliciesByNamespace["a"][0]
				return []any{p.AllowsAllIngress, p.AllowsAllEgress, p.IngressRules, p.EgressRules}
			},
			want: []any{false, false, 2, 1},
		},
		{
			name: "empty ingress rule ignored when policyTypes excludes Ingress",
			data: []string{`{"kind":"NetworkPolicy","metadata":{"name":"np","namespace":"a"},"spec":{"podSelector":{},"policyTypes":["Egress"],"ingress":[{}],"egress":[{}]}}`},
			got: func(c *Cluster) any {
				p := c.NetworkPoliciesByNamespace["a"][0]
				return []any{p.AllowsAllIngress, p.AllowsAllEgress}
			},
			want: []any{false, true},
		},
		{
			name: "privileged init and ephemeral containers, root by container override",
			data: []string{`{"kind":"Pod","metadata":{"name":"p","namespace":"a","ownerReferences":[{"kind":"Node","name":"n"},{"kind":"StatefulSet","name":"s","controller":true}]},
				"spec":{"securityContext":{"runAsNonRoot":true,"runAsUser":1000},
				"initContainers":[{"name":"init","securityContext":{"privileged":true}}],
				"containers":[{"name":"app"},{"name":"root","securityContext":{"runAsNonRoot":false,"runAsUser":0}},{"name":"uid0-nonroot","securityContext":{"runAsUser":0}}],
				"ephemeralContainers":[{"name":"debug","securityContext":{"privileged":true,"runAsNonRoot":false}}],
				"volumes":[{"name":"host","hostPath":{"path":"/"}},{"name":"tmp","emptyDir":{}}],
				"hostPID":true,"hostIPC":true}}`},
			got: func(c *Cluster) any { return view(c.Pods[0]) },
			want: podView{Workload: "pod/a/p", InScope: true, Pods: 1,
				Privileged:     []string{"init|initContainers[init].securityContext.privileged=true", "debug|ephemeralContainers[debug].securityContext.privileged=true"},
				HostPath:       []string{"|volumes[host].hostPath.path=/"},
				HostNamespaces: []string{"|hostPID=true", "|hostIPC=true"},
				// debug: runAsNonRoot false but runAsUser 1000 from the pod.
				// uid0-nonroot: runAsNonRoot true from the pod (the kubelet
				// refuses to start it), so not counted.
				RunAsRoot: []string{"root|containers[root].securityContext.runAsUser=0"}, Ref: "f.json#"},
		},
		{
			name: "workload replicas: StatefulSet default 1, DaemonSet scheduled or null",
			data: []string{`{"kind":"List","items":[
				{"kind":"StatefulSet","metadata":{"name":"db","namespace":"a"},"spec":{"template":{"metadata":{"labels":{"app":"db"}}}}},
				{"kind":"DaemonSet","metadata":{"name":"agent","namespace":"a"},"spec":{},"status":{"currentNumberScheduled":3}},
				{"kind":"DaemonSet","metadata":{"name":"new","namespace":"a"},"spec":{}},
				{"kind":"ReplicaSet","metadata":{"name":"rs","namespace":"a"},"spec":{"replicas":2}}]}`},
			got: func(c *Cluster) any { return c.Workloads },
			want: []Workload{
				{Kind: "DaemonSet", Namespace: "a", Name: "agent", InScope: true, Replicas: i64(3), TemplateLabels: map[string]string{}, Ref: "f.json#/items/1"},
				{Kind: "DaemonSet", Namespace: "a", Name: "new", InScope: true, TemplateLabels: map[string]string{}, Ref: "f.json#/items/2"},
				{Kind: "StatefulSet", Namespace: "a", Name: "db", InScope: true, Replicas: i64(1), TemplateLabels: map[string]string{"app": "db"}, Ref: "f.json#/items/0"},
			},
		},
		{
			name: "PDB with null selector selects nothing and is left out",
			data: []string{`{"kind":"PodDisruptionBudgetList","items":[
				{"metadata":{"name":"none","namespace":"a"},"spec":{"minAvailable":1}},
				{"metadata":{"name":"all","namespace":"a"},"spec":{"selector":{},"minAvailable":1}}]}`},
			got:  func(c *Cluster) any { return []any{c.PDBsByNamespace, c.Present[KeyPodDisruptionBudgets]} },
			want: []any{map[string][]PDB{"a": {{Name: "all", MatchLabels: map[string]string{}, Ref: "f.json#/items/1"}}}, true},
		},
		{
			name: "ingress hosts: catch-all rule and default backend appear as *",
			data: []string{`{"kind":"List","items":[
				{"kind":"Ingress","metadata":{"name":"web","namespace":"a"},"spec":{"rules":[{"host":"b.example.com"},{"host":"a.example.com"},{"host":"a.example.com"}],
					"tls":[{"hosts":["a.example.com"]},{"hosts":["a.example.com","c.example.com"]}]}},
				{"kind":"Ingress","metadata":{"name":"any","namespace":"a"},"spec":{"defaultBackend":{"service":{"name":"s","port":{"number":80}}},"rules":[{"http":{}}]}}]}`},
			got: func(c *Cluster) any { return c.Ingresses },
			want: []Ingress{
				{Namespace: "a", Name: "any", InScope: true, Hosts: []string{"*"}, TLSHosts: []string{}, Ref: "f.json#/items/1"},
				{Namespace: "a", Name: "web", InScope: true, Hosts: []string{"a.example.com", "b.example.com"}, TLSHosts: []string{"a.example.com", "c.example.com"}, Ref: "f.json#/items/0"},
			},
		},
		{
			name: "empty typed list is evidence, empty generic List is not",
			data: []string{`{"kind":"PodList","items":[]}`, `{"kind":"List","items":[]}`, `{"kind":"NetworkPolicyList","items":null}`},
			got:  func(c *Cluster) any { return c.Present },
			want: present(KeyPods, KeyNetworkPolicies),
		},
		{
			name: "RoleBindings alone do not make bindings present",
			data: []string{`{"kind":"RoleBindingList","items":[{"metadata":{"name":"rb","namespace":"a"},"roleRef":{"kind":"ClusterRole","name":"cluster-admin"},"subjects":[{"kind":"User","name":"u"}]}]}`},
			got:  func(c *Cluster) any { return []any{c.Present[KeyBindings], len(c.Bindings)} },
			want: []any{false, 1},
		},
		{
			name: "item without kind in a generic List and without selfLink is skipped",
			data: []string{`{"kind":"List","items":[{"metadata":{"name":"x","namespace":"a"},"spec":{"containers":[{"name":"c"}]}},
				{"metadata":{"name":"y","namespace":"a","selfLink":"/api/v1/namespaces/a/pods/y"},"spec":{"containers":[{"name":"c"}]}}]}`},
			got: func(c *Cluster) any {
				return []any{podNames(c.Pods, func(*PodSpec) bool { return true }), c.Present[KeyPods]}
			},
			want: []any{[]string{"y"}, true},
		},
		{
			name: "ingress rules that admit all namespaces",
			data: []string{`{"kind":"List","items":[
				{"kind":"NetworkPolicy","metadata":{"name":"open","namespace":"a"},"spec":{"podSelector":{"matchLabels":{"app":"web"}},"ingress":[
					{"from":[{"podSelector":{}}]},
					{"ports":[{"port":80}]},
					{"from":[{"namespaceSelector":{},"podSelector":{"matchLabels":{"app":"prometheus"}}},{"namespaceSelector":{"matchLabels":{"team":"ops"}}}]},
					{"from":[{"ipBlock":{"cidr":"0.0.0.0/0"}},{"ipBlock":{"cidr":"::/0"}},{"ipBlock":{"cidr":"0.0.0.0/0","except":["10.0.0.0/8"]}}]}]}},
				{"kind":"NetworkPolicy","metadata":{"name":"egress-only","namespace":"a"},"spec":{"podSelector":{},"policyTypes":["Egress"],"ingress":[{}]}},
				{"kind":"NetworkPolicy","metadata":{"name":"peers","namespace":"a"},"spec":{"podSelector":{},"ingress":[{"from":[{"namespaceSelector":{"matchExpressions":[{"key":"x","operator":"Exists"}]}}]}]}}]}`},
			got: func(c *Cluster) any {
				out := map[string][]string{}
				for _, p := range c.NetworkPoliciesByNamespace["a"] {
					if p.AdmitsAllNamespaces != (len(p.AdmitsAllNamespacesVia) > 0) {
						t.Errorf("%s: admits_all_namespaces %v with via %v", p.Name, p.AdmitsAllNamespaces, p.AdmitsAllNamespacesVia)
					}
					out[p.Name] = p.AdmitsAllNamespacesVia
				}
				return out
			},
			want: map[string][]string{
				"open": {"ingress rule 2: no from (any source)", "ingress rule 3: namespaceSelector {}",
					"ingress rule 4: ipBlock 0.0.0.0/0", "ingress rule 4: ipBlock ::/0"},
				"egress-only": {},
				"peers":       {},
			},
		},
		{
			name: "node roles, zone and readiness",
			data: []string{`{"kind":"NodeList","items":[
				{"metadata":{"name":"cp-1","labels":{"node-role.kubernetes.io/control-plane":"","node-role.kubernetes.io/etcd":"true",
					"topology.kubernetes.io/zone":"fsn1-dc14","failure-domain.beta.kubernetes.io/zone":"old"}},
					"status":{"conditions":[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"Unknown"}],"nodeInfo":{"kubeletVersion":"v1.31.4"}}},
				{"metadata":{"name":"w-1","labels":{"kubernetes.io/role":"node","node-role.kubernetes.io/":""}},"status":{}}]}`},
			got: func(c *Cluster) any { return c.Nodes },
			want: []Node{
				{Name: "cp-1", Roles: []string{"control-plane", "etcd"}, ControlPlane: true, Zone: "fsn1-dc14", Ready: boolp(false),
					Labels: map[string]string{"node-role.kubernetes.io/control-plane": "", "node-role.kubernetes.io/etcd": "true",
						"topology.kubernetes.io/zone": "fsn1-dc14", "failure-domain.beta.kubernetes.io/zone": "old"},
					KubeletVersion: "v1.31.4", KubeletMinor: "1.31", Ref: "f.json#/items/0"},
				{Name: "w-1", Roles: []string{"node"}, Labels: map[string]string{"kubernetes.io/role": "node", "node-role.kubernetes.io/": ""}, Ref: "f.json#/items/1"},
			},
		},
		{
			name: "storage class encryption by provisioner",
			data: []string{`{"kind":"StorageClassList","items":[
				{"metadata":{"name":"azure-cmk"},"provisioner":"disk.csi.azure.com","parameters":{"skuName":"Premium_LRS","DiskEncryptionSetID":"/subscriptions/x/des"}},
				{"metadata":{"name":"px","annotations":{"storageclass.beta.kubernetes.io/is-default-class":"true"}},"provisioner":"pxd.portworx.com","parameters":{"secure":"true","repl":"3"}},
				{"metadata":{"name":"ebs-off"},"provisioner":"ebs.csi.aws.com","parameters":{"encrypted":"false"}},
				{"metadata":{"name":"local"},"provisioner":"rancher.io/local-path","parameters":{"encrypted":"true"}},
				{"metadata":{"name":"hcloud-luks"},"provisioner":"csi.hetzner.cloud","parameters":{"csi.storage.k8s.io/node-publish-secret-name":"encryption-secret","csi.storage.k8s.io/node-publish-secret-namespace":"kube-system"}}]}`},
			got: func(c *Cluster) any { return c.StorageClasses },
			want: map[string]StorageClass{
				"azure-cmk": {Name: "azure-cmk", Provisioner: "disk.csi.azure.com", Parameters: map[string]string{"DiskEncryptionSetID": "/subscriptions/x/des"},
					Encrypted: true, Ref: "f.json#/items/0"},
				"px":      {Name: "px", Provisioner: "pxd.portworx.com", Default: true, Parameters: map[string]string{"secure": "true"}, Encrypted: true, Ref: "f.json#/items/1"},
				"ebs-off": {Name: "ebs-off", Provisioner: "ebs.csi.aws.com", Parameters: map[string]string{"encrypted": "false"}, Ref: "f.json#/items/2"},
				// A parameter the provisioner does not read declares nothing.
				"local": {Name: "local", Provisioner: "rancher.io/local-path", Parameters: map[string]string{}, Ref: "f.json#/items/3"},
				"hcloud-luks": {Name: "hcloud-luks", Provisioner: "csi.hetzner.cloud",
					Parameters: map[string]string{"csi.storage.k8s.io/node-publish-secret-name": "encryption-secret"}, Encrypted: true, Ref: "f.json#/items/4"},
			},
		},
		{
			name: "persistent volume claims: storage class named, empty or absent",
			data: []string{`{"kind":"PersistentVolumeClaimList","items":[
				{"metadata":{"name":"data","namespace":"b"},"spec":{"storageClassName":"fast"}},
				{"metadata":{"name":"static","namespace":"a"},"spec":{"storageClassName":"","volumeName":"pv0003"}},
				{"metadata":{"name":"pending","namespace":"a"},"spec":{}}]}`},
			got: func(c *Cluster) any { return c.PVCs },
			want: []PVC{
				{Namespace: "a", Name: "pending", InScope: true, Ref: "f.json#/items/2"},
				{Namespace: "a", Name: "static", InScope: true, Ref: "f.json#/items/1"},
				{Namespace: "b", Name: "data", InScope: true, StorageClass: "fast", Ref: "f.json#/items/0"},
			},
		},
		{
			name: "role rules: wildcard verbs and wildcard reads of secrets",
			data: []string{`{"kind":"List","items":[
				{"kind":"Role","metadata":{"name":"all-verbs-secrets","namespace":"a"},"rules":[{"apiGroups":[""],"resources":["secrets","configmaps"],"verbs":["*"]}]},
				{"kind":"Role","metadata":{"name":"read-everything","namespace":"a"},"rules":[{"apiGroups":["*"],"resources":["*"],"verbs":["get","list"]}]},
				{"kind":"Role","metadata":{"name":"named-secret","namespace":"a"},"rules":[{"apiGroups":[""],"resources":["secrets"],"resourceNames":["tls"],"verbs":["*"]}]},
				{"kind":"Role","metadata":{"name":"explicit-read","namespace":"a"},"rules":[{"apiGroups":[""],"resources":["secrets"],"verbs":["get","list","watch"]}]},
				{"kind":"Role","metadata":{"name":"apps-only","namespace":"a"},"rules":[{"apiGroups":["apps"],"resources":["*"],"verbs":["*"]}]},
				{"kind":"ClusterRole","metadata":{"name":"operator","namespace":"ignored","labels":{"app":"x"}},"rules":[{"nonResourceURLs":["/metrics"],"verbs":["*"]},{"apiGroups":["example.com"],"resources":["widgets"],"verbs":["*"]}]},
				{"kind":"ClusterRole","metadata":{"name":"aggregated","labels":{"kubernetes.io/bootstrapping":"rbac-defaults"}},"aggregationRule":{"clusterRoleSelectors":[]},"rules":null}]}`},
			got: func(c *Cluster) any { return []any{c.Roles, c.Present[KeyRoles]} },
			want: []any{[]Role{
				{Kind: "ClusterRole", Name: "aggregated", Default: true, WildcardVerbsOn: []string{}, Ref: "f.json#/items/6"},
				{Kind: "ClusterRole", Name: "operator", WildcardVerbsOn: []string{"url:/metrics", "widgets.example.com"}, Ref: "f.json#/items/5"},
				{Kind: "Role", Namespace: "a", Name: "all-verbs-secrets", InScope: true, WildcardVerbsOn: []string{"configmaps", "secrets"}, SecretsWildcard: true, Ref: "f.json#/items/0"},
				{Kind: "Role", Namespace: "a", Name: "apps-only", InScope: true, WildcardVerbsOn: []string{"*.apps"}, Ref: "f.json#/items/4"},
				{Kind: "Role", Namespace: "a", Name: "explicit-read", InScope: true, WildcardVerbsOn: []string{}, Ref: "f.json#/items/3"},
				{Kind: "Role", Namespace: "a", Name: "named-secret", InScope: true, WildcardVerbsOn: []string{"secrets"}, Ref: "f.json#/items/2"},
				{Kind: "Role", Namespace: "a", Name: "read-everything", InScope: true, WildcardVerbsOn: []string{}, SecretsWildcard: true, Ref: "f.json#/items/1"},
			}, true},
		},
		{
			name: "roles are present only with both Roles and ClusterRoles",
			data: []string{`{"kind":"ClusterRoleList","items":[]}`},
			got:  func(c *Cluster) any { return c.Present[KeyRoles] },
			want: false,
		},
		{
			name: "velero backups: defaults, filters, and kinds of other groups",
			data: []string{`{"kind":"List","items":[
				{"apiVersion":"velero.io/v1","kind":"Backup","metadata":{"name":"nightly-20261123020000","namespace":"velero","labels":{"velero.io/schedule-name":"nightly"}},
					"spec":{"excludedNamespaces":["kube-system","kube-system"],"storageLocation":"hel1","ttl":"0s"},
					"status":{"phase":"Completed","completionTimestamp":"2026-11-23T02:04:10Z"}},
				{"apiVersion":"velero.io/v1","kind":"Backup","metadata":{"name":"labelled","namespace":"velero"},"spec":{"includedNamespaces":["b","a"],"labelSelector":{"matchLabels":{"x":"y"}}}},
				{"apiVersion":"velero.io/v1","kind":"Backup","metadata":{"name":"configmaps-only","namespace":"velero"},"spec":{"includedResources":["configmaps"]}},
				{"apiVersion":"postgresql.cnpg.io/v1","kind":"Backup","metadata":{"name":"pg","namespace":"a"},"spec":{"cluster":{"name":"pg"}},"status":{"phase":"completed"}}]}`,
				`{"apiVersion":"postgresql.cnpg.io/v1","kind":"ScheduledBackupList","items":[]}`,
				`{"apiVersion":"postgresql.cnpg.io/v1","kind":"BackupList","items":[]}`},
			got: func(c *Cluster) any { return []any{c.VeleroBackups, c.Present[KeyVeleroBackups]} },
			want: []any{[]VeleroBackup{
				{Namespace: "velero", Name: "configmaps-only", IncludedNamespaces: []string{"*"}, ExcludedNamespaces: []string{}, Filtered: true, Ref: "f.json#/items/2"},
				{Namespace: "velero", Name: "labelled", IncludedNamespaces: []string{"a", "b"}, ExcludedNamespaces: []string{}, Filtered: true, Ref: "f.json#/items/1"},
				{Namespace: "velero", Name: "nightly-20261123020000", Phase: "Completed", CompletionNS: i64(time.Date(2026, 11, 23, 2, 4, 10, 0, time.UTC).UnixNano()),
					IncludedNamespaces: []string{"*"}, ExcludedNamespaces: []string{"kube-system"}, Schedule: "nightly", StorageLocation: "hel1", Ref: "f.json#/items/0"},
			}, true},
		},
		{
			name: "a typed list of another group's Backup kind is no Velero evidence",
			data: []string{`{"apiVersion":"postgresql.cnpg.io/v1","kind":"BackupList","items":[{"metadata":{"name":"pg","namespace":"a"},"spec":{}}]}`},
			got:  func(c *Cluster) any { return []any{len(c.VeleroBackups), c.Present[KeyVeleroBackups]} },
			want: []any{0, false},
		},
		{
			name: "velero schedules and storage locations",
			data: []string{`{"apiVersion":"velero.io/v1","kind":"ScheduleList","items":[
				{"metadata":{"name":"nightly","namespace":"velero"},"spec":{"schedule":"0 2 * * *","paused":true,"template":{"includedNamespaces":["*"],"orLabelSelectors":[],"ttl":"168h0m0s"}},"status":{"phase":"Enabled"}}]}`,
				`{"apiVersion":"velero.io/v1","kind":"BackupStorageLocationList","items":[
				{"metadata":{"name":"default","namespace":"velero","labels":{"nachweis.io/site":"DE-Falkenstein"}},
					"spec":{"provider":"aws","objectStorage":{"bucket":"velero-fsn1"},"config":{"region":"fsn1","s3Url":"https://fsn1.example"},"default":true},"status":{"phase":"Available"}},
				{"metadata":{"name":"hel1","namespace":"velero","annotations":{"nachweis.io/site":" FI-Helsinki "}},
					"spec":{"provider":"aws","objectStorage":{"bucket":"velero-hel1","prefix":"prod"},"accessMode":"ReadOnly"}}]}`},
			got: func(c *Cluster) any {
				return []any{c.VeleroSchedules, c.VeleroLocations, c.Present[KeyVeleroSchedules], c.Present[KeyVeleroLocations]}
			},
			want: []any{
				[]VeleroSchedule{{Namespace: "velero", Name: "nightly", Schedule: "0 2 * * *", Paused: true, Phase: "Enabled",
					IncludedNamespaces: []string{"*"}, ExcludedNamespaces: []string{}, TTLS: i64(604800), Ref: "f.json#/items/0"}},
				[]VeleroLocation{
					{Namespace: "velero", Name: "default", Provider: "aws", Bucket: "velero-fsn1", Region: "fsn1", Site: "DE-Falkenstein",
						Default: true, AccessMode: "ReadWrite", Phase: "Available", Ref: "f1.json#/items/0"},
					{Namespace: "velero", Name: "hel1", Provider: "aws", Bucket: "velero-hel1", Site: "FI-Helsinki", AccessMode: "ReadOnly", Ref: "f1.json#/items/1"},
				},
				true, true,
			},
		},
		{
			name: "unknown kinds are ignored, also with conflicting field types",
			data: []string{`{"kind":"List","items":[{"kind":"Event","metadata":{"name":"s","namespace":"a"},"type":"Normal","spec":[1]},
				{"kind":"ConfigMap","metadata":{"name":"c","namespace":"a"},"data":{"k":"v"}}]}`},
			got:  func(c *Cluster) any { return c.Present },
			want: present(),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := []File{{Path: "f.json", Kind: KindList, Data: []byte(tt.data[0])}}
			for i, d := range tt.data[1:] {
				files = append(files, File{Path: fmt.Sprintf("f%d.json", i+1), Kind: KindList, Data: []byte(d)})
			}
			c := project(t, files, Scope{})
			if diff := cmp.Diff(tt.want, tt.got(c)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestProjectIgnoresOtherFileKinds(t *testing.T) {
	files := load(t, "kubectl-get-local-apiserver", "pods.json")
	files[0].Kind = "github/members"
	c := project(t, files, Scope{})
	if len(c.Pods) != 0 || c.Present[KeyPods] {
		t.Errorf("a file of another kind was projected: %d pods, present %v", len(c.Pods), c.Present[KeyPods])
	}
}

func TestProjectErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string
	}{
		{"empty file", "", "project kubernetes objects sources/p/bad.json: empty file"},
		{"not JSON", "apiVersion: v1\nkind: Pod\n", "project kubernetes objects sources/p/bad.json: invalid JSON at byte 0 (the top-level value): unexpected 'a', expected a value"},
		{"truncated array", `[{"kind":"Pod"`, "project kubernetes objects sources/p/bad.json: invalid JSON at byte 14 (/0): unexpected end of input"},
		// Type errors name the JSON pointer and the types in words, never
		// Go types such as kubernetes.objectMeta.
		{"wrong metadata type", `{"kind":"Pod","metadata":{"labels":["a"]}}`, "project kubernetes objects sources/p/bad.json: /metadata/labels: expected an object, found an array"},
		{"metadata a string", `{"kind":"List","items":[{"kind":"Pod","metadata":"x"}]}`, "project kubernetes objects sources/p/bad.json: /items/0/metadata: expected an object, found a string"},
		{"subjects a string", `{"kind":"List","items":[{"kind":"RoleBinding","metadata":{"name":"b"}},{"kind":"RoleBinding","metadata":{"name":"c"},"subjects":"system:anonymous"}]}`,
			"project kubernetes objects sources/p/bad.json: /items/1/subjects: expected an array of objects, found a string"},
		{"wrong spec type", `{"kind":"List","items":[{"kind":"Pod","metadata":{"name":"p","namespace":"a"},"spec":{"hostNetwork":"yes"}}]}`,
			"project kubernetes objects sources/p/bad.json: sources/p/bad.json#/items/0/spec/hostNetwork (Pod a/p): expected a boolean (true or false), found a string"},
		{"containers an object", `{"kind":"List","items":[{"kind":"Pod","metadata":{"name":"p","namespace":"a"},"spec":{"containers":{"name":"app"}}}]}`,
			"project kubernetes objects sources/p/bad.json: sources/p/bad.json#/items/0/spec/containers (Pod a/p): expected an array of objects, found an object"},
		{"velero ttl", `{"kind":"List","items":[{"apiVersion":"velero.io/v1","kind":"Schedule","metadata":{"name":"s","namespace":"velero"},"spec":{"template":{"ttl":"7 days"}}}]}`,
			`project kubernetes objects sources/p/bad.json: sources/p/bad.json#/items/0 Schedule velero/s: ttl "7 days": want a duration such as 168h0m0s`},
		{"velero completion time", `{"kind":"List","items":[{"apiVersion":"velero.io/v1","kind":"Backup","metadata":{"name":"b","namespace":"velero"},"status":{"completionTimestamp":"23.11.2026"}}]}`,
			`project kubernetes objects sources/p/bad.json: sources/p/bad.json#/items/0 Backup velero/b: completionTimestamp "23.11.2026": want an RFC 3339 time`},
		// Names come from the evidence: written printable, the message
		// stays one line.
		{"velero name with a line break", `{"kind":"List","items":[{"apiVersion":"velero.io/v1","kind":"Backup","metadata":{"name":"b\n\u001b[2J","namespace":"velero"},"status":{"completionTimestamp":"x"}}]}`,
			`project kubernetes objects sources/p/bad.json: sources/p/bad.json#/items/0 Backup velero/b%0A%1B[2J: completionTimestamp "x": want an RFC 3339 time`},
		{"storage class parameters", `{"kind":"StorageClass","metadata":{"name":"x"},"provisioner":"p","parameters":{"encrypted":true}}`,
			"project kubernetes objects sources/p/bad.json: sources/p/bad.json#/parameters/encrypted (StorageClass x): expected a string, found a boolean"},
		{"pod template spec", `{"kind":"List","items":[{"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"c","namespace":"a"},
			"spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":{"name":"x"}}}}}}}]}`,
			"project kubernetes pod templates: sources/p/bad.json#/items/0/spec/jobTemplate/spec/template/spec/containers (CronJob a/c): expected an array of objects, found an object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Project([]File{{Path: "sources/p/bad.json", Kind: KindList, Data: []byte(tt.data)}}, Scope{})
			if err == nil {
				t.Fatalf("Project: no error, want %q", tt.want)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error\n got %q\nwant prefix %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "Go struct") || strings.Contains(err.Error(), "kubernetes.") {
				t.Errorf("error names Go types: %q", err)
			}
		})
	}
}

// TestProjectJSONShape checks the marshalled shape: empty collections are
// {} and [], never null, and every key of present is a boolean.
func TestProjectJSONShape(t *testing.T) {
	c := project(t, nil, Scope{})
	got, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"present":{"bindings":false,"ingresses":false,"limitranges":false,"namespaces":false,"networkpolicies":false,"nodes":false,` +
		`"persistentvolumeclaims":false,"poddisruptionbudgets":false,"pods":false,"resourcequotas":false,"roles":false,"secrets":false,` +
		`"services":false,"storageclasses":false,"velero_backups":false,"velero_backupstoragelocations":false,"velero_schedules":false,` +
		`"version":false,"workloads":false},` +
		`"errors":{},"namespaces":{},"networkpolicies_by_namespace":{},"pod_specs_by_namespace":{},"workloads":[],"pdbs_by_namespace":{},"bindings":[],"ingresses":[],` +
		`"nodes":[],"storageclasses":{},"persistentvolumeclaims":[],"roles":[],"velero_backups":[],"velero_schedules":[],"velero_backupstoragelocations":[],` +
		`"resourcequotas_by_namespace":{},"limitranges_by_namespace":{},"services":[],"service_account_tokens":[],"secret_files":[],"version":null}`
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("JSON (-want +got):\n%s", diff)
	}
}

// TestProjectGolden compares the whole projection of each fixture set,
// marshalled as the engine hands it to OPA, with a reviewed golden file.
func TestProjectGolden(t *testing.T) {
	for _, dir := range []string{"kubectl-get-local-apiserver", "sonobuoy-kind-v1.21.1", "sonobuoy-healthsummary-kind", "sonobuoy-aws-v1.8.4", "manifests-json",
		"bootstrap-rbac-v1.31.4", "velero-cli-local-apiserver", "velero-docs"} {
		t.Run(dir, func(t *testing.T) {
			c := project(t, load(t, dir), Scope{})
			got, err := json.MarshalIndent(c, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", dir+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", golden, diff)
			}
		})
	}
}

// TestProjectItemKind covers files imported with --kind kubernetes/<Kind>:
// the manifest's item_kind names the kind of objects that carry none.
func TestProjectItemKind(t *testing.T) {
	files := []File{
		{Path: "pods.json", Kind: KindList, ItemKind: "Pod", Data: []byte(`[{"metadata":{"name":"a","namespace":"n"},"spec":{"containers":[{"name":"c","securityContext":{"privileged":true}}]}}]`)},
		{Path: "netpols.json", Kind: KindList, ItemKind: "NetworkPolicy", Data: []byte(`[]`)},
		{Path: "bindings.json", Kind: KindList, ItemKind: "ClusterRoleBinding", Data: []byte(`{"kind":"List","items":[{"metadata":{"name":"b"},"roleRef":{"kind":"ClusterRole","name":"view"}}]}`)},
	}
	c := project(t, files, Scope{})
	if diff := cmp.Diff(present(KeyPods, KeyNetworkPolicies, KeyBindings), c.Present); diff != "" {
		t.Errorf("present (-want +got):\n%s", diff)
	}
	wantPods := []podView{{Workload: "pod/n/a", InScope: true, Pods: 1, Privileged: []string{"c|containers[c].securityContext.privileged=true"},
		HostPath: []string{}, HostNamespaces: []string{}, RunAsRoot: []string{"c|containers[c].securityContext.runAsUser=unset"}, Ref: "pods.json#/0"}}
	if diff := cmp.Diff(wantPods, views(c.Pods)); diff != "" {
		t.Errorf("pods (-want +got):\n%s", diff)
	}
	wantB := []Binding{{Kind: "ClusterRoleBinding", Name: "b", RoleKind: "ClusterRole", RoleName: "view", Subjects: []Subject{}, Ref: "bindings.json#/items/0"}}
	if diff := cmp.Diff(wantB, c.Bindings); diff != "" {
		t.Errorf("bindings (-want +got):\n%s", diff)
	}
}

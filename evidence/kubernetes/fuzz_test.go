package kubernetes

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/evidence/internal/fuzzcheck"
)

// The fuzz targets below feed one kubectl get -o json file (a List, a
// typed list, nested Lists, a single object or an array of objects) to
// the three readers of Kubernetes evidence: Project (the checks' input),
// NamespaceLabels (tenants selected by label) and ReadInventory (the
// deletion protocol). They check:
//
//   - an error is one line naming the file, without Go types;
//   - a projection marshals to JSON, is the same twice, is the same when
//     the file is given twice (an object is projected once, from the first
//     file; only the list of files Secrets came from grows), and every
//     ref in it leads to a value of the file;
//   - NamespaceLabels reads every namespace the projection holds, with the
//     same labels, so that a tenant selecting its namespaces by label
//     cannot lose one the checks see;
//   - ReadInventory's objects have refs into the file.
//
// FuzzProjectVelero starts from Velero's objects and checks besides that
// only objects of the API group velero.io become Velero backups,
// schedules and locations.

// fuzzPath is the bundle path of the fuzzed file.
const fuzzPath = "sources/kubernetes/prod/list.json"

// fuzzItemKinds are the item kinds a file may be imported with
// (--kind kubernetes/<Kind>); the fuzzer picks one by index.
var fuzzItemKinds = []string{"", "Pod", "Namespace", "Secret", "Backup", "ClusterRoleBinding", "Role", "Deployment"}

// fuzzSeeds are small objects of every kind the projection reads, and
// shapes of kubectl output that once confused a reader.
var fuzzSeeds = []string{
	`{"apiVersion":"v1","kind":"List","items":[]}`,
	`{"apiVersion":"v1","kind":"PodList","items":[{"metadata":{"name":"p","namespace":"acme"},"spec":{"containers":[{"name":"c","securityContext":{"privileged":true}}]}}]}`,
	`{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"List","items":[{"kind":"Namespace","metadata":{"name":"acme","labels":{"tenant":"acme"}}}]}]}`,
	`{"apiVersion":"v1","kind":"NamespaceList","items":[{"metadata":{"name":"acme","labels":{"tenant":"acme"}}},{"metadata":{"name":"kube-system"}}]}`,
	`[{"metadata":{"name":"x","selfLink":"/api/v1/namespaces/x"}},{"metadata":{"name":"p","namespace":"x","selfLink":"/api/v1/namespaces/x/pods/p"},"spec":{}}]`,
	`{"kind":"\u004eamespace","apiVersion":"v1","metadata":{"name":"acme","labels":{"a":"b"}}}`,
	`{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"deny","namespace":"acme"},"spec":{"podSelector":{},"policyTypes":["Ingress","Egress"],"ingress":[{"from":[{"namespaceSelector":{"matchLabels":{"a":"b"}}},{"ipBlock":{"cidr":"10.0.0.0/8","except":["10.1.0.0/16"]}}]}]}}`,
	`{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"acme"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx","env":[{"name":"A","value":"s3cr3t"}]}]}}}}`,
	`{"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"pdb","namespace":"acme"},"spec":{"minAvailable":"50%","selector":{"matchLabels":{"app":"web"}}}}`,
	`{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"admins"},"roleRef":{"kind":"ClusterRole","name":"cluster-admin"},"subjects":[{"kind":"User","name":"&#x1F600;"},{"kind":"Group","name":"system:masters"}]}`,
	`{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"i","namespace":"acme"},"spec":{"tls":[{"hosts":["a.example"]}],"rules":[{"host":"a.example"}]}}`,
	`{"apiVersion":"v1","kind":"Node","metadata":{"name":"n","labels":{"topology.kubernetes.io/region":"eu-central-1"}},"status":{"nodeInfo":{"kubeletVersion":"v1.31.4"}}}`,
	`{"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"name":"gp3","annotations":{"storageclass.kubernetes.io/is-default-class":"true"}},"provisioner":"ebs.csi.aws.com","parameters":{"encrypted":"true"}}`,
	`{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"data","namespace":"acme","creationTimestamp":"2026-11-01T00:00:00Z"},"spec":{"storageClassName":"gp3"},"status":{"phase":"Bound","capacity":{"storage":"1Gi"}}}`,
	`{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"r"},"rules":[{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}]}`,
	`{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","namespace":"acme"},"data":{"k":"czNjcjN0"},"items":[]}`,
	`[{"kind":"Pod","metadata":{"name":"p"}},{"kind":"Pod","metadata":{"name":"p"}},{"kind":"Namespace","metadata":{"name":"a","namespace":"b"}},{"kind":"Namespace","metadata":{"name":"a"}}]`,
	`{"kind":"PodList","items":null}`, `[]`, `{}`, `[null]`, `{"kind":"List","items":[1,"x",null]}`,
	`{"kind":"Pod","metadata":{"name":"p","labels":{"a":1}}}`, `{"kind":"Pod","metadata":{"name":"p"},"spec":[]}`,
}

// veleroSeeds are Velero objects (velero.io/v1) and look-alikes of other
// groups.
var veleroSeeds = []string{
	`{"apiVersion":"velero.io/v1","kind":"BackupList","items":[{"metadata":{"name":"b","namespace":"velero","labels":{"velero.io/schedule-name":"daily"}},"spec":{"includedNamespaces":["acme"],"storageLocation":"default","ttl":"720h0m0s"},"status":{"phase":"Completed","completionTimestamp":"2026-11-23T02:00:00Z","expiration":"2026-12-23T02:00:00Z"}}]}`,
	`{"apiVersion":"velero.io/v1","kind":"Schedule","metadata":{"name":"daily","namespace":"velero"},"spec":{"schedule":"0 2 * * *","template":{"includedNamespaces":["*"],"ttl":"720h"}},"status":{"phase":"Enabled","lastBackup":"2026-11-23T02:00:00Z"}}`,
	`{"apiVersion":"velero.io/v1","kind":"BackupStorageLocation","metadata":{"name":"default","namespace":"velero","labels":{"nachweis.io/site":"DE-Falkenstein"}},"spec":{"provider":"aws","objectStorage":{"bucket":"b"},"config":{"region":"eu-central-1"}},"status":{"phase":"Available"}}`,
	`{"apiVersion":"postgresql.cnpg.io/v1","kind":"BackupList","items":[{"metadata":{"name":"pg"},"status":{"phase":"completed"}}]}`,
	`{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"postgresql.cnpg.io/v1","kind":"Backup","metadata":{"name":"pg"}},{"kind":"Backup","metadata":{"name":"v","selfLink":"/apis/velero.io/v1/namespaces/velero/backups/v"}}]}`,
	`[{"metadata":{"name":"b","selfLink":"/apis/velero.io/v1/namespaces/velero/backups/b"},"status":{"phase":"Failed","startTimestamp":"yesterday"}}]`,
	`{"apiVersion":"velero.io/v1","kind":"Backup","metadata":{"name":"b"},"spec":{"ttl":"-1h"},"status":{"expiration":"2262-04-12T00:00:00Z"}}`,
	`{"apiVersion":"velero.io/v1","kind":"Backup","metadata":{"name":"b\n\u001b[2J","namespace":"v\r"},"status":{"completionTimestamp":"x"}}`,
}

func addFile(f *testing.F, path string, itemKind uint8) {
	f.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data, itemKind, false)
}

func FuzzProject(f *testing.F) {
	for _, dir := range []string{"manifests-json", "kubectl-get-local-apiserver", "sonobuoy-kind-v1.21.1", "sonobuoy-aws-v1.8.4"} {
		paths, _ := filepath.Glob(filepath.Join("testdata", dir, "*.json"))
		for _, p := range paths {
			// The large dumps make mutation slow; the small ones
			// hold every shape.
			if fi, err := os.Stat(p); err == nil && fi.Size() <= 13000 {
				addFile(f, p, 0)
			}
		}
	}
	// sonobuoy's bare arrays carry no kind: imported with --kind.
	addFile(f, filepath.Join("testdata", "sonobuoy-kind-v1.21.1", "ns-local-path-storage__core_v1_pods.json"), 1)
	for i, s := range fuzzSeeds {
		f.Add([]byte(s), uint8(i), i%2 == 0)
	}
	f.Fuzz(func(t *testing.T, data []byte, itemKind uint8, tenants bool) {
		checkKubernetes(t, data, itemKind, tenants)
	})
}

func FuzzProjectVelero(f *testing.F) {
	for _, dir := range []string{"velero-cli-local-apiserver", "velero-docs"} {
		paths, _ := filepath.Glob(filepath.Join("testdata", dir, "*.json"))
		for _, p := range paths {
			addFile(f, p, 0)
		}
	}
	for i, s := range veleroSeeds {
		f.Add([]byte(s), uint8(4*(i%2)), i%2 == 0)
	}
	f.Fuzz(func(t *testing.T, data []byte, itemKind uint8, tenants bool) {
		c := checkKubernetes(t, data, itemKind, tenants)
		if c == nil {
			return
		}
		var refs []string
		for _, b := range c.VeleroBackups {
			refs = append(refs, b.Ref)
		}
		for _, s := range c.VeleroSchedules {
			refs = append(refs, s.Ref)
		}
		for _, l := range c.VeleroLocations {
			refs = append(refs, l.Ref)
		}
		for _, ref := range refs {
			_, ptr, _ := strings.Cut(ref, "#")
			v, err := fuzzcheck.Resolve(data, ptr)
			if err != nil {
				t.Fatal(err)
			}
			obj, _ := v.(map[string]any)
			av, _ := obj["apiVersion"].(string)
			if av != "" && !strings.HasPrefix(av, "velero.io/") {
				t.Fatalf("%s: an object of %s became Velero evidence", ref, av)
			}
		}
	})
}

// checkKubernetes projects data as one file and checks the properties
// listed above; it returns the projection, nil on a refusal.
func checkKubernetes(t *testing.T, data []byte, itemKind uint8, tenants bool) *Cluster {
	t.Helper()
	file := File{Path: fuzzPath, Kind: KindList, ItemKind: fuzzItemKinds[int(itemKind)%len(fuzzItemKinds)], Data: data}
	scope := Scope{}
	if tenants {
		scope.TenantNamespaces = map[string]string{"acme": "acme", "kube-system": "platform"}
	}
	inv, ierr := ReadInventory([]File{file})
	if ierr != nil {
		if e := fuzzcheck.Message(ierr, fuzzPath); e != nil {
			t.Fatalf("ReadInventory: %v", e)
		}
	} else {
		if _, err := json.Marshal(inv); err != nil {
			t.Fatalf("inventory does not marshal: %v", err)
		}
		if len(inv.Objects) > 0 {
			in, err := fuzzcheck.Parse(data)
			if err != nil {
				t.Fatalf("an inventory with objects of a file that is not JSON: %v", err)
			}
			for _, o := range inv.Objects {
				if err := in.Ref(o.Ref, fuzzPath); err != nil {
					t.Fatalf("inventory object %s %s/%s: %v", o.Kind, o.Namespace, o.Name, err)
				}
			}
		}
	}
	labels, lerr := NamespaceLabels([]File{file})
	if lerr != nil {
		if e := fuzzcheck.Message(lerr, fuzzPath); e != nil {
			t.Fatalf("NamespaceLabels: %v", e)
		}
	}
	c, err := Project([]File{file}, scope)
	if err != nil {
		if e := fuzzcheck.Message(err, fuzzPath); e != nil {
			t.Fatalf("Project: %v", e)
		}
		return nil
	}
	out, err := json.Marshal(c)
	if err != nil {
		t.Fatalf("projection does not marshal: %v", err)
	}
	again, err := Project([]File{file}, scope)
	if err != nil {
		t.Fatalf("second projection fails: %v", err)
	}
	if diff := cmp.Diff(c, again); diff != "" {
		t.Fatalf("two projections differ:\n%s", diff)
	}
	twice := file
	twice.Path = "sources/kubernetes/prod/again.json"
	both, err := Project([]File{file, twice}, scope)
	if err != nil {
		t.Fatalf("the file given twice fails: %v", err)
	}
	// SecretFiles lists the files Secrets were read from: both.
	both.SecretFiles = c.SecretFiles
	if diff := cmp.Diff(c, both); diff != "" {
		t.Fatalf("the file given twice projects differently (-once +twice):\n%s", diff)
	}
	var doc any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if rs := refs(doc, nil); len(rs) > 0 {
		in, err := fuzzcheck.Parse(data)
		if err != nil {
			t.Fatalf("a projection with refs of a file that is not JSON: %v", err)
		}
		for _, ref := range rs {
			if err := in.Ref(ref, fuzzPath); err != nil {
				t.Fatal(err)
			}
		}
	}
	if lerr != nil {
		t.Fatalf("Project reads the file, NamespaceLabels does not: %v", lerr)
	}
	for name, ns := range c.Namespaces {
		if name == "" {
			continue // no tenant can select a namespace without a name
		}
		got, ok := labels[name]
		if !ok {
			t.Fatalf("namespace %q is projected, NamespaceLabels does not see it (has %v)", name, slicesOf(labels))
		}
		if !maps.Equal(got, ns.Labels) {
			t.Fatalf("namespace %q: NamespaceLabels reads labels %v, the projection %v", name, got, ns.Labels)
		}
	}
	return c
}

// refs collects the values of every "ref" key in a marshalled projection.
func refs(v any, out []string) []string {
	switch x := v.(type) {
	case map[string]any:
		for k, child := range x {
			if s, ok := child.(string); ok && k == "ref" {
				out = append(out, s)
				continue
			}
			out = refs(child, out)
		}
	case []any:
		for _, child := range x {
			out = refs(child, out)
		}
	}
	return out
}

func slicesOf(m map[string]map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

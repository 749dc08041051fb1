package policies

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/config"
)

// The scale benchmark checks the DESIGN.md target: a provider of 2,000
// tenant namespaces (~90k Kubernetes objects, 10k backup snapshots) is
// checked in ≤3 s and ≤500 MB. The generator writes a synthetic but
// realistic bundle with evidence.Write: kubectl get -o json Lists, restic
// snapshots --json arrays with a tag per tenant, and a configuration that
// names every tenant. Some tenants fail on purpose in ways the generator
// records (scaleWant), so TestCheckScaleSmall can prove that what it
// generates is read as intended.

// scaleNow is the bundle's collection time and the evaluation clock.
var scaleNow = time.Date(2026, 11, 23, 19, 0, 0, 0, time.UTC)

// scaleSource is the name of the generated Kubernetes source.
const scaleSource = "prod"

// scaleRepos are the generated restic repositories: each tenant has its
// primary copy in fsn1 or nbg1 (by parity) and an off-site copy in hel1.
var scaleRepos = []struct {
	name, site string
	daily      int
}{
	{"fsn1", "DE-Falkenstein", 3},
	{"nbg1", "DE-Nuremberg", 3},
	{"hel1", "FI-Helsinki", 2},
}

// scaleFixture is one generated provider.
type scaleFixture struct {
	opt       RunOptions
	objects   int // Kubernetes objects in the bundle
	snapshots int // restic snapshots in the bundle
	rawBytes  int // bytes of all evidence files
	want      scaleWant
}

// scaleWant holds what the generator made fail, as result resources.
type scaleWant struct {
	netpolFail    []string // K8S-NET-01: no default-deny policy for ingress and egress
	ingressFail   []string // K8S-ING-01: a host without TLS
	privileged    []string // K8S-POD-01: pods with a privileged container
	hostNetwork   []string // K8S-POD-03: pods with hostNetwork
	availFail     []string // K8S-AVAIL-01: production deployments with 1 replica or no PDB
	staleTenants  []string // BAK-FRESH-01: tenants whose newest snapshot is too old
	noBackup      []string // BAK-FRESH-01: tenants without any snapshot (no-evidence)
	adminBindings []string // K8S-RBAC-01: cluster-admin bindings to subjects not allowed
	namespaces    int
}

// Which tenant gets which defect: a few percent each, spread so that
// every kind of defect occurs in a 20-tenant provider.
func scaleNoNetpol(i int) bool      { return i%17 == 3 }  // only an allow policy
func scaleIngressDeny(i int) bool   { return i%29 == 5 }  // default-deny for ingress only
func scaleStage(i int) bool         { return i%4 == 3 }   // a staging, not a production, namespace
func scaleWorkerSingle(i int) bool  { return i%7 == 0 }   // worker Deployment with 1 replica
func scaleWorkerNoPDB(i int) bool   { return i%9 == 4 }   // worker without PodDisruptionBudget
func scaleNoTLS(i int) bool         { return i%11 == 6 }  // Ingress without TLS
func scalePartialTLS(i int) bool    { return i%31 == 2 }  // TLS covers only one of two hosts
func scalePrivileged(i int) bool    { return i%50 == 7 }  // privileged log shipper with hostPath
func scaleHostNetwork(i int) bool   { return i%97 == 11 } // a debug pod on the host network
func scaleStaleBackup(i int) bool   { return i%13 == 9 }  // newest snapshots 2 days too old
func scaleNoBackupAtAll(i int) bool { return i%41 == 17 } // selectors declared, no snapshot

func scaleTenant(i int) string { return fmt.Sprintf("kunde-%04d", i) }

func scaleNamespace(i int) string {
	if scaleStage(i) {
		return scaleTenant(i) + "-stage"
	}
	return scaleTenant(i) + "-prod"
}

// hexID returns a stable 64-digit hex id, like a restic snapshot id or a
// Kubernetes uid source.
func hexID(parts ...any) string {
	sum := sha256.Sum256([]byte(fmt.Sprint(parts...)))
	return hex.EncodeToString(sum[:])
}

func uid(parts ...any) string {
	h := hexID(parts...)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

type obj = map[string]any

type list []any

// k8sList is kubectl get -A -o json output.
func k8sList(items list) ([]byte, error) {
	return json.Marshal(obj{"apiVersion": "v1", "kind": "List", "metadata": obj{"resourceVersion": ""}, "items": items})
}

func meta(kind string, ns, name string, labels obj, seq int) obj {
	m := obj{
		"name":              name,
		"uid":               uid(kind, ns, name),
		"resourceVersion":   strconv.Itoa(100000 + seq),
		"creationTimestamp": "2026-09-14T08:12:41Z",
		"generation":        1,
	}
	if ns != "" {
		m["namespace"] = ns
	}
	if labels != nil {
		m["labels"] = labels
	}
	return m
}

// app describes one Deployment of a tenant namespace.
type app struct {
	name     string
	image    string
	port     int
	replicas int
	pdb      bool
}

func scaleApps(i int) []app {
	worker := app{name: "worker", image: "queue-worker:2.7.0", port: 9090, replicas: 6, pdb: !scaleWorkerNoPDB(i)}
	if scaleWorkerSingle(i) {
		worker.replicas = 1
	}
	return []app{
		{name: "web", image: "shop-frontend:4.12.3", port: 8080, replicas: 10, pdb: true},
		{name: "api", image: "shop-api:3.4.1", port: 8000, replicas: 8, pdb: true},
		worker,
	}
}

func container(name, image string, port int, sc obj) obj {
	c := obj{
		"name":            name,
		"image":           "registry.beispiel-cloud.de/" + image,
		"imagePullPolicy": "IfNotPresent",
		"resources": obj{
			"limits":   obj{"cpu": "500m", "memory": "512Mi"},
			"requests": obj{"cpu": "100m", "memory": "256Mi"},
		},
		"terminationMessagePath":   "/dev/termination-log",
		"terminationMessagePolicy": "File",
		"volumeMounts": list{
			obj{"mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "name": "kube-api-access", "readOnly": true},
		},
	}
	if port > 0 {
		c["ports"] = list{obj{"containerPort": port, "protocol": "TCP", "name": "http"}}
		c["readinessProbe"] = obj{"httpGet": obj{"path": "/healthz", "port": port, "scheme": "HTTP"}, "periodSeconds": 10, "timeoutSeconds": 1, "successThreshold": 1, "failureThreshold": 3}
	}
	if sc != nil {
		c["securityContext"] = sc
	}
	return c
}

var restrictedContainer = obj{
	"allowPrivilegeEscalation": false,
	"readOnlyRootFilesystem":   true,
	"capabilities":             obj{"drop": list{"ALL"}},
}

func pod(ns, name string, labels obj, owner obj, spec obj, seq int) obj {
	m := meta("Pod", ns, name, labels, seq)
	delete(m, "generation")
	if owner != nil {
		m["ownerReferences"] = list{owner}
		m["generateName"] = name[:strings.LastIndexByte(name, '-')+1]
	}
	spec["dnsPolicy"] = "ClusterFirst"
	spec["enableServiceLinks"] = true
	spec["restartPolicy"] = "Always"
	spec["schedulerName"] = "default-scheduler"
	spec["serviceAccountName"] = "default"
	spec["terminationGracePeriodSeconds"] = 30
	spec["nodeName"] = fmt.Sprintf("worker-%02d.fsn1.beispiel-cloud.de", seq%40)
	spec["tolerations"] = list{
		obj{"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists", "tolerationSeconds": 300},
		obj{"effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "operator": "Exists", "tolerationSeconds": 300},
	}
	vols, _ := spec["volumes"].(list)
	spec["volumes"] = append(vols, obj{"name": "kube-api-access", "projected": obj{"defaultMode": 420, "sources": list{
		obj{"serviceAccountToken": obj{"expirationSeconds": 3607, "path": "token"}},
		obj{"configMap": obj{"name": "kube-root-ca.crt", "items": list{obj{"key": "ca.crt", "path": "ca.crt"}}}},
	}}})
	return obj{
		"apiVersion": "v1",
		"kind":       "Pod",
		"metadata":   m,
		"spec":       spec,
		"status": obj{
			"phase":     "Running",
			"qosClass":  "Burstable",
			"podIP":     fmt.Sprintf("10.%d.%d.%d", 64+seq/65536%64, seq/256%256, seq%256),
			"hostIP":    fmt.Sprintf("192.168.10.%d", 10+seq%40),
			"startTime": "2026-11-20T03:11:09Z",
			"conditions": list{
				obj{"type": "Ready", "status": "True", "lastTransitionTime": "2026-11-20T03:11:31Z"},
				obj{"type": "ContainersReady", "status": "True", "lastTransitionTime": "2026-11-20T03:11:31Z"},
				obj{"type": "PodScheduled", "status": "True", "lastTransitionTime": "2026-11-20T03:11:09Z"},
			},
		},
	}
}

// k8sObjects holds the generated lists by file name.
type k8sObjects struct {
	namespaces, netpols, pods, deployments, pdbs, ingresses, rolebindings, crbs list
}

func (k *k8sObjects) count() int {
	return len(k.namespaces) + len(k.netpols) + len(k.pods) + len(k.deployments) + len(k.pdbs) + len(k.ingresses) + len(k.rolebindings) + len(k.crbs)
}

// tenantObjects generates the objects of tenant i's namespace.
func (k *k8sObjects) tenantObjects(i int, want *scaleWant) {
	t, ns := scaleTenant(i), scaleNamespace(i)
	env := "production"
	if scaleStage(i) {
		env = "staging"
	}
	seq := i * 100
	k.namespaces = append(k.namespaces, obj{
		"apiVersion": "v1", "kind": "Namespace",
		"metadata": meta("Namespace", "", ns, obj{
			"kubernetes.io/metadata.name":        ns,
			"beispiel-cloud.de/tenant":           t,
			"environment":                        env,
			"pod-security.kubernetes.io/enforce": "restricted",
		}, seq),
		"spec":   obj{"finalizers": list{"kubernetes"}},
		"status": obj{"phase": "Active"},
	})
	want.namespaces++

	netpol := func(name string, spec obj) {
		seq++
		k.netpols = append(k.netpols, obj{"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": meta("NetworkPolicy", ns, name, nil, seq), "spec": spec})
	}
	switch {
	case scaleNoNetpol(i):
		want.netpolFail = append(want.netpolFail, scaleSource+"/namespace/"+ns)
	case scaleIngressDeny(i):
		netpol("default-deny-ingress", obj{"podSelector": obj{}, "policyTypes": list{"Ingress"}})
		want.netpolFail = append(want.netpolFail, scaleSource+"/namespace/"+ns)
	default:
		netpol("default-deny-all", obj{"podSelector": obj{}, "policyTypes": list{"Ingress", "Egress"}})
	}
	netpol("allow-from-ingress-nginx", obj{
		"podSelector": obj{"matchLabels": obj{"app.kubernetes.io/name": "web"}},
		"policyTypes": list{"Ingress"},
		"ingress": list{obj{
			"from":  list{obj{"namespaceSelector": obj{"matchLabels": obj{"kubernetes.io/metadata.name": "ingress-nginx"}}}},
			"ports": list{obj{"port": 8080, "protocol": "TCP"}},
		}},
	})
	netpol("allow-dns", obj{
		"podSelector": obj{},
		"policyTypes": list{"Egress"},
		"egress": list{obj{
			"to":    list{obj{"namespaceSelector": obj{"matchLabels": obj{"kubernetes.io/metadata.name": "kube-system"}}, "podSelector": obj{"matchLabels": obj{"k8s-app": "kube-dns"}}}},
			"ports": list{obj{"port": 53, "protocol": "UDP"}, obj{"port": 53, "protocol": "TCP"}},
		}},
	})

	podSC := obj{"runAsNonRoot": true, "runAsUser": 10001, "fsGroup": 10001, "seccompProfile": obj{"type": "RuntimeDefault"}}
	npods := 0
	for _, a := range scaleApps(i) {
		seq++
		labels := obj{"app.kubernetes.io/name": a.name, "app.kubernetes.io/part-of": "shop", "beispiel-cloud.de/tenant": t}
		hash := hexID(ns, a.name)[:10]
		k.deployments = append(k.deployments, obj{
			"apiVersion": "apps/v1", "kind": "Deployment",
			"metadata": meta("Deployment", ns, a.name, labels, seq),
			"spec": obj{
				"replicas":                a.replicas,
				"revisionHistoryLimit":    10,
				"progressDeadlineSeconds": 600,
				"selector":                obj{"matchLabels": obj{"app.kubernetes.io/name": a.name}},
				"strategy":                obj{"type": "RollingUpdate", "rollingUpdate": obj{"maxSurge": "25%", "maxUnavailable": "25%"}},
				"template": obj{
					"metadata": obj{"labels": labels},
					"spec": obj{
						"securityContext": podSC,
						"containers":      list{container(a.name, a.image, a.port, restrictedContainer)},
					},
				},
			},
			"status": obj{"replicas": a.replicas, "readyReplicas": a.replicas, "availableReplicas": a.replicas, "observedGeneration": 1},
		})
		if a.pdb {
			seq++
			k.pdbs = append(k.pdbs, obj{
				"apiVersion": "policy/v1", "kind": "PodDisruptionBudget",
				"metadata": meta("PodDisruptionBudget", ns, a.name+"-pdb", nil, seq),
				"spec":     obj{"minAvailable": 1, "selector": obj{"matchLabels": obj{"app.kubernetes.io/name": a.name}}},
				"status":   obj{"currentHealthy": a.replicas, "desiredHealthy": 1, "disruptionsAllowed": a.replicas - 1, "expectedPods": a.replicas, "observedGeneration": 1},
			})
		}
		if !scaleStage(i) && (a.replicas < 2 || !a.pdb) {
			want.availFail = append(want.availFail, scaleSource+"/deployment/"+ns+"/"+a.name)
		}
		owner := obj{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": a.name + "-" + hash, "uid": uid("ReplicaSet", ns, a.name), "controller": true, "blockOwnerDeletion": true}
		for r := range a.replicas {
			seq++
			name := fmt.Sprintf("%s-%s-%s", a.name, hash, hexID(ns, a.name, r)[:5])
			podLabels := obj{"app.kubernetes.io/name": a.name, "app.kubernetes.io/part-of": "shop", "beispiel-cloud.de/tenant": t, "pod-template-hash": hash}
			spec := obj{
				"securityContext": podSC,
				"containers":      list{container(a.name, a.image, a.port, restrictedContainer)},
				"volumes":         list{obj{"name": "tmp", "emptyDir": obj{"sizeLimit": "64Mi"}}},
			}
			k.pods = append(k.pods, pod(ns, name, podLabels, owner, spec, seq))
			npods++
		}
	}
	// Nightly export jobs: completed pods owned by Jobs, running as the
	// image's user (root), which no check forbids.
	for j := 0; npods < 30; j++ {
		seq++
		job := fmt.Sprintf("export-2911%02d", 20+j)
		name := job + "-" + hexID(ns, job)[:5]
		owner := obj{"apiVersion": "batch/v1", "kind": "Job", "name": job, "uid": uid("Job", ns, job), "controller": true, "blockOwnerDeletion": true}
		spec := obj{"containers": list{container("export", "db-export:1.0.4", 0, nil)}}
		p := pod(ns, name, obj{"job-name": job, "batch.kubernetes.io/job-name": job}, owner, spec, seq)
		p["status"].(obj)["phase"] = "Succeeded"
		k.pods = append(k.pods, p)
		npods++
	}
	if scalePrivileged(i) {
		seq++
		name := "log-shipper-" + hexID(ns, "log")[:5]
		owner := obj{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": "log-shipper", "uid": uid("DaemonSet", ns, "log-shipper"), "controller": true, "blockOwnerDeletion": true}
		spec := obj{
			"containers": list{container("fluent-bit", "fluent-bit:3.1.9", 2020, obj{"privileged": true, "runAsUser": 0})},
			"volumes":    list{obj{"name": "varlog", "hostPath": obj{"path": "/var/log", "type": ""}}},
		}
		k.pods = append(k.pods, pod(ns, name, obj{"app.kubernetes.io/name": "log-shipper"}, owner, spec, seq))
		want.privileged = append(want.privileged, scaleSource+"/pod/"+ns+"/"+name)
	}
	if scaleHostNetwork(i) {
		seq++
		name := "netdebug"
		spec := obj{"hostNetwork": true, "securityContext": podSC, "containers": list{container("netshoot", "netshoot:0.13", 0, restrictedContainer)}}
		p := pod(ns, name, obj{"run": "netdebug"}, nil, spec, seq)
		k.pods = append(k.pods, p)
		want.hostNetwork = append(want.hostNetwork, scaleSource+"/pod/"+ns+"/"+name)
	}

	seq++
	host, www := t+".kunden.beispiel-cloud.de", "www."+t+".kunden.beispiel-cloud.de"
	ing := obj{
		"ingressClassName": "nginx",
		"rules": list{
			obj{"host": host, "http": obj{"paths": list{obj{"path": "/", "pathType": "Prefix", "backend": obj{"service": obj{"name": "web", "port": obj{"number": 8080}}}}}}},
			obj{"host": www, "http": obj{"paths": list{obj{"path": "/", "pathType": "Prefix", "backend": obj{"service": obj{"name": "web", "port": obj{"number": 8080}}}}}}},
		},
	}
	switch {
	case scaleNoTLS(i):
		want.ingressFail = append(want.ingressFail, scaleSource+"/ingress/"+ns+"/web")
	case scalePartialTLS(i):
		ing["tls"] = list{obj{"hosts": list{host}, "secretName": "web-tls"}}
		want.ingressFail = append(want.ingressFail, scaleSource+"/ingress/"+ns+"/web")
	default:
		ing["tls"] = list{obj{"hosts": list{host, www}, "secretName": "web-tls"}}
	}
	k.ingresses = append(k.ingresses, obj{
		"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
		"metadata": func() obj {
			m := meta("Ingress", ns, "web", obj{"app.kubernetes.io/name": "web"}, seq)
			m["annotations"] = obj{"cert-manager.io/cluster-issuer": "letsencrypt", "nginx.ingress.kubernetes.io/proxy-body-size": "16m"}
			return m
		}(),
		"spec":   ing,
		"status": obj{"loadBalancer": obj{"ingress": list{obj{"ip": "203.0.113.10"}}}},
	})

	for _, rb := range []struct{ name, role, kind, subject string }{
		{"tenant-admins", "admin", "Group", "oidc:" + t + ":admins"},
		{"ci-deployer", "edit", "ServiceAccount", "deployer"},
	} {
		seq++
		s := obj{"kind": rb.kind, "name": rb.subject}
		if rb.kind == "ServiceAccount" {
			s["namespace"] = ns
		} else {
			s["apiGroup"] = "rbac.authorization.k8s.io"
		}
		k.rolebindings = append(k.rolebindings, obj{
			"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
			"metadata": meta("RoleBinding", ns, rb.name, nil, seq),
			"roleRef":  obj{"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": rb.role},
			"subjects": list{s},
		})
	}
}

// clusterObjects adds the platform's own namespaces and the
// ClusterRoleBindings of a kubeadm cluster plus the provider's.
func (k *k8sObjects) clusterObjects(want *scaleWant) {
	for i, ns := range []string{"default", "kube-system", "kube-public", "kube-node-lease", "ingress-nginx", "cert-manager", "monitoring"} {
		k.namespaces = append(k.namespaces, obj{
			"apiVersion": "v1", "kind": "Namespace",
			"metadata": meta("Namespace", "", ns, obj{"kubernetes.io/metadata.name": ns}, i),
			"spec":     obj{"finalizers": list{"kubernetes"}},
			"status":   obj{"phase": "Active"},
		})
	}
	crb := func(name, role string, subjects ...obj) {
		k.crbs = append(k.crbs, obj{
			"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
			"metadata": meta("ClusterRoleBinding", "", name, obj{"kubernetes.io/bootstrapping": "rbac-defaults"}, len(k.crbs)),
			"roleRef":  obj{"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role},
			"subjects": list(func() []any {
				out := make([]any, len(subjects))
				for i, s := range subjects {
					out[i] = s
				}
				return out
			}()),
		})
	}
	group := func(n string) obj { return obj{"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": n} }
	user := func(n string) obj { return obj{"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": n} }
	sa := func(ns, n string) obj { return obj{"kind": "ServiceAccount", "namespace": ns, "name": n} }
	crb("cluster-admin", "cluster-admin", group("system:masters"))
	crb("platform-ops-admin", "cluster-admin", group("platform-ops"))
	crb("kubecfg-cluster-admin", "cluster-admin", user("kubecfg"))
	want.adminBindings = append(want.adminBindings, scaleSource+"/clusterrolebinding/kubecfg-cluster-admin")
	crb("argocd-application-controller", "cluster-admin", sa("argocd", "argocd-application-controller"))
	want.adminBindings = append(want.adminBindings, scaleSource+"/clusterrolebinding/argocd-application-controller")
	for _, r := range []string{
		"system:basic-user", "system:discovery", "system:public-info-viewer", "system:monitoring",
		"system:node-proxier", "system:kube-controller-manager", "system:kube-dns", "system:kube-scheduler",
		"system:volume-scheduler", "system:service-account-issuer-discovery", "kubeadm:get-nodes",
		"system:controller:attachdetach-controller", "system:controller:clusterrole-aggregation-controller",
		"system:controller:cronjob-controller", "system:controller:daemon-set-controller",
		"system:controller:deployment-controller", "system:controller:disruption-controller",
		"system:controller:endpoint-controller", "system:controller:endpointslice-controller",
		"system:controller:ephemeral-volume-controller", "system:controller:expand-controller",
		"system:controller:generic-garbage-collector", "system:controller:horizontal-pod-autoscaler",
		"system:controller:job-controller", "system:controller:namespace-controller",
		"system:controller:node-controller", "system:controller:persistent-volume-binder",
		"system:controller:pod-garbage-collector", "system:controller:pv-protection-controller",
		"system:controller:pvc-protection-controller", "system:controller:replicaset-controller",
		"system:controller:replication-controller", "system:controller:resourcequota-controller",
		"system:controller:root-ca-cert-publisher", "system:controller:route-controller",
		"system:controller:service-account-controller", "system:controller:service-controller",
		"system:controller:statefulset-controller", "system:controller:ttl-after-finished-controller",
		"system:controller:ttl-controller", "ingress-nginx", "cert-manager-controller-issuers",
		"cert-manager-controller-certificates", "prometheus-operator", "prometheus-k8s",
		"kube-state-metrics", "node-exporter",
	} {
		crb(r, r, sa("kube-system", strings.ReplaceAll(strings.TrimPrefix(r, "system:controller:"), ":", "-")))
	}
	slices.Sort(want.adminBindings)
}

// resticTimeZone is the local time restic prints snapshot times in.
var resticTimeZone = time.FixedZone("CET", 3600)

// snapshotTimes returns the snapshot times of tenant i in a repository:
// daily at night, the last `days` days; two days older when the tenant's
// backups are stale.
func snapshotTimes(i, days int, hour int) []time.Time {
	if scaleNoBackupAtAll(i) {
		return nil
	}
	shift := 0
	if scaleStaleBackup(i) {
		shift = 2
	}
	day := time.Date(scaleNow.Year(), scaleNow.Month(), scaleNow.Day(), hour, (i*7)%60, i%60, (i*7919)%1000*1000000, time.UTC)
	out := make([]time.Time, 0, days)
	for d := days - 1 + shift; d >= shift; d-- {
		out = append(out, day.AddDate(0, 0, -d))
	}
	return out
}

// resticRepo returns the restic files of one repository for tenants
// 0..n-1, and the number of snapshots.
func resticRepo(r int, n int) ([]evidence.Item, int, error) {
	repo := scaleRepos[r]
	var snaps []obj
	for i := range n {
		days, hour := repo.daily, 1
		if repo.name == "hel1" {
			hour = 4
		} else if i%2 != r {
			continue // primary copy in fsn1 (even) or nbg1 (odd)
		}
		t := scaleTenant(i)
		parent := ""
		for _, at := range snapshotTimes(i, days, hour) {
			id := hexID(repo.name, t, at.UnixNano())
			s := obj{
				"time":            at.In(resticTimeZone).Format(time.RFC3339Nano),
				"tree":            hexID("tree", id),
				"paths":           list{"/srv/tenants/" + t},
				"hostname":        fmt.Sprintf("backup-%02d", i%8),
				"username":        "root",
				"uid":             0,
				"gid":             0,
				"tags":            list{t, "daily", "k8s-volumes"},
				"program_version": "restic 0.17.3",
				"summary": obj{
					"backup_start": at.Format(time.RFC3339Nano), "backup_end": at.Add(95 * time.Second).Format(time.RFC3339Nano),
					"files_new": 12, "files_changed": 48, "files_unmodified": 20113, "dirs_new": 0, "dirs_changed": 7, "dirs_unmodified": 1480,
					"data_blobs": 51, "tree_blobs": 8, "data_added": 7345001, "data_added_packed": 3051122,
					"total_files_processed": 20173, "total_bytes_processed": 2151234567,
				},
				"id":       id,
				"short_id": id[:8],
			}
			if parent != "" {
				s["parent"] = parent
			}
			parent = id
			snaps = append(snaps, s)
		}
	}
	// restic lists snapshots by time.
	slices.SortStableFunc(snaps, func(a, b obj) int { return strings.Compare(a["id"].(string), b["id"].(string)) })
	slices.SortStableFunc(snaps, func(a, b obj) int {
		ta, _ := time.Parse(time.RFC3339Nano, a["time"].(string))
		tb, _ := time.Parse(time.RFC3339Nano, b["time"].(string))
		return ta.Compare(tb)
	})
	raw, err := json.Marshal(snaps)
	if err != nil {
		return nil, 0, err
	}
	cfg, err := json.MarshalIndent(obj{"version": 2, "id": hexID("repo", repo.name), "chunker_polynomial": "2f35c4de48a0b9"}, "", "  ")
	if err != nil {
		return nil, 0, err
	}
	check := fmt.Sprintf("using temporary cache in /tmp/restic-check-cache-1427239807\ncreate exclusive lock for repository\nload indexes\ncheck all packs\ncheck snapshots, trees and blobs\n[0:41] 100.00%%  %d / %d snapshots\n\nno errors were found\n", len(snaps), len(snaps))
	stats := fmt.Sprintf(`{"total_size":%d,"total_file_count":0,"total_blob_count":%d,"snapshots_count":%d}`+"\n", 91234567890+len(snaps), 412345+len(snaps), len(snaps))
	return []evidence.Item{
		{Kind: evidence.KindResticSnapshots, Origin: "snapshots.json", Data: raw},
		{Kind: evidence.KindResticConfig, Origin: "cat-config.json", Data: append(cfg, '\n')},
		{Kind: evidence.KindResticCheck, Origin: "check.txt", Data: []byte(check)},
		{Kind: evidence.KindResticStats, Origin: "stats-raw-data.json", Data: []byte(stats)},
	}, len(snaps), nil
}

// scaleConfig is the provider's nachweis.yaml: every tenant with its
// namespace, and per repository its site, retention and a tag selector
// per tenant.
func scaleConfig(n int) []byte {
	var sb strings.Builder
	sb.WriteString("organisation:\n  name: Skalierung Cloud GmbH\n  address: Musterstraße 12, 90402 Nürnberg\n  dpo: {name: Dr. Erika Mustermann, email: datenschutz@skalierung.example}\n")
	sb.WriteString("tenants:\n")
	for i := range n {
		fmt.Fprintf(&sb, "  - id: %s\n    name: Kunde %04d GmbH\n    namespaces: [%s]\n    contract: {reference: AVV-2026-%04d, date: 2026-01-15}\n", scaleTenant(i), i, scaleNamespace(i), i)
	}
	fmt.Fprintf(&sb, "sources:\n  kubernetes:\n    - name: %s\n      context: prod-fsn1\n  restic:\n", scaleSource)
	for r, repo := range scaleRepos {
		fmt.Fprintf(&sb, "    - name: %s\n      repository: sftp:restic@%s.backup.example:/srv/restic/tenants\n      password_env: RESTIC_PASSWORD_%s\n      site: %s\n      max_age: 26h\n      retention: {daily: %d}\n      tenants:\n",
			repo.name, repo.name, strings.ToUpper(repo.name), repo.site, repo.daily)
		for i := range n {
			if repo.name != "hel1" && i%2 != r {
				continue
			}
			fmt.Fprintf(&sb, "        %s: {tags: [%s]}\n", scaleTenant(i), scaleTenant(i))
		}
	}
	sb.WriteString("parameters:\n  allowed_cluster_admins: [Group/system:masters, Group/platform-ops]\n")
	return []byte(sb.String())
}

// newScaleFixture writes the bundle of a provider with n tenants to
// dir/bundle and its configuration to dir/nachweis.yaml, and returns the
// options to check it.
func newScaleFixture(tb testing.TB, dir string, n int) *scaleFixture {
	tb.Helper()
	f := &scaleFixture{}
	k := &k8sObjects{}
	k.clusterObjects(&f.want)
	for i := range n {
		k.tenantObjects(i, &f.want)
		if scaleStaleBackup(i) && !scaleNoBackupAtAll(i) {
			f.want.staleTenants = append(f.want.staleTenants, "backup/tenant/"+scaleTenant(i))
		}
		if scaleNoBackupAtAll(i) {
			f.want.noBackup = append(f.want.noBackup, "backup/tenant/"+scaleTenant(i))
		}
	}
	f.objects = k.count()

	var items []evidence.Item
	for _, l := range []struct {
		origin string
		items  list
	}{
		{"namespaces.json", k.namespaces},
		{"networkpolicies.json", k.netpols},
		{"pods.json", k.pods},
		{"deployments.json", k.deployments},
		{"poddisruptionbudgets.json", k.pdbs},
		{"ingresses.json", k.ingresses},
		{"clusterrolebindings.json", k.crbs},
		{"rolebindings.json", k.rolebindings},
	} {
		data, err := k8sList(l.items)
		if err != nil {
			tb.Fatal(err)
		}
		items = append(items, evidence.Item{Kind: evidence.KindKubernetesList, Origin: l.origin, Data: data})
	}
	*k = k8sObjects{} // let the objects go before the check runs
	src := func(kind, name string) evidence.Source {
		return evidence.Source{Kind: kind, Name: name, Collector: "import", StartedAt: scaleNow.Add(-3 * time.Minute), FinishedAt: scaleNow, Status: evidence.StatusOK}
	}
	sources := []evidence.SourceData{{Source: src("kubernetes", scaleSource), Items: items}}
	for r, repo := range scaleRepos {
		items, count, err := resticRepo(r, n)
		if err != nil {
			tb.Fatal(err)
		}
		f.snapshots += count
		sources = append(sources, evidence.SourceData{Source: src("restic", repo.name), Items: items})
	}
	for _, s := range sources {
		for _, it := range s.Items {
			f.rawBytes += len(it.Data)
		}
	}
	bundle, err := evidence.Write(context.Background(), filepath.Join(dir, "bundle"), sources, evidence.WriteOptions{Now: scaleNow, ToolVersion: "scale-bench", Replace: true})
	if err != nil {
		tb.Fatal(err)
	}
	yaml := scaleConfig(n)
	if err := os.WriteFile(filepath.Join(dir, "nachweis.yaml"), yaml, 0o600); err != nil {
		tb.Fatal(err)
	}
	cfg, err := config.Parse(filepath.Join(dir, "nachweis.yaml"), yaml)
	if err != nil {
		tb.Fatal(err)
	}
	model, err := controls.Load()
	if err != nil {
		tb.Fatal(err)
	}
	f.opt = RunOptions{Bundle: bundle, Config: cfg, Model: model, Now: scaleNow, ToolVersion: "scale-bench"}
	return f
}

// BenchmarkCheckScale checks generated providers of growing size with one
// compiled engine: reading and projecting the bundle, conversion to OPA,
// every check and the aggregation. ns/tenant stays flat when the check is
// linear in the provider's size. peak-RSS-MB is the process's peak
// resident memory during the timed runs (Linux only: the peak is reset
// after generating the bundle); cpu-s/op is the CPU time per check (both
// cores and the garbage collector). With NACHWEIS_SCALE_DIR set, the bundles
// and configurations are kept in that directory (tenants-<n>/bundle,
// tenants-<n>/nachweis.yaml), e.g. to time nachweis check on them.
func BenchmarkCheckScale(b *testing.B) {
	ctx := context.Background()
	e, err := NewEngine(ctx, EngineOptions{})
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{200, 1000, 2000} {
		b.Run(fmt.Sprintf("tenants=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			if keep := os.Getenv("NACHWEIS_SCALE_DIR"); keep != "" {
				dir = filepath.Join(keep, fmt.Sprintf("tenants-%d", n))
				if err := os.MkdirAll(dir, 0o700); err != nil {
					b.Fatal(err)
				}
			}
			f := newScaleFixture(b, dir, n)
			runtime.GC()
			debug.FreeOSMemory()
			peak := resetPeakRSS()
			cpu0 := cpuTime()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.Run(ctx, f.opt); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/tenant")
			if cpu0 > 0 {
				b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
			}
			b.ReportMetric(float64(f.objects), "objects")
			b.ReportMetric(float64(f.snapshots), "snapshots")
			b.ReportMetric(float64(f.rawBytes)/1e6, "raw-MB")
			if peak {
				if kb, ok := peakRSSKB(); ok {
					b.ReportMetric(float64(kb)/1024, "peak-RSS-MB")
				}
			}
		})
	}
}

// cpuTime is the user and system CPU time of the process so far (all
// goroutines, the garbage collector included), from /proc/self/stat in
// clock ticks of 10ms; 0 when unknown. On a shared machine it varies less
// than wall time.
func cpuTime() time.Duration {
	raw, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0
	}
	// The fields after the command name (which ends with ')'): state is
	// the first, utime the 12th and stime the 13th.
	i := strings.LastIndex(string(raw), ") ")
	if i < 0 {
		return 0
	}
	fields := strings.Fields(string(raw)[i+2:])
	if len(fields) < 13 {
		return 0
	}
	utime, err1 := strconv.ParseInt(fields[11], 10, 64)
	stime, err2 := strconv.ParseInt(fields[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

// resetPeakRSS resets the kernel's record of the process's peak resident
// memory (VmHWM), so that it covers only what follows.
func resetPeakRSS() bool {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// peakRSSKB reads VmHWM from /proc/self/status.
func peakRSSKB() (int64, bool) {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb, err == nil
		}
	}
	return 0, false
}

// TestCheckScaleSmall runs the scale generator for 20 tenants and checks
// that the check finds exactly the defects the generator put in.
func TestCheckScaleSmall(t *testing.T) {
	const n = 20
	ctx := context.Background()
	e, err := NewEngine(ctx, EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	f := newScaleFixture(t, t.TempDir(), n)
	res, err := e.Run(ctx, f.opt)
	if err != nil {
		t.Fatal(err)
	}
	checks := map[string]controls.CheckResult{}
	for _, c := range res.Checks {
		checks[c.ID] = c
	}
	resources := func(id string, status controls.Outcome) []string {
		c, ok := checks[id]
		if !ok {
			t.Fatalf("check %s not in the results", id)
		}
		var out []string
		for _, fd := range c.Findings {
			if fd.Status == status {
				out = append(out, fd.Resource)
			}
		}
		slices.Sort(out)
		return out
	}
	count := func(id string) int { return len(checks[id].Findings) }
	sorted := func(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }
	expect := func(what string, got, want []string) {
		t.Helper()
		if len(want) == 0 {
			t.Fatalf("%s: the generator produced no case for %d tenants", what, n)
		}
		if !slices.Equal(got, sorted(want)) {
			t.Errorf("%s:\n got %q\nwant %q", what, got, sorted(want))
		}
	}

	w := f.want
	expect("K8S-NET-01 fail", resources("K8S-NET-01", controls.Fail), w.netpolFail)
	if got := len(resources("K8S-NET-01", controls.Pass)); got != n-len(w.netpolFail) || count("K8S-NET-01") != n {
		t.Errorf("K8S-NET-01: %d findings, %d pass; want %d, %d", count("K8S-NET-01"), got, n, n-len(w.netpolFail))
	}
	expect("K8S-ING-01 fail", resources("K8S-ING-01", controls.Fail), w.ingressFail)
	if count("K8S-ING-01") != n {
		t.Errorf("K8S-ING-01: %d findings, want one per tenant Ingress (%d)", count("K8S-ING-01"), n)
	}
	expect("K8S-POD-01 fail", resources("K8S-POD-01", controls.Fail), w.privileged)
	expect("K8S-POD-02 fail", resources("K8S-POD-02", controls.Fail), w.privileged)
	expect("K8S-POD-03 fail", resources("K8S-POD-03", controls.Fail), w.hostNetwork)
	expect("K8S-AVAIL-01 fail", resources("K8S-AVAIL-01", controls.Fail), w.availFail)
	expect("K8S-RBAC-01 fail", resources("K8S-RBAC-01", controls.Fail), w.adminBindings)
	if got := resources("K8S-RBAC-01", controls.Pass); len(got) != 2 {
		t.Errorf("K8S-RBAC-01 pass: got %q, want the system:masters and platform-ops bindings", got)
	}

	// Backups: stale tenants fail, tenants without any snapshot have no
	// repository mapping (no-evidence), every repository is fresh.
	expect("BAK-FRESH-01 fail", resources("BAK-FRESH-01", controls.Fail), w.staleTenants)
	expect("BAK-FRESH-01 no-evidence", resources("BAK-FRESH-01", controls.NoEvidence), w.noBackup)
	var repos []string
	for _, r := range scaleRepos {
		repos = append(repos, "restic/"+r.name)
	}
	wantPass := slices.Clone(repos)
	for i := range n {
		if !scaleStaleBackup(i) && !scaleNoBackupAtAll(i) {
			wantPass = append(wantPass, "backup/tenant/"+scaleTenant(i))
		}
	}
	expect("BAK-FRESH-01 pass", resources("BAK-FRESH-01", controls.Pass), wantPass)
	// Every tenant with backups has them at two EU sites.
	var offsite []string
	for i := range n {
		if !scaleNoBackupAtAll(i) {
			offsite = append(offsite, "backup/tenant/"+scaleTenant(i))
		}
	}
	expect("BAK-OFFSITE-01 pass", resources("BAK-OFFSITE-01", controls.Pass), offsite)
	expect("BAK-ENC-01 pass", resources("BAK-ENC-01", controls.Pass), repos)
	expect("BAK-RET-01 pass", resources("BAK-RET-01", controls.Pass), repos)
	expect("BAK-INT-01 pass", resources("BAK-INT-01", controls.Pass), repos)

	wantSnapshots := 0
	for i := range n {
		if !scaleNoBackupAtAll(i) {
			wantSnapshots += scaleRepos[i%2].daily + scaleRepos[2].daily
		}
	}
	if f.snapshots != wantSnapshots || f.want.namespaces != n {
		t.Errorf("generated %d snapshots and %d tenant namespaces, want %d and %d", f.snapshots, f.want.namespaces, wantSnapshots, n)
	}
}

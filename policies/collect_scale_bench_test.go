package policies

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/config"
	"github.com/nachweis/nachweis/evidence/kubernetes"
	"github.com/nachweis/nachweis/evidence/kubernetes/kubetest"
	"github.com/nachweis/nachweis/evidence/scaletest"
)

// The real-apiserver scale benchmark loads the Kubernetes objects of the
// scale benchmark's generator (evidence/scaletest) into a real etcd and
// kube-apiserver, then measures what a provider runs: nachweis collect
// (kubernetes.Collect in pages of 500, as the default) and nachweis check
// on the bundle it wrote. It lives here, not in evidence/kubernetes,
// because policies imports evidence/kubernetes.

// collectScaleTenants is the number of generated tenants, one namespace
// each, with about 49 objects per namespace.
const collectScaleTenants = 1000

// loadWorkers bounds the concurrent creates. kube-apiserver and etcd
// share the machine with the benchmark; more workers than this only queue
// in the server.
const loadWorkers = 32

// collectScale is the loaded cluster shared by the sub-benchmarks.
type collectScale struct {
	cluster    *kubetest.Cluster
	namespaces int // tenant namespaces
	objects    int // objects created (not counting those the server had)
	load       time.Duration
	want       scaletest.Want
	cfg        *config.Config
	// dir holds the bundle; bundle is the last collection written there,
	// which check reads.
	dir    string
	bundle *evidence.Bundle
}

// BenchmarkCollectRealAPIServer loads 1,000 tenant namespaces with about
// 49,000 objects (namespaces, NetworkPolicies, Deployments, Pods,
// Services, PodDisruptionBudgets, Ingresses, RoleBindings,
// ClusterRoleBindings, Velero Schedules, Backups and
// BackupStorageLocations) into a real kube-apiserver and benchmarks:
//
//   - collect: kubernetes.Collect of the whole cluster, pages of 500;
//     bundle-MB is the size of the bundle evidence.Write makes of the
//     last collection (written untimed).
//   - check: one compiled engine's Run over that bundle with a
//     configuration naming every tenant's namespace; it also asserts that
//     the check finds the defects the generator put in.
//
// The load is timed once and logged (load-s, objects/s). peak-RSS-MB is
// the benchmark process's peak resident memory during the phase (reset
// before it; the servers are separate processes and not included).
// Needs etcd and bin/kube-apiserver (make deps).
func BenchmarkCollectRealAPIServer(b *testing.B) {
	s := loadCollectScale(b, collectScaleTenants)
	s.dir = b.TempDir()
	b.Logf("loaded %d tenant namespaces, %d objects in %s (%.0f objects/s, %d workers)",
		s.namespaces, s.objects, s.load.Round(time.Millisecond), float64(s.objects)/s.load.Seconds(), loadWorkers)

	b.Run("collect", func(b *testing.B) {
		ctx := context.Background()
		var sd evidence.SourceData
		peak := startPhase()
		cpu0 := cpuTime()
		for b.Loop() {
			var err error
			if sd, err = kubernetes.Collect(ctx, s.collectOptions()); err != nil {
				b.Fatal(err)
			}
		}
		reportPhase(b, peak, cpu0)
		if len(sd.Source.Errors) != 0 {
			b.Errorf("collection errors: %v", sd.Source.Errors)
		}
		size, err := s.write(sd)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(size)/1e6, "bundle-MB")
		b.ReportMetric(float64(s.namespaces), "namespaces")
		b.ReportMetric(float64(s.objects), "objects")
		b.ReportMetric(s.load.Seconds(), "load-s")
	})

	b.Run("check", func(b *testing.B) {
		ctx := context.Background()
		if s.bundle == nil { // the collect sub-benchmark was not selected
			sd, err := kubernetes.Collect(ctx, s.collectOptions())
			if err != nil {
				b.Fatal(err)
			}
			if _, err := s.write(sd); err != nil {
				b.Fatal(err)
			}
		}
		model, err := controls.Load()
		if err != nil {
			b.Fatal(err)
		}
		compileStart := time.Now()
		e, err := NewEngine(ctx, EngineOptions{})
		if err != nil {
			b.Fatal(err)
		}
		compile := time.Since(compileStart)
		opt := RunOptions{Bundle: s.bundle, Config: s.cfg, Model: model, Now: scaletest.Now(), ToolVersion: "scale-bench"}

		var res *controls.Results
		peak := startPhase()
		cpu0 := cpuTime()
		for b.Loop() {
			if res, err = e.Run(ctx, opt); err != nil {
				b.Fatal(err)
			}
		}
		reportPhase(b, peak, cpu0)
		b.ReportMetric(compile.Seconds(), "compile-s")
		checkCollectedScale(b, res, s)
	})
}

// startPhase lets the garbage of what came before go and resets the peak
// resident memory, so the phase's peak is its own (plus what stays
// resident, such as the engine); false when it cannot be reset.
func startPhase() bool {
	runtime.GC()
	debug.FreeOSMemory()
	return resetPeakRSS()
}

func reportPhase(b *testing.B, peak bool, cpu0 time.Duration) {
	if cpu0 > 0 {
		b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	}
	if peak {
		if kb, ok := peakRSSKB(); ok {
			b.ReportMetric(float64(kb)/1024, "peak-RSS-MB")
		}
	}
}

func (s *collectScale) collectOptions() kubernetes.CollectOptions {
	return kubernetes.CollectOptions{
		Name: scaletest.Source, Kubeconfig: s.cluster.Kubeconfig(kubetest.Admin), Context: kubetest.Context,
		Timeout: time.Minute, PageSize: 500, Collector: "scale-bench",
		Now: func() time.Time { return scaletest.Now() },
	}
}

// write writes sd as the bundle check reads and returns the size of its
// files.
func (s *collectScale) write(sd evidence.SourceData) (int64, error) {
	dir := filepath.Join(s.dir, "bundle")
	bundle, err := evidence.Write(context.Background(), dir, []evidence.SourceData{sd},
		evidence.WriteOptions{Now: scaletest.Now(), ToolVersion: "scale-bench", Replace: true})
	if err != nil {
		return 0, err
	}
	s.bundle = bundle
	var size int64
	err = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err == nil {
			size += info.Size()
		}
		return err
	})
	return size, err
}

// checkCollectedScale asserts that the check of the collected cluster
// finds what the generator put in, so the benchmark measures the provider
// it claims to.
func checkCollectedScale(b *testing.B, res *controls.Results, s *collectScale) {
	b.Helper()
	checks := map[string]controls.CheckResult{}
	for _, c := range res.Checks {
		checks[c.ID] = c
	}
	resources := func(id string, status controls.Outcome) []string {
		var out []string
		for _, f := range checks[id].Findings {
			if f.Status == status {
				out = append(out, f.Resource)
			}
		}
		slices.Sort(out)
		return out
	}
	for _, tc := range []struct {
		id   string
		want []string
	}{
		{"K8S-NET-01", s.want.NetpolFail},
		{"K8S-ING-01", s.want.IngressFail},
		{"K8S-POD-01", s.want.Privileged},
		{"K8S-POD-03", s.want.HostNetwork},
		{"K8S-AVAIL-01", s.want.AvailFail},
		{"K8S-RBAC-01", s.want.AdminBindings},
	} {
		want := slices.Sorted(slices.Values(tc.want))
		if got := resources(tc.id, controls.Fail); !slices.Equal(got, want) || len(want) == 0 {
			b.Errorf("%s fails %d resources, the generator made %d fail; not failing: %q; failing unexpectedly: %q",
				tc.id, len(got), len(want), first(without(want, got), 5), first(without(got, want), 5))
		}
	}
	// Every tenant is backed up as declared, off site (scaleVelero).
	for _, id := range []string{"K8S-VEL-01", "K8S-VEL-02", "K8S-VEL-03", "K8S-VEL-04"} {
		if c := checks[id]; c.Status != controls.Pass {
			b.Errorf("%s = %s (%s), want pass; failing: %q", id, c.Status, c.Reason, first(resources(id, controls.Fail), 5))
		}
	}
	if got := len(checks["K8S-NET-01"].Findings); got != s.namespaces {
		b.Errorf("K8S-NET-01 has %d findings, want one per tenant namespace (%d)", got, s.namespaces)
	}
}

// loadCollectScale starts a cluster and creates the objects of n
// generated tenants in it, with the configuration naming them.
func loadCollectScale(b *testing.B, n int) *collectScale {
	b.Helper()
	s := &collectScale{cluster: kubetest.Start(b, kubetest.Options{})}
	k, want := scaletest.Kubernetes(n)
	s.want = want
	s.namespaces = s.want.Namespaces
	services := scaleServices(k.Deployments)
	velero := scaleVelero(n)
	s.cluster.Apply(b, kubetest.VeleroCRDs, []byte(`{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "velero"}}`))

	cfg := s.cluster.RESTConfig(kubetest.Admin)
	cfg.QPS = -1 // no client-side throttling
	dyn, err := dynamic.NewForConfig(cfg)
	if err != nil {
		b.Fatal(err)
	}
	gvr := func(group, version, resource string) schema.GroupVersionResource {
		return schema.GroupVersionResource{Group: group, Version: version, Resource: resource}
	}
	begin := time.Now()
	// Namespaces and ClusterRoleBindings first: every other object lives
	// in a namespace, and the bindings are cluster-wide.
	for _, step := range [][]batch{
		{{gvr("", "v1", "namespaces"), k.Namespaces}, {gvr("rbac.authorization.k8s.io", "v1", "clusterrolebindings"), k.ClusterRoleBindings}},
		{
			{gvr("networking.k8s.io", "v1", "networkpolicies"), k.NetworkPolicies},
			{gvr("apps", "v1", "deployments"), k.Deployments},
			{gvr("apps", "v1", "replicasets"), k.ReplicaSets},
			{gvr("apps", "v1", "daemonsets"), k.DaemonSets},
			{gvr("batch", "v1", "jobs"), k.Jobs},
			{gvr("batch", "v1", "cronjobs"), k.CronJobs},
			{gvr("policy", "v1", "poddisruptionbudgets"), k.PodDisruptionBudgets},
			{gvr("", "v1", "pods"), k.Pods},
			{gvr("", "v1", "services"), services},
			{gvr("networking.k8s.io", "v1", "ingresses"), k.Ingresses},
			{gvr("rbac.authorization.k8s.io", "v1", "rolebindings"), k.RoleBindings},
			{gvr("velero.io", "v1", "schedules"), velero.schedules},
			{gvr("velero.io", "v1", "backups"), velero.backups},
			{gvr("velero.io", "v1", "backupstoragelocations"), velero.locations},
		},
	} {
		created, err := createAll(context.Background(), dyn, step)
		s.objects += created
		if err != nil {
			b.Fatalf("load the generated provider: %v", err)
		}
	}
	s.load = time.Since(begin)

	yaml := collectScaleConfig(n)
	path := filepath.Join(b.TempDir(), "nachweis.yaml")
	if err := os.WriteFile(path, yaml, 0o600); err != nil {
		b.Fatal(err)
	}
	if s.cfg, err = config.Parse(path, yaml); err != nil {
		b.Fatal(err)
	}
	return s
}

// obj and list are the generator's JSON shapes: objects, and the arrays
// in them.
type (
	obj  = scaletest.Object
	list = scaletest.List
)

// batch is a list of generated objects of one resource.
type batch struct {
	resource schema.GroupVersionResource
	items    list
}

// createAll creates the objects of the batches on loadWorkers workers and
// returns how many it created. An object the server has already (the
// default namespaces, the bootstrap ClusterRoleBindings) is left as it is.
// The first error stops the load.
func createAll(ctx context.Context, dyn dynamic.Interface, batches []batch) (int, error) {
	type job struct {
		resource schema.GroupVersionResource
		obj      obj
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	jobs := make(chan job)
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		created int
	)
	for range loadWorkers {
		wg.Go(func() {
			n := 0
			for j := range jobs {
				u := &unstructured.Unstructured{Object: forCreate(j.obj)}
				ri := dyn.Resource(j.resource).Namespace(u.GetNamespace())
				cur, err := ri.Create(ctx, u, metav1.CreateOptions{})
				if status, ok := u.Object["status"]; ok && err == nil && cur.Object["status"] == nil {
					// A status subresource dropped it (BackupStorageLocations).
					cur.Object["status"] = status
					_, err = ri.UpdateStatus(ctx, cur, metav1.UpdateOptions{})
				}
				switch {
				case err == nil:
					n++
				case apierrors.IsAlreadyExists(err):
				default:
					cancel(fmt.Errorf("create %s %s/%s: %w", j.resource.Resource, u.GetNamespace(), u.GetName(), err))
				}
			}
			mu.Lock()
			created += n
			mu.Unlock()
		})
	}
feed:
	for _, bt := range batches {
		for _, o := range bt.items {
			select {
			case jobs <- job{bt.resource, o.(obj)}:
			case <-ctx.Done():
				break feed
			}
		}
	}
	close(jobs)
	wg.Wait()
	if err := context.Cause(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return created, err
	}
	return created, nil
}

// forCreate turns a generated object, shaped like kubectl get -o json
// output, into what a client sends: without the metadata the server sets.
// Only Velero objects keep their status, which the checks read; the
// others' would cost a second request each, for fields no check reads.
// The
// pod-security label goes too: the generated privileged and root pods
// are what the checks must find, and the server's Pod Security admission
// would refuse them in a namespace enforcing "restricted". Deployment
// templates lose the token mount the server injects into pods only.
func forCreate(o obj) obj {
	md := o["metadata"].(obj)
	for _, f := range []string{"uid", "resourceVersion", "creationTimestamp", "generation"} {
		delete(md, f)
	}
	if labels, ok := md["labels"].(obj); ok {
		for l := range labels {
			if strings.HasPrefix(l, "pod-security.kubernetes.io/") {
				delete(labels, l)
			}
		}
	}
	if !strings.HasPrefix(o["apiVersion"].(string), "velero.io/") {
		delete(o, "status")
	}
	if o["kind"] == "Deployment" {
		// The generator's containers mount the service account token
		// volume, which the server adds to pods but not to templates.
		for _, c := range o["spec"].(obj)["template"].(obj)["spec"].(obj)["containers"].(list) {
			c := c.(obj)
			mounts, _ := c["volumeMounts"].(list)
			c["volumeMounts"] = slices.DeleteFunc(slices.Clone(mounts), func(m any) bool { return m.(obj)["name"] == "kube-api-access" })
		}
	}
	return o
}

// scaleServices returns a ClusterIP Service in front of every generated
// Deployment.
func scaleServices(deployments list) list {
	out := make(list, 0, len(deployments))
	for _, d := range deployments {
		dep := d.(obj)
		md := dep["metadata"].(obj)
		spec := dep["spec"].(obj)
		port := 80
		c := spec["template"].(obj)["spec"].(obj)["containers"].(list)[0].(obj)
		if ports, ok := c["ports"].(list); ok && len(ports) > 0 {
			port = ports[0].(obj)["containerPort"].(int)
		}
		out = append(out, obj{
			"apiVersion": "v1", "kind": "Service",
			"metadata": obj{"name": md["name"], "namespace": md["namespace"], "labels": md["labels"]},
			"spec": obj{
				"type":     "ClusterIP",
				"selector": spec["selector"].(obj)["matchLabels"],
				"ports":    list{obj{"name": "http", "port": port, "targetPort": port, "protocol": "TCP"}},
			},
		})
	}
	return out
}

// veleroObjects are the generated Velero objects.
type veleroObjects struct {
	schedules, backups, locations list
}

// scaleVelero returns a nightly Schedule per tenant namespace, keeping
// backups 30 days, its last two backups (completed the night before
// scaletest.Now() and the night before that), and two storage locations at EU
// sites. The Velero checks pass for every tenant.
func scaleVelero(n int) veleroObjects {
	var v veleroObjects
	for i := range n {
		ns, name := scaletest.Namespace(i), scaletest.Tenant(i)+"-nightly"
		v.schedules = append(v.schedules, obj{
			"apiVersion": "velero.io/v1", "kind": "Schedule",
			"metadata": obj{"name": name, "namespace": "velero"},
			"spec": obj{"schedule": "0 2 * * *", "template": obj{
				"includedNamespaces": list{ns}, "ttl": "720h0m0s", "snapshotVolumes": true, "storageLocation": "default",
			}},
			"status": obj{"phase": "Enabled", "lastBackup": "2026-11-23T02:00:00Z"},
		})
		for d := range 2 {
			start := time.Date(2026, 11, 23-d, 2, 0, i%60, 0, time.UTC)
			v.backups = append(v.backups, obj{
				"apiVersion": "velero.io/v1", "kind": "Backup",
				"metadata": obj{
					"name": name + start.Format("-20060102150405"), "namespace": "velero",
					"labels": obj{"velero.io/schedule-name": name, "velero.io/storage-location": "default"},
				},
				"spec": obj{"includedNamespaces": list{ns}, "ttl": "720h0m0s", "storageLocation": "default"},
				"status": obj{
					"phase": "Completed", "version": 1, "formatVersion": "1.1.0",
					"startTimestamp":      start.Format(time.RFC3339),
					"completionTimestamp": start.Add(4*time.Minute + time.Duration(i%90)*time.Second).Format(time.RFC3339),
					"expiration":          start.Add(720 * time.Hour).Format(time.RFC3339),
					"progress":            obj{"itemsBackedUp": 45, "totalItems": 45},
				},
			})
		}
	}
	for _, l := range []struct{ name, site, region string }{{"default", "DE-Falkenstein", "fsn1"}, {"offsite-hel1", "FI-Helsinki", "hel1"}} {
		spec := obj{
			"provider": "aws", "accessMode": "ReadWrite",
			"objectStorage": obj{"bucket": "velero-" + l.region},
			"config":        obj{"region": l.region, "s3Url": "https://" + l.region + ".storage.example", "s3ForcePathStyle": "true"},
		}
		if l.name == "default" {
			spec["default"] = true
		}
		v.locations = append(v.locations, obj{
			"apiVersion": "velero.io/v1", "kind": "BackupStorageLocation",
			"metadata": obj{"name": l.name, "namespace": "velero", "labels": obj{kubernetes.SiteKey: l.site}},
			"spec":     spec,
			"status":   obj{"phase": "Available"},
		})
	}
	return v
}

// collectScaleConfig names every generated tenant with its namespace and
// the provider's cluster-admin groups.
func collectScaleConfig(n int) []byte {
	var sb strings.Builder
	sb.WriteString("organisation: {name: Skalierung Cloud GmbH}\ntenants:\n")
	for i := range n {
		fmt.Fprintf(&sb, "  - id: %s\n    name: Kunde %04d GmbH\n    namespaces: [%s]\n", scaletest.Tenant(i), i, scaletest.Namespace(i))
	}
	fmt.Fprintf(&sb, "sources:\n  kubernetes:\n    - name: %s\n      context: %s\n", scaletest.Source, kubetest.Context)
	sb.WriteString("parameters:\n  allowed_cluster_admins: [Group/system:masters, Group/platform-ops]\n  velero_retention: 30d\n")
	return []byte(sb.String())
}

// without returns the elements of want that sorted got lacks.
func without(want, got []string) []string {
	var out []string
	for _, w := range want {
		if _, ok := slices.BinarySearch(got, w); !ok {
			out = append(out, w)
		}
	}
	return out
}

func first(s []string, n int) []string { return s[:min(n, len(s))] }

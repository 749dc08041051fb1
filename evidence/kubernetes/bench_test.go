package kubernetes

import (
	"encoding/json"
	"fmt"
	"testing"
)

// syntheticPods builds a kubectl get pods -A -o json List of n pods in
// n/10 namespaces, each pod shaped like a real one: labels, owner,
// two containers with resources and probes, volumes and a status.
func syntheticPods(tb testing.TB, n int) []byte {
	tb.Helper()
	items := make([]map[string]any, 0, n)
	for i := range n {
		ns := fmt.Sprintf("tenant-%04d-prod", i/10)
		items = append(items, map[string]any{
			"apiVersion": "v1",
			"kind":       "Pod",
			"metadata": map[string]any{
				"name":              fmt.Sprintf("web-%d-6b7c9d5f4-x%05d", i, i),
				"namespace":         ns,
				"uid":               fmt.Sprintf("00000000-0000-0000-0000-%012d", i),
				"resourceVersion":   fmt.Sprint(100000 + i),
				"creationTimestamp": "2026-11-23T18:23:09Z",
				"labels":            map[string]any{"app": "web", "pod-template-hash": "6b7c9d5f4", "tenant": ns},
				"annotations":       map[string]any{"kubectl.kubernetes.io/restartedAt": "2026-11-20T10:00:00Z"},
				"ownerReferences": []any{map[string]any{
					"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-6b7c9d5f4",
					"uid": "7ba26107-3781-4d94-b09d-37262992b839", "controller": true, "blockOwnerDeletion": true,
				}},
			},
			"spec": map[string]any{
				"securityContext": map[string]any{"runAsNonRoot": i%3 != 0, "runAsUser": 1000, "fsGroup": 2000},
				"containers": []any{
					map[string]any{
						"name": "app", "image": "registry.example.com/web:1.2.3",
						"ports":           []any{map[string]any{"containerPort": 8080, "protocol": "TCP"}},
						"resources":       map[string]any{"limits": map[string]any{"cpu": "500m", "memory": "256Mi"}, "requests": map[string]any{"cpu": "100m", "memory": "128Mi"}},
						"readinessProbe":  map[string]any{"httpGet": map[string]any{"path": "/healthz", "port": 8080}, "periodSeconds": 10},
						"securityContext": map[string]any{"allowPrivilegeEscalation": false, "privileged": i%100 == 0},
						"volumeMounts":    []any{map[string]any{"name": "data", "mountPath": "/data"}},
					},
					map[string]any{"name": "sidecar", "image": "registry.example.com/proxy:2.0", "securityContext": map[string]any{"runAsUser": 0}},
				},
				"volumes": []any{
					map[string]any{"name": "data", "emptyDir": map[string]any{}},
					map[string]any{"name": "kube-api-access", "projected": map[string]any{"sources": []any{map[string]any{"serviceAccountToken": map[string]any{"path": "token"}}}}},
				},
				"nodeName":    fmt.Sprintf("node-%02d", i%40),
				"hostNetwork": i%500 == 0,
			},
			"status": map[string]any{
				"phase":  "Running",
				"podIP":  fmt.Sprintf("10.%d.%d.%d", i/65536%256, i/256%256, i%256),
				"hostIP": "192.168.0.10",
				"conditions": []any{
					map[string]any{"type": "Ready", "status": "True", "lastTransitionTime": "2026-11-23T18:24:00Z"},
					map[string]any{"type": "ContainersReady", "status": "True", "lastTransitionTime": "2026-11-23T18:24:00Z"},
				},
				"containerStatuses": []any{
					map[string]any{"name": "app", "ready": true, "restartCount": 0, "image": "registry.example.com/web:1.2.3", "state": map[string]any{"running": map[string]any{"startedAt": "2026-11-23T18:23:30Z"}}},
					map[string]any{"name": "sidecar", "ready": true, "restartCount": 1, "image": "registry.example.com/proxy:2.0", "state": map[string]any{"running": map[string]any{"startedAt": "2026-11-23T18:23:31Z"}}},
				},
			},
		})
	}
	data, err := json.Marshal(map[string]any{"apiVersion": "v1", "kind": "List", "metadata": map[string]any{"resourceVersion": ""}, "items": items})
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func TestSyntheticPods(t *testing.T) {
	c := project(t, []File{{Path: "pods.json", Kind: KindList, Data: syntheticPods(t, 1000)}}, Scope{})
	if len(c.Pods) != 1000 {
		t.Fatalf("pods: got %d, want 1000", len(c.Pods))
	}
	privileged, root, host := 0, 0, 0
	for _, p := range c.Pods {
		privileged += len(p.Privileged)
		root += len(p.RunAsRoot)
		host += len(p.HostNamespaces)
	}
	// privileged: every 100th pod; root: the sidecar (runAsUser 0) where
	// the pod does not require runAsNonRoot (every third pod); host: every
	// 500th pod.
	if privileged != 10 || root != 334 || host != 2 {
		t.Errorf("privileged %d, run-as-root %d, hostNetwork %d; want 10, 334, 2", privileged, root, host)
	}
}

// BenchmarkProjectKubernetes projects synthetic pod lists of growing size;
// ns/pod stays flat when the projection is linear.
func BenchmarkProjectKubernetes(b *testing.B) {
	for _, n := range []int{5_000, 20_000, 80_000} {
		data := syntheticPods(b, n)
		files := []File{{Path: "sources/prod/pods.json", Kind: KindList, Data: data}}
		b.Run(fmt.Sprintf("pods=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Project(files, Scope{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/pod")
		})
	}
}

package kubernetes_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/nachweis/nachweis/evidence/kubernetes"
	"github.com/nachweis/nachweis/evidence/kubernetes/fakeapi"
)

// BenchmarkCollect lists 20,000 pods in 2,000 namespaces from the fake
// API server in pages of 500. It measures the collector's client side
// (requests, page decoding, merging into one PodList) plus the fake's JSON
// encoding; a real API server's cost is the e2e benchmark's.
func BenchmarkCollect(b *testing.B) {
	s := fakeapi.New(b, "bench-token-0123456789")
	for i := range 20_000 {
		ns := fmt.Sprintf("tenant-%04d-prod", i/10)
		s.Add("/api/v1/pods", map[string]any{
			"metadata": map[string]any{
				"name": fmt.Sprintf("web-%d", i), "namespace": ns, "uid": fmt.Sprintf("uid-%d", i),
				"labels": map[string]any{"app": "web", "tenant": ns},
			},
			"spec": map[string]any{"containers": []any{map[string]any{
				"name": "app", "image": "registry.example/web:1.2.3",
				"securityContext": map[string]any{"runAsNonRoot": true, "allowPrivilegeEscalation": false},
				"resources":       map[string]any{"limits": map[string]any{"cpu": "500m", "memory": "256Mi"}},
			}}},
			"status": map[string]any{"phase": "Running", "podIP": "10.0.0.1"},
		})
	}
	o := kubernetes.CollectOptions{
		Name: "bench", Kubeconfig: s.Kubeconfig(b, b.TempDir(), "fake"), Timeout: time.Minute, PageSize: 500,
		Now: func() time.Time { return time.Unix(0, 0) },
	}
	b.ResetTimer()
	for b.Loop() {
		sd, err := kubernetes.Collect(context.Background(), o)
		if err != nil {
			b.Fatal(err)
		}
		size := 0
		for _, it := range sd.Items {
			size += len(it.Data)
		}
		b.ReportMetric(float64(size)/1e6, "MB")
	}
}

package evidence

import (
	"encoding/json"
	"fmt"
	"testing"
)

// BenchmarkRedactKubernetes redacts a PodList of 20,000 pods as a live API
// server sends them (managedFields, a last-applied annotation, env values
// and args), what Write does to every collected or imported list.
func BenchmarkRedactKubernetes(b *testing.B) {
	items := make([]any, 0, 20_000)
	for i := range 20_000 {
		ns := fmt.Sprintf("tenant-%04d-prod", i/10)
		items = append(items, map[string]any{
			"apiVersion": "v1", "kind": "Pod",
			"metadata": map[string]any{
				"name": fmt.Sprintf("web-%d", i), "namespace": ns, "uid": fmt.Sprintf("uid-%d", i),
				"labels":        map[string]any{"app": "web", "tenant": ns},
				"annotations":   map[string]any{lastApplied: `{"apiVersion":"v1","kind":"Pod"}`},
				"managedFields": []any{map[string]any{"manager": "kubelet", "operation": "Update", "fieldsV1": map[string]any{"f:status": map[string]any{}}}},
			},
			"spec": map[string]any{"containers": []any{map[string]any{
				"name": "app", "image": "registry.example/web:1.2.3", "args": []any{"--port", "8080"},
				"env":             []any{map[string]any{"name": "MODE", "value": "production"}},
				"securityContext": map[string]any{"runAsNonRoot": true, "allowPrivilegeEscalation": false},
				"resources":       map[string]any{"limits": map[string]any{"cpu": "500m", "memory": "256Mi"}},
			}}},
			"status": map[string]any{"phase": "Running", "podIP": "10.0.0.1"},
		})
	}
	data, err := json.Marshal(map[string]any{"apiVersion": "v1", "kind": "PodList", "items": items})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := redactKubernetes(data, ""); err != nil {
			b.Fatal(err)
		}
	}
}

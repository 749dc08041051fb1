package kubernetes

import (
	"encoding/json"
	"testing"
)

func TestTypedList(t *testing.T) {
	pods := resource{"", "v1", "pods", "Pod", KeyPods, false}
	tests := []struct {
		name  string
		r     resource
		items []string
		want  string
	}{
		{"empty", pods, nil, `{"apiVersion":"v1","kind":"PodList","metadata":{"resourceVersion":"7"},"items":[]}` + "\n"},
		{"kind added", pods, []string{`{"metadata":{"name":"a"}}`, ` {}`},
			`{"apiVersion":"v1","kind":"PodList","metadata":{"resourceVersion":"7"},"items":[{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"}},{}]}` + "\n"},
		{"kind kept", veleroResources[0], []string{`{"kind":"Backup","apiVersion":"velero.io/v1","metadata":{"name":"b"}}`},
			`{"apiVersion":"velero.io/v1","kind":"BackupList","metadata":{"resourceVersion":"7"},"items":[{"kind":"Backup","apiVersion":"velero.io/v1","metadata":{"name":"b"}}]}` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var raw []json.RawMessage
			for _, it := range tt.items {
				raw = append(raw, json.RawMessage(it))
			}
			got, err := typedList(tt.r, "7", raw)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("typedList\n got: %s\nwant: %s", got, tt.want)
			}
		})
	}
	if _, err := typedList(pods, "", []json.RawMessage{json.RawMessage(`{"kind":"Node"}`)}); err == nil {
		t.Error("an item of another kind gave no error")
	}
}

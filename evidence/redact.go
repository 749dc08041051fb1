package evidence

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// lastApplied is the kubectl annotation that repeats an object as applied,
// including a Secret's data.
const lastApplied = "kubectl.kubernetes.io/last-applied-configuration"

// redactKubernetes removes the values of Kubernetes Secrets from a
// kubectl-style JSON document (a List, a typed list, a single object or an
// array of objects): data, stringData and the last-applied annotation that
// repeats them. Only metadata (name, namespace, type, labels) stays, so no
// secret ever reaches a bundle. itemKind names the kind of objects that do
// not carry one. Documents without Secrets are returned unchanged; the
// count says how many objects were redacted.
func redactKubernetes(data []byte, itemKind string) ([]byte, int, error) {
	if !bytes.Contains(data, []byte("Secret")) && itemKind != "Secret" {
		return data, 0, nil // fast path: no Secret can be in here
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, 0, fmt.Errorf("redact secrets: %w", err)
	}
	n := 0
	switch d := doc.(type) {
	case []any:
		n = redactItems(d, itemKind)
	case map[string]any:
		kind, _ := d["kind"].(string)
		if items, ok := d["items"].([]any); ok {
			n = redactItems(items, listItemKind(kind, itemKind))
		} else {
			n = redactObject(d, itemKind)
		}
	}
	if n == 0 {
		return data, 0, nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "    ")
	if err := enc.Encode(doc); err != nil {
		return nil, 0, fmt.Errorf("redact secrets: %w", err)
	}
	return buf.Bytes(), n, nil
}

// listItemKind is the kind of a typed list's items (SecretList → Secret).
func listItemKind(listKind, itemKind string) string {
	if k, ok := strings.CutSuffix(listKind, "List"); ok && k != "" {
		return k
	}
	return itemKind
}

func redactItems(items []any, itemKind string) int {
	n := 0
	for _, it := range items {
		if obj, ok := it.(map[string]any); ok {
			n += redactObject(obj, itemKind)
		}
	}
	return n
}

func redactObject(obj map[string]any, itemKind string) int {
	kind, _ := obj["kind"].(string)
	if kind == "" {
		kind = itemKind
	}
	if kind != "Secret" {
		return 0
	}
	delete(obj, "data")
	delete(obj, "stringData")
	if meta, ok := obj["metadata"].(map[string]any); ok {
		if ann, ok := meta["annotations"].(map[string]any); ok {
			delete(ann, lastApplied)
		}
	}
	return 1
}

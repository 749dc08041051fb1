package kubernetes

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/nachweis/nachweis/evidence/internal/jsonscan"
)

// nsObject is the part of an object NamespaceLabels reads.
type nsObject struct {
	Kind     string `json:"kind"`
	Metadata struct {
		Name     string            `json:"name"`
		Labels   map[string]string `json:"labels"`
		SelfLink string            `json:"selfLink"`
	} `json:"metadata"`
	Items []nsObject `json:"items"`
}

// NamespaceLabels returns the labels of every Namespace in the files (name
// → labels, never nil), read the way Project reads them: from Lists, typed
// lists, single objects and arrays, with a missing kind taken from the
// file's ItemKind, the typed list or the selfLink. Tenants that select
// their namespaces by label are resolved against it before the projection
// decides which namespaces are in scope.
func NamespaceLabels(files []File) (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	for _, f := range files {
		if f.Kind != KindList {
			continue
		}
		data := bytes.TrimSpace(f.Data)
		// Only a file naming Namespace or a namespace's selfLink can
		// hold one; skip decoding pods and the like. Either may be
		// written with escapes ("\u004eamespace"), and the projection
		// reads the decoded kind: a file with a backslash is decoded.
		if len(data) == 0 || f.ItemKind != "Namespace" && !mayHoldNamespace(data) {
			continue
		}
		var objs []nsObject
		itemKind := f.ItemKind
		if data[0] == '[' {
			if err := json.Unmarshal(data, &objs); err != nil {
				return nil, fmt.Errorf("read namespaces %s: %w", f.Path, jsonscan.Explain(data, err))
			}
		} else {
			var o nsObject
			if err := json.Unmarshal(data, &o); err != nil {
				return nil, fmt.Errorf("read namespaces %s: %w", f.Path, jsonscan.Explain(data, err))
			}
			if o.Items == nil && !strings.HasSuffix(o.Kind, "List") {
				objs = []nsObject{o}
			} else {
				objs = o.Items
				if itemKind == "" && o.Kind != "List" {
					itemKind = strings.TrimSuffix(o.Kind, "List")
				}
			}
		}
		for _, o := range objs {
			if namespaceKind(o, itemKind) && o.Metadata.Name != "" {
				if _, seen := out[o.Metadata.Name]; seen {
					continue // the first file wins, as in Project
				}
				labels := o.Metadata.Labels
				if labels == nil {
					labels = map[string]string{}
				}
				out[o.Metadata.Name] = labels
			}
		}
	}
	return out, nil
}

// mayHoldNamespace reports whether data can hold a Namespace as the
// projection reads it: its kind (or its typed list's) "Namespace", or a
// selfLink ".../namespaces/<name>", unless written with escapes.
func mayHoldNamespace(data []byte) bool {
	return bytes.Contains(data, []byte("Namespace")) || bytes.Contains(data, []byte("namespaces")) || bytes.IndexByte(data, '\\') >= 0
}

// namespaceKind reports whether o is a Namespace: by its kind, else the
// kind its file or list names, else its selfLink /api/v1/namespaces/<name>.
func namespaceKind(o nsObject, itemKind string) bool {
	switch {
	case o.Kind != "":
		return o.Kind == "Namespace"
	case itemKind != "":
		return itemKind == "Namespace"
	}
	link := strings.Split(strings.Trim(o.Metadata.SelfLink, "/"), "/")
	return len(link) >= 2 && link[len(link)-2] == "namespaces"
}

func (p *projector) namespace(o *object, ref string) {
	tenant, in := p.inScope(o.Metadata.Name)
	p.c.Namespaces[o.Metadata.Name] = Namespace{
		Labels:  orEmpty(o.Metadata.Labels),
		Tenant:  tenant,
		InScope: in,
		Ref:     ref,
	}
}

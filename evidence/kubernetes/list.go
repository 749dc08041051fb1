package kubernetes

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
)

// acceptJSON asks for plain JSON, never CBOR or protobuf, so that the
// stored bytes are what kubectl get -o json reads.
const acceptJSON = "application/json"

// page is the part of a list response the collector reads; the items stay
// as the server sent them.
type page struct {
	Metadata struct {
		ResourceVersion string `json:"resourceVersion"`
		Continue        string `json:"continue"`
	} `json:"metadata"`
	Items []json.RawMessage `json:"items"`
}

// list lists every object of r in all namespaces, following continue
// tokens, and returns them as one typed list (PodList) whose items carry
// apiVersion and kind, and the number of objects. If the continue token
// expires midway (HTTP 410, a large list on a busy cluster), the list is
// fetched again in one request, as kubectl's pager does. Partial pages
// are never returned: on error the count is of the objects seen so far.
func (c *client) list(ctx context.Context, r resource) ([]byte, int, error) {
	if r.metadataOnly {
		return c.listMetadata(ctx, r)
	}
	var rv string
	var items []json.RawMessage
	limit := strconv.FormatInt(c.pageSize, 10)
	cont := ""
	for {
		body, err := c.get(ctx, r.path(), acceptJSON, "limit", limit, "continue", cont)
		if apierrors.IsResourceExpired(err) && cont != "" {
			items, cont = nil, ""
			body, err = c.get(ctx, r.path(), acceptJSON)
		}
		if err != nil {
			return nil, len(items), err
		}
		var p page
		if err := json.Unmarshal(body, &p); err != nil {
			return nil, len(items), fmt.Errorf("decode the list of %s: %w", r, err)
		}
		if rv == "" {
			rv = p.Metadata.ResourceVersion
		}
		items = append(items, p.Items...)
		cont = p.Metadata.Continue
		if cont == "" {
			break
		}
		c.progress(r, len(items), false, "")
	}
	data, err := typedList(r, rv, items)
	return data, len(items), err
}

// typedList writes items as a kubectl-style typed list of r's kind. Each
// item without apiVersion and kind (the server leaves them out of list
// items of built-in resources) gets them, so that every object names its
// kind wherever it is read from.
func typedList(r resource, resourceVersion string, items []json.RawMessage) ([]byte, error) {
	gv := r.groupVersion()
	prefix := []byte(`{"apiVersion":` + strconv.Quote(gv) + `,"kind":` + strconv.Quote(r.kind) + `,`)
	size := 0
	for _, it := range items {
		size += len(it) + len(prefix) + 1
	}
	var buf bytes.Buffer
	buf.Grow(size + 200)
	head, err := json.Marshal(struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
		Metadata   struct {
			ResourceVersion string `json:"resourceVersion"`
		} `json:"metadata"`
	}{APIVersion: gv, Kind: r.kind + "List", Metadata: struct {
		ResourceVersion string `json:"resourceVersion"`
	}{resourceVersion}})
	if err != nil {
		return nil, err
	}
	buf.Write(head[:len(head)-1])
	buf.WriteString(`,"items":[`)
	for i, it := range items {
		if i > 0 {
			buf.WriteByte(',')
		}
		it = bytes.TrimSpace(it)
		var tm struct {
			APIVersion string `json:"apiVersion"`
			Kind       string `json:"kind"`
		}
		if err := json.Unmarshal(it, &tm); err != nil {
			return nil, fmt.Errorf("decode item %d of %s: %w", i, r, err)
		}
		switch {
		case tm.Kind == "" && tm.APIVersion == "" && len(it) > 2 && it[0] == '{':
			buf.Write(prefix)
			rest := bytes.TrimSpace(it[1:])
			if len(rest) > 0 && rest[0] == '}' {
				// An empty object: drop the prefix's trailing comma.
				buf.Truncate(buf.Len() - 1)
			}
			buf.Write(rest)
		case tm.Kind != "" && tm.Kind != r.kind:
			return nil, fmt.Errorf("item %d of %s has kind %q, expected %q", i, r, tm.Kind, r.kind)
		default:
			buf.Write(it)
		}
	}
	buf.WriteString("]}\n")
	return buf.Bytes(), nil
}

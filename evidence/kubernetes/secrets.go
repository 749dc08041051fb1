package kubernetes

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
)

// acceptTable asks the server for its table view of a list (what kubectl
// get prints) instead of the objects. With includeObject=Metadata each row
// carries the object's metadata only, so a Secret's data and stringData
// never leave the server; the table's Type column gives its type.
const acceptTable = "application/json;as=Table;v=v1;g=meta.k8s.io"

// table is the part of a meta.k8s.io/v1 Table the collector reads.
type table struct {
	Kind     string `json:"kind"`
	Metadata struct {
		ResourceVersion string `json:"resourceVersion"`
		Continue        string `json:"continue"`
	} `json:"metadata"`
	ColumnDefinitions []struct {
		Name string `json:"name"`
	} `json:"columnDefinitions"`
	Rows []struct {
		Cells  []json.RawMessage `json:"cells"`
		Object struct {
			Metadata secretMeta `json:"metadata"`
		} `json:"object"`
	} `json:"rows"`
}

// secretMeta is the metadata kept of a Secret. Annotations are left out:
// kubectl's last-applied-configuration annotation repeats the data.
type secretMeta struct {
	Name              string            `json:"name"`
	Namespace         string            `json:"namespace,omitempty"`
	CreationTimestamp string            `json:"creationTimestamp,omitempty"`
	Labels            map[string]string `json:"labels,omitempty"`
}

// secretItem is a Secret as stored: metadata and type, no data.
type secretItem struct {
	APIVersion string     `json:"apiVersion"`
	Kind       string     `json:"kind"`
	Metadata   secretMeta `json:"metadata"`
	Type       string     `json:"type,omitempty"`
}

// listMetadata lists r (Secrets) as metadata and type only, through the
// server's table view, paginated like list.
func (c *client) listMetadata(ctx context.Context, r resource) ([]byte, int, error) {
	var rv, cont string
	var items []json.RawMessage
	limit := strconv.FormatInt(c.pageSize, 10)
	for {
		body, err := c.get(ctx, r.path(), acceptTable, "includeObject", "Metadata", "limit", limit, "continue", cont)
		if apierrors.IsResourceExpired(err) && cont != "" {
			items, cont = nil, ""
			body, err = c.get(ctx, r.path(), acceptTable, "includeObject", "Metadata")
		}
		if err != nil {
			return nil, len(items), err
		}
		var t table
		if err := json.Unmarshal(body, &t); err != nil {
			return nil, len(items), fmt.Errorf("decode the metadata table of %s: %w", r, err)
		}
		if t.Kind != "Table" {
			// Never fall back to listing the objects: they hold the values.
			return nil, len(items), fmt.Errorf("the server answered the metadata-only list of %s with %q instead of a Table; %s are not collected so that no value can reach the bundle", r, t.Kind, r.name)
		}
		typeCol := -1
		for i, col := range t.ColumnDefinitions {
			if strings.EqualFold(col.Name, "Type") {
				typeCol = i
			}
		}
		if rv == "" {
			rv = t.Metadata.ResourceVersion
		}
		for _, row := range t.Rows {
			it := secretItem{APIVersion: r.groupVersion(), Kind: r.kind, Metadata: row.Object.Metadata}
			if typeCol >= 0 && typeCol < len(row.Cells) {
				// A type that is not a string is left out rather than guessed.
				_ = json.Unmarshal(row.Cells[typeCol], &it.Type)
			}
			raw, err := json.Marshal(it)
			if err != nil {
				return nil, len(items), err
			}
			items = append(items, raw)
		}
		cont = t.Metadata.Continue
		if cont == "" {
			break
		}
		c.progress(r, len(items), false, "")
	}
	data, err := typedList(r, rv, items)
	return data, len(items), err
}

package evidence

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// lastApplied is the kubectl annotation that repeats an object as applied,
// including a Secret's data and every literal of a workload's spec.
const lastApplied = "kubectl.kubernetes.io/last-applied-configuration"

// containerLists are the keys under which a pod spec lists containers.
var containerLists = []string{"containers", "initContainers", "ephemeralContainers"}

// redactKubernetes removes from a kubectl-style JSON document (a List, a
// typed list, a single object or an array of objects) every value that may
// be a secret and that no check reads, before the document is stored:
//
//   - of every Secret: data and stringData (metadata and type stay). An
//     object is a Secret when its kind says so (in any letter case), when
//     it has none and its list or itemKind says so, or when its selfLink
//     names the secrets resource;
//   - of every object: the last-applied-configuration annotation (it can
//     repeat a whole Secret) and metadata.managedFields;
//   - of every container list (containers, initContainers,
//     ephemeralContainers) wherever it is, so in the pod specs of Pods,
//     Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs,
//     PodTemplates and custom resources alike: each container's command,
//     args and env[].value (env names, valueFrom and envFrom stay);
//   - every exec.command (of probes, lifecycle handlers, Velero hooks).
//
// Lists nested in a list (a List among the items of a List, as
// concatenated kubectl output gives) are flattened into their items, so
// every object is read and redacted like a top-level item; kind-less items
// of a nested typed list get the kind it names.
//
// The kind is decided from the decoded JSON; an object that has "kind"
// twice is refused, since readers disagree on which one counts. Keys are
// matched as encoding/json matches struct fields, without regard to case
// ("Kind", "Data", "Containers"), since the readers of the bundle decode
// into structs; the keys of annotations are data and matched exactly.
// itemKind
// names the kind of objects that do not carry one. A document with
// nothing to remove is returned unchanged; otherwise it is re-encoded
// (compact, keys sorted) and the redaction says what was removed.
func redactKubernetes(data []byte, itemKind string) ([]byte, kubeRedaction, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, kubeRedaction{}, fmt.Errorf("redact secrets: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, kubeRedaction{}, errors.New("redact secrets: more than one JSON value")
	}
	if p, dup := duplicateKind(data); dup {
		where := "the top-level object"
		if p != "" {
			where = "the object at " + p
		}
		return nil, kubeRedaction{}, fmt.Errorf("%s has \"kind\" twice: expected one kind per object", where)
	}
	r := kubeRedaction{itemKind: itemKind}
	switch d := doc.(type) {
	case []any:
		doc = r.items(d, itemKind, "")
	case map[string]any:
		r.object(d, itemKind)
	}
	if r.empty() {
		return data, r, nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return nil, kubeRedaction{}, fmt.Errorf("redact secrets: %w", err)
	}
	return buf.Bytes(), r, nil
}

// kubeRedaction counts what redactKubernetes removed from one document.
type kubeRedaction struct {
	itemKind string // the kind named for kind-less objects

	secrets       int // Secrets whose data or stringData was removed
	envValues     int // env[].value
	commands      int // containers' command
	args          int // containers' args
	execCommands  int // exec.command of probes, lifecycle handlers, hooks
	lastApplied   int // last-applied-configuration annotations
	managedFields int // metadata.managedFields
	nestedLists   int // Lists flattened into their items
}

func (r *kubeRedaction) empty() bool {
	return r.secrets+r.envValues+r.commands+r.args+r.execCommands+r.lastApplied+r.managedFields+r.nestedLists == 0
}

// note says what was removed, for the manifest's redacted field; "" when
// nothing was.
func (r *kubeRedaction) note() string {
	var parts []string
	add := func(n int, what string) {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%s (%d)", what, n))
		}
	}
	add(r.secrets, "data and stringData of Secrets")
	add(r.envValues, "env values of containers")
	add(r.commands, "commands of containers")
	add(r.args, "args of containers")
	add(r.execCommands, "exec commands of probes, lifecycle handlers and hooks")
	add(r.lastApplied, lastApplied+" annotations")
	add(r.managedFields, "metadata.managedFields")
	note := ""
	if len(parts) > 0 {
		note = "removed: " + strings.Join(parts, "; ")
	}
	if r.nestedLists > 0 {
		if note != "" {
			note += "; "
		}
		note += fmt.Sprintf("nested Lists flattened into their items (%d)", r.nestedLists)
	}
	return note
}

// items redacts the objects of a list whose items are of kind inherited
// (when they carry none) and flattens the lists among them. apiVersion is
// the enclosing list's, given to hoisted items that carry none.
func (r *kubeRedaction) items(list []any, inherited, apiVersion string) []any {
	out := make([]any, 0, len(list))
	for _, it := range list {
		obj, ok := it.(map[string]any)
		if !ok {
			r.node(it)
			out = append(out, it)
			continue
		}
		kind, _ := member(obj, "kind").(string)
		inner, hasItems := member(obj, "items").([]any)
		if !hasItems || (kind != "List" && !strings.HasSuffix(kind, "List")) {
			r.object(obj, inherited)
			out = append(out, obj)
			continue
		}
		r.nestedLists++
		child := r.childKind(kind)
		if child == "" {
			child = inherited
		}
		av, _ := member(obj, "apiVersion").(string)
		for _, h := range r.items(inner, child, av) {
			if m, ok := h.(map[string]any); ok && child != "" {
				if !hasMember(m, "kind") {
					m["kind"] = child
					if !hasMember(m, "apiVersion") && av != "" {
						m["apiVersion"] = av
					}
				}
			}
			out = append(out, h)
		}
	}
	return out
}

// childKind is the kind of kind-less items of a list of kind listKind, as
// the projection infers it: the named itemKind, else the typed list's
// (PodList: Pod).
func (r *kubeRedaction) childKind(listKind string) string {
	if r.itemKind != "" {
		return r.itemKind
	}
	if listKind == "List" {
		return ""
	}
	// In any letter case: "secretlist" names Secrets to this check, even
	// if no reader would take it for a list of them.
	if n := len(listKind) - len("List"); n > 0 && strings.EqualFold(listKind[n:], "List") {
		return listKind[:n]
	}
	return listKind
}

// object redacts one object and, if it has items (a list, or any object
// a reader might take for one), its items.
func (r *kubeRedaction) object(obj map[string]any, inherited string) {
	// As the projection reads it: a missing, null or empty kind is
	// inferred from the list.
	kind, _ := member(obj, "kind").(string)
	if kind == "" {
		kind = inherited
	}
	if isSecret(obj, kind) {
		if deleteMembers(obj, "data", "stringData") {
			r.secrets++
		}
	}
	for k, v := range obj {
		if items, ok := v.([]any); ok && strings.EqualFold(k, "items") {
			obj[k] = r.items(items, r.childKind(kind), "")
			continue
		}
		r.field(obj, k, v)
	}
}

// isSecret reports whether obj, of kind, holds a Secret's values.
func isSecret(obj map[string]any, kind string) bool {
	if strings.EqualFold(strings.TrimSpace(kind), "Secret") {
		return true
	}
	meta, _ := member(obj, "metadata").(map[string]any)
	link, _ := member(meta, "selfLink").(string)
	parts := strings.Split(strings.Trim(link, "/"), "/")
	return len(parts) >= 2 && strings.EqualFold(parts[len(parts)-2], "secrets")
}

// node redacts below any JSON value.
func (r *kubeRedaction) node(v any) {
	switch x := v.(type) {
	case map[string]any:
		for k, child := range x {
			r.field(x, k, child)
		}
	case []any:
		for _, child := range x {
			r.node(child)
		}
	}
}

// field redacts the value v of key k in m, and below it.
func (r *kubeRedaction) field(m map[string]any, k string, v any) {
	switch {
	case strings.EqualFold(k, "metadata"):
		if meta, ok := v.(map[string]any); ok {
			r.metadata(meta)
		}
	case strings.EqualFold(k, "exec"):
		if exec, ok := v.(map[string]any); ok {
			if deleteMembers(exec, "command") {
				r.execCommands++
			}
		}
	case isContainerList(k):
		if list, ok := v.([]any); ok {
			for _, c := range list {
				if c, ok := c.(map[string]any); ok {
					r.container(c)
				}
			}
		}
	}
	r.node(v)
}

func isContainerList(k string) bool {
	for _, c := range containerLists {
		if strings.EqualFold(k, c) {
			return true
		}
	}
	return false
}

func (r *kubeRedaction) metadata(meta map[string]any) {
	if deleteMembers(meta, "managedFields") {
		r.managedFields++
	}
	// Annotations are a map: their keys are data, matched exactly.
	for k, v := range meta {
		if ann, ok := v.(map[string]any); ok && strings.EqualFold(k, "annotations") {
			if _, has := ann[lastApplied]; has {
				delete(ann, lastApplied)
				r.lastApplied++
			}
		}
	}
}

func (r *kubeRedaction) container(c map[string]any) {
	if deleteMembers(c, "command") {
		r.commands++
	}
	if deleteMembers(c, "args") {
		r.args++
	}
	for k, v := range c {
		env, _ := v.([]any)
		if !strings.EqualFold(k, "env") {
			continue
		}
		for _, e := range env {
			if e, ok := e.(map[string]any); ok && deleteMembers(e, "value") {
				r.envValues++
			}
		}
	}
}

// member returns the value of obj's key name as encoding/json finds a
// struct field: the exact key, else one equal without regard to case
// (a document with both is refused as holding a key twice); nil if there
// is none.
func member(obj map[string]any, name string) any {
	if v, ok := obj[name]; ok {
		return v
	}
	for k, v := range obj {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return nil
}

// hasMember reports whether obj has the key name in any letter case.
func hasMember(obj map[string]any, name string) bool {
	for k := range obj {
		if strings.EqualFold(k, name) {
			return true
		}
	}
	return false
}

// deleteMembers deletes every key of obj that equals one of names
// without regard to case, and reports whether it deleted one.
func deleteMembers(obj map[string]any, names ...string) bool {
	deleted := false
	for k := range obj {
		for _, n := range names {
			if strings.EqualFold(k, n) {
				delete(obj, k)
				deleted = true
				break
			}
		}
	}
	return deleted
}

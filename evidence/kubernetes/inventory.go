package kubernetes

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nachweis/nachweis/evidence/internal/jsonscan"
)

// Inventory is what a cluster's evidence shows of the places where data
// lives: namespaces, volume claims and volumes, Secrets and ConfigMaps (by
// name), and Velero backups. The deletion protocol compares two of them.
// It reads the raw list files itself, independent of the projection the
// checks use.
type Inventory struct {
	// ClusterUID is the uid of the kube-system namespace, which every
	// cluster has and which stays for its lifetime: the cluster's
	// identity. "" when the evidence does not hold it.
	ClusterUID string
	// Lists maps each inventory kind (InventoryKinds) to the file that
	// lists it cluster-wide, as the collector stores it (a typed list such
	// as PersistentVolumeClaimList, or a file imported with --kind). Only
	// such a list shows that an object is absent: a generic List may hold
	// one namespace only.
	Lists map[string]string
	// Objects are sorted by kind, namespace and name.
	Objects []InventoryObject
	// Backups are Velero's Backups, sorted by namespace and name.
	Backups []InventoryBackup
	// Sites maps a BackupStorageLocation "<namespace>/<name>" to its
	// declared site (label or annotation nachweis.io/site).
	Sites map[string]string
}

// InventoryKinds are the kinds an Inventory holds.
var InventoryKinds = []string{"Namespace", "PersistentVolumeClaim", "PersistentVolume", "Secret", "ConfigMap", "Backup", "BackupStorageLocation"}

// InventoryObject is one object that holds or describes data.
type InventoryObject struct {
	Kind      string
	Namespace string
	Name      string
	UID       string
	Created   time.Time
	// Deleting is the deletionTimestamp: deletion was requested and waits
	// for finalizers (a Terminating namespace, a protected volume claim).
	Deleting time.Time
	// Phase is status.phase (Namespace: Active, Terminating; claim:
	// Bound, Pending, Lost; volume: Available, Bound, Released, Failed).
	Phase  string
	Labels map[string]string
	// Size is a claim's capacity (else its request) or a volume's
	// capacity, e.g. 10Gi.
	Size         string
	StorageClass string
	// ReclaimPolicy is a volume's: Delete or Retain.
	ReclaimPolicy string
	// Volume is a claim's bound volume; Claim a volume's claim as
	// "<namespace>/<name>".
	Volume string
	Claim  string
	// Type is a Secret's type.
	Type string
	// Ref is the file and JSON pointer of the object.
	Ref string
}

// Terminating reports whether deletion was requested but has not
// finished.
func (o InventoryObject) Terminating() bool {
	return !o.Deleting.IsZero() || o.Phase == "Terminating"
}

// InventoryBackup is a Velero Backup.
type InventoryBackup struct {
	Namespace, Name string
	Phase           string
	// Included and Excluded are the namespace patterns of the spec;
	// Included is ["*"] when the spec names none.
	Included, Excluded []string
	Start, Completion  time.Time
	// Expiration is status.expiration: when Velero's garbage collection
	// may delete the backup.
	Expiration time.Time
	// Location is the BackupStorageLocation's name (spec.storageLocation).
	Location string
	Ref      string
}

// Includes reports whether the backup holds the namespace ns: an
// included pattern matches it and no excluded one does. A backup that
// includes the namespace by a pattern ("*") holds nothing of it when it
// started before the namespace was created (created is zero when
// unknown); one that names the namespace counts whatever the times say,
// so that a clock difference never drops a copy.
func (b InventoryBackup) Includes(ns string, created time.Time) bool {
	named := slices.Contains(b.Included, ns)
	match := func(patterns []string) bool {
		for _, p := range patterns {
			if ok, err := path.Match(p, ns); err == nil && ok {
				return true
			}
		}
		return false
	}
	if !match(b.Included) || match(b.Excluded) {
		return false
	}
	return named || created.IsZero() || b.Start.IsZero() || !created.After(b.Start)
}

// invObject is the part of an object ReadInventory decodes.
type invObject struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Metadata   struct {
		Name              string            `json:"name"`
		Namespace         string            `json:"namespace"`
		UID               string            `json:"uid"`
		CreationTimestamp string            `json:"creationTimestamp"`
		DeletionTimestamp string            `json:"deletionTimestamp"`
		Labels            map[string]string `json:"labels"`
		Annotations       map[string]string `json:"annotations"`
		SelfLink          string            `json:"selfLink"`
	} `json:"metadata"`
	Type   string          `json:"type"`
	Spec   json.RawMessage `json:"spec"`
	Status json.RawMessage `json:"status"`
	Items  []invObject     `json:"items"`
}

// ReadInventory reads the inventory kinds from a cluster's list files (a
// List, a typed list, a single object or an array, as Project reads them).
// An object listed by several files counts once, from the first.
func ReadInventory(files []File) (*Inventory, error) {
	inv := &Inventory{Lists: map[string]string{}, Sites: map[string]string{}}
	seen := map[string]bool{}
	for _, f := range files {
		if f.Kind != KindList {
			continue
		}
		if err := inv.file(f, seen); err != nil {
			return nil, fmt.Errorf("read inventory %s: %w", f.Path, err)
		}
	}
	slices.SortFunc(inv.Objects, func(a, b InventoryObject) int {
		return strings.Compare(a.Kind+"\x00"+a.Namespace+"\x00"+a.Name, b.Kind+"\x00"+b.Namespace+"\x00"+b.Name)
	})
	slices.SortFunc(inv.Backups, func(a, b InventoryBackup) int {
		return strings.Compare(a.Namespace+"\x00"+a.Name, b.Namespace+"\x00"+b.Name)
	})
	return inv, nil
}

func (inv *Inventory) file(f File, seen map[string]bool) error {
	data := bytes.TrimSpace(f.Data)
	if len(data) == 0 {
		return fmt.Errorf("empty file, expected kubectl get -o json output")
	}
	itemKind := f.ItemKind
	var items []invObject
	base := f.Path + "#"
	if data[0] == '[' {
		if err := json.Unmarshal(data, &items); err != nil {
			return jsonscan.Explain(data, err)
		}
		base += "/"
	} else {
		var o invObject
		if err := json.Unmarshal(data, &o); err != nil {
			return jsonscan.Explain(data, err)
		}
		if o.Items == nil && !strings.HasSuffix(o.Kind, "List") {
			return inv.object(&o, itemKind, f.Path+"#", seen)
		}
		if itemKind == "" && o.Kind != "List" {
			itemKind = strings.TrimSuffix(o.Kind, "List")
			if invVeleroKind(itemKind) && !invVeleroAPI(o.APIVersion) {
				itemKind = ""
			}
		}
		items = o.Items
		base += "/items/"
	}
	if slices.Contains(InventoryKinds, itemKind) {
		if _, ok := inv.Lists[itemKind]; !ok {
			inv.Lists[itemKind] = f.Path
		}
	}
	for i := range items {
		if err := inv.object(&items[i], itemKind, base+strconv.Itoa(i), seen); err != nil {
			return err
		}
	}
	return nil
}

func (inv *Inventory) object(o *invObject, itemKind, ref string, seen map[string]bool) error {
	kind := o.Kind
	if kind == "" {
		kind = itemKind
	}
	if kind == "" {
		link := strings.Split(strings.Trim(o.Metadata.SelfLink, "/"), "/")
		if len(link) >= 2 {
			kind = invResourceKinds[link[len(link)-2]]
		}
	}
	if !slices.Contains(InventoryKinds, kind) {
		return nil
	}
	if invVeleroKind(kind) && !invVeleroAPI(o.APIVersion) {
		return nil // another project's Backup
	}
	m := &o.Metadata
	id := kind + "/" + m.Namespace + "/" + m.Name
	if seen[id] {
		return nil
	}
	seen[id] = true
	created, err := optionalTime("creationTimestamp", m.CreationTimestamp)
	if err != nil {
		return jsonscan.At(ref, err)
	}
	deleting, err := optionalTime("deletionTimestamp", m.DeletionTimestamp)
	if err != nil {
		return jsonscan.At(ref, err)
	}
	if kind == "Namespace" && m.Name == "kube-system" {
		inv.ClusterUID = m.UID
	}
	switch kind {
	case "Backup":
		return inv.backup(o, ref)
	case "BackupStorageLocation":
		site := m.Labels[SiteKey]
		if site == "" {
			site = m.Annotations[SiteKey]
		}
		inv.Sites[m.Namespace+"/"+m.Name] = strings.TrimSpace(site)
		return nil
	}
	obj := InventoryObject{
		Kind: kind, Namespace: m.Namespace, Name: m.Name, UID: m.UID,
		Created: created, Deleting: deleting, Labels: m.Labels, Type: o.Type, Ref: ref,
	}
	var status struct {
		Phase    string            `json:"phase"`
		Capacity map[string]string `json:"capacity"`
	}
	if err := invDecode("status", o.Status, &status); err != nil {
		return jsonscan.At(ref, err)
	}
	obj.Phase = status.Phase
	switch kind {
	case "PersistentVolumeClaim":
		var spec struct {
			StorageClassName *string `json:"storageClassName"`
			VolumeName       string  `json:"volumeName"`
			Resources        struct {
				Requests map[string]string `json:"requests"`
			} `json:"resources"`
		}
		if err := invDecode("spec", o.Spec, &spec); err != nil {
			return jsonscan.At(ref, err)
		}
		if spec.StorageClassName != nil {
			obj.StorageClass = *spec.StorageClassName
		}
		obj.Volume = spec.VolumeName
		obj.Size = status.Capacity["storage"]
		if obj.Size == "" {
			obj.Size = spec.Resources.Requests["storage"]
		}
	case "PersistentVolume":
		var spec struct {
			StorageClassName string            `json:"storageClassName"`
			Capacity         map[string]string `json:"capacity"`
			ReclaimPolicy    string            `json:"persistentVolumeReclaimPolicy"`
			ClaimRef         *struct {
				Namespace string `json:"namespace"`
				Name      string `json:"name"`
			} `json:"claimRef"`
		}
		if err := invDecode("spec", o.Spec, &spec); err != nil {
			return jsonscan.At(ref, err)
		}
		obj.StorageClass = spec.StorageClassName
		obj.Size = spec.Capacity["storage"]
		obj.ReclaimPolicy = spec.ReclaimPolicy
		if obj.ReclaimPolicy == "" {
			obj.ReclaimPolicy = "Retain" // the API's default for volumes created by hand
		}
		if spec.ClaimRef != nil {
			obj.Claim = spec.ClaimRef.Namespace + "/" + spec.ClaimRef.Name
		}
	}
	inv.Objects = append(inv.Objects, obj)
	return nil
}

func (inv *Inventory) backup(o *invObject, ref string) error {
	var spec struct {
		IncludedNamespaces []string `json:"includedNamespaces"`
		ExcludedNamespaces []string `json:"excludedNamespaces"`
		StorageLocation    string   `json:"storageLocation"`
	}
	if err := invDecode("spec", o.Spec, &spec); err != nil {
		return jsonscan.At(ref, err)
	}
	var status struct {
		Phase               string `json:"phase"`
		StartTimestamp      string `json:"startTimestamp"`
		CompletionTimestamp string `json:"completionTimestamp"`
		Expiration          string `json:"expiration"`
	}
	if err := invDecode("status", o.Status, &status); err != nil {
		return jsonscan.At(ref, err)
	}
	b := InventoryBackup{Namespace: o.Metadata.Namespace, Name: o.Metadata.Name, Phase: status.Phase, Location: spec.StorageLocation, Ref: ref}
	// Velero backs up every namespace when the spec names none.
	b.Included, b.Excluded = slices.Clone(spec.IncludedNamespaces), slices.Clone(spec.ExcludedNamespaces)
	if len(b.Included) == 0 {
		b.Included = []string{"*"}
	}
	var err error
	for _, t := range []struct {
		field string
		v     string
		into  *time.Time
	}{{"startTimestamp", status.StartTimestamp, &b.Start}, {"completionTimestamp", status.CompletionTimestamp, &b.Completion}, {"expiration", status.Expiration, &b.Expiration}} {
		if *t.into, err = optionalTime(t.field, t.v); err != nil {
			return jsonscan.At(ref, err)
		}
	}
	inv.Backups = append(inv.Backups, b)
	return nil
}

// invResourceKinds maps the resources of selfLinks (dumps of API servers
// before 1.20) to the inventory kinds.
var invResourceKinds = map[string]string{
	"namespaces": "Namespace", "persistentvolumeclaims": "PersistentVolumeClaim", "persistentvolumes": "PersistentVolume",
	"secrets": "Secret", "configmaps": "ConfigMap", "backups": "Backup", "backupstoragelocations": "BackupStorageLocation",
}

// invVeleroKind reports whether kind is one of Velero's, which other
// projects use too (CloudNativePG's Backup).
func invVeleroKind(kind string) bool { return kind == "Backup" || kind == "BackupStorageLocation" }

// invVeleroAPI reports whether an apiVersion is Velero's; an object
// without one took its kind from a list that was checked already.
func invVeleroAPI(v string) bool { return v == "" || strings.HasPrefix(v, "velero.io/") }

// invDecode decodes the raw field name; absent or null leaves v as is.
func invDecode(name string, raw json.RawMessage, v any) error {
	if len(raw) == 0 {
		return nil
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return jsonscan.Under(name, raw, err)
	}
	return nil
}

// optionalTime parses an RFC 3339 time of the API server; zero when
// empty.
func optionalTime(field, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s %q: want an RFC 3339 time", field, v)
	}
	return t.UTC(), nil
}

// TenantObjects returns the objects that hold the data of the given
// namespaces: the namespaces themselves, the claims, Secrets and
// ConfigMaps in them, and the volumes whose claim is in them (also after
// the claim is gone, as long as the volume remembers it).
func (inv *Inventory) TenantObjects(namespaces map[string]bool) []InventoryObject {
	var out []InventoryObject
	for _, o := range inv.Objects {
		switch o.Kind {
		case "Namespace":
			if namespaces[o.Name] {
				out = append(out, o)
			}
		case "PersistentVolume":
			if ns, _, ok := strings.Cut(o.Claim, "/"); ok && namespaces[ns] {
				out = append(out, o)
			}
		default:
			if namespaces[o.Namespace] {
				out = append(out, o)
			}
		}
	}
	return out
}

// TenantBackups returns the Velero backups that hold one of the
// namespaces; created gives each namespace's creation time where known.
func (inv *Inventory) TenantBackups(created map[string]time.Time) []InventoryBackup {
	names := make([]string, 0, len(created))
	for ns := range created {
		names = append(names, ns)
	}
	slices.Sort(names)
	var out []InventoryBackup
	for _, b := range inv.Backups {
		for _, ns := range names {
			if b.Includes(ns, created[ns]) {
				out = append(out, b)
				break
			}
		}
	}
	return out
}

// NamespaceLabelsOf returns the labels of the inventory's namespaces, for
// resolving tenants' namespace selectors.
func (inv *Inventory) NamespaceLabelsOf() map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, o := range inv.Objects {
		if o.Kind == "Namespace" {
			labels := o.Labels
			if labels == nil {
				labels = map[string]string{}
			}
			out[o.Name] = labels
		}
	}
	return out
}

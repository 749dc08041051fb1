package inventory

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/deletion"
	"github.com/nachweis/nachweis/evidence/kubernetes"
)

// kubeKinds are the inventory's Kubernetes kinds with the collector's
// error key and the configuration's inventory kind.
var kubeKinds = []struct{ kind, errKey, invKind string }{
	{deletion.KindNamespace, "namespaces", "namespaces"},
	{deletion.KindPVC, "persistentvolumeclaims", "persistentvolumeclaims"},
	{deletion.KindPV, "persistentvolumes", "persistentvolumes"},
	{deletion.KindSecret, "secrets", "secrets"},
	{deletion.KindConfigMap, "configmaps", "configmaps"},
	{"Backup", "velero_backups", "velero"},
}

// crdMissing starts the collector's error for Velero resources the
// cluster does not serve: then the cluster has no Velero backups.
const crdMissing = "CRD not installed"

func (b *builder) kubernetes(src evidence.Source) error {
	var files []kubernetes.File
	for _, f := range src.Files {
		data, err := b.in.Bundle.ReadFile(f.Path)
		if err != nil {
			return err
		}
		files = append(files, kubernetes.File{Path: f.Path, Kind: f.Kind, ItemKind: f.ItemKind, Data: data})
	}
	inv, err := kubernetes.ReadInventory(files)
	if err != nil {
		return fmt.Errorf("kubernetes source %s: %w", src.Name, err)
	}
	key := "kubernetes/" + src.Name
	if inv.ClusterUID != "" {
		b.p.Identities = append(b.p.Identities, deletion.Identity{Source: key, Value: "kube-system uid " + inv.ClusterUID})
	}
	for _, k := range kubeKinds {
		if path, ok := inv.Lists[k.kind]; ok {
			b.p.Lists = append(b.p.Lists, deletion.List{Source: key, Kind: k.kind, Evidence: b.ref(path)})
			continue
		}
		reason := src.Errors[k.errKey]
		switch {
		case strings.HasPrefix(reason, crdMissing):
			continue
		case reason == "" && src.Status == evidence.StatusError:
			reason = src.Error
		case reason == "":
			b.gapCode(key, k.kind, deletion.GapNoList, k.errKey, "no cluster-wide list of "+k.errKey+" in the evidence")
			continue
		}
		b.gap(key, k.kind, reason)
	}

	// The tenant's namespaces: listed, selected by label, or known from
	// the plan before the deletion.
	owners, err := b.cfg.TenantNamespacesIn(inv.NamespaceLabelsOf())
	if err != nil {
		return fmt.Errorf("kubernetes source %s: %w", src.Name, err)
	}
	set := map[string]bool{}
	for ns, owner := range owners {
		if owner == b.tenant.ID {
			set[ns] = true
		}
	}
	for _, ns := range b.in.Namespaces[src.Name] {
		set[ns] = true
	}
	names := sortedKeys(set)
	b.p.Tenant.Namespaces[src.Name] = names

	created := map[string]time.Time{}
	for _, ns := range names {
		created[ns] = time.Time{}
	}
	for _, o := range inv.TenantObjects(set) {
		if o.Kind == deletion.KindNamespace {
			created[o.Name] = o.Created
		}
		b.p.Objects = append(b.p.Objects, b.object(src.Name, o))
	}
	gc := b.cfg.Params().VeleroGCInterval
	var locations, sites []string
	var copies []deletion.Copy
	for _, bk := range inv.TenantBackups(created) {
		loc := bk.Location
		if loc == "" {
			loc = "default"
		}
		site := inv.Sites[bk.Namespace+"/"+loc]
		c := deletion.Copy{
			Key: "velero/" + src.Name + "/" + loc + "/" + bk.Namespace + "/" + bk.Name, Tool: deletion.ToolVelero, Source: src.Name,
			Repository: loc, ID: bk.Namespace + "/" + bk.Name, Time: bk.Completion, Site: site,
			Assignment: b.assignment("velero"), Evidence: b.ref(bk.Ref),
		}
		if c.Time.IsZero() {
			c.Time = bk.Start
		}
		if bk.Expiration.IsZero() {
			c.Expiry = deletion.Expiry{Basis: deletion.BasisUnknown, Reason: deletion.ReasonNoExpiration}
		} else {
			at := bk.Expiration.Add(gc)
			c.Expiry = deletion.Expiry{At: &at, Basis: deletion.BasisVelero}
		}
		copies = append(copies, c)
		locations = append(locations, loc)
		if site != "" {
			sites = append(sites, site)
		}
	}
	b.p.Copies = append(b.p.Copies, copies...)
	if len(copies) > 0 {
		slices.Sort(locations)
		slices.Sort(sites)
		_, listed := inv.Lists["Backup"]
		bk := deletion.Backup{
			Source: "velero/" + src.Name, Tool: deletion.ToolVelero, Name: src.Name,
			Repositories: slices.Compact(locations), Sites: slices.Compact(sites),
			Selector: "namespaces " + strings.Join(names, ", "), Rule: fmt.Sprintf("TTL (status.expiration) + %s", gc),
			Shared: true, Listed: listed, Assignment: b.assignment("velero"),
		}
		summarise(&bk, copies)
		b.p.Backups = append(b.p.Backups, bk)
	}
	return nil
}

func (b *builder) object(source string, o kubernetes.InventoryObject) deletion.Object {
	kind := map[string]string{
		deletion.KindNamespace: "namespaces", deletion.KindPVC: "persistentvolumeclaims", deletion.KindPV: "persistentvolumes",
		deletion.KindSecret: "secrets", deletion.KindConfigMap: "configmaps",
	}[o.Kind]
	out := deletion.Object{
		Key: objectKey(source, o.Kind, o.Namespace, o.Name), Source: source, Kind: o.Kind, Namespace: o.Namespace, Name: o.Name,
		UID: o.UID, Phase: o.Phase, Size: o.Size, StorageClass: o.StorageClass, ReclaimPolicy: o.ReclaimPolicy,
		Volume: o.Volume, Claim: o.Claim, SecretType: o.Type, Assignment: b.assignment(kind), Evidence: b.ref(o.Ref),
	}
	if !o.Created.IsZero() {
		t := o.Created
		out.Created = &t
	}
	if !o.Deleting.IsZero() {
		t := o.Deleting
		out.Deleting = &t
	}
	return out
}

// summarise fills a backup source's counts, oldest and newest copy and
// last expiry from its copies.
func summarise(bk *deletion.Backup, copies []deletion.Copy) {
	bk.Copies = len(copies)
	var last *time.Time
	never := false
	for _, c := range copies {
		t := c.Time
		if bk.Oldest == nil || t.Before(*bk.Oldest) {
			bk.Oldest = &t
		}
		if bk.Newest == nil || t.After(*bk.Newest) {
			bk.Newest = &t
		}
		switch {
		case c.Expiry.At == nil:
			never = true
			bk.LastExpiry = c.Expiry
		case !never && (last == nil || c.Expiry.At.After(*last)):
			last = c.Expiry.At
			bk.LastExpiry = c.Expiry
		}
	}
	if !never {
		for _, c := range copies {
			if c.Expiry.At != nil && c.Expiry.At.Equal(*last) && c.Expiry.UpperBound {
				bk.LastExpiry.UpperBound = true
			}
		}
	}
}

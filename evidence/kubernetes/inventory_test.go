package kubernetes

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestReadInventory(t *testing.T) {
	files := []File{
		{Path: "k/namespaces.json", Kind: KindList, Data: []byte(`{"apiVersion":"v1","kind":"NamespaceList","items":[
			{"metadata":{"name":"kube-system","uid":"c1d2-kube-system"}},
			{"metadata":{"name":"acme-prod","uid":"u-ns","creationTimestamp":"2026-01-10T08:00:00Z","deletionTimestamp":"2026-11-20T09:00:00Z","labels":{"tenant":"acme"}},"status":{"phase":"Terminating"}},
			{"metadata":{"name":"globex-prod","uid":"u-gx","creationTimestamp":"2026-01-10T08:00:00Z"},"status":{"phase":"Active"}}]}`)},
		{Path: "k/persistentvolumeclaims.json", Kind: KindList, Data: []byte(`{"apiVersion":"v1","kind":"PersistentVolumeClaimList","items":[
			{"metadata":{"name":"data","namespace":"acme-prod","uid":"u-pvc"},"spec":{"storageClassName":"encrypted-ssd","volumeName":"pv-acme","resources":{"requests":{"storage":"8Gi"}}},"status":{"phase":"Bound","capacity":{"storage":"10Gi"}}},
			{"metadata":{"name":"cache","namespace":"globex-prod"},"spec":{"resources":{"requests":{"storage":"1Gi"}}},"status":{"phase":"Pending"}}]}`)},
		{Path: "k/persistentvolumes.json", Kind: KindList, Data: []byte(`{"apiVersion":"v1","kind":"PersistentVolumeList","items":[
			{"metadata":{"name":"pv-acme","uid":"u-pv"},"spec":{"capacity":{"storage":"10Gi"},"storageClassName":"encrypted-ssd","persistentVolumeReclaimPolicy":"Retain","claimRef":{"namespace":"acme-prod","name":"data"}},"status":{"phase":"Released"}},
			{"metadata":{"name":"pv-free"},"spec":{"capacity":{"storage":"5Gi"}},"status":{"phase":"Available"}}]}`)},
		// Secrets and ConfigMaps as the collector stores them: metadata only.
		{Path: "k/secrets.json", Kind: KindList, Data: []byte(`{"apiVersion":"v1","kind":"SecretList","items":[
			{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db-credentials","namespace":"acme-prod"},"type":"Opaque"}]}`)},
		{Path: "k/configmaps.json", Kind: KindList, Data: []byte(`{"apiVersion":"v1","kind":"ConfigMapList","items":[]}`)},
		{Path: "k/velero-backups.json", Kind: KindList, Data: []byte(`{"apiVersion":"velero.io/v1","kind":"BackupList","items":[
			{"metadata":{"name":"all-20261122","namespace":"velero"},"spec":{"storageLocation":"default"},"status":{"phase":"Completed","startTimestamp":"2026-11-22T02:00:00Z","expiration":"2026-12-22T02:00:00Z"}},
			{"metadata":{"name":"acme-20261122","namespace":"velero"},"spec":{"includedNamespaces":["acme-*"]},"status":{"phase":"Completed","startTimestamp":"2026-11-22T03:00:00Z"}},
			{"metadata":{"name":"no-acme","namespace":"velero"},"spec":{"excludedNamespaces":["acme-prod"]},"status":{"startTimestamp":"2026-11-22T04:00:00Z"}},
			{"metadata":{"name":"before-acme","namespace":"velero"},"spec":{},"status":{"startTimestamp":"2025-12-01T04:00:00Z"}}]}`)},
		{Path: "k/velero-backupstoragelocations.json", Kind: KindList, Data: []byte(`{"apiVersion":"velero.io/v1","kind":"BackupStorageLocationList","items":[
			{"metadata":{"name":"default","namespace":"velero","labels":{"nachweis.io/site":"DE-Falkenstein"}}}]}`)},
		// CloudNativePG's Backup is not Velero's.
		{Path: "k/cnpg.json", Kind: KindList, Data: []byte(`{"apiVersion":"postgresql.cnpg.io/v1","kind":"BackupList","items":[{"metadata":{"name":"pg","namespace":"acme-prod"}}]}`)},
		// A generic List shows objects but not that others are absent.
		{Path: "k/import.json", Kind: KindList, Data: []byte(`{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings","namespace":"acme-prod"}}]}`)},
	}
	inv, err := ReadInventory(files)
	if err != nil {
		t.Fatal(err)
	}
	if inv.ClusterUID != "c1d2-kube-system" {
		t.Errorf("cluster uid %q", inv.ClusterUID)
	}
	wantLists := map[string]string{
		"Namespace": "k/namespaces.json", "PersistentVolumeClaim": "k/persistentvolumeclaims.json", "PersistentVolume": "k/persistentvolumes.json",
		"Secret": "k/secrets.json", "ConfigMap": "k/configmaps.json", "Backup": "k/velero-backups.json", "BackupStorageLocation": "k/velero-backupstoragelocations.json",
	}
	if diff := cmp.Diff(wantLists, inv.Lists); diff != "" {
		t.Errorf("lists (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]string{"velero/default": "DE-Falkenstein"}, inv.Sites); diff != "" {
		t.Errorf("sites (-want +got):\n%s", diff)
	}
	var got []string
	for _, o := range inv.TenantObjects(map[string]bool{"acme-prod": true}) {
		got = append(got, strings.Join([]string{o.Kind, o.Namespace, o.Name, o.Phase, o.Size, o.StorageClass, o.ReclaimPolicy, o.Volume, o.Claim, o.Type}, "|")+
			map[bool]string{true: " terminating", false: ""}[o.Terminating()])
	}
	want := []string{
		"ConfigMap|acme-prod|settings|||||||",
		"Namespace||acme-prod|Terminating|||||| terminating",
		"PersistentVolume||pv-acme|Released|10Gi|encrypted-ssd|Retain||acme-prod/data|",
		"PersistentVolumeClaim|acme-prod|data|Bound|10Gi|encrypted-ssd||pv-acme||",
		"Secret|acme-prod|db-credentials|||||||Opaque",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tenant objects (-want +got):\n%s", diff)
	}
	ns := inv.TenantObjects(map[string]bool{"acme-prod": true})[1]
	if !ns.Created.Equal(time.Date(2026, 1, 10, 8, 0, 0, 0, time.UTC)) || !ns.Deleting.Equal(time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)) ||
		ns.Ref != "k/namespaces.json#/items/1" || ns.UID != "u-ns" {
		t.Errorf("namespace %+v", ns)
	}
	var backups []string
	for _, b := range inv.TenantBackups(map[string]time.Time{"acme-prod": time.Date(2026, 1, 10, 8, 0, 0, 0, time.UTC)}) {
		backups = append(backups, b.Name+" "+b.Location+" "+b.Expiration.Format(time.RFC3339))
	}
	if diff := cmp.Diff([]string{"acme-20261122  0001-01-01T00:00:00Z", "all-20261122 default 2026-12-22T02:00:00Z"}, backups); diff != "" {
		t.Errorf("tenant backups (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]string{"tenant": "acme"}, inv.NamespaceLabelsOf()["acme-prod"]); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}

	_, err = ReadInventory([]File{{Path: "bad.json", Kind: KindList, Data: []byte(`{"kind":"NamespaceList","items":[{"metadata":{"name":"x","creationTimestamp":"yesterday"}}]}`)}})
	if err == nil || err.Error() != `read inventory bad.json: bad.json#/items/0: creationTimestamp "yesterday": want an RFC 3339 time` {
		t.Errorf("bad time: %v", err)
	}
}

// TestReadInventoryTypeError: a value of the wrong type is named by its
// file and JSON pointer and both types in words, never by Go types.
func TestReadInventoryTypeError(t *testing.T) {
	tests := []struct{ data, want string }{
		{`{"kind":"List","items":[{"kind":"Namespace","metadata":{"name":"x","labels":{"a":1}}}]}`,
			"read inventory bad.json: /items/0/metadata/labels/a: expected a string, found a number"},
		{`[{"kind":"Secret","metadata":{"name":"x"},"type":5}]`,
			"read inventory bad.json: /0/type: expected a string, found a number"},
		{`{"kind":"PersistentVolumeClaim","metadata":{"name":"x"},"spec":{"storageClassName":["a"]}}`,
			"read inventory bad.json: bad.json#/spec/storageClassName: expected a string, found an array"},
	}
	for _, tt := range tests {
		_, err := ReadInventory([]File{{Path: "bad.json", Kind: KindList, Data: []byte(tt.data)}})
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s:\n got: %v\nwant: %s", tt.data, err, tt.want)
		}
	}
}

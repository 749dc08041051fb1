package kubetest

import _ "embed"

// VeleroCRDs holds minimal CustomResourceDefinitions of Velero's
// backups.velero.io, schedules.velero.io and
// backupstoragelocations.velero.io (group velero.io, version v1,
// namespaced). Their schemas preserve unknown fields, so any Velero object
// fixture can be applied. Like Velero's own CRDs, Backups and Schedules
// have no status subresource and BackupStorageLocations have one; Apply
// stores .status as given either way.
//
//go:embed velero-crds.yaml
var VeleroCRDs []byte

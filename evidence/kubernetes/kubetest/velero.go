package kubetest

import _ "embed"

// VeleroCRDs holds minimal CustomResourceDefinitions of Velero's
// backups.velero.io and schedules.velero.io (group velero.io, version v1,
// namespaced). Their schemas preserve unknown fields, so any Velero object
// fixture can be applied; like Velero's own CRDs they have no status
// subresource, so Apply stores .status as given.
//
//go:embed velero-crds.yaml
var VeleroCRDs []byte

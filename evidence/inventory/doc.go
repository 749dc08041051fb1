// Package inventory finds every place one tenant's data lives, from an
// evidence bundle and the configuration, as a deletion.Plan: the tenant's
// Kubernetes namespaces with their volume claims, volumes, Secrets and
// ConfigMaps (by name), the Velero backups holding those namespaces, the
// restic snapshots, borg archives and pgBackRest backups the tenant's
// selectors pick, each copy with the date it expires, the places the
// configuration declares, and statutory retention.
//
// Expiry dates come from the evidence and the declared retention: Velero's
// status.expiration plus the garbage-collection interval; for restic and
// borg the declared keep rules run forward in time with each tool's
// semantics (backup/retention.go), assuming a backup and a forget or
// prune every retention.interval; for pgBackRest repo-retention-full with
// a full backup every full_interval. A series that holds only the
// tenant's data gets no new backups after the deletion.
//
// Build returns a *deletion.InputError for what the user must fix: an
// unknown tenant, or a retention that cannot be simulated for a source
// holding the tenant's copies.
package inventory

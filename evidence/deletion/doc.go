// Package deletion is the model of the deletion protocol (Löschprotokoll):
// a Plan is the inventory of every place one tenant's data lives at one
// point in time — Kubernetes objects, backup copies with the date each
// expires, places no collector can see, and data kept under a statutory
// retention — and Verify compares the plan before the deletion with one
// after it into a Protocol: what is deleted and verified absent, what is
// still present or still being deleted (blockers), and which backup copies
// still hold the data until when.
//
// The package is plain Go without dependencies on the rest of nachweis:
// evidence/inventory builds plans from an evidence bundle and the
// configuration, templates renders protocols. Plans and protocols are
// JSON (PlanSchema, ProtocolSchema); ReadPlan reads a plan back strictly,
// so that a plan written before the deletion can serve as --before.
//
// Missing evidence is never a deletion: an object is "deleted" only when
// a cluster-wide list of its kind in the later evidence does not hold it.
// Without that list it is "not-evidenced" and blocks the protocol like an
// object still present.
package deletion

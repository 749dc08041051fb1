// Package policies is the evaluation engine of nachweis. It holds the
// embedded Rego checks (one package per check under kubernetes/, backup/
// and access/, each with a _test.rego beside it) and evaluates them with
// OPA.
//
// All policies are compiled once into one compiler, one query per check is
// prepared once, and the evidence is projected to the fields the checks
// read and converted to an OPA value once per evaluation (see CONTRACT.md
// for the input shape and the rules every check follows). The checks that
// read no Kubernetes evidence (found by walking their rules for input
// references, reads.go) are evaluated while the Kubernetes evidence is
// projected (early.go). Run turns the check results, attestations,
// exceptions and scope decisions into the controls.Results model; the
// findings are indexed by tenant once for the views of many tenants.
//
// Checks emit message ids with typed arguments; their templates (the
// check's METADATA custom.messages and the shared catalogue of the library
// packages) are parsed when the policies load, and each emitted message is
// rendered in German and English when the check is evaluated.
package policies

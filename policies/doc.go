// Package policies is the evaluation engine of nachweis. It holds the
// embedded Rego checks (one package per check under kubernetes/, backup/
// and access/, each with a _test.rego beside it) and evaluates them with
// OPA.
//
// All policies are compiled once into one compiler, one query per check is
// prepared once, and the evidence is projected to the fields the checks
// read and converted to an OPA value once per evaluation (see CONTRACT.md
// for the input shape and the rules every check follows). Run turns the
// check results, attestations, exceptions and scope decisions into the
// controls.Results model.
package policies

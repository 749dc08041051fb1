package policies

import "embed"

// FS holds the embedded Rego checks, their tests and the shared helper
// libraries, rooted at this directory (e.g. "kubernetes/netpol_default_deny.rego").
// The engine loads every non-test module from it; the Go tests run the
// _test.rego files through OPA's tester.
//
//go:embed kubernetes/*.rego backup/*.rego access/*.rego development/*.rego lib/*.rego
var FS embed.FS

package policies

import (
	"github.com/open-policy-agent/opa/v1/ast"
)

// inputReads finds the top-level input keys (kubernetes, backup, tenants,
// …) a check's results can read: every reference to input in the rules
// and functions its results rule depends on, transitively. all is true
// when some reference reads input whole or by a key computed at
// evaluation time; keys is then incomplete. The engine evaluates a check
// that reads no Kubernetes evidence while the Kubernetes evidence is
// still being projected (RunTenantsCompiling); the analysis errs on the
// side of "reads everything".
func inputReads(c *ast.Compiler, pkg string) (keys map[string]bool, all bool) {
	keys = map[string]bool{}
	root, err := ast.ParseRef("data." + pkg + ".results")
	if err != nil {
		return nil, true
	}
	seen := map[*ast.Rule]bool{}
	queue := c.GetRules(root)
	if len(queue) == 0 {
		return nil, true
	}
	for len(queue) > 0 {
		r := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		if seen[r] {
			continue
		}
		seen[r] = true
		ast.WalkRefs(r, func(ref ast.Ref) bool {
			switch {
			case ref.HasPrefix(ast.InputRootRef):
				if len(ref) < 2 {
					all = true
					return false
				}
				key, ok := ref[1].Value.(ast.String)
				if !ok {
					all = true
					return false
				}
				keys[string(key)] = true
			case ref.HasPrefix(ast.DefaultRootRef):
				queue = append(queue, c.GetRules(ref)...)
			}
			return false
		})
	}
	return keys, all
}

# Package kubernetes holds what the Kubernetes checks share. It is a helper
# library, not a check, so it has no check annotations.
package nachweis.lib.kubernetes

import data.nachweis.lib.evidence

# _pods holds [source, namespace, index] of every in-scope pod of a source
# that delivered pod evidence; small tuples keep the set cheap to build.
_pods contains [source, pod.namespace, i] if {
	some source, src in input.kubernetes
	not evidence.missing(src, "pods")
	some i, pod in src.pods
	pod.in_scope == true
}

_namespaces := {[source, ns] | some [source, ns, _] in _pods}

# pods_by_namespace[[source, namespace]] lists the in-scope pods of one
# namespace. The grouping comprehension sits in a rule body, where OPA
# indexes it once, so that grouping stays linear in the number of pods;
# pod checks pass a namespace as a whole and fail pod by pod.
pods_by_namespace[key] := pods if {
	some key in _namespaces
	[source, ns] := key
	pods := [input.kubernetes[source].pods[i] | some [s, n, i] in _pods; s == source; n == ns]
}

# tenant is the tenant of a namespace: from the namespace evidence, else
# from its first pod, else "".
tenant(source, ns, pods) := t if {
	t := input.kubernetes[source].namespaces[ns].tenant
	is_string(t)
} else := t if {
	t := pods[0].tenant
	is_string(t)
} else := ""

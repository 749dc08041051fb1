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
# namespace; pod checks pass a namespace as a whole and fail pod by pod.
# Grouping stays linear in the number of pods: the inner comprehension
# iterates the input and compares with ==, so OPA indexes it once, and an
# object comprehension is built in one pass where inserting into a partial
# object rule key by key grows faster than the number of keys.
pods_by_namespace := {key: pods |
	some key in _namespaces
	[source, ns] := key
	pods := [pod |
		pod := input.kubernetes[s].pods[_]
		s == source
		pod.namespace == ns
		pod.in_scope == true
	]
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

# missing_result is the no-evidence result for a source that did not
# deliver every evidence kind of keys; undefined when it did.
missing_result(source, src, keys, expected) := {
	"status": "no-evidence",
	"resource": source,
	"message": sprintf("Kubernetes source %s cannot be assessed: %s", [source, evidence.reasons(src, missing)]),
	"expected": expected,
	"refs": [],
} if {
	missing := evidence.missing_keys(src, keys)
	count(missing) > 0
}

# file_refs refers to the whole files the projected objects came from
# ("<file>#", the empty JSON pointer): the evidence of a result that rests
# on a whole list, e.g. "none of the bindings grants ...".
file_refs(objs) := sort({sprintf("%s#", [split(o.ref, "#")[0]]) | some o in objs; is_string(o.ref)})

# namespace_result adds the tenant of a namespace object to a result.
namespace_result(r, obj) := evidence.with_tenant(r, object.get(obj, "tenant", ""))

# qualified names a namespaced object "<namespace>/<name>".
qualified(obj) := sprintf("%s/%s", [obj.namespace, obj.name])

# velero_includes is true when a Velero backup spec (a Backup, or the
# template of a Schedule, as projected) includes namespace ns: by name or
# by "*", and not excluded. The projection resolves an empty list to ["*"].
velero_includes(spec, ns) if {
	some pattern in spec.included_namespaces
	pattern in {ns, "*"}
	not ns in spec.excluded_namespaces
}

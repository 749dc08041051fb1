# METADATA
# title: Resource quota, limit range and memory limits in every tenant namespace
# description: Every in-scope namespace has a ResourceQuota and a LimitRange, and every container of its workloads has a memory limit - its own resources.limits.memory, or the default memory limit a LimitRange of type Container gives every container without one. Workloads are the pod templates of the controllers and the pods of their own, as in K8S-POD-01. A tenant cannot then exhaust the memory of the nodes it shares with other tenants. A namespace declared for a tenant but found in no source is reported as missing evidence.
# custom:
#   id: K8S-RES-01
#   severity: medium
#   measures: [TOM-VER-11]
#   requires: [kubernetes.namespaces, kubernetes.resourcequotas, kubernetes.limitranges, kubernetes.pods, kubernetes.workloads]
#   title_de: ResourceQuota, LimitRange und Speicherlimits in jedem Mandanten-Namespace
#   description_de: Jeder Namespace im Geltungsbereich hat eine ResourceQuota und eine LimitRange, und jeder Container seiner Workloads hat ein Speicherlimit - sein eigenes resources.limits.memory oder das Standardlimit, das eine LimitRange vom Typ Container jedem Container ohne Limit gibt. Workloads sind die Pod-Templates der Controller und die eigenständigen Pods wie bei K8S-POD-01. Ein Mandant kann so den Speicher der Knoten, die er mit anderen Mandanten teilt, nicht erschöpfen. Ein für einen Mandanten deklarierter Namespace, der in keiner Quelle gefunden wurde, gilt als fehlender Nachweis.
package nachweis.kubernetes.resource_governance

import data.nachweis.lib.evidence
import data.nachweis.lib.human
import data.nachweis.lib.kubernetes

_keys := ["namespaces", "resourcequotas", "limitranges", "pods", "workloads"]

_expected := "a ResourceQuota, a LimitRange and a memory limit for every container (its own or the LimitRange's default)"

results contains r if {
	some source, src in input.kubernetes
	r := kubernetes.missing_result(source, src, _keys, _expected)
}

results contains r if {
	some r in kubernetes.missing_namespace_results(_expected)
}

results contains r if {
	some [source, ns], obj in kubernetes.in_scope_namespaces(_keys)
	src := input.kubernetes[source]
	quotas := object.get(src, ["resourcequotas_by_namespace", ns], [])
	ranges := object.get(src, ["limitranges_by_namespace", ns], [])
	specs := object.get(src, ["pod_specs_by_namespace", ns], [])
	defaults := [lr | some lr in ranges; lr.default_memory_limit != ""]
	unknown := [s | some s in specs; not is_array(s.no_memory_limit)]
	unlimited := _unlimited(specs, defaults)
	problems := _problems(quotas, ranges, unlimited)
	v := _verdict(ns, problems, unknown, quotas, ranges, defaults, specs)
	r := evidence.with_tenant(
		{
			"status": v.status,
			"resource": sprintf("%s/namespace/%s", [source, ns]),
			"message": v.message,
			"expected": _expected,
			"measured": sprintf("ResourceQuotas: %s; LimitRanges: %s; containers without memory limit: %s", [
				human.list([sprintf("%s (%s)", [q.name, concat(", ", q.hard)]) | some q in quotas]),
				human.list([_range_text(lr) | some lr in ranges]),
				human.list([_container_text(u) | some u in unlimited]),
			]),
			"refs": array.concat(array.concat(evidence.ref(obj), evidence.refs(array.concat(quotas, ranges))), _spec_refs(specs, unlimited)),
			"facts": {
				"namespace": ns,
				"resourcequotas": [q.name | some q in quotas],
				"limitranges": [lr.name | some lr in ranges],
				"default_memory_limits": [lr.default_memory_limit | some lr in defaults],
				"containers_without_memory_limit": unlimited,
			},
		},
		object.get(obj, "tenant", ""),
	)
}

# _unlimited lists the containers without a memory limit, unless a
# LimitRange gives every container a default one.
_unlimited(specs, defaults) := [] if {
	count(defaults) > 0
} else := [{"workload": s.workload, "container": x.container, "field": x.field} |
	some s in specs
	is_array(s.no_memory_limit)
	some x in s.no_memory_limit
]

_problems(quotas, ranges, unlimited) := [p |
	some [p, missing] in [
		["no ResourceQuota", count(quotas) == 0],
		["no LimitRange", count(ranges) == 0],
		[sprintf("containers without memory limit: %s", [concat(", ", [_container_text(u) | some u in unlimited])]), count(unlimited) > 0],
	]
	missing
]

_verdict(ns, problems, unknown, quotas, ranges, defaults, specs) := {
	"status": "fail",
	"message": sprintf("namespace %s: %s", [ns, concat("; ", problems)]),
} if {
	count(problems) > 0
} else := {
	"status": "no-evidence",
	"message": sprintf("namespace %s: the memory limits of %s were not recorded", [ns, human.list([s.workload | some s in unknown])]),
} if {
	count(unknown) > 0
} else := {
	"status": "pass",
	"message": sprintf("namespace %s has ResourceQuota %s and LimitRange %s, and every container of its %s has a memory limit%s", [
		ns, human.list([q.name | some q in quotas]), human.list([lr.name | some lr in ranges]),
		human.counted(count(specs), "workload", "workloads"), _by_default(defaults),
	]),
}

_by_default(defaults) := sprintf(" (default %s)", [concat(", ", [lr.default_memory_limit | some lr in defaults])]) if {
	count(defaults) > 0
} else := ""

_range_text(lr) := sprintf("%s (default memory limit %s)", [lr.name, lr.default_memory_limit]) if {
	lr.default_memory_limit != ""
} else := sprintf("%s (no default memory limit)", [lr.name])

_container_text(u) := sprintf("%s container %s", [u.workload, u.container])

_spec_refs(specs, unlimited) := sort({s.ref |
	some s in specs
	some u in unlimited
	u.workload == s.workload
	is_string(s.ref)
})

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
#   messages:
#     expected:
#       de: "eine ResourceQuota, eine LimitRange und ein Speicherlimit für jeden Container (ein eigenes oder der Standardwert der LimitRange)"
#       en: "a ResourceQuota, a LimitRange and a memory limit for every container (its own or the LimitRange's default)"
#     measured:
#       de: "ResourceQuotas: {quotas:list}; LimitRanges: {ranges:list}; Container ohne Speicherlimit: {unlimited:list}"
#       en: "ResourceQuotas: {quotas:list}; LimitRanges: {ranges:list}; containers without memory limit: {unlimited:list}"
#     quota:
#       de: "{name} ({hard:list})"
#       en: "{name} ({hard:list})"
#     range_default:
#       de: "{name} (Standard-Speicherlimit {limit})"
#       en: "{name} (default memory limit {limit})"
#     range_no_default:
#       de: "{name} (kein Standard-Speicherlimit)"
#       en: "{name} (no default memory limit)"
#     container:
#       de: "{workload} Container {container}"
#       en: "{workload} container {container}"
#     problems:
#       de: "Namespace {namespace}: {problems:msgs}"
#       en: "namespace {namespace}: {problems:msgs}"
#     no_quota:
#       de: "keine ResourceQuota"
#       en: "no ResourceQuota"
#     no_range:
#       de: "keine LimitRange"
#       en: "no LimitRange"
#     unlimited:
#       de: "Container ohne Speicherlimit: {containers:list}"
#       en: "containers without memory limit: {containers:list}"
#     not_recorded:
#       de: "Namespace {namespace}: Die Speicherlimits von {workloads:list} wurden nicht erfasst"
#       en: "namespace {namespace}: the memory limits of {workloads:list} were not recorded"
#     pass:
#       de: "Namespace {namespace} hat {quota_count:plural:die ResourceQuota:die ResourceQuotas} {quotas:list} und {range_count:plural:die LimitRange:die LimitRanges} {ranges:list}; jeder Container in {workloads:count:Workload:Workloads} hat ein Speicherlimit"
#       en: "namespace {namespace} has {quota_count:plural:ResourceQuota:ResourceQuotas} {quotas:list} and {range_count:plural:LimitRange:LimitRanges} {ranges:list}, and every container of its {workloads:count:workload:workloads} has a memory limit"
#     pass_default:
#       de: "Namespace {namespace} hat {quota_count:plural:die ResourceQuota:die ResourceQuotas} {quotas:list} und {range_count:plural:die LimitRange:die LimitRanges} {ranges:list}; jeder Container in {workloads:count:Workload:Workloads} hat ein Speicherlimit (Standardwert {defaults:list})"
#       en: "namespace {namespace} has {quota_count:plural:ResourceQuota:ResourceQuotas} {quotas:list} and {range_count:plural:LimitRange:LimitRanges} {ranges:list}, and every container of its {workloads:count:workload:workloads} has a memory limit (default {defaults:list})"
package nachweis.kubernetes.resource_governance

import data.nachweis.lib.evidence
import data.nachweis.lib.kubernetes
import data.nachweis.lib.messages

_keys := ["namespaces", "resourcequotas", "limitranges", "pods", "workloads"]

_expected := messages.plain("expected")

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
			"measured": messages.msg("measured", {
				"quotas": [messages.msg("quota", {"name": q.name, "hard": q.hard}) | some q in quotas],
				"ranges": [_range_text(lr) | some lr in ranges],
				"unlimited": [_container_text(u) | some u in unlimited],
			}),
			"refs": array.concat(array.concat(evidence.ref(obj), evidence.refs(array.concat(quotas, ranges))), _spec_refs(specs, unlimited)),
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
		[messages.plain("no_quota"), count(quotas) == 0],
		[messages.plain("no_range"), count(ranges) == 0],
		[messages.msg("unlimited", {"containers": [_container_text(u) | some u in unlimited]}), count(unlimited) > 0],
	]
	missing
]

_verdict(ns, problems, unknown, quotas, ranges, defaults, specs) := {
	"status": "fail",
	"message": messages.msg("problems", {"namespace": ns, "problems": problems}),
} if {
	count(problems) > 0
} else := {
	"status": "no-evidence",
	"message": messages.msg("not_recorded", {"namespace": ns, "workloads": [s.workload | some s in unknown]}),
} if {
	count(unknown) > 0
} else := {
	"status": "pass",
	"message": _pass(ns, quotas, ranges, specs, defaults),
}

_pass(ns, quotas, ranges, specs, defaults) := messages.msg("pass_default", object.union(_pass_args(ns, quotas, ranges, specs), {
	"defaults": [lr.default_memory_limit | some lr in defaults],
})) if {
	count(defaults) > 0
} else := messages.msg("pass", _pass_args(ns, quotas, ranges, specs))

_pass_args(ns, quotas, ranges, specs) := {
	"namespace": ns,
	"quotas": [q.name | some q in quotas], "quota_count": count(quotas),
	"ranges": [lr.name | some lr in ranges], "range_count": count(ranges),
	"workloads": count(specs),
}

_range_text(lr) := messages.msg("range_default", {"name": lr.name, "limit": lr.default_memory_limit}) if {
	lr.default_memory_limit != ""
} else := messages.msg("range_no_default", {"name": lr.name})

_container_text(u) := messages.msg("container", {"workload": u.workload, "container": u.container})

_spec_refs(specs, unlimited) := sort({s.ref |
	some s in specs
	some u in unlimited
	u.workload == s.workload
	is_string(s.ref)
})

# Package kubernetes holds what the Kubernetes checks share. It is a helper
# library, not a check, so it has no check annotations.
package nachweis.lib.kubernetes

import data.nachweis.lib.evidence
import data.nachweis.lib.messages

# Grouping. A check that groups objects by a key (a namespace, a class)
# first collects the keys, then builds an object comprehension whose inner
# comprehension iterates the input and compares with ==, so OPA indexes it
# once and the grouping stays linear in the number of objects; inserting
# into a partial object rule key by key grows faster than the number of
# keys. Where the projection can group (pod specs, NetworkPolicies by
# namespace), it does.

# pod_keys are the evidence kinds every check of pod specs needs: the
# pods, and the controllers (workloads) whose templates stand for them. A
# check must not pass on the running pods while a template it did not see
# is privileged.
pod_keys := ["pods", "workloads"]

# pod_specs[[source, namespace]] lists the in-scope pod specs of one
# namespace: the pod templates of the controllers the projection assesses
# and the pods not reported through one of them (see policies/CONTRACT.md,
# pod_specs_by_namespace). Sources that did not deliver pods and workloads
# are left out; their checks report them as missing evidence. The
# projection groups by namespace, so this is one pass over the namespaces.
pod_specs := {[source, ns]: specs |
	some source, src in input.kubernetes
	evidence.complete(src, pod_keys)
	some ns, specs in src.pod_specs_by_namespace
	count(specs) > 0
	specs[0].in_scope == true
}

# spec_name names a pod spec in messages, with the number of pods a
# controller's spec stands for: "Deployment acme-prod/crm (30 Pods)",
# "Pod acme-prod/debug".
spec_name(s) := messages.msg("pod_spec_pod", {"name": sprintf("%s/%s", [s.namespace, s.name])}) if {
	s.kind == "Pod"
} else := messages.msg("pod_spec_controller", {
	"kind": s.kind,
	"name": sprintf("%s/%s", [s.namespace, s.name]),
	"pods": object.get(s, "pods", 0),
})

# spec_resource is the result resource of a pod spec:
# "prod/deployment/acme-prod/crm".
spec_resource(source, s) := sprintf("%s/%s", [source, s.workload])

# setting_text is one setting with the field it was read from, a
# message: "containers[app].securityContext.privileged true", and the pod
# that showed it when the template does not: "... (pod web-5d9c-x2)".
setting_text(s) := messages.msg("pod_spec_setting_of_pod", {"field": s.field, "value": s.value, "pod": s.pod}) if {
	is_string(s.pod)
	s.pod != ""
} else := messages.msg("pod_spec_setting", {"field": s.field, "value": s.value})

# settings_text lists the settings' messages in the order given.
settings_text(l) := [setting_text(s) | some s in l]

# spec_refs is the evidence of a pod spec result: the spec's object and
# the pods that added settings to it (the settings that carry a ref).
spec_refs(s, settings) := array.concat(evidence.ref(s), sort({x.ref | some x in settings; x.ref}))

# tenant is the tenant of a namespace: from the namespace evidence, else
# from its first object (a pod spec), else "".
tenant(source, ns, objs) := t if {
	t := input.kubernetes[source].namespaces[ns].tenant
	is_string(t)
} else := t if {
	t := objs[0].tenant
	is_string(t)
} else := ""

# missing_result is the no-evidence result for a source that did not
# deliver every evidence kind of keys (expected is a message); undefined
# when it did.
missing_result(source, src, keys, expected) := {
	"status": "no-evidence",
	"resource": source,
	"message": messages.msg("k8s_source_not_assessable", {"source": source, "reasons": evidence.reasons(src, missing)}),
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

# spec_results are the results of a check of one kind of pod spec setting
# (field of the pod spec, e.g. "privileged"): one no-evidence result per
# source without pods or workloads, one pass per in-scope namespace whose
# workloads have no such setting, one fail per workload (a controller's
# template with what its pods added, or a pod of its own) that has some,
# naming the workload, its containers and the fields, and no-evidence for
# a workload whose settings were not recorded. t holds the messages:
# expected; clean, the id of the check's pass message (arguments
# namespace and workloads, their number); found, what a failing workload
# does ("runs privileged containers"); label, what the settings are
# ("privileged settings").
spec_results(field, t) := array.concat(
	array.concat(
		[r |
			some source, src in input.kubernetes
			r := missing_result(source, src, pod_keys, t.expected)
		],
		[r |
			some [source, ns], specs in pod_specs
			every s in specs {
				_clean(s, field)
			}
			r := evidence.with_tenant(
				{
					"status": "pass",
					"resource": sprintf("%s/namespace/%s", [source, ns]),
					"message": messages.msg(t.clean, {"namespace": ns, "workloads": count(specs)}),
					"expected": t.expected,
					"measured": messages.msg("pod_spec_measured_none", {"label": t.label}),
					"refs": evidence.refs(specs),
				},
				tenant(source, ns, specs),
			)
		],
	),
	[r |
		some [source, _], specs in pod_specs
		some s in specs
		not _clean(s, field)
		r := _spec_verdict(source, s, object.get(s, field, null), t)
	],
)

_clean(s, field) if {
	is_array(s[field])
	count(s[field]) == 0
}

_spec_verdict(source, s, settings, t) := evidence.with_tenant(
	{
		"status": "no-evidence",
		"resource": spec_resource(source, s),
		"expected": t.expected,
		"message": messages.msg("pod_spec_not_recorded", {"spec": spec_name(s), "label": t.label}),
		"measured": messages.plain("unknown"),
		"refs": evidence.ref(s),
	},
	object.get(s, "tenant", ""),
) if {
	not is_array(settings)
} else := evidence.with_tenant(_spec_fail(source, s, settings, settings_text(settings), t), object.get(s, "tenant", ""))

_spec_fail(source, s, settings, texts, t) := {
	"status": "fail",
	"resource": spec_resource(source, s),
	"expected": t.expected,
	"message": messages.msg("pod_spec_findings", {"spec": spec_name(s), "found": t.found, "settings": texts}),
	"measured": messages.msg("pod_spec_measured", {"label": t.label, "settings": texts}),
	"refs": spec_refs(s, settings),
}

# known_namespaces are the namespaces of every source that delivered
# namespace evidence.
known_namespaces contains ns if {
	some src in input.kubernetes
	not evidence.missing(src, "namespaces")
	some ns, _ in src.namespaces
}

# missing_namespace_results are no-evidence results for the namespaces
# declared for a tenant that no source with namespace evidence holds: what
# a check of tenant namespaces cannot show for them.
missing_namespace_results(expected) := {r |
	some tenant, t in input.tenants
	some ns in t.namespaces
	not ns in known_namespaces
	r := {
		"status": "no-evidence",
		"resource": sprintf("namespace/%s", [ns]),
		"tenant": tenant,
		"message": messages.msg("k8s_namespace_not_found", {"namespace": ns, "tenant": tenant}),
		"expected": expected,
		"measured": messages.plain("k8s_namespace_not_found_measured"),
		"refs": [],
	}
}

# in_scope_namespaces[[source, namespace]] is the namespace object of
# every in-scope namespace of a source that delivered every kind of keys.
in_scope_namespaces(keys) := {[source, ns]: obj |
	some source, src in input.kubernetes
	evidence.complete(src, keys)
	some ns, obj in src.namespaces
	obj.in_scope == true
}

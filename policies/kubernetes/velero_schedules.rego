# METADATA
# title: A Velero schedule backs up every tenant namespace
# description: Every in-scope tenant namespace is included in an active Velero Schedule of its cluster, i.e. one that is not paused, did not fail validation and backs up whole namespaces (no labelSelector, orLabelSelectors or includedResources other than "*"). A schedule includes a namespace when its template's includedNamespaces names it or "*" (Velero's default when empty) and its excludedNamespaces does not. Other name patterns are not evaluated. A cluster without Velero's CRDs has no Velero evidence and is reported as missing evidence.
# custom:
#   id: K8S-VEL-01
#   severity: high
#   measures: [TOM-VER-15]
#   requires: [kubernetes.namespaces, kubernetes.velero_schedules]
#   title_de: Ein Velero-Zeitplan sichert jeden Mandanten-Namespace
#   description_de: Jeder Mandanten-Namespace im Geltungsbereich ist in einem aktiven Velero-Schedule seines Clusters enthalten, d. h. einem, der nicht pausiert ist, die Validierung bestanden hat und ganze Namespaces sichert (kein labelSelector, keine orLabelSelectors, keine includedResources außer "*"). Ein Schedule enthält einen Namespace, wenn includedNamespaces seiner Vorlage ihn oder "*" nennt (Veleros Vorgabe, wenn leer) und excludedNamespaces ihn nicht nennt. Andere Namensmuster werden nicht ausgewertet. Ein Cluster ohne Veleros CRDs hat keinen Velero-Nachweis; das gilt als fehlender Nachweis.
#   messages:
#     expected:
#       de: "ein aktiver Velero-Schedule (nicht pausiert, validiert, ganze Namespaces) schließt den Namespace ein"
#       en: "an active Velero Schedule (not paused, validated, whole namespaces) includes the namespace"
#     measured:
#       de: "einschließende Schedules: {schedules:list}"
#       en: "including schedules: {schedules:list}"
#     schedule:
#       de: "{name} ({schedule})"
#       en: "{name} ({schedule})"
#     pass:
#       de: "Namespace {namespace} wird durch {schedules:plural:den Velero-Schedule:die Velero-Schedules} {schedules:list} gesichert"
#       en: "namespace {namespace} is backed up by Velero {schedules:plural:Schedule:Schedules} {schedules:list}"
#     fail:
#       de: "Kein aktiver Velero-Schedule schließt Namespace {namespace} ein (Schedules: {schedules:list})"
#       en: "no active Velero Schedule includes namespace {namespace} (schedules: {schedules:list})"
#     state:
#       de: "{name} (Namespaces {namespaces:list})"
#       en: "{name} (namespaces {namespaces:list})"
#     state_flags:
#       de: "{name} ({flags:list}; Namespaces {namespaces:list})"
#       en: "{name} ({flags:list}; namespaces {namespaces:list})"
#     paused:
#       de: "pausiert"
#       en: "paused"
#     failed_validation:
#       de: "Validierung fehlgeschlagen"
#       en: "failed validation"
#     filtered:
#       de: "gefiltert"
#       en: "filtered"
package nachweis.kubernetes.velero_schedules

import data.nachweis.lib.evidence
import data.nachweis.lib.kubernetes
import data.nachweis.lib.messages

_keys := ["namespaces", "velero_schedules"]

_expected := messages.plain("expected")

results contains r if {
	some source, src in input.kubernetes
	r := kubernetes.missing_result(source, src, _keys, _expected)
}

_sources := {source | some source, src in input.kubernetes; evidence.complete(src, _keys)}

_active(s) if {
	s.paused == false
	s.phase != "FailedValidation"
	s.filtered == false
}

# _named_keys holds [source, namespace] for every namespace an active
# schedule names explicitly and does not exclude.
_named_keys contains [source, ns] if {
	some source in _sources
	some s in input.kubernetes[source].velero_schedules
	_active(s)
	some ns in s.included_namespaces
	ns != "*"
	not ns in s.excluded_namespaces
}

# _by_name[[source, namespace]] lists the active schedules that name a
# namespace, grouped linearly as lib.kubernetes explains (Grouping).
_by_name := {key: schedules |
	some key in _named_keys
	[source, ns] := key
	schedules := [s |
		s := input.kubernetes[src].velero_schedules[_]
		src == source
		some n in s.included_namespaces
		n == ns
		_active(s)
		not ns in s.excluded_namespaces
	]
}

# _all[source] lists the active schedules of a source that include "*".
_all[source] := schedules if {
	some source in _sources
	schedules := [s |
		some s in input.kubernetes[source].velero_schedules
		_active(s)
		"*" in s.included_namespaces
	]
}

results contains r if {
	some source, src in input.kubernetes
	evidence.complete(src, _keys)
	some ns, obj in src.namespaces
	obj.in_scope == true
	covering := array.concat(
		object.get(_by_name, [[source, ns]], []),
		[s | some s in object.get(_all, source, []); not ns in s.excluded_namespaces],
	)
	v := _verdict(ns, covering, src.velero_schedules)
	r := kubernetes.namespace_result(
		{
			"status": v.status,
			"resource": sprintf("%s/namespace/%s", [source, ns]),
			"message": v.message,
			"expected": _expected,
			"measured": messages.msg("measured", {"schedules": [_describe(s) | some s in covering]}),
			"refs": array.concat(evidence.ref(obj), evidence.refs(v.used)),
		},
		obj,
	)
}

_verdict(ns, covering, schedules) := {
	"status": "pass",
	"message": messages.msg("pass", {"namespace": ns, "schedules": [kubernetes.qualified(s) | some s in covering]}),
	"used": covering,
} if {
	count(covering) > 0
} else := {
	"status": "fail",
	"message": messages.msg("fail", {"namespace": ns, "schedules": [_state(s) | some s in schedules]}),
	"used": [],
}

_describe(s) := messages.msg("schedule", {"name": kubernetes.qualified(s), "schedule": s.schedule})

# _state describes a schedule for a failure message: why it is not active
# and which namespaces it names.
_state(s) := messages.msg("state_flags", {"name": kubernetes.qualified(s), "flags": _flags(s), "namespaces": sort(s.included_namespaces)}) if {
	count(_flags(s)) > 0
} else := messages.msg("state", {"name": kubernetes.qualified(s), "namespaces": sort(s.included_namespaces)})

_flags(s) := [messages.plain(f) | some f in ["paused", "failed_validation", "filtered"]; _has(s, f)]

_has(s, "paused") if s.paused == true

_has(s, "failed_validation") if s.phase == "FailedValidation"

_has(s, "filtered") if s.filtered == true

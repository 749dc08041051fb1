# METADATA
# title: Production workloads are redundant and protected by a PodDisruptionBudget
# description: Every in-scope workload in a production namespace (label environment production or prod, or namespace name production or ending in -prod) has at least 2 replicas and a PodDisruptionBudget in its namespace whose matchLabels (non-empty) select its pod template. DaemonSets, Jobs and CronJobs are not assessed. A missing replica count or pod template labels are reported as missing evidence.
# custom:
#   id: K8S-AVAIL-01
#   severity: medium
#   measures: [TOM-VER-01]
#   requires: [kubernetes.namespaces, kubernetes.workloads, kubernetes.poddisruptionbudgets]
#   title_de: Produktive Workloads redundant und durch PodDisruptionBudget geschützt
#   description_de: Jeder Workload im Geltungsbereich in einem Produktions-Namespace (Label environment production oder prod, oder Namespace-Name production oder endend auf -prod) hat mindestens 2 Replikate und ein PodDisruptionBudget in seinem Namespace, dessen (nicht leere) matchLabels sein Pod-Template auswählen. DaemonSets, Jobs und CronJobs werden nicht bewertet. Fehlen Replikatzahl oder Template-Labels, gilt dies als fehlender Nachweis.
#   messages:
#     expected:
#       de: "mindestens 2 Replikate und ein PodDisruptionBudget, das das Pod-Template auswählt"
#       en: "at least 2 replicas and a PodDisruptionBudget selecting the pod template"
#     measured:
#       de: "Replikate: {replicas}; passende PodDisruptionBudgets: {matching:list}"
#       en: "replicas: {replicas}; matching PodDisruptionBudgets: {matching:list}"
#     namespace_unknown:
#       de: "{workload}: Namespace {namespace} ist nicht im Namespace-Nachweis, daher ist unbekannt, ob es ein Produktions-Namespace ist"
#       en: "{workload}: namespace {namespace} is not in the namespace evidence, so whether it is a production namespace is unknown"
#     not_recorded:
#       de: "{workload}: Anzahl der Replikate oder Labels des Pod-Templates wurden nicht erfasst"
#       en: "{workload}: replica count or pod template labels were not recorded"
#     too_few:
#       de: "{workload} hat {replicas:count:Replikat:Replikate} (erwartet mindestens 2)"
#       en: "{workload} has {replicas:count:replica:replicas} (expected at least 2)"
#     no_pdb:
#       de: "{workload} hat kein PodDisruptionBudget, das sein Pod-Template auswählt (PodDisruptionBudgets im Namespace: {pdbs:list})"
#       en: "{workload} has no PodDisruptionBudget selecting its pod template (PodDisruptionBudgets in namespace: {pdbs:list})"
#     too_few_no_pdb:
#       de: "{workload} hat {replicas:count:Replikat:Replikate} (erwartet mindestens 2) und kein PodDisruptionBudget, das sein Pod-Template auswählt (PodDisruptionBudgets im Namespace: {pdbs:list})"
#       en: "{workload} has {replicas:count:replica:replicas} (expected at least 2) and has no PodDisruptionBudget selecting its pod template (PodDisruptionBudgets in namespace: {pdbs:list})"
#     pass:
#       de: "{workload} hat {replicas:count:Replikat:Replikate} und ist durch {matching:plural:das PodDisruptionBudget:die PodDisruptionBudgets} {matching:list} abgedeckt"
#       en: "{workload} has {replicas:count:replica:replicas} and is covered by {matching:plural:PodDisruptionBudget:PodDisruptionBudgets} {matching:list}"
package nachweis.kubernetes.replicas_pdb

import data.nachweis.lib.evidence
import data.nachweis.lib.kubernetes
import data.nachweis.lib.messages

_keys := ["namespaces", "workloads", "poddisruptionbudgets"]

_expected := messages.plain("expected")

_not_assessed := {"DaemonSet", "Job", "CronJob"}

results contains r if {
	some source, src in input.kubernetes
	r := kubernetes.missing_result(source, src, _keys, _expected)
}

results contains r if {
	some source, src in input.kubernetes
	evidence.complete(src, _keys)
	some w in src.workloads
	w.in_scope == true
	not w.kind in _not_assessed
	_production(src, w.namespace)
	name := sprintf("%s %s/%s", [w.kind, w.namespace, w.name])
	pdbs := object.get(src, ["pdbs_by_namespace", w.namespace], [])
	labels := object.get(w, "template_labels", null)
	matching := [p | some p in pdbs; _selects(p, labels)]
	v := _verdict(name, object.get(w, "replicas", null), labels, matching, pdbs)
	r := evidence.with_tenant(
		{
			"status": v.status,
			"resource": sprintf("%s/%s/%s/%s", [source, lower(w.kind), w.namespace, w.name]),
			"message": v.message,
			"expected": _expected,
			"measured": messages.msg("measured", {"replicas": object.get(w, "replicas", null), "matching": _names(matching)}),
			"refs": array.concat(evidence.ref(w), evidence.refs(v.used)),
		},
		object.get(w, "tenant", ""),
	)
}

# A workload in a namespace the source does not list cannot be classified
# by label; it is missing evidence unless its namespace name already marks
# it as production.
results contains r if {
	some source, src in input.kubernetes
	evidence.complete(src, _keys)
	some w in src.workloads
	w.in_scope == true
	not w.kind in _not_assessed
	not _production_name(w.namespace)
	not src.namespaces[w.namespace]
	r := evidence.with_tenant(
		{
			"status": "no-evidence",
			"resource": sprintf("%s/%s/%s/%s", [source, lower(w.kind), w.namespace, w.name]),
			"message": messages.msg("namespace_unknown", {"workload": sprintf("%s %s/%s", [w.kind, w.namespace, w.name]), "namespace": w.namespace}),
			"expected": _expected,
			"refs": evidence.ref(w),
		},
		object.get(w, "tenant", ""),
	)
}

_production_name(ns) if ns == "production"

_production_name(ns) if endswith(ns, "-prod")

_production(_, ns) if _production_name(ns)

_production(src, ns) if src.namespaces[ns].labels.environment in {"production", "prod"}

# An empty or absent matchLabels is not counted: the projection cannot tell
# an empty selector from one that uses only matchExpressions.
_selects(pdb, labels) if {
	is_object(pdb.match_labels)
	count(pdb.match_labels) > 0
	every k, v in pdb.match_labels {
		labels[k] == v
	}
}

_names(objs) := sort([o.name | some o in objs])

_verdict(name, replicas, labels, matching, pdbs) := {
	"status": "no-evidence",
	"message": messages.msg("not_recorded", {"workload": name}),
	"used": [],
} if {
	not _known(replicas, labels)
} else := {
	"status": "fail",
	"message": _problem_message(name, replicas, matching, pdbs),
	"used": pdbs,
} if {
	count(_problems(replicas, matching)) > 0
} else := {
	"status": "pass",
	"message": messages.msg("pass", {"workload": name, "replicas": replicas, "matching": _names(matching)}),
	"used": matching,
}

_problem_message(name, replicas, matching, pdbs) := messages.msg("too_few_no_pdb", {"workload": name, "replicas": replicas, "pdbs": _names(pdbs)}) if {
	replicas < 2
	count(matching) == 0
} else := messages.msg("too_few", {"workload": name, "replicas": replicas}) if {
	replicas < 2
} else := messages.msg("no_pdb", {"workload": name, "pdbs": _names(pdbs)})

_known(replicas, labels) if {
	is_number(replicas)
	is_object(labels)
}

_problems(replicas, matching) := array.concat(
	["too_few" | replicas < 2],
	["no_pdb" | count(matching) == 0],
)

# METADATA
# title: cluster-admin granted only to approved subjects
# description: Every ClusterRoleBinding or RoleBinding to the ClusterRole cluster-admin binds only subjects listed in the allowed cluster admins ("<Kind>/<name>" or "ServiceAccount/<namespace>/<name>"). One result per binding, listing its subjects.
# custom:
#   id: K8S-RBAC-01
#   severity: critical
#   measures: [TOM-ZGR-01]
#   requires: [kubernetes.bindings]
#   title_de: cluster-admin nur für freigegebene Subjekte
#   description_de: Jedes ClusterRoleBinding oder RoleBinding auf die ClusterRole cluster-admin bindet nur Subjekte aus der Liste der freigegebenen Cluster-Administratoren ("<Kind>/<Name>" oder "ServiceAccount/<Namespace>/<Name>"). Ein Ergebnis je Binding mit seinen Subjekten.
#   messages:
#     expected:
#       de: "cluster-admin nur an zugelassene Subjekte gebunden ({allowed:list})"
#       en: "cluster-admin bound only to allowed subjects ({allowed:list})"
#     measured:
#       de: "Subjekte: {subjects:list}"
#       en: "subjects: {subjects:list}"
#     denied:
#       de: "{binding} bindet cluster-admin an nicht zugelassene Subjekte: {denied:list} (alle Subjekte: {subjects:list})"
#       en: "{binding} binds cluster-admin to subjects that are not allowed: {denied:list} (all subjects: {subjects:list})"
#     pass:
#       de: "{binding} bindet cluster-admin nur an zugelassene Subjekte: {subjects:list}"
#       en: "{binding} binds cluster-admin only to allowed subjects: {subjects:list}"
package nachweis.kubernetes.cluster_admin

import data.nachweis.lib.evidence
import data.nachweis.lib.kubernetes
import data.nachweis.lib.messages

_allowed := {s | some s in object.get(input, ["params", "allowed_cluster_admins"], [])}

_expected := messages.msg("expected", {"allowed": sort(_allowed)})

results contains r if {
	some source, src in input.kubernetes
	r := kubernetes.missing_result(source, src, ["bindings"], _expected)
}

results contains r if {
	some source, src in input.kubernetes
	not evidence.missing(src, "bindings")
	some b in src.bindings
	b.role_kind == "ClusterRole"
	b.role_name == "cluster-admin"
	subjects := [_subject(s) | some s in object.get(b, "subjects", [])]
	denied := [s | some s in subjects; not s in _allowed]
	v := _verdict(_binding(b), subjects, denied)
	r := {
		"status": v.status,
		"resource": _resource(source, b),
		"message": v.message,
		"expected": _expected,
		"measured": messages.msg("measured", {"subjects": sort(subjects)}),
		"refs": evidence.ref(b),
	}
}

_verdict(binding, subjects, denied) := {
	"status": "fail",
	"message": messages.msg("denied", {"binding": binding, "denied": sort(denied), "subjects": sort(subjects)}),
} if {
	count(denied) > 0
} else := {
	"status": "pass",
	"message": messages.msg("pass", {"binding": binding, "subjects": sort(subjects)}),
}

# _subject renders a subject as listed in params.allowed_cluster_admins.
# A field that was not recorded renders as "?", so the subject still shows
# up (and is not allowed) instead of vanishing.
_subject(s) := sprintf("ServiceAccount/%s/%s", [object.get(s, "namespace", ""), object.get(s, "name", "?")]) if {
	s.kind == "ServiceAccount"
} else := sprintf("%s/%s", [object.get(s, "kind", "?"), object.get(s, "name", "?")])

_binding(b) := sprintf("ClusterRoleBinding %s", [b.name]) if {
	b.kind == "ClusterRoleBinding"
} else := sprintf("%s %s/%s", [b.kind, b.namespace, b.name])

_resource(source, b) := sprintf("%s/clusterrolebinding/%s", [source, b.name]) if {
	b.kind == "ClusterRoleBinding"
} else := sprintf("%s/%s/%s/%s", [source, lower(b.kind), b.namespace, b.name])

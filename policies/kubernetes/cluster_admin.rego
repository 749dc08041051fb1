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
package nachweis.kubernetes.cluster_admin

import data.nachweis.lib.evidence
import data.nachweis.lib.human

_allowed := {s | some s in object.get(input, ["params", "allowed_cluster_admins"], [])}

_expected := sprintf("cluster-admin bound only to allowed subjects (%s)", [human.list(_allowed)])

results contains r if {
	some source, src in input.kubernetes
	evidence.missing(src, "bindings")
	r := {
		"status": "no-evidence",
		"resource": source,
		"message": sprintf("Kubernetes source %s cannot be assessed: %s", [source, evidence.reason(src, "bindings")]),
		"expected": _expected,
		"refs": [],
	}
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
		"measured": sprintf("subjects: %s", [human.list(subjects)]),
		"refs": evidence.ref(b),
	}
}

_verdict(binding, subjects, denied) := {
	"status": "fail",
	"message": sprintf("%s binds cluster-admin to subjects that are not allowed: %s (all subjects: %s)", [binding, human.list(denied), human.list(subjects)]),
} if {
	count(denied) > 0
} else := {
	"status": "pass",
	"message": sprintf("%s binds cluster-admin only to allowed subjects: %s", [binding, human.list(subjects)]),
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

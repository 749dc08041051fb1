# METADATA
# title: No role granted to anonymous or unauthenticated users
# description: No ClusterRoleBinding or RoleBinding grants a role to the User or Group system:anonymous or system:unauthenticated. The binding of the Kubernetes default ClusterRole system:public-info-viewer (GET on /healthz, /livez, /readyz and /version) is the one exception, because every API server creates it. Each offending binding fails; a source without one passes as a whole. A source whose bindings contain no RoleBinding is reported as missing evidence, because every API server has default RoleBindings in kube-system and namespace grants were then not collected.
# custom:
#   id: K8S-RBAC-02
#   severity: critical
#   measures: [TOM-ZGR-10]
#   requires: [kubernetes.bindings]
#   title_de: Keine Rolle für anonyme oder nicht angemeldete Benutzer
#   description_de: Kein ClusterRoleBinding oder RoleBinding vergibt eine Rolle an den User oder die Group system:anonymous oder system:unauthenticated. Einzige Ausnahme ist das Binding der Kubernetes-Standardrolle system:public-info-viewer (GET auf /healthz, /livez, /readyz und /version), das jeder API-Server anlegt. Jedes betroffene Binding ist nicht erfüllt; eine Quelle ohne solches Binding ist als Ganzes erfüllt. Enthalten die Bindings einer Quelle kein RoleBinding, gilt dies als fehlender Nachweis, denn jeder API-Server hat Standard-RoleBindings in kube-system, die Vergaben in Namespaces wurden also nicht erfasst.
#   messages:
#     expected:
#       de: "keine Rolle an system:anonymous oder system:unauthenticated gebunden (außer der Standard-ClusterRole system:public-info-viewer)"
#       en: "no role bound to system:anonymous or system:unauthenticated (except the default ClusterRole system:public-info-viewer)"
#     grants:
#       de: "{binding} gewährt {role_kind} {role} an {subjects:list}"
#       en: "{binding} grants {role_kind} {role} to {subjects:list}"
#     measured_subjects:
#       de: "Subjekte: {subjects:list}"
#       en: "subjects: {subjects:list}"
#     measured_bindings:
#       de: "{cluster_bindings:count:ClusterRoleBinding:ClusterRoleBindings}, {role_bindings:count:RoleBinding:RoleBindings}; Bindungen anonymer Subjekte: {exempt:list}"
#       en: "{cluster_bindings:count:ClusterRoleBinding:ClusterRoleBindings}, {role_bindings:count:RoleBinding:RoleBindings}; bindings of anonymous subjects: {exempt:list}"
#     no_role_bindings:
#       de: "Kubernetes-Quelle {source}: Es wurde keine RoleBinding erfasst, daher können in Namespaces gewährte Rollen nicht bewertet werden"
#       en: "Kubernetes source {source}: no RoleBinding was recorded, so roles granted in namespaces cannot be assessed"
#     pass:
#       de: "Keine Bindung der Kubernetes-Quelle {source} gewährt system:anonymous oder system:unauthenticated eine Rolle, abgesehen von der Standard-ClusterRole {default_role}"
#       en: "no binding of Kubernetes source {source} grants a role to system:anonymous or system:unauthenticated, apart from the default ClusterRole {default_role}"
package nachweis.kubernetes.anonymous_bindings

import data.nachweis.lib.evidence
import data.nachweis.lib.kubernetes
import data.nachweis.lib.messages

_expected := messages.plain("expected")

_anonymous := {"system:anonymous", "system:unauthenticated"}

# The default binding of every API server: health and version endpoints
# for everyone.
_default_role := "system:public-info-viewer"

results contains r if {
	some source, src in input.kubernetes
	r := kubernetes.missing_result(source, src, ["bindings"], _expected)
}

results contains r if {
	some source, src in input.kubernetes
	not evidence.missing(src, "bindings")
	some b in src.bindings
	subjects := _anonymous_subjects(b)
	count(subjects) > 0
	not _public_info(b)
	r := {
		"status": "fail",
		"resource": _resource(source, b),
		"message": messages.msg("grants", {"binding": _binding(b), "role_kind": b.role_kind, "role": b.role_name, "subjects": sort(subjects)}),
		"expected": _expected,
		"measured": messages.msg("measured_subjects", {"subjects": sort([_subject(s) | some s in object.get(b, "subjects", [])])}),
		"refs": evidence.ref(b),
	}
}

results contains r if {
	some source, src in input.kubernetes
	not evidence.missing(src, "bindings")
	not _offending(src)
	exempt := [b | some b in src.bindings; count(_anonymous_subjects(b)) > 0]
	role_bindings := count([b | some b in src.bindings; b.kind == "RoleBinding"])
	cluster_bindings := count(src.bindings) - role_bindings
	v := _verdict(source, role_bindings)
	r := {
		"status": v.status,
		"resource": sprintf("%s/rbac/bindings", [source]),
		"message": v.message,
		"expected": _expected,
		"measured": messages.msg("measured_bindings", {
			"cluster_bindings": cluster_bindings, "role_bindings": role_bindings,
			"exempt": sort([sprintf("%s (%s %s)", [_binding(b), b.role_kind, b.role_name]) | some b in exempt]),
		}),
		"refs": kubernetes.file_refs(src.bindings),
	}
}

_verdict(source, role_bindings) := {
	"status": "no-evidence",
	"message": messages.msg("no_role_bindings", {"source": source}),
} if {
	role_bindings == 0
} else := {
	"status": "pass",
	"message": messages.msg("pass", {"source": source, "default_role": _default_role}),
}

_offending(src) if {
	some b in src.bindings
	count(_anonymous_subjects(b)) > 0
	not _public_info(b)
}

_anonymous_subjects(b) := [sprintf("%s %s", [s.kind, s.name]) |
	some s in object.get(b, "subjects", [])
	s.kind in {"User", "Group"}
	s.name in _anonymous
]

_public_info(b) if {
	b.kind == "ClusterRoleBinding"
	b.role_kind == "ClusterRole"
	b.role_name == _default_role
}

_subject(s) := sprintf("ServiceAccount/%s/%s", [object.get(s, "namespace", ""), object.get(s, "name", "?")]) if {
	s.kind == "ServiceAccount"
} else := sprintf("%s/%s", [object.get(s, "kind", "?"), object.get(s, "name", "?")])

_binding(b) := sprintf("ClusterRoleBinding %s", [b.name]) if {
	b.kind == "ClusterRoleBinding"
} else := sprintf("%s %s/%s", [b.kind, b.namespace, b.name])

_resource(source, b) := sprintf("%s/clusterrolebinding/%s", [source, b.name]) if {
	b.kind == "ClusterRoleBinding"
} else := sprintf("%s/%s/%s/%s", [source, lower(b.kind), b.namespace, b.name])

# METADATA
# title: No wildcard rights in tenant Roles and custom ClusterRoles
# description: No Role in an in-scope namespace and no ClusterRole other than the Kubernetes defaults (labelled kubernetes.io/bootstrapping=rbac-defaults; cluster-admin is assessed by K8S-RBAC-01) grants all verbs ("*") on any resource or non-resource URL, or lets read all Secrets through a wildcard (verb "*" on secrets or on every resource, or get, list or watch on every resource, in the core group, without resourceNames). A namespace whose Roles all pass passes as a whole, as do the custom ClusterRoles of a source; each offending role fails on its own.
# custom:
#   id: K8S-RBAC-03
#   severity: high
#   measures: [TOM-ZGR-10]
#   requires: [kubernetes.roles]
#   title_de: Keine Platzhalter-Rechte in Mandanten-Roles und eigenen ClusterRoles
#   description_de: Keine Role in einem Namespace im Geltungsbereich und keine ClusterRole außer den Kubernetes-Standardrollen (Label kubernetes.io/bootstrapping=rbac-defaults; cluster-admin bewertet K8S-RBAC-01) gewährt alle Verben ("*") auf eine Ressource oder Nicht-Ressourcen-URL oder erlaubt über einen Platzhalter das Lesen aller Secrets (Verb "*" auf secrets oder auf alle Ressourcen, oder get, list oder watch auf alle Ressourcen, in der Core-Gruppe, ohne resourceNames). Ein Namespace, dessen Roles alle erfüllt sind, ist als Ganzes erfüllt, ebenso die eigenen ClusterRoles einer Quelle; jede betroffene Rolle ist einzeln nicht erfüllt.
package nachweis.kubernetes.wildcard_roles

import data.nachweis.lib.evidence
import data.nachweis.lib.human
import data.nachweis.lib.kubernetes

_expected := "no verb \"*\" and no wildcard read of all Secrets"

results contains r if {
	some source, src in input.kubernetes
	r := kubernetes.missing_result(source, src, ["roles"], _expected)
}

# _groups holds [source, namespace] of every namespace with an assessed
# Role, and [source, ""] for the assessed ClusterRoles.
_groups contains [source, role.namespace] if {
	some source, src in input.kubernetes
	not evidence.missing(src, "roles")
	some role in src.roles
	_in_scope(role)
}

_in_scope(role) if {
	role.kind == "Role"
	role.in_scope == true
}

_in_scope(role) if {
	role.kind == "ClusterRole"
	role.default != true
}

# _by_namespace[[source, namespace]] lists the assessed roles of one
# namespace ("" for the ClusterRoles), grouped linearly as lib.kubernetes
# explains (Grouping).
_by_namespace := {key: roles |
	some key in _groups
	[source, ns] := key
	roles := [role |
		role := input.kubernetes[s].roles[_]
		s == source
		role.namespace == ns
		_in_scope(role)
	]
}

results contains r if {
	some [source, ns], roles in _by_namespace
	every role in roles {
		_clean(role)
	}
	r := evidence.with_tenant(
		{
			"status": "pass",
			"resource": _group_resource(source, ns),
			"message": sprintf("none of the %s grants verb \"*\" or reads all Secrets through a wildcard", [_group_name(ns, roles)]),
			"expected": _expected,
			"measured": "wildcard grants: none",
			"refs": evidence.refs(roles),
		},
		_tenant(roles),
	)
}

results contains r if {
	some [source, _], roles in _by_namespace
	some role in roles
	not _clean(role)
	v := _verdict(_name(role), object.get(role, "wildcard_verbs_on", null), object.get(role, "secrets_wildcard", null))
	r := evidence.with_tenant(
		{
			"status": v.status,
			"resource": _resource(source, role),
			"message": v.message,
			"expected": _expected,
			"measured": v.measured,
			"refs": evidence.ref(role),
		},
		object.get(role, "tenant", ""),
	)
}

# A source whose ClusterRoles are all defaults passes for its ClusterRoles.
results contains r if {
	some source, src in input.kubernetes
	not evidence.missing(src, "roles")
	not [source, ""] in _groups
	defaults := [role | some role in src.roles; role.kind == "ClusterRole"]
	r := {
		"status": "pass",
		"resource": _group_resource(source, ""),
		"message": sprintf("Kubernetes source %s has no ClusterRole besides the Kubernetes defaults (%s)", [source, human.counted(count(defaults), "ClusterRole", "ClusterRoles")]),
		"expected": _expected,
		"measured": "wildcard grants: none",
		"refs": kubernetes.file_refs(defaults),
	}
}

_clean(role) if {
	is_array(role.wildcard_verbs_on)
	count(role.wildcard_verbs_on) == 0
	role.secrets_wildcard == false
}

# A wildcard that is known fails even when the other field is unknown.
_verdict(name, verbs_on, secrets) := {
	"status": "fail",
	"message": sprintf("%s %s", [name, concat(" and ", _problems(verbs_on, secrets))]),
	"measured": sprintf("verb \"*\" on: %s; reads all Secrets through a wildcard: %v", [_list(verbs_on), secrets]),
} if {
	count(_problems(verbs_on, secrets)) > 0
} else := {
	"status": "no-evidence",
	"message": sprintf("%s: its wildcard grants were not recorded", [name]),
	"measured": "unknown",
}

_problems(verbs_on, secrets) := array.concat(
	[sprintf("grants verb \"*\" on %s", [human.list(verbs_on)]) | is_array(verbs_on); count(verbs_on) > 0],
	["reads all Secrets through a wildcard" | secrets == true],
)

_list(xs) := human.list(xs) if is_array(xs)

else := "unknown"

_name(role) := sprintf("ClusterRole %s", [role.name]) if {
	role.kind == "ClusterRole"
} else := sprintf("Role %s/%s", [role.namespace, role.name])

_resource(source, role) := sprintf("%s/clusterrole/%s", [source, role.name]) if {
	role.kind == "ClusterRole"
} else := sprintf("%s/role/%s/%s", [source, role.namespace, role.name])

_group_resource(source, "") := sprintf("%s/clusterroles", [source])

_group_resource(source, ns) := sprintf("%s/namespace/%s", [source, ns]) if ns != ""

_group_name("", roles) := human.counted(count(roles), "ClusterRole besides the Kubernetes defaults", "ClusterRoles besides the Kubernetes defaults")

_group_name(ns, roles) := sprintf("%s in namespace %s", [human.counted(count(roles), "Role", "Roles"), ns]) if ns != ""

_tenant(roles) := t if {
	t := roles[0].tenant
	is_string(t)
} else := ""

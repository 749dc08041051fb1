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
#   messages:
#     expected:
#       de: "kein Verb „*“ und kein Lesezugriff auf alle Secrets über eine Wildcard"
#       en: 'no verb "*" and no wildcard read of all Secrets'
#     clean_roles:
#       de: "Namespace {namespace}: {roles:count:Role:Roles} ohne Verb „*“ und ohne Lesezugriff auf alle Secrets über eine Wildcard"
#       en: 'namespace {namespace}: {roles:count:Role:Roles} without verb "*" and without a wildcard read of all Secrets'
#     clean_cluster_roles:
#       de: "{roles:count:ClusterRole:ClusterRoles} außer den Kubernetes-Standardrollen, ohne Verb „*“ und ohne Lesezugriff auf alle Secrets über eine Wildcard"
#       en: '{roles:count:ClusterRole:ClusterRoles} besides the Kubernetes defaults, without verb "*" and without a wildcard read of all Secrets'
#     measured_none:
#       de: "Wildcard-Berechtigungen: keine"
#       en: "wildcard grants: none"
#     measured:
#       de: "Verb „*“ auf: {on:msg}; liest alle Secrets über eine Wildcard: {secrets}"
#       en: 'verb "*" on: {on:msg}; reads all Secrets through a wildcard: {secrets}'
#     on:
#       de: "{on:list}"
#       en: "{on:list}"
#     fail_verbs:
#       de: "{role} gewährt das Verb „*“ auf {on:list}"
#       en: '{role} grants verb "*" on {on:list}'
#     fail_secrets:
#       de: "{role} liest alle Secrets über eine Wildcard"
#       en: "{role} reads all Secrets through a wildcard"
#     fail_both:
#       de: "{role} gewährt das Verb „*“ auf {on:list} und liest alle Secrets über eine Wildcard"
#       en: '{role} grants verb "*" on {on:list} and reads all Secrets through a wildcard'
#     not_recorded:
#       de: "{role}: Die Wildcard-Berechtigungen wurden nicht erfasst"
#       en: "{role}: its wildcard grants were not recorded"
#     defaults_only:
#       de: "Kubernetes-Quelle {source} hat keine ClusterRole außer den Kubernetes-Standardrollen ({roles:count:ClusterRole:ClusterRoles})"
#       en: "Kubernetes source {source} has no ClusterRole besides the Kubernetes defaults ({roles:count:ClusterRole:ClusterRoles})"
package nachweis.kubernetes.wildcard_roles

import data.nachweis.lib.evidence
import data.nachweis.lib.kubernetes
import data.nachweis.lib.messages

_expected := messages.plain("expected")

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
			"message": _group_message(ns, roles),
			"expected": _expected,
			"measured": messages.plain("measured_none"),
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
		"message": messages.msg("defaults_only", {"source": source, "roles": count(defaults)}),
		"expected": _expected,
		"measured": messages.plain("measured_none"),
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
	"message": _fail_message(name, verbs_on, secrets),
	"measured": messages.msg("measured", {"on": _on(verbs_on), "secrets": secrets}),
} if {
	_fail_message(name, verbs_on, secrets)
} else := {
	"status": "no-evidence",
	"message": messages.msg("not_recorded", {"role": name}),
	"measured": messages.plain("unknown"),
}

# _fail_message names what a role grants through wildcards; undefined
# when it grants nothing known.
_fail_message(name, verbs_on, secrets) := messages.msg("fail_both", {"role": name, "on": sort(verbs_on)}) if {
	_verbs(verbs_on)
	secrets == true
} else := messages.msg("fail_verbs", {"role": name, "on": sort(verbs_on)}) if {
	_verbs(verbs_on)
} else := messages.msg("fail_secrets", {"role": name}) if {
	secrets == true
}

_verbs(verbs_on) if {
	is_array(verbs_on)
	count(verbs_on) > 0
}

_on(verbs_on) := messages.msg("on", {"on": sort(verbs_on)}) if is_array(verbs_on)

else := messages.plain("unknown")

_name(role) := sprintf("ClusterRole %s", [role.name]) if {
	role.kind == "ClusterRole"
} else := sprintf("Role %s/%s", [role.namespace, role.name])

_resource(source, role) := sprintf("%s/clusterrole/%s", [source, role.name]) if {
	role.kind == "ClusterRole"
} else := sprintf("%s/role/%s/%s", [source, role.namespace, role.name])

_group_resource(source, "") := sprintf("%s/clusterroles", [source])

_group_resource(source, ns) := sprintf("%s/namespace/%s", [source, ns]) if ns != ""

_group_message("", roles) := messages.msg("clean_cluster_roles", {"roles": count(roles)})

_group_message(ns, roles) := messages.msg("clean_roles", {"namespace": ns, "roles": count(roles)}) if ns != ""

_tenant(roles) := t if {
	t := roles[0].tenant
	is_string(t)
} else := ""

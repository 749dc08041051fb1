# METADATA
# title: At least three Ready control-plane nodes
# description: Each Kubernetes source has at least 3 control-plane nodes (role label node-role.kubernetes.io/control-plane, or the legacy master role), and all of them are Ready. A cluster without any node carrying these roles has a control plane that is not visible as nodes (a managed service); it is reported as missing evidence and needs the provider's attestation. A control-plane node whose Ready condition was not reported is missing evidence unless the check already fails.
# custom:
#   id: K8S-NODE-01
#   severity: medium
#   measures: [TOM-VER-01]
#   requires: [kubernetes.nodes]
#   title_de: Mindestens drei betriebsbereite Control-Plane-Knoten
#   description_de: Jede Kubernetes-Quelle hat mindestens 3 Control-Plane-Knoten (Rollen-Label node-role.kubernetes.io/control-plane oder die ältere Rolle master), und alle sind Ready. Trägt kein Knoten eines Clusters diese Rollen, ist die Control Plane nicht als Knoten sichtbar (ein verwalteter Dienst); das gilt als fehlender Nachweis und erfordert die Bestätigung des Anbieters. Ein Control-Plane-Knoten ohne gemeldete Ready-Bedingung gilt als fehlender Nachweis, sofern die Prüfung nicht bereits nicht erfüllt ist.
#   messages:
#     expected:
#       de: "mindestens 3 Control-Plane-Nodes, alle betriebsbereit (Ready)"
#       en: "at least 3 control-plane nodes, all Ready"
#     measured:
#       de: "Control-Plane-Nodes: {nodes:list}"
#       en: "control-plane nodes: {nodes:list}"
#     ready:
#       de: "{name} (Ready)"
#       en: "{name} (Ready)"
#     not_ready:
#       de: "{name} (nicht Ready)"
#       en: "{name} (not Ready)"
#     ready_unknown:
#       de: "{name} (Ready unbekannt)"
#       en: "{name} (Ready unknown)"
#     no_control_plane:
#       de: "Keiner von {count:count:Node:Nodes} der Kubernetes-Quelle {source} hat die Rolle control-plane oder master, daher ist die Control Plane nicht sichtbar (eine verwaltete Control Plane braucht die Bestätigung des Anbieters)"
#       en: "none of the {count:count:node:nodes} of Kubernetes source {source} has the control-plane or master role, so the control plane is not visible (a managed control plane needs the provider's attestation)"
#     too_few:
#       de: "Kubernetes-Quelle {source} hat {count:count:Control-Plane-Node:Control-Plane-Nodes} (erwartet mindestens 3): {nodes:list}"
#       en: "Kubernetes source {source} has {count:count:control-plane node:control-plane nodes} (expected at least 3): {nodes:list}"
#     not_ready_nodes:
#       de: "Nicht betriebsbereite Control-Plane-Nodes der Kubernetes-Quelle {source}: {nodes:list}"
#       en: "control-plane nodes of Kubernetes source {source} that are not Ready: {nodes:list}"
#     ready_not_reported:
#       de: "Der Ready-Zustand von Control-Plane-Nodes der Kubernetes-Quelle {source} wurde nicht gemeldet: {nodes:list}"
#       en: "the Ready condition of control-plane nodes of Kubernetes source {source} was not reported: {nodes:list}"
#     pass:
#       de: "Kubernetes-Quelle {source} hat {count:count:Control-Plane-Node:Control-Plane-Nodes}, alle betriebsbereit: {nodes:list}"
#       en: "Kubernetes source {source} has {count:count:control-plane node:control-plane nodes}, all Ready: {nodes:list}"
package nachweis.kubernetes.control_plane_nodes

import data.nachweis.lib.evidence
import data.nachweis.lib.kubernetes
import data.nachweis.lib.messages

_expected := messages.plain("expected")

results contains r if {
	some source, src in input.kubernetes
	r := kubernetes.missing_result(source, src, ["nodes"], _expected)
}

results contains r if {
	some source, src in input.kubernetes
	not evidence.missing(src, "nodes")
	nodes := [n | some n in src.nodes; n.control_plane == true]
	v := _verdict(source, src.nodes, nodes)
	r := {
		"status": v.status,
		"resource": sprintf("%s/control-plane", [source]),
		"message": v.message,
		"expected": _expected,
		"measured": messages.msg("measured", {"nodes": [_state(n) | some n in nodes]}),
		"refs": v.refs,
	}
}

_verdict(source, all, nodes) := {
	"status": "no-evidence",
	"message": messages.msg("no_control_plane", {"count": count(all), "source": source}),
	"refs": kubernetes.file_refs(all),
} if {
	count(nodes) == 0
} else := {
	"status": "fail",
	"message": messages.msg("too_few", {"source": source, "count": count(nodes), "nodes": _names(nodes)}),
	"refs": evidence.refs(nodes),
} if {
	count(nodes) < 3
} else := {
	"status": "fail",
	"message": messages.msg("not_ready_nodes", {"source": source, "nodes": _names(_not_ready(nodes))}),
	"refs": evidence.refs(nodes),
} if {
	count(_not_ready(nodes)) > 0
} else := {
	"status": "no-evidence",
	"message": messages.msg("ready_not_reported", {"source": source, "nodes": _names(_unknown(nodes))}),
	"refs": evidence.refs(nodes),
} if {
	count(_unknown(nodes)) > 0
} else := {
	"status": "pass",
	"message": messages.msg("pass", {"source": source, "count": count(nodes), "nodes": _names(nodes)}),
	"refs": evidence.refs(nodes),
}

_not_ready(nodes) := [n | some n in nodes; n.ready == false]

_unknown(nodes) := [n | some n in nodes; not is_boolean(object.get(n, "ready", null))]

_names(nodes) := sort([n.name | some n in nodes])

_state(n) := messages.msg("ready", {"name": n.name}) if {
	n.ready == true
} else := messages.msg("not_ready", {"name": n.name}) if {
	n.ready == false
} else := messages.msg("ready_unknown", {"name": n.name})

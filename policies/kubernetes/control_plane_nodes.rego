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
package nachweis.kubernetes.control_plane_nodes

import data.nachweis.lib.evidence
import data.nachweis.lib.human
import data.nachweis.lib.kubernetes

_expected := "at least 3 control-plane nodes, all Ready"

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
		"measured": sprintf("control-plane nodes: %s", [human.list([_state(n) | some n in nodes])]),
		"refs": v.refs,
	}
}

_verdict(source, all, nodes) := {
	"status": "no-evidence",
	"message": sprintf("none of the %s of Kubernetes source %s has the control-plane or master role, so the control plane is not visible (a managed control plane needs the provider's attestation)", [human.counted(count(all), "node", "nodes"), source]),
	"refs": kubernetes.file_refs(all),
} if {
	count(nodes) == 0
} else := {
	"status": "fail",
	"message": sprintf("Kubernetes source %s has %s (expected at least 3): %s", [source, human.counted(count(nodes), "control-plane node", "control-plane nodes"), human.list(_names(nodes))]),
	"refs": evidence.refs(nodes),
} if {
	count(nodes) < 3
} else := {
	"status": "fail",
	"message": sprintf("control-plane nodes of Kubernetes source %s that are not Ready: %s", [source, human.list(_names(_not_ready(nodes)))]),
	"refs": evidence.refs(nodes),
} if {
	count(_not_ready(nodes)) > 0
} else := {
	"status": "no-evidence",
	"message": sprintf("the Ready condition of control-plane nodes of Kubernetes source %s was not reported: %s", [source, human.list(_names(_unknown(nodes)))]),
	"refs": evidence.refs(nodes),
} if {
	count(_unknown(nodes)) > 0
} else := {
	"status": "pass",
	"message": sprintf("Kubernetes source %s has %d control-plane nodes, all Ready: %s", [source, count(nodes), human.list(_names(nodes))]),
	"refs": evidence.refs(nodes),
}

_not_ready(nodes) := [n | some n in nodes; n.ready == false]

_unknown(nodes) := [n | some n in nodes; not is_boolean(object.get(n, "ready", null))]

_names(nodes) := [n.name | some n in nodes]

_state(n) := sprintf("%s (Ready)", [n.name]) if {
	n.ready == true
} else := sprintf("%s (not Ready)", [n.name]) if {
	n.ready == false
} else := sprintf("%s (Ready unknown)", [n.name])

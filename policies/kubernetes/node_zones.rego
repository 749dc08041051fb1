# METADATA
# title: Nodes spread over at least two zones
# description: The Ready worker nodes of each Kubernetes source (all nodes when none is a worker, i.e. all carry the control-plane or master role) are in at least 2 distinct zones, by the label topology.kubernetes.io/zone (else the deprecated failure-domain.beta.kubernetes.io/zone). A source whose nodes carry no zone label is reported as missing evidence, never as passed; so is one that would reach 2 zones only with nodes whose Ready condition was not reported.
# custom:
#   id: K8S-NODE-02
#   severity: medium
#   measures: [TOM-VER-01]
#   requires: [kubernetes.nodes]
#   title_de: Knoten über mindestens zwei Zonen verteilt
#   description_de: Die betriebsbereiten (Ready) Worker-Knoten jeder Kubernetes-Quelle (alle Knoten, wenn keiner ein Worker ist, also alle die Rolle control-plane oder master tragen) liegen in mindestens 2 verschiedenen Zonen, nach dem Label topology.kubernetes.io/zone (sonst dem veralteten failure-domain.beta.kubernetes.io/zone). Trägt kein Knoten einer Quelle ein Zonen-Label, gilt dies als fehlender Nachweis, nie als erfüllt; ebenso, wenn 2 Zonen nur mit Knoten erreicht würden, deren Ready-Bedingung nicht gemeldet wurde.
#   messages:
#     expected:
#       de: "betriebsbereite (Ready) Worker-Nodes in mindestens 2 Zonen (topology.kubernetes.io/zone)"
#       en: "Ready worker nodes in at least 2 zones (topology.kubernetes.io/zone)"
#     measured:
#       de: "Zonen betriebsbereiter Nodes: {zones:list}; Nodes ohne Zonen-Label: {unlabelled:list}"
#       en: "zones of Ready nodes: {zones:list}; nodes without zone label: {unlabelled:list}"
#     no_label:
#       de: "Kein Node der Kubernetes-Quelle {source} trägt das Zonen-Label topology.kubernetes.io/zone, daher ist die Verteilung auf Zonen unbekannt"
#       en: "no node of Kubernetes source {source} carries the zone label topology.kubernetes.io/zone, so the spread over zones is unknown"
#     pass:
#       de: "Die betriebsbereiten Nodes der Kubernetes-Quelle {source} liegen in {count:count:Zone:Zonen}: {zones:list}"
#       en: "the Ready nodes of Kubernetes source {source} are in {count:count:zone:zones}: {zones:list}"
#     unknown_ready:
#       de: "Die Nodes der Kubernetes-Quelle {source} erreichen 2 Zonen nur mit Nodes, deren Ready-Zustand nicht gemeldet wurde (Zonen: {zones:list})"
#       en: "the nodes of Kubernetes source {source} reach 2 zones only with nodes whose Ready condition was not reported (zones: {zones:list})"
#     fail:
#       de: "Die betriebsbereiten Nodes der Kubernetes-Quelle {source} liegen in {count:count:Zone:Zonen}: {zones:list}"
#       en: "the Ready nodes of Kubernetes source {source} are in {count:count:zone:zones}: {zones:list}"
package nachweis.kubernetes.node_zones

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
	count(src.nodes) > 0
	nodes := _candidates(src.nodes)
	labelled := [n | some n in nodes; _zone(n) != ""]
	ready_zones := {_zone(n) | some n in labelled; n.ready == true}
	possible_zones := {_zone(n) | some n in labelled; n.ready != false}
	v := _verdict(source, labelled, ready_zones, possible_zones)
	r := {
		"status": v.status,
		"resource": sprintf("%s/nodes", [source]),
		"message": v.message,
		"expected": _expected,
		"measured": messages.msg("measured", {
			"zones": sort(ready_zones),
			"unlabelled": sort([n.name | some n in nodes; _zone(n) == ""]),
		}),
		"refs": evidence.refs(nodes),
	}
}

_verdict(source, labelled, ready_zones, possible_zones) := {
	"status": "no-evidence",
	"message": messages.msg("no_label", {"source": source}),
} if {
	count(labelled) == 0
} else := {
	"status": "pass",
	"message": messages.msg("pass", {"source": source, "count": count(ready_zones), "zones": sort(ready_zones)}),
} if {
	count(ready_zones) >= 2
} else := {
	"status": "no-evidence",
	"message": messages.msg("unknown_ready", {"source": source, "zones": sort(possible_zones)}),
} if {
	count(possible_zones) >= 2
} else := {
	"status": "fail",
	"message": messages.msg("fail", {"source": source, "count": count(ready_zones), "zones": sort(ready_zones)}),
}

# Workloads run on the workers; a cluster of control-plane nodes only runs
# them there.
_candidates(nodes) := workers if {
	workers := [n | some n in nodes; n.control_plane != true]
	count(workers) > 0
} else := nodes

_zone(n) := z if {
	z := n.zone
	is_string(z)
} else := ""

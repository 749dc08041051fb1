# METADATA
# title: Nodes run in the allowed jurisdictions
# description: Every node carries the region label (params.node_region_label, by default topology.kubernetes.io/region, also read from the deprecated failure-domain.beta.kubernetes.io/region) and its region lies in an allowed country (params.eu_countries, by default the EU/EEA). A region's country comes from params.region_countries (common regions of Hetzner, AWS, Azure and Google are built in), or the region is a country code (DE) or a site (DE-Falkenstein) itself. One result per region; nodes without the label, or in a region of unknown country, are reported as missing evidence, never as a pass.
# custom:
#   id: K8S-LOC-01
#   severity: high
#   measures: [TOM-AUF-09]
#   requires: [kubernetes.nodes]
#   title_de: Knoten laufen in den zulässigen Rechtsräumen
#   description_de: Jeder Knoten trägt das Regions-Label (params.node_region_label, standardmäßig topology.kubernetes.io/region, auch aus dem veralteten failure-domain.beta.kubernetes.io/region gelesen), und seine Region liegt in einem zulässigen Land (params.eu_countries, standardmäßig EU/EWR). Das Land einer Region ergibt sich aus params.region_countries (gängige Regionen von Hetzner, AWS, Azure und Google sind hinterlegt), oder die Region ist selbst ein Ländercode (DE) oder ein Standort (DE-Falkenstein). Ein Ergebnis je Region; Knoten ohne das Label oder in einer Region unbekannten Landes gelten als fehlender Nachweis, nie als erfüllt.
package nachweis.kubernetes.node_location

import data.nachweis.lib.evidence
import data.nachweis.lib.human
import data.nachweis.lib.kubernetes
import data.nachweis.lib.location

_expected := "every node labelled with its region, in an allowed country"

_label := l if {
	l := input.params.node_region_label
	is_string(l)
	l != ""
} else := "topology.kubernetes.io/region"

# _region is the node's region by the configured label; for the default
# label also the node's projected region (the deprecated beta label).
_region(node) := r if {
	r := object.get(node, ["labels", _label], "")
	r != ""
} else := node.region if {
	_label == "topology.kubernetes.io/region"
	is_string(node.region)
	node.region != ""
} else := ""

results contains r if {
	some source, src in input.kubernetes
	r := kubernetes.missing_result(source, src, ["nodes"], _expected)
}

# _regions[[source, region]] lists the nodes of one region ("" for none),
# grouped linearly as lib.kubernetes explains (Grouping).
_keys contains [source, _region(node)] if {
	some source, src in input.kubernetes
	not evidence.missing(src, "nodes")
	some node in src.nodes
}

_regions := {key: nodes |
	some key in _keys
	[source, region] := key
	nodes := [node |
		node := input.kubernetes[s].nodes[_]
		s == source
		_region(node) == region
	]
}

results contains r if {
	some [source, region], nodes in _regions
	v := _verdict(region, nodes)
	r := {
		"status": v.status,
		"resource": sprintf("%s/region/%s", [source, _or_none(region)]),
		"message": v.message,
		"expected": _expected,
		"measured": sprintf("region %s, country %s: %s", [_or_none(region), _country_or_unknown(region), human.list([n.name | some n in nodes])]),
		"refs": evidence.refs(nodes),
		"facts": {"region": region, "country": _country_or_unknown(region), "nodes": [n.name | some n in nodes]},
	}
}

_or_none(region) := region if region != ""

else := "(none)"

_country_or_unknown(region) := location.country(region) if region != ""

else := "unknown"

_verdict(region, nodes) := {
	"status": "no-evidence",
	"message": sprintf("%s without the region label %s: %s; their location is unknown", [human.counted(count(nodes), "node", "nodes"), _label, human.list([n.name | some n in nodes])]),
} if {
	region == ""
} else := {
	"status": "no-evidence",
	"message": sprintf("%s in region %s, whose country is not known (add it to parameters.region_countries): %s", [human.counted(count(nodes), "node", "nodes"), region, human.list([n.name | some n in nodes])]),
} if {
	not location.country(region)
} else := {
	"status": "no-evidence",
	"message": "no allowed countries are configured (params.eu_countries)",
} if {
	count(location.allowed) == 0
} else := {
	"status": "fail",
	"message": sprintf("%s in region %s, country %s, outside the allowed jurisdictions: %s", [human.counted(count(nodes), "node", "nodes"), region, location.country(region), human.list([n.name | some n in nodes])]),
} if {
	not location.country(region) in location.allowed
} else := {
	"status": "pass",
	"message": sprintf("%s in region %s, country %s: %s", [human.counted(count(nodes), "node", "nodes"), region, location.country(region), human.list([n.name | some n in nodes])]),
}

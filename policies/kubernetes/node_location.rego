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
#   messages:
#     expected:
#       de: "jeder Node mit seiner Region gelabelt, in einem zulässigen Land"
#       en: "every node labelled with its region, in an allowed country"
#     measured:
#       de: "Region {region:msg}, Land {country:msg}: {nodes:list}"
#       en: "region {region:msg}, country {country:msg}: {nodes:list}"
#     value:
#       de: "{value}"
#       en: "{value}"
#     no_region:
#       de: "(keine)"
#       en: "(none)"
#     unlabelled:
#       de: "{count:count:Node:Nodes} ohne das Regions-Label {label}: {nodes:list}; ihr Standort ist unbekannt"
#       en: "{count:count:node:nodes} without the region label {label}: {nodes:list}; their location is unknown"
#     unknown_country:
#       de: "{count:count:Node:Nodes} in Region {region}, deren Land nicht bekannt ist (in parameters.region_countries ergänzen): {nodes:list}"
#       en: "{count:count:node:nodes} in region {region}, whose country is not known (add it to parameters.region_countries): {nodes:list}"
#     no_countries:
#       de: "Es sind keine zulässigen Länder konfiguriert (params.eu_countries)"
#       en: "no allowed countries are configured (params.eu_countries)"
#     outside:
#       de: "{count:count:Node:Nodes} in Region {region}, Land {country}, außerhalb der zulässigen Rechtsräume: {nodes:list}"
#       en: "{count:count:node:nodes} in region {region}, country {country}, outside the allowed jurisdictions: {nodes:list}"
#     pass:
#       de: "{count:count:Node:Nodes} in Region {region}, Land {country}: {nodes:list}"
#       en: "{count:count:node:nodes} in region {region}, country {country}: {nodes:list}"
package nachweis.kubernetes.node_location

import data.nachweis.lib.evidence
import data.nachweis.lib.kubernetes
import data.nachweis.lib.location
import data.nachweis.lib.messages

_expected := messages.plain("expected")

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
		"measured": messages.msg("measured", {
			"region": _region_text(region),
			"country": _country_text(region),
			"nodes": _names(nodes),
		}),
		"refs": evidence.refs(nodes),
	}
}

_or_none(region) := region if region != ""

else := "(none)"

_region_text(region) := messages.msg("value", {"value": region}) if region != ""

else := messages.plain("no_region")

_country_text(region) := messages.msg("value", {"value": location.country(region)}) if {
	region != ""
	location.country(region)
} else := messages.plain("unknown")

_names(nodes) := sort([n.name | some n in nodes])

_verdict(region, nodes) := {
	"status": "no-evidence",
	"message": messages.msg("unlabelled", {"count": count(nodes), "label": _label, "nodes": _names(nodes)}),
} if {
	region == ""
} else := {
	"status": "no-evidence",
	"message": messages.msg("unknown_country", {"count": count(nodes), "region": region, "nodes": _names(nodes)}),
} if {
	not location.country(region)
} else := {
	"status": "no-evidence",
	"message": messages.plain("no_countries"),
} if {
	count(location.allowed) == 0
} else := {
	"status": "fail",
	"message": messages.msg("outside", {"count": count(nodes), "region": region, "country": location.country(region), "nodes": _names(nodes)}),
} if {
	not location.country(region) in location.allowed
} else := {
	"status": "pass",
	"message": messages.msg("pass", {"count": count(nodes), "region": region, "country": location.country(region), "nodes": _names(nodes)}),
}

# METADATA
# title: No tenant Service published on the nodes or a load balancer
# description: No in-scope Service is of type NodePort or LoadBalancer; tenant services are reached through the ingress controller only, so nothing in a tenant namespace opens a port on every node or a public address of its own. One pass per in-scope namespace with Services, one fail per published Service. A provider whose ingress runs in a tenant namespace records an accepted exception for that Service.
# custom:
#   id: K8S-SVC-01
#   severity: medium
#   measures: [TOM-ZUG-06]
#   requires: [kubernetes.services]
#   title_de: Keine Mandanten-Services auf den Knoten oder einem Load Balancer veröffentlicht
#   description_de: Kein Service im Geltungsbereich hat den Typ NodePort oder LoadBalancer; Mandanten-Dienste sind nur über den Ingress-Controller erreichbar, sodass nichts in einem Mandanten-Namespace einen Port auf jedem Knoten oder eine eigene öffentliche Adresse öffnet. Ein erfülltes Ergebnis je Namespace im Geltungsbereich mit Services, ein nicht erfülltes je veröffentlichtem Service. Wer den Ingress in einem Mandanten-Namespace betreibt, erfasst für diesen Service eine akzeptierte Abweichung.
#   messages:
#     expected:
#       de: "kein Service vom Typ NodePort oder LoadBalancer"
#       en: "no Service of type NodePort or LoadBalancer"
#     clean:
#       de: "Namespace {namespace}: keiner von {services:count:Service:Services} ist als NodePort oder LoadBalancer veröffentlicht"
#       en: "namespace {namespace}: none of {services:count:Service:Services} is published as NodePort or LoadBalancer"
#     measured_types:
#       de: "Typen: {types:list}"
#       en: "types: {types:list}"
#     published:
#       de: "Service {name} ist als {type} veröffentlicht"
#       en: "Service {name} is published as {type}"
#     published_ports:
#       de: "Service {name} ist als {type} veröffentlicht (Node-Ports {ports:list})"
#       en: "Service {name} is published as {type} (node ports {ports:list})"
#     measured_type:
#       de: "Typ {type}"
#       en: "type {type}"
#     measured_type_ports:
#       de: "Typ {type} (Node-Ports {ports:list})"
#       en: "type {type} (node ports {ports:list})"
package nachweis.kubernetes.service_exposure

import data.nachweis.lib.evidence
import data.nachweis.lib.kubernetes
import data.nachweis.lib.messages

_expected := messages.plain("expected")

_published := {"NodePort", "LoadBalancer"}

results contains r if {
	some source, src in input.kubernetes
	r := kubernetes.missing_result(source, src, ["services"], _expected)
}

_keys contains [source, s.namespace] if {
	some source, src in input.kubernetes
	evidence.complete(src, ["services"])
	some s in src.services
	s.in_scope == true
}

# _by_namespace groups the in-scope Services, as lib.kubernetes explains.
_by_namespace := {key: services |
	some key in _keys
	[source, ns] := key
	services := [s |
		s := input.kubernetes[src].services[_]
		src == source
		s.namespace == ns
	]
}

results contains r if {
	some [source, ns], services in _by_namespace
	every s in services {
		not s.type in _published
	}
	r := evidence.with_tenant(
		{
			"status": "pass",
			"resource": sprintf("%s/namespace/%s", [source, ns]),
			"message": messages.msg("clean", {"namespace": ns, "services": count(services)}),
			"expected": _expected,
			"measured": messages.msg("measured_types", {"types": sort({s.type | some s in services})}),
			"refs": evidence.refs(services),
		},
		kubernetes.tenant(source, ns, services),
	)
}

results contains r if {
	some [source, _], services in _by_namespace
	some s in services
	s.type in _published
	r := evidence.with_tenant(
		{
			"status": "fail",
			"resource": sprintf("%s/service/%s/%s", [source, s.namespace, s.name]),
			"message": _with_ports("published", s),
			"expected": _expected,
			"measured": _with_ports("measured_type", s),
			"refs": evidence.ref(s),
		},
		object.get(s, "tenant", ""),
	)
}

# _with_ports is the message with the Service's name and type, and its
# node ports when it has some (the id with the suffix _ports).
_with_ports("published", s) := messages.msg("published_ports", {"name": kubernetes.qualified(s), "type": s.type, "ports": s.node_ports}) if {
	count(object.get(s, "node_ports", [])) > 0
} else := messages.msg("published", {"name": kubernetes.qualified(s), "type": s.type})

_with_ports("measured_type", s) := messages.msg("measured_type_ports", {"type": s.type, "ports": s.node_ports}) if {
	count(object.get(s, "node_ports", [])) > 0
} else := messages.msg("measured_type", {"type": s.type})

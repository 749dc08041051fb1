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
package nachweis.kubernetes.service_exposure

import data.nachweis.lib.evidence
import data.nachweis.lib.human
import data.nachweis.lib.kubernetes

_expected := "no Service of type NodePort or LoadBalancer"

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
			"message": sprintf("none of the %s in namespace %s is published as NodePort or LoadBalancer", [human.counted(count(services), "Service", "Services"), ns]),
			"expected": _expected,
			"measured": sprintf("types: %s", [human.list({s.type | some s in services})]),
			"refs": evidence.refs(services),
			"facts": {"namespace": ns, "services": count(services)},
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
			"message": sprintf("Service %s/%s is published as %s%s", [s.namespace, s.name, s.type, _ports(s)]),
			"expected": _expected,
			"measured": sprintf("type %s%s", [s.type, _ports(s)]),
			"refs": evidence.ref(s),
			"facts": {"namespace": s.namespace, "name": s.name, "type": s.type, "node_ports": object.get(s, "node_ports", [])},
		},
		object.get(s, "tenant", ""),
	)
}

_ports(s) := sprintf(" (node ports %s)", [concat(", ", [sprintf("%d", [p]) | some p in s.node_ports])]) if {
	count(object.get(s, "node_ports", [])) > 0
} else := ""

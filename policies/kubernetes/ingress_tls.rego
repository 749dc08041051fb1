# METADATA
# title: TLS for every Ingress host
# description: Every host of an in-scope Ingress is covered by a TLS host of that Ingress (exactly, or by a wildcard "*.domain" for one label). A rule without host or a default backend (projected as "*") serves every host, cannot be covered and fails. An Ingress whose hosts or TLS hosts were not recorded, or which lists no host, is reported as missing evidence.
# custom:
#   id: K8S-ING-01
#   severity: high
#   measures: [TOM-WEI-01]
#   requires: [kubernetes.ingresses]
#   title_de: TLS für jeden Ingress-Host
#   description_de: Jeder Host eines Ingress im Geltungsbereich ist durch einen TLS-Host desselben Ingress abgedeckt (exakt oder über einen Wildcard-Eintrag "*.domain" für eine Ebene). Eine Regel ohne Host oder ein Default-Backend (als "*" erfasst) bedient jeden Host, kann nicht abgedeckt werden und gilt als nicht erfüllt. Fehlen die Hosts oder TLS-Hosts eines Ingress oder nennt er keinen Host, gilt dies als fehlender Nachweis.
package nachweis.kubernetes.ingress_tls

import data.nachweis.lib.evidence
import data.nachweis.lib.human

_expected := "every Ingress host covered by TLS"

results contains r if {
	some source, src in input.kubernetes
	evidence.missing(src, "ingresses")
	r := {
		"status": "no-evidence",
		"resource": source,
		"message": sprintf("Kubernetes source %s cannot be assessed: %s", [source, evidence.reason(src, "ingresses")]),
		"expected": _expected,
		"refs": [],
	}
}

results contains r if {
	some source, src in input.kubernetes
	not evidence.missing(src, "ingresses")
	some ing in src.ingresses
	ing.in_scope == true
	name := sprintf("%s/%s", [ing.namespace, ing.name])
	hosts := object.get(ing, "hosts", null)
	tls := object.get(ing, "tls_hosts", null)
	v := _verdict(name, hosts, tls)
	r := evidence.with_tenant(
		{
			"status": v.status,
			"resource": sprintf("%s/ingress/%s", [source, name]),
			"message": v.message,
			"expected": _expected,
			"measured": sprintf("hosts: %s; TLS hosts: %s", [_list(hosts), _list(tls)]),
			"refs": evidence.ref(ing),
		},
		object.get(ing, "tenant", ""),
	)
}

_verdict(name, hosts, tls) := {
	"status": "no-evidence",
	"message": sprintf("Ingress %s: hosts or TLS hosts were not recorded", [name]),
} if {
	not _recorded(hosts, tls)
} else := {
	"status": "no-evidence",
	"message": sprintf("Ingress %s lists no host, so its TLS coverage cannot be established", [name]),
} if {
	count(hosts) == 0
} else := {
	"status": "fail",
	"message": sprintf("Ingress %s serves hosts without TLS: %s (TLS hosts: %s)", [name, _list(_uncovered(hosts, tls)), _list(tls)]),
} if {
	count(_uncovered(hosts, tls)) > 0
} else := {
	"status": "pass",
	"message": sprintf("Ingress %s serves all hosts with TLS: %s", [name, _list(hosts)]),
}

_recorded(hosts, tls) if {
	is_array(hosts)
	is_array(tls)
}

_uncovered(hosts, tls) := [h | some h in hosts; not _covered(h, tls)]

_covered(host, tls) if {
	host != ""
	some t in tls
	lower(t) == lower(host)
}

# "*.example.com" covers exactly one label: a.example.com, not a.b.example.com.
_covered(host, tls) if {
	some t in tls
	startswith(t, "*.")
	suffix := lower(substring(t, 1, -1))
	endswith(lower(host), suffix)
	label := trim_suffix(lower(host), suffix)
	label != ""
	not contains(label, ".")
	not contains(label, "*")
}

# _list renders hosts; a rule without host or a default backend (projected
# as "*", or "") is shown as "* (any host)".
_list(xs) := human.list([_host(x) | some x in xs]) if is_array(xs)

else := "unknown"

_host(x) := "* (any host)" if x in {"", "*"}

else := x

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
#   messages:
#     expected:
#       de: "jeder Host eines Ingress durch TLS abgedeckt"
#       en: "every Ingress host covered by TLS"
#     measured:
#       de: "Hosts: {hosts:msg}; TLS-Hosts: {tls:msg}"
#       en: "hosts: {hosts:msg}; TLS hosts: {tls:msg}"
#     hosts:
#       de: "{hosts:list}"
#       en: "{hosts:list}"
#     any_host:
#       de: "* (jeder Host)"
#       en: "* (any host)"
#     not_recorded:
#       de: "Ingress {name}: Hosts oder TLS-Hosts wurden nicht erfasst"
#       en: "Ingress {name}: hosts or TLS hosts were not recorded"
#     no_host:
#       de: "Ingress {name} nennt keinen Host, daher lässt sich die TLS-Abdeckung nicht feststellen"
#       en: "Ingress {name} lists no host, so its TLS coverage cannot be established"
#     uncovered:
#       de: "Ingress {name} bedient Hosts ohne TLS: {uncovered:msg} (TLS-Hosts: {tls:msg})"
#       en: "Ingress {name} serves hosts without TLS: {uncovered:msg} (TLS hosts: {tls:msg})"
#     pass:
#       de: "Ingress {name} bedient alle Hosts mit TLS: {hosts:msg}"
#       en: "Ingress {name} serves all hosts with TLS: {hosts:msg}"
package nachweis.kubernetes.ingress_tls

import data.nachweis.lib.evidence
import data.nachweis.lib.kubernetes
import data.nachweis.lib.messages

_expected := messages.plain("expected")

results contains r if {
	some source, src in input.kubernetes
	r := kubernetes.missing_result(source, src, ["ingresses"], _expected)
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
			"measured": messages.msg("measured", {"hosts": _list(hosts), "tls": _list(tls)}),
			"refs": evidence.ref(ing),
		},
		object.get(ing, "tenant", ""),
	)
}

_verdict(name, hosts, tls) := {
	"status": "no-evidence",
	"message": messages.msg("not_recorded", {"name": name}),
} if {
	not _recorded(hosts, tls)
} else := {
	"status": "no-evidence",
	"message": messages.msg("no_host", {"name": name}),
} if {
	count(hosts) == 0
} else := {
	"status": "fail",
	"message": messages.msg("uncovered", {"name": name, "uncovered": _list(_uncovered(hosts, tls)), "tls": _list(tls)}),
} if {
	count(_uncovered(hosts, tls)) > 0
} else := {
	"status": "pass",
	"message": messages.msg("pass", {"name": name, "hosts": _list(hosts)}),
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

# _list is the message of hosts, sorted; a rule without host or a default
# backend (projected as "*", or "") is shown as "* (any host)".
_list(xs) := messages.msg("hosts", {"hosts": [_host(x) | some x in sort(xs)]}) if is_array(xs)

else := messages.plain("unknown")

_host(x) := messages.plain("any_host") if x in {"", "*"}

else := x

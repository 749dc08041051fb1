# METADATA
# title: Kubernetes versions in support and nodes at most one minor behind the control plane
# description: The API server and the kubelet of every node run a Kubernetes minor release that the Kubernetes project still supports with patch releases on the evaluation date, by the dated table of releases maintained in policies/lib/kubernetes_releases.rego, and no kubelet is more than one minor release behind the API server or newer than it. One result for the API server and one per kubelet minor release, naming the nodes. A version that cannot be read, or a minor newer than the table, is reported as missing evidence.
# custom:
#   id: K8S-PATCH-01
#   severity: high
#   measures: [TOM-VER-13]
#   requires: [kubernetes.nodes, kubernetes.version]
#   title_de: Kubernetes-Versionen im Support und Knoten höchstens eine Minor-Version hinter der Control Plane
#   description_de: Der API-Server und das Kubelet jedes Knotens laufen mit einer Kubernetes-Minor-Version, die das Kubernetes-Projekt am Bewertungstag noch mit Patch-Releases unterstützt, nach der datierten Tabelle der Releases in policies/lib/kubernetes_releases.rego, und kein Kubelet liegt mehr als eine Minor-Version hinter dem API-Server oder ist neuer als dieser. Ein Ergebnis für den API-Server und je eines pro Kubelet-Minor-Version mit den Knoten. Eine nicht lesbare Version oder eine Minor-Version, die neuer als die Tabelle ist, gilt als fehlender Nachweis.
#   messages:
#     expected:
#       de: "eine Kubernetes-Minor-Version, die am Bewertungstag unterstützt wird; Kubelets höchstens eine Minor-Version hinter dem API-Server und nicht neuer"
#       en: "a Kubernetes minor release in support on the evaluation date, kubelets at most one minor behind the API server and not newer"
#     value:
#       de: "{value}"
#       en: "{value}"
#     subject_apiserver:
#       de: "API-Server {version} (Minor-Version {minor:msg})"
#       en: "API server {version} (minor {minor:msg})"
#     subject_kubelets:
#       de: "{count:count:Node:Nodes} mit Kubelet {minor:msg} ({nodes:list})"
#       en: "{count:count:node:nodes} with kubelet {minor:msg} ({nodes:list})"
#     ok_apiserver:
#       de: "unterstützt"
#       en: "in support"
#     ok_kubelet:
#       de: "unterstützt und höchstens eine Minor-Version hinter dem API-Server"
#       en: "in support and at most one minor release behind the API server"
#     verdict:
#       de: "{subject:msg}: {reasons:msgs}"
#       en: "{subject:msg}: {reasons:msgs}"
#     measured_apiserver:
#       de: "Minor-Version {minor:msg}; {support:msg}"
#       en: "minor {minor:msg}; {support:msg}"
#     measured_kubelet:
#       de: "Kubelet-Minor-Version {minor:msg} ({versions:list}); API-Server-Minor-Version {control:msg}; {support:msg}"
#       en: "kubelet minor {minor:msg} ({versions:list}); API server minor {control:msg}; {support:msg}"
#     supported_until:
#       de: "unterstützt bis {date:date}"
#       en: "supported until {date:date}"
#     not_in_table:
#       de: "nicht in der Release-Tabelle (Stand {as_of:date})"
#       en: "not in the release table (as of {as_of:date})"
#     unreadable:
#       de: "Die Version wurde nicht erfasst oder ist nicht lesbar"
#       en: "the version was not recorded or cannot be read"
#     newer_than_table:
#       de: "{minor} ist neuer als die Release-Tabelle (Stand {as_of:date}) in policies/lib/kubernetes_releases.rego"
#       en: "{minor} is newer than the release table (as of {as_of:date}) in policies/lib/kubernetes_releases.rego"
#     older_than_table:
#       de: "{minor} wird nicht mehr unterstützt und ist älter als jede Version der Tabelle"
#       en: "{minor} is out of support, older than every release in the table"
#     out_of_support:
#       de: "{minor} wird seit dem {since:date} nicht mehr unterstützt"
#       en: "{minor} is out of support since {since:date}"
#     apiserver_unreadable:
#       de: "Die Version des API-Servers wurde nicht erfasst oder ist nicht lesbar"
#       en: "the API server's version was not recorded or cannot be read"
#     behind:
#       de: "{count:count:Minor-Version:Minor-Versionen} hinter dem API-Server {control}"
#       en: "{count:count:minor release:minor releases} behind the API server {control}"
#     newer:
#       de: "neuer als der API-Server {control}"
#       en: "newer than the API server {control}"
#     major_apart:
#       de: "eine Major-Version vom API-Server {control} entfernt"
#       en: "a major release apart from the API server {control}"
package nachweis.kubernetes.patch_level

import data.nachweis.lib.evidence
import data.nachweis.lib.kubernetes
import data.nachweis.lib.kubernetes_releases as k8s
import data.nachweis.lib.messages

_keys := ["nodes", "version"]

_expected := messages.plain("expected")

results contains r if {
	some source, src in input.kubernetes
	r := kubernetes.missing_result(source, src, _keys, _expected)
}

results contains r if {
	some source, src in input.kubernetes
	evidence.complete(src, _keys)
	minor := object.get(src, ["version", "minor"], "")
	problems := _support(minor)
	subject := messages.msg("subject_apiserver", {"version": object.get(src, ["version", "git_version"], ""), "minor": _or_unknown(minor)})
	v := _verdict(subject, messages.plain("ok_apiserver"), problems)
	r := {
		"status": v.status,
		"resource": sprintf("%s/apiserver", [source]),
		"message": v.message,
		"expected": _expected,
		"measured": messages.msg("measured_apiserver", {"minor": _or_unknown(minor), "support": _support_text(minor)}),
		"refs": evidence.ref(src.version),
	}
}

# _minors[[source, minor]] lists the nodes whose kubelet runs one minor
# release ("" when unreadable), grouped as lib.kubernetes explains.
_minor_keys contains [source, object.get(node, "kubelet_minor", "")] if {
	some source, src in input.kubernetes
	evidence.complete(src, _keys)
	some node in src.nodes
}

_minors := {key: nodes |
	some key in _minor_keys
	[source, minor] := key
	nodes := [node |
		node := input.kubernetes[s].nodes[_]
		s == source
		object.get(node, "kubelet_minor", "") == minor
	]
}

results contains r if {
	some [source, minor], nodes in _minors
	control := object.get(input.kubernetes[source], ["version", "minor"], "")
	problems := array.concat(_support(minor), _skew(minor, control))
	subject := messages.msg("subject_kubelets", {"count": count(nodes), "minor": _or_unknown(minor), "nodes": sort([n.name | some n in nodes])})
	v := _verdict(subject, messages.plain("ok_kubelet"), problems)
	r := {
		"status": v.status,
		"resource": sprintf("%s/kubelet/%s", [source, _minor_key(minor)]),
		"message": v.message,
		"expected": _expected,
		"measured": messages.msg("measured_kubelet", {
			"minor": _or_unknown(minor), "versions": sort({n.kubelet_version | some n in nodes}),
			"control": _or_unknown(control), "support": _support_text(minor),
		}),
		"refs": array.concat(evidence.refs(nodes), evidence.ref(input.kubernetes[source].version)),
	}
}

# _minor_key is a minor as it appears in a resource name.
_minor_key(minor) := minor if minor != ""

else := "unknown"

_or_unknown(minor) := messages.msg("value", {"value": minor}) if minor != ""

else := messages.plain("unknown")

# _day_ns is a date of the release table as nanoseconds (midnight UTC).
_day_ns(date) := time.parse_rfc3339_ns(sprintf("%sT00:00:00Z", [date]))

_support_text(minor) := messages.msg("supported_until", {"date": _day_ns(k8s.releases[minor].end_of_life)}) if {
	k8s.releases[minor]
} else := messages.msg("not_in_table", {"as_of": _day_ns(k8s.as_of)})

# _support lists why a minor is out of support ({"fail": message}), or
# [{"unknown": message}] when that cannot be decided.
_support(minor) := [{"unknown": messages.plain("unreadable")}] if {
	not k8s.parse(minor)
} else := [{"unknown": messages.msg("newer_than_table", {"minor": minor, "as_of": _day_ns(k8s.as_of)})}] if {
	not k8s.releases[minor]
	k8s.parse(minor) > k8s.newest
} else := [{"fail": messages.msg("older_than_table", {"minor": minor})}] if {
	not k8s.releases[minor]
} else := [{"fail": messages.msg("out_of_support", {"minor": minor, "since": _day_ns(k8s.releases[minor].end_of_life)})}] if {
	input.now_ns >= k8s.end_of_life_ns(minor)
} else := []

# _skew lists why a kubelet minor does not fit the API server's.
_skew(minor, control) := [] if {
	not k8s.parse(minor)
} else := [{"unknown": messages.plain("apiserver_unreadable")}] if {
	not k8s.parse(control)
} else := [{"fail": messages.msg("behind", {"count": k8s.behind(minor, control), "control": control})}] if {
	k8s.behind(minor, control) > 1
} else := [{"fail": messages.msg("newer", {"control": control})}] if {
	k8s.behind(minor, control) < 0
} else := [{"fail": messages.msg("major_apart", {"control": control})}] if {
	not k8s.behind(minor, control)
} else := []

_verdict(subject, ok, problems) := {
	"status": "fail",
	"message": messages.msg("verdict", {"subject": subject, "reasons": [p.fail | some p in problems; p.fail]}),
} if {
	some p in problems
	p.fail
} else := {
	"status": "no-evidence",
	"message": messages.msg("verdict", {"subject": subject, "reasons": [p.unknown | some p in problems]}),
} if {
	count(problems) > 0
} else := {
	"status": "pass",
	"message": messages.msg("verdict", {"subject": subject, "reasons": [ok]}),
}

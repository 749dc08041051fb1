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
package nachweis.kubernetes.patch_level

import data.nachweis.lib.evidence
import data.nachweis.lib.human
import data.nachweis.lib.kubernetes
import data.nachweis.lib.kubernetes_releases as k8s

_keys := ["nodes", "version"]

_expected := "a Kubernetes minor release in support on the evaluation date, kubelets at most one minor behind the API server and not newer"

results contains r if {
	some source, src in input.kubernetes
	r := kubernetes.missing_result(source, src, _keys, _expected)
}

results contains r if {
	some source, src in input.kubernetes
	evidence.complete(src, _keys)
	minor := object.get(src, ["version", "minor"], "")
	problems := _support(minor)
	v := _verdict(sprintf("API server %s (minor %s)", [object.get(src, ["version", "git_version"], ""), _or_unknown(minor)]), "in support", problems)
	r := {
		"status": v.status,
		"resource": sprintf("%s/apiserver", [source]),
		"message": v.message,
		"expected": _expected,
		"measured": sprintf("minor %s; %s", [_or_unknown(minor), _support_text(minor)]),
		"refs": evidence.ref(src.version),
		"facts": {"minor": minor, "git_version": object.get(src, ["version", "git_version"], ""), "end_of_life": _eol(minor)},
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
	names := [n.name | some n in nodes]
	subject := sprintf("%s with kubelet %s (%s)", [human.counted(count(nodes), "node", "nodes"), _or_unknown(minor), human.list(names)])
	v := _verdict(subject, "in support and at most one minor release behind the API server", problems)
	r := {
		"status": v.status,
		"resource": sprintf("%s/kubelet/%s", [source, _or_unknown(minor)]),
		"message": v.message,
		"expected": _expected,
		"measured": sprintf("kubelet minor %s (%s); API server minor %s; %s", [
			_or_unknown(minor), human.list({n.kubelet_version | some n in nodes}), _or_unknown(control), _support_text(minor),
		]),
		"refs": array.concat(evidence.refs(nodes), evidence.ref(input.kubernetes[source].version)),
		"facts": {"minor": minor, "control_plane_minor": control, "nodes": names, "end_of_life": _eol(minor)},
	}
}

_or_unknown(minor) := minor if minor != ""

else := "unknown"

_eol(minor) := e if {
	e := k8s.releases[minor].end_of_life
} else := ""

_support_text(minor) := sprintf("supported until %s", [k8s.releases[minor].end_of_life]) if {
	k8s.releases[minor]
} else := sprintf("not in the release table (as of %s)", [k8s.as_of])

# _support lists why a minor is out of support, or [{"unknown": why}] when
# that cannot be decided.
_support(minor) := [{"unknown": "the version was not recorded or cannot be read"}] if {
	not k8s.parse(minor)
} else := [{"unknown": sprintf("%s is newer than the release table (as of %s) in policies/lib/kubernetes_releases.rego", [minor, k8s.as_of])}] if {
	not k8s.releases[minor]
	k8s.parse(minor) > k8s.newest
} else := [sprintf("%s is out of support, older than every release in the table", [minor])] if {
	not k8s.releases[minor]
} else := [sprintf("%s is out of support since %s", [minor, k8s.releases[minor].end_of_life])] if {
	input.now_ns >= k8s.end_of_life_ns(minor)
} else := []

# _skew lists why a kubelet minor does not fit the API server's.
_skew(minor, control) := [] if {
	not k8s.parse(minor)
} else := [{"unknown": "the API server's version was not recorded or cannot be read"}] if {
	not k8s.parse(control)
} else := [sprintf("%d minor releases behind the API server %s", [k8s.behind(minor, control), control])] if {
	k8s.behind(minor, control) > 1
} else := [sprintf("newer than the API server %s", [control])] if {
	k8s.behind(minor, control) < 0
} else := [sprintf("a major release apart from the API server %s", [control])] if {
	not k8s.behind(minor, control)
} else := []

_verdict(subject, ok, problems) := {
	"status": "fail",
	"message": sprintf("%s: %s", [subject, concat("; ", [p | some p in problems; is_string(p)])]),
} if {
	some p in problems
	is_string(p)
} else := {
	"status": "no-evidence",
	"message": sprintf("%s: %s", [subject, concat("; ", [p.unknown | some p in problems])]),
} if {
	count(problems) > 0
} else := {
	"status": "pass",
	"message": sprintf("%s: %s", [subject, ok]),
}

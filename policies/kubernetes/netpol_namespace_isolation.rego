# METADATA
# title: No NetworkPolicy admits traffic from all namespaces into a tenant namespace
# description: In every in-scope tenant namespace a NetworkPolicy selects all pods for ingress (so no pod accepts traffic unless a policy allows it), and no NetworkPolicy of the namespace admits traffic from all namespaces. A policy admits all namespaces when it governs ingress and an ingress rule has no from (any source), a peer with an empty namespaceSelector ({}, with or without podSelector), or an ipBlock 0.0.0.0/0 or ::/0 without except. A namespaceSelector with labels or matchExpressions is not counted as all namespaces.
# custom:
#   id: K8S-NET-02
#   severity: high
#   measures: [TOM-TRN-01]
#   requires: [kubernetes.namespaces, kubernetes.networkpolicies]
#   title_de: Keine NetworkPolicy lässt Verkehr aus allen Namespaces in einen Mandanten-Namespace zu
#   description_de: In jedem Mandanten-Namespace im Geltungsbereich wählt eine NetworkPolicy alle Pods für eingehenden Verkehr aus (kein Pod nimmt Verkehr an, den keine Policy erlaubt), und keine NetworkPolicy des Namespaces lässt Verkehr aus allen Namespaces zu. Das tut eine Policy, die eingehenden Verkehr regelt und eine Ingress-Regel ohne from (jede Quelle), einen Peer mit leerem namespaceSelector ({}, mit oder ohne podSelector) oder einen ipBlock 0.0.0.0/0 oder ::/0 ohne except enthält. Ein namespaceSelector mit Labels oder matchExpressions gilt nicht als alle Namespaces.
#   messages:
#     expected:
#       de: "eine NetworkPolicy, die alle Pods für eingehenden Verkehr auswählt, und keine Policy, die Verkehr aus allen Namespaces zulässt"
#       en: "a NetworkPolicy selecting all pods for ingress, and no policy admitting traffic from all namespaces"
#     measured:
#       de: "Policies, die alle Pods für eingehenden Verkehr auswählen: {isolating:list}; Policies, die alle Namespaces zulassen: {open:list}"
#       en: "policies selecting all pods for ingress: {isolating:list}; policies admitting all namespaces: {open:list}"
#     open_policy:
#       de: "{name} ({via:list})"
#       en: "{name} ({via:list})"
#     open:
#       de: "Namespace {namespace} hat NetworkPolicies, die Verkehr aus allen Namespaces zulassen: {open:list}"
#       en: "namespace {namespace} has NetworkPolicies that admit traffic from all namespaces: {open:list}"
#     not_isolated:
#       de: "Namespace {namespace} hat keine NetworkPolicy, die alle Pods für eingehenden Verkehr auswählt; Pods, die keine Policy auswählt, nehmen Verkehr aus allen Namespaces an (Policies: {policies:list})"
#       en: "namespace {namespace} has no NetworkPolicy that selects all pods for ingress, so pods that no policy selects accept traffic from all namespaces (policies: {policies:list})"
#     admission_unknown:
#       de: "Namespace {namespace}: Ob {unknown:list} Verkehr aus allen Namespaces {unknown:plural:zulässt:zulassen}, wurde nicht erfasst"
#       en: "namespace {namespace}: whether {unknown:list} {unknown:plural:admits:admit} traffic from all namespaces was not recorded"
#     pass:
#       de: "Namespace {namespace} isoliert den eingehenden Verkehr aller Pods ({isolating:list}), und keine NetworkPolicy lässt Verkehr aus allen Namespaces zu"
#       en: "namespace {namespace} isolates ingress of all pods ({isolating:list}) and no NetworkPolicy admits traffic from all namespaces"
package nachweis.kubernetes.netpol_namespace_isolation

import data.nachweis.lib.evidence
import data.nachweis.lib.kubernetes
import data.nachweis.lib.messages

_keys := ["namespaces", "networkpolicies"]

_expected := messages.plain("expected")

results contains r if {
	some source, src in input.kubernetes
	r := kubernetes.missing_result(source, src, _keys, _expected)
}

results contains r if {
	some source, src in input.kubernetes
	evidence.complete(src, _keys)
	some ns, obj in src.namespaces
	obj.in_scope == true
	policies := object.get(src, ["networkpolicies_by_namespace", ns], [])
	isolating := [p | some p in policies; _isolates_ingress(p)]
	open := [p | some p in policies; p.admits_all_namespaces == true]
	unknown := [p | some p in policies; not is_boolean(object.get(p, "admits_all_namespaces", null))]
	v := _verdict(ns, policies, isolating, open, unknown)
	r := kubernetes.namespace_result(
		{
			"status": v.status,
			"resource": sprintf("%s/namespace/%s", [source, ns]),
			"message": v.message,
			"expected": _expected,
			"measured": messages.msg("measured", {"isolating": _names(isolating), "open": _opens(open)}),
			"refs": array.concat(evidence.ref(obj), evidence.refs(v.used)),
		},
		obj,
	)
}

# An open policy fails even when another policy is unknown.
_verdict(ns, policies, isolating, open, unknown) := {
	"status": "fail",
	"message": messages.msg("open", {"namespace": ns, "open": _opens(open)}),
	"used": open,
} if {
	count(open) > 0
} else := {
	"status": "fail",
	"message": messages.msg("not_isolated", {"namespace": ns, "policies": _names(policies)}),
	"used": policies,
} if {
	count(isolating) == 0
} else := {
	"status": "no-evidence",
	"message": messages.msg("admission_unknown", {"namespace": ns, "unknown": _names(unknown)}),
	"used": unknown,
} if {
	count(unknown) > 0
} else := {
	"status": "pass",
	"message": messages.msg("pass", {"namespace": ns, "isolating": _names(isolating)}),
	"used": isolating,
}

_isolates_ingress(p) if {
	p.selects_all_pods == true
	"Ingress" in p.policy_types
}

# _opens describes the policies that admit all namespaces, sorted by
# name, each with the rules that do.
_opens(open) := [messages.msg("open_policy", {"name": p.name, "via": object.get(p, "admits_all_namespaces_via", [])}) |
	some name in _names(open)
	some p in open
	p.name == name
]

_names(policies) := sort([p.name | some p in policies])

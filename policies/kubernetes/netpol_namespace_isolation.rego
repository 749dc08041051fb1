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
package nachweis.kubernetes.netpol_namespace_isolation

import data.nachweis.lib.evidence
import data.nachweis.lib.human
import data.nachweis.lib.kubernetes

_keys := ["namespaces", "networkpolicies"]

_expected := "a NetworkPolicy selecting all pods for ingress, and no policy admitting traffic from all namespaces"

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
			"measured": sprintf("policies selecting all pods for ingress: %s; policies admitting all namespaces: %s", [
				human.list(_names(isolating)),
				human.list([_open(p) | some p in open]),
			]),
			"refs": array.concat(evidence.ref(obj), evidence.refs(v.used)),
		},
		obj,
	)
}

# An open policy fails even when another policy is unknown.
_verdict(ns, policies, isolating, open, unknown) := {
	"status": "fail",
	"message": sprintf("namespace %s has NetworkPolicies that admit traffic from all namespaces: %s", [ns, human.list([_open(p) | some p in open])]),
	"used": open,
} if {
	count(open) > 0
} else := {
	"status": "fail",
	"message": sprintf("namespace %s has no NetworkPolicy that selects all pods for ingress, so pods that no policy selects accept traffic from all namespaces (policies: %s)", [ns, human.list(_names(policies))]),
	"used": policies,
} if {
	count(isolating) == 0
} else := {
	"status": "no-evidence",
	"message": sprintf("namespace %s: whether %s admit traffic from all namespaces was not recorded", [ns, human.list(_names(unknown))]),
	"used": unknown,
} if {
	count(unknown) > 0
} else := {
	"status": "pass",
	"message": sprintf("namespace %s isolates ingress of all pods (%s) and no NetworkPolicy admits traffic from all namespaces", [ns, human.list(_names(isolating))]),
	"used": isolating,
}

_isolates_ingress(p) if {
	p.selects_all_pods == true
	"Ingress" in p.policy_types
}

_open(p) := sprintf("%s (%s)", [p.name, concat("; ", object.get(p, "admits_all_namespaces_via", []))])

_names(policies) := [p.name | some p in policies]

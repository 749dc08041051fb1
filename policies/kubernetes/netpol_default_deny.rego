# METADATA
# title: Default-deny NetworkPolicy in every tenant namespace
# description: Every in-scope tenant namespace has a NetworkPolicy that selects all pods with policyTypes Ingress and Egress and has no allow-all rule, and no NetworkPolicy in the namespace selects all pods while allowing all ingress or all egress. A namespace declared for a tenant but found in no Kubernetes source is reported as missing evidence.
# custom:
#   id: K8S-NET-01
#   severity: high
#   measures: [TOM-TRN-01]
#   requires: [kubernetes.namespaces, kubernetes.networkpolicies]
#   title_de: Default-Deny-NetworkPolicy in jedem Mandanten-Namespace
#   description_de: Jeder Mandanten-Namespace im Geltungsbereich hat eine NetworkPolicy, die alle Pods auswählt, die policyTypes Ingress und Egress setzt und keine Alles-erlauben-Regel enthält; keine NetworkPolicy im Namespace erlaubt allen Pods jeglichen ein- oder ausgehenden Verkehr. Ein für einen Mandanten deklarierter Namespace, den keine Kubernetes-Quelle enthält, gilt als fehlender Nachweis.
#   messages:
#     expected:
#       de: "eine NetworkPolicy, die alle Pods mit policyTypes Ingress und Egress auswählt und keine Allow-all-Regel hat, und keine Policy, die allen Verkehr zu allen Pods erlaubt"
#       en: "a NetworkPolicy selecting all pods with policyTypes Ingress and Egress and no allow-all rule, and no policy allowing all traffic to all pods"
#     measured:
#       de: "Default-Deny-Policies: {deny:list}; Allow-all-Policies: {opened:list}; alle Policies: {all:list}"
#       en: "default-deny policies: {deny:list}; allow-all policies: {opened:list}; all policies: {all:list}"
#     no_default_deny:
#       de: "Namespace {namespace} hat keine NetworkPolicy, die alle Pods mit policyTypes Ingress und Egress auswählt (gefunden: {found:list})"
#       en: "namespace {namespace} has no NetworkPolicy that selects all pods with policyTypes Ingress and Egress (found: {found:list})"
#     opened:
#       de: "Namespace {namespace} hat eine Default-Deny-NetworkPolicy ({deny:list}), aber {opened:list} {opened:plural:wählt:wählen} alle Pods aus und {opened:plural:erlaubt:erlauben} jeden ein- oder ausgehenden Verkehr"
#       en: "namespace {namespace} has a default-deny NetworkPolicy ({deny:list}), but {opened:list} {opened:plural:selects:select} all pods and {opened:plural:allows:allow} all ingress or egress"
#     pass:
#       de: "Namespace {namespace} hat eine Default-Deny-NetworkPolicy für ein- und ausgehenden Verkehr ({deny:list})"
#       en: "namespace {namespace} has a default-deny NetworkPolicy for ingress and egress ({deny:list})"
package nachweis.kubernetes.netpol_default_deny

import data.nachweis.lib.evidence
import data.nachweis.lib.kubernetes
import data.nachweis.lib.messages

_keys := ["namespaces", "networkpolicies"]

_expected := messages.plain("expected")

# A source without namespace or NetworkPolicy evidence cannot be assessed.
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
	deny := [p | some p in policies; _default_deny(p)]
	opened := [p | some p in policies; _opens_all(p)]
	v := _verdict(ns, policies, deny, opened)
	r := evidence.with_tenant(
		{
			"status": v.status,
			"resource": sprintf("%s/namespace/%s", [source, ns]),
			"message": v.message,
			"expected": _expected,
			"measured": messages.msg("measured", {"deny": _names(deny), "opened": _names(opened), "all": _names(policies)}),
			"refs": array.concat(evidence.ref(obj), evidence.refs(v.used)),
		},
		object.get(obj, "tenant", ""),
	)
}

# _verdict decides one namespace; used names the policies the verdict rests on.
_verdict(ns, policies, deny, opened) := {
	"status": "fail",
	"message": messages.msg("no_default_deny", {"namespace": ns, "found": _names(policies)}),
	"used": policies,
} if {
	count(deny) == 0
} else := {
	"status": "fail",
	"message": messages.msg("opened", {"namespace": ns, "deny": _names(deny), "opened": _names(opened)}),
	"used": array.concat(deny, opened),
} if {
	count(opened) > 0
} else := {
	"status": "pass",
	"message": messages.msg("pass", {"namespace": ns, "deny": _names(deny)}),
	"used": deny,
}

# A namespace declared for a tenant must exist somewhere; otherwise its
# isolation cannot be shown.
results contains r if {
	some r in kubernetes.missing_namespace_results(_expected)
}

_default_deny(p) if {
	p.selects_all_pods == true
	"Ingress" in p.policy_types
	"Egress" in p.policy_types
	p.allows_all_ingress == false
	p.allows_all_egress == false
}

_opens_all(p) if {
	p.selects_all_pods == true
	p.allows_all_ingress == true
}

_opens_all(p) if {
	p.selects_all_pods == true
	p.allows_all_egress == true
}

_names(policies) := sort([p.name | some p in policies])

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
package nachweis.kubernetes.netpol_default_deny

import data.nachweis.lib.evidence
import data.nachweis.lib.human

_keys := ["namespaces", "networkpolicies"]

_expected := "a NetworkPolicy selecting all pods with policyTypes Ingress and Egress and no allow-all rule, and no policy allowing all traffic to all pods"

# A source without namespace or NetworkPolicy evidence cannot be assessed.
results contains r if {
	some source, src in input.kubernetes
	missing := evidence.missing_keys(src, _keys)
	count(missing) > 0
	r := {
		"status": "no-evidence",
		"resource": source,
		"message": sprintf("Kubernetes source %s cannot be assessed: %s", [source, evidence.reasons(src, missing)]),
		"expected": _expected,
		"refs": [],
	}
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
			"measured": sprintf("default-deny policies: %s; allow-all policies: %s; all policies: %s", [
				human.list(_names(deny)),
				human.list(_names(opened)),
				human.list(_names(policies)),
			]),
			"refs": array.concat(evidence.ref(obj), evidence.refs(v.used)),
		},
		object.get(obj, "tenant", ""),
	)
}

# _verdict decides one namespace; used names the policies the verdict rests on.
_verdict(ns, policies, deny, opened) := {
	"status": "fail",
	"message": sprintf("namespace %s has no NetworkPolicy that selects all pods with policyTypes Ingress and Egress (found: %s)", [ns, human.list(_names(policies))]),
	"used": policies,
} if {
	count(deny) == 0
} else := {
	"status": "fail",
	"message": sprintf("namespace %s has a default-deny NetworkPolicy (%s), but %s select all pods and allow all ingress or egress", [ns, human.list(_names(deny)), human.list(_names(opened))]),
	"used": array.concat(deny, opened),
} if {
	count(opened) > 0
} else := {
	"status": "pass",
	"message": sprintf("namespace %s has a default-deny NetworkPolicy for ingress and egress (%s)", [ns, human.list(_names(deny))]),
	"used": deny,
}

# Namespaces seen by any source that delivered namespace evidence.
_known_namespaces contains ns if {
	some src in input.kubernetes
	not evidence.missing(src, "namespaces")
	some ns, _ in src.namespaces
}

# A namespace declared for a tenant must exist somewhere; otherwise its
# isolation cannot be shown.
results contains r if {
	some tenant, t in input.tenants
	some ns in t.namespaces
	not ns in _known_namespaces
	r := {
		"status": "no-evidence",
		"resource": sprintf("namespace/%s", [ns]),
		"tenant": tenant,
		"message": sprintf("namespace %s is declared for tenant %s but was found in no Kubernetes source with namespace evidence", [ns, tenant]),
		"expected": _expected,
		"measured": "namespace not found",
		"refs": [],
	}
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

_names(policies) := [p.name | some p in policies]

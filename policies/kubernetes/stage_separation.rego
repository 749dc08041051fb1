# METADATA
# title: Tenant stages in separate, isolated namespaces
# description: For every tenant that declares stages (tenants[].stages, e.g. development, test, production), each stage has a namespace of its own, and no NetworkPolicy admits traffic from one of the tenant's stages into another - the target namespace isolates ingress (a policy selects all its pods for ingress), no policy there admits all namespaces, and no namespaceSelector of an ingress rule selects the other stage's namespace by its labels. Stages in different clusters are separated by the clusters. One result per tenant; a tenant that declares a single stage passes, stating so; a stage namespace found in no source, or a cluster without NetworkPolicy evidence, is reported as missing evidence. Tenants without declared stages are not assessed, so their view of the check has no evidence; declare at least the production stage.
# custom:
#   id: K8S-STAGE-01
#   severity: high
#   measures: [TOM-TRN-03]
#   requires: [kubernetes.namespaces, kubernetes.networkpolicies]
#   title_de: Stufen eines Mandanten in getrennten, isolierten Namespaces
#   description_de: Für jeden Mandanten, der Stufen deklariert (tenants[].stages, z. B. development, test, production), hat jede Stufe einen eigenen Namespace, und keine NetworkPolicy lässt Verkehr von einer Stufe des Mandanten in eine andere zu - der Ziel-Namespace isoliert eingehenden Verkehr (eine Policy wählt alle seine Pods für Ingress), keine Policy dort lässt alle Namespaces zu, und kein namespaceSelector einer Ingress-Regel wählt den Namespace der anderen Stufe über dessen Labels. Stufen in verschiedenen Clustern sind durch die Cluster getrennt. Ein Ergebnis je Mandant; ein Mandant mit nur einer deklarierten Stufe ist erfüllt, was das Ergebnis so benennt; ein Stufen-Namespace, der in keiner Quelle gefunden wurde, oder ein Cluster ohne Nachweis der NetworkPolicies gilt als fehlender Nachweis. Mandanten ohne deklarierte Stufen werden nicht bewertet, ihre Sicht der Prüfung hat also keinen Nachweis; mindestens die Produktionsstufe ist zu deklarieren.
#   messages:
#     expected:
#       de: "jede Umgebung in einem eigenen Namespace, keine NetworkPolicy, die Verkehr zwischen den Umgebungen des Mandanten zulässt"
#       en: "each stage in a namespace of its own, no NetworkPolicy admitting traffic between the tenant's stages"
#     measured:
#       de: "Umgebungen: {stages:list}; Wege zwischen Umgebungen: {paths:list}"
#       en: "stages: {stages:list}; paths between stages: {paths:list}"
#     path:
#       de: "{from} ({from_ns}) zu {to} ({to_ns}): {reason:msg}"
#       en: "{from} ({from_ns}) to {to} ({to_ns}): {reason:msg}"
#     not_isolated:
#       de: "keine NetworkPolicy wählt alle Pods von {namespace} für eingehenden Verkehr aus"
#       en: "no NetworkPolicy selects all pods of {namespace} for ingress"
#     admits_all:
#       de: "NetworkPolicy {policy} lässt alle Namespaces zu"
#       en: "NetworkPolicy {policy} admits all namespaces"
#     admits_namespace:
#       de: "NetworkPolicy {policy} lässt Namespace {namespace} zu"
#       en: "NetworkPolicy {policy} admits namespace {namespace}"
#     namespace_not_found:
#       de: "Namespace {namespace} der Umgebung {stage} wurde in keiner Kubernetes-Quelle gefunden"
#       en: "namespace {namespace} of stage {stage} was found in no Kubernetes source"
#     policies_not_collected:
#       de: "Die NetworkPolicies von {source} wurden nicht erhoben"
#       en: "the NetworkPolicies of {source} were not collected"
#     fail:
#       de: "Mandant {tenant}: {problems:msgs}"
#       en: "tenant {tenant}: {problems:msgs}"
#     shared:
#       de: "Die Umgebungen {stages:list} teilen sich den Namespace {namespace}"
#       en: "stages {stages:list} share namespace {namespace}"
#     traffic:
#       de: "Verkehr kann von der Umgebung {from} ({from_ns}) zur Umgebung {to} ({to_ns}) gelangen: {reason:msg}"
#       en: "traffic may pass from stage {from} ({from_ns}) to {to} ({to_ns}): {reason:msg}"
#     not_shown:
#       de: "Mandant {tenant}: Die Trennung seiner Umgebungen lässt sich nicht zeigen: {unknown:msgs}"
#       en: "tenant {tenant}: the separation of its stages cannot be shown: {unknown:msgs}"
#     one_stage:
#       de: "Mandant {tenant} gibt nur eine Umgebung an, {stages:list}: Keine andere Umgebung teilt ihren Namespace oder erreicht ihn"
#       en: "tenant {tenant} declares one stage only, {stages:list}: no other stage shares its namespace or reaches it"
#     pass:
#       de: "Mandant {tenant}: Die Umgebungen {stages:list} haben jeweils einen eigenen Namespace, und keine NetworkPolicy lässt Verkehr zwischen ihnen zu"
#       en: "tenant {tenant}: stages {stages:list} each have a namespace of their own, and no NetworkPolicy admits traffic between them"
package nachweis.kubernetes.stage_separation

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
	some tenant, t in input.tenants
	stages := object.get(t, "stages", {})
	count(stages) > 0
	shared := _shared(stages)
	paths := _paths(stages)
	unknown := _unknown(stages)
	v := _verdict(tenant, stages, shared, paths, unknown)
	r := {
		"status": v.status,
		"resource": sprintf("tenant/%s/stages", [tenant]),
		"tenant": tenant,
		"message": v.message,
		"expected": _expected,
		"measured": messages.msg("measured", {"stages": _stages_text(stages), "paths": [messages.msg("path", p.args) | some p in paths]}),
		"refs": _refs(stages, paths),
	}
}

# _found is the set of sources with namespace evidence that hold ns.
_found(ns) := {source |
	some source, src in input.kubernetes
	not evidence.missing(src, "namespaces")
	src.namespaces[ns]
}

_shared(stages) := [{"namespace": ns, "stages": names} |
	some ns in {n | some _, n in stages}
	names := sort([st | some st, n in stages; n == ns])
	count(names) > 1
]

# _paths lists, for every ordered pair of stages in different namespaces of
# one source with NetworkPolicy evidence, why traffic from the first may
# reach the second.
_paths(stages) := [p |
	some from, from_ns in stages
	some to, to_ns in stages
	from_ns != to_ns
	some source in _found(to_ns)
	source in _found(from_ns)
	src := input.kubernetes[source]
	evidence.complete(src, _keys)
	some why in _admits(src, to_ns, from_ns)
	p := {
		"args": {"from": from, "from_ns": from_ns, "to": to, "to_ns": to_ns, "reason": why.reason},
		"refs": why.refs,
	}
]

_policies(src, ns) := object.get(src, ["networkpolicies_by_namespace", ns], [])

_admits(src, to_ns, from_ns) := {{
	"reason": messages.msg("not_isolated", {"namespace": to_ns}),
	"refs": evidence.ref(src.namespaces[to_ns]),
}} if {
	not _isolated(_policies(src, to_ns))
} else := {why |
	some p in _policies(src, to_ns)
	why := _policy_admits(p, to_ns, from_ns)
}

_isolated(policies) if {
	some p in policies
	p.selects_all_pods == true
	"Ingress" in p.policy_types
}

_policy_admits(p, to_ns, from_ns) := {
	"reason": messages.msg("admits_all", {"policy": sprintf("%s/%s", [to_ns, p.name])}),
	"refs": evidence.ref(p),
} if {
	p.admits_all_namespaces == true
} else := {
	"reason": messages.msg("admits_namespace", {"policy": sprintf("%s/%s", [to_ns, p.name]), "namespace": from_ns}),
	"refs": evidence.ref(p),
} if {
	from_ns in object.get(p, "admits_tenant_namespaces", [])
}

# _unknown lists what keeps a tenant's separation from being shown: a
# stage namespace in no source, or two stages in one source without
# NetworkPolicy evidence.
_unknown(stages) := array.concat(
	[messages.msg("namespace_not_found", {"namespace": ns, "stage": st}) |
		some st, ns in stages
		count(_found(ns)) == 0
	],
	[messages.msg("policies_not_collected", {"source": source}) |
		some source in {source |
			some _, a in stages
			some _, b in stages
			a != b
			some source in _found(a)
			source in _found(b)
			not evidence.complete(input.kubernetes[source], _keys)
		}
	],
)

_verdict(tenant, stages, shared, paths, unknown) := {
	"status": "fail",
	"message": messages.msg("fail", {"tenant": tenant, "problems": array.concat(
		[messages.msg("shared", {"stages": s.stages, "namespace": s.namespace}) | some s in shared],
		[messages.msg("traffic", p.args) | some p in paths],
	)}),
} if {
	count(shared) + count(paths) > 0
} else := {
	"status": "no-evidence",
	"message": messages.msg("not_shown", {"tenant": tenant, "unknown": unknown}),
} if {
	count(unknown) > 0
} else := {
	"status": "pass",
	"message": messages.msg("one_stage", {"tenant": tenant, "stages": _stages_text(stages)}),
} if {
	count(stages) == 1
} else := {
	"status": "pass",
	"message": messages.msg("pass", {"tenant": tenant, "stages": _stages_text(stages)}),
}

_stages_text(stages) := [sprintf("%s (%s)", [st, ns]) | some st, ns in stages]

_refs(stages, paths) := array.concat(
	sort({ref |
		some _, ns in stages
		some source in _found(ns)
		some ref in evidence.ref(input.kubernetes[source].namespaces[ns])
	}),
	sort({ref | some p in paths; some ref in p.refs}),
)

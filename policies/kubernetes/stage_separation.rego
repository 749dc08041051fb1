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
package nachweis.kubernetes.stage_separation

import data.nachweis.lib.evidence
import data.nachweis.lib.human
import data.nachweis.lib.kubernetes

_keys := ["namespaces", "networkpolicies"]

_expected := "each stage in a namespace of its own, no NetworkPolicy admitting traffic between the tenant's stages"

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
		"measured": sprintf("stages: %s; paths between stages: %s", [_stages_text(stages), human.list([p.text | some p in paths])]),
		"refs": _refs(stages, paths),
		"facts": {"stages": stages, "shared": [s.namespace | some s in shared], "paths": [object.remove(p, ["text", "refs"]) | some p in paths]},
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
		"from": from, "to": to, "source": source, "reason": why.reason,
		"text": sprintf("%s (%s) to %s (%s): %s", [from, from_ns, to, to_ns, why.reason]),
		"refs": why.refs,
	}
]

_policies(src, ns) := object.get(src, ["networkpolicies_by_namespace", ns], [])

_admits(src, to_ns, from_ns) := {{
	"reason": sprintf("no NetworkPolicy selects all pods of %s for ingress", [to_ns]),
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
	"reason": sprintf("NetworkPolicy %s/%s admits all namespaces", [to_ns, p.name]),
	"refs": evidence.ref(p),
} if {
	p.admits_all_namespaces == true
} else := {
	"reason": sprintf("NetworkPolicy %s/%s admits namespace %s", [to_ns, p.name, from_ns]),
	"refs": evidence.ref(p),
} if {
	from_ns in object.get(p, "admits_tenant_namespaces", [])
}

# _unknown lists what keeps a tenant's separation from being shown: a
# stage namespace in no source, or two stages in one source without
# NetworkPolicy evidence.
_unknown(stages) := array.concat(
	[sprintf("namespace %s of stage %s was found in no Kubernetes source", [ns, st]) |
		some st, ns in stages
		count(_found(ns)) == 0
	],
	[sprintf("the NetworkPolicies of %s were not collected", [source]) |
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
	"message": sprintf("tenant %s: %s", [tenant, concat("; ", array.concat(
		[sprintf("stages %s share namespace %s", [concat(" and ", s.stages), s.namespace]) | some s in shared],
		[sprintf("traffic may pass from stage %s", [p.text]) | some p in paths],
	))]),
} if {
	count(shared) + count(paths) > 0
} else := {
	"status": "no-evidence",
	"message": sprintf("tenant %s: the separation of its stages cannot be shown: %s", [tenant, concat("; ", unknown)]),
} if {
	count(unknown) > 0
} else := {
	"status": "pass",
	"message": sprintf("tenant %s declares one stage only, %s: no other stage shares its namespace or reaches it", [tenant, _stages_text(stages)]),
} if {
	count(stages) == 1
} else := {
	"status": "pass",
	"message": sprintf("tenant %s: stages %s each have a namespace of their own, and no NetworkPolicy admits traffic between them", [tenant, _stages_text(stages)]),
}

_stages_text(stages) := concat(", ", [sprintf("%s (%s)", [st, ns]) | some st, ns in stages])

_refs(stages, paths) := array.concat(
	sort({ref |
		some _, ns in stages
		some source in _found(ns)
		some ref in evidence.ref(input.kubernetes[source].namespaces[ns])
	}),
	sort({ref | some p in paths; some ref in p.refs}),
)

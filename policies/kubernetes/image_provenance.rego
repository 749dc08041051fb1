# METADATA
# title: Tenant workloads run images of known provenance
# description: Every container image of every in-scope workload is pinned by digest (image@sha256:...) or comes from a registry of params.allowed_registries (a host such as registry.example.com, or a path such as ghcr.io/example-org), and no image without a digest uses the tag latest or no tag, which the runtime resolves to latest. Workloads are the pod templates of the controllers and the pods of their own, as in K8S-POD-01; images a pod runs beside its template's are named with the pod. Where no registry is configured, only digest-pinned images pass.
# custom:
#   id: K8S-IMG-01
#   severity: medium
#   measures: [TOM-EIN-03]
#   requires: [kubernetes.pods, kubernetes.workloads]
#   title_de: Mandanten-Workloads nutzen Images bekannter Herkunft
#   description_de: Jedes Container-Image jedes Workloads im Geltungsbereich ist per Digest festgelegt (image@sha256:...) oder stammt aus einer Registry in params.allowed_registries (ein Host wie registry.example.com oder ein Pfad wie ghcr.io/example-org), und kein Image ohne Digest nutzt das Tag latest oder kein Tag, das die Laufzeitumgebung als latest auflöst. Workloads sind die Pod-Templates der Controller und die eigenständigen Pods wie bei K8S-POD-01; Images, die ein Pod neben denen seines Templates ausführt, werden mit dem Pod genannt. Ist keine Registry konfiguriert, sind nur per Digest festgelegte Images erfüllt.
package nachweis.kubernetes.image_provenance

import data.nachweis.lib.evidence
import data.nachweis.lib.human
import data.nachweis.lib.kubernetes

_expected := "every image pinned by digest or from an allowed registry, and no image without digest tagged latest or untagged"

_registries := [r | some r in input.params.allowed_registries; is_string(r); r != ""]

# _hosts and _paths are the allowed registries as hosts and as path
# prefixes ("ghcr.io/example-org/"), built once.
_hosts := {r | some r in _registries}

_paths := {concat("", [r, "/"]) | some r in _registries}

results contains r if {
	some source, src in input.kubernetes
	r := kubernetes.missing_result(source, src, kubernetes.pod_keys, _expected)
}

results contains r if {
	some [source, ns], specs in kubernetes.pod_specs
	every s in specs {
		is_array(s.images)
		count(_findings(s)) == 0
	}
	r := evidence.with_tenant(
		{
			"status": "pass",
			"resource": sprintf("%s/namespace/%s", [source, ns]),
			"message": sprintf("every image of the %s in namespace %s is pinned by digest or from an allowed registry, none tagged latest", [human.counted(count(specs), "workload", "workloads"), ns]),
			"expected": _expected,
			"measured": sprintf("images: %s", [human.list({i.image | some s in specs; some i in s.images})]),
			"refs": evidence.refs(specs),
			"facts": {"namespace": ns, "workloads": count(specs)},
		},
		kubernetes.tenant(source, ns, specs),
	)
}

results contains r if {
	some [source, ns], specs in kubernetes.pod_specs
	some s in specs
	is_array(s.images)
	findings := _findings(s)
	count(findings) > 0
	text := concat("; ", [sprintf("%s %s: %s%s", [f.field, f.image, f.problem, _from_pod(f)]) | some f in findings])
	r := evidence.with_tenant(
		{
			"status": "fail",
			"resource": kubernetes.spec_resource(source, s),
			"message": sprintf("%s%s runs images of unknown provenance: %s", [kubernetes.spec_name(s), kubernetes.spec_pods(s), text]),
			"expected": _expected,
			"measured": sprintf("allowed registries: %s; %s", [human.list(_registries), text]),
			"refs": array.concat(evidence.ref(s), sort({f.ref | some f in findings; is_string(f.ref); f.ref != ""})),
			"facts": {"workload": s.workload, "kind": s.kind, "pods": object.get(s, "pods", 0), "images": [object.filter(f, ["container", "field", "image", "registry", "problem", "pod"]) | some f in findings]},
		},
		object.get(s, "tenant", ""),
	)
}

results contains r if {
	some [source, ns], specs in kubernetes.pod_specs
	some s in specs
	not is_array(s.images)
	r := evidence.with_tenant(
		{
			"status": "no-evidence",
			"resource": kubernetes.spec_resource(source, s),
			"message": sprintf("%s: the images were not recorded", [kubernetes.spec_name(s)]),
			"expected": _expected,
			"measured": "unknown",
			"refs": evidence.ref(s),
			"facts": {"workload": s.workload},
		},
		object.get(s, "tenant", ""),
	)
}

_findings(s) := [object.union(i, {"problem": p}) |
	some i in s.images
	p := _problem(i)
]

_problem(i) := "no tag, so the runtime pulls latest" if {
	i.digest == ""
	i.tag == ""
} else := "tag latest without digest" if {
	i.digest == ""
	i.tag == "latest"
} else := concat("", ["not pinned by digest, registry ", i.registry, " not allowed"]) if {
	i.digest == ""
	not _allowed(i)
}

_allowed(i) if i.registry in _hosts

_allowed(i) if {
	path := concat("/", [i.registry, i.repository])
	some prefix in _paths
	startswith(path, prefix)
}

_from_pod(f) := sprintf(" (pod %s)", [f.pod]) if {
	is_string(f.pod)
	f.pod != ""
} else := ""

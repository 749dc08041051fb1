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
#   messages:
#     expected:
#       de: "jedes Image per Digest fixiert oder aus einer zugelassenen Registry, kein Image ohne Digest mit Tag latest oder ohne Tag"
#       en: "every image pinned by digest or from an allowed registry, and no image without digest tagged latest or untagged"
#     clean:
#       de: "Namespace {namespace}: jedes Image in {workloads:count:Workload:Workloads} ist per Digest fixiert oder stammt aus einer zugelassenen Registry, keines trägt den Tag latest"
#       en: "namespace {namespace}: every image in {workloads:count:workload:workloads} is pinned by digest or from an allowed registry, none tagged latest"
#     measured_images:
#       de: "Images: {images:list}"
#       en: "images: {images:list}"
#     findings:
#       de: "{spec:msg} führt Images unbekannter Herkunft aus: {findings:msgs}"
#       en: "{spec:msg} runs images of unknown provenance: {findings:msgs}"
#     measured_findings:
#       de: "zugelassene Registrys: {registries:list}; {findings:msgs}"
#       en: "allowed registries: {registries:list}; {findings:msgs}"
#     untagged:
#       de: "{field} {image}: ohne Tag, die Laufzeitumgebung lädt latest"
#       en: "{field} {image}: no tag, so the runtime pulls latest"
#     latest:
#       de: "{field} {image}: Tag latest ohne Digest"
#       en: "{field} {image}: tag latest without digest"
#     registry_not_allowed:
#       de: "{field} {image}: nicht per Digest fixiert, Registry {registry} nicht zugelassen"
#       en: "{field} {image}: not pinned by digest, registry {registry} not allowed"
#     of_pod:
#       de: "{finding:msg} (Pod {pod})"
#       en: "{finding:msg} (pod {pod})"
#     images:
#       de: "Images"
#       en: "images"
package nachweis.kubernetes.image_provenance

import data.nachweis.lib.evidence
import data.nachweis.lib.kubernetes
import data.nachweis.lib.messages

_expected := messages.plain("expected")

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
			"message": messages.msg("clean", {"namespace": ns, "workloads": count(specs)}),
			"expected": _expected,
			"measured": messages.msg("measured_images", {"images": sort({i.image | some s in specs; some i in s.images})}),
			"refs": evidence.refs(specs),
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
	texts := [_finding_text(f) | some f in findings]
	r := evidence.with_tenant(
		{
			"status": "fail",
			"resource": kubernetes.spec_resource(source, s),
			"message": messages.msg("findings", {"spec": kubernetes.spec_name(s), "findings": texts}),
			"expected": _expected,
			"measured": messages.msg("measured_findings", {"registries": _registries, "findings": texts}),
			"refs": array.concat(evidence.ref(s), sort({f.ref | some f in findings; is_string(f.ref); f.ref != ""})),
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
			"message": messages.msg("pod_spec_not_recorded", {"spec": kubernetes.spec_name(s), "label": messages.plain("images")}),
			"expected": _expected,
			"measured": messages.plain("unknown"),
			"refs": evidence.ref(s),
		},
		object.get(s, "tenant", ""),
	)
}

_findings(s) := [object.union(i, {"problem": p}) |
	some i in s.images
	p := _problem(i)
]

# _problem is the message of an image of unknown provenance; undefined
# for an image that is fine.
_problem(i) := messages.msg("untagged", {"field": i.field, "image": i.image}) if {
	i.digest == ""
	i.tag == ""
} else := messages.msg("latest", {"field": i.field, "image": i.image}) if {
	i.digest == ""
	i.tag == "latest"
} else := messages.msg("registry_not_allowed", {"field": i.field, "image": i.image, "registry": i.registry}) if {
	i.digest == ""
	not _allowed(i)
}

_allowed(i) if i.registry in _hosts

_allowed(i) if {
	path := concat("/", [i.registry, i.repository])
	some prefix in _paths
	startswith(path, prefix)
}

# _finding_text names the pod that showed an image its template does not.
_finding_text(f) := messages.msg("of_pod", {"finding": f.problem, "pod": f.pod}) if {
	is_string(f.pod)
	f.pod != ""
} else := f.problem

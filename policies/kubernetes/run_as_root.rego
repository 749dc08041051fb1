# METADATA
# title: No containers that may run as root in tenant pods
# description: No in-scope pod has a container whose effective runAsNonRoot is not true and whose effective runAsUser is 0 or unset, container settings overriding the pod's securityContext; such a container runs as root, or as whatever user its image names. A namespace whose in-scope pods all pass passes as a whole; each pod with such a container fails on its own. A pod whose list of these containers was not projected is reported as missing evidence.
# custom:
#   id: K8S-POD-04
#   severity: medium
#   measures: [TOM-ZGR-02]
#   requires: [kubernetes.pods]
#   title_de: Keine Container in Mandanten-Pods, die als root laufen können
#   description_de: Kein Pod im Geltungsbereich hat einen Container, dessen wirksames runAsNonRoot nicht true und dessen wirksames runAsUser 0 oder nicht gesetzt ist, wobei Container-Einstellungen den securityContext des Pods überschreiben; ein solcher Container läuft als root oder als der Benutzer, den sein Image nennt. Ein Namespace, dessen Pods im Geltungsbereich alle erfüllt sind, ist als Ganzes erfüllt; jeder Pod mit einem solchen Container ist einzeln nicht erfüllt. Fehlt für einen Pod die Liste dieser Container, gilt dies als fehlender Nachweis.
package nachweis.kubernetes.run_as_root

import data.nachweis.lib.evidence
import data.nachweis.lib.human
import data.nachweis.lib.kubernetes

_expected := "every container with runAsNonRoot true or a non-zero runAsUser"

results contains r if {
	some source, src in input.kubernetes
	r := kubernetes.missing_result(source, src, ["pods"], _expected)
}

results contains r if {
	some [source, ns], pods in kubernetes.pods_by_namespace
	every pod in pods {
		_clean(pod)
	}
	r := evidence.with_tenant(
		{
			"status": "pass",
			"resource": sprintf("%s/namespace/%s", [source, ns]),
			"message": sprintf("all containers of the %s in namespace %s run as non-root (runAsNonRoot true or a non-zero runAsUser)", [human.counted(count(pods), "in-scope pod", "in-scope pods"), ns]),
			"expected": _expected,
			"measured": "containers that may run as root: none",
			"refs": evidence.refs(pods),
		},
		kubernetes.tenant(source, ns, pods),
	)
}

results contains r if {
	some [source, ns], pods in kubernetes.pods_by_namespace
	some pod in pods
	not _clean(pod)
	name := sprintf("%s/%s", [ns, pod.name])
	v := _verdict(name, object.get(pod, "run_as_root_containers", null))
	r := evidence.with_tenant(
		{
			"status": v.status,
			"resource": sprintf("%s/pod/%s", [source, name]),
			"message": v.message,
			"expected": _expected,
			"measured": v.measured,
			"refs": evidence.ref(pod),
		},
		object.get(pod, "tenant", ""),
	)
}

_clean(pod) if {
	is_array(pod.run_as_root_containers)
	count(pod.run_as_root_containers) == 0
}

_verdict(name, containers) := {
	"status": "no-evidence",
	"message": sprintf("pod %s: the containers that may run as root were not recorded", [name]),
	"measured": "unknown",
} if {
	not is_array(containers)
} else := {
	"status": "fail",
	"message": sprintf("pod %s has containers that may run as root (runAsNonRoot not true, runAsUser 0 or unset): %s", [name, human.list(containers)]),
	"measured": sprintf("containers that may run as root: %s", [human.list(containers)]),
}

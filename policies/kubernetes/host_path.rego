# METADATA
# title: No hostPath volumes in tenant pods
# description: No in-scope pod mounts a hostPath volume. A namespace whose in-scope pods all mount no hostPath volume passes as a whole; each pod with a hostPath volume fails on its own. A pod whose list of hostPath volumes was not projected is reported as missing evidence.
# custom:
#   id: K8S-POD-02
#   severity: high
#   measures: [TOM-ZGR-02]
#   requires: [kubernetes.pods]
#   title_de: Keine hostPath-Volumes in Mandanten-Pods
#   description_de: Kein Pod im Geltungsbereich bindet ein hostPath-Volume ein. Ein Namespace, dessen Pods im Geltungsbereich alle kein hostPath-Volume einbinden, ist als Ganzes erfüllt; jeder Pod mit hostPath-Volume ist einzeln nicht erfüllt. Fehlt für einen Pod die Liste der hostPath-Volumes, gilt dies als fehlender Nachweis.
package nachweis.kubernetes.host_path

import data.nachweis.lib.evidence
import data.nachweis.lib.human
import data.nachweis.lib.kubernetes

_expected := "no hostPath volume"

results contains r if {
	some source, src in input.kubernetes
	evidence.missing(src, "pods")
	r := {
		"status": "no-evidence",
		"resource": source,
		"message": sprintf("Kubernetes source %s cannot be assessed: %s", [source, evidence.reason(src, "pods")]),
		"expected": _expected,
		"refs": [],
	}
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
			"message": sprintf("none of the %s in namespace %s mounts a hostPath volume", [human.counted(count(pods), "in-scope pod", "in-scope pods"), ns]),
			"expected": _expected,
			"measured": "hostPath volumes: none",
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
	v := _verdict(name, object.get(pod, "host_path_volumes", null))
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
	is_array(pod.host_path_volumes)
	count(pod.host_path_volumes) == 0
}

_verdict(name, volumes) := {
	"status": "no-evidence",
	"message": sprintf("pod %s: the hostPath volumes were not recorded", [name]),
	"measured": "unknown",
} if {
	not is_array(volumes)
} else := {
	"status": "fail",
	"message": sprintf("pod %s mounts hostPath volumes: %s", [name, human.list(volumes)]),
	"measured": sprintf("hostPath volumes: %s", [human.list(volumes)]),
}

# METADATA
# title: No hostPath volumes in tenant pods
# description: No in-scope pod mounts a hostPath volume. A pod whose list of hostPath volumes was not projected is reported as missing evidence.
# custom:
#   id: K8S-POD-02
#   severity: high
#   measures: [TOM-ZGR-02]
#   requires: [kubernetes.pods]
#   title_de: Keine hostPath-Volumes in Mandanten-Pods
#   description_de: Kein Pod im Geltungsbereich bindet ein hostPath-Volume ein. Fehlt für einen Pod die Liste der hostPath-Volumes, gilt dies als fehlender Nachweis.
package nachweis.kubernetes.host_path

import data.nachweis.lib.evidence
import data.nachweis.lib.human

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
	some source, src in input.kubernetes
	not evidence.missing(src, "pods")
	some pod in src.pods
	pod.in_scope == true
	name := sprintf("%s/%s", [pod.namespace, pod.name])
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
} if {
	count(volumes) > 0
} else := {
	"status": "pass",
	"message": sprintf("pod %s mounts no hostPath volume", [name]),
	"measured": "hostPath volumes: none",
}

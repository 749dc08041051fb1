# METADATA
# title: No privileged containers in tenant pods
# description: No in-scope pod runs a privileged container. A pod whose list of privileged containers was not projected is reported as missing evidence.
# custom:
#   id: K8S-POD-01
#   severity: high
#   measures: [TOM-ZGR-02]
#   requires: [kubernetes.pods]
#   title_de: Keine privilegierten Container in Mandanten-Pods
#   description_de: Kein Pod im Geltungsbereich führt einen privilegierten Container aus. Fehlt für einen Pod die Liste der privilegierten Container, gilt dies als fehlender Nachweis.
package nachweis.kubernetes.privileged_pods

import data.nachweis.lib.evidence
import data.nachweis.lib.human

_expected := "no privileged container"

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
	v := _verdict(name, object.get(pod, "privileged_containers", null))
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

_verdict(name, containers) := {
	"status": "no-evidence",
	"message": sprintf("pod %s: the privileged containers were not recorded", [name]),
	"measured": "unknown",
} if {
	not is_array(containers)
} else := {
	"status": "fail",
	"message": sprintf("pod %s runs privileged containers: %s", [name, human.list(containers)]),
	"measured": sprintf("privileged containers: %s", [human.list(containers)]),
} if {
	count(containers) > 0
} else := {
	"status": "pass",
	"message": sprintf("pod %s runs no privileged container", [name]),
	"measured": "privileged containers: none",
}

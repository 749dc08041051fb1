# METADATA
# title: No privileged containers in tenant pods
# description: No in-scope pod runs a privileged container. A namespace whose in-scope pods all run without privileged containers passes as a whole; each pod with a privileged container fails on its own. A pod whose list of privileged containers was not projected is reported as missing evidence.
# custom:
#   id: K8S-POD-01
#   severity: high
#   measures: [TOM-ZGR-02]
#   requires: [kubernetes.pods]
#   title_de: Keine privilegierten Container in Mandanten-Pods
#   description_de: Kein Pod im Geltungsbereich führt einen privilegierten Container aus. Ein Namespace, dessen Pods im Geltungsbereich alle ohne privilegierte Container laufen, ist als Ganzes erfüllt; jeder Pod mit privilegiertem Container ist einzeln nicht erfüllt. Fehlt für einen Pod die Liste der privilegierten Container, gilt dies als fehlender Nachweis.
package nachweis.kubernetes.privileged_pods

import data.nachweis.lib.evidence
import data.nachweis.lib.human
import data.nachweis.lib.kubernetes

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
	some [source, ns], pods in kubernetes.pods_by_namespace
	every pod in pods {
		_clean(pod)
	}
	r := evidence.with_tenant(
		{
			"status": "pass",
			"resource": sprintf("%s/namespace/%s", [source, ns]),
			"message": sprintf("none of the %s in namespace %s runs a privileged container", [human.counted(count(pods), "in-scope pod", "in-scope pods"), ns]),
			"expected": _expected,
			"measured": "privileged containers: none",
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

_clean(pod) if {
	is_array(pod.privileged_containers)
	count(pod.privileged_containers) == 0
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
}

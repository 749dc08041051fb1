# METADATA
# title: No host namespaces in tenant pods
# description: No in-scope pod sets hostNetwork, hostPID or hostIPC. A namespace whose in-scope pods all use no host namespace passes as a whole; each pod using one fails on its own. A pod for which one of these fields was not projected as true or false is reported as missing evidence.
# custom:
#   id: K8S-POD-03
#   severity: high
#   measures: [TOM-ZGR-02]
#   requires: [kubernetes.pods]
#   title_de: Keine Host-Namespaces in Mandanten-Pods
#   description_de: Kein Pod im Geltungsbereich setzt hostNetwork, hostPID oder hostIPC. Ein Namespace, dessen Pods im Geltungsbereich alle keinen Host-Namespace nutzen, ist als Ganzes erfüllt; jeder Pod, der einen nutzt, ist einzeln nicht erfüllt. Ist eines dieser Felder für einen Pod nicht als true oder false erfasst, gilt dies als fehlender Nachweis.
package nachweis.kubernetes.host_namespaces

import data.nachweis.lib.evidence
import data.nachweis.lib.human
import data.nachweis.lib.kubernetes

_expected := "hostNetwork, hostPID and hostIPC not set"

# projected field -> name in the pod spec
_fields := {"host_network": "hostNetwork", "host_pid": "hostPID", "host_ipc": "hostIPC"}

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
			"message": sprintf("none of the %s in namespace %s uses a host namespace (hostNetwork, hostPID and hostIPC are false)", [human.counted(count(pods), "in-scope pod", "in-scope pods"), ns]),
			"expected": _expected,
			"measured": "set: none",
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
	unknown := [spec | some field, spec in _fields; not is_boolean(object.get(pod, field, null))]
	used := [spec | some field, spec in _fields; object.get(pod, field, null) == true]
	v := _verdict(name, unknown, used)
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
	pod.host_network == false
	pod.host_pid == false
	pod.host_ipc == false
}

# A host namespace that is known to be used fails even when another field is
# unknown.
_verdict(name, unknown, used) := {
	"status": "fail",
	"message": sprintf("pod %s uses host namespaces: %s", [name, human.list(used)]),
	"measured": sprintf("set: %s", [human.list(used)]),
} if {
	count(used) > 0
} else := {
	"status": "no-evidence",
	"message": sprintf("pod %s: %s not recorded", [name, human.list(unknown)]),
	"measured": sprintf("unknown: %s", [human.list(unknown)]),
}

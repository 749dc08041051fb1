# METADATA
# title: No host namespaces in tenant workloads
# description: No in-scope workload sets hostNetwork, hostPID or hostIPC. A workload is the pod template of a Deployment, StatefulSet, DaemonSet, CronJob, a ReplicaSet without its Deployment or a Job without its CronJob, whether or not pods run, or a pod not made by one of them; a pod of such a controller is reported through it, with what it adds to the template. A namespace whose workloads all pass passes as a whole; each failing workload is named with its containers and fields. Without pods and workloads evidence the source is not assessed.
# custom:
#   id: K8S-POD-03
#   severity: high
#   measures: [TOM-ZGR-02]
#   requires: [kubernetes.pods, kubernetes.workloads]
#   title_de: Keine Host-Namespaces in Mandanten-Workloads
#   description_de: Kein Workload im Geltungsbereich setzt hostNetwork, hostPID oder hostIPC. Ein Workload ist das Pod-Template eines Deployments, StatefulSets, DaemonSets, CronJobs, eines ReplicaSets ohne sein Deployment oder eines Jobs ohne seinen CronJob, ob Pods laufen oder nicht, oder ein Pod, den keiner von ihnen erzeugt hat; ein Pod eines solchen Controllers wird über diesen bewertet, mit dem, was er dem Template hinzufügt. Ein Namespace, dessen Workloads alle erfüllt sind, ist als Ganzes erfüllt; jeder nicht erfüllte Workload wird mit Containern und Feldern genannt. Ohne Nachweis zu Pods und Workloads wird die Quelle nicht bewertet.
#   messages:
#     expected:
#       de: "hostNetwork, hostPID und hostIPC nicht gesetzt"
#       en: "hostNetwork, hostPID and hostIPC not set"
#     clean:
#       de: "Namespace {namespace}: kein Host-Namespace in {workloads:count:Workload:Workloads} (hostNetwork, hostPID und hostIPC sind false)"
#       en: "namespace {namespace}: no host namespace in {workloads:count:workload:workloads} (hostNetwork, hostPID and hostIPC are false)"
#     found:
#       de: "nutzt Host-Namespaces"
#       en: "uses host namespaces"
#     label:
#       de: "Host-Namespaces"
#       en: "host namespaces"
package nachweis.kubernetes.host_namespaces

import data.nachweis.lib.kubernetes
import data.nachweis.lib.messages

results contains r if {
	some r in kubernetes.spec_results("host_namespaces", {
		"expected": messages.plain("expected"),
		"clean": "clean",
		"found": messages.plain("found"),
		"label": messages.plain("label"),
	})
}

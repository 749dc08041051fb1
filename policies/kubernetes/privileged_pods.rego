# METADATA
# title: No privileged containers in tenant workloads
# description: No in-scope workload runs a privileged container - securityContext.privileged true, an added capability that reaches beyond the container (ALL, BPF, DAC_READ_SEARCH, MAC_ADMIN, MAC_OVERRIDE, NET_ADMIN, PERFMON, SYS_ADMIN, SYS_BOOT, SYS_MODULE, SYS_PTRACE, SYS_RAWIO) or a Windows host process. A workload is the pod template of a Deployment, StatefulSet, DaemonSet, CronJob, a ReplicaSet without its Deployment or a Job without its CronJob, whether or not pods run, or a pod not made by one of them; a pod of such a controller is reported through it, with what it adds to the template. A namespace whose workloads all pass passes as a whole; each failing workload is named with its containers and fields. Without pods and workloads evidence the source is not assessed.
# custom:
#   id: K8S-POD-01
#   severity: high
#   measures: [TOM-ZGR-02]
#   requires: [kubernetes.pods, kubernetes.workloads]
#   title_de: Keine privilegierten Container in Mandanten-Workloads
#   description_de: Kein Workload im Geltungsbereich führt einen privilegierten Container aus - securityContext.privileged true, eine hinzugefügte Capability, die über den Container hinausreicht (ALL, BPF, DAC_READ_SEARCH, MAC_ADMIN, MAC_OVERRIDE, NET_ADMIN, PERFMON, SYS_ADMIN, SYS_BOOT, SYS_MODULE, SYS_PTRACE, SYS_RAWIO), oder ein Windows-Host-Prozess. Ein Workload ist das Pod-Template eines Deployments, StatefulSets, DaemonSets, CronJobs, eines ReplicaSets ohne sein Deployment oder eines Jobs ohne seinen CronJob, ob Pods laufen oder nicht, oder ein Pod, den keiner von ihnen erzeugt hat; ein Pod eines solchen Controllers wird über diesen bewertet, mit dem, was er dem Template hinzufügt. Ein Namespace, dessen Workloads alle erfüllt sind, ist als Ganzes erfüllt; jeder nicht erfüllte Workload wird mit Containern und Feldern genannt. Ohne Nachweis zu Pods und Workloads wird die Quelle nicht bewertet.
#   messages:
#     expected:
#       de: "kein privilegierter Container, keine hinzugefügte Capability, die über den Container hinausreicht, kein Windows-Host-Prozess"
#       en: "no privileged container, no added capability that reaches beyond the container, no Windows host process"
#     clean:
#       de: "Namespace {namespace}: kein privilegierter Container in {workloads:count:Workload:Workloads}"
#       en: "namespace {namespace}: no privileged container in {workloads:count:workload:workloads}"
#     found:
#       de: "führt privilegierte Container aus"
#       en: "runs privileged containers"
#     label:
#       de: "Privilegierte Einstellungen"
#       en: "privileged settings"
package nachweis.kubernetes.privileged_pods

import data.nachweis.lib.kubernetes
import data.nachweis.lib.messages

results contains r if {
	some r in kubernetes.spec_results("privileged", {
		"expected": messages.plain("expected"),
		"clean": "clean",
		"found": messages.plain("found"),
		"label": messages.plain("label"),
	})
}

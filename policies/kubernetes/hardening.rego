# METADATA
# title: Hardened containers in tenant workloads
# description: Every container of every in-scope workload sets allowPrivilegeEscalation false, runs with the seccomp profile RuntimeDefault or Localhost (its own, or the pod's) and has a read-only root file system (readOnlyRootFilesystem true) - the container settings of the Pod Security Standard restricted beyond those of K8S-POD-01 to K8S-POD-04. A workload is the pod template of a Deployment, StatefulSet, DaemonSet, CronJob, a ReplicaSet without its Deployment or a Job without its CronJob, whether or not pods run, or a pod not made by one of them; a pod of such a controller is reported through it, with what it adds to the template. A namespace whose workloads all pass passes as a whole; each failing workload is named with its containers and fields. Without pods and workloads evidence the source is not assessed.
# custom:
#   id: K8S-POD-05
#   severity: medium
#   measures: [TOM-VER-14]
#   requires: [kubernetes.pods, kubernetes.workloads]
#   title_de: Gehärtete Container in Mandanten-Workloads
#   description_de: Jeder Container jedes Workloads im Geltungsbereich setzt allowPrivilegeEscalation auf false, läuft mit dem seccomp-Profil RuntimeDefault oder Localhost (eigenes oder das des Pods) und hat ein schreibgeschütztes Root-Dateisystem (readOnlyRootFilesystem true) - die Container-Einstellungen des Pod Security Standard restricted über die von K8S-POD-01 bis K8S-POD-04 hinaus. Ein Workload ist das Pod-Template eines Deployments, StatefulSets, DaemonSets, CronJobs, eines ReplicaSets ohne sein Deployment oder eines Jobs ohne seinen CronJob, ob Pods laufen oder nicht, oder ein Pod, den keiner von ihnen erzeugt hat; ein Pod eines solchen Controllers wird über diesen bewertet, mit dem, was er dem Template hinzufügt. Ein Namespace, dessen Workloads alle erfüllt sind, ist als Ganzes erfüllt; jeder nicht erfüllte Workload wird mit Containern und Feldern genannt. Ohne Nachweis zu Pods und Workloads wird die Quelle nicht bewertet.
#   messages:
#     expected:
#       de: "allowPrivilegeEscalation false, Seccomp-Profil RuntimeDefault oder Localhost und readOnlyRootFilesystem true in jedem Container"
#       en: "allowPrivilegeEscalation false, seccomp profile RuntimeDefault or Localhost, readOnlyRootFilesystem true in every container"
#     clean:
#       de: "Namespace {namespace}: alle Container in {workloads:count:Workload:Workloads} verbieten die Rechteausweitung und nutzen das Seccomp-Profil RuntimeDefault oder Localhost sowie ein schreibgeschütztes Root-Dateisystem"
#       en: "namespace {namespace}: all containers in {workloads:count:workload:workloads} forbid privilege escalation, use the seccomp profile RuntimeDefault or Localhost and a read-only root file system"
#     found:
#       de: "hat nicht gehärtete Container"
#       en: "has containers that are not hardened"
#     label:
#       de: "Ungehärtete Einstellungen"
#       en: "settings short of hardening"
package nachweis.kubernetes.hardening

import data.nachweis.lib.kubernetes
import data.nachweis.lib.messages

results contains r if {
	some r in kubernetes.spec_results("hardening", {
		"expected": messages.plain("expected"),
		"clean": "clean",
		"found": messages.plain("found"),
		"label": messages.plain("label"),
	})
}

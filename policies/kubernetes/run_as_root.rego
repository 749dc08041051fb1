# METADATA
# title: No containers that may run as root in tenant workloads
# description: No in-scope workload has a container whose effective runAsNonRoot is not true and whose effective runAsUser is 0 or unset, or whose effective runAsGroup is 0, container settings overriding the pod's securityContext; such a container runs as root, or as whatever user its image names. A workload is the pod template of a Deployment, StatefulSet, DaemonSet, CronJob, a ReplicaSet without its Deployment or a Job without its CronJob, whether or not pods run, or a pod not made by one of them; a pod of such a controller is reported through it, with what it adds to the template. A namespace whose workloads all pass passes as a whole; each failing workload is named with its containers and fields. Without pods and workloads evidence the source is not assessed.
# custom:
#   id: K8S-POD-04
#   severity: medium
#   measures: [TOM-ZGR-02]
#   requires: [kubernetes.pods, kubernetes.workloads]
#   title_de: Keine Container in Mandanten-Workloads, die als root laufen können
#   description_de: Kein Workload im Geltungsbereich hat einen Container, dessen wirksames runAsNonRoot nicht true und dessen wirksames runAsUser 0 oder nicht gesetzt ist, oder dessen wirksames runAsGroup 0 ist, wobei Container-Einstellungen den securityContext des Pods überschreiben; ein solcher Container läuft als root oder als der Benutzer, den sein Image nennt. Ein Workload ist das Pod-Template eines Deployments, StatefulSets, DaemonSets, CronJobs, eines ReplicaSets ohne sein Deployment oder eines Jobs ohne seinen CronJob, ob Pods laufen oder nicht, oder ein Pod, den keiner von ihnen erzeugt hat; ein Pod eines solchen Controllers wird über diesen bewertet, mit dem, was er dem Template hinzufügt. Ein Namespace, dessen Workloads alle erfüllt sind, ist als Ganzes erfüllt; jeder nicht erfüllte Workload wird mit Containern und Feldern genannt. Ohne Nachweis zu Pods und Workloads wird die Quelle nicht bewertet.
#   messages:
#     expected:
#       de: "jeder Container mit runAsNonRoot true oder einer runAsUser ungleich 0 und einer runAsGroup ungleich 0"
#       en: "every container with runAsNonRoot true or a non-zero runAsUser, and a runAsGroup other than 0"
#     clean:
#       de: "Namespace {namespace}: alle Container in {workloads:count:Workload:Workloads} laufen nicht als root (runAsNonRoot true oder runAsUser ungleich 0) und nicht in Gruppe 0"
#       en: "namespace {namespace}: all containers in {workloads:count:workload:workloads} run as non-root (runAsNonRoot true or a non-zero runAsUser) and not in group 0"
#     found:
#       de: "hat Container, die als root laufen können"
#       en: "has containers that may run as root"
#     label:
#       de: "Root-Einstellungen"
#       en: "root settings"
package nachweis.kubernetes.run_as_root

import data.nachweis.lib.kubernetes
import data.nachweis.lib.messages

results contains r if {
	some r in kubernetes.spec_results("run_as_root", {
		"expected": messages.plain("expected"),
		"clean": "clean",
		"found": messages.plain("found"),
		"label": messages.plain("label"),
	})
}

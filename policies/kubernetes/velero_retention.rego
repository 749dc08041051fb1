# METADATA
# title: Velero schedules keep backups for the declared retention
# description: The TTL of every active Velero Schedule (not paused, not failed validation) equals the declared Velero retention (params.velero_retention_s), so each backup is kept exactly as long as declared. Without a declared retention, and for a schedule without TTL (the server's default applies, which the evidence does not show), the result is missing evidence. A cluster without Velero's CRDs has no Velero evidence and is reported as missing evidence.
# custom:
#   id: K8S-VEL-03
#   severity: medium
#   measures: [TOM-VER-15]
#   requires: [kubernetes.velero_schedules]
#   title_de: Velero-Zeitpläne bewahren Sicherungen so lange auf wie festgelegt
#   description_de: Die TTL jedes aktiven Velero-Schedules (nicht pausiert, Validierung bestanden) entspricht der festgelegten Velero-Aufbewahrung (params.velero_retention_s), sodass jede Sicherung genau so lange aufbewahrt wird wie festgelegt. Ohne festgelegte Aufbewahrung und für einen Schedule ohne TTL (dann gilt die Vorgabe des Servers, die der Nachweis nicht zeigt) gilt dies als fehlender Nachweis. Ein Cluster ohne Veleros CRDs hat keinen Velero-Nachweis; das gilt als fehlender Nachweis.
package nachweis.kubernetes.velero_retention

import data.nachweis.lib.evidence
import data.nachweis.lib.human
import data.nachweis.lib.kubernetes

_declared := s if {
	s := input.params.velero_retention_s
	is_number(s)
	s > 0
} else := null

_expected := sprintf("schedule TTL equals the declared retention (%s)", [_declared_text])

_declared_text := human.duration(_declared) if _declared != null

else := "not declared"

results contains r if {
	some source, src in input.kubernetes
	r := kubernetes.missing_result(source, src, ["velero_schedules"], _expected)
}

results contains r if {
	some source, src in input.kubernetes
	not evidence.missing(src, "velero_schedules")
	some s in src.velero_schedules
	s.paused != true
	s.phase != "FailedValidation"
	name := kubernetes.qualified(s)
	ttl := object.get(s, "ttl_s", null)
	v := _verdict(name, ttl)
	r := {
		"status": v.status,
		"resource": sprintf("%s/velero/schedule/%s", [source, name]),
		"message": v.message,
		"expected": _expected,
		"measured": sprintf("TTL %s", [_ttl_text(ttl)]),
		"refs": evidence.ref(s),
	}
}

_verdict(name, ttl) := {
	"status": "no-evidence",
	"message": sprintf("Velero Schedule %s cannot be assessed: no Velero retention is declared (params.velero_retention_s)", [name]),
} if {
	_declared == null
} else := {
	"status": "no-evidence",
	"message": sprintf("Velero Schedule %s sets no TTL, so the server's default TTL applies, which the evidence does not show", [name]),
} if {
	not is_number(ttl)
} else := {
	"status": "fail",
	"message": sprintf("Velero Schedule %s keeps backups for %s, the declared retention is %s", [name, human.duration(ttl), human.duration(_declared)]),
} if {
	ttl != _declared
} else := {
	"status": "pass",
	"message": sprintf("Velero Schedule %s keeps backups for the declared %s", [name, human.duration(ttl)]),
}

_ttl_text(ttl) := human.duration(ttl) if is_number(ttl)

else := "not set (server default)"

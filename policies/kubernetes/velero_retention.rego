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
#   messages:
#     expected:
#       de: "TTL des Schedules gleich der erklärten Aufbewahrung ({declared:msg})"
#       en: "schedule TTL equals the declared retention ({declared:msg})"
#     duration:
#       de: "{s:duration}"
#       en: "{s:duration}"
#     not_declared:
#       de: "nicht erklärt"
#       en: "not declared"
#     measured:
#       de: "TTL {ttl:msg}"
#       en: "TTL {ttl:msg}"
#     ttl_unset:
#       de: "nicht gesetzt (Standardwert des Servers)"
#       en: "not set (server default)"
#     no_retention:
#       de: "Velero-Schedule {name} kann nicht bewertet werden: Es ist keine Velero-Aufbewahrung erklärt (params.velero_retention_s)"
#       en: "Velero Schedule {name} cannot be assessed: no Velero retention is declared (params.velero_retention_s)"
#     no_ttl:
#       de: "Velero-Schedule {name} setzt keine TTL, daher gilt die Standard-TTL des Servers, die der Nachweis nicht zeigt"
#       en: "Velero Schedule {name} sets no TTL, so the server's default TTL applies, which the evidence does not show"
#     differs:
#       de: "Velero-Schedule {name} bewahrt Backups {ttl_s:duration} auf, die erklärte Aufbewahrung beträgt {declared_s:duration}"
#       en: "Velero Schedule {name} keeps backups for {ttl_s:duration}, the declared retention is {declared_s:duration}"
#     pass:
#       de: "Velero-Schedule {name} bewahrt Backups so lange auf wie erklärt: {ttl_s:duration}"
#       en: "Velero Schedule {name} keeps backups for the declared {ttl_s:duration}"
package nachweis.kubernetes.velero_retention

import data.nachweis.lib.evidence
import data.nachweis.lib.kubernetes
import data.nachweis.lib.messages

_declared := s if {
	s := input.params.velero_retention_s
	is_number(s)
	s > 0
} else := null

_expected := messages.msg("expected", {"declared": _declared_text})

_declared_text := messages.msg("duration", {"s": _declared}) if _declared != null

else := messages.plain("not_declared")

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
		"measured": messages.msg("measured", {"ttl": _ttl_text(ttl)}),
		"refs": evidence.ref(s),
	}
}

_verdict(name, ttl) := {
	"status": "no-evidence",
	"message": messages.msg("no_retention", {"name": name}),
} if {
	_declared == null
} else := {
	"status": "no-evidence",
	"message": messages.msg("no_ttl", {"name": name}),
} if {
	not is_number(ttl)
} else := {
	"status": "fail",
	"message": messages.msg("differs", {"name": name, "ttl_s": ttl, "declared_s": _declared}),
} if {
	ttl != _declared
} else := {
	"status": "pass",
	"message": messages.msg("pass", {"name": name, "ttl_s": ttl}),
}

_ttl_text(ttl) := messages.msg("duration", {"s": ttl}) if is_number(ttl)

else := messages.plain("ttl_unset")

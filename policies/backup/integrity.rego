# METADATA
# title: Backup repository integrity is checked regularly
# description: For every backup repository the last integrity check (e.g. restic check, borg check) is known, succeeded and ran within the integrity maximum age. A repository without integrity evidence is reported as missing evidence. A successful check whose time is unknown (restic check output imported without --collected-at) or dated more than 5 minutes after the evaluation time is reported as missing evidence; a failed check fails.
# custom:
#   id: BAK-INT-01
#   severity: medium
#   measures: [TOM-VER-06]
#   requires: [backup.integrity]
#   title_de: Integrität der Backup-Repositorys wird regelmäßig geprüft
#   description_de: Für jedes Backup-Repository ist die letzte Integritätsprüfung (z. B. restic check, borg check) bekannt, erfolgreich und lag innerhalb des maximalen Alters für Integritätsprüfungen. Ein Repository ohne Integritätsnachweis gilt als fehlender Nachweis. Eine erfolgreiche Prüfung, deren Zeitpunkt unbekannt ist (restic-check-Ausgabe ohne --collected-at importiert) oder mehr als 5 Minuten nach dem Auswertungszeitpunkt liegt, gilt als fehlender Nachweis; eine fehlgeschlagene Prüfung gilt als nicht erfüllt.
#   messages:
#     expected:
#       de: "erfolgreiche Integritätsprüfung, nicht älter als {limit_s:duration}"
#       en: "successful integrity check within the last {limit_s:duration}"
#     expected_unset:
#       de: "erfolgreiche Integritätsprüfung innerhalb des konfigurierten Höchstalters"
#       en: "successful integrity check within the configured maximum age"
#     result_unknown:
#       de: "Repository {name}: Das Ergebnis der letzten Integritätsprüfung ist unbekannt"
#       en: "repository {name}: the result of the last integrity check is unknown"
#     failed:
#       de: "Repository {name}: Die letzte Integritätsprüfung ({when:msg}) hat Fehler gefunden: {detail:msg}"
#       en: "repository {name}: the last integrity check {when:msg} found errors: {detail:msg}"
#     measured_failed:
#       de: "fehlgeschlagen ({when:msg})"
#       en: "failed {when:msg}"
#     time_unknown:
#       de: "Repository {name}: Der Zeitpunkt der letzten Integritätsprüfung ist unbekannt (z. B. Ausgabe von restic check ohne --collected-at importiert), daher belegt sie keine aktuelle Prüfung"
#       en: "repository {name}: the time of the last integrity check is unknown (e.g. restic check output imported without --collected-at), so it is no evidence of a recent check"
#     measured_time_unknown:
#       de: "erfolgreich zu einem unbekannten Zeitpunkt"
#       en: "succeeded at an unknown time"
#     future:
#       de: "Repository {name}: Die letzte Integritätsprüfung ist nach dem Bewertungszeitpunkt datiert ({time_ns:datetime}), daher belegt sie keine aktuelle Prüfung"
#       en: "repository {name}: the last integrity check is dated after the evaluation time ({time_ns:datetime}), so it is no evidence of a recent check"
#     measured_future:
#       de: "erfolgreich, nach dem Bewertungszeitpunkt datiert ({time_ns:datetime})"
#       en: "succeeded, dated after the evaluation time ({time_ns:datetime})"
#     no_limit:
#       de: "Repository {name}: Es ist kein Höchstalter für Integritätsprüfungen konfiguriert"
#       en: "repository {name}: no maximum age for integrity checks is configured"
#     too_old:
#       de: "Repository {name}: Die letzte erfolgreiche Integritätsprüfung war am {time_ns:datetime} und ist {age_s:duration} alt, älter als {limit_s:duration}"
#       en: "repository {name}: the last successful integrity check was {age_s:duration} ago ({time_ns:datetime}), longer than {limit_s:duration}"
#     pass:
#       de: "Repository {name}: Die letzte Integritätsprüfung am {time_ns:datetime} (Alter {age_s:duration}) war erfolgreich ({detail:msg})"
#       en: "repository {name}: the last integrity check {age_s:duration} ago ({time_ns:datetime}) succeeded ({detail:msg})"
#     measured_succeeded:
#       de: "erfolgreich am {time_ns:datetime}, Alter {age_s:duration}"
#       en: "succeeded {age_s:duration} ago ({time_ns:datetime})"
#     when:
#       de: "am {time_ns:datetime}, Alter {age_s:duration}"
#       en: "{age_s:duration} ago ({time_ns:datetime})"
#     when_unknown:
#       de: "zu einem unbekannten Zeitpunkt"
#       en: "at an unknown time"
#     detail:
#       de: "{detail}"
#       en: "{detail}"
#     no_detail:
#       de: "keine Einzelheiten gemeldet"
#       en: "no detail reported"
package nachweis.backup.integrity

import data.nachweis.lib.backup
import data.nachweis.lib.evidence
import data.nachweis.lib.messages

_limit := s if {
	s := input.params.integrity_max_age_s
	is_number(s)
	s > 0
} else := null

_expected := messages.msg("expected", {"limit_s": _limit}) if _limit != null

else := messages.plain("expected_unset")

results contains r if {
	some name, repo in backup.repositories
	v := _verdict(name, repo)
	r := {
		"status": v.status,
		"resource": backup.resource(name, repo),
		"message": v.message,
		"expected": _expected,
		"measured": v.measured,
		"refs": array.concat(evidence.ref(repo), v.refs),
	}
}

_verdict(name, repo) := {
	"status": "no-evidence",
	"message": backup.not_assessable(backup.subject(name), evidence.reason(repo, "integrity")),
	"measured": messages.plain("unknown"),
	"refs": [],
} if {
	evidence.missing(repo, "integrity")
} else := {
	"status": "no-evidence",
	"message": messages.msg("result_unknown", {"name": name}),
	"measured": messages.plain("unknown"),
	"refs": [],
} if {
	not is_boolean(object.get(repo, ["integrity", "ok"], null))
} else := {
	"status": "fail",
	"message": messages.msg("failed", {"name": name, "when": _when(repo.integrity), "detail": _detail(repo.integrity)}),
	"measured": messages.msg("measured_failed", {"when": _when(repo.integrity)}),
	"refs": evidence.ref(repo.integrity),
} if {
	# A failed check fails whenever it ran.
	repo.integrity.ok == false
} else := {
	"status": "no-evidence",
	"message": messages.msg("time_unknown", {"name": name}),
	"measured": messages.plain("measured_time_unknown"),
	"refs": evidence.ref(repo.integrity),
} if {
	not is_number(repo.integrity.checked_at_ns)
} else := {
	"status": "no-evidence",
	"message": messages.msg("future", {"name": name, "time_ns": repo.integrity.checked_at_ns}),
	"measured": messages.msg("measured_future", {"time_ns": repo.integrity.checked_at_ns}),
	"refs": evidence.ref(repo.integrity),
} if {
	evidence.future(repo.integrity.checked_at_ns)
} else := {
	"status": "no-evidence",
	"message": messages.msg("no_limit", {"name": name}),
	"measured": _succeeded(repo.integrity),
	"refs": evidence.ref(repo.integrity),
} if {
	_limit == null
} else := {
	"status": "fail",
	"message": messages.msg("too_old", {"name": name, "age_s": _age_s(repo.integrity), "time_ns": repo.integrity.checked_at_ns, "limit_s": _limit}),
	"measured": _succeeded(repo.integrity),
	"refs": evidence.ref(repo.integrity),
} if {
	(input.now_ns - repo.integrity.checked_at_ns) / 1000000000 > _limit
} else := {
	"status": "pass",
	"message": messages.msg("pass", {"name": name, "age_s": _age_s(repo.integrity), "time_ns": repo.integrity.checked_at_ns, "detail": _detail(repo.integrity)}),
	"measured": _succeeded(repo.integrity),
	"refs": evidence.ref(repo.integrity),
}

# _when says when a check ran: "3 h ago (2026-11-23 22:00 CET)", or "at an
# unknown time".
_when(integrity) := messages.msg("when", {"age_s": _age_s(integrity), "time_ns": integrity.checked_at_ns}) if {
	is_number(integrity.checked_at_ns)
} else := messages.plain("when_unknown")

_age_s(integrity) := (input.now_ns - integrity.checked_at_ns) / 1000000000

_succeeded(integrity) := messages.msg("measured_succeeded", {"age_s": _age_s(integrity), "time_ns": integrity.checked_at_ns})

_detail(integrity) := messages.msg("detail", {"detail": integrity.detail}) if {
	is_string(integrity.detail)
	integrity.detail != ""
} else := messages.plain("no_detail")

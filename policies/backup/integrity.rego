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
package nachweis.backup.integrity

import data.nachweis.lib.backup
import data.nachweis.lib.evidence
import data.nachweis.lib.human

_limit := s if {
	s := input.params.integrity_max_age_s
	is_number(s)
	s > 0
} else := null

_expected := sprintf("successful integrity check within the last %s", [human.duration(_limit)]) if _limit != null

else := "successful integrity check within the configured maximum age"

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
	"message": sprintf("repository %s cannot be assessed: %s", [name, evidence.reason(repo, "integrity")]),
	"measured": "unknown",
	"refs": [],
} if {
	evidence.missing(repo, "integrity")
} else := {
	"status": "no-evidence",
	"message": sprintf("repository %s: the result of the last integrity check is unknown", [name]),
	"measured": "unknown",
	"refs": [],
} if {
	not is_boolean(object.get(repo, ["integrity", "ok"], null))
} else := {
	"status": "fail",
	"message": sprintf("repository %s: the last integrity check %s found errors: %s", [name, _when(repo.integrity), _detail(repo.integrity)]),
	"measured": sprintf("failed %s", [_when(repo.integrity)]),
	"refs": evidence.ref(repo.integrity),
} if {
	# A failed check fails whenever it ran.
	repo.integrity.ok == false
} else := {
	"status": "no-evidence",
	"message": sprintf("repository %s: the time of the last integrity check is unknown (e.g. restic check output imported without --collected-at), so it is no evidence of a recent check", [name]),
	"measured": "succeeded at an unknown time",
	"refs": evidence.ref(repo.integrity),
} if {
	not is_number(repo.integrity.checked_at_ns)
} else := {
	"status": "no-evidence",
	"message": sprintf("repository %s: the last integrity check is %s (%s), so it is no evidence of a recent check", [name, evidence.future_reason, _time(repo.integrity)]),
	"measured": sprintf("succeeded, %s (%s)", [evidence.future_reason, _time(repo.integrity)]),
	"refs": evidence.ref(repo.integrity),
} if {
	evidence.future(repo.integrity.checked_at_ns)
} else := {
	"status": "no-evidence",
	"message": sprintf("repository %s: no maximum age for integrity checks is configured", [name]),
	"measured": sprintf("succeeded %s ago (%s)", [_age(repo.integrity), _time(repo.integrity)]),
	"refs": evidence.ref(repo.integrity),
} if {
	_limit == null
} else := {
	"status": "fail",
	"message": sprintf("repository %s: the last successful integrity check was %s ago (%s), longer than %s", [name, _age(repo.integrity), _time(repo.integrity), human.duration(_limit)]),
	"measured": sprintf("succeeded %s ago (%s)", [_age(repo.integrity), _time(repo.integrity)]),
	"refs": evidence.ref(repo.integrity),
} if {
	(input.now_ns - repo.integrity.checked_at_ns) / 1000000000 > _limit
} else := {
	"status": "pass",
	"message": sprintf("repository %s: the last integrity check %s ago (%s) succeeded (%s)", [name, _age(repo.integrity), _time(repo.integrity), _detail(repo.integrity)]),
	"measured": sprintf("succeeded %s ago (%s)", [_age(repo.integrity), _time(repo.integrity)]),
	"refs": evidence.ref(repo.integrity),
}

# _when says when a check ran: "3h ago (2026-11-23T21:00:00Z)", or "at an
# unknown time".
_when(integrity) := sprintf("%s ago (%s)", [_age(integrity), _time(integrity)]) if {
	is_number(integrity.checked_at_ns)
} else := "at an unknown time"

_age(integrity) := human.age(input.now_ns, integrity.checked_at_ns)

_time(integrity) := human.timestamp(integrity.checked_at_ns)

_detail(integrity) := integrity.detail if {
	is_string(integrity.detail)
	integrity.detail != ""
} else := "no detail reported"

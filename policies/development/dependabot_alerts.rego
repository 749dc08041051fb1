# METADATA
# title: No open critical or high Dependabot alert older than the deadline
# description: No open Dependabot alert of severity critical or high in the organisation's repositories is older than params.dependabot_max_age_s (by default 30 days) since GitHub raised it. One failing result per such alert, naming repository, alert number, package, advisory and age; one passing result per organisation without one, counting the open critical and high alerts still within the deadline. Alerts GitHub did not show (a token that is not an owner or security manager) are missing evidence.
# custom:
#   id: GH-DEP-02
#   severity: high
#   measures: [TOM-VER-13]
#   requires: [github.dependabot_alerts]
#   title_de: Keine offene kritische oder hohe Dependabot-Warnung älter als die Frist
#   description_de: Keine offene Dependabot-Warnung mit Schweregrad critical oder high in den Repositorys der Organisation ist älter als params.dependabot_max_age_s (standardmäßig 30 Tage), gerechnet ab ihrer Meldung durch GitHub. Ein nicht erfülltes Ergebnis je solcher Warnung mit Repository, Nummer, Paket, Advisory und Alter; ein erfülltes Ergebnis je Organisation ohne solche Warnung, mit der Zahl der offenen kritischen und hohen Warnungen innerhalb der Frist. Warnungen, die GitHub nicht gezeigt hat (Token weder Owner noch Security Manager), gelten als fehlender Nachweis.
package nachweis.development.dependabot_alerts

import data.nachweis.lib.evidence
import data.nachweis.lib.github
import data.nachweis.lib.human

_max_age_s := s if {
	s := input.params.dependabot_max_age_s
	is_number(s)
	s > 0
} else := 2592000

_expected := sprintf("no open critical or high Dependabot alert older than %s", [human.duration(_max_age_s)])

results contains r if {
	some source, src in input.github
	r := github.missing_result(source, src, "dependabot_alerts", _expected)
}

_open(src) := [a | some a in src.dependabot_alerts; a.state == "open"; a.severity in {"critical", "high"}]

_overdue(a) if input.now_ns - a.created_ns > _max_age_s * 1000000000

results contains r if {
	some source, src in input.github
	not evidence.missing(src, "dependabot_alerts")
	alerts := _open(src)
	every a in alerts {
		is_number(a.created_ns)
		not _overdue(a)
	}
	r := {
		"status": "pass",
		"resource": sprintf("%s/dependabot-alerts", [github.resource(source)]),
		"message": sprintf("organisation %s has no open critical or high Dependabot alert older than %s (%s open within the deadline)", [
			github.org(source, src), human.duration(_max_age_s), human.counted(count(alerts), "alert", "alerts"),
		]),
		"expected": _expected,
		"measured": sprintf("open critical or high alerts: %d, older than %s: 0", [count(alerts), human.duration(_max_age_s)]),
		"refs": array.concat(object.get(src, ["files", "dependabot_alerts"], []), evidence.refs(alerts)),
		"facts": {"open": count(alerts), "overdue": 0, "max_age_s": _max_age_s},
	}
}

results contains r if {
	some source, src in input.github
	not evidence.missing(src, "dependabot_alerts")
	some a in _open(src)
	v := _verdict(a)
	r := {
		"status": v.status,
		"resource": sprintf("%s/repository/%s/dependabot-alert/%d", [github.resource(source), a.repository, a.number]),
		"message": sprintf("Dependabot alert %d of repository %s (%s, %s %s, %s) %s", [
			a.number, a.repository, a.severity, a.ecosystem, a.package, _advisory(a), v.text,
		]),
		"expected": _expected,
		"measured": v.measured,
		"refs": evidence.ref(a),
		"facts": object.union(object.filter(a, ["repository", "number", "severity", "package", "ecosystem", "ghsa_id", "cve_id", "created_ns"]), {"max_age_s": _max_age_s}),
	}
}

_advisory(a) := a.ghsa_id if a.cve_id == ""

else := sprintf("%s, %s", [a.ghsa_id, a.cve_id])

_verdict(a) := {"status": "no-evidence", "text": "has no recorded creation time", "measured": "age unknown"} if {
	not is_number(a.created_ns)
} else := {
	"status": "fail",
	"text": sprintf("has been open since %s, %s, longer than %s", [human.timestamp(a.created_ns), human.age(input.now_ns, a.created_ns), human.duration(_max_age_s)]),
	"measured": sprintf("open for %s", [human.age(input.now_ns, a.created_ns)]),
} if {
	_overdue(a)
}

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
#   messages:
#     expected:
#       de: "kein offener kritischer oder hoher Dependabot-Alarm älter als {max_age_s:duration}"
#       en: "no open critical or high Dependabot alert older than {max_age_s:duration}"
#     pass:
#       de: "Organisation {org} hat keinen offenen kritischen oder hohen Dependabot-Alarm älter als {max_age_s:duration} ({count:count:Alarm:Alarme} innerhalb der Frist offen)"
#       en: "organisation {org} has no open critical or high Dependabot alert older than {max_age_s:duration} ({count:count:alert:alerts} open within the deadline)"
#     measured_pass:
#       de: "offene kritische oder hohe Alarme: {count}, älter als {max_age_s:duration}: 0"
#       en: "open critical or high alerts: {count}, older than {max_age_s:duration}: 0"
#     alert:
#       de: "Dependabot-Alarm {number} des Repositorys {repository} ({severity}, {ecosystem} {package}, {advisory:list})"
#       en: "Dependabot alert {number} of repository {repository} ({severity}, {ecosystem} {package}, {advisory:list})"
#     no_time:
#       de: "{alert:msg} hat keinen erfassten Erstellungszeitpunkt"
#       en: "{alert:msg} has no recorded creation time"
#     measured_no_time:
#       de: "Alter unbekannt"
#       en: "age unknown"
#     overdue:
#       de: "{alert:msg} ist seit {created_ns:datetime} offen (Dauer {age_s:duration}), länger als {max_age_s:duration}"
#       en: "{alert:msg} has been open since {created_ns:datetime}, {age_s:duration}, longer than {max_age_s:duration}"
#     measured_overdue:
#       de: "offen seit {created_ns:datetime} (Dauer {age_s:duration})"
#       en: "open for {age_s:duration} (since {created_ns:datetime})"
package nachweis.development.dependabot_alerts

import data.nachweis.lib.evidence
import data.nachweis.lib.github
import data.nachweis.lib.messages

_max_age_s := s if {
	s := input.params.dependabot_max_age_s
	is_number(s)
	s > 0
} else := 2592000

_expected := messages.msg("expected", {"max_age_s": _max_age_s})

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
		"message": messages.msg("pass", {"org": github.org(source, src), "max_age_s": _max_age_s, "count": count(alerts)}),
		"expected": _expected,
		"measured": messages.msg("measured_pass", {"count": count(alerts), "max_age_s": _max_age_s}),
		"refs": array.concat(object.get(src, ["files", "dependabot_alerts"], []), evidence.refs(alerts)),
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
		"message": v.message,
		"expected": _expected,
		"measured": v.measured,
		"refs": evidence.ref(a),
	}
}

_advisory(a) := [a.ghsa_id] if a.cve_id == ""

else := [a.ghsa_id, a.cve_id]

_alert(a) := messages.msg("alert", {
	"number": a.number, "repository": a.repository, "severity": a.severity,
	"ecosystem": a.ecosystem, "package": a.package, "advisory": _advisory(a),
})

_verdict(a) := {
	"status": "no-evidence",
	"message": messages.msg("no_time", {"alert": _alert(a)}),
	"measured": messages.plain("measured_no_time"),
} if {
	not is_number(a.created_ns)
} else := {
	"status": "fail",
	"message": messages.msg("overdue", {
		"alert": _alert(a), "created_ns": a.created_ns,
		"age_s": (input.now_ns - a.created_ns) / 1000000000, "max_age_s": _max_age_s,
	}),
	"measured": messages.msg("measured_overdue", {"created_ns": a.created_ns, "age_s": (input.now_ns - a.created_ns) / 1000000000}),
} if {
	_overdue(a)
}

# METADATA
# title: Dependabot alerts enabled on every repository
# description: Every repository of the organisation that is not archived has Dependabot alerts enabled (GET /repos/{owner}/{repo}/vulnerability-alerts answers 204), so that GitHub reports known vulnerabilities of its dependencies. One result per repository. GitHub answers 404 both for disabled alerts and to a token without admin rights on the repository; only a token with admin rights shows the alerts as disabled, otherwise the repository is missing evidence.
# custom:
#   id: GH-DEP-01
#   severity: high
#   measures: [TOM-VER-13]
#   requires: [github.repositories, github.vulnerability_alerts]
#   title_de: Dependabot-Warnungen in jedem Repository aktiviert
#   description_de: Jedes nicht archivierte Repository der Organisation hat Dependabot-Warnungen aktiviert (GET /repos/{owner}/{repo}/vulnerability-alerts antwortet mit 204), sodass GitHub bekannte Schwachstellen seiner Abhängigkeiten meldet. Ein Ergebnis je Repository. GitHub antwortet mit 404 sowohl bei deaktivierten Warnungen als auch einem Token ohne Administratorrechte auf dem Repository; nur ein Token mit Administratorrechten zeigt die Warnungen als deaktiviert, sonst gilt das Repository als fehlender Nachweis.
#   messages:
#     expected:
#       de: "Dependabot-Alarme aktiviert"
#       en: "Dependabot alerts enabled"
#     measured:
#       de: "Sicherheitslücken-Alarme: {state:msg}"
#       en: "vulnerability alerts: {state:msg}"
#     enabled:
#       de: "aktiviert"
#       en: "enabled"
#     disabled:
#       de: "deaktiviert"
#       en: "disabled"
#     pass:
#       de: "Repository {repository} hat Dependabot-Alarme aktiviert"
#       en: "repository {repository} has Dependabot alerts enabled"
#     fail:
#       de: "Repository {repository} hat Dependabot-Alarme deaktiviert"
#       en: "repository {repository} has Dependabot alerts disabled"
#     not_known:
#       de: "Repository {repository}: Ob Dependabot-Alarme aktiviert sind, ist nicht bekannt (GitHub zeigt es nur Tokens mit Administratorrechten auf dem Repository)"
#       en: "repository {repository}: whether Dependabot alerts are enabled is not known (GitHub shows it to tokens with admin rights on the repository)"
package nachweis.development.dependabot_enabled

import data.nachweis.lib.evidence
import data.nachweis.lib.github
import data.nachweis.lib.messages

_expected := messages.plain("expected")

_keys := ["repositories", "vulnerability_alerts"]

results contains r if {
	some source, src in input.github
	some key in _keys
	r := github.missing_result(source, src, key, _expected)
}

# _alerts[source][repository] is the vulnerability alert setting of a
# repository.
_alerts[source] := {a.repository: a | some a in src.vulnerability_alerts} if {
	some source, src in input.github
	evidence.complete(src, _keys)
}

results contains r if {
	some source, src in input.github
	evidence.complete(src, _keys)
	some repo in src.repositories
	repo.archived != true
	setting := object.get(_alerts, [source, repo.repository], null)
	v := _verdict(repo.repository, setting)
	r := {
		"status": v.status,
		"resource": sprintf("%s/repository/%s", [github.resource(source), repo.repository]),
		"message": v.message,
		"expected": _expected,
		"measured": messages.msg("measured", {"state": messages.plain(v.measured)}),
		"refs": array.concat(evidence.ref(repo), _ref(setting)),
	}
}

_ref(setting) := evidence.ref(setting) if is_object(setting)

else := []

_verdict(repo, setting) := {"status": "pass", "measured": "enabled", "message": messages.msg("pass", {"repository": repo})} if {
	setting.enabled == true
} else := {"status": "fail", "measured": "disabled", "message": messages.msg("fail", {"repository": repo})} if {
	setting.enabled == false
} else := {
	"status": "no-evidence", "measured": "unknown",
	"message": messages.msg("not_known", {"repository": repo}),
}

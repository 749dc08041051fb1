# METADATA
# title: Secret scanning and push protection on every repository
# description: Every repository of the organisation that is not archived has secret scanning and secret scanning push protection enabled (security_and_analysis.secret_scanning and secret_scanning_push_protection with status enabled), so that GitHub finds credentials committed to it and refuses pushes that contain known secret patterns. One result per repository; settings GitHub did not show (it shows them to tokens with admin rights on the repository) are missing evidence.
# custom:
#   id: GH-SEC-01
#   severity: high
#   measures: [TOM-ORG-07]
#   requires: [github.repositories]
#   title_de: Secret Scanning und Push Protection in jedem Repository
#   description_de: Jedes nicht archivierte Repository der Organisation hat Secret Scanning und Secret Scanning Push Protection aktiviert (security_and_analysis.secret_scanning und secret_scanning_push_protection mit Status enabled), sodass GitHub eingecheckte Zugangsdaten findet und Pushes mit bekannten Geheimnismustern zurückweist. Ein Ergebnis je Repository; Einstellungen, die GitHub nicht gezeigt hat (nur Tokens mit Administratorrechten auf dem Repository sehen sie), gelten als fehlender Nachweis.
#   messages:
#     expected:
#       de: "Secret Scanning und Push Protection aktiviert"
#       en: "secret scanning and push protection enabled"
#     measured:
#       de: "Secret Scanning: {secret_scanning:msg}; Push Protection: {push_protection:msg}"
#       en: "secret scanning: {secret_scanning:msg}; push protection: {push_protection:msg}"
#     status:
#       de: "{status}"
#       en: "{status}"
#     not_shown:
#       de: "nicht angezeigt"
#       en: "not shown"
#     secret_scanning:
#       de: "Secret Scanning"
#       en: "secret scanning"
#     push_protection:
#       de: "Push Protection"
#       en: "push protection"
#     fail:
#       de: "Repository {repository} hat {off:list} deaktiviert"
#       en: "repository {repository} has {off:list} disabled"
#     not_known:
#       de: "Repository {repository}: {unknown:list} nicht angezeigt (GitHub zeigt sie nur Tokens mit Administratorrechten auf dem Repository)"
#       en: "repository {repository}: {unknown:list} not shown (GitHub shows them to tokens with admin rights on the repository)"
#     pass:
#       de: "Repository {repository} hat Secret Scanning und Push Protection aktiviert"
#       en: "repository {repository} has secret scanning and push protection enabled"
package nachweis.development.secret_scanning

import data.nachweis.lib.evidence
import data.nachweis.lib.github
import data.nachweis.lib.messages

_expected := messages.plain("expected")

_settings := ["secret_scanning", "push_protection"]

results contains r if {
	some source, src in input.github
	r := github.missing_result(source, src, "repositories", _expected)
}

results contains r if {
	some source, src in input.github
	not evidence.missing(src, "repositories")
	some repo in src.repositories
	repo.archived != true
	off := [messages.plain(field) | some field in _settings; object.get(repo, field, null) == "disabled"]
	unknown := [messages.plain(field) | some field in _settings; not object.get(repo, field, null) in {"enabled", "disabled"}]
	v := _verdict(repo.repository, off, unknown)
	r := {
		"status": v.status,
		"resource": sprintf("%s/repository/%s", [github.resource(source), repo.repository]),
		"message": v.message,
		"expected": _expected,
		"measured": messages.msg("measured", {field: _status(repo, field) | some field in _settings}),
		"refs": evidence.ref(repo),
	}
}

_status(repo, field) := messages.msg("status", {"status": s}) if {
	s := repo[field]
	is_string(s)
} else := messages.plain("not_shown")

_verdict(repo, off, unknown) := {"status": "fail", "message": messages.msg("fail", {"repository": repo, "off": off})} if {
	count(off) > 0
} else := {
	"status": "no-evidence",
	"message": messages.msg("not_known", {"repository": repo, "unknown": unknown}),
} if {
	count(unknown) > 0
} else := {"status": "pass", "message": messages.msg("pass", {"repository": repo})}

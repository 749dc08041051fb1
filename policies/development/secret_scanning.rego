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
package nachweis.development.secret_scanning

import data.nachweis.lib.evidence
import data.nachweis.lib.github
import data.nachweis.lib.human

_expected := "secret scanning and push protection enabled"

_settings := {"secret scanning": "secret_scanning", "push protection": "push_protection"}

results contains r if {
	some source, src in input.github
	r := github.missing_result(source, src, "repositories", _expected)
}

results contains r if {
	some source, src in input.github
	not evidence.missing(src, "repositories")
	some repo in src.repositories
	repo.archived != true
	off := [name | some name, field in _settings; object.get(repo, field, null) == "disabled"]
	unknown := [name | some name, field in _settings; not object.get(repo, field, null) in {"enabled", "disabled"}]
	v := _verdict(repo.repository, off, unknown)
	r := {
		"status": v.status,
		"resource": sprintf("%s/repository/%s", [github.resource(source), repo.repository]),
		"message": v.message,
		"expected": _expected,
		"measured": sprintf("secret scanning: %s; push protection: %s", [_status(repo, "secret_scanning"), _status(repo, "push_protection")]),
		"refs": evidence.ref(repo),
		"facts": {"repository": repo.repository, "secret_scanning": object.get(repo, "secret_scanning", null), "push_protection": object.get(repo, "push_protection", null)},
	}
}

_status(repo, field) := s if {
	s := repo[field]
	is_string(s)
} else := "not shown"

_verdict(repo, off, unknown) := {"status": "fail", "message": sprintf("repository %s has %s disabled", [repo, concat(" and ", sort(off))])} if {
	count(off) > 0
} else := {
	"status": "no-evidence",
	"message": sprintf("repository %s: %s not shown (GitHub shows them to tokens with admin rights on the repository)", [repo, human.list(unknown)]),
} if {
	count(unknown) > 0
} else := {"status": "pass", "message": sprintf("repository %s has secret scanning and push protection enabled", [repo])}

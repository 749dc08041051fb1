# METADATA
# title: Deploy keys are read-only
# description: Every deploy key of every repository is listed with its repository, title and creation date. A deploy key with write access fails, since it can push to the repository without review unless rulesets restrict it; a provider that needs one records an accepted exception for it. A read-only key passes; a repository without deploy keys gives no result, an organisation without any gives one passing result. A key whose access was not recorded, and keys that were not collected, are missing evidence.
# custom:
#   id: GH-DEPLOY-01
#   severity: medium
#   measures: [TOM-ZGR-03]
#   requires: [github.deploy_keys]
#   title_de: Deploy-Keys haben nur Lesezugriff
#   description_de: Jeder Deploy-Key jedes Repositorys wird mit Repository, Titel und Erstellungsdatum aufgeführt. Ein Deploy-Key mit Schreibzugriff ist nicht erfüllt, weil er ohne Review in das Repository schreiben kann, sofern Regelsätze ihn nicht einschränken; braucht der Anbieter einen solchen Schlüssel, erfasst er dafür eine akzeptierte Ausnahme. Ein Schlüssel mit Lesezugriff ist erfüllt; eine Organisation ohne Deploy-Keys ergibt ein erfülltes Ergebnis. Ein Schlüssel ohne erfasste Zugriffsart und nicht erfasste Schlüssel gelten als fehlender Nachweis.
#   messages:
#     expected:
#       de: "Deploy Keys nur lesend (read_only: true)"
#       en: "deploy keys read-only (read_only: true)"
#     no_keys:
#       de: "Kein Repository der Organisation {org} hat Deploy Keys"
#       en: "no repository of organisation {org} has deploy keys"
#     measured_none:
#       de: "0 Deploy Keys"
#       en: "0 deploy keys"
#     key:
#       de: "Deploy Key „{title}“ des Repositorys {repository}, erstellt {created:msg}, {access:msg}"
#       en: "deploy key “{title}” of repository {repository}, created {created:msg}, {access:msg}"
#     created:
#       de: "am {date_ns:date}"
#       en: "{date_ns:date}"
#     created_as_recorded:
#       de: "„{date}“"
#       en: "“{date}”"
#     created_unknown:
#       de: "an einem nicht erfassten Tag"
#       en: "on an unrecorded date"
#     read_only:
#       de: "ist nur lesend"
#       en: "is read-only"
#     write:
#       de: "hat Schreibzugriff"
#       en: "has write access"
#     access_unknown:
#       de: "hat keinen erfassten Zugriff (read_only nicht erfasst)"
#       en: "has no recorded access (read_only not recorded)"
#     measured:
#       de: "read_only: {read_only}"
#       en: "read_only: {read_only}"
package nachweis.access.github_deploy_keys

import data.nachweis.lib.evidence
import data.nachweis.lib.github
import data.nachweis.lib.messages

_expected := messages.plain("expected")

results contains r if {
	some source, src in input.github
	r := github.missing_result(source, src, "deploy_keys", _expected)
}

results contains r if {
	some source, src in input.github
	not evidence.missing(src, "deploy_keys")
	count(object.get(src, "deploy_keys", [])) == 0
	r := {
		"status": "pass",
		"resource": github.resource(source),
		"message": messages.msg("no_keys", {"org": github.org(source, src)}),
		"expected": _expected,
		"measured": messages.plain("measured_none"),
		"refs": [],
	}
}

results contains r if {
	some source, src in input.github
	not evidence.missing(src, "deploy_keys")
	some k in src.deploy_keys
	v := _verdict(k)
	r := {
		"status": v.status,
		"resource": sprintf("%s/repository/%s/deploy-key/%d", [github.resource(source), k.repository, k.id]),
		"message": messages.msg("key", {"title": k.title, "repository": k.repository, "created": _created(k), "access": messages.plain(v.access)}),
		"expected": _expected,
		"measured": messages.msg("measured", {"read_only": k.read_only}),
		"refs": evidence.ref(k),
	}
}

# _created is the creation day of created_at as GitHub gives it (RFC
# 3339); a value that is not one is shown as recorded.
_created(k) := messages.msg("created", {"date_ns": time.parse_rfc3339_ns(k.created_at)}) if {
	is_string(k.created_at)
	time.parse_rfc3339_ns(k.created_at)
} else := messages.msg("created_as_recorded", {"date": k.created_at}) if {
	is_string(k.created_at)
	k.created_at != ""
} else := messages.plain("created_unknown")

_verdict(k) := {"status": "pass", "access": "read_only"} if {
	k.read_only == true
} else := {"status": "fail", "access": "write"} if {
	k.read_only == false
} else := {"status": "no-evidence", "access": "access_unknown"}

# METADATA
# title: Organisation members get no write access to every repository by default
# description: The default repository permission of a GitHub organisation, which every member holds on every repository, is none or read. A default of write or admin fails, since it grants every member more than least privilege needs. GitHub shows the setting to organisation owners only; when it was not visible, the result is missing evidence.
# custom:
#   id: GH-ORG-01
#   severity: medium
#   measures: [TOM-ZGR-03]
#   requires: [github.organization]
#   title_de: Mitglieder der Organisation erhalten standardmäßig keinen Schreibzugriff auf alle Repositorys
#   description_de: Die Standard-Repository-Berechtigung einer GitHub-Organisation, die jedes Mitglied auf jedem Repository hat, ist none oder read. Ein Standard von write oder admin ist nicht erfüllt, weil er jedem Mitglied mehr Rechte gibt, als das Prinzip der minimalen Rechte erlaubt. GitHub zeigt die Einstellung nur Organisationsinhabern; war sie nicht sichtbar, gilt dies als fehlender Nachweis.
#   messages:
#     expected:
#       de: "default_repository_permission none oder read"
#       en: "default_repository_permission none or read"
#     measured:
#       de: "default_repository_permission: {permission}"
#       en: "default_repository_permission: {permission}"
#     setting_not_visible:
#       de: "Die Standard-Repository-Berechtigung der Organisation {org} ist unbekannt: Die Einstellung sehen nur Inhaber der Organisation"
#       en: "the default repository permission of organisation {org} is unknown: the setting is visible to organisation owners only"
#     pass:
#       de: "Mitglieder der Organisation {org} erhalten standardmäßig die Berechtigung {permission} auf jedes Repository"
#       en: "members of organisation {org} get {permission} access to every repository by default"
#     fail:
#       de: "Mitglieder der Organisation {org} erhalten standardmäßig die Berechtigung {permission} auf jedes Repository (erwartet none oder read)"
#       en: "members of organisation {org} get {permission} access to every repository by default (expected none or read)"
package nachweis.access.github_default_permission

import data.nachweis.lib.evidence
import data.nachweis.lib.github
import data.nachweis.lib.messages

_expected := messages.plain("expected")

results contains r if {
	some source, src in input.github
	r := github.missing_result(source, src, "organization", _expected)
}

results contains r if {
	some source, src in input.github
	not evidence.missing(src, "organization")
	org := github.org(source, src)
	permission := object.get(src, ["organization", "default_repository_permission"], null)
	v := _verdict(org, permission)
	r := {
		"status": v.status,
		"resource": github.resource(source),
		"message": v.message,
		"expected": _expected,
		"measured": messages.msg("measured", {"permission": permission}),
		"refs": _refs(src.organization),
	}
}

_verdict(org, permission) := {
	"status": "no-evidence",
	"message": messages.msg("setting_not_visible", {"org": org}),
} if {
	not is_string(permission)
} else := {
	"status": "pass",
	"message": messages.msg("pass", {"org": org, "permission": permission}),
} if {
	permission in {"none", "read"}
} else := {
	"status": "fail",
	"message": messages.msg("fail", {"org": org, "permission": permission}),
}

_refs(organization) := evidence.ref(organization) if is_object(organization)

else := []

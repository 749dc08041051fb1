# METADATA
# title: No outside collaborator has admin rights on a repository
# description: Every outside collaborator's permission is read per repository; an outside collaborator with admin rights on a repository fails (one result per collaborator and repository), any other permission passes. A repository without outside collaborators gives no result; an organisation without any gives one passing result. A permission that was not recorded, and a list that was not collected, are missing evidence.
# custom:
#   id: GH-COLLAB-02
#   severity: high
#   measures: [TOM-ZGR-03]
#   requires: [github.collaborator_permissions]
#   title_de: Keine externe mitarbeitende Person hat Administratorrechte auf einem Repository
#   description_de: Die Berechtigung jeder externen mitarbeitenden Person (outside collaborator) wird je Repository gelesen; hat sie Administratorrechte auf einem Repository, ist das Ergebnis nicht erfüllt (ein Ergebnis je Person und Repository), jede andere Berechtigung ist erfüllt. Eine Organisation ohne externe Mitarbeitende ergibt ein erfülltes Ergebnis. Eine nicht erfasste Berechtigung und eine nicht erfasste Liste gelten als fehlender Nachweis.
#   messages:
#     expected:
#       de: "keine externe mitarbeitende Person mit Administratorrechten auf einem Repository"
#       en: "no outside collaborator with admin rights on a repository"
#     no_collaborators:
#       de: "Kein Repository der Organisation {org} hat externe Mitarbeitende"
#       en: "no repository of organisation {org} has outside collaborators"
#     measured_none:
#       de: "0 externe Mitarbeitende auf Repositorys"
#       en: "0 outside collaborators on repositories"
#     measured:
#       de: "Berechtigung {permission:msg}"
#       en: "permission {permission:msg}"
#     permission:
#       de: "{permission}"
#       en: "{permission}"
#     not_recorded:
#       de: "nicht erfasst"
#       en: "not recorded"
#     permission_not_recorded:
#       de: "Die Berechtigung der externen mitarbeitenden Person {login} auf dem Repository {repository} wurde nicht erfasst"
#       en: "the permission of outside collaborator {login} on repository {repository} was not recorded"
#     fail:
#       de: "Die externe mitarbeitende Person {login} hat Administratorrechte auf dem Repository {repository}"
#       en: "outside collaborator {login} has admin rights on repository {repository}"
#     pass:
#       de: "Die externe mitarbeitende Person {login} hat die Berechtigung {permission:msg} auf dem Repository {repository}, keine Administratorrechte"
#       en: "outside collaborator {login} has {permission:msg} permission on repository {repository}, not admin"
package nachweis.access.github_collaborator_admin

import data.nachweis.lib.evidence
import data.nachweis.lib.github
import data.nachweis.lib.messages

_expected := messages.plain("expected")

results contains r if {
	some source, src in input.github
	r := github.missing_result(source, src, "collaborator_permissions", _expected)
}

results contains r if {
	some source, src in input.github
	not evidence.missing(src, "collaborator_permissions")
	count(object.get(src, "collaborator_permissions", [])) == 0
	r := {
		"status": "pass",
		"resource": github.resource(source),
		"message": messages.msg("no_collaborators", {"org": github.org(source, src)}),
		"expected": _expected,
		"measured": messages.plain("measured_none"),
		"refs": [],
	}
}

results contains r if {
	some source, src in input.github
	not evidence.missing(src, "collaborator_permissions")
	some c in src.collaborator_permissions
	v := _verdict(c)
	r := {
		"status": v.status,
		"resource": sprintf("%s/repository/%s/outside-collaborator/%s", [github.resource(source), c.repository, c.login]),
		"message": v.message,
		"expected": _expected,
		"measured": messages.msg("measured", {"permission": _permission(c)}),
		"refs": evidence.ref(c),
	}
}

_permission(c) := messages.msg("permission", {"permission": c.permission}) if {
	is_string(c.permission)
	c.permission != ""
} else := messages.plain("not_recorded")

_verdict(c) := {
	"status": "no-evidence",
	"message": messages.msg("permission_not_recorded", {"login": c.login, "repository": c.repository}),
} if {
	not is_boolean(c.admin)
} else := {
	"status": "fail",
	"message": messages.msg("fail", {"login": c.login, "repository": c.repository}),
} if {
	c.admin == true
} else := {
	"status": "pass",
	"message": messages.msg("pass", {"login": c.login, "permission": _permission(c), "repository": c.repository}),
}

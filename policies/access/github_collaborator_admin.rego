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
package nachweis.access.github_collaborator_admin

import data.nachweis.lib.evidence
import data.nachweis.lib.github

_expected := "no outside collaborator with admin rights on a repository"

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
		"message": sprintf("no repository of organisation %s has outside collaborators", [github.org(source, src)]),
		"expected": _expected,
		"measured": "0 outside collaborators on repositories",
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
		"measured": sprintf("permission %s", [_permission(c)]),
		"refs": evidence.ref(c),
	}
}

_permission(c) := c.permission if {
	is_string(c.permission)
	c.permission != ""
} else := "not recorded"

_verdict(c) := {
	"status": "no-evidence",
	"message": sprintf("the permission of outside collaborator %s on repository %s was not recorded", [c.login, c.repository]),
} if {
	not is_boolean(c.admin)
} else := {
	"status": "fail",
	"message": sprintf("outside collaborator %s has admin rights on repository %s", [c.login, c.repository]),
} if {
	c.admin == true
} else := {
	"status": "pass",
	"message": sprintf("outside collaborator %s has %s permission on repository %s, not admin", [c.login, _permission(c), c.repository]),
}

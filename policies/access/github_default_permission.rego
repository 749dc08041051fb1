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
package nachweis.access.github_default_permission

import data.nachweis.lib.evidence
import data.nachweis.lib.github

_expected := "default_repository_permission none or read"

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
		"measured": sprintf("default_repository_permission: %v", [permission]),
		"refs": _refs(src.organization),
	}
}

_verdict(org, permission) := {
	"status": "no-evidence",
	"message": sprintf("the default repository permission of organisation %s is unknown: the setting is visible to organisation owners only", [org]),
} if {
	not is_string(permission)
} else := {
	"status": "pass",
	"message": sprintf("members of organisation %s get %s access to every repository by default", [org, permission]),
} if {
	permission in {"none", "read"}
} else := {
	"status": "fail",
	"message": sprintf("members of organisation %s get %s access to every repository by default (expected none or read)", [org, permission]),
}

_refs(organization) := evidence.ref(organization) if is_object(organization)

else := []

# METADATA
# title: GitHub outside collaborators are listed
# description: Every outside collaborator of a GitHub organisation is reported by login, so that the access register names everyone outside the organisation with repository access; each one is a passing result. An organisation without outside collaborators yields one passing result. A list that was not collected is missing evidence.
# custom:
#   id: GH-COLLAB-01
#   severity: low
#   measures: [TOM-ZGR-03]
#   requires: [github.outside_collaborators]
#   title_de: Externe Mitarbeitende der GitHub-Organisation sind aufgeführt
#   description_de: Jede externe mitarbeitende Person (outside collaborator) einer GitHub-Organisation wird mit ihrem Login ausgewiesen, damit das Zugriffsverzeichnis alle Personen außerhalb der Organisation mit Repository-Zugriff nennt; jede ist ein erfülltes Ergebnis. Eine Organisation ohne externe Mitarbeitende ergibt ein erfülltes Ergebnis. Wurde die Liste nicht erfasst, gilt dies als fehlender Nachweis.
package nachweis.access.github_outside_collaborators

import data.nachweis.lib.evidence
import data.nachweis.lib.github

_expected := "every outside collaborator listed by login"

results contains r if {
	some source, src in input.github
	r := github.missing_result(source, src, "outside_collaborators", _expected)
}

results contains r if {
	some source, src in input.github
	not evidence.missing(src, "outside_collaborators")
	not is_array(src.outside_collaborators)
	r := {
		"status": "no-evidence",
		"resource": github.resource(source),
		"message": sprintf("the outside collaborators of organisation %s were not listed", [github.org(source, src)]),
		"expected": _expected,
		"measured": "unknown",
		"refs": [],
	}
}

results contains r if {
	some source, src in input.github
	not evidence.missing(src, "outside_collaborators")
	src.outside_collaborators == []
	r := {
		"status": "pass",
		"resource": github.resource(source),
		"message": sprintf("organisation %s has no outside collaborators", [github.org(source, src)]),
		"expected": _expected,
		"measured": "0 outside collaborators",
		"refs": [],
	}
}

results contains r if {
	some source, src in input.github
	not evidence.missing(src, "outside_collaborators")
	some c in src.outside_collaborators
	login := _login(c)
	r := {
		"status": "pass",
		"resource": sprintf("%s/outside-collaborator/%s", [github.resource(source), login]),
		"message": sprintf("%s is an outside collaborator of organisation %s", [login, github.org(source, src)]),
		"expected": _expected,
		"measured": sprintf("outside collaborator %s", [login]),
		"refs": evidence.ref(c),
	}
}

_login(c) := c.login if is_string(c.login)

else := "(login not recorded)"

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
#   messages:
#     expected:
#       de: "jede externe mitarbeitende Person mit Login aufgeführt"
#       en: "every outside collaborator listed by login"
#     not_listed:
#       de: "Die externen Mitarbeitenden der Organisation {org} wurden nicht aufgelistet"
#       en: "the outside collaborators of organisation {org} were not listed"
#     no_collaborators:
#       de: "Organisation {org} hat keine externen Mitarbeitenden"
#       en: "organisation {org} has no outside collaborators"
#     measured_none:
#       de: "0 externe Mitarbeitende"
#       en: "0 outside collaborators"
#     collaborator:
#       de: "{login} ist externe mitarbeitende Person der Organisation {org}"
#       en: "{login} is an outside collaborator of organisation {org}"
#     measured:
#       de: "externe mitarbeitende Person {login}"
#       en: "outside collaborator {login}"
#     login_not_recorded:
#       de: "(Login nicht erfasst)"
#       en: "(login not recorded)"
package nachweis.access.github_outside_collaborators

import data.nachweis.lib.evidence
import data.nachweis.lib.github
import data.nachweis.lib.messages

_expected := messages.plain("expected")

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
		"message": messages.msg("not_listed", {"org": github.org(source, src)}),
		"expected": _expected,
		"measured": messages.plain("unknown"),
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
		"message": messages.msg("no_collaborators", {"org": github.org(source, src)}),
		"expected": _expected,
		"measured": messages.plain("measured_none"),
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
		"resource": sprintf("%s/outside-collaborator/%s", [github.resource(source), _login_key(c)]),
		"message": messages.msg("collaborator", {"login": login, "org": github.org(source, src)}),
		"expected": _expected,
		"measured": messages.msg("measured", {"login": login}),
		"refs": evidence.ref(c),
	}
}

_login(c) := c.login if is_string(c.login)

else := messages.plain("login_not_recorded")

# _login_key is the login as it appears in a resource name.
_login_key(c) := c.login if is_string(c.login)

else := "(login not recorded)"

# METADATA
# title: GitHub organisation requires two-factor authentication
# description: Every GitHub organisation requires two-factor authentication for its members and outside collaborators. GitHub shows this setting to organisation owners only; when it was not visible to the collector, the result is missing evidence, never a pass.
# custom:
#   id: GH-2FA-01
#   severity: critical
#   measures: [TOM-ZUG-01]
#   requires: [github.organization]
#   title_de: GitHub-Organisation verlangt Zwei-Faktor-Authentisierung
#   description_de: Jede GitHub-Organisation verlangt Zwei-Faktor-Authentisierung für ihre Mitglieder und externen Mitarbeitenden. GitHub zeigt diese Einstellung nur Organisationsinhabern; war sie für den Kollektor nicht sichtbar, gilt dies als fehlender Nachweis, nie als erfüllt.
#   messages:
#     expected:
#       de: "two_factor_requirement_enabled: true"
#       en: "two_factor_requirement_enabled: true"
#     setting_not_visible:
#       de: "Ob die Organisation {org} 2FA verlangt, ist unbekannt: Die Einstellung sehen nur Inhaber der Organisation"
#       en: "whether organisation {org} requires 2FA is unknown: the setting is visible to organisation owners only"
#     pass:
#       de: "Organisation {org} verlangt Zwei-Faktor-Authentisierung"
#       en: "organisation {org} requires two-factor authentication"
#     fail:
#       de: "Organisation {org} verlangt keine Zwei-Faktor-Authentisierung"
#       en: "organisation {org} does not require two-factor authentication"
#     measured:
#       de: "two_factor_requirement_enabled: {value}"
#       en: "two_factor_requirement_enabled: {value}"
package nachweis.access.github_2fa_required

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
	v := _verdict(org, object.get(src, ["organization", "two_factor_requirement_enabled"], null))
	r := {
		"status": v.status,
		"resource": github.resource(source),
		"message": v.message,
		"expected": _expected,
		"measured": v.measured,
		"refs": _refs(src.organization),
	}
}

_verdict(org, required) := {
	"status": "no-evidence",
	"message": messages.msg("setting_not_visible", {"org": org}),
	"measured": messages.plain("not_visible"),
} if {
	not is_boolean(required)
} else := {
	"status": "pass",
	"message": messages.msg("pass", {"org": org}),
	"measured": messages.msg("measured", {"value": true}),
} if {
	required == true
} else := {
	"status": "fail",
	"message": messages.msg("fail", {"org": org}),
	"measured": messages.msg("measured", {"value": false}),
}

_refs(organization) := evidence.ref(organization) if is_object(organization)

else := []

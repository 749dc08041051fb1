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
package nachweis.access.github_2fa_required

import data.nachweis.lib.evidence
import data.nachweis.lib.github

_expected := "two_factor_requirement_enabled: true"

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
	"message": sprintf("whether organisation %s requires 2FA is unknown: the setting is visible to organisation owners only", [org]),
	"measured": "not visible (null)",
} if {
	not is_boolean(required)
} else := {
	"status": "pass",
	"message": sprintf("organisation %s requires two-factor authentication", [org]),
	"measured": "two_factor_requirement_enabled: true",
} if {
	required == true
} else := {
	"status": "fail",
	"message": sprintf("organisation %s does not require two-factor authentication", [org]),
	"measured": "two_factor_requirement_enabled: false",
}

_refs(organization) := evidence.ref(organization) if is_object(organization)

else := []

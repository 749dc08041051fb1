# METADATA
# title: Few GitHub organisation owners
# description: The number of owners of every GitHub organisation is at most the configured maximum (github_max_owners); the owners are listed in the measured value. An owner list that was not collected is missing evidence.
# custom:
#   id: GH-OWN-01
#   severity: medium
#   measures: [TOM-ZGR-03]
#   requires: [github.owners]
#   title_de: Wenige Inhaber der GitHub-Organisation
#   description_de: Die Zahl der Inhaber jeder GitHub-Organisation ist höchstens das konfigurierte Maximum (github_max_owners); die Inhaber werden im Messwert aufgeführt. Wurde die Inhaberliste nicht erfasst, gilt dies als fehlender Nachweis.
package nachweis.access.github_owners

import data.nachweis.lib.evidence
import data.nachweis.lib.github
import data.nachweis.lib.human

_max := n if {
	n := input.params.github_max_owners
	is_number(n)
} else := null

_expected := sprintf("at most %d owners", [_max]) if _max != null

else := "at most the configured number of owners"

results contains r if {
	some source, src in input.github
	r := github.missing_result(source, src, "owners", _expected)
}

results contains r if {
	some source, src in input.github
	not evidence.missing(src, "owners")
	v := _verdict(github.org(source, src), object.get(src, "owners", null))
	r := {
		"status": v.status,
		"resource": github.resource(source),
		"message": v.message,
		"expected": _expected,
		"measured": v.measured,
		"refs": v.refs,
	}
}

_verdict(org, owners) := {
	"status": "no-evidence",
	"message": sprintf("the owners of organisation %s were not listed", [org]),
	"measured": "unknown",
	"refs": [],
} if {
	not is_array(owners)
} else := {
	"status": "no-evidence",
	"message": sprintf("organisation %s has %s, but no maximum is configured (github_max_owners)", [org, human.counted(count(owners), "owner", "owners")]),
	"measured": _measured(owners),
	"refs": evidence.refs(owners),
} if {
	_max == null
} else := {
	"status": "fail",
	"message": sprintf("organisation %s has %s, more than the maximum of %d: %s", [org, human.counted(count(owners), "owner", "owners"), _max, _logins(owners)]),
	"measured": _measured(owners),
	"refs": evidence.refs(owners),
} if {
	count(owners) > _max
} else := {
	"status": "pass",
	"message": sprintf("organisation %s has %s (maximum %d): %s", [org, human.counted(count(owners), "owner", "owners"), _max, _logins(owners)]),
	"measured": _measured(owners),
	"refs": evidence.refs(owners),
}

_logins(owners) := human.list([o.login | some o in owners])

_measured(owners) := sprintf("%s: %s", [human.counted(count(owners), "owner", "owners"), _logins(owners)])

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
#   messages:
#     expected:
#       de: "höchstens {max:count:Inhaber:Inhaber}"
#       en: "at most {max:count:owner:owners}"
#     expected_unset:
#       de: "höchstens die konfigurierte Anzahl an Inhabern"
#       en: "at most the configured number of owners"
#     not_listed:
#       de: "Die Inhaber der Organisation {org} wurden nicht aufgelistet"
#       en: "the owners of organisation {org} were not listed"
#     no_max:
#       de: "Organisation {org} hat {count:count:Inhaber:Inhaber}, aber es ist kein Höchstwert konfiguriert (github_max_owners)"
#       en: "organisation {org} has {count:count:owner:owners}, but no maximum is configured (github_max_owners)"
#     fail:
#       de: "Organisation {org} hat {count:count:Inhaber:Inhaber}, mehr als der Höchstwert von {max}: {logins:list}"
#       en: "organisation {org} has {count:count:owner:owners}, more than the maximum of {max}: {logins:list}"
#     pass:
#       de: "Organisation {org} hat {count:count:Inhaber:Inhaber} (höchstens {max}): {logins:list}"
#       en: "organisation {org} has {count:count:owner:owners} (maximum {max}): {logins:list}"
#     measured:
#       de: "{count:count:Inhaber:Inhaber}: {logins:list}"
#       en: "{count:count:owner:owners}: {logins:list}"
package nachweis.access.github_owners

import data.nachweis.lib.evidence
import data.nachweis.lib.github
import data.nachweis.lib.messages

_max := n if {
	n := input.params.github_max_owners
	is_number(n)
} else := null

_expected := messages.msg("expected", {"max": _max}) if _max != null

else := messages.plain("expected_unset")

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
	"message": messages.msg("not_listed", {"org": org}),
	"measured": messages.plain("unknown"),
	"refs": [],
} if {
	not is_array(owners)
} else := {
	"status": "no-evidence",
	"message": messages.msg("no_max", {"org": org, "count": count(owners)}),
	"measured": _measured(owners),
	"refs": evidence.refs(owners),
} if {
	_max == null
} else := {
	"status": "fail",
	"message": messages.msg("fail", {"org": org, "count": count(owners), "max": _max, "logins": _logins(owners)}),
	"measured": _measured(owners),
	"refs": evidence.refs(owners),
} if {
	count(owners) > _max
} else := {
	"status": "pass",
	"message": messages.msg("pass", {"org": org, "count": count(owners), "max": _max, "logins": _logins(owners)}),
	"measured": _measured(owners),
	"refs": evidence.refs(owners),
}

_logins(owners) := sort([o.login | some o in owners])

_measured(owners) := messages.msg("measured", {"count": count(owners), "logins": _logins(owners)})

# METADATA
# title: Default branches require review and bind administrators
# description: Every recorded default-branch protection requires at least one approving review and enforces the rules for administrators too. A protection whose review count or admin enforcement was not recorded, and an organisation without any recorded protection, are missing evidence.
# custom:
#   id: GH-BP-01
#   severity: medium
#   measures: [TOM-EIN-01]
#   requires: [github.branch_protection]
#   title_de: Standard-Branches verlangen Review und gelten auch für Administratoren
#   description_de: Jeder erfasste Schutz eines Standard-Branches verlangt mindestens ein zustimmendes Review und setzt die Regeln auch für Administratoren durch. Ein Schutz ohne erfasste Review-Zahl oder Admin-Durchsetzung sowie eine Organisation ohne erfassten Schutz gelten als fehlender Nachweis.
package nachweis.access.github_branch_protection

import data.nachweis.lib.evidence
import data.nachweis.lib.github
import data.nachweis.lib.human

_expected := "at least 1 required approving review and enforce_admins: true"

results contains r if {
	some source, src in input.github
	r := github.missing_result(source, src, "branch_protection", _expected)
}

results contains r if {
	some source, src in input.github
	not evidence.missing(src, "branch_protection")
	not _recorded(src.branch_protection)
	r := {
		"status": "no-evidence",
		"resource": github.resource(source),
		"message": sprintf("no default-branch protection of organisation %s was recorded", [github.org(source, src)]),
		"expected": _expected,
		"measured": "no protection recorded",
		"refs": [],
	}
}

results contains r if {
	some source, src in input.github
	not evidence.missing(src, "branch_protection")
	some key, bp in src.branch_protection
	reviews := object.get(bp, "required_approving_review_count", null)
	admins := object.get(bp, "enforce_admins", null)
	v := _verdict(key, reviews, admins)
	r := {
		"status": v.status,
		"resource": sprintf("%s/branch-protection/%s", [github.resource(source), key]),
		"message": v.message,
		"expected": _expected,
		"measured": sprintf("required approving reviews: %v; enforce_admins: %v", [reviews, admins]),
		"refs": evidence.ref(bp),
	}
}

_recorded(bps) if {
	is_object(bps)
	count(bps) > 0
}

_verdict(key, reviews, admins) := {
	"status": "no-evidence",
	"message": sprintf("branch %s: the required review count or admin enforcement was not recorded", [key]),
} if {
	not _known(reviews, admins)
} else := {
	"status": "fail",
	"message": sprintf("branch %s %s", [key, concat(" and ", _problems(reviews, admins))]),
} if {
	count(_problems(reviews, admins)) > 0
} else := {
	"status": "pass",
	"message": sprintf("branch %s requires %s and enforces the rules for administrators", [key, human.counted(reviews, "approving review", "approving reviews")]),
}

_known(reviews, admins) if {
	is_number(reviews)
	is_boolean(admins)
}

_problems(reviews, admins) := array.concat(
	[sprintf("requires %s (expected at least 1)", [human.counted(reviews, "approving review", "approving reviews")]) | reviews < 1],
	["does not enforce the rules for administrators" | admins == false],
)

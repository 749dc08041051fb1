# METADATA
# title: Default branches require review and bind administrators
# description: Every recorded default branch requires at least one approving review, and administrators are bound by it, through branch protection (enforce_admins) or through an active ruleset whose pull_request rule requires at least one approving review and that neither organisation owners nor the repository admin role may bypass. A branch that fails branch protection while a ruleset's bypass actors were not visible, a protection whose review count or admin enforcement was not recorded, and an organisation without any recorded protection are missing evidence.
# custom:
#   id: GH-BP-01
#   severity: medium
#   measures: [TOM-EIN-01]
#   requires: [github.branch_protection]
#   title_de: Standard-Branches verlangen Review und gelten auch für Administratoren
#   description_de: Jeder erfasste Standard-Branch verlangt mindestens ein zustimmendes Review, das auch Administratoren bindet, durch Branch-Schutz (enforce_admins) oder durch einen aktiven Regelsatz, dessen pull_request-Regel mindestens ein zustimmendes Review verlangt und den weder Organisationsinhaber noch die Repository-Rolle admin umgehen dürfen. Ein Branch, dessen Branch-Schutz nicht genügt, während die Umgehungsberechtigten eines Regelsatzes nicht sichtbar waren, ein Schutz ohne erfasste Review-Zahl oder Admin-Durchsetzung sowie eine Organisation ohne erfassten Schutz gelten als fehlender Nachweis.
package nachweis.access.github_branch_protection

import data.nachweis.lib.evidence
import data.nachweis.lib.github
import data.nachweis.lib.human

_expected := "at least 1 required approving review and enforce_admins: true, or an active ruleset requiring at least 1 approving review that administrators cannot bypass"

results contains r if {
	some source, src in input.github
	r := github.missing_result(source, src, "branch_protection", _expected)
}

results contains r if {
	some source, src in input.github
	not evidence.missing(src, "branch_protection")
	not _recorded(src.branch_protection)
	not _recorded(object.get(src, "rulesets", {}))
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
	classic := _verdict(key, reviews, admins)
	rulesets := object.get(src, ["rulesets", bp.repository, "rulesets"], [])
	v := _with_rulesets(key, classic, rulesets)
	r := {
		"status": v.status,
		"resource": sprintf("%s/branch-protection/%s", [github.resource(source), key]),
		"message": v.message,
		"expected": _expected,
		"measured": concat("; ", array.concat(
			[sprintf("required approving reviews: %v; enforce_admins: %v", [reviews, admins])],
			[_describe(rs) | some rs in rulesets],
		)),
		"refs": array.concat(evidence.ref(bp), evidence.refs(v.rulesets)),
	}
}

# Repositories whose default branch only rulesets describe (imported
# rulesets without a branch protection file).
results contains r if {
	some source, src in input.github
	not evidence.missing(src, "branch_protection")
	classic := {bp.repository | some bp in src.branch_protection}
	some repo, entry in object.get(src, "rulesets", {})
	not repo in classic
	key := sprintf("%s:%s", [repo, _branch(entry)])
	v := _with_rulesets(key, {"status": "fail", "message": sprintf("branch %s has no recorded branch protection", [key])}, entry.rulesets)
	r := {
		"status": v.status,
		"resource": sprintf("%s/branch-protection/%s", [github.resource(source), key]),
		"message": v.message,
		"expected": _expected,
		"measured": concat("; ", array.concat(["no branch protection recorded"], [_describe(rs) | some rs in entry.rulesets])),
		"refs": array.concat(evidence.ref(entry), evidence.refs(v.rulesets)),
	}
}

_branch(entry) := entry.branch if {
	is_string(entry.branch)
	entry.branch != ""
} else := "(default branch)"

# _protects is true for an active ruleset requiring at least one approving
# review that administrators cannot bypass.
_protects(rs) if {
	rs.enforcement == "active"
	rs.required_approving_review_count >= 1
	rs.admins_bypass == false
}

# _unknown is true for an active ruleset requiring reviews whose bypass
# actors, or whose rules, were not visible.
_unknown(rs) if {
	rs.enforcement == "active"
	rs.required_approving_review_count >= 1
	not is_boolean(rs.admins_bypass)
}

_unknown(rs) if {
	rs.enforcement == "active"
	not is_number(rs.required_approving_review_count)
}

_name(rs) := sprintf("ruleset %q (%d)", [rs.name, rs.id]) if {
	is_string(rs.name)
	rs.name != ""
} else := sprintf("ruleset %d", [rs.id])

_describe(rs) := sprintf("%s: %s, required approving reviews: %v, admins may bypass: %v", [
	_name(rs), rs.enforcement,
	object.get(rs, "required_approving_review_count", null), object.get(rs, "admins_bypass", null),
])

# _with_rulesets lets a protecting ruleset pass a branch that branch
# protection alone does not, and makes it no-evidence when a ruleset
# might protect it but its bypass actors or rules were not visible.
_with_rulesets(key, classic, rulesets) := object.union(classic, {"rulesets": []}) if {
	classic.status == "pass"
} else := {
	"status": "pass",
	"message": sprintf("branch %s is protected by %s: %s required, administrators cannot bypass it", [
		key, _name(rs), human.counted(rs.required_approving_review_count, "approving review", "approving reviews"),
	]),
	"rulesets": [rs],
} if {
	some rs in rulesets
	_protects(rs)
} else := {
	"status": "no-evidence",
	"message": sprintf("%s; whether %s protects it is unknown: its bypass actors or rules were not visible to the collector", [
		classic.message, concat(", ", [_name(rs) | some rs in rulesets; _unknown(rs)]),
	]),
	"rulesets": [rs | some rs in rulesets; _unknown(rs)],
} if {
	some rs in rulesets
	_unknown(rs)
} else := object.union(classic, {"rulesets": []}) if {
	count(rulesets) == 0
} else := {
	"status": classic.status,
	"message": sprintf("%s, and no active ruleset requires an approving review that administrators cannot bypass", [classic.message]),
	"rulesets": rulesets,
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

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
#   messages:
#     expected:
#       de: "mindestens 1 erforderliche Freigabe per Review und enforce_admins: true, oder ein aktives Ruleset, das mindestens 1 Freigabe verlangt und das Administratoren nicht umgehen können"
#       en: "at least 1 required approving review and enforce_admins: true, or an active ruleset requiring at least 1 approving review that administrators cannot bypass"
#     nothing_recorded:
#       de: "Es wurde kein Schutz eines Default-Branches der Organisation {org} erfasst"
#       en: "no default-branch protection of organisation {org} was recorded"
#     measured_nothing:
#       de: "kein Schutz erfasst"
#       en: "no protection recorded"
#     measured:
#       de: "{parts:msgs}"
#       en: "{parts:msgs}"
#     measured_classic:
#       de: "erforderliche Freigaben: {reviews}; enforce_admins: {admins}"
#       en: "required approving reviews: {reviews}; enforce_admins: {admins}"
#     measured_no_classic:
#       de: "kein Branch-Schutz erfasst"
#       en: "no branch protection recorded"
#     ruleset_named:
#       de: "Ruleset „{name}“ ({id})"
#       en: "ruleset “{name}” ({id})"
#     ruleset:
#       de: "Ruleset {id}"
#       en: "ruleset {id}"
#     describe:
#       de: "{ruleset:msg}: {enforcement}, erforderliche Freigaben: {reviews}, Administratoren dürfen umgehen: {bypass}"
#       en: "{ruleset:msg}: {enforcement}, required approving reviews: {reviews}, admins may bypass: {bypass}"
#     no_classic:
#       de: "Branch {branch} hat keinen erfassten Branch-Schutz"
#       en: "branch {branch} has no recorded branch protection"
#     ruleset_protects:
#       de: "Branch {branch} ist durch {ruleset:msg} geschützt: {reviews:count:Freigabe:Freigaben} erforderlich, Administratoren können es nicht umgehen"
#       en: "branch {branch} is protected by {ruleset:msg}: {reviews:count:approving review:approving reviews} required, administrators cannot bypass it"
#     ruleset_unknown:
#       de: "{classic:msg}; ob {rulesets:list} den Branch {rulesets:plural:schützt:schützen}, ist unbekannt: Umgehungsberechtigte oder Regeln waren für den Collector nicht sichtbar"
#       en: "{classic:msg}; whether {rulesets:list} protects it is unknown: its bypass actors or rules were not visible to the collector"
#     no_ruleset_protects:
#       de: "{classic:msg}, und kein aktives Ruleset verlangt eine Freigabe, die Administratoren nicht umgehen können"
#       en: "{classic:msg}, and no active ruleset requires an approving review that administrators cannot bypass"
#     not_recorded:
#       de: "Branch {branch}: Die Anzahl erforderlicher Freigaben oder die Durchsetzung für Administratoren wurde nicht erfasst"
#       en: "branch {branch}: the required review count or admin enforcement was not recorded"
#     too_few:
#       de: "Branch {branch} verlangt {reviews:count:Freigabe:Freigaben} (erwartet mindestens 1)"
#       en: "branch {branch} requires {reviews:count:approving review:approving reviews} (expected at least 1)"
#     not_enforced:
#       de: "Branch {branch} setzt die Regeln für Administratoren nicht durch"
#       en: "branch {branch} does not enforce the rules for administrators"
#     too_few_not_enforced:
#       de: "Branch {branch} verlangt {reviews:count:Freigabe:Freigaben} (erwartet mindestens 1) und setzt die Regeln für Administratoren nicht durch"
#       en: "branch {branch} requires {reviews:count:approving review:approving reviews} (expected at least 1) and does not enforce the rules for administrators"
#     pass:
#       de: "Branch {branch} verlangt {reviews:count:Freigabe:Freigaben} und setzt die Regeln für Administratoren durch"
#       en: "branch {branch} requires {reviews:count:approving review:approving reviews} and enforces the rules for administrators"
package nachweis.access.github_branch_protection

import data.nachweis.lib.evidence
import data.nachweis.lib.github
import data.nachweis.lib.messages

_expected := messages.plain("expected")

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
		"message": messages.msg("nothing_recorded", {"org": github.org(source, src)}),
		"expected": _expected,
		"measured": messages.plain("measured_nothing"),
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
		"measured": messages.msg("measured", {"parts": array.concat(
			[messages.msg("measured_classic", {"reviews": reviews, "admins": admins})],
			[_describe(rs) | some rs in rulesets],
		)}),
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
	v := _with_rulesets(key, {"status": "fail", "message": messages.msg("no_classic", {"branch": key})}, entry.rulesets)
	r := {
		"status": v.status,
		"resource": sprintf("%s/branch-protection/%s", [github.resource(source), key]),
		"message": v.message,
		"expected": _expected,
		"measured": messages.msg("measured", {"parts": array.concat([messages.plain("measured_no_classic")], [_describe(rs) | some rs in entry.rulesets])}),
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

_name(rs) := messages.msg("ruleset_named", {"name": rs.name, "id": rs.id}) if {
	is_string(rs.name)
	rs.name != ""
} else := messages.msg("ruleset", {"id": rs.id})

_describe(rs) := messages.msg("describe", {
	"ruleset": _name(rs), "enforcement": rs.enforcement,
	"reviews": object.get(rs, "required_approving_review_count", null), "bypass": object.get(rs, "admins_bypass", null),
})

# _with_rulesets lets a protecting ruleset pass a branch that branch
# protection alone does not, and makes it no-evidence when a ruleset
# might protect it but its bypass actors or rules were not visible.
_with_rulesets(key, classic, rulesets) := object.union(classic, {"rulesets": []}) if {
	classic.status == "pass"
} else := {
	"status": "pass",
	"message": messages.msg("ruleset_protects", {"branch": key, "ruleset": _name(rs), "reviews": rs.required_approving_review_count}),
	"rulesets": [rs],
} if {
	some rs in rulesets
	_protects(rs)
} else := {
	"status": "no-evidence",
	"message": messages.msg("ruleset_unknown", {"classic": classic.message, "rulesets": [_name(rs) | some rs in rulesets; _unknown(rs)]}),
	"rulesets": [rs | some rs in rulesets; _unknown(rs)],
} if {
	some rs in rulesets
	_unknown(rs)
} else := object.union(classic, {"rulesets": []}) if {
	count(rulesets) == 0
} else := {
	"status": classic.status,
	"message": messages.msg("no_ruleset_protects", {"classic": classic.message}),
	"rulesets": rulesets,
}

_recorded(bps) if {
	is_object(bps)
	count(bps) > 0
}

_verdict(key, reviews, admins) := {
	"status": "no-evidence",
	"message": messages.msg("not_recorded", {"branch": key}),
} if {
	not _known(reviews, admins)
} else := {
	"status": "fail",
	"message": _problem_message(key, reviews, admins),
} if {
	count(_problems(reviews, admins)) > 0
} else := {
	"status": "pass",
	"message": messages.msg("pass", {"branch": key, "reviews": reviews}),
}

_known(reviews, admins) if {
	is_number(reviews)
	is_boolean(admins)
}

_problem_message(key, reviews, admins) := messages.msg("not_enforced", {"branch": key}) if {
	_problems(reviews, admins) == ["not_enforced"]
} else := messages.msg(concat("_", _problems(reviews, admins)), {"branch": key, "reviews": reviews})

_problems(reviews, admins) := array.concat(
	["too_few" | reviews < 1],
	["not_enforced" | admins == false],
)

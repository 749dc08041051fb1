package nachweis.access.github_branch_protection_test

import data.nachweis.access.github_branch_protection as check

_bp(repository, branch, reviews, admins) := {
	"repository": repository, "branch": branch,
	"required_approving_review_count": reviews, "enforce_admins": admins,
	"ref": sprintf("sources/github/branch-protection/%s.json", [repository]),
}

_input(protections) := {"github": {"example-org": {
	"present": {"organization": true, "branch_protection": true},
	"errors": {},
	"organization": {"login": "example-org", "ref": "sources/github/org.json"},
	"branch_protection": protections,
}}}

_statuses(rs, resource) := {r.status | some r in rs; r.resource == resource}

test_pass_with_review_and_admin_enforcement if {
	rs := check.results with input as _input({"example-org/api:main": _bp("example-org/api", "main", 2, true)})
	_statuses(rs, "github/example-org/branch-protection/example-org/api:main") == {"pass"}
	some r in rs
	r.message == {"id": "pass", "args": {"branch": "example-org/api:main", "reviews": 2}}
	r.refs == ["sources/github/branch-protection/example-org/api.json"]
}

test_fail_without_review if {
	rs := check.results with input as _input({
		"example-org/api:main": _bp("example-org/api", "main", 1, true),
		"example-org/web:main": _bp("example-org/web", "main", 0, true),
	})
	_statuses(rs, "github/example-org/branch-protection/example-org/web:main") == {"fail"}
	_statuses(rs, "github/example-org/branch-protection/example-org/api:main") == {"pass"}
	some r in rs
	r.resource == "github/example-org/branch-protection/example-org/web:main"
	r.message == {"id": "too_few", "args": {"branch": "example-org/web:main", "reviews": 0}}
}

test_fail_without_admin_enforcement if {
	rs := check.results with input as _input({"example-org/api:main": _bp("example-org/api", "main", 1, false)})
	_statuses(rs, "github/example-org/branch-protection/example-org/api:main") == {"fail"}
	some r in rs
	r.message == {"id": "not_enforced", "args": {"branch": "example-org/api:main"}}
}

test_no_evidence_when_fields_null if {
	rs := check.results with input as _input({"example-org/api:main": _bp("example-org/api", "main", null, true)})
	_statuses(rs, "github/example-org/branch-protection/example-org/api:main") == {"no-evidence"}
}

test_no_evidence_without_recorded_protection if {
	rs := check.results with input as _input({})
	_statuses(rs, "github/example-org") == {"no-evidence"}
	count(rs) == 1
}

test_no_evidence_when_not_collected if {
	rs := check.results with input as {"github": {"example-org": {"present": {"branch_protection": false}, "errors": {}}}}
	_statuses(rs, "github/example-org") == {"no-evidence"}
}

_rs(id, name, enforcement, reviews, admins_bypass) := {
	"id": id, "name": name, "source": "example-org/web", "enforcement": enforcement,
	"required_approving_review_count": reviews, "bypass_actors": [], "admins_bypass": admins_bypass,
	"ref": sprintf("sources/github/example-org/rulesets.json#/%d", [id]),
}

_with_rulesets(protections, rulesets) := {"github": {"example-org": {
	"present": {"organization": true, "branch_protection": true, "rulesets": true},
	"errors": {},
	"organization": {"login": "example-org", "ref": "sources/github/org.json"},
	"branch_protection": protections,
	"rulesets": rulesets,
}}}

_web_unprotected := {"example-org/web:main": _bp("example-org/web", "main", 0, false)}

_web_rulesets(list) := {"example-org/web": {
	"repository": "example-org/web", "branch": "main", "rulesets": list,
	"ref": "sources/github/example-org/rulesets.json#/0",
}}

test_ruleset_with_review_and_no_admin_bypass_passes if {
	rs := check.results with input as _with_rulesets(_web_unprotected, _web_rulesets([_rs(42, "main review", "active", 1, false)]))
	_statuses(rs, "github/example-org/branch-protection/example-org/web:main") == {"pass"}
	some r in rs
	ruleset := {"id": "ruleset_named", "args": {"name": "main review", "id": 42}}
	r.message == {"id": "ruleset_protects", "args": {"branch": "example-org/web:main", "ruleset": ruleset, "reviews": 1}}
	r.refs == ["sources/github/branch-protection/example-org/web.json", "sources/github/example-org/rulesets.json#/42"]
	r.measured == {"id": "measured", "args": {"parts": [
		{"id": "measured_classic", "args": {"reviews": 0, "admins": false}},
		{"id": "describe", "args": {"ruleset": ruleset, "enforcement": "active", "reviews": 1, "bypass": false}},
	]}}
}

test_ruleset_admins_may_bypass_fails if {
	rs := check.results with input as _with_rulesets(_web_unprotected, _web_rulesets([_rs(42, "main review", "active", 2, true)]))
	_statuses(rs, "github/example-org/branch-protection/example-org/web:main") == {"fail"}
	some r in rs
	r.message == {"id": "no_ruleset_protects", "args": {"classic": {"id": "too_few_not_enforced", "args": {"branch": "example-org/web:main", "reviews": 0}}}}
}

test_ruleset_without_reviews_or_not_active_fails if {
	rs1 := check.results with input as _with_rulesets(_web_unprotected, _web_rulesets([_rs(42, "signed commits", "active", 0, false)]))
	_statuses(rs1, "github/example-org/branch-protection/example-org/web:main") == {"fail"}
	rs2 := check.results with input as _with_rulesets(_web_unprotected, _web_rulesets([_rs(42, "trial", "evaluate", 1, false)]))
	_statuses(rs2, "github/example-org/branch-protection/example-org/web:main") == {"fail"}
}

test_ruleset_bypass_not_visible_is_no_evidence if {
	rs := check.results with input as _with_rulesets(_web_unprotected, _web_rulesets([_rs(42, "main review", "active", 1, null)]))
	_statuses(rs, "github/example-org/branch-protection/example-org/web:main") == {"no-evidence"}
	some r in rs
	r.message.id == "ruleset_unknown"
	r.message.args.rulesets == [{"id": "ruleset_named", "args": {"name": "main review", "id": 42}}]
}

test_one_protecting_ruleset_is_enough if {
	rs := check.results with input as _with_rulesets(_web_unprotected, _web_rulesets([
		_rs(41, "owners bypass", "active", 2, true),
		_rs(42, "main review", "active", 1, false),
	]))
	_statuses(rs, "github/example-org/branch-protection/example-org/web:main") == {"pass"}
}

test_classic_pass_ignores_rulesets if {
	rs := check.results with input as _with_rulesets(
		{"example-org/web:main": _bp("example-org/web", "main", 1, true)},
		_web_rulesets([_rs(42, "main review", "active", 1, null)]),
	)
	_statuses(rs, "github/example-org/branch-protection/example-org/web:main") == {"pass"}
	some r in rs
	r.refs == ["sources/github/branch-protection/example-org/web.json"]
}

test_imported_ruleset_without_branch_protection if {
	entry := {
		"repository": "example-org/web", "branch": "", "ref": "sources/github/example-org/ruleset.json#",
		"rulesets": [_rs(42, "main review", "active", 1, false)],
	}
	rs := check.results with input as _with_rulesets({}, {"example-org/web": entry})
	_statuses(rs, "github/example-org/branch-protection/example-org/web:(default branch)") == {"pass"}
	count(rs) == 1

	listed := object.union(entry, {"rulesets": [object.union(_rs(42, "main review", "active", null, null), {"required_approving_review_count": null})]})
	rs2 := check.results with input as _with_rulesets({}, {"example-org/web": listed})
	_statuses(rs2, "github/example-org/branch-protection/example-org/web:(default branch)") == {"no-evidence"}

	none := object.union(entry, {"rulesets": []})
	rs3 := check.results with input as _with_rulesets({}, {"example-org/web": none})
	_statuses(rs3, "github/example-org/branch-protection/example-org/web:(default branch)") == {"fail"}
	some r in rs3
	r.message == {"id": "no_classic", "args": {"branch": "example-org/web:(default branch)"}}
}

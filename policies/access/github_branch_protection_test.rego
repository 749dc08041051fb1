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
	r.message == "branch example-org/api:main requires 2 approving reviews and enforces the rules for administrators"
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
	r.message == "branch example-org/web:main requires 0 approving reviews (expected at least 1)"
}

test_fail_without_admin_enforcement if {
	rs := check.results with input as _input({"example-org/api:main": _bp("example-org/api", "main", 1, false)})
	_statuses(rs, "github/example-org/branch-protection/example-org/api:main") == {"fail"}
	some r in rs
	r.message == "branch example-org/api:main does not enforce the rules for administrators"
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

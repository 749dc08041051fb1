package nachweis.access.github_2fa_required_test

import data.nachweis.access.github_2fa_required as check

_input(required) := {"github": {"example-org": {
	"present": {"organization": true},
	"errors": {},
	"organization": {
		"login": "example-org", "two_factor_requirement_enabled": required,
		"default_repository_permission": "read", "ref": "sources/github/org.json",
	},
}}}

_result(rs) := r if {
	some r in rs
	r.resource == "github/example-org"
}

test_pass_when_2fa_required if {
	rs := check.results with input as _input(true)
	count(rs) == 1
	r := _result(rs)
	r.status == "pass"
	r.message == "organisation example-org requires two-factor authentication"
	r.refs == ["sources/github/org.json"]
}

test_fail_when_2fa_not_required if {
	rs := check.results with input as _input(false)
	count(rs) == 1
	_result(rs).status == "fail"
}

test_no_evidence_when_not_visible if {
	rs := check.results with input as _input(null)
	r := _result(rs)
	r.status == "no-evidence"
	contains(r.message, "visible to organisation owners only")
}

test_no_evidence_when_organization_missing if {
	rs := check.results with input as {"github": {"example-org": {
		"present": {"organization": false},
		"errors": {"organization": "401 Bad credentials"},
		"organization": null,
	}}}
	r := _result(rs)
	r.status == "no-evidence"
	r.message == "GitHub organisation example-org cannot be assessed: organization evidence is missing (collector error: 401 Bad credentials)"
}

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
	r.message == {"id": "pass", "args": {"org": "example-org"}}
	r.measured == {"id": "measured", "args": {"value": true}}
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
	r.message == {"id": "setting_not_visible", "args": {"org": "example-org"}}
	r.measured.id == "not_visible"
}

test_no_evidence_when_organization_missing if {
	rs := check.results with input as {"github": {"example-org": {
		"present": {"organization": false},
		"errors": {"organization": "401 Bad credentials"},
		"organization": null,
	}}}
	r := _result(rs)
	r.status == "no-evidence"
	r.message == {"id": "github_org_not_assessable", "args": {
		"org": "example-org",
		"reason": {"id": "evidence_missing_collector", "args": {"key": "organization", "error": "401 Bad credentials"}},
	}}
}

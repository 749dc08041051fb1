package nachweis.development.secret_scanning_test

import data.nachweis.development.secret_scanning as check

_repo(name, scanning, push, i) := {
	"repository": name, "archived": false, "private": true, "admin": true,
	"secret_scanning": scanning, "push_protection": push, "ref": sprintf("repositories.json#/%d", [i]),
}

_input(repos) := {"github": {"example-org": {
	"present": {"repositories": true}, "errors": {}, "organization": {"login": "example-org"}, "repositories": repos,
}}}

_result(rs, resource) := r if {
	some r in rs
	r.resource == resource
}

test_pass_both_enabled if {
	rs := check.results with input as _input([_repo("example-org/api", "enabled", "enabled", 0)])
	count(rs) == 1
	r := _result(rs, "github/example-org/repository/example-org/api")
	r.status == "pass"
	r.message == {"id": "pass", "args": {"repository": "example-org/api"}}
	r.refs == ["repositories.json#/0"]
}

test_fail_push_protection_disabled if {
	rs := check.results with input as _input([_repo("example-org/api", "enabled", "disabled", 0), object.union(_repo("example-org/old", "disabled", "disabled", 1), {"archived": true})])
	count(rs) == 1
	r := _result(rs, "github/example-org/repository/example-org/api")
	r.status == "fail"
	r.message == {"id": "fail", "args": {"repository": "example-org/api", "off": [{"id": "push_protection", "args": {}}]}}
	r.measured == {"id": "measured", "args": {
		"secret_scanning": {"id": "status", "args": {"status": "enabled"}},
		"push_protection": {"id": "status", "args": {"status": "disabled"}},
	}}
}

# A disabled setting fails even when the other was not shown.
test_fail_before_unknown if {
	rs := check.results with input as _input([_repo("example-org/api", "disabled", null, 0)])
	_result(rs, "github/example-org/repository/example-org/api").status == "fail"
}

test_no_evidence_settings_not_shown if {
	rs := check.results with input as _input([_repo("example-org/api", null, null, 0)])
	r := _result(rs, "github/example-org/repository/example-org/api")
	r.status == "no-evidence"
	r.message == {"id": "not_known", "args": {"repository": "example-org/api", "unknown": [{"id": "secret_scanning", "args": {}}, {"id": "push_protection", "args": {}}]}}
}

test_no_evidence_without_repositories if {
	rs := check.results with input as {"github": {"example-org": {"present": {"repositories": false}, "errors": {"repositories": "502 Bad Gateway"}}}}
	count(rs) == 1
	_result(rs, "github/example-org").status == "no-evidence"
}

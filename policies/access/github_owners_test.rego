package nachweis.access.github_owners_test

import data.nachweis.access.github_owners as check

_input(owners) := {
	"params": {"github_max_owners": 3},
	"github": {"example-org": {
		"present": {"organization": true, "owners": true},
		"errors": {},
		"organization": {"login": "example-org", "ref": "sources/github/org.json"},
		"owners": owners,
	}},
}

_owners(logins) := [{"login": l, "ref": sprintf("sources/github/owners.json#/%s", [l])} | some l in logins]

_result(rs) := r if {
	some r in rs
	r.resource == "github/example-org"
}

test_pass_with_few_owners if {
	rs := check.results with input as _input(_owners(["octocat", "hubot"]))
	count(rs) == 1
	r := _result(rs)
	r.status == "pass"
	r.measured == {"id": "measured", "args": {"count": 2, "logins": ["hubot", "octocat"]}}
	r.message == {"id": "pass", "args": {"org": "example-org", "count": 2, "max": 3, "logins": ["hubot", "octocat"]}}
}

test_pass_at_maximum if {
	rs := check.results with input as _input(_owners(["a", "b", "c"]))
	_result(rs).status == "pass"
}

test_fail_with_too_many_owners if {
	rs := check.results with input as _input(_owners(["a", "b", "c", "d"]))
	r := _result(rs)
	r.status == "fail"
	r.message == {"id": "fail", "args": {"org": "example-org", "count": 4, "max": 3, "logins": ["a", "b", "c", "d"]}}
	count(r.refs) == 4
}

test_no_evidence_when_owners_null if {
	rs := check.results with input as _input(null)
	_result(rs).status == "no-evidence"
}

test_no_evidence_when_not_collected if {
	rs := check.results with input as {"params": {"github_max_owners": 3}, "github": {"example-org": {"present": {"owners": false}, "errors": {}}}}
	_result(rs).status == "no-evidence"
}

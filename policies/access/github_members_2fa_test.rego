package nachweis.access.github_members_2fa_test

import data.nachweis.access.github_members_2fa as check

_input(disabled) := {"github": {"example-org": {
	"present": {"organization": true, "members": true, "members_2fa_disabled": true},
	"errors": {},
	"organization": {"login": "example-org", "two_factor_requirement_enabled": true, "ref": "sources/github/org.json"},
	"members": [{"login": "octocat", "ref": "m0"}, {"login": "hubot", "ref": "m1"}, {"login": "monalisa", "ref": "m2"}],
	"members_2fa_disabled": disabled,
}}}

_statuses(rs, resource) := {r.status | some r in rs; r.resource == resource}

test_pass_without_members_lacking_2fa if {
	rs := check.results with input as _input([])
	count(rs) == 1
	_statuses(rs, "github/example-org") == {"pass"}
	some r in rs
	r.message == {"id": "pass_of", "args": {"org": "example-org", "members": 3}}
}

test_fail_per_member_without_2fa if {
	rs := check.results with input as _input([{"login": "octocat", "ref": "d0"}, {"login": "hubot", "ref": "d1"}])
	count(rs) == 2
	_statuses(rs, "github/example-org/member/octocat") == {"fail"}
	_statuses(rs, "github/example-org/member/hubot") == {"fail"}
	_statuses(rs, "github/example-org") == set()
	some r in rs
	r.resource == "github/example-org/member/octocat"
	r.message == {"id": "fail", "args": {"login": "octocat", "org": "example-org"}}
	r.measured.id == "measured"
	r.measured.args.count == 2
	sort(r.measured.args.logins) == ["hubot", "octocat"]
	r.refs == ["d0"]
}

test_no_evidence_when_list_null if {
	rs := check.results with input as _input(null)
	_statuses(rs, "github/example-org") == {"no-evidence"}
}

test_no_evidence_when_not_collected if {
	rs := check.results with input as {"github": {"example-org": {
		"present": {"organization": true, "members_2fa_disabled": false},
		"errors": {"members_2fa_disabled": "403 Must be an organization owner"},
		"organization": {"login": "example-org"},
		"members_2fa_disabled": null,
	}}}
	count(rs) == 1
	_statuses(rs, "github/example-org") == {"no-evidence"}
	some r in rs
	contains(json.marshal(r.message), "403 Must be an organization owner")
}

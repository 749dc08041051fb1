package nachweis.access.github_outside_collaborators_test

import data.nachweis.access.github_outside_collaborators as check

_input(collaborators) := {"github": {"example-org": {
	"present": {"organization": true, "outside_collaborators": true},
	"errors": {},
	"organization": {"login": "example-org", "ref": "sources/github/org.json"},
	"outside_collaborators": collaborators,
}}}

_statuses(rs, resource) := {r.status | some r in rs; r.resource == resource}

test_pass_per_outside_collaborator if {
	rs := check.results with input as _input([{"login": "contractor-1", "ref": "c0"}, {"login": "auditor", "ref": "c1"}])
	count(rs) == 2
	_statuses(rs, "github/example-org/outside-collaborator/contractor-1") == {"pass"}
	_statuses(rs, "github/example-org/outside-collaborator/auditor") == {"pass"}
	some r in rs
	r.resource == "github/example-org/outside-collaborator/auditor"
	r.message == {"id": "collaborator", "args": {"login": "auditor", "org": "example-org"}}
	r.refs == ["c1"]
}

test_pass_without_outside_collaborators if {
	rs := check.results with input as _input([])
	count(rs) == 1
	_statuses(rs, "github/example-org") == {"pass"}
	some r in rs
	r.message == {"id": "no_collaborators", "args": {"org": "example-org"}}
}

# The check never fails on a listed collaborator; what can fail is the
# evidence: a list that was not collected must not look like "none".
test_no_evidence_when_list_null if {
	rs := check.results with input as _input(null)
	_statuses(rs, "github/example-org") == {"no-evidence"}
	count(rs) == 1
}

test_no_evidence_when_not_collected if {
	rs := check.results with input as {"github": {"example-org": {"present": {"outside_collaborators": false}, "errors": {"outside_collaborators": "403 Forbidden"}}}}
	_statuses(rs, "github/example-org") == {"no-evidence"}
}

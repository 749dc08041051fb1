package nachweis.access.github_collaborator_admin_test

import data.nachweis.access.github_collaborator_admin as check

_c(repository, login, permission, admin) := {
	"repository": repository, "login": login, "permission": permission, "admin": admin,
	"ref": sprintf("sources/github/example-org/collaborator-permissions.json#/%s", [login]),
}

_input(collaborators) := {"github": {"example-org": {
	"present": {"collaborator_permissions": true},
	"errors": {},
	"organization": {"login": "example-org", "ref": "org.json#"},
	"collaborator_permissions": collaborators,
}}}

_by_resource(rs) := {r.resource: r.status | some r in rs}

test_admin_fails_others_pass if {
	rs := check.results with input as _input([
		_c("example-org/api", "contractor", "admin", true),
		_c("example-org/web", "contractor", "write", false),
		_c("example-org/web", "auditor", "read", false),
	])
	_by_resource(rs) == {
		"github/example-org/repository/example-org/api/outside-collaborator/contractor": "fail",
		"github/example-org/repository/example-org/web/outside-collaborator/contractor": "pass",
		"github/example-org/repository/example-org/web/outside-collaborator/auditor": "pass",
	}
	some r in rs
	r.status == "fail"
	r.message == {"id": "fail", "args": {"login": "contractor", "repository": "example-org/api"}}
	r.measured == {"id": "measured", "args": {"permission": {"id": "permission", "args": {"permission": "admin"}}}}
	r.refs == ["sources/github/example-org/collaborator-permissions.json#/contractor"]
}

test_custom_role_with_admin_flag_fails if {
	rs := check.results with input as _input([_c("example-org/api", "ops", "release-manager", true)])
	{r.status | some r in rs} == {"fail"}
}

test_pass_message_names_permission if {
	rs := check.results with input as _input([_c("example-org/web", "auditor", "read", false)])
	some r in rs
	r.message == {"id": "pass", "args": {"login": "auditor", "permission": {"id": "permission", "args": {"permission": "read"}}, "repository": "example-org/web"}}
}

test_unknown_permission_is_no_evidence if {
	rs := check.results with input as _input([_c("example-org/web", "auditor", "", null)])
	{r.status | some r in rs} == {"no-evidence"}
	some r in rs
	r.measured == {"id": "measured", "args": {"permission": {"id": "not_recorded", "args": {}}}}
}

test_none_is_one_pass if {
	rs := check.results with input as _input([])
	count(rs) == 1
	some r in rs
	r.status == "pass"
	r.resource == "github/example-org"
}

test_not_collected_is_no_evidence if {
	rs := check.results with input as {"github": {"example-org": {
		"present": {"collaborator_permissions": false},
		"errors": {"collaborator_permissions": "GET /repos/example-org/api/collaborators: 403 Must have admin rights"},
	}}}
	count(rs) == 1
	some r in rs
	r.status == "no-evidence"
	contains(json.marshal(r.message), "403 Must have admin rights")
}

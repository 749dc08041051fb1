package nachweis.access.github_default_permission_test

import data.nachweis.access.github_default_permission as check

_input(permission) := {"github": {"example-org": {
	"present": {"organization": true},
	"errors": {},
	"organization": {"login": "example-org", "default_repository_permission": permission, "ref": "sources/github/example-org/organization.json#"},
}}}

_status(permission) := {r.status | some r in check.results with input as _input(permission)}

test_read_and_none_pass if {
	_status("read") == {"pass"}
	_status("none") == {"pass"}
}

test_write_and_admin_fail if {
	_status("write") == {"fail"}
	_status("admin") == {"fail"}
	some r in check.results with input as _input("write")
	r.message == {"id": "fail", "args": {"org": "example-org", "permission": "write"}}
	r.refs == ["sources/github/example-org/organization.json#"]
}

test_not_visible_is_no_evidence if {
	_status(null) == {"no-evidence"}
}

test_not_collected_is_no_evidence if {
	rs := check.results with input as {"github": {"example-org": {"present": {"organization": false}, "errors": {}}}}
	{r.status | some r in rs} == {"no-evidence"}
}

package nachweis.access.github_deploy_keys_test

import data.nachweis.access.github_deploy_keys as check

_k(repository, id, title, read_only) := {
	"repository": repository, "id": id, "title": title, "read_only": read_only,
	"created_at": "2025-03-14T09:26:53Z",
	"ref": sprintf("sources/github/example-org/deploy-keys.json#/%d", [id]),
}

_input(keys) := {"github": {"example-org": {
	"present": {"deploy_keys": true},
	"errors": {},
	"organization": {"login": "example-org", "ref": "org.json#"},
	"deploy_keys": keys,
}}}

test_write_key_fails_read_only_passes if {
	rs := check.results with input as _input([
		_k("example-org/api", 7, "ci-deploy", false),
		_k("example-org/api", 8, "mirror", true),
	])
	{r.resource: r.status | some r in rs} == {
		"github/example-org/repository/example-org/api/deploy-key/7": "fail",
		"github/example-org/repository/example-org/api/deploy-key/8": "pass",
	}
	some r in rs
	r.status == "fail"
	r.message == {"id": "key", "args": {
		"title": "ci-deploy", "repository": "example-org/api",
		"created": {"id": "created", "args": {"date_ns": time.parse_rfc3339_ns("2025-03-14T09:26:53Z")}},
		"access": {"id": "write", "args": {}},
	}}
	r.measured == {"id": "measured", "args": {"read_only": false}}
	r.refs == ["sources/github/example-org/deploy-keys.json#/7"]
}

test_read_only_message if {
	rs := check.results with input as _input([_k("example-org/web", 3, "mirror", true)])
	some r in rs
	r.message.args.title == "mirror"
	r.message.args.access == {"id": "read_only", "args": {}}
}

test_unknown_access_is_no_evidence if {
	rs := check.results with input as _input([_k("example-org/web", 3, "mirror", null)])
	{r.status | some r in rs} == {"no-evidence"}
}

test_none_is_one_pass if {
	rs := check.results with input as _input([])
	{r.resource: r.status | some r in rs} == {"github/example-org": "pass"}
}

test_not_collected_is_no_evidence if {
	rs := check.results with input as {"github": {"example-org": {"present": {"deploy_keys": false}, "errors": {}}}}
	{r.status | some r in rs} == {"no-evidence"}
}

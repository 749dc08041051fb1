package nachweis.development.dependabot_enabled_test

import data.nachweis.development.dependabot_enabled as check

_repo(name, archived, i) := {"repository": name, "archived": archived, "private": true, "admin": true, "ref": sprintf("repositories.json#/%d", [i])}

_alert(name, enabled, i) := {"repository": name, "enabled": enabled, "ref": sprintf("vulnerability-alerts.json#/%d", [i])}

_input(repos, alerts) := {"github": {"example-org": {
	"present": {"repositories": true, "vulnerability_alerts": true}, "errors": {},
	"organization": {"login": "example-org"},
	"repositories": repos, "vulnerability_alerts": alerts,
}}}

_result(rs, resource) := r if {
	some r in rs
	r.resource == resource
}

test_pass_enabled if {
	rs := check.results with input as _input([_repo("example-org/api", false, 0)], [_alert("example-org/api", true, 0)])
	count(rs) == 1
	r := _result(rs, "github/example-org/repository/example-org/api")
	r.status == "pass"
	r.message == {"id": "pass", "args": {"repository": "example-org/api"}}
	r.refs == ["repositories.json#/0", "vulnerability-alerts.json#/0"]
}

test_fail_disabled_archived_skipped if {
	rs := check.results with input as _input(
		[_repo("example-org/api", false, 0), _repo("example-org/old", true, 1)],
		[_alert("example-org/api", false, 0), _alert("example-org/old", false, 1)],
	)
	count(rs) == 1
	r := _result(rs, "github/example-org/repository/example-org/api")
	r.status == "fail"
	r.message == {"id": "fail", "args": {"repository": "example-org/api"}}
	r.measured == {"id": "measured", "args": {"state": {"id": "disabled", "args": {}}}}
}

test_no_evidence_unknown_or_missing if {
	rs := check.results with input as _input(
		[_repo("example-org/api", false, 0), _repo("example-org/web", false, 1)],
		[_alert("example-org/api", null, 0)],
	)
	_result(rs, "github/example-org/repository/example-org/api").status == "no-evidence"
	_result(rs, "github/example-org/repository/example-org/web").status == "no-evidence"
}

test_no_evidence_without_alert_settings if {
	rs := check.results with input as {"github": {"example-org": {
		"present": {"repositories": true, "vulnerability_alerts": false}, "errors": {"vulnerability_alerts": "GET /repos/x/y/vulnerability-alerts: 500"},
		"repositories": [_repo("example-org/api", false, 0)],
	}}}
	count(rs) == 1
	_result(rs, "github/example-org").status == "no-evidence"
}

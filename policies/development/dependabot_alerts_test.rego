package nachweis.development.dependabot_alerts_test

import data.nachweis.development.dependabot_alerts as check

# 2026-11-23T19:00:00Z
_now := 1795460400000000000

_day := 86400000000000

_alert(repo, number, severity, state, age_days, i) := {
	"repository": repo, "number": number, "state": state, "severity": severity,
	"package": "django", "ecosystem": "pip", "ghsa_id": "GHSA-rf4j-j272-fj86", "cve_id": "CVE-2018-6188",
	"created_ns": _now - (age_days * _day), "html_url": "https://github.com/x", "ref": sprintf("dependabot-alerts.json#/%d", [i]),
}

_input(alerts) := {"now_ns": _now, "params": {"dependabot_max_age_s": 2592000}, "github": {"example-org": {
	"present": {"dependabot_alerts": true}, "errors": {}, "organization": {"login": "example-org"},
	"files": {"dependabot_alerts": ["dependabot-alerts.json#"]},
	"dependabot_alerts": alerts,
}}}

_result(rs, resource) := r if {
	some r in rs
	r.resource == resource
}

test_pass_within_deadline if {
	rs := check.results with input as _input([
		_alert("example-org/api", 1, "high", "open", 12, 0),
		_alert("example-org/api", 2, "medium", "open", 200, 1),
		_alert("example-org/web", 3, "critical", "dismissed", 90, 2),
	])
	count(rs) == 1
	r := _result(rs, "github/example-org/dependabot-alerts")
	r.status == "pass"
	r.message == {"id": "pass", "args": {"org": "example-org", "max_age_s": 2592000, "count": 1}}
	r.refs == ["dependabot-alerts.json#", "dependabot-alerts.json#/0"]
}

test_pass_without_alerts if {
	rs := check.results with input as _input([])
	r := _result(rs, "github/example-org/dependabot-alerts")
	r.status == "pass"
	r.refs == ["dependabot-alerts.json#"]
}

test_fail_overdue_alert if {
	rs := check.results with input as _input([_alert("example-org/api", 7, "critical", "open", 45, 0), _alert("example-org/api", 8, "high", "open", 3, 1)])
	count(rs) == 1
	r := _result(rs, "github/example-org/repository/example-org/api/dependabot-alert/7")
	r.status == "fail"
	r.message == {"id": "overdue", "args": {
		"alert": {"id": "alert", "args": {
			"number": 7, "repository": "example-org/api", "severity": "critical",
			"ecosystem": "pip", "package": "django", "advisory": ["GHSA-rf4j-j272-fj86", "CVE-2018-6188"],
		}},
		"created_ns": _now - (45 * _day), "age_s": 45 * 86400, "max_age_s": 2592000,
	}}
	r.measured == {"id": "measured_overdue", "args": {"created_ns": _now - (45 * _day), "age_s": 45 * 86400}}
}

test_no_evidence_without_creation_time if {
	rs := check.results with input as _input([object.union(_alert("example-org/api", 9, "high", "open", 0, 0), {"created_ns": null})])
	_result(rs, "github/example-org/repository/example-org/api/dependabot-alert/9").status == "no-evidence"
}

test_no_evidence_without_alerts_listed if {
	rs := check.results with input as {"now_ns": _now, "github": {"example-org": {
		"present": {"dependabot_alerts": false}, "errors": {"dependabot_alerts": "403 Resource not accessible"},
	}}}
	count(rs) == 1
	_result(rs, "github/example-org").status == "no-evidence"
}

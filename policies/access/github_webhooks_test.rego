package nachweis.access.github_webhooks_test

import data.nachweis.access.github_webhooks as check

_h(id, url, insecure, secret) := {
	"id": id, "url": url, "active": true, "insecure_ssl": insecure, "secret_configured": secret,
	"events": ["push"], "ref": sprintf("sources/github/example-org/webhooks.json#/%d", [id]),
}

_input(hooks) := {"github": {"example-org": {
	"present": {"webhooks": true},
	"errors": {},
	"organization": {"login": "example-org", "ref": "org.json#"},
	"webhooks": hooks,
}}}

_by_resource(rs) := {r.resource: r.status | some r in rs}

test_insecure_or_unsigned_fail if {
	rs := check.results with input as _input([
		_h(1, "https://ci.example.com/hook", false, true),
		_h(2, "https://chat.example.com/hook", true, true),
		_h(3, "http://example.com", false, false),
	])
	_by_resource(rs) == {
		"github/example-org/webhook/1": "pass",
		"github/example-org/webhook/2": "fail",
		"github/example-org/webhook/3": "fail",
	}
	some r2 in rs
	r2.resource == "github/example-org/webhook/2"
	r2.message == {"id": "insecure", "args": {"hook": _hook(2, "https://chat.example.com/hook")}}
	r2.measured == {"id": "measured", "args": {"insecure": {"id": "ssl_value", "args": {"value": "1"}}, "secret": true}}
	r2.refs == ["sources/github/example-org/webhooks.json#/2"]
	some r3 in rs
	r3.resource == "github/example-org/webhook/3"
	r3.message == {"id": "no_secret", "args": {"hook": _hook(3, "http://example.com")}}
}

test_both_problems_in_one_result if {
	rs := check.results with input as _input([_h(4, "https://x.example.com/", true, false)])
	count(rs) == 1
	some r in rs
	r.status == "fail"
	r.message == {"id": "insecure_no_secret", "args": {"hook": _hook(4, "https://x.example.com/")}}
}

test_pass_message if {
	rs := check.results with input as _input([_h(1, "https://ci.example.com/hook", false, true)])
	some r in rs
	r.message == {"id": "pass", "args": {"hook": _hook(1, "https://ci.example.com/hook")}}
}

test_unknown_tls_setting_is_no_evidence if {
	rs := check.results with input as _input([_h(5, "", null, true)])
	_by_resource(rs) == {"github/example-org/webhook/5": "no-evidence"}
	some r in rs
	r.message == {"id": "tls_not_recorded", "args": {"hook": {"id": "hook", "args": {"id": 5, "target": {"id": "target_not_recorded", "args": {}}}}}}
}

test_unknown_tls_setting_without_secret_fails if {
	rs := check.results with input as _input([_h(6, "https://x.example.com/", null, false)])
	_by_resource(rs) == {"github/example-org/webhook/6": "fail"}
}

test_none_is_one_pass if {
	rs := check.results with input as _input([])
	_by_resource(rs) == {"github/example-org": "pass"}
}

test_not_collected_is_no_evidence if {
	rs := check.results with input as {"github": {"example-org": {
		"present": {"webhooks": false},
		"errors": {"webhooks": "GET /orgs/example-org/hooks: 404 Not Found"},
	}}}
	count(rs) == 1
	some r in rs
	r.status == "no-evidence"
	contains(json.marshal(r.message), "404 Not Found")
}

_hook(id, url) := {"id": "hook", "args": {"id": id, "target": {"id": "target", "args": {"url": url}}}}

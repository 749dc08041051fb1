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
	r2.message == "webhook 2 (https://chat.example.com/hook) skips TLS certificate verification (insecure_ssl \"1\")"
	r2.measured == "insecure_ssl: \"1\"; secret configured: true"
	r2.refs == ["sources/github/example-org/webhooks.json#/2"]
	some r3 in rs
	r3.resource == "github/example-org/webhook/3"
	r3.message == "webhook 3 (http://example.com) has no secret, so deliveries cannot be verified"
}

test_both_problems_in_one_result if {
	rs := check.results with input as _input([_h(4, "https://x.example.com/", true, false)])
	count(rs) == 1
	some r in rs
	r.status == "fail"
	r.message == "webhook 4 (https://x.example.com/) skips TLS certificate verification (insecure_ssl \"1\") and has no secret, so deliveries cannot be verified"
}

test_pass_message if {
	rs := check.results with input as _input([_h(1, "https://ci.example.com/hook", false, true)])
	some r in rs
	r.message == "webhook 1 (https://ci.example.com/hook) verifies TLS certificates and has a secret"
}

test_unknown_tls_setting_is_no_evidence if {
	rs := check.results with input as _input([_h(5, "", null, true)])
	_by_resource(rs) == {"github/example-org/webhook/5": "no-evidence"}
	some r in rs
	r.message == "webhook 5 (target not recorded): whether it verifies TLS certificates was not recorded"
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
	contains(r.message, "404 Not Found")
}

package nachweis.kubernetes.ingress_tls_test

import data.nachweis.kubernetes.ingress_tls as check

_ingress(name, hosts, tls, i) := {
	"namespace": "acme-prod", "name": name, "tenant": "acme", "in_scope": true,
	"hosts": hosts, "tls_hosts": tls,
	"ref": sprintf("sources/prod/ingresses.json#/items/%d", [i]),
}

_input(ingresses) := {"kubernetes": {"prod": {"present": {"ingresses": true}, "errors": {}, "ingresses": ingresses}}}

_statuses(rs, resource) := {r.status | some r in rs; r.resource == resource}

test_pass_when_hosts_covered if {
	rs := check.results with input as _input([
		_ingress("web", ["acme.example.com"], ["acme.example.com"], 0),
		_ingress("api", ["api.acme.example.com", "www.acme.example.com"], ["*.acme.example.com"], 1),
	])
	_statuses(rs, "prod/ingress/acme-prod/web") == {"pass"}
	_statuses(rs, "prod/ingress/acme-prod/api") == {"pass"}
	some r in rs
	r.resource == "prod/ingress/acme-prod/web"
	r.tenant == "acme"
	r.refs == ["sources/prod/ingresses.json#/items/0"]
}

test_fail_when_host_without_tls if {
	rs := check.results with input as _input([_ingress("web", ["acme.example.com", "legacy.example.com"], ["acme.example.com"], 0)])
	_statuses(rs, "prod/ingress/acme-prod/web") == {"fail"}
	some r in rs
	r.message == {"id": "uncovered", "args": {"name": "acme-prod/web", "uncovered": _hosts(["legacy.example.com"]), "tls": _hosts(["acme.example.com"])}}
}

test_fail_wildcard_covers_one_label_only if {
	rs := check.results with input as _input([_ingress("web", ["a.b.example.com"], ["*.example.com"], 0)])
	_statuses(rs, "prod/ingress/acme-prod/web") == {"fail"}
}

test_fail_rule_without_host if {
	rs := check.results with input as _input([_ingress("web", ["*", "acme.example.com"], ["*.example.com", "acme.example.com"], 0)])
	_statuses(rs, "prod/ingress/acme-prod/web") == {"fail"}
	some r in rs
	r.message == {"id": "uncovered", "args": {"name": "acme-prod/web", "uncovered": _hosts([{"id": "any_host", "args": {}}]), "tls": _hosts(["*.example.com", "acme.example.com"])}}
}

test_no_evidence_when_tls_hosts_null if {
	rs := check.results with input as _input([_ingress("web", ["acme.example.com"], null, 0)])
	_statuses(rs, "prod/ingress/acme-prod/web") == {"no-evidence"}
}

test_no_evidence_without_hosts if {
	rs := check.results with input as _input([_ingress("web", [], [], 0)])
	_statuses(rs, "prod/ingress/acme-prod/web") == {"no-evidence"}
}

test_no_evidence_without_ingresses if {
	rs := check.results with input as {"kubernetes": {"prod": {"present": {"ingresses": false}, "errors": {"ingresses": "timeout"}}}}
	_statuses(rs, "prod") == {"no-evidence"}
}

_hosts(l) := {"id": "hosts", "args": {"hosts": l}}

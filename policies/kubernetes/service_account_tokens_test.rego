package nachweis.kubernetes.service_account_tokens_test

import data.nachweis.kubernetes.service_account_tokens as check

_token(ns, name, tenant, i) := {
	"namespace": ns, "name": name, "tenant": tenant, "in_scope": tenant != "",
	"created_ns": 1767323045000000000, "ref": sprintf("sources/prod/secrets.json#/items/%d", [i]),
}

_ns(tenant, i) := {"labels": {}, "tenant": tenant, "in_scope": tenant != "", "ref": sprintf("sources/prod/namespaces.json#/items/%d", [i])}

_namespaces := {"kube-system": _ns("", 0), "monitoring": _ns("", 1), "acme-prod": _ns("acme", 2)}

_input(tokens) := {"kubernetes": {"prod": {
	"present": {"secrets": true, "namespaces": true}, "errors": {},
	"namespaces": _namespaces,
	"service_account_tokens": tokens, "secret_files": ["sources/prod/secrets.json#"],
}}}

_result(rs, resource) := r if {
	some r in rs
	r.resource == resource
}

test_pass_every_namespace_but_kube_system if {
	rs := check.results with input as _input([_token("kube-system", "legacy-token", "", 0)])
	count(rs) == 2
	r := _result(rs, "prod/namespace/acme-prod")
	r.status == "pass"
	r.tenant == "acme"
	r.message == {"id": "clean", "args": {"namespace": "acme-prod"}}
	r.refs == ["sources/prod/namespaces.json#/items/2", "sources/prod/secrets.json#"]
	_result(rs, "prod/namespace/monitoring").status == "pass"
	not _result(rs, "prod/namespace/kube-system")
}

test_fail_token_in_tenant_and_platform_namespace if {
	rs := check.results with input as _input([_token("acme-prod", "ci-deployer-token", "acme", 3), _token("monitoring", "prometheus-token", "", 4)])
	count(rs) == 2
	r := _result(rs, "prod/secret/acme-prod/ci-deployer-token")
	r.status == "fail"
	r.tenant == "acme"
	r.message == {"id": "token_created", "args": {"name": "acme-prod/ci-deployer-token", "created_ns": time.parse_rfc3339_ns("2026-01-02T03:04:05Z")}}
	r.refs == ["sources/prod/secrets.json#/items/3"]
	_result(rs, "prod/secret/monitoring/prometheus-token").status == "fail"
	not _result(rs, "prod/namespace/acme-prod")
}

test_no_evidence_without_secrets if {
	rs := check.results with input as {"kubernetes": {"prod": {"present": {"secrets": false, "namespaces": true}, "errors": {"secrets": "secrets is forbidden"}}}}
	count(rs) == 1
	r := _result(rs, "prod")
	r.status == "no-evidence"
	contains(json.marshal(r.message), "secrets is forbidden")
}

package nachweis.kubernetes.pod_security_admission_test

import data.nachweis.kubernetes.pod_security_admission as check

_ns(labels, i) := {"labels": labels, "tenant": "acme", "in_scope": true, "ref": sprintf("sources/prod/namespaces.json#/items/%d", [i])}

_input(namespaces) := {
	"tenants": {"acme": {"name": "ACME", "namespaces": ["acme-prod", "acme-test", "acme-dev"]}},
	"kubernetes": {"prod": {"present": {"namespaces": true}, "errors": {}, "namespaces": namespaces}},
}

_result(rs, resource) := r if {
	some r in rs
	r.resource == resource
}

test_pass_restricted_and_baseline if {
	rs := check.results with input as _input({
		"acme-prod": _ns({"pod-security.kubernetes.io/enforce": "restricted"}, 0),
		"acme-test": _ns({"pod-security.kubernetes.io/enforce": "baseline", "pod-security.kubernetes.io/warn": "restricted"}, 1),
		"acme-dev": _ns({"pod-security.kubernetes.io/enforce": "restricted"}, 2),
		"kube-system": object.union(_ns({}, 3), {"in_scope": false, "tenant": ""}),
	})
	count(rs) == 3
	r := _result(rs, "prod/namespace/acme-prod")
	r.status == "pass"
	r.message == {"id": "pass", "args": {"namespace": "acme-prod", "level": "restricted"}}
	r.tenant == "acme"
	r.refs == ["sources/prod/namespaces.json#/items/0"]
	_result(rs, "prod/namespace/acme-test").measured == {"id": "measured", "args": {"enforce": _level("baseline"), "warn": _level("restricted"), "audit": {"id": "not_set", "args": {}}}}
}

test_fail_warn_only_and_privileged if {
	rs := check.results with input as _input({
		"acme-prod": _ns({"pod-security.kubernetes.io/warn": "restricted", "pod-security.kubernetes.io/audit": "baseline"}, 0),
		"acme-test": _ns({"pod-security.kubernetes.io/enforce": "privileged"}, 1),
		"acme-dev": _ns({}, 2),
	})
	r := _result(rs, "prod/namespace/acme-prod")
	r.status == "fail"
	r.message == {"id": "fail_only", "args": {"namespace": "acme-prod", "enforce": {"id": "not_set", "args": {}}, "only": [
		{"id": "only", "args": {"mode": "warn", "level": "restricted"}},
		{"id": "only", "args": {"mode": "audit", "level": "baseline"}},
	]}}
	_result(rs, "prod/namespace/acme-test").message == {"id": "fail", "args": {"namespace": "acme-test", "enforce": _level("privileged")}}
	_result(rs, "prod/namespace/acme-dev").status == "fail"
}

test_no_evidence_for_declared_namespace_not_found if {
	rs := check.results with input as _input({
		"acme-prod": _ns({"pod-security.kubernetes.io/enforce": "restricted"}, 0),
		"acme-test": _ns({"pod-security.kubernetes.io/enforce": "restricted"}, 1),
	})
	r := _result(rs, "namespace/acme-dev")
	r.status == "no-evidence"
	r.tenant == "acme"
}

test_no_evidence_without_namespaces if {
	rs := check.results with input as {"kubernetes": {"prod": {"present": {"namespaces": false}, "errors": {"namespaces": "namespaces is forbidden"}}}}
	count(rs) == 1
	r := _result(rs, "prod")
	r.status == "no-evidence"
	contains(json.marshal(r.message), "namespaces is forbidden")
}

_level(l) := {"id": "level", "args": {"level": l}}

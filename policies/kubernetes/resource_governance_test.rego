package nachweis.kubernetes.resource_governance_test

import data.nachweis.kubernetes.resource_governance as check

_ns(i) := {"labels": {}, "tenant": "acme", "in_scope": true, "ref": sprintf("sources/prod/namespaces.json#/items/%d", [i])}

_spec(name, no_limit) := {
	"kind": "Deployment", "namespace": "acme-prod", "name": name, "tenant": "acme", "in_scope": true,
	"workload": sprintf("deployment/acme-prod/%s", [name]), "pods": 2, "no_memory_limit": no_limit,
	"ref": sprintf("sources/prod/deployments.json#/items/%s", [name]),
}

_unset(c) := {"container": c, "field": sprintf("containers[%s].resources.limits.memory", [c]), "value": "unset"}

_quota := {"name": "compute", "hard": ["limits.memory", "pods"], "ref": "sources/prod/resourcequotas.json#/items/0"}

_range(limit) := {"name": "defaults", "default_memory_limit": limit, "max_memory": "", "ref": "sources/prod/limitranges.json#/items/0"}

_input(quotas, ranges, specs) := {
	"tenants": {"acme": {"name": "ACME", "namespaces": ["acme-prod"]}},
	"kubernetes": {"prod": {
		"present": {"namespaces": true, "resourcequotas": true, "limitranges": true, "pods": true, "workloads": true},
		"errors": {},
		"namespaces": {"acme-prod": _ns(0)},
		"resourcequotas_by_namespace": quotas,
		"limitranges_by_namespace": ranges,
		"pod_specs_by_namespace": {"acme-prod": specs},
	}},
}

_one(rs) := r if {
	count(rs) == 1
	some r in rs
}

test_pass_with_own_limits if {
	r := _one(check.results) with input as _input({"acme-prod": [_quota]}, {"acme-prod": [_range("")]}, [_spec("web", []), _spec("api", [])])
	r.status == "pass"
	r.resource == "prod/namespace/acme-prod"
	r.message == {"id": "pass", "args": {
		"namespace": "acme-prod", "quotas": ["compute"], "quota_count": 1, "ranges": ["defaults"], "range_count": 1,
		"workloads": 2,
	}}
	r.tenant == "acme"
	r.refs == ["sources/prod/namespaces.json#/items/0", "sources/prod/resourcequotas.json#/items/0", "sources/prod/limitranges.json#/items/0"]
}

# A LimitRange's default memory limit is given to every container
# without one at admission.
test_pass_with_limit_range_default if {
	r := _one(check.results) with input as _input({"acme-prod": [_quota]}, {"acme-prod": [_range("512Mi")]}, [_spec("web", [_unset("web")])])
	r.status == "pass"
	r.message.id == "pass_default"
	r.message.args.defaults == ["512Mi"]
}

test_fail_without_quota_range_and_limits if {
	r := _one(check.results) with input as _input({}, {}, [_spec("web", [_unset("web"), _unset("sidecar")])])
	r.status == "fail"
	r.message == {"id": "problems", "args": {"namespace": "acme-prod", "problems": [
		{"id": "no_quota", "args": {}},
		{"id": "no_range", "args": {}},
		{"id": "unlimited", "args": {"containers": [
			{"id": "container", "args": {"workload": "deployment/acme-prod/web", "container": "web"}},
			{"id": "container", "args": {"workload": "deployment/acme-prod/web", "container": "sidecar"}},
		]}},
	]}}
	r.refs == ["sources/prod/namespaces.json#/items/0", "sources/prod/deployments.json#/items/web"]
}

test_fail_limit_range_without_default if {
	r := _one(check.results) with input as _input({"acme-prod": [_quota]}, {"acme-prod": [_range("")]}, [_spec("web", [_unset("web")])])
	r.status == "fail"
	r.measured == {"id": "measured", "args": {
		"quotas": [{"id": "quota", "args": {"name": "compute", "hard": ["limits.memory", "pods"]}}],
		"ranges": [{"id": "range_no_default", "args": {"name": "defaults"}}],
		"unlimited": [{"id": "container", "args": {"workload": "deployment/acme-prod/web", "container": "web"}}],
	}}
}

test_no_evidence_when_limits_not_recorded if {
	r := _one(check.results) with input as _input({"acme-prod": [_quota]}, {"acme-prod": [_range("")]}, [_spec("web", null)])
	r.status == "no-evidence"
}

test_no_evidence_without_quotas_listed if {
	rs := check.results with input as {"kubernetes": {"prod": {
		"present": {"namespaces": true, "resourcequotas": false, "limitranges": true, "pods": true, "workloads": true},
		"errors": {"resourcequotas": "resourcequotas is forbidden"},
	}}}
	r := _one(rs)
	r.status == "no-evidence"
	contains(json.marshal(r.message), "resourcequotas is forbidden")
}

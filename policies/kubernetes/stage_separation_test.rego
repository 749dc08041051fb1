package nachweis.kubernetes.stage_separation_test

import data.nachweis.kubernetes.stage_separation as check

_ns(name, i) := {"labels": {"stage": name}, "tenant": "acme", "in_scope": true, "ref": sprintf("sources/prod/namespaces.json#/items/%d", [i])}

_policy(name, extra, i) := object.union(
	{
		"name": name, "selects_all_pods": false, "policy_types": ["Ingress"], "ingress_rules": 1, "egress_rules": 0,
		"allows_all_ingress": false, "allows_all_egress": false, "admits_all_namespaces": false,
		"admits_all_namespaces_via": [], "admits_tenant_namespaces": [],
		"ref": sprintf("sources/prod/networkpolicies.json#/items/%d", [i]),
	},
	extra,
)

_deny(i) := _policy("default-deny-all", {"selects_all_pods": true, "policy_types": ["Ingress", "Egress"], "ingress_rules": 0}, i)

_input(stages, policies) := {
	"tenants": {"acme": {"name": "ACME", "namespaces": ["acme-prod", "acme-test"], "stages": stages}},
	"kubernetes": {"prod": {
		"present": {"namespaces": true, "networkpolicies": true}, "errors": {},
		"namespaces": {"acme-prod": _ns("prod", 0), "acme-test": _ns("test", 1)},
		"networkpolicies_by_namespace": policies,
	}},
}

_stages := {"production": "acme-prod", "test": "acme-test"}

_one(rs) := r if {
	count(rs) == 1
	some r in rs
}

test_pass_isolated_stages if {
	r := _one(check.results) with input as _input(_stages, {
		"acme-prod": [_deny(0), _policy("allow-from-ingress", {"admits_tenant_namespaces": []}, 1)],
		"acme-test": [_deny(2)],
	})
	r.status == "pass"
	r.resource == "tenant/acme/stages"
	r.tenant == "acme"
	r.message == {"id": "pass", "args": {"tenant": "acme", "stages": ["production (acme-prod)", "test (acme-test)"]}}
	r.refs == ["sources/prod/namespaces.json#/items/0", "sources/prod/namespaces.json#/items/1"]
}

test_fail_policy_admits_other_stage if {
	r := _one(check.results) with input as _input(_stages, {
		"acme-prod": [_deny(0), _policy("allow-from-test", {"admits_tenant_namespaces": ["acme-test"]}, 1)],
		"acme-test": [_deny(2)],
	})
	r.status == "fail"
	reason := {"id": "admits_namespace", "args": {"policy": "acme-prod/allow-from-test", "namespace": "acme-test"}}
	r.message == {"id": "fail", "args": {"tenant": "acme", "problems": [_traffic("test", "acme-test", "production", "acme-prod", reason)]}}
	r.refs == ["sources/prod/namespaces.json#/items/0", "sources/prod/namespaces.json#/items/1", "sources/prod/networkpolicies.json#/items/1"]
	r.measured.args.paths == [{"id": "path", "args": {"from": "test", "from_ns": "acme-test", "to": "production", "to_ns": "acme-prod", "reason": reason}}]
}

# Without a policy isolating ingress every namespace reaches the stage.
test_fail_stage_without_isolation_and_shared_namespace if {
	r := _one(check.results) with input as _input({"production": "acme-prod", "staging": "acme-test", "test": "acme-test"}, {
		"acme-prod": [_deny(0)],
		"acme-test": [_policy("allow-all-namespaces", {"admits_all_namespaces": true}, 2)],
	})
	r.status == "fail"
	r.message == {"id": "fail", "args": {"tenant": "acme", "problems": [
		{"id": "shared", "args": {"stages": ["staging", "test"], "namespace": "acme-test"}},
		_traffic("production", "acme-prod", "staging", "acme-test", {"id": "not_isolated", "args": {"namespace": "acme-test"}}),
		_traffic("production", "acme-prod", "test", "acme-test", {"id": "not_isolated", "args": {"namespace": "acme-test"}}),
	]}}
}

test_no_evidence_for_stage_not_found if {
	r := _one(check.results) with input as _input({"production": "acme-prod", "test": "acme-test", "development": "acme-dev"}, {
		"acme-prod": [_deny(0)],
		"acme-test": [_deny(1)],
	})
	r.status == "no-evidence"
	r.message == {"id": "not_shown", "args": {"tenant": "acme", "unknown": [{"id": "namespace_not_found", "args": {"namespace": "acme-dev", "stage": "development"}}]}}
}

test_pass_single_stage if {
	r := _one(check.results) with input as _input({"production": "acme-prod"}, {"acme-prod": [_deny(0)]})
	r.status == "pass"
	r.message == {"id": "one_stage", "args": {"tenant": "acme", "stages": ["production (acme-prod)"]}}
	r.refs == ["sources/prod/namespaces.json#/items/0"]
}

test_tenant_without_stages_not_assessed if {
	rs := check.results with input as _input({}, {})
	count(rs) == 0
}

test_no_evidence_without_networkpolicies if {
	rs := check.results with input as {
		"tenants": {"acme": {"name": "ACME", "namespaces": ["acme-prod", "acme-test"], "stages": _stages}},
		"kubernetes": {"prod": {
			"present": {"namespaces": true, "networkpolicies": false}, "errors": {"networkpolicies": "networkpolicies.networking.k8s.io is forbidden"},
			"namespaces": {"acme-prod": _ns("prod", 0), "acme-test": _ns("test", 1)},
		}},
	}
	count(rs) == 2
	some r in rs
	r.resource == "tenant/acme/stages"
	r.status == "no-evidence"
	r.message == {"id": "not_shown", "args": {"tenant": "acme", "unknown": [{"id": "policies_not_collected", "args": {"source": "prod"}}]}}
}

_traffic(from, from_ns, to, to_ns, reason) := {"id": "traffic", "args": {"from": from, "from_ns": from_ns, "to": to, "to_ns": to_ns, "reason": reason}}

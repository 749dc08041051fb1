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
	r.message == "tenant acme: stages production (acme-prod), test (acme-test) each have a namespace of their own, and no NetworkPolicy admits traffic between them"
	r.refs == ["sources/prod/namespaces.json#/items/0", "sources/prod/namespaces.json#/items/1"]
}

test_fail_policy_admits_other_stage if {
	r := _one(check.results) with input as _input(_stages, {
		"acme-prod": [_deny(0), _policy("allow-from-test", {"admits_tenant_namespaces": ["acme-test"]}, 1)],
		"acme-test": [_deny(2)],
	})
	r.status == "fail"
	r.message == "tenant acme: traffic may pass from stage test (acme-test) to production (acme-prod): NetworkPolicy acme-prod/allow-from-test admits namespace acme-test"
	r.refs == ["sources/prod/namespaces.json#/items/0", "sources/prod/namespaces.json#/items/1", "sources/prod/networkpolicies.json#/items/1"]
	r.facts.paths == [{"from": "test", "to": "production", "source": "prod", "reason": "NetworkPolicy acme-prod/allow-from-test admits namespace acme-test"}]
}

# Without a policy isolating ingress every namespace reaches the stage.
test_fail_stage_without_isolation_and_shared_namespace if {
	r := _one(check.results) with input as _input({"production": "acme-prod", "staging": "acme-test", "test": "acme-test"}, {
		"acme-prod": [_deny(0)],
		"acme-test": [_policy("allow-all-namespaces", {"admits_all_namespaces": true}, 2)],
	})
	r.status == "fail"
	r.message == concat("", [
		"tenant acme: stages staging and test share namespace acme-test; ",
		"traffic may pass from stage production (acme-prod) to staging (acme-test): no NetworkPolicy selects all pods of acme-test for ingress; ",
		"traffic may pass from stage production (acme-prod) to test (acme-test): no NetworkPolicy selects all pods of acme-test for ingress",
	])
}

test_no_evidence_for_stage_not_found if {
	r := _one(check.results) with input as _input({"production": "acme-prod", "test": "acme-test", "development": "acme-dev"}, {
		"acme-prod": [_deny(0)],
		"acme-test": [_deny(1)],
	})
	r.status == "no-evidence"
	r.message == "tenant acme: the separation of its stages cannot be shown: namespace acme-dev of stage development was found in no Kubernetes source"
}

test_pass_single_stage if {
	r := _one(check.results) with input as _input({"production": "acme-prod"}, {"acme-prod": [_deny(0)]})
	r.status == "pass"
	r.message == "tenant acme declares one stage only, production (acme-prod): no other stage shares its namespace or reaches it"
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
	r.message == "tenant acme: the separation of its stages cannot be shown: the NetworkPolicies of prod were not collected"
}

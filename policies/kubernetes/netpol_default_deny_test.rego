package nachweis.kubernetes.netpol_default_deny_test

import data.nachweis.kubernetes.netpol_default_deny as check

_deny_all := {
	"name": "default-deny-all", "selects_all_pods": true,
	"policy_types": ["Ingress", "Egress"],
	"ingress_rules": 0, "egress_rules": 0,
	"allows_all_ingress": false, "allows_all_egress": false,
	"ref": "sources/prod/networkpolicies.json#/items/0",
}

_allow_web := {
	"name": "allow-web", "selects_all_pods": false,
	"policy_types": ["Ingress"],
	"ingress_rules": 1, "egress_rules": 0,
	"allows_all_ingress": false, "allows_all_egress": false,
	"ref": "sources/prod/networkpolicies.json#/items/1",
}

_allow_all_egress := {
	"name": "allow-all-egress", "selects_all_pods": true,
	"policy_types": ["Egress"],
	"ingress_rules": 0, "egress_rules": 1,
	"allows_all_ingress": false, "allows_all_egress": true,
	"ref": "sources/prod/networkpolicies.json#/items/2",
}

_ns(tenant, i) := {
	"labels": {}, "tenant": tenant, "in_scope": true,
	"ref": sprintf("sources/prod/namespaces.json#/items/%d", [i]),
}

_input(policies) := {
	"tenants": {"acme": {"name": "ACME GmbH", "namespaces": ["acme-prod", "acme-test"]}},
	"kubernetes": {"prod": {
		"present": {"namespaces": true, "networkpolicies": true},
		"errors": {},
		"namespaces": {
			"acme-prod": _ns("acme", 0),
			"acme-test": _ns("acme", 1),
			"kube-system": {"labels": {}, "tenant": "", "in_scope": false, "ref": "sources/prod/namespaces.json#/items/2"},
		},
		"networkpolicies_by_namespace": policies,
	}},
}

_statuses(rs, resource) := {r.status | some r in rs; r.resource == resource}

test_pass_with_default_deny if {
	rs := check.results with input as _input({"acme-prod": [_deny_all, _allow_web], "acme-test": [_deny_all]})
	_statuses(rs, "prod/namespace/acme-prod") == {"pass"}
	_statuses(rs, "prod/namespace/acme-test") == {"pass"}
	some r in rs
	r.resource == "prod/namespace/acme-prod"
	r.tenant == "acme"
	r.refs == ["sources/prod/namespaces.json#/items/0", "sources/prod/networkpolicies.json#/items/0"]
}

test_out_of_scope_namespace_not_assessed if {
	rs := check.results with input as _input({"acme-prod": [_deny_all], "acme-test": [_deny_all]})
	_statuses(rs, "prod/namespace/kube-system") == set()
}

test_fail_without_default_deny if {
	rs := check.results with input as _input({"acme-prod": [_deny_all], "acme-test": [_allow_web]})
	_statuses(rs, "prod/namespace/acme-test") == {"fail"}
	_statuses(rs, "prod/namespace/acme-prod") == {"pass"}
	some r in rs
	r.resource == "prod/namespace/acme-test"
	r.message == {"id": "no_default_deny", "args": {"namespace": "acme-test", "found": ["allow-web"]}}
}

test_fail_without_any_policy if {
	rs := check.results with input as _input({"acme-prod": [_deny_all]})
	some r in rs
	r.resource == "prod/namespace/acme-test"
	r.status == "fail"
	r.message.args.found == []
}

test_fail_ingress_only_policy if {
	ingress_only := object.union(_deny_all, {"policy_types": ["Ingress"]})
	rs := check.results with input as _input({"acme-prod": [ingress_only], "acme-test": [_deny_all]})
	_statuses(rs, "prod/namespace/acme-prod") == {"fail"}
}

test_fail_allow_all_policy_beside_default_deny if {
	rs := check.results with input as _input({"acme-prod": [_deny_all, _allow_all_egress], "acme-test": [_deny_all]})
	_statuses(rs, "prod/namespace/acme-prod") == {"fail"}
	some r in rs
	r.resource == "prod/namespace/acme-prod"
	r.message.id == "opened"
	"allow-all-egress" in r.message.args.opened
}

test_no_evidence_for_missing_tenant_namespace if {
	inp := object.union(_input({"acme-prod": [_deny_all], "acme-test": [_deny_all]}), {"tenants": {"acme": {"namespaces": ["acme-prod", "acme-stage"]}}})
	rs := check.results with input as inp
	_statuses(rs, "namespace/acme-stage") == {"no-evidence"}
	some r in rs
	r.resource == "namespace/acme-stage"
	r.tenant == "acme"
}

test_no_evidence_for_source_without_networkpolicies if {
	inp := object.union(_input({}), {"kubernetes": {"prod": {
		"present": {"namespaces": true, "networkpolicies": false},
		"errors": {"networkpolicies": "networkpolicies.networking.k8s.io is forbidden"},
	}}})
	rs := check.results with input as inp
	{r.status | some r in rs} == {"no-evidence"}
	some r in rs
	r.resource == "prod"
	contains(json.marshal(r.message), "networkpolicies.networking.k8s.io is forbidden")
}

package nachweis.kubernetes.netpol_namespace_isolation_test

import data.nachweis.kubernetes.netpol_namespace_isolation as check

_policy(name, all_pods, types, via, i) := {
	"name": name, "selects_all_pods": all_pods,
	"policy_types": types,
	"ingress_rules": count(via), "egress_rules": 0,
	"allows_all_ingress": false, "allows_all_egress": false,
	"admits_all_namespaces": count(via) > 0,
	"admits_all_namespaces_via": via,
	"ref": sprintf("sources/prod/networkpolicies.json#/items/%d", [i]),
}

_deny_all := _policy("default-deny-all", true, ["Ingress", "Egress"], [], 0)

_ns(tenant, in_scope, i) := {
	"labels": {}, "tenant": tenant, "in_scope": in_scope,
	"ref": sprintf("sources/prod/namespaces.json#/items/%d", [i]),
}

_input(policies) := {"kubernetes": {"prod": {
	"present": {"namespaces": true, "networkpolicies": true},
	"errors": {},
	"namespaces": {
		"acme-prod": _ns("acme", true, 0),
		"globex-prod": _ns("globex", true, 1),
		"kube-system": _ns("", false, 2),
	},
	"networkpolicies_by_namespace": policies,
}}}

_statuses(rs, resource) := {r.status | some r in rs; r.resource == resource}

_result(rs, resource) := r if {
	some r in rs
	r.resource == resource
}

test_pass_isolated_namespaces if {
	allow_ingress_ns := _policy("allow-from-ingress", false, ["Ingress"], [], 1)
	rs := check.results with input as _input({"acme-prod": [_deny_all, allow_ingress_ns], "globex-prod": [_deny_all]})
	_statuses(rs, "prod/namespace/acme-prod") == {"pass"}
	_statuses(rs, "prod/namespace/globex-prod") == {"pass"}
	_statuses(rs, "prod/namespace/kube-system") == set()
	r := _result(rs, "prod/namespace/acme-prod")
	r.tenant == "acme"
	r.message == {"id": "pass", "args": {"namespace": "acme-prod", "isolating": ["default-deny-all"]}}
	r.refs == ["sources/prod/namespaces.json#/items/0", "sources/prod/networkpolicies.json#/items/0"]
}

test_fail_policy_with_empty_namespace_selector if {
	monitoring := _policy("allow-prometheus", false, ["Ingress"], ["ingress rule 1: namespaceSelector {}"], 3)
	rs := check.results with input as _input({"acme-prod": [_deny_all, monitoring], "globex-prod": [_deny_all]})
	_statuses(rs, "prod/namespace/acme-prod") == {"fail"}
	_statuses(rs, "prod/namespace/globex-prod") == {"pass"}
	r := _result(rs, "prod/namespace/acme-prod")
	r.message == {"id": "open", "args": {"namespace": "acme-prod", "open": [
		{"id": "open_policy", "args": {"name": "allow-prometheus", "via": ["ingress rule 1: namespaceSelector {}"]}},
	]}}
	r.refs == ["sources/prod/namespaces.json#/items/0", "sources/prod/networkpolicies.json#/items/3"]
}

test_fail_rule_without_from_and_any_ip if {
	web := _policy("allow-web", false, ["Ingress"], ["ingress rule 1: no from (any source)", "ingress rule 2: ipBlock 0.0.0.0/0"], 4)
	rs := check.results with input as _input({"acme-prod": [_deny_all], "globex-prod": [_deny_all, web]})
	_statuses(rs, "prod/namespace/globex-prod") == {"fail"}
	r := _result(rs, "prod/namespace/globex-prod")
	r.tenant == "globex"
	r.message.args.open == [{"id": "open_policy", "args": {"name": "allow-web", "via": ["ingress rule 1: no from (any source)", "ingress rule 2: ipBlock 0.0.0.0/0"]}}]
}

test_fail_without_ingress_isolation if {
	egress_only := _policy("default-deny-egress", true, ["Egress"], [], 5)
	rs := check.results with input as _input({"acme-prod": [egress_only]})
	_statuses(rs, "prod/namespace/acme-prod") == {"fail"}
	_statuses(rs, "prod/namespace/globex-prod") == {"fail"}
	r := _result(rs, "prod/namespace/globex-prod")
	r.message == {"id": "not_isolated", "args": {"namespace": "globex-prod", "policies": []}}
}

test_no_evidence_when_field_missing if {
	old := object.remove(_deny_all, ["admits_all_namespaces", "admits_all_namespaces_via"])
	rs := check.results with input as _input({"acme-prod": [old], "globex-prod": [_deny_all]})
	_statuses(rs, "prod/namespace/acme-prod") == {"no-evidence"}
}

test_no_evidence_without_networkpolicies if {
	inp := object.union(_input({}), {"kubernetes": {"prod": {
		"present": {"networkpolicies": false},
		"errors": {"networkpolicies": "networkpolicies.networking.k8s.io is forbidden"},
	}}})
	rs := check.results with input as inp
	{r.status | some r in rs} == {"no-evidence"}
	r := _result(rs, "prod")
	contains(json.marshal(r.message), "networkpolicies.networking.k8s.io is forbidden")
}

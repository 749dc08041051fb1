package nachweis.kubernetes.wildcard_roles_test

import data.nachweis.kubernetes.wildcard_roles as check

_role(kind, ns, name, extra, i) := object.union(
	{
		"kind": kind, "namespace": ns, "name": name,
		"tenant": "", "in_scope": false, "default": false,
		"wildcard_verbs_on": [], "secrets_wildcard": false,
		"ref": sprintf("sources/prod/%s.json#/items/%d", [lower(kind), i]),
	},
	extra,
)

_tenant_role(name, extra, i) := _role("Role", "acme-prod", name, object.union({"tenant": "acme", "in_scope": true}, extra), i)

# Defaults as projected from k8s.io/kubernetes v1.31.4's bootstrap policy.
_cluster_admin := _role("ClusterRole", "", "cluster-admin", {"default": true, "wildcard_verbs_on": ["*.*", "url:*"], "secrets_wildcard": true}, 0)

_gc := _role("ClusterRole", "", "system:controller:generic-garbage-collector", {"default": true, "secrets_wildcard": true}, 1)

_kube_system_role := _role("Role", "kube-system", "extension-apiserver-authentication-reader", {"default": true}, 0)

_input(roles) := {"kubernetes": {"prod": {"present": {"roles": true}, "errors": {}, "roles": roles}}}

_statuses(rs, resource) := {r.status | some r in rs; r.resource == resource}

_result(rs, resource) := r if {
	some r in rs
	r.resource == resource
}

test_pass_defaults_and_clean_tenant_roles if {
	rs := check.results with input as _input([
		_cluster_admin, _gc, _kube_system_role,
		_tenant_role("deployer", {}, 1), _tenant_role("viewer", {}, 2),
	])
	_statuses(rs, "prod/namespace/acme-prod") == {"pass"}
	_statuses(rs, "prod/clusterroles") == {"pass"}
	_statuses(rs, "prod/clusterrole/cluster-admin") == set()
	_statuses(rs, "prod/namespace/kube-system") == set()
	r := _result(rs, "prod/namespace/acme-prod")
	r.tenant == "acme"
	r.message == {"id": "clean_roles", "args": {"namespace": "acme-prod", "roles": 2}}
	c := _result(rs, "prod/clusterroles")
	c.message == {"id": "defaults_only", "args": {"source": "prod", "roles": 2}}
	c.refs == ["sources/prod/clusterrole.json#"]
}

test_fail_tenant_role_with_wildcard_verbs if {
	rs := check.results with input as _input([
		_cluster_admin,
		_tenant_role("deployer", {}, 1),
		_tenant_role("ci", {"wildcard_verbs_on": ["deployments.apps", "pods"]}, 2),
	])
	_statuses(rs, "prod/role/acme-prod/ci") == {"fail"}
	_statuses(rs, "prod/namespace/acme-prod") == set()
	r := _result(rs, "prod/role/acme-prod/ci")
	r.tenant == "acme"
	r.message == {"id": "fail_verbs", "args": {"role": "Role acme-prod/ci", "on": ["deployments.apps", "pods"]}}
	r.refs == ["sources/prod/role.json#/items/2"]
}

test_fail_custom_cluster_role_reading_all_secrets if {
	reader := _role("ClusterRole", "", "everything-reader", {"secrets_wildcard": true}, 5)
	operator := _role("ClusterRole", "", "widget-operator", {}, 6)
	rs := check.results with input as _input([_cluster_admin, reader, operator])
	_statuses(rs, "prod/clusterrole/everything-reader") == {"fail"}
	_statuses(rs, "prod/clusterroles") == set()
	r := _result(rs, "prod/clusterrole/everything-reader")
	r.message == {"id": "fail_secrets", "args": {"role": "ClusterRole everything-reader"}}
	r.measured == {"id": "measured", "args": {"on": {"id": "on", "args": {"on": []}}, "secrets": true}}
}

test_fail_both_problems if {
	rs := check.results with input as _input([_tenant_role("admin", {"wildcard_verbs_on": ["secrets"], "secrets_wildcard": true}, 1)])
	r := _result(rs, "prod/role/acme-prod/admin")
	r.status == "fail"
	r.message == {"id": "fail_both", "args": {"role": "Role acme-prod/admin", "on": ["secrets"]}}
}

test_out_of_scope_role_not_assessed if {
	rs := check.results with input as _input([_cluster_admin, _role("Role", "monitoring", "scraper", {"wildcard_verbs_on": ["pods"]}, 1)])
	_statuses(rs, "prod/role/monitoring/scraper") == set()
}

test_no_evidence_when_fields_missing if {
	role := object.remove(_tenant_role("deployer", {}, 1), ["wildcard_verbs_on"])
	rs := check.results with input as _input([_cluster_admin, role])
	_statuses(rs, "prod/role/acme-prod/deployer") == {"no-evidence"}
}

test_no_evidence_without_roles if {
	rs := check.results with input as {"kubernetes": {"prod": {
		"present": {"roles": false},
		"errors": {"roles": "roles.rbac.authorization.k8s.io is forbidden"},
	}}}
	_statuses(rs, "prod") == {"no-evidence"}
}

package nachweis.kubernetes.cluster_admin_test

import data.nachweis.kubernetes.cluster_admin as check

_binding(kind, ns, name, role, subjects, i) := {
	"kind": kind, "namespace": ns, "name": name,
	"role_kind": "ClusterRole", "role_name": role,
	"subjects": subjects,
	"ref": sprintf("sources/prod/bindings.json#/items/%d", [i]),
}

_input(bindings) := {
	"params": {"allowed_cluster_admins": ["Group/system:masters", "ServiceAccount/flux-system/kustomize-controller"]},
	"kubernetes": {"prod": {
		"present": {"bindings": true},
		"errors": {},
		"bindings": bindings,
	}},
}

_statuses(rs, resource) := {r.status | some r in rs; r.resource == resource}

test_pass_for_allowed_subjects if {
	rs := check.results with input as _input([
		_binding("ClusterRoleBinding", "", "cluster-admin", "cluster-admin", [{"kind": "Group", "name": "system:masters", "namespace": ""}], 0),
		_binding("ClusterRoleBinding", "", "flux", "cluster-admin", [{"kind": "ServiceAccount", "name": "kustomize-controller", "namespace": "flux-system"}], 1),
	])
	_statuses(rs, "prod/clusterrolebinding/cluster-admin") == {"pass"}
	_statuses(rs, "prod/clusterrolebinding/flux") == {"pass"}
	some r in rs
	r.resource == "prod/clusterrolebinding/flux"
	r.measured == {"id": "measured", "args": {"subjects": ["ServiceAccount/flux-system/kustomize-controller"]}}
	r.refs == ["sources/prod/bindings.json#/items/1"]
}

test_fail_for_user_subject if {
	rs := check.results with input as _input([_binding(
		"ClusterRoleBinding", "", "kubecfg-cluster-admin", "cluster-admin",
		[{"kind": "User", "name": "kubecfg", "namespace": ""}, {"kind": "Group", "name": "system:masters", "namespace": ""}],
		0,
	)])
	_statuses(rs, "prod/clusterrolebinding/kubecfg-cluster-admin") == {"fail"}
	some r in rs
	r.message == {"id": "denied", "args": {
		"binding": "ClusterRoleBinding kubecfg-cluster-admin",
		"denied": ["User/kubecfg"], "subjects": ["Group/system:masters", "User/kubecfg"],
	}}
}

test_fail_for_service_account_in_other_namespace if {
	rs := check.results with input as _input([_binding(
		"RoleBinding", "acme-prod", "ci-admin", "cluster-admin",
		[{"kind": "ServiceAccount", "name": "kustomize-controller", "namespace": "acme-prod"}],
		0,
	)])
	_statuses(rs, "prod/rolebinding/acme-prod/ci-admin") == {"fail"}
}

test_other_roles_not_assessed if {
	rs := check.results with input as _input([_binding("ClusterRoleBinding", "", "view", "view", [{"kind": "User", "name": "alice", "namespace": ""}], 0)])
	count(rs) == 0
}

test_no_evidence_without_bindings if {
	rs := check.results with input as {"kubernetes": {"prod": {
		"present": {"bindings": false},
		"errors": {"bindings": "clusterrolebindings.rbac.authorization.k8s.io is forbidden"},
	}}}
	_statuses(rs, "prod") == {"no-evidence"}
}

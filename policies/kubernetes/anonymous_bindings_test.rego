package nachweis.kubernetes.anonymous_bindings_test

import data.nachweis.kubernetes.anonymous_bindings as check

_binding(kind, ns, name, role_kind, role, subjects, file, i) := {
	"kind": kind, "namespace": ns, "name": name,
	"role_kind": role_kind, "role_name": role,
	"subjects": subjects,
	"ref": sprintf("sources/prod/%s.json#/items/%d", [file, i]),
}

_everyone := [
	{"kind": "Group", "name": "system:authenticated", "namespace": ""},
	{"kind": "Group", "name": "system:unauthenticated", "namespace": ""},
]

# The default bindings of a v1.35 API server (kubectl get clusterrolebindings).
_public_info := _binding("ClusterRoleBinding", "", "system:public-info-viewer", "ClusterRole", "system:public-info-viewer", _everyone, "clusterrolebindings", 0)

_masters := _binding("ClusterRoleBinding", "", "cluster-admin", "ClusterRole", "cluster-admin", [{"kind": "Group", "name": "system:masters", "namespace": ""}], "clusterrolebindings", 1)

_leader_locking := _binding("RoleBinding", "kube-system", "system::leader-locking-kube-scheduler", "Role", "system::leader-locking-kube-scheduler", [{"kind": "User", "name": "system:kube-scheduler", "namespace": ""}], "rolebindings", 0)

_input(bindings) := {"kubernetes": {"prod": {"present": {"bindings": true}, "errors": {}, "bindings": bindings}}}

_statuses(rs, resource) := {r.status | some r in rs; r.resource == resource}

_result(rs, resource) := r if {
	some r in rs
	r.resource == resource
}

test_pass_with_default_bindings_only if {
	rs := check.results with input as _input([_public_info, _masters, _leader_locking])
	count(rs) == 1
	r := _result(rs, "prod/rbac/bindings")
	r.status == "pass"
	r.measured == {"id": "measured_bindings", "args": {
		"cluster_bindings": 2, "role_bindings": 1,
		"exempt": ["ClusterRoleBinding system:public-info-viewer (ClusterRole system:public-info-viewer)"],
	}}
	r.refs == ["sources/prod/clusterrolebindings.json#", "sources/prod/rolebindings.json#"]
}

test_fail_cluster_role_binding_to_unauthenticated if {
	# Kubernetes up to 1.13 bound system:discovery to unauthenticated users.
	discovery := _binding("ClusterRoleBinding", "", "system:discovery", "ClusterRole", "system:discovery", _everyone, "clusterrolebindings", 2)
	rs := check.results with input as _input([_public_info, _masters, discovery, _leader_locking])
	_statuses(rs, "prod/clusterrolebinding/system:discovery") == {"fail"}
	_statuses(rs, "prod/rbac/bindings") == set()
	_statuses(rs, "prod/clusterrolebinding/system:public-info-viewer") == set()
	r := _result(rs, "prod/clusterrolebinding/system:discovery")
	r.message == {"id": "grants", "args": {
		"binding": "ClusterRoleBinding system:discovery", "role_kind": "ClusterRole", "role": "system:discovery",
		"subjects": ["Group system:unauthenticated"],
	}}
	r.refs == ["sources/prod/clusterrolebindings.json#/items/2"]
}

test_fail_role_binding_to_anonymous_user if {
	anon := _binding("RoleBinding", "acme-prod", "public-config", "Role", "configmap-reader", [{"kind": "User", "name": "system:anonymous", "namespace": ""}], "rolebindings", 1)
	rs := check.results with input as _input([_public_info, _leader_locking, anon])
	_statuses(rs, "prod/rolebinding/acme-prod/public-config") == {"fail"}
	r := _result(rs, "prod/rolebinding/acme-prod/public-config")
	r.message.args.binding == "RoleBinding acme-prod/public-config"
	r.message.args.subjects == ["User system:anonymous"]
}

test_fail_public_info_role_bound_by_role_binding if {
	# Only the cluster-wide default binding is exempt.
	rb := _binding("RoleBinding", "acme-prod", "info", "ClusterRole", "system:public-info-viewer", [{"kind": "Group", "name": "system:unauthenticated", "namespace": ""}], "rolebindings", 1)
	rs := check.results with input as _input([_public_info, _leader_locking, rb])
	_statuses(rs, "prod/rolebinding/acme-prod/info") == {"fail"}
}

test_no_evidence_without_role_bindings if {
	rs := check.results with input as _input([_public_info, _masters])
	_statuses(rs, "prod/rbac/bindings") == {"no-evidence"}
}

test_no_evidence_without_bindings if {
	rs := check.results with input as {"kubernetes": {"prod": {
		"present": {"bindings": false},
		"errors": {"bindings": "clusterrolebindings.rbac.authorization.k8s.io is forbidden"},
	}}}
	_statuses(rs, "prod") == {"no-evidence"}
}

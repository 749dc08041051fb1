package nachweis.kubernetes.run_as_root_test

import data.nachweis.kubernetes.run_as_root as check

_pod(ns, name, in_scope, root, i) := {
	"namespace": ns, "name": name, "tenant": "acme", "in_scope": in_scope,
	"privileged_containers": [], "host_path_volumes": [],
	"host_network": false, "host_pid": false, "host_ipc": false,
	"run_as_root_containers": root, "owner_kind": "ReplicaSet",
	"ref": sprintf("sources/prod/pods.json#/items/%d", [i]),
}

_input(pods) := {"kubernetes": {"prod": {
	"present": {"pods": true},
	"errors": {},
	"namespaces": {"acme-prod": {"labels": {}, "tenant": "acme", "in_scope": true, "ref": "sources/prod/namespaces.json#/items/0"}},
	"pods": pods,
}}}

_statuses(rs, resource) := {r.status | some r in rs; r.resource == resource}

test_pass_namespace_without_root_containers if {
	rs := check.results with input as _input([_pod("acme-prod", "web-1", true, [], 0), _pod("acme-prod", "web-2", true, [], 1)])
	count(rs) == 1
	_statuses(rs, "prod/namespace/acme-prod") == {"pass"}
	some r in rs
	r.tenant == "acme"
	r.refs == ["sources/prod/pods.json#/items/0", "sources/prod/pods.json#/items/1"]
}

test_fail_pod_with_root_container if {
	rs := check.results with input as _input([_pod("acme-prod", "web-1", true, [], 0), _pod("acme-prod", "nginx-1", true, ["nginx", "init"], 1)])
	_statuses(rs, "prod/pod/acme-prod/nginx-1") == {"fail"}
	_statuses(rs, "prod/namespace/acme-prod") == set()
	some r in rs
	r.resource == "prod/pod/acme-prod/nginx-1"
	r.message == "pod acme-prod/nginx-1 has containers that may run as root (runAsNonRoot not true, runAsUser 0 or unset): init, nginx"
	r.measured == "containers that may run as root: init, nginx"
}

test_out_of_scope_pod_not_assessed if {
	rs := check.results with input as _input([_pod("kube-system", "kube-proxy-1", false, ["kube-proxy"], 0)])
	count(rs) == 0
}

test_no_evidence_when_field_missing if {
	rs := check.results with input as _input([object.remove(_pod("acme-prod", "web-1", true, [], 0), ["run_as_root_containers"])])
	_statuses(rs, "prod/pod/acme-prod/web-1") == {"no-evidence"}
	_statuses(rs, "prod/namespace/acme-prod") == set()
}

test_no_evidence_without_pods if {
	rs := check.results with input as {"kubernetes": {"prod": {"present": {"pods": false}, "errors": {"pods": "pods is forbidden"}}}}
	_statuses(rs, "prod") == {"no-evidence"}
}

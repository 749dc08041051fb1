package nachweis.kubernetes.privileged_pods_test

import data.nachweis.kubernetes.privileged_pods as check

_pod(ns, name, in_scope, privileged, i) := {
	"namespace": ns, "name": name, "tenant": "acme", "in_scope": in_scope,
	"privileged_containers": privileged, "host_path_volumes": [],
	"host_network": false, "host_pid": false, "host_ipc": false,
	"run_as_root_containers": [], "owner_kind": "ReplicaSet",
	"ref": sprintf("sources/prod/pods.json#/items/%d", [i]),
}

_input(pods) := {"kubernetes": {"prod": {"present": {"pods": true}, "errors": {}, "pods": pods}}}

_statuses(rs, resource) := {r.status | some r in rs; r.resource == resource}

test_pass_namespace_without_privileged_container if {
	rs := check.results with input as _input([_pod("acme-prod", "web-1", true, [], 0), _pod("acme-prod", "web-2", true, [], 1)])
	count(rs) == 1
	_statuses(rs, "prod/namespace/acme-prod") == {"pass"}
	some r in rs
	r.message == "none of the 2 in-scope pods in namespace acme-prod runs a privileged container"
	r.tenant == "acme"
	r.refs == ["sources/prod/pods.json#/items/0", "sources/prod/pods.json#/items/1"]
}

test_fail_pod_with_privileged_container if {
	rs := check.results with input as _input([
		_pod("acme-prod", "web-1", true, [], 0),
		_pod("acme-prod", "web-2", true, ["app", "sidecar"], 1),
		_pod("acme-test", "web-1", true, [], 2),
	])
	_statuses(rs, "prod/pod/acme-prod/web-2") == {"fail"}
	_statuses(rs, "prod/namespace/acme-prod") == set()
	_statuses(rs, "prod/pod/acme-prod/web-1") == set()
	_statuses(rs, "prod/namespace/acme-test") == {"pass"}
	some r in rs
	r.resource == "prod/pod/acme-prod/web-2"
	r.message == "pod acme-prod/web-2 runs privileged containers: app, sidecar"
	r.refs == ["sources/prod/pods.json#/items/1"]
}

test_out_of_scope_pod_not_assessed if {
	rs := check.results with input as _input([_pod("kube-system", "cni-1", false, ["cni"], 0)])
	count(rs) == 0
}

test_no_evidence_when_field_null if {
	rs := check.results with input as _input([_pod("acme-prod", "web-1", true, null, 0), _pod("acme-prod", "web-2", true, [], 1)])
	_statuses(rs, "prod/pod/acme-prod/web-1") == {"no-evidence"}
	_statuses(rs, "prod/namespace/acme-prod") == set()
}

test_no_evidence_without_pods if {
	rs := check.results with input as {"kubernetes": {"prod": {"present": {"pods": false}, "errors": {"pods": "pods is forbidden"}}}}
	_statuses(rs, "prod") == {"no-evidence"}
	count(rs) == 1
}

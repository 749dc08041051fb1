package nachweis.kubernetes.privileged_pods_test

import data.nachweis.kubernetes.privileged_pods as check

_pod(name, in_scope, privileged, i) := {
	"namespace": "acme-prod", "name": name, "tenant": "acme", "in_scope": in_scope,
	"privileged_containers": privileged, "host_path_volumes": [],
	"host_network": false, "host_pid": false, "host_ipc": false,
	"run_as_root_containers": [], "owner_kind": "ReplicaSet",
	"ref": sprintf("sources/prod/pods.json#/items/%d", [i]),
}

_input(pods) := {"kubernetes": {"prod": {"present": {"pods": true}, "errors": {}, "pods": pods}}}

_statuses(rs, resource) := {r.status | some r in rs; r.resource == resource}

test_pass_without_privileged_container if {
	rs := check.results with input as _input([_pod("web-1", true, [], 0)])
	_statuses(rs, "prod/pod/acme-prod/web-1") == {"pass"}
	some r in rs
	r.tenant == "acme"
	r.refs == ["sources/prod/pods.json#/items/0"]
}

test_fail_with_privileged_container if {
	rs := check.results with input as _input([_pod("web-1", true, [], 0), _pod("web-2", true, ["app", "sidecar"], 1)])
	_statuses(rs, "prod/pod/acme-prod/web-2") == {"fail"}
	_statuses(rs, "prod/pod/acme-prod/web-1") == {"pass"}
	some r in rs
	r.resource == "prod/pod/acme-prod/web-2"
	r.message == "pod acme-prod/web-2 runs privileged containers: app, sidecar"
}

test_out_of_scope_pod_not_assessed if {
	rs := check.results with input as _input([_pod("cni-1", false, ["cni"], 0)])
	count(rs) == 0
}

test_no_evidence_when_field_null if {
	rs := check.results with input as _input([_pod("web-1", true, null, 0)])
	_statuses(rs, "prod/pod/acme-prod/web-1") == {"no-evidence"}
}

test_no_evidence_without_pods if {
	rs := check.results with input as {"kubernetes": {"prod": {"present": {"pods": false}, "errors": {"pods": "pods is forbidden"}}}}
	_statuses(rs, "prod") == {"no-evidence"}
}

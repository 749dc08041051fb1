package nachweis.kubernetes.host_path_test

import data.nachweis.kubernetes.host_path as check

_pod(name, in_scope, volumes, i) := {
	"namespace": "acme-prod", "name": name, "tenant": "acme", "in_scope": in_scope,
	"privileged_containers": [], "host_path_volumes": volumes,
	"host_network": false, "host_pid": false, "host_ipc": false,
	"run_as_root_containers": [], "owner_kind": "ReplicaSet",
	"ref": sprintf("sources/prod/pods.json#/items/%d", [i]),
}

_input(pods) := {"kubernetes": {"prod": {"present": {"pods": true}, "errors": {}, "pods": pods}}}

_statuses(rs, resource) := {r.status | some r in rs; r.resource == resource}

test_pass_without_host_path if {
	rs := check.results with input as _input([_pod("web-1", true, [], 0)])
	_statuses(rs, "prod/pod/acme-prod/web-1") == {"pass"}
}

test_fail_with_host_path if {
	rs := check.results with input as _input([_pod("web-1", true, [], 0), _pod("db-0", true, ["data"], 1)])
	_statuses(rs, "prod/pod/acme-prod/db-0") == {"fail"}
	_statuses(rs, "prod/pod/acme-prod/web-1") == {"pass"}
	some r in rs
	r.resource == "prod/pod/acme-prod/db-0"
	r.message == "pod acme-prod/db-0 mounts hostPath volumes: data"
	r.measured == "hostPath volumes: data"
}

test_out_of_scope_pod_not_assessed if {
	rs := check.results with input as _input([_pod("node-exporter-1", false, ["proc"], 0)])
	count(rs) == 0
}

test_no_evidence_when_field_missing if {
	rs := check.results with input as _input([object.remove(_pod("web-1", true, [], 0), ["host_path_volumes"])])
	_statuses(rs, "prod/pod/acme-prod/web-1") == {"no-evidence"}
}

test_no_evidence_without_pods if {
	rs := check.results with input as {"kubernetes": {"prod": {"present": {}, "errors": {}}}}
	_statuses(rs, "prod") == {"no-evidence"}
}

package nachweis.kubernetes.host_path_test

import data.nachweis.kubernetes.host_path as check

_pod(ns, name, in_scope, volumes, i) := {
	"namespace": ns, "name": name, "tenant": "acme", "in_scope": in_scope,
	"privileged_containers": [], "host_path_volumes": volumes,
	"host_network": false, "host_pid": false, "host_ipc": false,
	"run_as_root_containers": [], "owner_kind": "ReplicaSet",
	"ref": sprintf("sources/prod/pods.json#/items/%d", [i]),
}

_input(pods) := {"kubernetes": {"prod": {
	"present": {"pods": true},
	"errors": {},
	"namespaces": {"acme-prod": {"labels": {}, "tenant": "acme", "in_scope": true, "ref": "sources/prod/namespaces.json#/items/0"}},
	"pods": pods,
}}}

_statuses(rs, resource) := {r.status | some r in rs; r.resource == resource}

test_pass_namespace_without_host_path if {
	rs := check.results with input as _input([_pod("acme-prod", "web-1", true, [], 0)])
	_statuses(rs, "prod/namespace/acme-prod") == {"pass"}
	some r in rs
	r.tenant == "acme"
	r.message == "none of the 1 in-scope pod in namespace acme-prod mounts a hostPath volume"
}

test_fail_pod_with_host_path if {
	rs := check.results with input as _input([_pod("acme-prod", "web-1", true, [], 0), _pod("acme-prod", "db-0", true, ["data"], 1)])
	_statuses(rs, "prod/pod/acme-prod/db-0") == {"fail"}
	_statuses(rs, "prod/namespace/acme-prod") == set()
	some r in rs
	r.resource == "prod/pod/acme-prod/db-0"
	r.message == "pod acme-prod/db-0 mounts hostPath volumes: data"
	r.measured == "hostPath volumes: data"
}

test_out_of_scope_pod_not_assessed if {
	rs := check.results with input as _input([_pod("monitoring", "node-exporter-1", false, ["proc"], 0)])
	count(rs) == 0
}

test_no_evidence_when_field_missing if {
	rs := check.results with input as _input([object.remove(_pod("acme-prod", "web-1", true, [], 0), ["host_path_volumes"])])
	_statuses(rs, "prod/pod/acme-prod/web-1") == {"no-evidence"}
	_statuses(rs, "prod/namespace/acme-prod") == set()
}

test_no_evidence_without_pods if {
	rs := check.results with input as {"kubernetes": {"prod": {"present": {}, "errors": {}}}}
	_statuses(rs, "prod") == {"no-evidence"}
}

package nachweis.kubernetes.control_plane_nodes_test

import data.nachweis.kubernetes.control_plane_nodes as check

_node(name, roles, ready, i) := {
	"name": name, "roles": roles,
	"control_plane": count({"control-plane", "master"} & {r | some r in roles}) > 0,
	"zone": "", "ready": ready, "kubelet_version": "v1.31.4",
	"ref": sprintf("sources/prod/nodes.json#/items/%d", [i]),
}

_input(nodes) := {"kubernetes": {"prod": {"present": {"nodes": true}, "errors": {}, "nodes": nodes}}}

_result(rs) := r if {
	some r in rs
	r.resource == "prod/control-plane"
}

_three(ready) := [
	_node("cp-1", ["control-plane"], true, 0),
	_node("cp-2", ["control-plane", "master"], true, 1),
	_node("cp-3", ["master"], ready, 2),
	_node("worker-1", [], true, 3),
]

test_pass_three_ready_control_plane_nodes if {
	rs := check.results with input as _input(_three(true))
	count(rs) == 1
	r := _result(rs)
	r.status == "pass"
	r.message == {"id": "pass", "args": {"source": "prod", "count": 3, "nodes": ["cp-1", "cp-2", "cp-3"]}}
	r.refs == ["sources/prod/nodes.json#/items/0", "sources/prod/nodes.json#/items/1", "sources/prod/nodes.json#/items/2"]
}

test_fail_single_control_plane_node if {
	# The kind cluster of the sonobuoy fixture: one control-plane node.
	rs := check.results with input as _input([_node("kind-control-plane", ["control-plane", "master"], true, 0), _node("kind-worker", [], false, 1)])
	r := _result(rs)
	r.status == "fail"
	r.message == {"id": "too_few", "args": {"source": "prod", "count": 1, "nodes": ["kind-control-plane"]}}
	r.measured == {"id": "measured", "args": {"nodes": [{"id": "ready", "args": {"name": "kind-control-plane"}}]}}
}

test_fail_control_plane_node_not_ready if {
	rs := check.results with input as _input(_three(false))
	r := _result(rs)
	r.status == "fail"
	r.message == {"id": "not_ready_nodes", "args": {"source": "prod", "nodes": ["cp-3"]}}
}

test_no_evidence_ready_unknown if {
	rs := check.results with input as _input(_three(null))
	_result(rs).status == "no-evidence"
}

test_no_evidence_managed_control_plane if {
	rs := check.results with input as _input([_node("aks-nodepool1-0", ["agent"], true, 0), _node("aks-nodepool1-1", ["agent"], true, 1)])
	r := _result(rs)
	r.status == "no-evidence"
	r.refs == ["sources/prod/nodes.json#"]
	r.message == {"id": "no_control_plane", "args": {"count": 2, "source": "prod"}}
}

test_no_evidence_without_nodes if {
	rs := check.results with input as {"kubernetes": {"prod": {"present": {"nodes": false}, "errors": {"nodes": "nodes is forbidden"}}}}
	{r.status | some r in rs; r.resource == "prod"} == {"no-evidence"}
}

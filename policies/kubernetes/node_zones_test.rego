package nachweis.kubernetes.node_zones_test

import data.nachweis.kubernetes.node_zones as check

_node(name, control_plane, zone, ready, i) := {
	"name": name, "roles": [r | control_plane; some r in ["control-plane"]],
	"control_plane": control_plane,
	"zone": zone, "ready": ready, "kubelet_version": "v1.31.4",
	"ref": sprintf("sources/prod/nodes.json#/items/%d", [i]),
}

_input(nodes) := {"kubernetes": {"prod": {"present": {"nodes": true}, "errors": {}, "nodes": nodes}}}

_result(rs) := r if {
	some r in rs
	r.resource == "prod/nodes"
}

test_pass_workers_in_two_zones if {
	rs := check.results with input as _input([
		_node("cp-1", true, "fsn1-dc14", true, 0),
		_node("w-1", false, "fsn1-dc14", true, 1),
		_node("w-2", false, "nbg1-dc3", true, 2),
	])
	r := _result(rs)
	r.status == "pass"
	r.message == {"id": "pass", "args": {"source": "prod", "count": 2, "zones": ["fsn1-dc14", "nbg1-dc3"]}}
	r.refs == ["sources/prod/nodes.json#/items/1", "sources/prod/nodes.json#/items/2"]
}

test_fail_all_nodes_in_one_zone if {
	# The AWS cluster of the sonobuoy fixture: every node in us-west-2a.
	rs := check.results with input as _input([
		_node("ip-10-0-26-239", false, "us-west-2a", true, 0),
		_node("ip-10-0-9-16", false, "us-west-2a", true, 1),
		_node("ip-10-0-9-206", true, "us-west-2a", true, 2),
	])
	r := _result(rs)
	r.status == "fail"
	r.message == {"id": "fail", "args": {"source": "prod", "count": 1, "zones": ["us-west-2a"]}}
}

test_fail_control_plane_zones_do_not_count_for_workers if {
	rs := check.results with input as _input([
		_node("cp-1", true, "a", true, 0), _node("cp-2", true, "b", true, 1),
		_node("w-1", false, "a", true, 2), _node("w-2", false, "a", true, 3),
	])
	_result(rs).status == "fail"
}

test_fail_second_zone_not_ready if {
	rs := check.results with input as _input([_node("w-1", false, "a", true, 0), _node("w-2", false, "b", false, 1)])
	r := _result(rs)
	r.status == "fail"
	r.measured == {"id": "measured", "args": {"zones": ["a"], "unlabelled": []}}
}

test_no_evidence_without_zone_labels if {
	rs := check.results with input as _input([_node("kind-control-plane", true, "", true, 0), _node("kind-worker", false, "", true, 1)])
	r := _result(rs)
	r.status == "no-evidence"
	r.message == {"id": "no_label", "args": {"source": "prod"}}
}

test_no_evidence_second_zone_ready_unknown if {
	rs := check.results with input as _input([_node("w-1", false, "a", true, 0), _node("w-2", false, "b", null, 1)])
	_result(rs).status == "no-evidence"
}

test_no_evidence_without_nodes if {
	rs := check.results with input as {"kubernetes": {"prod": {"present": {"nodes": false}, "errors": {}}}}
	{r.status | some r in rs; r.resource == "prod"} == {"no-evidence"}
}

package nachweis.kubernetes.node_location_test

import data.nachweis.kubernetes.node_location as check

_node(name, labels, i) := {
	"name": name, "roles": [], "control_plane": false, "zone": "", "region": object.get(labels, "topology.kubernetes.io/region", ""),
	"labels": labels, "ready": true, "kubelet_version": "v1.35.1", "kubelet_minor": "1.35",
	"ref": sprintf("sources/prod/nodes.json#/items/%d", [i]),
}

_params := {"eu_countries": ["DE", "FI"], "node_region_label": "topology.kubernetes.io/region", "region_countries": {"fsn1": "DE", "hel1": "FI", "ash": "US"}}

_input(nodes) := {"params": _params, "kubernetes": {"prod": {"present": {"nodes": true}, "errors": {}, "nodes": nodes}}}

_result(rs, resource) := r if {
	some r in rs
	r.resource == resource
}

_region(r) := {"topology.kubernetes.io/region": r}

test_pass_per_region if {
	rs := check.results with input as _input([
		_node("w-1", _region("fsn1"), 0), _node("w-2", _region("fsn1"), 1),
		_node("w-3", _region("hel1"), 2), _node("w-4", _region("DE-Nuernberg"), 3),
	])
	count(rs) == 3
	r := _result(rs, "prod/region/fsn1")
	r.status == "pass"
	r.message == {"id": "pass", "args": {"count": 2, "region": "fsn1", "country": "DE", "nodes": ["w-1", "w-2"]}}
	r.refs == ["sources/prod/nodes.json#/items/0", "sources/prod/nodes.json#/items/1"]
	r.measured == {"id": "measured", "args": {
		"region": {"id": "value", "args": {"value": "fsn1"}},
		"country": {"id": "value", "args": {"value": "DE"}},
		"nodes": ["w-1", "w-2"],
	}}
	_result(rs, "prod/region/hel1").status == "pass"
	_result(rs, "prod/region/DE-Nuernberg").message == {"id": "pass", "args": {"count": 1, "region": "DE-Nuernberg", "country": "DE", "nodes": ["w-4"]}}
}

test_fail_outside_allowed_countries if {
	rs := check.results with input as _input([_node("w-1", _region("fsn1"), 0), _node("us-1", _region("ash"), 1)])
	r := _result(rs, "prod/region/ash")
	r.status == "fail"
	r.message == {"id": "outside", "args": {"count": 1, "region": "ash", "country": "US", "nodes": ["us-1"]}}
	_result(rs, "prod/region/fsn1").status == "pass"
}

# The configured label wins; without it the node has no region, whatever
# the default label says.
test_configured_label if {
	rs := check.results with input as object.union(_input([_node("w-1", {"topology.kubernetes.io/region": "fsn1", "example.com/site": "FI-Helsinki"}, 0)]), {"params": {"node_region_label": "example.com/site"}})
	_result(rs, "prod/region/FI-Helsinki").status == "pass"
}

test_no_evidence_unlabelled_or_unknown_region if {
	rs := check.results with input as _input([_node("w-1", {}, 0), _node("w-2", _region("dc-7"), 1)])
	r := _result(rs, "prod/region/(none)")
	r.status == "no-evidence"
	r.message == {"id": "unlabelled", "args": {"count": 1, "label": "topology.kubernetes.io/region", "nodes": ["w-1"]}}
	_result(rs, "prod/region/dc-7").status == "no-evidence"
	_result(rs, "prod/region/dc-7").measured.args.country == {"id": "unknown", "args": {}}
}

test_no_evidence_without_nodes if {
	rs := check.results with input as {"params": _params, "kubernetes": {"prod": {"present": {"nodes": false}, "errors": {"nodes": "nodes is forbidden"}}}}
	count(rs) == 1
	_result(rs, "prod").status == "no-evidence"
}

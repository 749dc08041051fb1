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
	r.message == "2 nodes in region fsn1, country DE: w-1, w-2"
	r.refs == ["sources/prod/nodes.json#/items/0", "sources/prod/nodes.json#/items/1"]
	r.facts == {"region": "fsn1", "country": "DE", "nodes": ["w-1", "w-2"]}
	_result(rs, "prod/region/hel1").status == "pass"
	_result(rs, "prod/region/DE-Nuernberg").message == "1 node in region DE-Nuernberg, country DE: w-4"
}

test_fail_outside_allowed_countries if {
	rs := check.results with input as _input([_node("w-1", _region("fsn1"), 0), _node("us-1", _region("ash"), 1)])
	r := _result(rs, "prod/region/ash")
	r.status == "fail"
	r.message == "1 node in region ash, country US, outside the allowed jurisdictions: us-1"
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
	r.message == "1 node without the region label topology.kubernetes.io/region: w-1; their location is unknown"
	_result(rs, "prod/region/dc-7").status == "no-evidence"
	_result(rs, "prod/region/dc-7").measured == "region dc-7, country unknown: w-2"
}

test_no_evidence_without_nodes if {
	rs := check.results with input as {"params": _params, "kubernetes": {"prod": {"present": {"nodes": false}, "errors": {"nodes": "nodes is forbidden"}}}}
	count(rs) == 1
	_result(rs, "prod").status == "no-evidence"
}

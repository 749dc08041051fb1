package nachweis.kubernetes.patch_level_test

import data.nachweis.kubernetes.patch_level as check

# 2026-11-23T19:00:00Z
_now := 1795460400000000000

# 2026-09-01T00:00:00Z, when 1.34 was still in support
_september := 1788220800000000000

_node(name, version, minor, i) := {
	"name": name, "kubelet_version": version, "kubelet_minor": minor,
	"ref": sprintf("sources/prod/nodes.json#/items/%d", [i]),
}

_input(version, minor, nodes) := {"now_ns": _now, "kubernetes": {"prod": {
	"present": {"nodes": true, "version": true}, "errors": {},
	"version": {"git_version": version, "minor": minor, "ref": "sources/prod/version.json#"},
	"nodes": nodes,
}}}

_result(rs, resource) := r if {
	some r in rs
	r.resource == resource
}

test_pass_supported_and_within_skew if {
	rs := check.results with input as object.union(
		_input("v1.35.2", "1.35", [
			_node("cp-1", "v1.35.2", "1.35", 0),
			_node("w-1", "v1.34.5", "1.34", 1),
		]),
		{"now_ns": _september},
	)
	count(rs) == 3
	r := _result(rs, "prod/apiserver")
	r.status == "pass"
	r.message == "API server v1.35.2 (minor 1.35): in support"
	r.measured == "minor 1.35; supported until 2027-02-28"
	_result(rs, "prod/kubelet/1.35").status == "pass"
	w := _result(rs, "prod/kubelet/1.34")
	w.status == "pass"
	w.message == "1 node with kubelet 1.34 (w-1): in support and at most one minor release behind the API server"
	w.refs == ["sources/prod/nodes.json#/items/1", "sources/prod/version.json#"]
	w.facts == {"minor": "1.34", "control_plane_minor": "1.35", "nodes": ["w-1"], "end_of_life": "2026-10-27"}
}

# On 2026-11-23 1.34 is out of support (2026-10-27) and 1.33 is two
# minors behind 1.35 as well.
test_fail_end_of_life_and_skew if {
	rs := check.results with input as _input("v1.35.2", "1.35", [
		_node("w-1", "v1.33.9", "1.33", 0), _node("w-2", "v1.33.9", "1.33", 1),
		_node("w-3", "v1.36.0", "1.36", 2),
	])
	r := _result(rs, "prod/kubelet/1.33")
	r.status == "fail"
	r.message == "2 nodes with kubelet 1.33 (w-1, w-2): 1.33 is out of support since 2026-06-28; 2 minor releases behind the API server 1.35"

	# 1.36 is not in the table: unknown, not a pass; the skew alone fails.
	n := _result(rs, "prod/kubelet/1.36")
	n.status == "fail"
	n.message == "1 node with kubelet 1.36 (w-3): newer than the API server 1.35"
}

test_fail_api_server_out_of_support if {
	rs := check.results with input as _input("v1.31.4", "1.31", [_node("w-1", "v1.31.4", "1.31", 0), _node("w-2", "v1.8.4", "1.8", 1)])
	r := _result(rs, "prod/apiserver")
	r.status == "fail"
	r.message == "API server v1.31.4 (minor 1.31): 1.31 is out of support since 2025-10-28"
	old := _result(rs, "prod/kubelet/1.8")
	old.status == "fail"
	old.message == "1 node with kubelet 1.8 (w-2): 1.8 is out of support, older than every release in the table; 23 minor releases behind the API server 1.31"
}

test_no_evidence_unknown_versions if {
	rs := check.results with input as _input("v0.0.0-master", "", [_node("w-1", "v1.37.1", "1.37", 0), _node("w-2", "", "", 1)])
	_result(rs, "prod/apiserver").status == "no-evidence"
	_result(rs, "prod/kubelet/1.37").status == "no-evidence"
	contains(_result(rs, "prod/kubelet/1.37").message, "1.37 is newer than the release table (as of 2025-12-17)")
	_result(rs, "prod/kubelet/unknown").status == "no-evidence"
}

test_no_evidence_without_version if {
	rs := check.results with input as {"now_ns": _now, "kubernetes": {"prod": {
		"present": {"nodes": true, "version": false}, "errors": {"version": "the server could not find the requested resource (HTTP 404)"},
		"nodes": [_node("w-1", "v1.35.2", "1.35", 0)],
	}}}
	count(rs) == 1
	_result(rs, "prod").status == "no-evidence"
}

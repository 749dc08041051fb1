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
	r.message == {"id": "verdict", "args": {
		"subject": {"id": "subject_apiserver", "args": {"version": "v1.35.2", "minor": _value("1.35")}},
		"reasons": [{"id": "ok_apiserver", "args": {}}],
	}}
	r.measured == {"id": "measured_apiserver", "args": {"minor": _value("1.35"), "support": {"id": "supported_until", "args": {"date": _day("2027-02-28")}}}}
	_result(rs, "prod/kubelet/1.35").status == "pass"
	w := _result(rs, "prod/kubelet/1.34")
	w.status == "pass"
	w.message == {"id": "verdict", "args": {
		"subject": {"id": "subject_kubelets", "args": {"count": 1, "minor": _value("1.34"), "nodes": ["w-1"]}},
		"reasons": [{"id": "ok_kubelet", "args": {}}],
	}}
	w.refs == ["sources/prod/nodes.json#/items/1", "sources/prod/version.json#"]
	w.measured.args.support == {"id": "supported_until", "args": {"date": _day("2026-10-27")}}
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
	r.message.args.reasons == [
		{"id": "out_of_support", "args": {"minor": "1.33", "since": _day("2026-06-28")}},
		{"id": "behind", "args": {"count": 2, "control": "1.35"}},
	]

	# 1.36 is not in the table: unknown, not a pass; the skew alone fails.
	n := _result(rs, "prod/kubelet/1.36")
	n.status == "fail"
	n.message.args.reasons == [{"id": "newer", "args": {"control": "1.35"}}]
}

test_fail_api_server_out_of_support if {
	rs := check.results with input as _input("v1.31.4", "1.31", [_node("w-1", "v1.31.4", "1.31", 0), _node("w-2", "v1.8.4", "1.8", 1)])
	r := _result(rs, "prod/apiserver")
	r.status == "fail"
	r.message.args.reasons == [{"id": "out_of_support", "args": {"minor": "1.31", "since": _day("2025-10-28")}}]
	old := _result(rs, "prod/kubelet/1.8")
	old.status == "fail"
	old.message.args.reasons == [
		{"id": "older_than_table", "args": {"minor": "1.8"}},
		{"id": "behind", "args": {"count": 23, "control": "1.31"}},
	]
}

test_no_evidence_unknown_versions if {
	rs := check.results with input as _input("v0.0.0-master", "", [_node("w-1", "v1.37.1", "1.37", 0), _node("w-2", "", "", 1)])
	_result(rs, "prod/apiserver").status == "no-evidence"
	_result(rs, "prod/kubelet/1.37").status == "no-evidence"
	{"id": "newer_than_table", "args": {"minor": "1.37", "as_of": _day("2025-12-17")}} in _result(rs, "prod/kubelet/1.37").message.args.reasons
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

_value(v) := {"id": "value", "args": {"value": v}}

_day(d) := time.parse_rfc3339_ns(sprintf("%sT00:00:00Z", [d]))

package nachweis.kubernetes.velero_retention_test

import data.nachweis.kubernetes.velero_retention as check

# The schedules of the Velero CLI fixture: --ttl 168h0m0s and 720h0m0s.
_schedule(name, ttl, extra, i) := object.union(
	{
		"namespace": "velero", "name": name, "schedule": "0 2 * * *",
		"paused": false, "phase": "",
		"included_namespaces": ["*"], "excluded_namespaces": [],
		"filtered": false, "storage_location": "", "ttl_s": ttl,
		"ref": sprintf("sources/prod/velero-schedules.json#/items/%d", [i]),
	},
	extra,
)

_input(retention, schedules) := {
	"params": {"velero_retention_s": retention},
	"kubernetes": {"prod": {"present": {"velero_schedules": true}, "errors": {}, "velero_schedules": schedules}},
}

_result(rs, resource) := r if {
	some r in rs
	r.resource == resource
}

test_pass_ttl_equals_declared_retention if {
	rs := check.results with input as _input(604800, [_schedule("daily-production", 604800, {}, 0)])
	count(rs) == 1
	r := _result(rs, "prod/velero/schedule/velero/daily-production")
	r.status == "pass"
	r.message == {"id": "pass", "args": {"name": "velero/daily-production", "ttl_s": 604800}}
	r.expected == {"id": "expected", "args": {"declared": {"id": "duration", "args": {"s": 604800}}}}
	r.refs == ["sources/prod/velero-schedules.json#/items/0"]
}

test_fail_ttl_differs if {
	rs := check.results with input as _input(604800, [_schedule("daily-production", 604800, {}, 0), _schedule("weekly-cluster", 2592000, {}, 1)])
	_result(rs, "prod/velero/schedule/velero/daily-production").status == "pass"
	r := _result(rs, "prod/velero/schedule/velero/weekly-cluster")
	r.status == "fail"
	r.message == {"id": "differs", "args": {"name": "velero/weekly-cluster", "ttl_s": 2592000, "declared_s": 604800}}
}

test_inactive_schedules_not_assessed if {
	rs := check.results with input as _input(604800, [
		_schedule("paused", 2592000, {"paused": true}, 0),
		_schedule("broken", 2592000, {"phase": "FailedValidation"}, 1),
	])
	count(rs) == 0
}

test_no_evidence_without_declared_retention if {
	rs := check.results with input as _input(null, [_schedule("daily-production", 604800, {}, 0)])
	r := _result(rs, "prod/velero/schedule/velero/daily-production")
	r.status == "no-evidence"
	r.expected == {"id": "expected", "args": {"declared": {"id": "not_declared", "args": {}}}}
}

test_no_evidence_without_ttl if {
	rs := check.results with input as _input(604800, [_schedule("default-ttl", null, {}, 0)])
	r := _result(rs, "prod/velero/schedule/velero/default-ttl")
	r.status == "no-evidence"
	r.measured == {"id": "measured", "args": {"ttl": {"id": "ttl_unset", "args": {}}}}
}

test_no_evidence_without_velero if {
	rs := check.results with input as {"params": {"velero_retention_s": 604800}, "kubernetes": {"prod": {"present": {"velero_schedules": false}, "errors": {}}}}
	{r.status | some r in rs; r.resource == "prod"} == {"no-evidence"}
}

package nachweis.kubernetes.velero_schedules_test

import data.nachweis.kubernetes.velero_schedules as check

# Shaped like the Velero CLI fixtures: daily-production names one
# namespace, weekly-cluster was created without --include-namespaces.
_schedule(name, cron, included, extra, i) := object.union(
	{
		"namespace": "velero", "name": name, "schedule": cron,
		"paused": false, "phase": "Enabled",
		"included_namespaces": included, "excluded_namespaces": [],
		"filtered": false, "storage_location": "", "ttl_s": 604800,
		"ref": sprintf("sources/prod/velero-schedules.json#/items/%d", [i]),
	},
	extra,
)

_ns(tenant, in_scope, i) := {
	"labels": {}, "tenant": tenant, "in_scope": in_scope,
	"ref": sprintf("sources/prod/namespaces.json#/items/%d", [i]),
}

_input(schedules) := {"kubernetes": {"prod": {
	"present": {"namespaces": true, "velero_schedules": true},
	"errors": {},
	"namespaces": {
		"acme-prod": _ns("acme", true, 0),
		"globex-prod": _ns("globex", true, 1),
		"kube-system": _ns("", false, 2),
	},
	"velero_schedules": schedules,
}}}

_result(rs, resource) := r if {
	some r in rs
	r.resource == resource
}

test_pass_named_and_wildcard_schedules if {
	rs := check.results with input as _input([
		_schedule("daily-acme", "0 2 * * *", ["acme-prod"], {}, 0),
		_schedule("weekly-cluster", "0 3 * * 0", ["*"], {"excluded_namespaces": ["kube-system"]}, 1),
	])
	count(rs) == 2
	a := _result(rs, "prod/namespace/acme-prod")
	a.status == "pass"
	a.tenant == "acme"
	a.message == {"id": "pass", "args": {"namespace": "acme-prod", "schedules": ["velero/daily-acme", "velero/weekly-cluster"]}}
	a.measured == {"id": "measured", "args": {"schedules": [{"id": "schedule", "args": {"name": "velero/daily-acme", "schedule": "0 2 * * *"}}, {"id": "schedule", "args": {"name": "velero/weekly-cluster", "schedule": "0 3 * * 0"}}]}}
	a.refs == ["sources/prod/namespaces.json#/items/0", "sources/prod/velero-schedules.json#/items/0", "sources/prod/velero-schedules.json#/items/1"]
	_result(rs, "prod/namespace/globex-prod").status == "pass"
}

test_fail_namespace_in_no_schedule if {
	rs := check.results with input as _input([_schedule("daily-acme", "0 2 * * *", ["acme-prod"], {}, 0)])
	_result(rs, "prod/namespace/acme-prod").status == "pass"
	g := _result(rs, "prod/namespace/globex-prod")
	g.status == "fail"
	g.tenant == "globex"
	g.message == {"id": "fail", "args": {"namespace": "globex-prod", "schedules": [{"id": "state", "args": {"name": "velero/daily-acme", "namespaces": ["acme-prod"]}}]}}
}

test_fail_excluded_paused_failed_or_filtered if {
	rs := check.results with input as _input([
		_schedule("all-but-globex", "0 2 * * *", ["*"], {"excluded_namespaces": ["globex-prod"]}, 0),
		_schedule("paused", "0 2 * * *", ["globex-prod"], {"paused": true}, 1),
		_schedule("broken", "0 2 * * *", ["globex-prod"], {"phase": "FailedValidation"}, 2),
		_schedule("labelled", "0 2 * * *", ["globex-prod"], {"filtered": true}, 3),
	])
	_result(rs, "prod/namespace/acme-prod").status == "pass"
	g := _result(rs, "prod/namespace/globex-prod")
	g.status == "fail"
	_flagged("velero/paused", "paused") in g.message.args.schedules
	_flagged("velero/broken", "failed_validation") in g.message.args.schedules
	_flagged("velero/labelled", "filtered") in g.message.args.schedules
}

test_pass_schedule_without_status if {
	# No Velero server has processed the CLI fixtures: status is empty.
	rs := check.results with input as _input([_schedule("weekly-cluster", "0 3 * * 0", ["*"], {"phase": ""}, 0)])
	_result(rs, "prod/namespace/globex-prod").status == "pass"
}

test_no_evidence_without_velero if {
	inp := object.union(_input([]), {"kubernetes": {"prod": {
		"present": {"velero_schedules": false},
		"errors": {"velero_schedules": "the server could not find the requested resource (velero.io/v1 schedules)"},
	}}})
	rs := check.results with input as inp
	{r.status | some r in rs} == {"no-evidence"}
	contains(json.marshal(_result(rs, "prod").message), "evidence_missing_collector")
	contains(json.marshal(_result(rs, "prod").message), "velero_schedules")
}

_flagged(name, flag) := {"id": "state_flags", "args": {"name": name, "flags": [{"id": flag, "args": {}}], "namespaces": ["globex-prod"]}}

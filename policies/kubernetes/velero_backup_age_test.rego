package nachweis.kubernetes.velero_backup_age_test

import data.nachweis.kubernetes.velero_backup_age as check

# 2026-11-23T12:00:00Z
_now := 1795435200000000000

_h := 3600000000000

_backup(name, included, phase, hours_ago, extra, i) := object.union(
	{
		"namespace": "velero", "name": name, "phase": phase,
		"completion_ns": _now - (hours_ago * _h),
		"included_namespaces": included, "excluded_namespaces": [],
		"filtered": false, "schedule": "", "storage_location": "", "ttl_s": 604800,
		"ref": sprintf("sources/prod/velero-backups.json#/items/%d", [i]),
	},
	extra,
)

_ns(tenant, in_scope, i) := {
	"labels": {}, "tenant": tenant, "in_scope": in_scope,
	"ref": sprintf("sources/prod/namespaces.json#/items/%d", [i]),
}

_input(backups) := {
	"now_ns": _now,
	"params": {"backup_max_age_s": 93600},
	"kubernetes": {"prod": {
		"present": {"namespaces": true, "velero_backups": true},
		"errors": {},
		"namespaces": {
			"acme-prod": _ns("acme", true, 0),
			"globex-prod": _ns("globex", true, 1),
			"kube-system": _ns("", false, 2),
		},
		"velero_backups": backups,
	}},
}

_result(rs, resource) := r if {
	some r in rs
	r.resource == resource
}

test_pass_recent_completed_backups if {
	rs := check.results with input as _input([
		_backup("nightly-20261123020000", ["*"], "Completed", 10, {"schedule": "nightly"}, 0),
		_backup("nightly-20261122020000", ["*"], "Completed", 34, {"schedule": "nightly"}, 1),
		_backup("acme-hourly", ["acme-prod"], "Completed", 1, {}, 2),
	])
	count(rs) == 2
	a := _result(rs, "prod/namespace/acme-prod")
	a.status == "pass"
	a.tenant == "acme"
	a.message == {"id": "pass", "args": {"namespace": "acme-prod", "limit_s": 93600, "backup": _backup_text("velero/acme-hourly", 1)}}
	a.refs == ["sources/prod/namespaces.json#/items/0", "sources/prod/velero-backups.json#/items/2"]
	g := _result(rs, "prod/namespace/globex-prod")
	g.status == "pass"
	g.measured == _backup_text("velero/nightly-20261123020000", 10)
}

test_fail_newest_completed_backup_too_old if {
	# A newer backup that only partially failed does not count.
	rs := check.results with input as _input([
		_backup("nightly-1", ["*"], "Completed", 30, {}, 0),
		_backup("nightly-2", ["*"], "PartiallyFailed", 6, {}, 1),
	])
	g := _result(rs, "prod/namespace/globex-prod")
	g.status == "fail"
	g.message == {"id": "too_old", "args": {"namespace": "globex-prod", "backup": _backup_text("velero/nightly-1", 30), "limit_s": 93600}}
}

test_fail_no_backup_of_namespace if {
	rs := check.results with input as _input([
		_backup("acme-only", ["acme-prod"], "Completed", 2, {}, 0),
		_backup("all-but-globex", ["*"], "Completed", 2, {"excluded_namespaces": ["globex-prod"]}, 1),
		_backup("labelled", ["globex-prod"], "Completed", 2, {"filtered": true}, 2),
		_backup("running", ["globex-prod"], "InProgress", 0, {"completion_ns": null}, 3),
	])
	_result(rs, "prod/namespace/acme-prod").status == "pass"
	g := _result(rs, "prod/namespace/globex-prod")
	g.status == "fail"
	g.message == {"id": "no_backup", "args": {"namespace": "globex-prod"}}
	g.refs == ["sources/prod/namespaces.json#/items/1"]
}

test_fail_backup_without_status if {
	# The Velero CLI fixture: created, but no Velero server ran it.
	rs := check.results with input as _input([_backup("production-adhoc", ["acme-prod"], "", 0, {"completion_ns": null}, 0)])
	_result(rs, "prod/namespace/acme-prod").status == "fail"
}

test_no_evidence_without_max_age if {
	inp := object.union(_input([_backup("nightly", ["*"], "Completed", 1, {}, 0)]), {"params": {"backup_max_age_s": null}})
	rs := check.results with input as inp
	_result(rs, "prod/namespace/acme-prod").status == "no-evidence"
}

test_no_evidence_without_velero if {
	inp := object.union(_input([]), {"kubernetes": {"prod": {
		"present": {"velero_backups": false},
		"errors": {"velero_backups": "backups.velero.io is forbidden"},
	}}})
	rs := check.results with input as inp
	{r.status | some r in rs} == {"no-evidence"}
}

test_future_backup_among_stale_ones_fails if {
	rs := check.results with input as _input([
		_backup("nightly-old", ["*"], "Completed", 30, {}, 0),
		_backup("nightly-2099", ["*"], "Completed", -640000, {}, 1),
	])
	g := _result(rs, "prod/namespace/globex-prod")
	g.status == "fail"
	g.measured == _backup_text("velero/nightly-old", 30)
}

test_no_evidence_when_only_future_backups if {
	rs := check.results with input as _input([
		_backup("acme-ahead", ["acme-prod"], "Completed", -24, {}, 0),
		_backup("nightly-old", ["*"], "Completed", 30, {}, 1),
	])
	a := _result(rs, "prod/namespace/acme-prod")
	a.status == "fail" # the stale nightly backup decides
	rs2 := check.results with input as _input([_backup("acme-ahead", ["acme-prod"], "Completed", -24, {}, 0)])
	b := _result(rs2, "prod/namespace/acme-prod")
	b.status == "no-evidence"
	b.message == {"id": "all_future", "args": {"namespace": "acme-prod", "count": 1, "newest_ns": _now + (24 * _h)}}
	b.refs == ["sources/prod/namespaces.json#/items/0", "sources/prod/velero-backups.json#/items/0"]
	_result(rs2, "prod/namespace/globex-prod").status == "fail"
}

_backup_text(name, hours) := {"id": "backup", "args": {"name": name, "time_ns": _now - (hours * _h), "age_s": hours * 3600}}

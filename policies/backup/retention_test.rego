package nachweis.backup.retention_test

import data.nachweis.backup.retention as check

_now := 1795478400000000000 # 2026-11-24T00:00:00Z

_h := 3600000000000

# _daily(days) is one successful snapshot at 01:00 UTC on each of the last
# `days` days (23h, 47h, ... ago).
_daily(days) := [_snap(sprintf("d%d", [i]), 23 + (24 * i), true) | some i in numbers.range(0, days - 1)]

_snap(id, hours_ago, ok) := {
	"id": id, "time_ns": _now - (hours_ago * _h), "ok": ok,
	"hostname": "web-01", "tags": [], "tenants": ["acme"],
	"ref": sprintf("sources/web01/snapshots.json#/%s", [id]),
}

_repo(retention, snapshots) := {
	"source": "web01", "tool": "restic", "location": "/srv/backup",
	"present": {"snapshots": true, "encryption": true, "integrity": true},
	"errors": {}, "site": "DE-Falkenstein", "max_age_s": 93600,
	"retention": retention, "encryption": null, "integrity": null,
	"snapshots": snapshots, "ref": "sources/web01/config.json",
}

_input(repo) := {
	"now_ns": _now,
	"params": {"retention_tolerance_s": 172800},
	"backup": {"repositories": {"web01": repo}, "tenant_repositories": {}},
}

_result(rs) := r if {
	some r in rs
	r.resource == "restic/web01"
}

_seven_daily := {"daily": 7, "weekly": 0, "monthly": 0, "yearly": 0}

test_pass_daily_retention if {
	rs := check.results with input as _input(_repo(_seven_daily, _daily(7)))
	count(rs) == 1
	r := _result(rs)
	r.status == "pass"
	r.message == {"id": "pass", "args": {"name": "web01", "retention": _retention(7, 7 * 86400), "measured": {"id": "parts", "args": {"parts": [
		{"id": "measured_oldest", "args": {"age_s": 167 * 3600, "time_ns": _now - (167 * _h)}},
		{"id": "measured_days", "args": {"found": 7, "daily": 7, "required": 6}},
	]}}}}
	r.refs == ["sources/web01/config.json", "sources/web01/snapshots.json#/d6"]
}

test_fail_snapshot_kept_too_long if {
	rs := check.results with input as _input(_repo(_seven_daily, array.concat(_daily(7), [_snap("old", 12 * 24, true)])))
	r := _result(rs)
	r.status == "fail"
	r.message == {"id": "fail", "args": {"name": "web01", "problems": [{"id": "too_old", "args": {
		"age_s": 12 * 86400, "time_ns": _now - ((12 * 24) * _h),
		"retention_s": 7 * 86400, "tolerance_s": 172800,
	}}]}}
}

test_pass_weekly_tier_extends_retention if {
	retention := {"daily": 7, "weekly": 4}
	rs := check.results with input as _input(_repo(retention, array.concat(_daily(7), [_snap("w3", 27 * 24, true)])))
	_result(rs).status == "pass"
}

test_fail_daily_gaps if {
	snapshots := [_snap("a", 23, true), _snap("b", 23 + (6 * 24), true), _snap("c", 47, false)]
	rs := check.results with input as _input(_repo(_seven_daily, snapshots))
	r := _result(rs)
	r.status == "fail"
	r.message == {"id": "fail", "args": {"name": "web01", "problems": [{"id": "too_few_days", "args": {"found": 2, "daily": 7, "required": 6}}]}}
}

test_pass_young_repository if {
	rs := check.results with input as _input(_repo(_seven_daily, _daily(3)))
	r := _result(rs)
	r.status == "pass"
	r.measured.args.parts[1] == {"id": "measured_days", "args": {"found": 3, "daily": 7, "required": 2}}
}

test_fail_without_snapshots if {
	rs := check.results with input as _input(_repo(_seven_daily, []))
	_result(rs).status == "fail"
}

test_no_evidence_retention_not_declared if {
	rs := check.results with input as _input(_repo(null, _daily(7)))
	r := _result(rs)
	r.status == "no-evidence"
	r.message == {"id": "not_declared", "args": {"name": "web01"}}
}

test_no_evidence_invalid_tier if {
	rs := check.results with input as _input(_repo({"daily": "7"}, _daily(7)))
	_result(rs).status == "no-evidence"
}

test_no_evidence_without_snapshot_evidence if {
	repo := object.union(_repo(_seven_daily, null), {"present": {"snapshots": false}, "errors": {"snapshots": "unable to open repository"}})
	rs := check.results with input as _input(repo)
	_result(rs).status == "no-evidence"
}

test_no_evidence_when_every_snapshot_is_dated_after_evaluation_time if {
	rs := check.results with input as _input(_repo(_seven_daily, [_snap("ahead1", -48, true), _snap("ahead2", -24, true)]))
	r := _result(rs)
	r.status == "no-evidence"
	r.message == {"id": "all_future", "args": {"name": "web01", "count": 2, "newest_ns": _now + (48 * _h)}}
}

test_future_snapshot_is_not_the_oldest if {
	# A snapshot dated after the evaluation time neither extends nor fills
	# the retention: the seven daily snapshots decide.
	rs := check.results with input as _input(_repo(_seven_daily, array.concat(_daily(7), [_snap("ahead", -24, true)])))
	r := _result(rs)
	r.status == "pass"
	r.refs == ["sources/web01/config.json", "sources/web01/snapshots.json#/d6"]
}

_retention(daily, longest) := {"id": "retention", "args": {"daily": daily, "weekly": 0, "monthly": 0, "yearly": 0, "longest_s": longest}}

package nachweis.backup.freshness_test

import data.nachweis.backup.freshness as check

_now := 1795478400000000000 # 2026-11-24T00:00:00Z

_h := 3600000000000

_snap(id, hours_ago, ok, tenants) := {
	"id": id, "time_ns": _now - (hours_ago * _h), "ok": ok,
	"hostname": "web-01", "tags": ["daily"], "tenants": tenants,
	"ref": sprintf("sources/web01/snapshots.json#/%s", [id]),
}

_repo(tool, max_age, snapshots) := {
	"source": "web01", "tool": tool, "location": "/srv/backup",
	"present": {"snapshots": true, "encryption": true, "integrity": true},
	"errors": {}, "site": "DE-Falkenstein", "max_age_s": max_age,
	"retention": null, "encryption": null, "integrity": null,
	"snapshots": snapshots, "ref": "sources/web01/config.json",
}

_input(repos, mapping) := {
	"now_ns": _now,
	"params": {"backup_max_age_s": 93600},
	"tenants": {"acme": {"namespaces": []}, "globex": {"namespaces": []}},
	"backup": {"repositories": repos, "tenant_repositories": mapping},
}

_statuses(rs, resource) := {r.status | some r in rs; r.resource == resource}

_result(rs, resource) := r if {
	some r in rs
	r.resource == resource
}

test_pass_repository_fresh if {
	rs := check.results with input as _input({"web01": _repo("restic", 93600, [_snap("aaaa", 30, true, []), _snap("bbbb", 5, true, [])])}, {})
	_statuses(rs, "restic/web01") == {"pass"}
	r := _result(rs, "restic/web01")
	r.message == {"id": "fresh", "args": {"subject": _subject("web01"), "snapshot": "bbbb", "age_s": 5 * 3600, "time_ns": _now - (5 * _h), "limit_s": 93600}}
	r.refs == ["sources/web01/config.json", "sources/web01/snapshots.json#/bbbb"]
}

test_fail_repository_stale if {
	rs := check.results with input as _input({"web01": _repo("restic", 93600, [_snap("aaaa", 31, true, []), _snap("bbbb", 1, false, [])])}, {})
	_statuses(rs, "restic/web01") == {"fail"}
	r := _result(rs, "restic/web01")
	r.measured == {"id": "measured", "args": {"age_s": 31 * 3600, "time_ns": _now - (31 * _h)}}
	r.expected == {"id": "expected", "args": {"limit_s": 93600}}
}

test_repository_max_age_overrides_default if {
	rs := check.results with input as _input(
		{
			"db01": _repo("borg", 7200, [_snap("cccc", 3, true, [])]),
			"web01": _repo("restic", null, [_snap("dddd", 3, true, [])]),
		},
		{},
	)
	_statuses(rs, "borg/db01") == {"fail"}
	_statuses(rs, "restic/web01") == {"pass"}
}

test_fail_without_successful_snapshot if {
	rs := check.results with input as _input({"web01": _repo("restic", 93600, [_snap("aaaa", 1, false, [])])}, {})
	_statuses(rs, "restic/web01") == {"fail"}
	_result(rs, "restic/web01").message == {"id": "no_success", "args": {"subject": _subject("web01"), "count": 1}}
}

test_no_evidence_without_snapshots if {
	repo := object.union(_repo("restic", 93600, null), {"present": {"snapshots": false}, "errors": {"snapshots": "repository is locked"}})
	rs := check.results with input as _input({"web01": repo}, {})
	_statuses(rs, "restic/web01") == {"no-evidence"}
	contains(json.marshal(_result(rs, "restic/web01").message), "repository is locked")
}

test_tenant_pass_across_repositories if {
	rs := check.results with input as _input(
		{
			"web01": _repo("restic", 93600, [_snap("aaaa", 40, true, ["acme"])]),
			"main/repo1": _repo("pgbackrest", 93600, [_snap("bbbb", 2, true, ["acme"])]),
		},
		{"acme": ["web01", "main/repo1"], "globex": ["web01"]},
	)
	_statuses(rs, "backup/tenant/acme") == {"pass"}
	r := _result(rs, "backup/tenant/acme")
	r.tenant == "acme"
	r.message.id == "fresh"
	r.message.args.subject == {"id": "subject_tenant_repository", "args": {"tenant": "acme", "repository": "main/repo1"}}
	r.message.args.snapshot == "bbbb"
	r.message.args.age_s == 2 * 3600
	r.refs == ["sources/web01/snapshots.json#/bbbb"]
}

test_tenant_fail_when_only_other_tenant_fresh if {
	rs := check.results with input as _input(
		{"web01": _repo("restic", 93600, [_snap("aaaa", 40, true, ["acme"]), _snap("bbbb", 2, true, ["globex"])])},
		{"acme": ["web01"], "globex": ["web01"]},
	)
	_statuses(rs, "backup/tenant/acme") == {"fail"}
	_statuses(rs, "backup/tenant/globex") == {"pass"}
	_statuses(rs, "restic/web01") == {"pass"}
}

test_tenant_fail_without_snapshot if {
	rs := check.results with input as _input(
		{"web01": _repo("restic", 93600, [_snap("bbbb", 2, true, ["globex"])])},
		{"acme": ["web01"], "globex": ["web01"]},
	)
	_result(rs, "backup/tenant/acme").status == "fail"
	_result(rs, "backup/tenant/acme").message == {"id": "tenant_no_success", "args": {"tenant": "acme", "repositories": ["web01"]}}
}

test_tenant_limit_is_smallest_repository_limit if {
	rs := check.results with input as _input(
		{
			"web01": _repo("restic", 93600, [_snap("aaaa", 3, true, ["acme"])]),
			"db01": _repo("borg", 7200, [_snap("bbbb", 1, true, ["globex"])]),
		},
		{"acme": ["web01", "db01"], "globex": ["db01"]},
	)
	_statuses(rs, "backup/tenant/acme") == {"fail"}
	_result(rs, "backup/tenant/acme").expected == {"id": "expected", "args": {"limit_s": 7200}}
}

test_tenant_no_evidence_when_repository_unknown if {
	rs := check.results with input as _input(
		{"web01": _repo("restic", 93600, [_snap("aaaa", 40, true, ["acme"])])},
		{"acme": ["web01", "web02"], "globex": []},
	)
	_statuses(rs, "backup/tenant/acme") == {"no-evidence"}
	_result(rs, "backup/tenant/acme").message.args.reasons == [{"id": "repository_reason", "args": {"name": "web02", "reason": {"id": "not_in_evidence", "args": {}}}}]
	_statuses(rs, "backup/tenant/globex") == {"fail"}
}

test_unmapped_tenant_no_evidence if {
	rs := check.results with input as _input(
		{"web01": _repo("restic", 93600, [_snap("aaaa", 2, true, ["acme"])])},
		{"acme": ["web01"]},
	)
	_statuses(rs, "backup/tenant/acme") == {"pass"}
	_statuses(rs, "backup/tenant/globex") == {"no-evidence"}
}

test_tenant_ignores_snapshots_in_repositories_not_mapped_to_it if {
	rs := check.results with input as _input(
		{
			"web01": _repo("restic", 93600, [_snap("aaaa", 40, true, ["acme"])]),
			"db01": _repo("borg", 93600, [_snap("bbbb", 1, true, ["acme", "globex"])]),
		},
		{"acme": ["web01"], "globex": ["db01"]},
	)
	_statuses(rs, "backup/tenant/acme") == {"fail"}
	_statuses(rs, "backup/tenant/globex") == {"pass"}
}

test_snapshot_without_id_still_assessed if {
	rs := check.results with input as _input({"web01": _repo("restic", 93600, [object.remove(_snap("aaaa", 30, true, []), ["id"])])}, {})
	_statuses(rs, "restic/web01") == {"fail"}
	_result(rs, "restic/web01").message.args.snapshot == "–"
	_result(rs, "restic/web01").message.args.age_s == 30 * 3600
}

# Evidence dated after the evaluation time (beyond the 5-minute clock-skew
# tolerance) is no evidence of freshness: the newest snapshot that is not
# in the future decides.

_year_2099 := 4070908800000000000 # 2099-01-01T00:00:00Z

_future_snap(id, t, tenants) := object.union(_snap(id, 0, true, tenants), {"time_ns": t})

test_future_snapshot_among_stale_ones_fails if {
	rs := check.results with input as _input(
		{"web01": _repo("restic", 93600, [
			_snap("old1", 1440, true, []),
			_snap("old2", 1416, true, []),
			_future_snap("y2099", _year_2099, []),
		])},
		{},
	)
	_statuses(rs, "restic/web01") == {"fail"}
	r := _result(rs, "restic/web01")
	r.message == {"id": "with_note", "args": {
		"message": {"id": "stale", "args": {"subject": _subject("web01"), "snapshot": "old2", "age_s": 1416 * 3600, "time_ns": _now - (1416 * _h), "limit_s": 93600}},
		"note": _not_counted(1, _year_2099),
	}}
	r.refs == ["sources/web01/config.json", "sources/web01/snapshots.json#/old2"]
}

test_only_future_snapshots_no_evidence if {
	# --now before the snapshot: "is -16d 4h old" must not pass.
	rs := check.results with input as _input({"web01": _repo("restic", 93600, [_snap("ahead", -388, true, [])])}, {})
	_statuses(rs, "restic/web01") == {"no-evidence"}
	r := _result(rs, "restic/web01")
	r.message == {"id": "all_future", "args": {"subject": _subject("web01"), "count": 1, "newest_ns": _now + (388 * _h)}}
	r.refs == ["sources/web01/config.json", "sources/web01/snapshots.json#/ahead"]
}

test_fresh_snapshot_passes_beside_a_future_one if {
	rs := check.results with input as _input({"web01": _repo("restic", 93600, [_snap("fresh", 5, true, []), _future_snap("y2099", _year_2099, [])])}, {})
	_statuses(rs, "restic/web01") == {"pass"}
	_result(rs, "restic/web01").message.args.message.id == "fresh"
	_result(rs, "restic/web01").message.args.note == _not_counted(1, _year_2099)
}

test_clock_skew_tolerance if {
	four_minutes_ahead := _future_snap("skew", _now + 240000000000, [])
	rs := check.results with input as _input({"web01": _repo("restic", 93600, [four_minutes_ahead])}, {})
	_statuses(rs, "restic/web01") == {"pass"}
	six_minutes_ahead := _future_snap("skew", _now + 360000000000, [])
	rs2 := check.results with input as _input({"web01": _repo("restic", 93600, [six_minutes_ahead])}, {})
	_statuses(rs2, "restic/web01") == {"no-evidence"}
	rs3 := check.results with input as object.union(_input({"web01": _repo("restic", 93600, [six_minutes_ahead])}, {}), {"params": {"clock_skew_s": 600}})
	_statuses(rs3, "restic/web01") == {"pass"}
}

test_tenant_future_snapshot_among_stale_ones_fails if {
	rs := check.results with input as _input(
		{"web01": _repo("restic", 93600, [_snap("old", 1440, true, ["acme"]), _future_snap("y2099", _year_2099, ["acme"])])},
		{"acme": ["web01"]},
	)
	_statuses(rs, "backup/tenant/acme") == {"fail"}
	_result(rs, "backup/tenant/acme").message.args.message.id == "stale"
	_result(rs, "backup/tenant/acme").message.args.note == _not_counted(1, _year_2099)
}

test_tenant_only_future_snapshots_no_evidence if {
	rs := check.results with input as _input(
		{"web01": _repo("restic", 93600, [_future_snap("y2099", _year_2099, ["acme"])])},
		{"acme": ["web01"]},
	)
	_statuses(rs, "backup/tenant/acme") == {"no-evidence"}
	r := _result(rs, "backup/tenant/acme")
	r.message == {"id": "all_future", "args": {"subject": {"id": "subject_tenant", "args": {"tenant": "acme"}}, "count": 1, "newest_ns": _year_2099}}
	r.refs == ["sources/web01/snapshots.json#/y2099"]
}

_subject(name) := {"id": "subject_repository", "args": {"name": name}}

_not_counted(n, newest) := {"id": "backup_future_not_counted", "args": {"count": n, "newest_ns": newest}}

package nachweis.backup.integrity_test

import data.nachweis.backup.integrity as check

_now := 1795478400000000000 # 2026-11-24T00:00:00Z

_day := 86400000000000

_repo(tool, integrity) := {
	"source": "web01", "tool": tool, "location": "/srv/backup",
	"present": {"snapshots": true, "encryption": true, "integrity": true},
	"errors": {}, "site": "DE-Falkenstein", "max_age_s": 93600,
	"retention": null, "encryption": null, "integrity": integrity,
	"snapshots": [], "ref": "sources/web01/config.json",
}

_check(ok, days_ago, detail) := {"ok": ok, "checked_at_ns": _now - (days_ago * _day), "detail": detail, "ref": "sources/web01/check.json"}

_input(repos) := {
	"now_ns": _now,
	"params": {"integrity_max_age_s": 604800},
	"backup": {"repositories": repos, "tenant_repositories": {}},
}

_statuses(rs, resource) := {r.status | some r in rs; r.resource == resource}

test_pass_recent_successful_check if {
	rs := check.results with input as _input({"web01": _repo("restic", _check(true, 2, "no errors were found"))})
	_statuses(rs, "restic/web01") == {"pass"}
	some r in rs
	r.message == {"id": "pass", "args": {
		"name": "web01", "age_s": 2 * 86400, "time_ns": _now - (2 * _day),
		"detail": {"id": "detail", "args": {"detail": "no errors were found"}},
	}}
	r.expected == {"id": "expected", "args": {"limit_s": 604800}}
	r.refs == ["sources/web01/config.json", "sources/web01/check.json"]
}

test_fail_stale_check if {
	rs := check.results with input as _input({
		"web01": _repo("restic", _check(true, 9, "no errors were found")),
		"db01": _repo("borg", _check(true, 6, "")),
	})
	_statuses(rs, "restic/web01") == {"fail"}
	_statuses(rs, "borg/db01") == {"pass"}
	some r in rs
	r.resource == "restic/web01"
	r.measured == {"id": "measured_succeeded", "args": {"age_s": 9 * 86400, "time_ns": _now - (9 * _day)}}
}

test_fail_check_with_errors if {
	rs := check.results with input as _input({"web01": _repo("restic", _check(false, 1, "pack 3f2a: checksum mismatch"))})
	_statuses(rs, "restic/web01") == {"fail"}
	some r in rs
	r.message.id == "failed"
	r.message.args.detail == {"id": "detail", "args": {"detail": "pack 3f2a: checksum mismatch"}}
}

test_no_evidence_when_integrity_null if {
	rs := check.results with input as _input({"web01": _repo("restic", null)})
	_statuses(rs, "restic/web01") == {"no-evidence"}
}

test_no_evidence_when_not_collected if {
	repo := object.union(_repo("pgbackrest", null), {"present": {"integrity": false}})
	rs := check.results with input as _input({"main/repo1": repo})
	_statuses(rs, "pgbackrest/main/repo1") == {"no-evidence"}
	some r in rs
	r.message == {"id": "backup_not_assessable", "args": {
		"subject": {"id": "subject_repository", "args": {"name": "main/repo1"}},
		"reason": {"id": "evidence_missing_no_error", "args": {"key": "integrity"}},
	}}
}

test_no_evidence_when_check_dated_after_evaluation_time if {
	rs := check.results with input as _input({"web01": _repo("restic", _check(true, -16, "no errors were found"))})
	_statuses(rs, "restic/web01") == {"no-evidence"}
	some r in rs
	r.message == {"id": "future", "args": {"name": "web01", "time_ns": _now + (16 * _day)}}
}

test_no_evidence_when_check_time_unknown if {
	# restic check output imported without --collected-at: no time.
	unknown := object.union(_check(true, 0, "no errors were found"), {"checked_at_ns": null})
	rs := check.results with input as _input({"web01": _repo("restic", unknown)})
	_statuses(rs, "restic/web01") == {"no-evidence"}
	some r in rs
	r.message == {"id": "time_unknown", "args": {"name": "web01"}}
	r.refs == ["sources/web01/config.json", "sources/web01/check.json"]
}

test_fail_failed_check_at_unknown_time if {
	unknown := object.union(_check(false, 0, "status 0 (ok); no backups"), {"checked_at_ns": null})
	rs := check.results with input as _input({"main/repo1": _repo("pgbackrest", unknown)})
	_statuses(rs, "pgbackrest/main/repo1") == {"fail"}
	some r in rs
	r.message == {"id": "failed", "args": {
		"name": "main/repo1", "when": {"id": "when_unknown", "args": {}},
		"detail": {"id": "detail", "args": {"detail": "status 0 (ok); no backups"}},
	}}
}

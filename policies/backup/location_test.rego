package nachweis.backup.location_test

import data.nachweis.backup.location as check

_repo(tool, site) := {
	"source": "x", "tool": tool, "location": "/srv/backup", "present": {"snapshots": true}, "errors": {},
	"site": site, "ref": sprintf("sources/%s/snapshots.json#", [tool]),
}

_input(repos) := {"params": {"eu_countries": ["DE", "FI", "NO"]}, "backup": {"repositories": repos, "tenant_repositories": {}}}

_result(rs, resource) := r if {
	some r in rs
	r.resource == resource
}

test_pass_sites_in_allowed_countries if {
	rs := check.results with input as _input({"web01": _repo("restic", "DE-Falkenstein"), "main/repo2": _repo("pgbackrest", "FI-Helsinki")})
	count(rs) == 2
	r := _result(rs, "restic/web01")
	r.status == "pass"
	r.message == {"id": "pass", "args": {"name": "web01", "site": "DE-Falkenstein", "country": "DE"}}
	r.refs == ["sources/restic/snapshots.json#"]
	r.measured == {"id": "measured", "args": {"site": {"id": "site", "args": {"site": "DE-Falkenstein"}}}}
	_result(rs, "pgbackrest/main/repo2").status == "pass"
}

test_fail_site_outside if {
	rs := check.results with input as _input({"files01": _repo("borg", "US-Ashburn")})
	r := _result(rs, "borg/files01")
	r.status == "fail"
	r.message == {"id": "outside", "args": {"name": "files01", "site": "US-Ashburn", "country": "US"}}
}

test_no_evidence_without_site if {
	rs := check.results with input as _input({"files01": _repo("borg", "")})
	r := _result(rs, "borg/files01")
	r.status == "no-evidence"
	r.measured == {"id": "measured", "args": {"site": {"id": "not_declared", "args": {}}}}
}

test_no_evidence_without_allowed_countries if {
	rs := check.results with input as object.union(_input({"web01": _repo("restic", "DE-Falkenstein")}), {"params": {"eu_countries": []}})
	_result(rs, "restic/web01").status == "no-evidence"
}

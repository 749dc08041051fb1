package nachweis.backup.offsite_test

import data.nachweis.backup.offsite as check

_repo(site, i) := {
	"source": "web01", "tool": "restic", "location": "/srv/backup",
	"present": {"snapshots": true, "encryption": true, "integrity": true},
	"errors": {}, "site": site, "max_age_s": 93600,
	"retention": null, "encryption": null, "integrity": null,
	"snapshots": [], "ref": sprintf("sources/repo%d/config.json", [i]),
}

_input(repos, mapping) := {
	"now_ns": 1795478400000000000,
	"params": {"eu_countries": ["AT", "DE", "FI", "NO"]},
	"tenants": {"acme": {"namespaces": []}, "globex": {"namespaces": []}},
	"backup": {"repositories": repos, "tenant_repositories": mapping},
}

_repos := {
	"web01": _repo("DE-Falkenstein", 0),
	"web01-hel": _repo("FI-Helsinki", 1),
	"web01-fsn2": _repo("de-Falkenstein-2", 2),
	"s3-us": _repo("US-Ashburn", 3),
	"nosite": _repo("", 4),
}

_result(rs, resource) := r if {
	some r in rs
	r.resource == resource
}

_statuses(rs, resource) := {r.status | some r in rs; r.resource == resource}

test_pass_two_eu_sites_per_tenant if {
	rs := check.results with input as _input(_repos, {"acme": ["web01", "web01-hel"], "globex": ["web01", "web01-fsn2"]})
	_statuses(rs, "backup/tenant/acme") == {"pass"}
	r := _result(rs, "backup/tenant/acme")
	r.message == {"id": "pass", "args": {"subject": _tenant("acme"), "count": 2, "sites": [
		{"id": "site_country", "args": {"site": "DE-Falkenstein", "country": "DE"}},
		{"id": "site_country", "args": {"site": "FI-Helsinki", "country": "FI"}},
	]}}
	r.refs == ["sources/repo0/config.json", "sources/repo1/config.json"]
	_statuses(rs, "backup/tenant/globex") == {"pass"}
}

test_fail_single_site if {
	rs := check.results with input as _input(_repos, {"acme": ["web01"], "globex": ["web01", "web01-hel"]})
	_statuses(rs, "backup/tenant/acme") == {"fail"}
	_result(rs, "backup/tenant/acme").message == {"id": "one_site", "args": {"subject": _tenant("acme"), "sites": ["DE-Falkenstein"]}}
}

test_fail_site_outside_eu if {
	rs := check.results with input as _input(_repos, {"acme": ["web01", "s3-us", "nosite"], "globex": ["web01", "web01-hel"]})
	_statuses(rs, "backup/tenant/acme") == {"fail"}
	_result(rs, "backup/tenant/acme").message.args.sites == [{"id": "outside_site", "args": {"site": "US-Ashburn", "country": "US"}}]
}

test_no_evidence_site_not_declared if {
	rs := check.results with input as _input(_repos, {"acme": ["web01", "web01-hel", "nosite"], "globex": ["web01", "web01-hel"]})
	_statuses(rs, "backup/tenant/acme") == {"no-evidence"}
	r := _result(rs, "backup/tenant/acme")
	r.message == {"id": "undeclared", "args": {"subject": _tenant("acme"), "repositories": ["nosite"]}}
	r.measured == {"id": "measured", "args": {"repositories": [
		{"id": "repository_site", "args": {"name": "nosite", "site": {"id": "no_site", "args": {}}}},
		{"id": "repository_site", "args": {"name": "web01", "site": {"id": "site", "args": {"site": "DE-Falkenstein"}}}},
		{"id": "repository_site", "args": {"name": "web01-hel", "site": {"id": "site", "args": {"site": "FI-Helsinki"}}}},
	]}}
}

test_no_evidence_unmapped_tenant if {
	rs := check.results with input as _input(_repos, {"acme": ["web01", "web01-hel"]})
	_statuses(rs, "backup/tenant/globex") == {"no-evidence"}
}

test_provider_wide_without_tenant_mapping if {
	repos := {"web01": _repo("DE-Falkenstein", 0), "web01-hel": _repo("FI-Helsinki", 1)}
	rs := check.results with input as _input(repos, {})
	{r.resource | some r in rs} == {"backup/provider"}
	_statuses(rs, "backup/provider") == {"pass"}
}

test_provider_wide_fail_single_site if {
	repos := {"web01": _repo("DE-Falkenstein", 0), "db01": _repo("DE-Falkenstein", 1)}
	rs := check.results with input as _input(repos, {})
	_statuses(rs, "backup/provider") == {"fail"}
}

_tenant(t) := {"id": "subject_tenant", "args": {"tenant": t}}

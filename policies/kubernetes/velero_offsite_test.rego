package nachweis.kubernetes.velero_offsite_test

import data.nachweis.kubernetes.velero_offsite as check

_location(name, site, extra, i) := object.union(
	{
		"namespace": "velero", "name": name, "provider": "aws",
		"bucket": sprintf("velero-%s", [name]), "region": "",
		"site": site, "default": false, "access_mode": "ReadWrite",
		"phase": "Available",
		"ref": sprintf("sources/prod/velero-backupstoragelocations.json#/items/%d", [i]),
	},
	extra,
)

_primary := _location("default", "DE-Falkenstein", {"default": true, "region": "fsn1"}, 0)

_input(locations) := {
	"params": {"eu_countries": ["DE", "FI", "NO"]},
	"kubernetes": {"prod": {"present": {"velero_backupstoragelocations": true}, "errors": {}, "velero_backupstoragelocations": locations}},
}

_result(rs) := r if {
	some r in rs
	r.resource == "prod/velero/backupstoragelocations"
}

test_pass_second_site_in_eu if {
	rs := check.results with input as _input([_primary, _location("hel1", "FI-Helsinki", {"region": "hel1"}, 1)])
	count(rs) == 1
	r := _result(rs)
	r.status == "pass"
	r.message == {"id": "pass", "args": {
		"source": "prod", "primary": "velero/default", "site": "DE-Falkenstein",
		"offsite": [{"id": "location", "args": {"name": "velero/hel1", "site": {"id": "value", "args": {"value": "FI-Helsinki"}}, "region": {"id": "value", "args": {"value": "hel1"}}, "phase": {"id": "value", "args": {"value": "Available"}}, "mode": "ReadWrite"}}],
	}}
	r.refs == ["sources/prod/velero-backupstoragelocations.json#/items/0", "sources/prod/velero-backupstoragelocations.json#/items/1"]
}

test_pass_primary_by_name_without_default_flag if {
	rs := check.results with input as _input([
		_location("default", "DE-Falkenstein", {}, 0),
		_location("oslo", "NO-Oslo", {}, 1),
	])
	_result(rs).status == "pass"
}

test_fail_only_primary_site if {
	rs := check.results with input as _input([_primary, _location("fsn1-copy", "DE-Falkenstein", {}, 1)])
	r := _result(rs)
	r.status == "fail"
	r.message == {"id": "no_offsite", "args": {"source": "prod", "site": "DE-Falkenstein"}}
}

test_fail_second_site_unavailable_or_read_only if {
	rs := check.results with input as _input([
		_primary,
		_location("hel1", "FI-Helsinki", {"phase": "Unavailable"}, 1),
		_location("restore-from-old", "FI-Helsinki", {"access_mode": "ReadOnly"}, 2),
	])
	_result(rs).status == "fail"
}

test_fail_site_outside_eu if {
	rs := check.results with input as _input([_primary, _location("us-east", "US-Ashburn", {}, 1)])
	r := _result(rs)
	r.status == "fail"
	r.message == {"id": "outside", "args": {"source": "prod", "outside": [{"id": "outside_location", "args": {"name": "velero/us-east", "site": "US-Ashburn"}}]}}
}

test_fail_no_location if {
	rs := check.results with input as _input([])
	_result(rs).status == "fail"
}

test_no_evidence_region_without_site if {
	# A different region alone names no site and no country.
	rs := check.results with input as _input([_primary, _location("hel1", "", {"region": "eu-north-1"}, 1)])
	r := _result(rs)
	r.status == "no-evidence"
	r.message == {"id": "undecided", "args": {"source": "prod", "locations": [{"id": "location", "args": {"name": "velero/hel1", "site": {"id": "not_declared", "args": {}}, "region": {"id": "value", "args": {"value": "eu-north-1"}}, "phase": {"id": "value", "args": {"value": "Available"}}, "mode": "ReadWrite"}}]}}
}

test_no_evidence_status_not_reported if {
	rs := check.results with input as _input([_primary, _location("hel1", "FI-Helsinki", {"phase": ""}, 1)])
	_result(rs).status == "no-evidence"
}

test_no_evidence_primary_without_site if {
	rs := check.results with input as _input([_location("default", "", {"default": true}, 0), _location("hel1", "FI-Helsinki", {}, 1)])
	r := _result(rs)
	r.status == "no-evidence"
	r.message == {"id": "primary_no_site", "args": {"source": "prod", "primary": "velero/default"}}
}

test_no_evidence_without_eu_countries if {
	inp := object.union(_input([_primary]), {"params": {"eu_countries": []}})
	rs := check.results with input as inp
	_result(rs).status == "no-evidence"
}

test_no_evidence_without_velero if {
	rs := check.results with input as {"kubernetes": {"prod": {
		"present": {"velero_backupstoragelocations": false},
		"errors": {"velero_backupstoragelocations": "the server could not find the requested resource"},
	}}}
	{r.status | some r in rs; r.resource == "prod"} == {"no-evidence"}
}

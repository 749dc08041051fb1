package nachweis.backup.encryption_test

import data.nachweis.backup.encryption as check

_repo(tool, encryption) := {
	"source": "web01", "tool": tool, "location": "/srv/backup",
	"present": {"snapshots": true, "encryption": true, "integrity": false},
	"errors": {}, "site": "DE-Falkenstein", "max_age_s": 93600,
	"retention": null, "encryption": encryption, "integrity": null,
	"snapshots": [], "ref": "sources/web01/config.json",
}

_input(repos) := {"now_ns": 1795478400000000000, "backup": {"repositories": repos, "tenant_repositories": {}}}

_statuses(rs, resource) := {r.status | some r in rs; r.resource == resource}

test_pass_encrypted_repository if {
	rs := check.results with input as _input({"web01": _repo("restic", {"encrypted": true, "mode": "restic (AES-256-CTR + Poly1305)", "ref": "sources/web01/config.json#/encryption"})})
	_statuses(rs, "restic/web01") == {"pass"}
	some r in rs
	r.message == {"id": "encrypted", "args": {"name": "web01", "mode": {"id": "mode", "args": {"mode": "restic (AES-256-CTR + Poly1305)"}}}}
	r.refs == ["sources/web01/config.json", "sources/web01/config.json#/encryption"]
}

test_fail_unencrypted_repository if {
	rs := check.results with input as _input({
		"web01": _repo("restic", {"encrypted": true, "mode": "restic", "ref": "a"}),
		"db01": _repo("borg", {"encrypted": false, "mode": "none", "ref": "b"}),
	})
	_statuses(rs, "borg/db01") == {"fail"}
	_statuses(rs, "restic/web01") == {"pass"}
	some r in rs
	r.resource == "borg/db01"
	r.message == {"id": "not_encrypted", "args": {"name": "db01", "mode": {"id": "mode", "args": {"mode": "none"}}}}
}

test_no_evidence_when_encryption_unknown if {
	rs := check.results with input as _input({"main/repo1": _repo("pgbackrest", null)})
	_statuses(rs, "pgbackrest/main/repo1") == {"no-evidence"}
}

test_no_evidence_when_encrypted_field_null if {
	rs := check.results with input as _input({"web01": _repo("restic", {"encrypted": null, "mode": "", "ref": "a"})})
	_statuses(rs, "restic/web01") == {"no-evidence"}
}

test_no_evidence_when_not_collected if {
	repo := object.union(_repo("borg", {"encrypted": true, "mode": "repokey-blake2", "ref": "a"}), {"present": {"encryption": false}, "errors": {"encryption": "borg info: passphrase rejected"}})
	rs := check.results with input as _input({"db01": repo})
	_statuses(rs, "borg/db01") == {"no-evidence"}
	some r in rs
	contains(json.marshal(r.message), "passphrase rejected")
}

test_no_evidence_naming_an_unknown_mode if {
	rs := check.results with input as _input({
		"files01": _repo("borg", {"encrypted": null, "mode": "plaintext", "ref": "sources/borg/files01/info.json#/encryption"}),
		"db01": _repo("borg", {"encrypted": null, "mode": "None", "ref": "b"}),
	})
	_statuses(rs, "borg/files01") == {"no-evidence"}
	_statuses(rs, "borg/db01") == {"no-evidence"}
	some r in rs
	r.resource == "borg/files01"
	r.message == {"id": "unknown_mode", "args": {"name": "files01", "mode": "plaintext"}}
	r.measured == {"id": "measured_unknown_mode", "args": {"mode": "plaintext"}}
	r.refs == ["sources/web01/config.json", "sources/borg/files01/info.json#/encryption"]
}

package nachweis.kubernetes.storage_encryption_test

import data.nachweis.kubernetes.storage_encryption as check

_classes := {
	"ebs-sc": {
		"name": "ebs-sc", "provisioner": "ebs.csi.aws.com", "default": false,
		"parameters": {"encrypted": "true"}, "encrypted": true,
		"ref": "sources/prod/storageclasses.json#/items/0",
	},
	"standard": {
		"name": "standard", "provisioner": "rancher.io/local-path", "default": true,
		"parameters": {}, "encrypted": false,
		"ref": "sources/prod/storageclasses.json#/items/1",
	},
}

_pvc(ns, tenant, name, class, i) := {
	"namespace": ns, "name": name, "tenant": tenant, "in_scope": tenant != "",
	"storage_class": class,
	"ref": sprintf("sources/prod/persistentvolumeclaims.json#/items/%d", [i]),
}

_input(pvcs) := {"kubernetes": {"prod": {
	"present": {"storageclasses": true, "persistentvolumeclaims": true},
	"errors": {},
	"storageclasses": _classes,
	"persistentvolumeclaims": pvcs,
}}}

_results(rs, resource) := [r | some r in rs; r.resource == resource]

test_pass_encrypted_class_per_tenant if {
	rs := check.results with input as _input([
		_pvc("acme-prod", "acme", "data-db-0", "ebs-sc", 0),
		_pvc("acme-prod", "acme", "data-db-1", "ebs-sc", 1),
		_pvc("globex-prod", "globex", "uploads", "ebs-sc", 2),
	])
	count(rs) == 2
	{[r.tenant, r.status] | some r in rs} == {["acme", "pass"], ["globex", "pass"]}
	some r in rs
	r.tenant == "acme"
	r.resource == "prod/storageclass/ebs-sc"
	r.message == {"id": "used_by", "args": {
		"message": {"id": "encrypted", "args": {"class": "ebs-sc", "provisioner": "ebs.csi.aws.com", "params": ["encrypted=true"]}},
		"claims": ["acme-prod/data-db-0", "acme-prod/data-db-1"],
	}}
	r.refs == ["sources/prod/storageclasses.json#/items/0", "sources/prod/persistentvolumeclaims.json#/items/0", "sources/prod/persistentvolumeclaims.json#/items/1"]
}

test_fail_unencrypted_class_only_where_used if {
	rs := check.results with input as _input([
		_pvc("acme-prod", "acme", "data-db-0", "ebs-sc", 0),
		_pvc("globex-prod", "globex", "cache", "standard", 1),
		_pvc("kube-system", "", "etcd-backup", "standard", 2),
	])
	[r] := _results(rs, "prod/storageclass/standard")
	r.status == "fail"
	r.tenant == "globex"
	r.message == {"id": "used_by", "args": {
		"message": {"id": "not_encrypted", "args": {"class": "standard", "provisioner": "rancher.io/local-path"}},
		"claims": ["globex-prod/cache"],
	}}
	r.measured == {"id": "measured_claims", "args": {
		"class": {"id": "measured", "args": {"provisioner": "rancher.io/local-path", "params": []}},
		"claims": ["globex-prod/cache"],
	}}
}

test_no_evidence_claim_without_class if {
	rs := check.results with input as _input([_pvc("acme-prod", "acme", "static", "", 0)])
	[r] := _results(rs, "prod/persistentvolumeclaim/acme-prod/static")
	r.status == "no-evidence"
	r.tenant == "acme"
}

test_no_evidence_class_not_in_evidence if {
	rs := check.results with input as _input([_pvc("acme-prod", "acme", "data", "gone", 0)])
	[r] := _results(rs, "prod/storageclass/gone")
	r.status == "no-evidence"
	r.message == {"id": "class_missing", "args": {"class": "gone", "count": 1}}
}

test_every_class_without_claim_evidence if {
	inp := {"kubernetes": {"prod": {
		"present": {"storageclasses": true, "persistentvolumeclaims": false},
		"errors": {},
		"storageclasses": _classes,
	}}}
	rs := check.results with input as inp
	[p] := _results(rs, "prod/storageclass/ebs-sc")
	p.status == "pass"
	[f] := _results(rs, "prod/storageclass/standard")
	f.status == "fail"
	f.message == {"id": "without_claims", "args": {"message": {"id": "not_encrypted", "args": {"class": "standard", "provisioner": "rancher.io/local-path"}}}}
	not f.tenant
}

test_no_evidence_without_storageclasses if {
	rs := check.results with input as {"kubernetes": {"prod": {"present": {"storageclasses": false}, "errors": {"storageclasses": "storageclasses.storage.k8s.io is forbidden"}}}}
	{r.status | some r in rs; r.resource == "prod"} == {"no-evidence"}
}

package nachweis.kubernetes.replicas_pdb_test

import data.nachweis.kubernetes.replicas_pdb as check

_workload(kind, ns, name, replicas, i) := {
	"kind": kind, "namespace": ns, "name": name, "tenant": "acme", "in_scope": true,
	"replicas": replicas, "template_labels": {"app": name, "tier": "frontend"},
	"ref": sprintf("sources/prod/workloads.json#/items/%d", [i]),
}

_pdb(name, labels, i) := {"name": name, "match_labels": labels, "ref": sprintf("sources/prod/pdbs.json#/items/%d", [i])}

_input(workloads, pdbs) := {"kubernetes": {"prod": {
	"present": {"namespaces": true, "workloads": true, "poddisruptionbudgets": true},
	"errors": {},
	"namespaces": {
		"acme": {"labels": {"environment": "production"}, "tenant": "acme", "in_scope": true, "ref": "sources/prod/namespaces.json#/items/0"},
		"acme-test": {"labels": {"environment": "test"}, "tenant": "acme", "in_scope": true, "ref": "sources/prod/namespaces.json#/items/1"},
		"acme-prod": {"labels": {}, "tenant": "acme", "in_scope": true, "ref": "sources/prod/namespaces.json#/items/2"},
	},
	"workloads": workloads,
	"pdbs_by_namespace": pdbs,
}}}

_statuses(rs, resource) := {r.status | some r in rs; r.resource == resource}

test_pass_with_replicas_and_pdb if {
	rs := check.results with input as _input(
		[_workload("Deployment", "acme-prod", "web", 3, 0)],
		{"acme-prod": [_pdb("web", {"app": "web"}, 0)]},
	)
	_statuses(rs, "prod/deployment/acme-prod/web") == {"pass"}
	some r in rs
	r.message == {"id": "pass", "args": {"workload": "Deployment acme-prod/web", "replicas": 3, "matching": ["web"]}}
	r.refs == ["sources/prod/workloads.json#/items/0", "sources/prod/pdbs.json#/items/0"]
}

test_pass_in_namespace_labelled_production if {
	rs := check.results with input as _input(
		[_workload("StatefulSet", "acme", "db", 3, 0)],
		{"acme": [_pdb("db", {"app": "db"}, 0)]},
	)
	_statuses(rs, "prod/statefulset/acme/db") == {"pass"}
}

test_fail_single_replica if {
	rs := check.results with input as _input(
		[_workload("Deployment", "acme-prod", "web", 1, 0)],
		{"acme-prod": [_pdb("web", {"app": "web"}, 0)]},
	)
	_statuses(rs, "prod/deployment/acme-prod/web") == {"fail"}
	some r in rs
	r.message.id == "too_few"
	r.message.args.replicas == 1
}

test_fail_without_matching_pdb if {
	rs := check.results with input as _input(
		[_workload("Deployment", "acme-prod", "web", 2, 0)],
		{"acme-prod": [_pdb("api", {"app": "api"}, 0), _pdb("all", {}, 1)]},
	)
	_statuses(rs, "prod/deployment/acme-prod/web") == {"fail"}
	some r in rs
	r.message == {"id": "no_pdb", "args": {"workload": "Deployment acme-prod/web", "pdbs": ["all", "api"]}}
}

test_non_production_namespace_not_assessed if {
	rs := check.results with input as _input([_workload("Deployment", "acme-test", "web", 1, 0)], {})
	count(rs) == 0
}

test_daemonset_not_assessed if {
	rs := check.results with input as _input([_workload("DaemonSet", "acme-prod", "agent", null, 0)], {})
	count(rs) == 0
}

test_no_evidence_when_replicas_null if {
	rs := check.results with input as _input([_workload("Deployment", "acme-prod", "web", null, 0)], {})
	_statuses(rs, "prod/deployment/acme-prod/web") == {"no-evidence"}
}

test_no_evidence_for_unknown_namespace if {
	rs := check.results with input as _input([_workload("Deployment", "other", "web", 1, 0)], {})
	_statuses(rs, "prod/deployment/other/web") == {"no-evidence"}
}

test_no_evidence_without_pdbs if {
	inp := object.union(_input([], {}), {"kubernetes": {"prod": {"present": {"poddisruptionbudgets": false}}}})
	rs := check.results with input as inp
	_statuses(rs, "prod") == {"no-evidence"}
}

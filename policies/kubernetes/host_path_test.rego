package nachweis.kubernetes.host_path_test

import data.nachweis.kubernetes.host_path as check

_spec(kind, name, in_scope, settings, pods, ref) := object.union(
	{
		"kind": kind, "namespace": "acme-prod", "name": name, "tenant": "acme", "in_scope": in_scope,
		"workload": sprintf("%s/acme-prod/%s", [lower(kind), name]), "pods": pods,
		"privileged": [], "host_path": [], "host_namespaces": [], "run_as_root": [], "hardening": [],
		"no_memory_limit": [], "images": [], "ref": ref,
	},
	{"host_path": settings},
)

_input(specs) := {"kubernetes": {"prod": {"present": {"pods": true, "workloads": true}, "errors": {}, "pod_specs_by_namespace": specs}}}

_setting := {"container": "", "field": "volumes[varlog].hostPath.path", "value": "/var/log"}

_statuses(rs, resource) := {r.status | some r in rs; r.resource == resource}

test_pass_namespace if {
	rs := check.results with input as _input({"acme-prod": [
		_spec("Deployment", "web", true, [], 3, "sources/prod/deployments.json#/items/0"),
		_spec("Pod", "debug", true, [], 1, "sources/prod/pods.json#/items/4"),
	]})
	count(rs) == 1
	some r in rs
	r.resource == "prod/namespace/acme-prod"
	r.status == "pass"
	r.message == {"id": "clean", "args": {"namespace": "acme-prod", "workloads": 2}}
	r.tenant == "acme"
	r.refs == ["sources/prod/deployments.json#/items/0", "sources/prod/pods.json#/items/4"]
}

# Each kind of controller fails by its template alone, without any pod.
test_fail_each_template_without_pods if {
	every kind in ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"] {
		rs := check.results with input as _input({"acme-prod": [
			_spec(kind, "crm", true, [_setting], 0, "sources/prod/workloads.json#/items/0"),
			_spec("Pod", "web-1", true, [], 1, "sources/prod/pods.json#/items/0"),
		]})
		_statuses(rs, "prod/namespace/acme-prod") == set()
		some r in rs
		r.resource == sprintf("prod/%s/acme-prod/crm", [lower(kind)])
		r.status == "fail"
		r.message == {"id": "pod_spec_findings", "args": {
			"spec": {"id": "pod_spec_controller", "args": {"kind": kind, "name": "acme-prod/crm", "pods": 0}},
			"found": {"id": "found", "args": {}},
			"settings": [{"id": "pod_spec_setting", "args": {"field": _setting.field, "value": _setting.value}}],
		}}
	}
}

test_fail_bare_pod if {
	rs := check.results with input as _input({"acme-prod": [_spec("Pod", "debug", true, [_setting], 1, "sources/prod/pods.json#/items/2")]})
	some r in rs
	r.resource == "prod/pod/acme-prod/debug"
	r.status == "fail"
	r.message.args.spec == {"id": "pod_spec_pod", "args": {"name": "acme-prod/debug"}}
	r.message.args.settings == [{"id": "pod_spec_setting", "args": {"field": _setting.field, "value": _setting.value}}]
	r.refs == ["sources/prod/pods.json#/items/2"]
}

test_out_of_scope_namespace_not_assessed if {
	rs := check.results with input as _input({"kube-system": [_spec("DaemonSet", "agent", false, [_setting], 3, "sources/prod/daemonsets.json#/items/0")]})
	count(rs) == 0
}

test_no_evidence_when_field_null if {
	rs := check.results with input as _input({"acme-prod": [_spec("StatefulSet", "db", true, null, 1, "sources/prod/statefulsets.json#/items/0")]})
	_statuses(rs, "prod/statefulset/acme-prod/db") == {"no-evidence"}
	_statuses(rs, "prod/namespace/acme-prod") == set()
}

test_no_evidence_without_workloads if {
	rs := check.results with input as {"kubernetes": {"prod": {"present": {"pods": true, "workloads": false}, "errors": {"workloads": "jobs.batch is forbidden"}}}}
	_statuses(rs, "prod") == {"no-evidence"}
	count(rs) == 1
}

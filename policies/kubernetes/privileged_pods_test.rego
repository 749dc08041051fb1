package nachweis.kubernetes.privileged_pods_test

import data.nachweis.kubernetes.privileged_pods as check

_spec(kind, name, in_scope, privileged, pods, ref) := {
	"kind": kind, "namespace": "acme-prod", "name": name, "tenant": "acme", "in_scope": in_scope,
	"workload": sprintf("%s/acme-prod/%s", [lower(kind), name]), "pods": pods,
	"privileged": privileged, "host_path": [], "host_namespaces": [], "run_as_root": [], "hardening": [],
	"no_memory_limit": [], "images": [], "ref": ref,
}

_input(specs) := {"kubernetes": {"prod": {"present": {"pods": true, "workloads": true}, "errors": {}, "pod_specs_by_namespace": specs}}}

_privileged := {"container": "app", "field": "containers[app].securityContext.privileged", "value": "true"}

_statuses(rs, resource) := {r.status | some r in rs; r.resource == resource}

test_pass_namespace_without_privileged_container if {
	rs := check.results with input as _input({"acme-prod": [
		_spec("Deployment", "web", true, [], 3, "sources/prod/deployments.json#/items/0"),
		_spec("Pod", "debug", true, [], 1, "sources/prod/pods.json#/items/4"),
	]})
	count(rs) == 1
	some r in rs
	r.resource == "prod/namespace/acme-prod"
	r.status == "pass"
	r.message == {"id": "clean", "args": {"namespace": "acme-prod", "workloads": 2}}
	r.measured == {"id": "pod_spec_measured_none", "args": {"label": {"id": "label", "args": {}}}}
	r.tenant == "acme"
	r.refs == ["sources/prod/deployments.json#/items/0", "sources/prod/pods.json#/items/4"]
}

# A privileged Deployment scaled to zero fails although no pod runs; the
# clean pod beside it does not make the namespace pass.
test_fail_template_without_pods if {
	rs := check.results with input as _input({"acme-prod": [
		_spec("Deployment", "crm", true, [_privileged], 0, "sources/prod/deployments.json#/items/0"),
		_spec("Pod", "web-1", true, [], 1, "sources/prod/pods.json#/items/0"),
	]})
	_statuses(rs, "prod/namespace/acme-prod") == set()
	_statuses(rs, "prod/pod/acme-prod/web-1") == set()
	some r in rs
	r.resource == "prod/deployment/acme-prod/crm"
	r.status == "fail"
	setting := {"id": "pod_spec_setting", "args": {"field": "containers[app].securityContext.privileged", "value": "true"}}
	r.message == {"id": "pod_spec_findings", "args": {
		"spec": {"id": "pod_spec_controller", "args": {"kind": "Deployment", "name": "acme-prod/crm", "pods": 0}},
		"found": {"id": "found", "args": {}},
		"settings": [setting],
	}}
	r.measured == {"id": "pod_spec_measured", "args": {"label": {"id": "label", "args": {}}, "settings": [setting]}}
	r.refs == ["sources/prod/deployments.json#/items/0"]
}

# A capability a pod adds to the template's settings is named with the
# pod, whose object becomes evidence; 30 pods give one result.
test_fail_capability_added_by_pod if {
	cap := {
		"container": "mesh", "field": "containers[mesh].securityContext.capabilities.add", "value": "NET_ADMIN",
		"pod": "web-5d9c-x2", "ref": "sources/prod/pods.json#/items/7",
	}
	rs := check.results with input as _input({"acme-prod": [_spec("Deployment", "web", true, [cap], 30, "sources/prod/deployments.json#/items/1")]})
	count(rs) == 1
	some r in rs
	r.status == "fail"
	r.message.args.spec == {"id": "pod_spec_controller", "args": {"kind": "Deployment", "name": "acme-prod/web", "pods": 30}}
	r.message.args.settings == [{"id": "pod_spec_setting_of_pod", "args": {
		"field": "containers[mesh].securityContext.capabilities.add",
		"value": "NET_ADMIN", "pod": "web-5d9c-x2",
	}}]
	r.refs == ["sources/prod/deployments.json#/items/1", "sources/prod/pods.json#/items/7"]
}

test_out_of_scope_namespace_not_assessed if {
	rs := check.results with input as _input({"kube-system": [object.union(
		_spec("DaemonSet", "cni", false, [_privileged], 3, "sources/prod/daemonsets.json#/items/0"),
		{"namespace": "kube-system"},
	)]})
	count(rs) == 0
}

test_no_evidence_when_field_null if {
	rs := check.results with input as _input({"acme-prod": [
		_spec("Deployment", "web", true, null, 1, "sources/prod/deployments.json#/items/0"),
		_spec("Pod", "debug", true, [], 1, "sources/prod/pods.json#/items/0"),
	]})
	_statuses(rs, "prod/deployment/acme-prod/web") == {"no-evidence"}
	_statuses(rs, "prod/namespace/acme-prod") == set()
}

# Running pods alone cannot show a template that is privileged: without
# workload evidence the source is not assessed, whatever its pods show.
test_no_evidence_without_workloads if {
	rs := check.results with input as {"kubernetes": {"prod": {
		"present": {"pods": true, "workloads": false}, "errors": {"workloads": "deployments.apps is forbidden"},
		"pod_specs_by_namespace": {"acme-prod": [_spec("Pod", "web-1", true, [], 1, "sources/prod/pods.json#/items/0")]},
	}}}
	count(rs) == 1
	some r in rs
	r.resource == "prod"
	r.status == "no-evidence"
	r.message.id == "k8s_source_not_assessable"
	contains(json.marshal(r.message), "deployments.apps is forbidden")
}

test_no_evidence_without_pods if {
	rs := check.results with input as {"kubernetes": {"prod": {"present": {"pods": false, "workloads": true}, "errors": {"pods": "pods is forbidden"}}}}
	_statuses(rs, "prod") == {"no-evidence"}
	count(rs) == 1
}

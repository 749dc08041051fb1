package nachweis.kubernetes.host_namespaces_test

import data.nachweis.kubernetes.host_namespaces as check

_pod(name, hosts, i) := object.union(
	{
		"namespace": "acme-prod", "name": name, "tenant": "acme", "in_scope": true,
		"privileged_containers": [], "host_path_volumes": [],
		"host_network": false, "host_pid": false, "host_ipc": false,
		"run_as_root_containers": [], "owner_kind": "ReplicaSet",
		"ref": sprintf("sources/prod/pods.json#/items/%d", [i]),
	},
	hosts,
)

_input(pods) := {"kubernetes": {"prod": {"present": {"pods": true}, "errors": {}, "pods": pods}}}

_statuses(rs, resource) := {r.status | some r in rs; r.resource == resource}

test_pass_namespace_without_host_namespaces if {
	rs := check.results with input as _input([_pod("web-1", {}, 0), _pod("web-2", {}, 1)])
	count(rs) == 1
	_statuses(rs, "prod/namespace/acme-prod") == {"pass"}
}

test_fail_pod_with_host_network_and_pid if {
	rs := check.results with input as _input([_pod("web-1", {}, 0), _pod("agent-1", {"host_network": true, "host_pid": true}, 1)])
	_statuses(rs, "prod/pod/acme-prod/agent-1") == {"fail"}
	_statuses(rs, "prod/namespace/acme-prod") == set()
	some r in rs
	r.resource == "prod/pod/acme-prod/agent-1"
	r.message == "pod acme-prod/agent-1 uses host namespaces: hostNetwork, hostPID"
}

test_fail_with_host_ipc_even_if_other_field_unknown if {
	rs := check.results with input as _input([_pod("web-1", {"host_ipc": true, "host_pid": null}, 0)])
	_statuses(rs, "prod/pod/acme-prod/web-1") == {"fail"}
}

test_no_evidence_when_field_null if {
	rs := check.results with input as _input([_pod("web-1", {"host_network": null}, 0)])
	_statuses(rs, "prod/pod/acme-prod/web-1") == {"no-evidence"}
	_statuses(rs, "prod/namespace/acme-prod") == set()
	some r in rs
	r.message == "pod acme-prod/web-1: hostNetwork not recorded"
}

test_no_evidence_without_pods if {
	rs := check.results with input as {"kubernetes": {"prod": {"present": {"pods": false}, "errors": {}}}}
	_statuses(rs, "prod") == {"no-evidence"}
}

test_fail_for_each_host_namespace_alone if {
	every field, spec in {"host_network": "hostNetwork", "host_pid": "hostPID", "host_ipc": "hostIPC"} {
		rs := check.results with input as _input([_pod("web-1", {field: true}, 0)])
		_statuses(rs, "prod/pod/acme-prod/web-1") == {"fail"}
		_statuses(rs, "prod/namespace/acme-prod") == set()
		some r in rs
		r.message == sprintf("pod acme-prod/web-1 uses host namespaces: %s", [spec])
	}
}

test_no_evidence_for_each_unknown_field if {
	every field in ["host_network", "host_pid", "host_ipc"] {
		rs := check.results with input as _input([object.remove(_pod("web-1", {}, 0), [field])])
		_statuses(rs, "prod/pod/acme-prod/web-1") == {"no-evidence"}
	}
}

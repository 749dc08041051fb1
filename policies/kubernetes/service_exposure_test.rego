package nachweis.kubernetes.service_exposure_test

import data.nachweis.kubernetes.service_exposure as check

_svc(ns, name, type, ports, in_scope, i) := {
	"namespace": ns, "name": name, "tenant": "acme", "in_scope": in_scope, "type": type, "node_ports": ports,
	"ref": sprintf("sources/prod/services.json#/items/%d", [i]),
}

_input(services) := {"kubernetes": {"prod": {"present": {"services": true}, "errors": {}, "services": services}}}

_result(rs, resource) := r if {
	some r in rs
	r.resource == resource
}

test_pass_cluster_ip_only if {
	rs := check.results with input as _input([
		_svc("acme-prod", "web", "ClusterIP", [], true, 0),
		_svc("acme-prod", "db", "ClusterIP", [], true, 1),
		_svc("ingress-nginx", "controller", "LoadBalancer", [30443], false, 2),
	])
	count(rs) == 1
	r := _result(rs, "prod/namespace/acme-prod")
	r.status == "pass"
	r.message == {"id": "clean", "args": {"namespace": "acme-prod", "services": 2}}
	r.refs == ["sources/prod/services.json#/items/0", "sources/prod/services.json#/items/1"]
}

test_fail_node_port_and_load_balancer if {
	rs := check.results with input as _input([
		_svc("acme-prod", "web", "ClusterIP", [], true, 0),
		_svc("acme-prod", "debug", "NodePort", [30080, 30443], true, 1),
		_svc("acme-test", "edge", "LoadBalancer", [], true, 2),
	])
	count(rs) == 2
	r := _result(rs, "prod/service/acme-prod/debug")
	r.status == "fail"
	r.tenant == "acme"
	r.message == {"id": "published_ports", "args": {"name": "acme-prod/debug", "type": "NodePort", "ports": [30080, 30443]}}
	r.measured == {"id": "measured_type_ports", "args": {"type": "NodePort", "ports": [30080, 30443]}}
	_result(rs, "prod/service/acme-test/edge").message == {"id": "published", "args": {"name": "acme-test/edge", "type": "LoadBalancer"}}
}

test_no_evidence_without_services if {
	rs := check.results with input as {"kubernetes": {"prod": {"present": {"services": false}, "errors": {"services": "services is forbidden"}}}}
	count(rs) == 1
	_result(rs, "prod").status == "no-evidence"
}

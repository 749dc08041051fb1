package nachweis.kubernetes.image_provenance_test

import data.nachweis.kubernetes.image_provenance as check

_image(container, ref, registry, repository, tag, digest) := {
	"container": container, "field": sprintf("containers[%s].image", [container]), "image": ref,
	"registry": registry, "repository": repository, "tag": tag, "digest": digest,
}

_spec(kind, name, images, i) := {
	"kind": kind, "namespace": "acme-prod", "name": name, "tenant": "acme", "in_scope": true,
	"workload": sprintf("%s/acme-prod/%s", [lower(kind), name]), "pods": 2, "images": images,
	"ref": sprintf("sources/prod/workloads.json#/items/%d", [i]),
}

_input(specs) := {
	"params": {"allowed_registries": ["registry.beispiel-cloud.de", "ghcr.io/beispiel"]},
	"kubernetes": {"prod": {"present": {"pods": true, "workloads": true}, "errors": {}, "pod_specs_by_namespace": {"acme-prod": specs}}},
}

_result(rs, resource) := r if {
	some r in rs
	r.resource == resource
}

_shop := _image("app", "registry.beispiel-cloud.de/shop/web:4.12.3", "registry.beispiel-cloud.de", "shop/web", "4.12.3", "")

_pinned := _image("proxy", "docker.io/envoyproxy/envoy@sha256:abc", "docker.io", "envoyproxy/envoy", "", "sha256:abc")

_org := _image("worker", "ghcr.io/beispiel/worker:2.7.0", "ghcr.io", "beispiel/worker", "2.7.0", "")

test_pass_allowed_or_pinned if {
	rs := check.results with input as _input([_spec("Deployment", "web", [_shop, _pinned], 0), _spec("CronJob", "export", [_org], 1)])
	count(rs) == 1
	r := _result(rs, "prod/namespace/acme-prod")
	r.status == "pass"
	r.message == {"id": "clean", "args": {"namespace": "acme-prod", "workloads": 2}}
	r.tenant == "acme"
}

test_fail_latest_untagged_and_foreign_registry if {
	latest := _image("app", "registry.beispiel-cloud.de/shop/web:latest", "registry.beispiel-cloud.de", "shop/web", "latest", "")
	untagged := _image("debug", "busybox", "docker.io", "library/busybox", "", "")
	foreign := object.union(_image("cache", "redis:7.4", "docker.io", "library/redis", "7.4", ""), {"pod": "web-1", "ref": "sources/prod/pods.json#/items/3"})

	# ghcr.io/beispiel-other is not below the allowed path ghcr.io/beispiel.
	other := _image("worker", "ghcr.io/beispiel-other/worker:1", "ghcr.io", "beispiel-other/worker", "1", "")
	rs := check.results with input as _input([_spec("Deployment", "web", [_shop, latest, untagged, foreign, other], 0)])
	count(rs) == 1
	r := _result(rs, "prod/deployment/acme-prod/web")
	r.status == "fail"
	findings := [
		{"id": "latest", "args": {"field": "containers[app].image", "image": "registry.beispiel-cloud.de/shop/web:latest"}},
		{"id": "untagged", "args": {"field": "containers[debug].image", "image": "busybox"}},
		{"id": "of_pod", "args": {"pod": "web-1", "finding": {"id": "registry_not_allowed", "args": {
			"field": "containers[cache].image", "image": "redis:7.4", "registry": "docker.io",
		}}}},
		{"id": "registry_not_allowed", "args": {"field": "containers[worker].image", "image": "ghcr.io/beispiel-other/worker:1", "registry": "ghcr.io"}},
	]
	r.message == {"id": "findings", "args": {
		"spec": {"id": "pod_spec_controller", "args": {"kind": "Deployment", "name": "acme-prod/web", "pods": 2}},
		"findings": findings,
	}}
	r.refs == ["sources/prod/workloads.json#/items/0", "sources/prod/pods.json#/items/3"]
	r.measured.args.findings == findings
}

test_no_registry_configured_only_digests_pass if {
	rs := check.results with input as object.union(_input([_spec("Deployment", "web", [_shop, _pinned], 0)]), {"params": {"allowed_registries": []}})
	_result(rs, "prod/deployment/acme-prod/web").status == "fail"
}

test_no_evidence_when_images_not_recorded if {
	rs := check.results with input as _input([_spec("Deployment", "web", null, 0)])
	_result(rs, "prod/deployment/acme-prod/web").status == "no-evidence"
	not _result(rs, "prod/namespace/acme-prod")
}

test_no_evidence_without_workloads if {
	rs := check.results with input as {"kubernetes": {"prod": {"present": {"pods": true, "workloads": false}, "errors": {}}}}
	count(rs) == 1
	_result(rs, "prod").status == "no-evidence"
}

# A plain policy of the kind a conftest user writes over the output of
# kubectl get -A -o json, combined into one document (one key per
# resource: input.namespaces, input.pods, ...): tenant isolation,
# privileged pods, replicas. make bench-scale evaluates it with opa eval
# over the raw evidence of the scale bundle, beside nachweis check.
#
# Lookups use `in` on a whole set rule, which OPA evaluates once: written
# as default_deny[name] it would evaluate the rule again for every name
# (quadratic, minutes instead of seconds at this size).
package plain

# Tenant isolation: every tenant namespace has a NetworkPolicy that
# selects all pods and denies ingress and egress by default.
deny contains msg if {
	some ns in input.namespaces.items
	tenant := ns.metadata.labels["beispiel-cloud.de/tenant"]
	not ns.metadata.name in default_deny
	msg := sprintf("namespace %s of tenant %s has no default-deny NetworkPolicy", [ns.metadata.name, tenant])
}

default_deny contains np.metadata.namespace if {
	some np in input.networkpolicies.items
	count(object.get(np.spec, "podSelector", {})) == 0
	"Ingress" in np.spec.policyTypes
	"Egress" in np.spec.policyTypes
}

# Privileged pods: no container of a tenant pod runs privileged.
deny contains msg if {
	some pod in input.pods.items
	pod.metadata.namespace in tenant_namespace
	some c in array.concat(object.get(pod.spec, "initContainers", []), pod.spec.containers)
	c.securityContext.privileged == true
	msg := sprintf("pod %s/%s: container %s is privileged", [pod.metadata.namespace, pod.metadata.name, c.name])
}

tenant_namespace contains ns.metadata.name if {
	some ns in input.namespaces.items
	ns.metadata.labels["beispiel-cloud.de/tenant"]
}

# Replicas: a production Deployment runs at least two replicas.
deny contains msg if {
	some d in input.deployments.items
	d.metadata.namespace in production_namespace
	object.get(d.spec, "replicas", 1) < 2
	msg := sprintf("deployment %s/%s runs %d replica(s), expected at least 2", [d.metadata.namespace, d.metadata.name, object.get(d.spec, "replicas", 1)])
}

production_namespace contains ns.metadata.name if {
	some ns in input.namespaces.items
	ns.metadata.labels.environment == "production"
}

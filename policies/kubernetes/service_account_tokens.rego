# METADATA
# title: No long-lived service account tokens outside kube-system
# description: No namespace but kube-system holds a Secret of type kubernetes.io/service-account-token - a token that never expires and works until the Secret is deleted, where a pod gets a short-lived, bound token of its own. Only the Secrets' metadata is read, never their data. One failing result per such Secret; one passing result per namespace (tenant or platform, kube-system aside) that holds none.
# custom:
#   id: K8S-TOKEN-01
#   severity: high
#   measures: [TOM-ZUG-02]
#   requires: [kubernetes.secrets, kubernetes.namespaces]
#   title_de: Keine langlebigen Service-Account-Token außerhalb von kube-system
#   description_de: Kein Namespace außer kube-system enthält ein Secret vom Typ kubernetes.io/service-account-token - ein Token, das nie abläuft und gilt, bis das Secret gelöscht wird, wo ein Pod ein kurzlebiges, gebundenes Token erhält. Gelesen werden nur die Metadaten der Secrets, nie ihre Daten. Ein nicht erfülltes Ergebnis je solchem Secret; ein erfülltes Ergebnis je Namespace (Mandant oder Plattform, kube-system ausgenommen) ohne solche Secrets.
package nachweis.kubernetes.service_account_tokens

import data.nachweis.lib.evidence
import data.nachweis.lib.human
import data.nachweis.lib.kubernetes

_expected := "no Secret of type kubernetes.io/service-account-token outside kube-system"

_keys := ["secrets", "namespaces"]

results contains r if {
	some source, src in input.kubernetes
	r := kubernetes.missing_result(source, src, _keys, _expected)
}

# _holding are the namespaces that hold a token, as [source, namespace].
_holding contains [source, t.namespace] if {
	some source, src in input.kubernetes
	some t in src.service_account_tokens
}

results contains r if {
	some source, src in input.kubernetes
	evidence.complete(src, _keys)
	some ns, obj in src.namespaces
	ns != "kube-system"
	not [source, ns] in _holding
	r := evidence.with_tenant(
		{
			"status": "pass",
			"resource": sprintf("%s/namespace/%s", [source, ns]),
			"message": sprintf("namespace %s holds no long-lived service account token", [ns]),
			"expected": _expected,
			"measured": "service account token Secrets: none",
			"refs": array.concat(evidence.ref(obj), [f | some f in src.secret_files; is_string(f)]),
			"facts": {"namespace": ns, "tokens": 0},
		},
		object.get(obj, "tenant", ""),
	)
}

results contains r if {
	some source, src in input.kubernetes
	evidence.complete(src, _keys)
	some t in src.service_account_tokens
	t.namespace != "kube-system"
	r := evidence.with_tenant(
		{
			"status": "fail",
			"resource": sprintf("%s/secret/%s/%s", [source, t.namespace, t.name]),
			"message": sprintf("Secret %s/%s is a long-lived service account token (type kubernetes.io/service-account-token)%s", [t.namespace, t.name, _created(t)]),
			"expected": _expected,
			"measured": sprintf("type kubernetes.io/service-account-token%s", [_created(t)]),
			"refs": evidence.ref(t),
			"facts": {"namespace": t.namespace, "name": t.name, "created_ns": object.get(t, "created_ns", null)},
		},
		object.get(t, "tenant", ""),
	)
}

_created(t) := sprintf(", created %s", [human.timestamp(t.created_ns)]) if {
	is_number(t.created_ns)
} else := ""

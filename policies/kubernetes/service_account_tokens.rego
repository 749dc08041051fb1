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
#   messages:
#     expected:
#       de: "kein Secret vom Typ kubernetes.io/service-account-token außerhalb von kube-system"
#       en: "no Secret of type kubernetes.io/service-account-token outside kube-system"
#     clean:
#       de: "Namespace {namespace} enthält kein langlebiges Service-Account-Token"
#       en: "namespace {namespace} holds no long-lived service account token"
#     measured_none:
#       de: "Secrets mit Service-Account-Token: keine"
#       en: "service account token Secrets: none"
#     token:
#       de: "Secret {name} ist ein langlebiges Service-Account-Token (Typ kubernetes.io/service-account-token)"
#       en: "Secret {name} is a long-lived service account token (type kubernetes.io/service-account-token)"
#     token_created:
#       de: "Secret {name} ist ein langlebiges Service-Account-Token (Typ kubernetes.io/service-account-token), erstellt am {created_ns:datetime}"
#       en: "Secret {name} is a long-lived service account token (type kubernetes.io/service-account-token), created {created_ns:datetime}"
#     measured_token:
#       de: "Typ kubernetes.io/service-account-token"
#       en: "type kubernetes.io/service-account-token"
#     measured_token_created:
#       de: "Typ kubernetes.io/service-account-token, erstellt am {created_ns:datetime}"
#       en: "type kubernetes.io/service-account-token, created {created_ns:datetime}"
package nachweis.kubernetes.service_account_tokens

import data.nachweis.lib.evidence
import data.nachweis.lib.kubernetes
import data.nachweis.lib.messages

_expected := messages.plain("expected")

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
			"message": messages.msg("clean", {"namespace": ns}),
			"expected": _expected,
			"measured": messages.plain("measured_none"),
			"refs": array.concat(evidence.ref(obj), [f | some f in src.secret_files; is_string(f)]),
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
			"message": _created("token", t),
			"expected": _expected,
			"measured": _created("measured_token", t),
			"refs": evidence.ref(t),
		},
		object.get(t, "tenant", ""),
	)
}

# _created is the message with the Secret's name, and its creation time
# when known (the id with the suffix _created).
_created("token", t) := messages.msg("token_created", {"name": kubernetes.qualified(t), "created_ns": t.created_ns}) if {
	is_number(t.created_ns)
} else := messages.msg("token", {"name": kubernetes.qualified(t)})

_created("measured_token", t) := messages.msg("measured_token_created", {"created_ns": t.created_ns}) if {
	is_number(t.created_ns)
} else := messages.plain("measured_token")

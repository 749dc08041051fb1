# METADATA
# title: No long-lived service account tokens outside kube-system
# description: No namespace but kube-system holds a Secret of type kubernetes.io/service-account-token - a token that never expires and works until the Secret is deleted, where a pod gets a short-lived, bound token of its own. Only the Secrets' metadata is read, never their data. One result per such Secret; one pass per source that has none.
# custom:
#   id: K8S-TOKEN-01
#   severity: high
#   measures: [TOM-ZUG-02]
#   requires: [kubernetes.secrets]
#   title_de: Keine langlebigen Service-Account-Token außerhalb von kube-system
#   description_de: Kein Namespace außer kube-system enthält ein Secret vom Typ kubernetes.io/service-account-token - ein Token, das nie abläuft und gilt, bis das Secret gelöscht wird, wo ein Pod ein kurzlebiges, gebundenes Token erhält. Gelesen werden nur die Metadaten der Secrets, nie ihre Daten. Ein Ergebnis je solchem Secret; ein erfülltes Ergebnis je Quelle ohne solche Secrets.
package nachweis.kubernetes.service_account_tokens

import data.nachweis.lib.evidence
import data.nachweis.lib.human
import data.nachweis.lib.kubernetes

_expected := "no Secret of type kubernetes.io/service-account-token outside kube-system"

results contains r if {
	some source, src in input.kubernetes
	r := kubernetes.missing_result(source, src, ["secrets"], _expected)
}

_tokens(src) := [t | some t in src.service_account_tokens; t.namespace != "kube-system"]

results contains r if {
	some source, src in input.kubernetes
	evidence.complete(src, ["secrets"])
	count(_tokens(src)) == 0
	system := count([t | some t in src.service_account_tokens; t.namespace == "kube-system"])
	r := {
		"status": "pass",
		"resource": sprintf("%s/secrets", [source]),
		"message": sprintf("no long-lived service account token outside kube-system (%s in kube-system)", [human.counted(system, "token", "tokens")]),
		"expected": _expected,
		"measured": "service account token Secrets outside kube-system: none",
		"refs": [f | some f in src.secret_files; is_string(f)],
		"facts": {"tokens": 0, "kube_system_tokens": system},
	}
}

results contains r if {
	some source, src in input.kubernetes
	evidence.complete(src, ["secrets"])
	some t in _tokens(src)
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

# METADATA
# title: Organisation webhooks verify TLS and sign their deliveries
# description: Every webhook of a GitHub organisation verifies the TLS certificate of its target (insecure_ssl not "1") and has a secret configured, so that the receiver can verify each delivery. A webhook that skips certificate verification or has no secret fails; the others pass. An organisation without webhooks gives one passing result. A webhook whose TLS setting was not recorded, and webhooks that were not collected (GitHub lists them to organisation owners only), are missing evidence.
# custom:
#   id: GH-HOOK-01
#   severity: medium
#   measures: [TOM-WEI-03]
#   requires: [github.webhooks]
#   title_de: Webhooks der Organisation prüfen TLS und signieren ihre Zustellungen
#   description_de: Jeder Webhook einer GitHub-Organisation prüft das TLS-Zertifikat seines Ziels (insecure_ssl nicht "1") und hat ein Secret, mit dem der Empfänger jede Zustellung prüfen kann. Ein Webhook ohne Zertifikatsprüfung oder ohne Secret ist nicht erfüllt, die übrigen sind erfüllt. Eine Organisation ohne Webhooks ergibt ein erfülltes Ergebnis. Ein Webhook ohne erfasste TLS-Einstellung und nicht erfasste Webhooks (GitHub zeigt sie nur Organisationsinhabern) gelten als fehlender Nachweis.
package nachweis.access.github_webhooks

import data.nachweis.lib.evidence
import data.nachweis.lib.github

_expected := "TLS certificates verified (insecure_ssl \"0\") and a secret configured"

results contains r if {
	some source, src in input.github
	r := github.missing_result(source, src, "webhooks", _expected)
}

results contains r if {
	some source, src in input.github
	not evidence.missing(src, "webhooks")
	count(object.get(src, "webhooks", [])) == 0
	r := {
		"status": "pass",
		"resource": github.resource(source),
		"message": sprintf("organisation %s has no webhooks", [github.org(source, src)]),
		"expected": _expected,
		"measured": "0 webhooks",
		"refs": [],
	}
}

results contains r if {
	some source, src in input.github
	not evidence.missing(src, "webhooks")
	some h in src.webhooks
	name := sprintf("webhook %d (%s)", [h.id, _target(h)])
	v := _verdict(name, h)
	r := {
		"status": v.status,
		"resource": sprintf("%s/webhook/%d", [github.resource(source), h.id]),
		"message": v.message,
		"expected": _expected,
		"measured": sprintf("insecure_ssl: %s; secret configured: %v", [_insecure(h.insecure_ssl), h.secret_configured]),
		"refs": evidence.ref(h),
	}
}

_target(h) := h.url if {
	is_string(h.url)
	h.url != ""
} else := "target not recorded"

_insecure(true) := `"1"`

_insecure(false) := `"0"`

_insecure(null) := "not recorded"

_problems(h) := array.concat(
	["skips TLS certificate verification (insecure_ssl \"1\")" | h.insecure_ssl == true],
	["has no secret, so deliveries cannot be verified" | h.secret_configured != true],
)

_verdict(name, h) := {
	"status": "fail",
	"message": sprintf("%s %s", [name, concat(" and ", _problems(h))]),
} if {
	count(_problems(h)) > 0
} else := {
	"status": "no-evidence",
	"message": sprintf("%s: whether it verifies TLS certificates was not recorded", [name]),
} if {
	not is_boolean(h.insecure_ssl)
} else := {
	"status": "pass",
	"message": sprintf("%s verifies TLS certificates and has a secret", [name]),
}

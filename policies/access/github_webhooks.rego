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
#   messages:
#     expected:
#       de: "TLS-Zertifikate geprüft (insecure_ssl „0“) und ein Secret konfiguriert"
#       en: 'TLS certificates verified (insecure_ssl "0") and a secret configured'
#     no_hooks:
#       de: "Organisation {org} hat keine Webhooks"
#       en: "organisation {org} has no webhooks"
#     measured_none:
#       de: "0 Webhooks"
#       en: "0 webhooks"
#     measured:
#       de: "insecure_ssl: {insecure:msg}; Secret konfiguriert: {secret}"
#       en: "insecure_ssl: {insecure:msg}; secret configured: {secret}"
#     ssl_value:
#       de: "„{value}“"
#       en: '"{value}"'
#     not_recorded:
#       de: "nicht erfasst"
#       en: "not recorded"
#     hook:
#       de: "Webhook {id} ({target:msg})"
#       en: "webhook {id} ({target:msg})"
#     target:
#       de: "{url}"
#       en: "{url}"
#     target_not_recorded:
#       de: "Ziel nicht erfasst"
#       en: "target not recorded"
#     insecure:
#       de: "{hook:msg} überspringt die Prüfung des TLS-Zertifikats (insecure_ssl „1“)"
#       en: '{hook:msg} skips TLS certificate verification (insecure_ssl "1")'
#     no_secret:
#       de: "{hook:msg} hat kein Secret, daher lassen sich Zustellungen nicht verifizieren"
#       en: "{hook:msg} has no secret, so deliveries cannot be verified"
#     insecure_no_secret:
#       de: "{hook:msg} überspringt die Prüfung des TLS-Zertifikats (insecure_ssl „1“) und hat kein Secret, daher lassen sich Zustellungen nicht verifizieren"
#       en: '{hook:msg} skips TLS certificate verification (insecure_ssl "1") and has no secret, so deliveries cannot be verified'
#     tls_not_recorded:
#       de: "{hook:msg}: Ob er TLS-Zertifikate prüft, wurde nicht erfasst"
#       en: "{hook:msg}: whether it verifies TLS certificates was not recorded"
#     pass:
#       de: "{hook:msg} prüft TLS-Zertifikate und hat ein Secret"
#       en: "{hook:msg} verifies TLS certificates and has a secret"
package nachweis.access.github_webhooks

import data.nachweis.lib.evidence
import data.nachweis.lib.github
import data.nachweis.lib.messages

_expected := messages.plain("expected")

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
		"message": messages.msg("no_hooks", {"org": github.org(source, src)}),
		"expected": _expected,
		"measured": messages.plain("measured_none"),
		"refs": [],
	}
}

results contains r if {
	some source, src in input.github
	not evidence.missing(src, "webhooks")
	some h in src.webhooks
	name := messages.msg("hook", {"id": h.id, "target": _target(h)})
	v := _verdict(name, h)
	r := {
		"status": v.status,
		"resource": sprintf("%s/webhook/%d", [github.resource(source), h.id]),
		"message": v.message,
		"expected": _expected,
		"measured": messages.msg("measured", {"insecure": _insecure(h.insecure_ssl), "secret": h.secret_configured}),
		"refs": evidence.ref(h),
	}
}

_target(h) := messages.msg("target", {"url": h.url}) if {
	is_string(h.url)
	h.url != ""
} else := messages.plain("target_not_recorded")

_insecure(true) := messages.msg("ssl_value", {"value": "1"})

_insecure(false) := messages.msg("ssl_value", {"value": "0"})

_insecure(null) := messages.plain("not_recorded")

_problems(h) := array.concat(
	["insecure" | h.insecure_ssl == true],
	["no_secret" | h.secret_configured != true],
)

_verdict(name, h) := {
	"status": "fail",
	"message": messages.msg(concat("_", _problems(h)), {"hook": name}),
} if {
	count(_problems(h)) > 0
} else := {
	"status": "no-evidence",
	"message": messages.msg("tls_not_recorded", {"hook": name}),
} if {
	not is_boolean(h.insecure_ssl)
} else := {
	"status": "pass",
	"message": messages.msg("pass", {"hook": name}),
}

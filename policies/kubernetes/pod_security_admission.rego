# METADATA
# title: Tenant namespaces enforce a Pod Security Standard
# description: Every in-scope namespace carries the label pod-security.kubernetes.io/enforce with the level baseline or restricted, so that the API server's Pod Security Admission rejects pods that break it. A namespace that only warns or audits (pod-security.kubernetes.io/warn or audit) or enforces privileged fails. A cluster-wide default set in the admission configuration is not visible through the API; a provider relying on it records an accepted exception. A namespace declared for a tenant but found in no source is reported as missing evidence.
# custom:
#   id: K8S-PSA-01
#   severity: high
#   measures: [TOM-VER-14]
#   requires: [kubernetes.namespaces]
#   title_de: Mandanten-Namespaces erzwingen einen Pod Security Standard
#   description_de: Jeder Namespace im Geltungsbereich trägt das Label pod-security.kubernetes.io/enforce mit der Stufe baseline oder restricted, sodass die Pod Security Admission des API-Servers Pods abweist, die dagegen verstoßen. Ein Namespace, der nur warnt oder protokolliert (pod-security.kubernetes.io/warn oder audit) oder privileged erzwingt, ist nicht erfüllt. Ein clusterweiter Standard in der Admission-Konfiguration ist über die API nicht sichtbar; wer sich darauf stützt, erfasst eine akzeptierte Abweichung. Ein für einen Mandanten deklarierter Namespace, der in keiner Quelle gefunden wurde, gilt als fehlender Nachweis.
#   messages:
#     expected:
#       de: "Label pod-security.kubernetes.io/enforce: baseline oder restricted"
#       en: "label pod-security.kubernetes.io/enforce: baseline or restricted"
#     measured:
#       de: "enforce: {enforce:msg}; warn: {warn:msg}; audit: {audit:msg}"
#       en: "enforce: {enforce:msg}; warn: {warn:msg}; audit: {audit:msg}"
#     level:
#       de: "{level}"
#       en: "{level}"
#     not_set:
#       de: "nicht gesetzt"
#       en: "not set"
#     pass:
#       de: "Namespace {namespace} erzwingt den Pod Security Standard {level}"
#       en: "namespace {namespace} enforces the Pod Security Standard {level}"
#     fail_only:
#       de: "Namespace {namespace} erzwingt keinen Pod Security Standard (enforce: {enforce:msg}); nur gesetzt: {only:msgs}"
#       en: "namespace {namespace} enforces no Pod Security Standard (enforce {enforce:msg}); it only {only:msgs}"
#     fail:
#       de: "Namespace {namespace} erzwingt keinen Pod Security Standard (enforce: {enforce:msg})"
#       en: "namespace {namespace} enforces no Pod Security Standard (enforce {enforce:msg})"
#     only:
#       de: "{mode} {level}"
#       en: "{mode}s {level}"
package nachweis.kubernetes.pod_security_admission

import data.nachweis.lib.evidence
import data.nachweis.lib.kubernetes
import data.nachweis.lib.messages

_expected := messages.plain("expected")

_levels := {"baseline", "restricted"}

_modes := ["enforce", "warn", "audit"]

results contains r if {
	some source, src in input.kubernetes
	r := kubernetes.missing_result(source, src, ["namespaces"], _expected)
}

results contains r if {
	some r in kubernetes.missing_namespace_results(_expected)
}

results contains r if {
	some [source, ns], obj in kubernetes.in_scope_namespaces(["namespaces"])
	labels := object.get(obj, "labels", {})
	levels := {mode: object.get(labels, sprintf("pod-security.kubernetes.io/%s", [mode]), "") | some mode in _modes}
	v := _verdict(ns, levels)
	r := evidence.with_tenant(
		{
			"status": v.status,
			"resource": sprintf("%s/namespace/%s", [source, ns]),
			"message": v.message,
			"expected": _expected,
			"measured": messages.msg("measured", {mode: _or_unset(levels[mode]) | some mode in _modes}),
			"refs": evidence.ref(obj),
		},
		object.get(obj, "tenant", ""),
	)
}

_or_unset(level) := messages.msg("level", {"level": level}) if level != ""

else := messages.plain("not_set")

_verdict(ns, levels) := {
	"status": "pass",
	"message": messages.msg("pass", {"namespace": ns, "level": levels.enforce}),
} if {
	levels.enforce in _levels
} else := {
	"status": "fail",
	"message": messages.msg("fail_only", {"namespace": ns, "enforce": _or_unset(levels.enforce), "only": _only(levels)}),
} if {
	count(_only(levels)) > 0
} else := {
	"status": "fail",
	"message": messages.msg("fail", {"namespace": ns, "enforce": _or_unset(levels.enforce)}),
}

# _only names the warn and audit levels a namespace sets instead of
# enforcing one.
_only(levels) := [messages.msg("only", {"mode": mode, "level": levels[mode]}) | some mode in ["warn", "audit"]; levels[mode] != ""]

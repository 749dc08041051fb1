# METADATA
# title: StorageClasses of tenant volumes declare encryption
# description: Every StorageClass that in-scope PersistentVolumeClaims use declares encryption of its volumes, by a parameter its provisioner reads (e.g. encrypted "true" for AWS EBS, Ceph RBD and Longhorn, secure "true" for Portworx, a disk encryption set for Azure Disk, a KMS key for GCE PD, a LUKS secret for Hetzner Cloud). One result per StorageClass and tenant, listing the claims. Without PersistentVolumeClaim evidence every StorageClass is assessed. A claim that names no StorageClass, or one missing from the evidence, is reported as missing evidence. Volumes whose encryption happens below Kubernetes (bare-metal disks with LUKS or self-encrypting drives, local-path) cannot declare it here and fail; they are covered by an accepted exception (C5 SP-03) that refers to the attested node disk encryption of the measure.
# custom:
#   id: K8S-STOR-01
#   severity: high
#   measures: [TOM-ZGR-07]
#   requires: [kubernetes.storageclasses]
#   title_de: StorageClasses der Mandanten-Volumes erklären Verschlüsselung
#   description_de: Jede StorageClass, die PersistentVolumeClaims im Geltungsbereich nutzen, erklärt die Verschlüsselung ihrer Volumes durch einen Parameter, den ihr Provisioner liest (z. B. encrypted "true" bei AWS EBS, Ceph RBD und Longhorn, secure "true" bei Portworx, ein Disk Encryption Set bei Azure Disk, ein KMS-Schlüssel bei GCE PD, ein LUKS-Secret bei Hetzner Cloud). Ein Ergebnis je StorageClass und Mandant mit den Claims. Ohne Nachweis der PersistentVolumeClaims wird jede StorageClass bewertet. Ein Claim ohne StorageClass oder mit einer StorageClass, die im Nachweis fehlt, gilt als fehlender Nachweis. Volumes, die unterhalb von Kubernetes verschlüsselt werden (Bare-Metal-Platten mit LUKS oder selbstverschlüsselnde Laufwerke, local-path), können das hier nicht erklären und sind nicht erfüllt; sie werden durch eine akzeptierte Ausnahme (C5 SP-03) abgedeckt, die auf die bestätigte Verschlüsselung der Knotenplatten der Maßnahme verweist.
#   messages:
#     expected:
#       de: "StorageClass erklärt die Verschlüsselung ihrer Volumes"
#       en: "StorageClass declares encryption of its volumes"
#     without_claims:
#       de: "{message:msg} (kein Nachweis zu PersistentVolumeClaims, daher wird jede StorageClass bewertet)"
#       en: "{message:msg} (no PersistentVolumeClaim evidence, so every StorageClass is assessed)"
#     measured_claims:
#       de: "{class:msg}; Claims: {claims:list}"
#       en: "{class:msg}; claims: {claims:list}"
#     no_class:
#       de: "PersistentVolumeClaim {claim} nennt keine StorageClass (ein vorab bereitgestelltes Volume oder noch keines zugewiesen), daher ist die Verschlüsselung seines Volumes nicht erklärt"
#       en: "PersistentVolumeClaim {claim} names no StorageClass (a pre-provisioned volume or none assigned yet), so the encryption of its volume is not declared"
#     measured_no_class:
#       de: "storageClassName: keiner"
#       en: "storageClassName: none"
#     class_missing:
#       de: "StorageClass {class}, genutzt von {count:count:Claim:Claims}, ist nicht im StorageClass-Nachweis"
#       en: "StorageClass {class}, used by {count:count:claim:claims}, is not in the StorageClass evidence"
#     used_by:
#       de: "{message:msg}; genutzt von {claims:list}"
#       en: "{message:msg}; used by {claims:list}"
#     encrypted:
#       de: "StorageClass {class} (Provisioner {provisioner}) erklärt Verschlüsselung: {params:list}"
#       en: "StorageClass {class} (provisioner {provisioner}) declares encryption: {params:list}"
#     not_encrypted:
#       de: "StorageClass {class} (Provisioner {provisioner}) erklärt keine Verschlüsselung"
#       en: "StorageClass {class} (provisioner {provisioner}) declares no encryption"
#     not_recorded:
#       de: "StorageClass {class}: Ob sie Verschlüsselung erklärt, wurde nicht erfasst"
#       en: "StorageClass {class}: whether it declares encryption was not recorded"
#     measured:
#       de: "Provisioner {provisioner}; Verschlüsselungsparameter: {params:list}"
#       en: "provisioner {provisioner}; encryption parameters: {params:list}"
#     measured_missing:
#       de: "StorageClass nicht im Nachweis"
#       en: "StorageClass not in the evidence"
package nachweis.kubernetes.storage_encryption

import data.nachweis.lib.evidence
import data.nachweis.lib.kubernetes
import data.nachweis.lib.messages

_expected := messages.plain("expected")

results contains r if {
	some source, src in input.kubernetes
	r := kubernetes.missing_result(source, src, ["storageclasses"], _expected)
}

# Without claim evidence: every StorageClass.
results contains r if {
	some source, src in input.kubernetes
	not evidence.missing(src, "storageclasses")
	evidence.missing(src, "persistentvolumeclaims")
	some name, sc in src.storageclasses
	v := _verdict(name, sc)
	r := {
		"status": v.status,
		"resource": _resource(source, name),
		"message": messages.msg("without_claims", {"message": v.message}),
		"expected": _expected,
		"measured": _measured(sc),
		"refs": evidence.ref(sc),
	}
}

_sources := {source |
	some source, src in input.kubernetes
	evidence.complete(src, ["storageclasses", "persistentvolumeclaims"])
}

# _groups holds [source, tenant, storage class] of the in-scope claims that
# name a class.
_groups contains [source, pvc.tenant, pvc.storage_class] if {
	some source in _sources
	some pvc in input.kubernetes[source].persistentvolumeclaims
	pvc.in_scope == true
	is_string(pvc.tenant)
	is_string(pvc.storage_class)
	pvc.storage_class != ""
}

# _by_class[[source, tenant, class]] lists the claims of one tenant that
# use one StorageClass, grouped linearly as lib.kubernetes explains (Grouping).
_by_class := {key: claims |
	some key in _groups
	[source, tenant, class] := key
	claims := [pvc |
		pvc := input.kubernetes[s].persistentvolumeclaims[_]
		s == source
		pvc.tenant == tenant
		pvc.storage_class == class
		pvc.in_scope == true
	]
}

results contains r if {
	some [source, tenant, class], claims in _by_class
	sc := object.get(input.kubernetes[source].storageclasses, class, null)
	v := _class_verdict(class, sc, claims)
	r := evidence.with_tenant(
		{
			"status": v.status,
			"resource": _resource(source, class),
			"message": v.message,
			"expected": _expected,
			"measured": messages.msg("measured_claims", {"class": _measured(sc), "claims": _claims(claims)}),
			"refs": array.concat(evidence.ref(sc), evidence.refs(claims)),
		},
		tenant,
	)
}

results contains r if {
	some source in _sources
	some pvc in input.kubernetes[source].persistentvolumeclaims
	pvc.in_scope == true
	object.get(pvc, "storage_class", "") == ""
	r := evidence.with_tenant(
		{
			"status": "no-evidence",
			"resource": sprintf("%s/persistentvolumeclaim/%s", [source, kubernetes.qualified(pvc)]),
			"message": messages.msg("no_class", {"claim": kubernetes.qualified(pvc)}),
			"expected": _expected,
			"measured": messages.plain("measured_no_class"),
			"refs": evidence.ref(pvc),
		},
		object.get(pvc, "tenant", ""),
	)
}

_class_verdict(class, sc, claims) := {
	"status": "no-evidence",
	"message": messages.msg("class_missing", {"class": class, "count": count(claims)}),
} if {
	sc == null
} else := v if {
	u := _verdict(class, sc)
	v := object.union(object.remove(u, ["message"]), {"message": messages.msg("used_by", {"message": u.message, "claims": _claims(claims)})})
}

_claims(claims) := sort([kubernetes.qualified(c) | some c in claims])

_verdict(class, sc) := {
	"status": "pass",
	"message": messages.msg("encrypted", {"class": class, "provisioner": sc.provisioner, "params": _params(sc)}),
} if {
	sc.encrypted == true
} else := {
	"status": "fail",
	"message": messages.msg("not_encrypted", {"class": class, "provisioner": sc.provisioner}),
} if {
	sc.encrypted == false
} else := {
	"status": "no-evidence",
	"message": messages.msg("not_recorded", {"class": class}),
}

_measured(sc) := messages.msg("measured", {"provisioner": sc.provisioner, "params": _params(sc)}) if {
	sc != null
} else := messages.plain("measured_missing")

_params(sc) := sort([sprintf("%s=%s", [k, v]) | some k, v in object.get(sc, "parameters", {})])

_resource(source, class) := sprintf("%s/storageclass/%s", [source, class])

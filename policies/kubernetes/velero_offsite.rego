# METADATA
# title: A Velero storage location at a second site in the EU/EEA
# description: Each cluster has, besides its primary Velero BackupStorageLocation (spec.default true, else the one named "default"), a location at another site that is Available and ReadWrite. Sites are declared with the label (else annotation) nachweis.io/site as "<country>-<place>", e.g. FI-Helsinki; every declared site's country (the part before the first "-") must be in params.eu_countries. A differing spec.config.region alone does not show a second site or its country. An undeclared site of the primary, or of a location that might be the second one, and a location whose status was not reported, are missing evidence unless the check already fails. A cluster without Velero's CRDs has no Velero evidence and is reported as missing evidence.
# custom:
#   id: K8S-VEL-04
#   severity: high
#   measures: [TOM-VER-15]
#   requires: [kubernetes.velero_backupstoragelocations]
#   title_de: Ein Velero-Speicherort an einem zweiten Standort im EU/EWR-Raum
#   description_de: Jeder Cluster hat neben seinem primären Velero-BackupStorageLocation (spec.default true, sonst dem mit Namen "default") einen Speicherort an einem anderen Standort, der Available und ReadWrite ist. Standorte werden mit dem Label (sonst der Annotation) nachweis.io/site als "<Land>-<Ort>" deklariert, z. B. FI-Helsinki; das Land jedes deklarierten Standorts (der Teil vor dem ersten "-") muss in params.eu_countries stehen. Eine abweichende spec.config.region allein belegt weder einen zweiten Standort noch dessen Land. Ein nicht deklarierter Standort des primären Speicherorts oder eines möglichen zweiten, und ein Speicherort ohne gemeldeten Status, gelten als fehlender Nachweis, sofern die Prüfung nicht bereits nicht erfüllt ist. Ein Cluster ohne Veleros CRDs hat keinen Velero-Nachweis; das gilt als fehlender Nachweis.
#   messages:
#     expected:
#       de: "eine BackupStorageLocation an einem anderen Standort als die primäre, Available und ReadWrite; jeder erklärte Standort in einem Land der EU oder des EWR"
#       en: "a BackupStorageLocation at a site other than the primary's, Available and ReadWrite; every declared site in an EU/EEA country"
#     measured:
#       de: "{locations:list}"
#       en: "{locations:list}"
#     location:
#       de: "{name} (Standort {site:msg}, Region {region:msg}, {phase:msg}, {mode})"
#       en: "{name} (site {site:msg}, region {region:msg}, {phase:msg}, {mode})"
#     value:
#       de: "{value}"
#       en: "{value}"
#     not_declared:
#       de: "nicht erklärt"
#       en: "not declared"
#     status_unknown:
#       de: "Status unbekannt"
#       en: "status unknown"
#     outside_location:
#       de: "{name} ({site})"
#       en: "{name} ({site})"
#     no_locations:
#       de: "Kubernetes-Quelle {source} hat keine Velero-BackupStorageLocation"
#       en: "Kubernetes source {source} has no Velero BackupStorageLocation"
#     no_eu:
#       de: "Kubernetes-Quelle {source} kann nicht bewertet werden: Es ist keine Liste der EU-/EWR-Länder konfiguriert (params.eu_countries)"
#       en: "Kubernetes source {source} cannot be assessed: no EU/EEA country list is configured (params.eu_countries)"
#     outside:
#       de: "Velero-BackupStorageLocations der Kubernetes-Quelle {source} liegen an Standorten außerhalb der EU und des EWR: {outside:list}"
#       en: "Velero BackupStorageLocations of Kubernetes source {source} are at sites outside the EU/EEA: {outside:list}"
#     primary_unknown:
#       de: "Kubernetes-Quelle {source}: Die primäre Velero-BackupStorageLocation ist unbekannt (Standard-Locations: {defaults:list})"
#       en: "Kubernetes source {source}: the primary Velero BackupStorageLocation is unknown (default locations: {defaults:list})"
#     primary_no_site:
#       de: "Kubernetes-Quelle {source}: Die primäre Velero-BackupStorageLocation {primary} erklärt keinen Standort (Label nachweis.io/site)"
#       en: "Kubernetes source {source}: the primary Velero BackupStorageLocation {primary} declares no site (label nachweis.io/site)"
#     pass:
#       de: "Kubernetes-Quelle {source} sichert neben der primären {primary} in {site} auch nach {offsite:list}"
#       en: "Kubernetes source {source} backs up to {offsite:list} besides the primary {primary} at {site}"
#     undecided:
#       de: "Kubernetes-Quelle {source}: Standort oder Status nicht erfasst für Velero-BackupStorageLocations, die an einem anderen Standort liegen könnten: {locations:list}"
#       en: "Kubernetes source {source}: site or status not recorded for Velero BackupStorageLocations that might be off-site: {locations:list}"
#     no_offsite:
#       de: "Kubernetes-Quelle {source} hat keine Velero-BackupStorageLocation an einem anderen Standort als die primäre ({site}), die Available und ReadWrite ist"
#       en: "Kubernetes source {source} has no Velero BackupStorageLocation at a site other than the primary's ({site}) that is Available and ReadWrite"
package nachweis.kubernetes.velero_offsite

import data.nachweis.lib.evidence
import data.nachweis.lib.kubernetes
import data.nachweis.lib.messages

_expected := messages.plain("expected")

_eu := {upper(c) | some c in object.get(input, ["params", "eu_countries"], []); is_string(c)}

results contains r if {
	some source, src in input.kubernetes
	r := kubernetes.missing_result(source, src, ["velero_backupstoragelocations"], _expected)
}

results contains r if {
	some source, src in input.kubernetes
	not evidence.missing(src, "velero_backupstoragelocations")
	locations := src.velero_backupstoragelocations
	v := _verdict(source, locations, _primaries(locations))
	r := {
		"status": v.status,
		"resource": sprintf("%s/velero/backupstoragelocations", [source]),
		"message": v.message,
		"expected": _expected,
		"measured": messages.msg("measured", {"locations": [_describe(l) | some l in _sorted(locations)]}),
		"refs": evidence.refs(locations),
	}
}

_verdict(source, locations, primaries) := {
	"status": "fail",
	"message": messages.msg("no_locations", {"source": source}),
} if {
	count(locations) == 0
} else := {
	"status": "no-evidence",
	"message": messages.msg("no_eu", {"source": source}),
} if {
	count(_eu) == 0
} else := {
	"status": "fail",
	"message": messages.msg("outside", {"source": source, "outside": _outside(locations)}),
} if {
	count(_outside(locations)) > 0
} else := {
	"status": "no-evidence",
	"message": messages.msg("primary_unknown", {"source": source, "defaults": _names(primaries)}),
} if {
	count(primaries) != 1
} else := {
	"status": "no-evidence",
	"message": messages.msg("primary_no_site", {"source": source, "primary": kubernetes.qualified(primaries[0])}),
} if {
	_site(primaries[0]) == ""
} else := {
	"status": "pass",
	"message": messages.msg("pass", {
		"source": source,
		"offsite": [_describe(l) | some l in _sorted(_offsite(locations, primaries[0]))],
		"primary": kubernetes.qualified(primaries[0]),
		"site": _site(primaries[0]),
	}),
} if {
	count(_offsite(locations, primaries[0])) > 0
} else := {
	"status": "no-evidence",
	"message": messages.msg("undecided", {"source": source, "locations": [_describe(l) | some l in _sorted(_undecided(locations, primaries[0]))]}),
} if {
	count(_undecided(locations, primaries[0])) > 0
} else := {
	"status": "fail",
	"message": messages.msg("no_offsite", {"source": source, "site": _site(primaries[0])}),
}

# _primaries are the locations marked default, else the one named
# "default" (Velero's default for --default-backup-storage-location).
_primaries(locations) := marked if {
	marked := [l | some l in locations; l.default == true]
	count(marked) > 0
} else := [l | some l in locations; l.name == "default"]

# _offsite are the other locations at another declared site that Velero
# can write to.
_offsite(locations, primary) := [l |
	some l in locations
	_other_site(l, primary)
	l.phase == "Available"
	l.access_mode != "ReadOnly"
]

# _undecided are the locations that might be off-site but lack a declared
# site or a reported status.
_undecided(locations, primary) := [l |
	some l in locations
	l != primary
	l.access_mode != "ReadOnly"
	_maybe_offsite(l, primary)
]

_maybe_offsite(l, _) if _site(l) == ""

_maybe_offsite(l, primary) if {
	_other_site(l, primary)
	l.phase == ""
}

_other_site(l, primary) if {
	_site(l) != ""
	_site(l) != _site(primary)
}

_outside(locations) := [messages.msg("outside_location", {"name": kubernetes.qualified(l), "site": _site(l)}) |
	some l in _sorted(locations)
	_site(l) != ""
	not _country(_site(l)) in _eu
]

# _sorted orders locations by namespace and name.
_sorted(locations) := [l |
	some name in sort([kubernetes.qualified(x) | some x in locations])
	some l in locations
	kubernetes.qualified(l) == name
]

_site(l) := trim_space(l.site) if is_string(l.site)

else := ""

_country(site) := upper(trim_space(split(site, "-")[0]))

_names(locations) := sort([kubernetes.qualified(l) | some l in locations])

_describe(l) := messages.msg("location", {
	"name": kubernetes.qualified(l),
	"site": _or(_site(l), "not_declared"),
	"region": _or(object.get(l, "region", ""), "none"),
	"phase": _or(object.get(l, "phase", ""), "status_unknown"),
	"mode": object.get(l, "access_mode", "ReadWrite"),
})

# _or is the value as a message, or the message alt when it is empty.
_or(s, alt) := messages.msg("value", {"value": s}) if s != ""

else := messages.plain(alt)

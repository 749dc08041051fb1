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
package nachweis.kubernetes.velero_offsite

import data.nachweis.lib.evidence
import data.nachweis.lib.human
import data.nachweis.lib.kubernetes

_expected := "a BackupStorageLocation at a site other than the primary's, Available and ReadWrite; every declared site in an EU/EEA country"

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
		"measured": human.list([_describe(l) | some l in locations]),
		"refs": evidence.refs(locations),
	}
}

_verdict(source, locations, primaries) := {
	"status": "fail",
	"message": sprintf("Kubernetes source %s has no Velero BackupStorageLocation", [source]),
} if {
	count(locations) == 0
} else := {
	"status": "no-evidence",
	"message": sprintf("Kubernetes source %s cannot be assessed: no EU/EEA country list is configured (params.eu_countries)", [source]),
} if {
	count(_eu) == 0
} else := {
	"status": "fail",
	"message": sprintf("Velero BackupStorageLocations of Kubernetes source %s are at sites outside the EU/EEA: %s", [source, human.list(_outside(locations))]),
} if {
	count(_outside(locations)) > 0
} else := {
	"status": "no-evidence",
	"message": sprintf("Kubernetes source %s: the primary Velero BackupStorageLocation is unknown (default locations: %s)", [source, human.list(_names(primaries))]),
} if {
	count(primaries) != 1
} else := {
	"status": "no-evidence",
	"message": sprintf("Kubernetes source %s: the primary Velero BackupStorageLocation %s declares no site (label nachweis.io/site)", [source, kubernetes.qualified(primaries[0])]),
} if {
	_site(primaries[0]) == ""
} else := {
	"status": "pass",
	"message": sprintf("Kubernetes source %s backs up to %s besides the primary %s at %s", [source, human.list([_describe(l) | some l in _offsite(locations, primaries[0])]), kubernetes.qualified(primaries[0]), _site(primaries[0])]),
} if {
	count(_offsite(locations, primaries[0])) > 0
} else := {
	"status": "no-evidence",
	"message": sprintf("Kubernetes source %s: site or status not recorded for Velero BackupStorageLocations that might be off-site: %s", [source, human.list([_describe(l) | some l in _undecided(locations, primaries[0])])]),
} if {
	count(_undecided(locations, primaries[0])) > 0
} else := {
	"status": "fail",
	"message": sprintf("Kubernetes source %s has no Velero BackupStorageLocation at a site other than the primary's (%s) that is Available and ReadWrite", [source, _site(primaries[0])]),
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

_outside(locations) := [sprintf("%s (%s)", [kubernetes.qualified(l), _site(l)]) |
	some l in locations
	_site(l) != ""
	not _country(_site(l)) in _eu
]

_site(l) := trim_space(l.site) if is_string(l.site)

else := ""

_country(site) := upper(trim_space(split(site, "-")[0]))

_names(locations) := [kubernetes.qualified(l) | some l in locations]

_describe(l) := sprintf("%s (site %s, region %s, %s, %s)", [
	kubernetes.qualified(l),
	_or(_site(l), "not declared"),
	_or(object.get(l, "region", ""), "none"),
	_or(object.get(l, "phase", ""), "status unknown"),
	object.get(l, "access_mode", "ReadWrite"),
])

_or(s, alt) := s if s != ""

else := alt

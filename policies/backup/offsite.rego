# METADATA
# title: Backups are kept at two sites in the EU/EEA
# description: For every tenant mapped to backup repositories (or, when no tenant mapping exists, for all repositories together), the repositories are at 2 or more distinct declared sites, and the country of every site (the part before the first "-", e.g. DE in DE-Falkenstein) is an EU/EEA country. A repository without declared site, and a configured tenant without repository mapping, are reported as missing evidence unless a site outside the EU/EEA already fails the check.
# custom:
#   id: BAK-OFFSITE-01
#   severity: high
#   measures: [TOM-VER-05]
#   requires: [backup.snapshots]
#   title_de: Datensicherungen an zwei Standorten im EU/EWR-Raum
#   description_de: Für jeden Mandanten mit zugeordneten Backup-Repositorys (oder, wenn keine Mandantenzuordnung besteht, für alle Repositorys gemeinsam) liegen die Repositorys an mindestens 2 verschiedenen deklarierten Standorten, und das Land jedes Standorts (der Teil vor dem ersten "-", z. B. DE in DE-Falkenstein) ist ein EU/EWR-Staat. Ein Repository ohne deklarierten Standort und ein konfigurierter Mandant ohne Repository-Zuordnung gelten als fehlender Nachweis, sofern nicht bereits ein Standort außerhalb des EU/EWR-Raums zum Nichterfüllen führt.
package nachweis.backup.offsite

import data.nachweis.lib.backup
import data.nachweis.lib.evidence
import data.nachweis.lib.human

_expected := "repositories at 2 or more distinct sites, all in EU/EEA countries"

_eu := {upper(c) | some c in input.params.eu_countries; is_string(c)}

results contains r if {
	some tenant, names in backup.tenant_repositories
	v := _verdict(sprintf("tenant %s", [tenant]), _names(names))
	r := {
		"status": v.status,
		"resource": backup.tenant_resource(tenant),
		"tenant": tenant,
		"message": v.message,
		"expected": _expected,
		"measured": v.measured,
		"refs": v.refs,
	}
}

results contains r if {
	some tenant in backup.unmapped_tenants
	r := {
		"status": "no-evidence",
		"resource": backup.tenant_resource(tenant),
		"tenant": tenant,
		"message": sprintf("no backup repository is mapped to tenant %s, so the sites of its backups are unknown", [tenant]),
		"expected": _expected,
		"measured": "no repository mapped",
		"refs": [],
	}
}

# Without any tenant mapping the provider's repositories are assessed
# together.
results contains r if {
	count(backup.tenant_repositories) == 0
	names := [n | some n, _ in backup.repositories]
	count(names) > 0
	v := _verdict("the backup repositories", names)
	r := {
		"status": v.status,
		"resource": "backup/provider",
		"message": v.message,
		"expected": _expected,
		"measured": v.measured,
		"refs": v.refs,
	}
}

_names(names) := names if is_array(names)

else := []

_verdict(subject, names) := {
	"status": "no-evidence",
	"message": sprintf("%s cannot be assessed: no EU/EEA country list is configured (params.eu_countries)", [subject]),
	"measured": _measured(names),
	"refs": _refs(names),
} if {
	count(_eu) == 0
} else := {
	"status": "fail",
	"message": sprintf("%s: backups are kept at sites outside the EU/EEA: %s", [subject, human.list([sprintf("%s (country %s)", [s, _country(s)]) | some s in _outside(names)])]),
	"measured": _measured(names),
	"refs": _refs(names),
} if {
	count(_outside(names)) > 0
} else := {
	"status": "no-evidence",
	"message": sprintf("%s cannot be assessed: no site is declared for %s", [subject, human.list(_undeclared(names))]),
	"measured": _measured(names),
	"refs": _refs(names),
} if {
	count(_undeclared(names)) > 0
} else := {
	"status": "fail",
	"message": sprintf("%s: all backups are kept at one site (%s), no off-site copy", [subject, human.list(_sites(names))]),
	"measured": _measured(names),
	"refs": _refs(names),
} if {
	count(_sites(names)) < 2
} else := {
	"status": "pass",
	"message": sprintf("%s: backups are kept at %d distinct sites in the EU/EEA: %s", [subject, count(_sites(names)), human.list([sprintf("%s (%s)", [s, _country(s)]) | some s in _sites(names)])]),
	"measured": _measured(names),
	"refs": _refs(names),
}

_site(n) := s if {
	s := backup.repositories[n].site
	is_string(s)
	trim_space(s) != ""
}

_sites(names) := {_site(n) | some n in names}

_undeclared(names) := [n | some n in names; not _site(n)]

_outside(names) := [s | some s in _sites(names); not _country(s) in _eu]

_country(site) := upper(trim_space(split(site, "-")[0]))

_measured(names) := concat("; ", [sprintf("%s: %s", [n, _site_or_unknown(n)]) | some n in sort(names)])

_site_or_unknown(n) := _site(n) if _site(n)

else := "no site declared" if backup.repositories[n]

else := "not in the backup evidence"

_refs(names) := [ref | some n in names; some ref in evidence.ref(backup.repositories[n])]

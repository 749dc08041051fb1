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
#   messages:
#     expected:
#       de: "Repositorys an 2 oder mehr verschiedenen Standorten, alle in Ländern der EU oder des EWR"
#       en: "repositories at 2 or more distinct sites, all in EU/EEA countries"
#     unmapped:
#       de: "Dem Mandanten {tenant} ist kein Backup-Repository zugeordnet, daher sind die Standorte seiner Sicherungen unbekannt"
#       en: "no backup repository is mapped to tenant {tenant}, so the sites of its backups are unknown"
#     no_eu:
#       de: "{subject:msg} können nicht bewertet werden: Es ist keine Liste der EU-/EWR-Länder konfiguriert (params.eu_countries)"
#       en: "{subject:msg} cannot be assessed: no EU/EEA country list is configured (params.eu_countries)"
#     no_eu_tenant:
#       de: "{subject:msg} kann nicht bewertet werden: Es ist keine Liste der EU-/EWR-Länder konfiguriert (params.eu_countries)"
#       en: "{subject:msg} cannot be assessed: no EU/EEA country list is configured (params.eu_countries)"
#     outside:
#       de: "{subject:msg}: Sicherungen werden an Standorten außerhalb der EU und des EWR aufbewahrt: {sites:list}"
#       en: "{subject:msg}: backups are kept at sites outside the EU/EEA: {sites:list}"
#     outside_site:
#       de: "{site} (Land {country})"
#       en: "{site} (country {country})"
#     undeclared:
#       de: "{subject:msg}: nicht bewertbar, für {repositories:list} ist kein Standort erklärt"
#       en: "{subject:msg} cannot be assessed: no site is declared for {repositories:list}"
#     one_site:
#       de: "{subject:msg}: Alle Sicherungen werden an einem Standort aufbewahrt ({sites:list}), keine Kopie an einem anderen Standort"
#       en: "{subject:msg}: all backups are kept at one site ({sites:list}), no off-site copy"
#     pass:
#       de: "{subject:msg}: Sicherungen werden an {count} verschiedenen Standorten in der EU und im EWR aufbewahrt: {sites:list}"
#       en: "{subject:msg}: backups are kept at {count} distinct sites in the EU/EEA: {sites:list}"
#     site_country:
#       de: "{site} ({country})"
#       en: "{site} ({country})"
#     measured:
#       de: "{repositories:msgs}"
#       en: "{repositories:msgs}"
#     repository_site:
#       de: "{name}: {site:msg}"
#       en: "{name}: {site:msg}"
#     site:
#       de: "{site}"
#       en: "{site}"
#     no_site:
#       de: "kein Standort erklärt"
#       en: "no site declared"
#     not_in_evidence:
#       de: "nicht im Backup-Nachweis"
#       en: "not in the backup evidence"
package nachweis.backup.offsite

import data.nachweis.lib.backup
import data.nachweis.lib.evidence
import data.nachweis.lib.messages

_expected := messages.plain("expected")

_eu := {upper(c) | some c in input.params.eu_countries; is_string(c)}

results contains r if {
	some tenant, names in backup.tenant_repositories
	v := _verdict(backup.tenant_subject(tenant), _names(names))
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
		"message": messages.msg("unmapped", {"tenant": tenant}),
		"expected": _expected,
		"measured": messages.plain("backup_no_repository_mapped"),
		"refs": [],
	}
}

# Without any tenant mapping the provider's repositories are assessed
# together.
results contains r if {
	count(backup.tenant_repositories) == 0
	names := [n | some n, _ in backup.repositories]
	count(names) > 0
	v := _verdict(messages.plain("subject_backup_repositories"), names)
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
	"message": messages.msg(_no_eu_id(subject), {"subject": subject}),
	"measured": _measured(names),
	"refs": _refs(names),
} if {
	count(_eu) == 0
} else := {
	"status": "fail",
	"message": messages.msg("outside", {"subject": subject, "sites": [messages.msg("outside_site", {"site": s, "country": _country(s)}) | some s in sort(_outside(names))]}),
	"measured": _measured(names),
	"refs": _refs(names),
} if {
	count(_outside(names)) > 0
} else := {
	"status": "no-evidence",
	"message": messages.msg("undeclared", {"subject": subject, "repositories": sort(_undeclared(names))}),
	"measured": _measured(names),
	"refs": _refs(names),
} if {
	count(_undeclared(names)) > 0
} else := {
	"status": "fail",
	"message": messages.msg("one_site", {"subject": subject, "sites": sort(_sites(names))}),
	"measured": _measured(names),
	"refs": _refs(names),
} if {
	count(_sites(names)) < 2
} else := {
	"status": "pass",
	"message": messages.msg("pass", {"subject": subject, "count": count(_sites(names)), "sites": [messages.msg("site_country", {"site": s, "country": _country(s)}) | some s in sort(_sites(names))]}),
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

_measured(names) := messages.msg("measured", {"repositories": messages.or_none([messages.msg("repository_site", {"name": n, "site": _site_or_unknown(n)}) | some n in sort(names)])})

_site_or_unknown(n) := messages.msg("site", {"site": _site(n)}) if _site(n)

else := messages.plain("no_site") if backup.repositories[n]

else := messages.plain("not_in_evidence")

# _no_eu_id agrees the verb with the subject: the repositories (plural)
# or a tenant.
_no_eu_id(subject) := "no_eu" if subject.id == "subject_backup_repositories"

else := "no_eu_tenant"

_refs(names) := [ref | some n in names; some ref in evidence.ref(backup.repositories[n])]

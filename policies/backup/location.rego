# METADATA
# title: Backups are kept in the allowed jurisdictions
# description: Every backup repository (restic, borg, and each pgBackRest repository) has a declared site whose country (the part before the first "-", e.g. DE in DE-Falkenstein) is an allowed country (params.eu_countries, by default the EU/EEA). One result per repository; a repository without declared site is reported as missing evidence.
# custom:
#   id: BAK-LOC-01
#   severity: high
#   measures: [TOM-AUF-09]
#   requires: [backup.snapshots]
#   title_de: Datensicherungen liegen in den zulässigen Rechtsräumen
#   description_de: Jedes Backup-Repository (restic, borg und jedes pgBackRest-Repository) hat einen deklarierten Standort, dessen Land (der Teil vor dem ersten "-", z. B. DE in DE-Falkenstein) ein zulässiges Land ist (params.eu_countries, standardmäßig EU/EWR). Ein Ergebnis je Repository; ein Repository ohne deklarierten Standort gilt als fehlender Nachweis.
package nachweis.backup.location

import data.nachweis.lib.backup
import data.nachweis.lib.evidence
import data.nachweis.lib.location

_expected := "a declared site in an allowed country"

results contains r if {
	some name, repo in backup.repositories
	site := trim_space(object.get(repo, "site", ""))
	v := _verdict(name, site)
	r := {
		"status": v.status,
		"resource": backup.resource(name, repo),
		"message": v.message,
		"expected": _expected,
		"measured": sprintf("site %s", [_or_undeclared(site)]),
		"refs": evidence.ref(repo),
		"facts": {"repository": name, "site": site, "country": _country(site)},
	}
}

_or_undeclared(site) := site if site != ""

else := "not declared"

_country(site) := upper(split(site, "-")[0]) if site != ""

else := ""

_verdict(name, site) := {
	"status": "no-evidence",
	"message": sprintf("repository %s: no site is declared, so where its backups are kept is unknown", [name]),
} if {
	site == ""
} else := {
	"status": "no-evidence",
	"message": "no allowed countries are configured (params.eu_countries)",
} if {
	count(location.allowed) == 0
} else := {
	"status": "fail",
	"message": sprintf("repository %s is kept at %s, country %s, outside the allowed jurisdictions", [name, site, _country(site)]),
} if {
	not _country(site) in location.allowed
} else := {
	"status": "pass",
	"message": sprintf("repository %s is kept at %s, country %s", [name, site, _country(site)]),
}

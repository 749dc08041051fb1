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
#   messages:
#     expected:
#       de: "ein erklärter Standort in einem zulässigen Land"
#       en: "a declared site in an allowed country"
#     measured:
#       de: "Standort {site:msg}"
#       en: "site {site:msg}"
#     site:
#       de: "{site}"
#       en: "{site}"
#     not_declared:
#       de: "nicht erklärt"
#       en: "not declared"
#     undeclared:
#       de: "Repository {name}: Es ist kein Standort erklärt, daher ist unbekannt, wo seine Sicherungen aufbewahrt werden"
#       en: "repository {name}: no site is declared, so where its backups are kept is unknown"
#     no_countries:
#       de: "Es sind keine zulässigen Länder konfiguriert (params.eu_countries)"
#       en: "no allowed countries are configured (params.eu_countries)"
#     outside:
#       de: "Repository {name} wird in {site} aufbewahrt, Land {country}, außerhalb der zulässigen Rechtsräume"
#       en: "repository {name} is kept at {site}, country {country}, outside the allowed jurisdictions"
#     pass:
#       de: "Repository {name} wird in {site} aufbewahrt, Land {country}"
#       en: "repository {name} is kept at {site}, country {country}"
package nachweis.backup.location

import data.nachweis.lib.backup
import data.nachweis.lib.evidence
import data.nachweis.lib.location
import data.nachweis.lib.messages

_expected := messages.plain("expected")

results contains r if {
	some name, repo in backup.repositories
	site := trim_space(object.get(repo, "site", ""))
	v := _verdict(name, site)
	r := {
		"status": v.status,
		"resource": backup.resource(name, repo),
		"message": v.message,
		"expected": _expected,
		"measured": messages.msg("measured", {"site": _or_undeclared(site)}),
		"refs": evidence.ref(repo),
	}
}

_or_undeclared(site) := messages.msg("site", {"site": site}) if site != ""

else := messages.plain("not_declared")

_country(site) := upper(split(site, "-")[0]) if site != ""

else := ""

_verdict(name, site) := {
	"status": "no-evidence",
	"message": messages.msg("undeclared", {"name": name}),
} if {
	site == ""
} else := {
	"status": "no-evidence",
	"message": messages.plain("no_countries"),
} if {
	count(location.allowed) == 0
} else := {
	"status": "fail",
	"message": messages.msg("outside", {"name": name, "site": site, "country": _country(site)}),
} if {
	not _country(site) in location.allowed
} else := {
	"status": "pass",
	"message": messages.msg("pass", {"name": name, "site": site, "country": _country(site)}),
}

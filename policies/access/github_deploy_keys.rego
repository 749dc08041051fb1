# METADATA
# title: Deploy keys are read-only
# description: Every deploy key of every repository is listed with its repository, title and creation date. A deploy key with write access fails, since it can push to the repository without review unless rulesets restrict it; a provider that needs one records an accepted exception for it. A read-only key passes; a repository without deploy keys gives no result, an organisation without any gives one passing result. A key whose access was not recorded, and keys that were not collected, are missing evidence.
# custom:
#   id: GH-DEPLOY-01
#   severity: medium
#   measures: [TOM-ZGR-03]
#   requires: [github.deploy_keys]
#   title_de: Deploy-Keys haben nur Lesezugriff
#   description_de: Jeder Deploy-Key jedes Repositorys wird mit Repository, Titel und Erstellungsdatum aufgeführt. Ein Deploy-Key mit Schreibzugriff ist nicht erfüllt, weil er ohne Review in das Repository schreiben kann, sofern Regelsätze ihn nicht einschränken; braucht der Anbieter einen solchen Schlüssel, erfasst er dafür eine akzeptierte Ausnahme. Ein Schlüssel mit Lesezugriff ist erfüllt; eine Organisation ohne Deploy-Keys ergibt ein erfülltes Ergebnis. Ein Schlüssel ohne erfasste Zugriffsart und nicht erfasste Schlüssel gelten als fehlender Nachweis.
package nachweis.access.github_deploy_keys

import data.nachweis.lib.evidence
import data.nachweis.lib.github

_expected := "deploy keys read-only (read_only: true)"

results contains r if {
	some source, src in input.github
	r := github.missing_result(source, src, "deploy_keys", _expected)
}

results contains r if {
	some source, src in input.github
	not evidence.missing(src, "deploy_keys")
	count(object.get(src, "deploy_keys", [])) == 0
	r := {
		"status": "pass",
		"resource": github.resource(source),
		"message": sprintf("no repository of organisation %s has deploy keys", [github.org(source, src)]),
		"expected": _expected,
		"measured": "0 deploy keys",
		"refs": [],
	}
}

results contains r if {
	some source, src in input.github
	not evidence.missing(src, "deploy_keys")
	some k in src.deploy_keys
	v := _verdict(k)
	r := {
		"status": v.status,
		"resource": sprintf("%s/repository/%s/deploy-key/%d", [github.resource(source), k.repository, k.id]),
		"message": sprintf("deploy key %q of repository %s, created %s, %s", [k.title, k.repository, _created(k), v.access]),
		"expected": _expected,
		"measured": sprintf("read_only: %v", [k.read_only]),
		"refs": evidence.ref(k),
	}
}

_created(k) := substring(k.created_at, 0, 10) if {
	is_string(k.created_at)
	count(k.created_at) >= 10
} else := "on an unrecorded date"

_verdict(k) := {"status": "pass", "access": "is read-only"} if {
	k.read_only == true
} else := {"status": "fail", "access": "has write access"} if {
	k.read_only == false
} else := {"status": "no-evidence", "access": "has no recorded access (read_only not recorded)"}

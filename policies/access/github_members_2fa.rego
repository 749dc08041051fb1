# METADATA
# title: No GitHub organisation member without two-factor authentication
# description: No member of a GitHub organisation has two-factor authentication disabled; one failing result names each such member. GitHub lists these members to organisation owners only; when the list was not collected, the result is missing evidence, never a pass.
# custom:
#   id: GH-2FA-02
#   severity: critical
#   measures: [TOM-ZUG-01]
#   requires: [github.members_2fa_disabled]
#   title_de: Kein Mitglied der GitHub-Organisation ohne Zwei-Faktor-Authentisierung
#   description_de: Kein Mitglied einer GitHub-Organisation hat die Zwei-Faktor-Authentisierung deaktiviert; je betroffenem Mitglied gibt es ein nicht erfülltes Ergebnis. GitHub listet diese Mitglieder nur Organisationsinhabern; wurde die Liste nicht erfasst, gilt dies als fehlender Nachweis, nie als erfüllt.
package nachweis.access.github_members_2fa

import data.nachweis.lib.evidence
import data.nachweis.lib.github
import data.nachweis.lib.human

_expected := "0 members without 2FA"

results contains r if {
	some source, src in input.github
	r := github.missing_result(source, src, "members_2fa_disabled", _expected)
}

results contains r if {
	some source, src in input.github
	not evidence.missing(src, "members_2fa_disabled")
	not is_array(src.members_2fa_disabled)
	r := {
		"status": "no-evidence",
		"resource": github.resource(source),
		"message": sprintf("the members of organisation %s without 2FA were not listed: GitHub lists them to organisation owners only", [github.org(source, src)]),
		"expected": _expected,
		"measured": "not visible (null)",
		"refs": [],
	}
}

results contains r if {
	some source, src in input.github
	not evidence.missing(src, "members_2fa_disabled")
	src.members_2fa_disabled == []
	r := {
		"status": "pass",
		"resource": github.resource(source),
		"message": sprintf("organisation %s has 0 members without 2FA%s", [github.org(source, src), _of_members(src)]),
		"expected": _expected,
		"measured": "0 members without 2FA",
		"refs": [],
	}
}

results contains r if {
	some source, src in input.github
	not evidence.missing(src, "members_2fa_disabled")
	is_array(src.members_2fa_disabled)
	measured := sprintf("%s without 2FA: %s", [
		human.counted(count(src.members_2fa_disabled), "member", "members"),
		human.list([_login(x) | some x in src.members_2fa_disabled]),
	])
	some m in src.members_2fa_disabled
	login := _login(m)
	r := {
		"status": "fail",
		"resource": sprintf("%s/member/%s", [github.resource(source), login]),
		"message": sprintf("member %s of organisation %s has two-factor authentication disabled", [login, github.org(source, src)]),
		"expected": _expected,
		"measured": measured,
		"refs": evidence.ref(m),
	}
}

_of_members(src) := sprintf(" (of %d members)", [count(src.members)]) if is_array(src.members)

else := ""

_login(m) := m.login if is_string(m.login)

else := "(login not recorded)"

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
#   messages:
#     expected:
#       de: "0 Mitglieder ohne 2FA"
#       en: "0 members without 2FA"
#     not_listed:
#       de: "Die Mitglieder der Organisation {org} ohne 2FA wurden nicht aufgelistet: GitHub listet sie nur Inhabern der Organisation"
#       en: "the members of organisation {org} without 2FA were not listed: GitHub lists them to organisation owners only"
#     pass:
#       de: "Organisation {org} hat 0 Mitglieder ohne 2FA"
#       en: "organisation {org} has 0 members without 2FA"
#     pass_of:
#       de: "Organisation {org} hat 0 Mitglieder ohne 2FA (von {members:count:Mitglied:Mitgliedern})"
#       en: "organisation {org} has 0 members without 2FA (of {members:count:member:members})"
#     measured_none:
#       de: "0 Mitglieder ohne 2FA"
#       en: "0 members without 2FA"
#     measured:
#       de: "{count:count:Mitglied:Mitglieder} ohne 2FA: {logins:list}"
#       en: "{count:count:member:members} without 2FA: {logins:list}"
#     fail:
#       de: "Mitglied {login} der Organisation {org} hat die Zwei-Faktor-Authentisierung deaktiviert"
#       en: "member {login} of organisation {org} has two-factor authentication disabled"
#     login_not_recorded:
#       de: "(Login nicht erfasst)"
#       en: "(login not recorded)"
package nachweis.access.github_members_2fa

import data.nachweis.lib.evidence
import data.nachweis.lib.github
import data.nachweis.lib.messages

_expected := messages.plain("expected")

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
		"message": messages.msg("not_listed", {"org": github.org(source, src)}),
		"expected": _expected,
		"measured": messages.plain("not_visible"),
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
		"message": _pass(github.org(source, src), src),
		"expected": _expected,
		"measured": messages.plain("measured_none"),
		"refs": [],
	}
}

results contains r if {
	some source, src in input.github
	not evidence.missing(src, "members_2fa_disabled")
	is_array(src.members_2fa_disabled)
	measured := messages.msg("measured", {
		"count": count(src.members_2fa_disabled),
		"logins": [_login(x) | some x in src.members_2fa_disabled],
	})
	some m in src.members_2fa_disabled
	login := _login(m)
	r := {
		"status": "fail",
		"resource": sprintf("%s/member/%s", [github.resource(source), _login_key(m)]),
		"message": messages.msg("fail", {"login": login, "org": github.org(source, src)}),
		"expected": _expected,
		"measured": measured,
		"refs": evidence.ref(m),
	}
}

_pass(org, src) := messages.msg("pass_of", {"org": org, "members": count(src.members)}) if is_array(src.members)

else := messages.msg("pass", {"org": org})

_login(m) := m.login if is_string(m.login)

else := messages.plain("login_not_recorded")

# _login_key is the login as it appears in a resource name.
_login_key(m) := m.login if is_string(m.login)

else := "(login not recorded)"

# METADATA
# title: Backup repositories are encrypted
# description: Every backup repository reports that it is encrypted. A repository whose encryption state was not collected or is unknown is reported as missing evidence. Only modes the tool documents as encrypting count (borg repokey/keyfile modes, pgBackRest aes-256-cbc, restic always); a mode nachweis does not know is reported as missing evidence naming the mode.
# custom:
#   id: BAK-ENC-01
#   severity: high
#   measures: [TOM-VER-03]
#   requires: [backup.encryption]
#   title_de: Backup-Repositorys sind verschlüsselt
#   description_de: Jedes Backup-Repository meldet, dass es verschlüsselt ist. Ein Repository, dessen Verschlüsselungsstatus nicht erfasst wurde oder unbekannt ist, gilt als fehlender Nachweis. Es zählen nur Modi, die das Werkzeug als verschlüsselnd dokumentiert (borg repokey/keyfile, pgBackRest aes-256-cbc, restic immer); ein Modus, den nachweis nicht kennt, gilt als fehlender Nachweis und wird genannt.
#   messages:
#     expected:
#       de: "Repository verschlüsselt"
#       en: "repository encrypted"
#     unknown_mode:
#       de: "Repository {name}: Das Werkzeug meldet den Verschlüsselungsmodus „{mode}“, der nicht als verschlüsselnd bekannt ist; ob das Repository verschlüsselt ist, ist daher unbekannt"
#       en: "repository {name}: the tool reports encryption mode “{mode}”, which is not known to encrypt, so whether the repository is encrypted is unknown"
#     measured_unknown_mode:
#       de: "unbekannter Modus {mode}"
#       en: "unknown mode {mode}"
#     encryption_unknown:
#       de: "Repository {name}: Ob es verschlüsselt ist, ist unbekannt"
#       en: "repository {name}: whether it is encrypted is unknown"
#     encrypted:
#       de: "Repository {name} ist verschlüsselt ({mode:msg})"
#       en: "repository {name} is encrypted ({mode:msg})"
#     not_encrypted:
#       de: "Repository {name} ist nicht verschlüsselt ({mode:msg})"
#       en: "repository {name} is not encrypted ({mode:msg})"
#     measured_encrypted:
#       de: "verschlüsselt: {mode:msg}"
#       en: "encrypted: {mode:msg}"
#     measured_not_encrypted:
#       de: "nicht verschlüsselt: {mode:msg}"
#       en: "not encrypted: {mode:msg}"
#     mode:
#       de: "{mode}"
#       en: "{mode}"
#     mode_not_reported:
#       de: "Modus nicht gemeldet"
#       en: "mode not reported"
package nachweis.backup.encryption

import data.nachweis.lib.backup
import data.nachweis.lib.evidence
import data.nachweis.lib.messages

_expected := messages.plain("expected")

results contains r if {
	some name, repo in backup.repositories
	v := _verdict(name, repo)
	r := {
		"status": v.status,
		"resource": backup.resource(name, repo),
		"message": v.message,
		"expected": _expected,
		"measured": v.measured,
		"refs": array.concat(evidence.ref(repo), v.refs),
	}
}

_verdict(name, repo) := {
	"status": "no-evidence",
	"message": backup.not_assessable(backup.subject(name), evidence.reason(repo, "encryption")),
	"measured": messages.plain("unknown"),
	"refs": [],
} if {
	evidence.missing(repo, "encryption")
} else := {
	"status": "no-evidence",
	"message": messages.msg("unknown_mode", {"name": name, "mode": repo.encryption.mode}),
	"measured": messages.msg("measured_unknown_mode", {"mode": repo.encryption.mode}),
	"refs": evidence.ref(repo.encryption),
} if {
	# The projections decide by allow-lists of documented modes; any other
	# mode ("plaintext", "None") is null, never encryption.
	not is_boolean(object.get(repo, ["encryption", "encrypted"], null))
	is_string(repo.encryption.mode)
	repo.encryption.mode != ""
} else := {
	"status": "no-evidence",
	"message": messages.msg("encryption_unknown", {"name": name}),
	"measured": messages.plain("unknown"),
	"refs": [],
} if {
	not is_boolean(object.get(repo, ["encryption", "encrypted"], null))
} else := {
	"status": "pass",
	"message": messages.msg("encrypted", {"name": name, "mode": _mode(repo.encryption)}),
	"measured": messages.msg("measured_encrypted", {"mode": _mode(repo.encryption)}),
	"refs": evidence.ref(repo.encryption),
} if {
	repo.encryption.encrypted == true
} else := {
	"status": "fail",
	"message": messages.msg("not_encrypted", {"name": name, "mode": _mode(repo.encryption)}),
	"measured": messages.msg("measured_not_encrypted", {"mode": _mode(repo.encryption)}),
	"refs": evidence.ref(repo.encryption),
}

_mode(enc) := messages.msg("mode", {"mode": enc.mode}) if {
	is_string(enc.mode)
	enc.mode != ""
} else := messages.plain("mode_not_reported")

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
package nachweis.backup.encryption

import data.nachweis.lib.backup
import data.nachweis.lib.evidence

_expected := "repository encrypted"

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
	"message": sprintf("repository %s cannot be assessed: %s", [name, evidence.reason(repo, "encryption")]),
	"measured": "unknown",
	"refs": [],
} if {
	evidence.missing(repo, "encryption")
} else := {
	"status": "no-evidence",
	"message": sprintf("repository %s: the tool reports encryption mode %q, which is not known to encrypt, so whether the repository is encrypted is unknown", [name, repo.encryption.mode]),
	"measured": sprintf("unknown mode %s", [repo.encryption.mode]),
	"refs": evidence.ref(repo.encryption),
} if {
	# The projections decide by allow-lists of documented modes; any other
	# mode ("plaintext", "None") is null, never encryption.
	not is_boolean(object.get(repo, ["encryption", "encrypted"], null))
	is_string(repo.encryption.mode)
	repo.encryption.mode != ""
} else := {
	"status": "no-evidence",
	"message": sprintf("repository %s: whether it is encrypted is unknown", [name]),
	"measured": "unknown",
	"refs": [],
} if {
	not is_boolean(object.get(repo, ["encryption", "encrypted"], null))
} else := {
	"status": "pass",
	"message": sprintf("repository %s is encrypted (%s)", [name, _mode(repo.encryption)]),
	"measured": sprintf("encrypted: %s", [_mode(repo.encryption)]),
	"refs": evidence.ref(repo.encryption),
} if {
	repo.encryption.encrypted == true
} else := {
	"status": "fail",
	"message": sprintf("repository %s is not encrypted (%s)", [name, _mode(repo.encryption)]),
	"measured": sprintf("not encrypted: %s", [_mode(repo.encryption)]),
	"refs": evidence.ref(repo.encryption),
}

_mode(enc) := enc.mode if {
	is_string(enc.mode)
	enc.mode != ""
} else := "mode not reported"

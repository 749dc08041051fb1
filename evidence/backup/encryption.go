package backup

// Encryption modes are judged by allow-lists: a mode counts as encrypted
// only when the tool documents it as encrypting, as not encrypted when the
// tool documents it as plain or authenticated only, and as unknown (null,
// no-evidence) otherwise, so that a mode nachweis has never seen
// ("plaintext", "None", a future borg suite) is never taken for
// encryption.

// borgModes are the encryption modes borg reports in info --json and
// list --json (the key type's name): true for the modes that encrypt the
// repository, false for those that only authenticate or do nothing.
var borgModes = map[string]bool{
	// borg 1.x (borg init --encryption)
	"repokey":        true,
	"keyfile":        true,
	"repokey-blake2": true,
	"keyfile-blake2": true,
	// borg 2 (borg repo-create --encryption)
	"repokey-aes-ocb":                  true,
	"keyfile-aes-ocb":                  true,
	"repokey-chacha20-poly1305":        true,
	"keyfile-chacha20-poly1305":        true,
	"repokey-blake2-aes-ocb":           true,
	"keyfile-blake2-aes-ocb":           true,
	"repokey-blake2-chacha20-poly1305": true,
	"keyfile-blake2-chacha20-poly1305": true,
	"aes256-ocb":                       true,
	"chacha20-poly1305":                true,
	// no encryption: nothing, or an authentication hash only
	"none":                 false,
	"authenticated":        false,
	"authenticated-blake2": false,
	"authenticated-sha256": false,
	"authenticated-blake3": false,
	"none-sha256":          false,
	"none-blake3":          false,
}

// pgBackRestCiphers are pgBackRest's cipher-type values.
var pgBackRestCiphers = map[string]bool{
	"aes-256-cbc": true,
	"none":        false,
}

// encryptedBy looks mode up in an allow-list: a pointer to whether it
// encrypts, or nil when the mode is not known.
func encryptedBy(modes map[string]bool, mode string) *bool {
	v, ok := modes[mode]
	if !ok {
		return nil
	}
	return &v
}

// encrypted is a pointer to b, for modes that always encrypt.
func encrypted(b bool) *bool { return &b }

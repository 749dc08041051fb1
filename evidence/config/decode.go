package config

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/nachweis/nachweis/evidence/internal/yamlstrict"
)

// Error is a problem with the configuration file: where it is and what was
// expected. Its text is "<file>:<line>: <key path>: <message>", e.g.
// "nachweis.yaml:12: sources.restic[0].max_age: expected a duration like
// 26h, got "yesterday"". Path is the key path, empty for problems with
// the whole file. Messages quote at most the offending value and never
// the value of a secret-looking key.
type Error = yamlstrict.Error

// newDecoder returns the strict decoder for nachweis.yaml: durations with
// day suffixes, dates, texts (plain text in the file's language lang, ""
// when it declares none), and no literal secrets.
func newDecoder(file, lang string) *yamlstrict.Decoder {
	return &yamlstrict.Decoder{
		File: file,
		Noun: "key",
		Unit: "document",
		// Bounds the work of decoding one file, so that a file of nested
		// aliases ("billion laughs") cannot make the decoder run away.
		MaxNodes: 1_000_000,
		Unknown:  secretKey,
		Scalars: []yamlstrict.Scalar{
			yamlstrict.NewScalar("a duration like 26h or 7d", parseDuration),
			yamlstrict.Date,
			textScalar(lang),
		},
	}
}

// secretWords are key names (or key suffixes after "_") that hold a
// secret value rather than a reference to one.
var secretWords = []string{"password", "passphrase", "passwd", "token", "secret", "api_key", "apikey", "access_key", "secret_key", "private_key", "client_secret", "credentials", "cipher_pass"}

// secretKey gives the message for an unknown key that looks like a
// literal secret, naming the reference keys the mapping offers instead
// and not the value; "" for other unknown keys.
func secretKey(key string, keys []string) string {
	k := strings.ToLower(key)
	for _, w := range secretWords {
		if k == w || strings.HasSuffix(k, "_"+w) {
			return "a literal secret does not belong in the configuration; " + secretAdvice(keys) + " (the value is not shown)"
		}
	}
	return ""
}

// secretAdvice names the reference keys among keys.
func secretAdvice(keys []string) string {
	var refs []string
	for _, k := range keys {
		if strings.HasSuffix(k, "_file") || strings.HasSuffix(k, "_env") {
			refs = append(refs, k)
		}
	}
	switch len(refs) {
	case 0:
		return "keep it in a file or an environment variable and reference it with a *_file or *_env key of the source"
	case 1:
		return "reference it with " + refs[0] + " instead"
	default:
		return "reference it with " + strings.Join(refs[:len(refs)-1], ", ") + " or " + refs[len(refs)-1] + " instead"
	}
}

var dayDuration = regexp.MustCompile(`^([0-9]+)d(.*)$`)

// parseDuration parses a positive Go duration, also accepting a leading
// day count: "7d", "1d12h".
func parseDuration(s string) (time.Duration, bool) {
	var days time.Duration
	rest := s
	if m := dayDuration.FindStringSubmatch(s); m != nil {
		n, err := strconv.Atoi(m[1])
		if err != nil || n > 100_000 {
			return 0, false
		}
		days = time.Duration(n) * 24 * time.Hour
		rest = m[2]
		if strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "+") {
			return 0, false
		}
	}
	var d time.Duration
	if rest != "" {
		var err error
		if d, err = time.ParseDuration(rest); err != nil {
			return 0, false
		}
	}
	d += days
	if d <= 0 {
		return 0, false
	}
	return d, true
}

package backup

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/nachweis/nachweis/evidence"
)

// readSecret returns the secret named in o: the value of the environment
// variable SecretEnv, or the content of SecretFile without its final line
// break (restic and borg are given the file itself; pgBackRest, which
// cannot read one, the value). Either way the scrubber removes the
// secret, and every line of the file, from messages. Errors never contain
// the secret.
func readSecret(toolName string, o CollectOptions, getenv func(string) string) (string, scrubber, error) {
	switch {
	case o.SecretEnv != "":
		v := getenv(o.SecretEnv)
		if v == "" {
			if !evidence.ShowableEnvName(o.SecretEnv) {
				return "", nil, fmt.Errorf("the environment variable named in the configuration that should hold the %s secret is not set or empty (its name is not shown: it is not written like one)", toolName)
			}
			return "", nil, fmt.Errorf("the environment variable %s that should hold the %s secret is not set or empty", o.SecretEnv, toolName)
		}
		return v, newScrubber(v), nil
	case o.SecretFile != "":
		data, err := os.ReadFile(o.SecretFile)
		if err != nil {
			// The *PathError names the file and the cause only.
			return "", nil, fmt.Errorf("read the %s secret file: %w", toolName, err)
		}
		s := string(data)
		return strings.TrimRight(s, "\r\n"), newScrubber(append([]string{s, strings.TrimRight(s, "\r\n")}, strings.Split(s, "\n")...)...), nil
	}
	return "", nil, nil
}

// scrubber removes secrets from text.
type scrubber []string

func newScrubber(secrets ...string) scrubber {
	var s scrubber
	for _, v := range secrets {
		if v = strings.TrimSpace(v); v != "" {
			s = append(s, v)
		}
	}
	return s
}

// apply replaces every secret in msg with [redacted], longest first so
// that a secret containing another is removed whole, and then, as a
// second line of defence, credentials of a recognisable shape
// (evidence.ScrubCredentials).
func (s scrubber) apply(msg string) string {
	sorted := slices.Clone(s)
	slices.SortFunc(sorted, func(a, b string) int { return len(b) - len(a) })
	for _, v := range sorted {
		msg = strings.ReplaceAll(msg, v, evidence.Redacted)
	}
	return evidence.ScrubCredentials(msg)
}

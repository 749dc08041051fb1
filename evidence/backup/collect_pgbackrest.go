package backup

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nachweis/nachweis/evidence"
)

// CollectPgBackRest reads one pgBackRest stanza with
//
//	pgbackrest --stanza=<o.Stanza> [--config=<o.Config>] --output=json info
//
// which reports every repository of the stanza. pgBackRest runs with the
// environment CollectBorg describes (PATH, a temporary HOME, LANG), so
// PGBACKREST_* variables of the collector do not reach it, and with
// --log-level-file=off and --log-level-console=off --log-level-stderr=warn:
// it writes no log file, and stdout holds only the JSON. info takes no
// lock and writes nothing else.
//
// pgBackRest normally reads the cipher passes of encrypted repositories
// (repo<n>-cipher-pass) from its configuration file, which must then be
// readable by the collector. Instead, o.SecretFile or o.SecretEnv may hold
// one cipher pass; it is given to pgBackRest as
// PGBACKREST_REPO<n>_CIPHER_PASS for every key n in o.CipherRepos (repo1
// when empty). pgBackRest ignores it for an unencrypted repository, and it
// takes precedence over the configuration file.
//
// A failing run (pgbackrest missing, an unreadable configuration, a
// missing cipher pass, the timeout) or output in which no repository of
// the stanza is usable (a wrong stanza: status 1, "missing stanza path";
// an unreadable repository or a wrong cipher pass: status 99) makes the
// source an error with pgBackRest's message, the secret removed, and
// nothing is collected. When only some repositories are unusable the
// output is kept, and the projection reports those repositories as
// without evidence (see pgUsable). An error is returned only without a
// clock or when ctx ends.
func CollectPgBackRest(ctx context.Context, o CollectOptions) (evidence.SourceData, error) {
	args := []string{"--stanza=" + o.Stanza}
	if o.Config != "" {
		args = append(args, "--config="+o.Config)
	}
	args = append(args, "--output=json", "--log-level-console=off", "--log-level-stderr=warn", "--log-level-file=off", "info")
	t := tool{
		name:   ToolPgBackRest,
		target: "stanza " + o.Stanza,
		env: func(o CollectOptions, secret string) []string {
			if secret == "" {
				return nil
			}
			keys := o.CipherRepos
			if len(keys) == 0 {
				keys = []int{1}
			}
			keys = slices.Clone(keys)
			slices.Sort(keys)
			var env []string
			for _, k := range slices.Compact(keys) {
				env = append(env, fmt.Sprintf("PGBACKREST_REPO%d_CIPHER_PASS=%s", k, secret))
			}
			return env
		},
		steps: []step{{
			what: "pgbackrest info", args: args, kind: KindPgBackRestInfo, origin: "info.json", key: KeySnapshots,
			output: func(stdout, _ []byte, err error) ([]byte, bool) {
				if err != nil {
					return nil, false
				}
				return pgEscapeJSON(stdout), true
			},
			verify: func(data []byte) string { return pgVerifyInfo(data, o.Stanza) },
		}},
	}
	return collect(ctx, t, o)
}

// pgVerifyInfo returns why pgbackrest info output holds no evidence of the
// stanza, or "": it is not pgbackrest info JSON, does not report the
// stanza, or none of the stanza's repositories is usable.
func pgVerifyInfo(data []byte, stanza string) string {
	var stanzas []pgStanza
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&stanzas); err != nil {
		return fmt.Sprintf("output is not pgbackrest info --output=json: %v", err)
	}
	i := slices.IndexFunc(stanzas, func(s pgStanza) bool { return s.Name == stanza })
	if i < 0 {
		return "the output does not report the stanza"
	}
	st := stanzas[i]
	if len(st.Repo) == 0 {
		if pgUsable(st.status()) {
			return ""
		}
		return "no usable repository: " + pgStatusText(st.status())
	}
	var why []string
	missing := true
	for _, r := range st.Repo {
		status := st.status()
		if r.Status != nil {
			status = *r.Status
		}
		if pgUsable(status) {
			return ""
		}
		missing = missing && status.Code.String() == pgStatusMissing
		why = append(why, "repo"+r.Key.String()+" "+pgStatusText(status))
	}
	if missing {
		return "the stanza exists in no repository (check the stanza name and the configuration): " + strings.Join(why, "; ")
	}
	return "no usable repository: " + strings.Join(why, "; ")
}

// pgEscapeJSON makes pgbackrest info output valid JSON. pgBackRest (2.45)
// copies the bytes of a file it could not parse, e.g. backup.info
// decrypted with a wrong cipher pass, into the status message without
// escaping control characters, which JSON forbids in strings. Inside
// strings, such bytes become \u00XX escapes and invalid UTF-8 becomes
// U+FFFD; everything else, valid output in particular, stays as it is.
func pgEscapeJSON(b []byte) []byte {
	var out []byte // nil while nothing needed repair
	inString, escaped := false, false
	for i := 0; i < len(b); {
		c := b[i]
		var repl []byte
		size := 1
		switch {
		case !inString:
			inString = c == '"'
		case escaped:
			escaped = false
		case c == '\\':
			escaped = true
		case c == '"':
			inString = false
		case c < 0x20:
			repl = fmt.Appendf(nil, `\u%04x`, c)
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(b[i:])
			size = n
			if r == utf8.RuneError && n == 1 {
				repl = []byte(`\ufffd`)
			}
		}
		if repl != nil && out == nil {
			out = append(make([]byte, 0, len(b)+16), b[:i]...)
		}
		switch {
		case repl != nil:
			out = append(out, repl...)
		case out != nil:
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	if out == nil {
		return b
	}
	return out
}

// Status codes of pgbackrest info (src/command/info/info.c).
const (
	pgStatusOK       = 0
	pgStatusNoBackup = 2
	// pgStatusMissing is "missing stanza path".
	pgStatusMissing = "1"
)

// pgUsable reports whether pgBackRest could read a repository of the
// stanza: status 0 (ok) or 2 (no valid backups, which is evidence that
// there are none). Every other status (1 missing stanza path, 3 missing
// stanza data, 99 other: unreadable, a wrong cipher pass) means the
// repository's backups are unknown.
func pgUsable(s pgStatus) bool {
	code, err := strconv.Atoi(s.Code.String())
	return err == nil && (code == pgStatusOK || code == pgStatusNoBackup)
}

// pgStatusText is a status as one line: "status 99 (…)".
func pgStatusText(s pgStatus) string {
	return fmt.Sprintf("status %s (%s)", s.Code.String(), oneLine(s.Message))
}

// pgUnparsable matches pgBackRest's message about a line of a file it
// cannot parse; the rest of the line is that line's content.
var pgUnparsable = regexp.MustCompile(`^(.*found outside of section at line [0-9]+:).*$`)

// oneLine joins the distinct lines of a multi-line message with "; ".
// The content pgBackRest quotes from a file it cannot parse is left out:
// for a file decrypted with a wrong cipher pass it is random bytes (see
// pgEscapeJSON). Control characters are dropped.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r >= 0x20 && r != 0x7f && r != utf8.RuneError {
			return r
		}
		return -1
	}, s)
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(pgUnparsable.ReplaceAllString(l, "$1"))
		if l != "" && !slices.Contains(lines, l) {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "; ")
}

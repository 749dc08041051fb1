package printable

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// String returns s, a key, path, pointer or name from evidence or
// configuration, for a message of one line: control characters (C0, DEL,
// C1), line and paragraph separators, bidirectional controls and bytes
// that are not UTF-8 are written as %XX, the way a URI fragment writes a
// JSON pointer (RFC 6901, section 6). A message quoting a key such as "\r" or
// "\x1b[2J" stays one line and cannot steer a terminal.
func String(s string) string {
	clean := true
	for _, r := range s {
		if !printable(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if printable(r) && !(r == utf8.RuneError && n == 1) {
			b.WriteString(s[i : i+n])
		} else {
			for _, c := range []byte(s[i : i+n]) {
				fmt.Fprintf(&b, "%%%02X", c)
			}
		}
		i += n
	}
	return b.String()
}

// printable reports whether r may appear in a one-line message as it is.
func printable(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r < 0xa0, r == utf8.RuneError:
		return false
	case r == 0x2028, r == 0x2029, r == 0x061c, r == 0x200e, r == 0x200f:
		return false
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return false
	}
	return true
}

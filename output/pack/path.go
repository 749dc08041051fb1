package pack

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxPathLength bounds the length of a path inside a pack.
const MaxPathLength = 1024

// checkPath reports why p is not a valid path of a file in a pack, or ""
// when it is: a relative, clean, slash-separated path of valid UTF-8
// without control characters or backslashes, whose elements are neither
// empty, "." nor "..", that does not start with a drive letter, and that
// is not a directory (no trailing slash).
func checkPath(p string) string {
	switch {
	case p == "":
		return "empty path"
	case len(p) > MaxPathLength:
		return fmt.Sprintf("path longer than %d bytes", MaxPathLength)
	case !utf8.ValidString(p):
		return "path is not valid UTF-8"
	case strings.HasPrefix(p, "/"):
		return "absolute path"
	case strings.HasSuffix(p, "/"):
		return "directory entry (a pack holds files only)"
	case strings.Contains(p, `\`):
		return "backslash in path"
	case len(p) >= 2 && p[1] == ':' && (p[0] >= 'A' && p[0] <= 'Z' || p[0] >= 'a' && p[0] <= 'z'):
		return "path starts with a drive letter"
	}
	for _, r := range p {
		if unicode.IsControl(r) {
			return "control character in path"
		}
	}
	for _, el := range strings.Split(p, "/") {
		switch el {
		case "":
			return "empty path element (//)"
		case ".":
			return `"." in path`
		case "..":
			return `".." in path: it would leave the pack`
		}
	}
	return ""
}

// foldKey is the key under which two paths collide on a case-insensitive
// file system.
func foldKey(p string) string { return strings.ToLower(p) }

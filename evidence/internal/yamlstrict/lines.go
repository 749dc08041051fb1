package yamlstrict

import "strings"

// Lines maps the key paths a Decoder visited to their lines: the line of
// the key for a mapping entry, of the element for a list element, and of
// the top node for "".
type Lines map[string]int

// Line returns the line of path, or of its nearest recorded parent when
// the key itself is missing (a required key not given), or of the top
// node; 1 when nothing was recorded.
func (l Lines) Line(path string) int {
	for p := path; p != ""; p = parent(p) {
		if n, ok := l[p]; ok {
			return n
		}
	}
	if n, ok := l[""]; ok {
		return n
	}
	return 1
}

// parent strips the last segment of a key path: a.b[2] → a.b, a.b → a.
func parent(p string) string {
	if strings.HasSuffix(p, "]") {
		if i := strings.LastIndexByte(p, '['); i >= 0 {
			return p[:i]
		}
	}
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		return p[:i]
	}
	return ""
}

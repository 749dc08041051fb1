package templates

import "strings"

// inlineSpecial are the characters that can start Markdown inline syntax
// anywhere in a line (emphasis, code, links, HTML, tables, strikethrough).
const inlineSpecial = "\\`*_[]<>|~"

// Escape escapes s for inline Markdown, so that evidence values (resource
// names with underscores, messages with asterisks) are printed as they are.
// Characters that only matter at the start of a line (#, -, +, >, "1.")
// are escaped there.
func Escape(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	lineStart := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case strings.IndexByte(inlineSpecial, c) >= 0:
			b.WriteByte('\\')
		case lineStart && (c == '#' || c == '-' || c == '+' || c == '='):
			b.WriteByte('\\')
		case lineStart && c >= '0' && c <= '9':
			// "1." or "1)" at the start of a line would begin a list.
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			b.WriteString(s[i:j])
			if j < len(s) && (s[j] == '.' || s[j] == ')') {
				b.WriteByte('\\')
			}
			i = j - 1
			lineStart = false
			continue
		}
		b.WriteByte(c)
		lineStart = c == '\n'
	}
	return b.String()
}

// Cell escapes s for one cell of a Markdown table: line breaks become
// spaces, so a cell never ends the row, and an empty value becomes "–".
func Cell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "–"
	}
	return Escape(s)
}

package templates

import (
	"strings"
	"unicode"
)

// inlineSpecial are the characters that can start Markdown inline syntax
// anywhere in a line (emphasis, code, links, HTML, tables, strikethrough)
// and "@", which would make an e-mail address a link (GFM autolinks).
const inlineSpecial = "\\`*_[]<>|~@"

// Escape escapes s for inline Markdown, so that evidence values (resource
// names with underscores, messages with asterisks, "<script>", "[a](b)")
// are printed as they are and never become formatting, HTML or links.
// Characters that only matter at the start of a line (#, -, +, =, "1.")
// are escaped there, and s is taken to start a line. Line breaks are kept.
func Escape(s string) string { return escape(s, true) }

// escape escapes s; lineStart says whether s starts a line of the output.
func escape(s string, lineStart bool) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if lineStart && (c == ' ' || c == '\t') {
			// Indentation: the next character still starts the line.
			b.WriteByte(c)
			continue
		}
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
		case c == ':' && strings.HasPrefix(s[i+1:], "//"):
			// "https://…" would become a link (GFM autolinks).
			b.WriteByte('\\')
		case c == '.' && i >= 3 && strings.EqualFold(s[i-3:i], "www") && (i == 3 || !isWordByte(s[i-4])):
			// So would "www.…".
			b.WriteByte('\\')
		}
		b.WriteByte(c)
		lineStart = c == '\n' || c == '\r'
	}
	return b.String()
}

func isWordByte(c byte) bool {
	return c == '_' || c == '-' || c >= 0x80 || unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c))
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

// oneLine replaces every line break in s, with the spaces around it, by
// one space.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	var b strings.Builder
	for i, line := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if i > 0 && b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(line)
	}
	return b.String()
}

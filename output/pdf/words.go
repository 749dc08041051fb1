package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A paragraph is broken into lines at spaces, and inside a word only at
// the places wordBreaks finds. words cuts runs into the units that line
// breaking places: text between breakable spaces, where a space that must
// not break ("Art. 32", "99,50 %") is turned into a no-break space first.

// nbsp is the no-break space: a space the line breaker never breaks at.
const nbsp = '\u00a0'

// token is a word (one or more runs, since emphasis may change inside a
// word) and what follows it: a space, a hard line break or nothing.
type token struct {
	frags []run
	after byte // ' ', '\n' or 0 at the end
}

// words cuts runs into tokens: glued spaces become no-break spaces and
// hashes are set in the mono face.
func words(runs []run) []token {
	runs = withoutSoftHyphens(runs)
	var all strings.Builder
	for _, rn := range runs {
		all.WriteString(rn.text)
	}
	text := all.String()
	glued := glueSpaces(text)
	var toks []token
	var cur []run
	pos := 0 // offset of the current run in text
	for _, rn := range runs {
		s := rn.text
		start := 0
		var frag strings.Builder
		emit := func(end int) {
			frag.WriteString(s[start:end])
			if frag.Len() > 0 {
				f := rn
				f.text = frag.String()
				cur = append(cur, f)
			}
			frag.Reset()
		}
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c != ' ' && c != '\n' && c != '\t' {
				continue
			}
			if c != '\n' && glued[pos+i] {
				frag.WriteString(s[start:i])
				frag.WriteRune(nbsp)
				start = i + 1
				continue
			}
			emit(i)
			start = i + 1
			after := byte(' ')
			if c == '\n' {
				after = '\n'
			}
			toks = append(toks, token{frags: markHashes(cur), after: after})
			cur = nil
		}
		emit(len(s))
		pos += len(s)
	}
	if len(cur) > 0 {
		toks = append(toks, token{frags: markHashes(cur)})
	}
	return toks
}

// withoutSoftHyphens drops the soft hyphens of the text: they are
// invisible, and the layout hyphenates by its patterns and draws its own.
func withoutSoftHyphens(runs []run) []run {
	var out []run
	for i, rn := range runs {
		if !strings.Contains(rn.text, softHyphen) {
			continue
		}
		if out == nil {
			out = append([]run(nil), runs...)
		}
		out[i].text = strings.ReplaceAll(rn.text, softHyphen, "")
	}
	if out == nil {
		return runs
	}
	return out
}

// glueSpaces marks the spaces of text (by byte offset) that must not
// break a line: after an abbreviation that introduces a number or letter
// ("Art. 32", "Abs. 1", "lit. b", "§ 147", "Anhang B"), between a number
// and its unit ("26 Std.", "99,50 %", "12 €") and inside "z. B.".
func glueSpaces(text string) map[int]bool {
	var glued map[int]bool
	for i := 0; i < len(text); i++ {
		if text[i] != ' ' {
			continue
		}
		prev := text[:i]
		if j := strings.LastIndexAny(prev, " \n\t"); j >= 0 {
			prev = prev[j+1:]
		}
		next := text[i+1:]
		if j := strings.IndexAny(next, " \n\t"); j >= 0 {
			next = next[:j]
		}
		if prev == "" || next == "" || !glue(prev, next) {
			continue
		}
		if glued == nil {
			glued = map[int]bool{}
		}
		glued[i] = true
	}
	return glued
}

// introducers are words after which a number or a single letter stays on
// the same line.
var introducers = map[string]bool{
	"Art.": true, "Artt.": true, "Art": true, "Abs.": true, "lit.": true, "Buchst.": true,
	"Nr.": true, "Nrn.": true, "S.": true, "Satz": true, "UAbs.": true, "Unterabs.": true,
	"Ziff.": true, "Kap.": true, "Anh.": true, "Anl.": true, "§": true, "§§": true,
	"Anhang": true, "Anlage": true, "Abschnitt": true, "Kapitel": true, "Seite": true,
	"Article": true, "Articles": true, "para.": true, "paras.": true, "No.": true, "no.": true,
	"p.": true, "pp.": true, "ch.": true, "Annex": true, "Section": true, "Chapter": true,
	"Page": true, "ISO": true, "ISO/IEC": true,
}

// units are words that stay on the line of the number before them.
var units = map[string]bool{
	"%": true, "‰": true, "€": true, "EUR": true, "Std.": true, "h": true, "min": true,
	"Min.": true, "s": true, "ms": true, "d": true, "Tag": true, "Tage": true, "Tagen": true,
	"Stunde": true, "Stunden": true, "Minuten": true, "Woche": true, "Wochen": true,
	"Monat": true, "Monate": true, "Monaten": true, "Jahr": true, "Jahre": true, "Jahren": true,
	"day": true, "days": true, "hour": true, "hours": true, "minutes": true, "week": true,
	"weeks": true, "month": true, "months": true, "year": true, "years": true,
	"B": true, "KB": true, "kB": true, "KiB": true, "MB": true, "MiB": true, "GB": true,
	"GiB": true, "TB": true, "TiB": true, "Uhr": true, "UTC": true,
}

// zones are time zone names after a time.
var zones = map[string]bool{"(MEZ)": true, "(MESZ)": true, "(CET)": true, "(CEST)": true, "(UTC)": true, "UTC": true, "CET": true, "CEST": true, "MEZ": true, "MESZ": true}

func isZone(s string) bool { return zones[strings.TrimRight(s, ".,;:")] }

func glue(prev, next string) bool {
	core := strings.TrimRight(next, ".,;:)]!?“”\"’")
	prevCore := strings.TrimLeft(prev, "(„“\"[")
	switch {
	case introducers[prevCore]:
		return startsWithDigit(next) || isSingleLetter(core)
	case isNumber(prevCore):
		return units[core] || units[next] || isZone(next)
	case isLetterDot(prevCore) && isLetterDot(next):
		return true // z. B., d. h., i. d. R.
	case prevCore == "Uhr":
		return isZone(next) // 20:00 Uhr (MEZ)
	}
	return false
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

func isSingleLetter(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return n == len(s) && unicode.IsLetter(r)
}

// isNumber reports digits with decimal and group separators: 26, 99,50,
// 1.000, 19:00.
func isNumber(s string) bool {
	if !startsWithDigit(s) {
		return false
	}
	for _, c := range s {
		if (c < '0' || c > '9') && c != ',' && c != '.' && c != ':' {
			return false
		}
	}
	return true
}

// isLetterDot reports an abbreviation of one letter: "z.", "B.".
func isLetterDot(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return n+1 == len(s) && s[n] == '.' && unicode.IsLetter(r)
}

// hashLen is the length of the hex digests the documents print: SHA-256.
const hashLen = 64

// hashGroup is how many hex digits of a hash stay together: a hash is
// broken only between groups, counted from its first digit, so that it
// wraps the same way wherever it is printed.
const hashGroup = 8

// markHashes sets every SHA-256 hex digest in a word (with its "sha256:"
// prefix) in the mono face, splitting fragments around it.
func markHashes(frags []run) []run {
	var out []run
	for _, f := range frags {
		if f.code || len(f.text) < hashLen {
			out = append(out, f)
			continue
		}
		s := f.text
		for s != "" {
			i, j := findHash(s)
			if i < 0 {
				break
			}
			if i > 0 {
				g := f
				g.text = s[:i]
				out = append(out, g)
			}
			g := f
			g.text, g.hash, g.st = s[i:j], true, mono
			out = append(out, g)
			s = s[j:]
		}
		if s != "" {
			g := f
			g.text = s
			out = append(out, g)
		}
	}
	return out
}

// findHash returns the bounds of the first hex digest of hashLen digits
// in s (with a "sha256:" prefix if there is one), or -1.
func findHash(s string) (int, int) {
	run := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && isHex(s[i]) {
			run++
			continue
		}
		if run == hashLen && (i-run == 0 || !isAlnum(s[i-run-1])) && (i == len(s) || !isAlnum(s[i])) {
			start := i - run
			if strings.HasSuffix(s[:start], "sha256:") {
				start -= len("sha256:")
			}
			return start, i
		}
		run = 0
	}
	return -1, -1
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func isAlnum(c byte) bool {
	return isHex(c) || c >= 'g' && c <= 'z' || c >= 'G' && c <= 'Z' || c == '_'
}

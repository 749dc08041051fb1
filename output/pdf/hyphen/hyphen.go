package hyphen

import (
	"embed"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

//go:embed patterns/dehyphn-x-2022-03-16.pat patterns/hyph-en-us.tex
var patternFiles embed.FS

// language is a pattern file and the shortest fragments a break may leave
// before and after it (TeX's \lefthyphenmin and \righthyphenmin).
type language struct {
	file        string
	left, right int
}

var languages = map[string]language{
	// The file's own typesetting minimum is 2/2; a fragment of two letters
	// at the start of a line ("ab-" … "es") reads badly, so three are kept
	// on the right, as Duden recommends for narrow columns.
	"de": {file: "patterns/dehyphn-x-2022-03-16.pat", left: 2, right: 3},
	"en": {file: "patterns/hyph-en-us.tex", left: 2, right: 3},
}

// Hyphenator finds the break points of words of one language. It is safe
// for concurrent use.
type Hyphenator struct {
	left, right int
	// patterns maps the letters of a pattern (with "." for a word edge)
	// to its inter-letter values: values[i] is the value before letter i.
	// Every proper prefix of a pattern is a key too, with nil values, so
	// that the search from a letter stops as soon as no pattern can match.
	patterns map[string][]byte
	maxLen   int // longest pattern, in runes
	// exceptions maps a lower-case word to its break points (rune counts),
	// from the file's \hyphenation list.
	exceptions map[string][]int

	cache  sync.Map // word → []int
	cached atomic.Int64
}

// maxWordLen is the longest word (in bytes) that is hyphenated:
// "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz" has 65.
const maxWordLen = 96

// maxCached bounds the cache: documents use a few thousand distinct words,
// and a flood of distinct names must not grow memory without end.
const maxCached = 1 << 16

var (
	loadOnce sync.Map // lang → *loader
)

type loader struct {
	once sync.Once
	h    *Hyphenator
	err  error
}

// For returns the hyphenator of a language ("de" or "en"), parsing its
// pattern file on first use.
func For(lang string) (*Hyphenator, error) {
	l, ok := languages[lang]
	if !ok {
		return nil, fmt.Errorf("hyphenation: no patterns for language %q", lang)
	}
	v, _ := loadOnce.LoadOrStore(lang, &loader{})
	ld := v.(*loader)
	ld.once.Do(func() {
		raw, err := patternFiles.ReadFile(l.file)
		if err != nil {
			ld.err = fmt.Errorf("hyphenation %s: %w", lang, err)
			return
		}
		ld.h, ld.err = Parse(string(raw), l.left, l.right)
		if ld.err != nil {
			ld.err = fmt.Errorf("hyphenation %s: %s: %w", lang, l.file, ld.err)
		}
	})
	return ld.h, ld.err
}

// Parse reads a TeX pattern file: the tokens of \patterns{…} and of an
// optional \hyphenation{…} exception list; "%" starts a comment. left and
// right are the shortest fragments a break may leave.
func Parse(src string, left, right int) (*Hyphenator, error) {
	h := &Hyphenator{
		left: max(left, 1), right: max(right, 1),
		patterns:   map[string][]byte{},
		exceptions: map[string][]int{},
	}
	var body strings.Builder
	for _, ln := range strings.Split(src, "\n") {
		if i := strings.IndexByte(ln, '%'); i >= 0 {
			ln = ln[:i]
		}
		body.WriteString(ln)
		body.WriteByte('\n')
	}
	text := body.String()
	seen := false
	for _, cmd := range []string{`\patterns{`, `\hyphenation{`} {
		i := strings.Index(text, cmd)
		if i < 0 {
			continue
		}
		rest := text[i+len(cmd):]
		end := strings.IndexByte(rest, '}')
		if end < 0 {
			return nil, fmt.Errorf("%s has no closing brace", cmd[:len(cmd)-1])
		}
		for _, tok := range strings.Fields(rest[:end]) {
			var err error
			if cmd == `\patterns{` {
				err = h.addPattern(tok)
				seen = true
			} else {
				err = h.addException(tok)
			}
			if err != nil {
				return nil, err
			}
		}
	}
	if !seen || len(h.patterns) == 0 {
		return nil, fmt.Errorf(`no \patterns`)
	}
	return h, nil
}

// addPattern adds a pattern such as ".ab3a" or "4zo.": letters with the
// value of the gap before them; digits stand between letters.
func (h *Hyphenator) addPattern(tok string) error {
	var letters strings.Builder
	values := []byte{0}
	n := 0
	for _, r := range tok {
		switch {
		case r >= '0' && r <= '9':
			values[len(values)-1] = byte(r - '0')
		case r == '.' || unicode.IsLetter(r):
			letters.WriteRune(unicode.ToLower(r))
			values = append(values, 0)
			n++
		default:
			return fmt.Errorf("pattern %q: unexpected %q", tok, r)
		}
	}
	if n == 0 {
		return fmt.Errorf("pattern %q has no letters", tok)
	}
	key := letters.String()
	if v := h.patterns[key]; v != nil {
		return fmt.Errorf("pattern %q: letters %q appear twice", tok, key)
	}
	h.patterns[key] = values
	for i := range key {
		if _, ok := h.patterns[key[:i]]; !ok && i > 0 {
			h.patterns[key[:i]] = nil
		}
	}
	h.maxLen = max(h.maxLen, n)
	return nil
}

// addException adds a hand-hyphenated word such as "ma-nu-script".
func (h *Hyphenator) addException(tok string) error {
	var word strings.Builder
	var points []int
	n := 0
	for _, r := range tok {
		if r == '-' {
			points = append(points, n)
			continue
		}
		if !unicode.IsLetter(r) {
			return fmt.Errorf("exception %q: unexpected %q", tok, r)
		}
		word.WriteRune(unicode.ToLower(r))
		n++
	}
	h.exceptions[word.String()] = points
	return nil
}

// Points returns the byte offsets in word where it may be broken with a
// hyphen, in increasing order. word must consist of letters only (a part
// of a compound, without its hyphens); anything else, a word in capitals
// (an abbreviation such as DSGVO) and a name with a capital inside
// (GitHub) give no points.
func (h *Hyphenator) Points(word string) []int {
	if len(word) > maxWordLen {
		// No word of a language is this long; a token from evidence may
		// be, and must neither cost time nor fill the cache.
		return nil
	}
	if v, ok := h.cache.Load(word); ok {
		return v.([]int)
	}
	p := h.points(word)
	if h.cached.Load() < maxCached {
		if _, loaded := h.cache.LoadOrStore(word, p); !loaded {
			h.cached.Add(1)
		}
	}
	return p
}

func (h *Hyphenator) points(word string) []int {
	n := utf8.RuneCountInString(word)
	if n < h.left+h.right {
		return nil
	}
	upper := 0
	var lower strings.Builder
	lower.Grow(len(word) + 2)
	lower.WriteByte('.')
	offsets := make([]int, 0, n+1) // byte offset of each rune in word
	for i, r := range word {
		if !unicode.IsLetter(r) {
			return nil
		}
		if unicode.IsUpper(r) {
			upper++
			if i > 0 {
				upper++ // a capital inside: GitHub, iPhone
			}
		}
		offsets = append(offsets, i)
		lower.WriteRune(unicode.ToLower(r))
	}
	offsets = append(offsets, len(word))
	if upper > 1 {
		// DSGVO, GitHub, iPhone: abbreviations and names are not broken.
		return nil
	}
	lower.WriteByte('.')
	w := lower.String()
	var breaks []int // rune counts before each break
	if ex, ok := h.exceptions[w[1:len(w)-1]]; ok {
		breaks = ex
	} else {
		// starts[i] is the byte offset of rune i in w (n+2 runes).
		starts := make([]int, 0, n+3)
		for i := range w {
			starts = append(starts, i)
		}
		starts = append(starts, len(w))
		values := make([]byte, n+3)
		for i := 0; i < n+2; i++ {
			for l := 1; l <= h.maxLen && i+l <= n+2; l++ {
				v, ok := h.patterns[w[starts[i]:starts[i+l]]]
				if !ok {
					break // no pattern starts with these letters
				}
				for k, d := range v {
					if d > values[i+k] {
						values[i+k] = d
					}
				}
			}
		}
		// values[j+1] is the gap before letter j of word (after the dot).
		for j := 1; j < n; j++ {
			if values[j+1]%2 == 1 {
				breaks = append(breaks, j)
			}
		}
	}
	var out []int
	for _, j := range breaks {
		if j >= h.left && n-j >= h.right {
			out = append(out, offsets[j])
		}
	}
	return out
}

// Hyphenate returns word with sep at every break point (for tests and for
// reading the patterns' decisions).
func (h *Hyphenator) Hyphenate(word, sep string) string {
	var b strings.Builder
	last := 0
	for _, p := range h.Points(word) {
		b.WriteString(word[last:p])
		b.WriteString(sep)
		last = p
	}
	b.WriteString(word[last:])
	return b.String()
}

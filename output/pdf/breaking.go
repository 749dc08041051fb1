package pdf

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nachweis/nachweis/output/pdf/hyphen"
)

// opp is a place inside a word where a line may end.
type opp struct {
	at     int  // byte offset in the word's text
	hyphen bool // the line then ends with an added hyphen
	// glue: a no-break space at at, used only when the glued phrase is
	// wider than a whole line; the space itself is dropped.
	glue bool
}

// wordBreaks returns where a word (its fragments joined) may be broken,
// in increasing order, and whether it is natural language:
//
//   - a SHA-256 digest only between groups of hashGroup digits, and after
//     its "sha256:" prefix, never with a hyphen;
//   - a name, path, URL, identifier or code (anything with a digit, one
//     of / _ : @ = # & ?, a dot inside, or a word in lower case with
//     hyphens, such as acme-prod) of minBrokenName characters or more
//     after its separators and before its hyphens and dots, never with an
//     added hyphen, so that the name reads as it is; numbers and dates
//     not at all;
//   - a word of natural language after a hyphen or slash it has, and
//     inside its parts where the hyphenation patterns allow (hy, if not
//     nil), with a hyphen.
//
// Parts joined by a no-break space ("Art. 32") are never broken at that
// space or next to it.
func wordBreaks(frags []run, hy *hyphen.Hyphenator) (ops []opp, natural bool) {
	natural = true
	var b strings.Builder
	type span struct{ from, to int }
	var hashes []span
	for _, f := range frags {
		start := b.Len()
		b.WriteString(f.text)
		switch {
		case f.hash:
			hashes = append(hashes, span{start, b.Len()})
			natural = false
		case f.code:
			natural = false
		}
	}
	text := b.String()
	code := !natural
	add := func(at int, hyph bool) {
		if at > 0 && at < len(text) && (len(ops) == 0 || ops[len(ops)-1].at < at) {
			ops = append(ops, opp{at: at, hyphen: hyph})
		}
	}
	inHash := func(i int) bool {
		for _, h := range hashes {
			if i >= h.from && i < h.to {
				return true
			}
		}
		return false
	}
	// Sub-words between no-break spaces, and hashes, are analysed alone.
	from := 0
	for from < len(text) {
		if inHash(from) {
			for _, h := range hashes {
				if h.from != from {
					continue
				}
				hex := h.from
				if strings.HasPrefix(text[hex:h.to], "sha256:") {
					hex += len("sha256:")
					add(hex, false)
				}
				for k := hex + hashGroup; k < h.to; k += hashGroup {
					add(k, false)
				}
				from = h.to
			}
			continue
		}
		to := from
		for to < len(text) && !inHash(to) {
			r, n := utf8.DecodeRuneInString(text[to:])
			if r == nbsp {
				break
			}
			to += n
		}
		if to > from {
			sub := text[from:to]
			if code || isIdentifier(sub) {
				natural = false
				if !isNumeric(sub) && utf8.RuneCountInString(sub) >= minBrokenName {
					for _, at := range identifierBreaks(sub) {
						add(from+at, false)
					}
				}
			} else {
				for _, o := range naturalBreaks(sub, hy) {
					add(from+o.at, o.hyphen)
				}
			}
		}
		if to < len(text) && !inHash(to) {
			_, n := utf8.DecodeRuneInString(text[to:]) // the no-break space
			if to > 0 && (len(ops) == 0 || ops[len(ops)-1].at < to) {
				ops = append(ops, opp{at: to, glue: true})
			}
			to += n
		}
		from = to
	}
	return ops, natural
}

// minBrokenName is the length from which a name is broken at its
// separators: shorter ones (TOM-ZGR-07, BAK-OFFSITE-01, EV-38df81b8-0040,
// acme-prod) stay whole unless a column is narrower than they are.
const minBrokenName = 20

// isNumeric reports numbers, dates, times, timestamps and versions
// (23.11.2026, 20:00, 2026-11-23T14:24:00Z, v1.33.7): they are never
// broken.
func isNumeric(s string) bool {
	digits, others := 0, 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(".,:/-+%()", r):
		case r == 'v' || r == 'T' || r == 'Z':
			others++
		default:
			return false
		}
	}
	return digits > 0 && others <= 2
}

// isIdentifier tells a name, path or code from a word of natural
// language.
func isIdentifier(s string) bool {
	if strings.ContainsAny(s, "0123456789/_:@=#&?\\") {
		return true
	}
	core := strings.TrimRightFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	core = strings.TrimLeftFunc(core, func(r rune) bool { return !unicode.IsLetter(r) })
	if strings.Contains(core, ".") {
		return true // a dot inside: a host name, a file name
	}
	// acme-prod, payment-api: lower-case names with hyphens. (Words with
	// a capital inside, GitHub, are left whole by the patterns.)
	return strings.Contains(core, "-") && strings.ToLower(core) == core
}

// identSeparators are the characters after which a name may be broken. A
// name is broken before a hyphen or a dot, never after one: a line that
// ends in a hyphen reads as a hyphenated word (pdftotext joins
// "acme-" "prod" into "acmeprod"), one that ends in a dot as the end of a
// sentence.
const identSeparators = "/_:@=&?#,;"

// identBefore are the characters before which a name may be broken.
const identBefore = "-."

// identifierBreaks returns the offsets after the separators of s and
// before its hyphens and dots, keeping at least two characters on either
// side and a run of separators ("://", "--") together.
func identifierBreaks(s string) []int {
	var out []int
	runes := 0
	total := utf8.RuneCountInString(s)
	prev := rune(0)
	isSep := func(r rune) bool { return strings.ContainsRune(identSeparators+identBefore, r) }
	for i, r := range s {
		end := i + utf8.RuneLen(r)
		if strings.ContainsRune(identBefore, r) && !isSep(prev) && runes >= 2 && total-runes >= 3 {
			out = append(out, i)
		}
		runes++
		prev = r
		if !strings.ContainsRune(identSeparators, r) || end >= len(s) {
			continue
		}
		if next, _ := utf8.DecodeRuneInString(s[end:]); isSep(next) {
			continue
		}
		if runes >= 2 && total-runes >= 2 {
			out = append(out, end)
		}
	}
	return out
}

// naturalBreaks returns the breaks of a word of natural language: after
// its own hyphens and slashes (no hyphen added) and inside its parts as
// the patterns allow (a hyphen added). Punctuation around the word
// ("(Risikoakzeptanz)", "„nicht") is not part of it.
func naturalBreaks(s string, hy *hyphen.Hyphenator) []opp {
	start := strings.IndexFunc(s, unicode.IsLetter)
	if start < 0 {
		return nil
	}
	last := strings.LastIndexFunc(s, unicode.IsLetter)
	_, n := utf8.DecodeRuneInString(s[last:])
	core := s[start : last+n]
	var out []opp
	partFrom := 0
	for i := 0; i <= len(core); {
		r, n := utf8.DecodeRuneInString(core[i:])
		if i < len(core) && r != '-' && r != '/' {
			i += n
			continue
		}
		part := core[partFrom:i]
		if hy != nil {
			for _, p := range hy.Points(part) {
				out = append(out, opp{at: start + partFrom + p, hyphen: true})
			}
		}
		if i == len(core) {
			break
		}
		if utf8.RuneCountInString(part) >= 2 && utf8.RuneCountInString(core[i+n:]) >= 2 {
			out = append(out, opp{at: start + i + n})
		}
		i += n
		partFrom = i
	}
	return out
}

// lineBreaker fills lines greedily: a word goes on the current line if it
// fits; otherwise it is broken at the last place that fits, if it is worth
// it, or moved to the next line.
type lineBreaker struct {
	hy         *hyphen.Hyphenator
	size, maxW float64
	lines      []line
	cur        line
	space      float64 // width of the space before the next word
	hyphenRun  int     // lines in a row that end with an added hyphen
}

// maxHyphenRun is how many lines in a row may end with an added hyphen
// (unless a word is longer than a whole line).
const maxHyphenRun = 2

// hyphenZone is the share of the width that may stay empty at the end of
// a line rather than break a word with a hyphen.
func (b *lineBreaker) hyphenZone() float64 { return min(0.1*b.maxW, 12) }

func (b *lineBreaker) flush(hyphenated bool) {
	b.lines = append(b.lines, b.cur)
	b.cur = line{}
	b.space = 0
	if hyphenated {
		b.hyphenRun++
	} else {
		b.hyphenRun = 0
	}
}

// place puts a word on the lines, breaking it where needed.
func (b *lineBreaker) place(frags []run) {
	if len(frags) == 0 {
		return
	}
	var w *wordLayout
	for len(frags) > 0 {
		gap := b.space
		if len(b.cur.pieces) == 0 {
			gap = 0
		}
		avail := b.maxW - b.cur.w - gap
		if w == nil && fragsWidth(frags, b.size) <= avail+fitSlack {
			b.append(frags, gap)
			return
		}
		if w == nil {
			w = newWordLayout(frags, b.size, b.hy)
		}
		if w.width(w.base, len(w.text)) <= avail+fitSlack {
			b.append(frags, gap)
			return
		}
		empty := len(b.cur.pieces) == 0
		at, hyph, ok := b.bestBreak(w, avail, empty)
		if !ok && !empty {
			b.flush(false)
			continue
		}
		skip := 0
		if !ok {
			if g, found := w.glueBreak(b.maxW); found {
				// A glued phrase wider than a line: break at its space.
				at, skip = g, utf8.RuneLen(nbsp)
			} else {
				// A part longer than a whole line: break it where it
				// fills the line.
				at, hyph = w.forceBreak(b.maxW)
			}
		}
		head, tail := cutFrags(frags, at-w.base)
		if hyph {
			head = withHyphen(head)
		}
		if skip > 0 {
			_, tail = cutFrags(tail, skip)
		}
		b.append(head, gap)
		b.flush(hyph)
		frags, w.base = tail, at+skip
	}
}

// wordLayout is a word being broken over lines: its text, where it may
// break and the width of every prefix, so that each line costs time in
// proportion to its own length, not the word's.
type wordLayout struct {
	text    string
	ops     []opp
	natural bool
	cum     []float64 // cum[i]: width of text[:i] at rune starts
	style   []run     // the fragment each byte belongs to (style and size)
	size    float64
	base    int // offset of the part still to place
}

func newWordLayout(frags []run, size float64, hy *hyphen.Hyphenator) *wordLayout {
	w := &wordLayout{text: fragsText(frags), size: size}
	w.ops, w.natural = wordBreaks(frags, hy)
	w.cum = make([]float64, len(w.text)+1)
	w.style = make([]run, len(w.text)+1)
	pos, x := 0, 0.0
	for _, f := range frags {
		sz := runSize(f, size)
		for i, r := range f.text {
			w.cum[pos+i] = x
			w.style[pos+i] = f
			x += width(string(r), f.st, sz)
		}
		pos += len(f.text)
	}
	w.cum[len(w.text)] = x
	w.style[len(w.text)] = frags[len(frags)-1]
	return w
}

// width is the width of text[from:to]; both must be rune starts.
func (w *wordLayout) width(from, to int) float64 { return w.cum[to] - w.cum[from] }

// hyphenWidth is the width of a hyphen after text[:at].
func (w *wordLayout) hyphenWidth(at int) float64 {
	f := w.style[max(at-1, 0)]
	return width(softHyphen, f.st, runSize(f, w.size))
}

// bestBreak returns the last break of the rest of the word whose head fits
// in avail mm, if breaking there is better than moving the word to the
// next line.
func (b *lineBreaker) bestBreak(w *wordLayout, avail float64, empty bool) (int, bool, bool) {
	// The last break whose head fits without a hyphen; heads grow with the
	// offset, so a binary search finds it.
	i := sort.Search(len(w.ops), func(i int) bool {
		o := w.ops[i]
		return o.at > w.base && w.width(w.base, o.at) > avail+fitSlack
	})
	for i--; i >= 0 && w.ops[i].at > w.base; i-- {
		o := w.ops[i]
		if o.at >= len(w.text) || o.glue {
			continue
		}
		if o.hyphen && !empty && (b.hyphenRun >= maxHyphenRun || avail < b.hyphenZone()) {
			continue
		}
		hw := 0.0
		if o.hyphen {
			hw = w.hyphenWidth(o.at)
		}
		if w.width(w.base, o.at)+hw <= avail+fitSlack {
			return o.at, o.hyphen, true
		}
	}
	return 0, false, false
}

// glueBreak returns the last no-break space of the rest of the word whose
// head fits in maxW.
func (w *wordLayout) glueBreak(maxW float64) (int, bool) {
	for i := len(w.ops) - 1; i >= 0; i-- {
		o := w.ops[i]
		if o.glue && o.at > w.base && w.width(w.base, o.at) <= maxW+fitSlack {
			return o.at, true
		}
	}
	return 0, false
}

// forceBreak returns where to cut the rest of the word so that as many
// runes as fit in maxW (at least one) stay on the line, with room for a
// hyphen after a word of natural language, and whether the hyphen is
// drawn.
func (w *wordLayout) forceBreak(maxW float64) (at int, hyph bool) {
	reserve := 0.0
	if w.natural {
		reserve = w.hyphenWidth(w.base + 1)
	}
	cut := 0
	for i, r := range w.text[w.base:] {
		end := w.base + i + utf8.RuneLen(r)
		if cut > 0 && w.width(w.base, end)+reserve > maxW+fitSlack {
			break
		}
		cut = end
	}
	return cut, w.natural && cut < len(w.text)
}

// append places a word (or part of one) on the current line after gap.
func (b *lineBreaker) append(frags []run, gap float64) {
	x := b.cur.w + gap
	for _, f := range frags {
		fw := width(f.text, f.st, runSize(f, b.size))
		b.cur.pieces = append(b.cur.pieces, piece{run: f, x: x, w: fw})
		x += fw
	}
	b.cur.w = x
	b.space = 0
}

// withHyphen appends the hyphen of a break to the last fragment. It is
// drawn as U+00AD SOFT HYPHEN, whose glyph in the embedded faces is the
// hyphen's: readers see a hyphen, and text extraction (pdftotext, copy and
// paste, search) can tell it from a hyphen of the text and join the word.
func withHyphen(frags []run) []run {
	out := append([]run(nil), frags...)
	out[len(out)-1].text += softHyphen
	return out
}

// softHyphen marks a hyphen added at a line break.
const softHyphen = "\u00ad"

// cutFrags splits fragments at byte offset at of their joined text.
func cutFrags(frags []run, at int) (head, tail []run) {
	for i, f := range frags {
		if at <= 0 {
			return frags[:i], frags[i:]
		}
		if at < len(f.text) {
			h, t := f, f
			h.text, t.text = f.text[:at], f.text[at:]
			head = append(append([]run(nil), frags[:i]...), h)
			tail = append([]run{t}, frags[i+1:]...)
			return head, tail
		}
		at -= len(f.text)
	}
	return frags, nil
}

func fragsText(frags []run) string {
	if len(frags) == 1 {
		return frags[0].text
	}
	var b strings.Builder
	for _, f := range frags {
		b.WriteString(f.text)
	}
	return b.String()
}

func fragsWidth(frags []run, size float64) float64 {
	w := 0.0
	for _, f := range frags {
		w += width(f.text, f.st, runSize(f, size))
	}
	return w
}

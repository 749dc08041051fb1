package jsonscan

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/nachweis/nachweis/evidence/internal/printable"
)

// maxDepth bounds nesting as encoding/json does, so hostile input cannot
// grow the stack without limit.
const maxDepth = 10000

// linearKeys is the number of keys an object holds before duplicates are
// looked up in a map instead of by comparing with every earlier key.
const linearKeys = 32

// DuplicateKeyError reports an object that holds a key twice.
type DuplicateKeyError struct {
	// Pointer is the JSON pointer of the second occurrence.
	Pointer string
	// Key is the second occurrence; First is the first one. They differ
	// when the keys differ only in case, which encoding/json's struct
	// decoding does not tell apart.
	Key, First string
}

func (e *DuplicateKeyError) Error() string {
	if e.Key == e.First {
		return fmt.Sprintf("%s: duplicate key %q: expected each key once per object (a decoder would keep only one of the values)", pointerText(e.Pointer), e.Key)
	}
	return fmt.Sprintf("%s: key %q duplicates %q (keys that differ only in case are one field to a decoder): expected each key once per object", pointerText(e.Pointer), e.Key, e.First)
}

// SyntaxError reports input that is not JSON.
type SyntaxError struct {
	// Offset is the byte at which the input stopped being JSON.
	Offset int64
	// Pointer is the JSON pointer of the innermost value being read.
	Pointer string
	Msg     string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid JSON at byte %d (%s): %s", e.Offset, pointerText(e.Pointer), e.Msg)
}

// pointerText renders a pointer for messages; the root is "/" would be a
// key "", so it is named. Keys come from the evidence: see
// printable.String.
func pointerText(p string) string {
	if p == "" {
		return "the top-level value"
	}
	return printable.String(p)
}

// Duplicates checks that no object of the JSON document data holds a key
// twice. Keys are compared as encoding/json compares them: after
// unescaping, and without regard to case, since a struct field matches
// keys case-insensitively. The keys of label-like maps (labels,
// annotations, matchLabels, nodeSelector, data, stringData, binaryData,
// parameters) are case-sensitive data and compared exactly. It returns a
// *DuplicateKeyError, a *SyntaxError for input that is not one JSON
// value, or nil.
func Duplicates(data []byte) error {
	s := scanner{data: data, target: -1, dups: true}
	return s.run()
}

// PointerAt returns the JSON pointer of the innermost value of data that
// contains the byte at offset; "" is the whole document. For invalid JSON
// it names the value being read when the input stopped being JSON.
func PointerAt(data []byte, offset int64) string {
	if offset < 0 {
		return ""
	}
	s := scanner{data: data, target: int(min(offset, int64(len(data))))}
	if err := s.run(); err != nil {
		if se, ok := err.(*SyntaxError); ok {
			return se.Pointer
		}
	}
	return s.found
}

// frame is an open object or array.
type frame struct {
	object bool
	// exact is set for objects whose keys are data (labels): compared
	// byte for byte after unescaping.
	exact bool
	index int
	// key is the current member's key, unescaped; it points into the
	// input unless the key had escapes.
	key  []byte
	keys [][]byte
	// set holds folded keys once an object has more than linearKeys.
	set     map[string]int
	setUsed bool
}

type scanner struct {
	data  []byte
	pos   int
	stack []frame
	// target is the offset PointerAt looks for; -1 for none.
	target int
	// dups turns the duplicate key check on.
	dups  bool
	done  bool
	found string
}

func (s *scanner) run() error {
	s.skipWS()
	expectValue := true
	for {
		if expectValue {
			opened, err := s.value()
			if err != nil || s.done {
				return err
			}
			if opened {
				continue // the first member's value or element follows
			}
		}
		// After a value: the next member or element, or the end of the
		// innermost container.
		s.skipWS()
		if len(s.stack) == 0 {
			if s.pos < len(s.data) {
				return s.syntax("data after the top-level value")
			}
			return nil
		}
		top := &s.stack[len(s.stack)-1]
		if s.pos >= len(s.data) {
			return s.syntax("unexpected end of input")
		}
		switch c := s.data[s.pos]; {
		case c == ',':
			s.pos++
			s.skipWS()
			if top.object {
				if err := s.member(top); err != nil || s.done {
					return err
				}
			} else {
				top.index++
			}
			expectValue = true
		case top.object && c == '}' || !top.object && c == ']':
			if s.target >= 0 && s.target <= s.pos {
				s.found, s.done = s.pointer(false), true
				return nil
			}
			s.pos++
			s.stack = s.stack[:len(s.stack)-1]
			expectValue = false
		case top.object:
			return s.syntax("expected ',' or '}' after an object member")
		default:
			return s.syntax("expected ',' or ']' after an array element")
		}
	}
}

// value reads the value at s.pos. A scalar or an empty container is read
// whole; a container is opened (an object's first key read) and opened
// is true.
func (s *scanner) value() (opened bool, err error) {
	if s.pos >= len(s.data) {
		return false, s.syntaxIn(true, "unexpected end of input, expected a value")
	}
	start := s.pos
	if s.target >= 0 && start > s.target {
		// The target is between values: in the innermost container.
		s.found, s.done = s.pointer(false), true
		return false, nil
	}
	switch c := s.data[s.pos]; c {
	case '{', '[':
		if s.target == start {
			s.found, s.done = s.pointer(true), true
			return false, nil
		}
		closing := byte('}')
		if c == '[' {
			closing = ']'
		}
		s.pos++
		s.skipWS()
		if s.pos < len(s.data) && s.data[s.pos] == closing {
			s.pos++
			s.scalarEnd(start)
			return false, nil
		}
		if len(s.stack) >= maxDepth {
			return false, s.syntax("nested too deeply")
		}
		s.push(c == '{')
		if c == '{' {
			return true, s.member(&s.stack[len(s.stack)-1])
		}
		return true, nil
	case '"':
		if _, _, err := s.str(false); err != nil {
			return false, err
		}
	case 't':
		err = s.literal("true")
	case 'f':
		err = s.literal("false")
	case 'n':
		err = s.literal("null")
	default:
		if c != '-' && (c < '0' || c > '9') {
			return false, s.syntaxIn(true, fmt.Sprintf("unexpected %s, expected a value", quoteByte(c)))
		}
		err = s.number()
	}
	if err != nil {
		return false, err
	}
	s.scalarEnd(start)
	return false, nil
}

// scalarEnd stops PointerAt when the scalar just read holds the target.
func (s *scanner) scalarEnd(start int) {
	if s.target >= 0 && start <= s.target && s.target < s.pos {
		s.found, s.done = s.pointer(true), true
	}
}

func (s *scanner) push(object bool) {
	n := len(s.stack)
	if n < cap(s.stack) {
		s.stack = s.stack[:n+1]
		f := &s.stack[n]
		f.object, f.index, f.key, f.keys = object, 0, nil, f.keys[:0]
		if f.setUsed {
			clear(f.set)
			f.setUsed = false
		}
	} else {
		s.stack = append(s.stack, frame{object: object})
	}
	f := &s.stack[n]
	f.exact = object && n > 0 && s.stack[n-1].object && dataMap(s.stack[n-1].key)
}

// dataMap reports whether an object under this key holds data keys, where
// case matters (Kubernetes label-like maps).
func dataMap(key []byte) bool {
	switch string(key) {
	case "labels", "annotations", "matchLabels", "nodeSelector", "data", "stringData", "binaryData", "parameters":
		return true
	}
	return false
}

// member reads an object member's key and the colon after it, and checks
// the key against the object's earlier keys.
func (s *scanner) member(f *frame) error {
	if s.pos >= len(s.data) || s.data[s.pos] != '"' {
		return s.syntax("expected a string key")
	}
	start := s.pos
	raw, plain, err := s.str(true)
	if err != nil {
		return err
	}
	key := raw
	if !plain {
		key = unquote(raw)
	}
	f.key = key
	if s.dups {
		if err := s.checkKey(f, key); err != nil {
			return err
		}
	}
	if s.target >= 0 && start <= s.target && s.target < s.pos {
		// A key is part of its member.
		s.found, s.done = s.pointer(false)+"/"+escape(key), true
		return nil
	}
	s.skipWS()
	if s.pos >= len(s.data) || s.data[s.pos] != ':' {
		return s.syntax("expected ':' after an object key")
	}
	s.pos++
	s.skipWS()
	return nil
}

func (s *scanner) checkKey(f *frame, key []byte) error {
	if first, dup := f.add(key); dup {
		return s.duplicate(key, first)
	}
	return nil
}

// add records key as a member of the object f and returns the earlier
// key it duplicates, if any.
func (f *frame) add(key []byte) (first []byte, dup bool) {
	if len(f.keys) < linearKeys {
		for _, k := range f.keys {
			// Two ASCII first bytes that differ beyond case decide
			// quickly; a non-ASCII one may fold to ASCII (K, Kelvin).
			if len(k) > 0 && len(key) > 0 && k[0] < utf8.RuneSelf && key[0] < utf8.RuneSelf && k[0]|0x20 != key[0]|0x20 {
				continue
			}
			if bytes.Equal(k, key) || !f.exact && bytes.EqualFold(k, key) {
				return k, true
			}
		}
		f.keys = append(f.keys, key)
		return nil, false
	}
	if !f.setUsed {
		if f.set == nil {
			f.set = make(map[string]int, 2*linearKeys)
		}
		for i, k := range f.keys {
			f.set[f.setKey(k)] = i
		}
		f.setUsed = true
	}
	sk := f.setKey(key)
	if i, dup := f.set[sk]; dup {
		return f.keys[i], true
	}
	f.set[sk] = len(f.keys)
	f.keys = append(f.keys, key)
	return nil, false
}

// setKey is the map key of an object key: the key itself for exact
// objects, else its case fold (as bytes.EqualFold compares).
func (f *frame) setKey(k []byte) string {
	if f.exact {
		return string(k)
	}
	return string(fold(k))
}

// fold maps a key to a form that is equal for two keys exactly when
// bytes.EqualFold says they are: ASCII letters upper-cased, other runes
// replaced by the smallest rune of their case-folding orbit.
func fold(k []byte) []byte {
	out := make([]byte, 0, len(k))
	for i := 0; i < len(k); {
		if c := k[i]; c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			out = append(out, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(k[i:])
		for {
			r2 := unicode.SimpleFold(r)
			if r2 <= r {
				r = r2
				break
			}
			r = r2
		}
		out = utf8.AppendRune(out, r)
		i += n
	}
	return out
}

func (s *scanner) duplicate(key, first []byte) error {
	return &DuplicateKeyError{Pointer: s.pointer(true), Key: string(key), First: string(first)}
}

// str reads a string at s.pos (the opening quote) and returns its content
// without quotes. Only its end is looked for (the first quote not escaped
// by an odd number of backslashes): what a string holds is the decoders'
// concern, and a string they refuse makes the whole document invalid.
// For a key, plain is false when it has escapes or invalid UTF-8 and must
// be unquoted.
func (s *scanner) str(key bool) (raw []byte, plain bool, err error) {
	d := s.data
	start := s.pos + 1
	i := start
	for {
		j := bytes.IndexByte(d[i:], '"')
		if j < 0 {
			s.pos = len(d)
			return nil, false, s.syntax("unexpected end of input in a string")
		}
		i += j
		k := i - 1
		for k >= start && d[k] == '\\' {
			k--
		}
		if (i-1-k)%2 == 0 {
			break // an even number of backslashes: the quote ends the string
		}
		i++
	}
	s.pos = i + 1
	raw = d[start:i]
	if !key {
		return raw, true, nil
	}
	return raw, plainKey(raw), nil
}

// plainKey reports whether a key is its own unquoted form: no escapes and
// valid UTF-8.
func plainKey(raw []byte) bool {
	for _, c := range raw {
		if c == '\\' {
			return false
		}
		if c >= utf8.RuneSelf {
			return bytes.IndexByte(raw, '\\') < 0 && utf8.Valid(raw)
		}
	}
	return true
}

// unquote unescapes the content of a JSON string as encoding/json does:
// escapes decoded, a surrogate that is not part of a pair and any invalid
// UTF-8 byte replaced by U+FFFD. An invalid escape (the decoders refuse
// such a document) is kept as it is.
func unquote(raw []byte) []byte {
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '\\' && i+1 < len(raw):
			e := raw[i+1]
			i += 2
			switch e {
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case '"', '\\', '/':
				out = append(out, e)
			case 'u':
				r, ok := hex4(raw[i:])
				if !ok {
					out = append(out, '\\', 'u')
					continue
				}
				i += 4
				if utf16.IsSurrogate(r) {
					r2, ok := rune(0), false
					if i+6 <= len(raw) && raw[i] == '\\' && raw[i+1] == 'u' {
						r2, ok = hex4(raw[i+2:])
					}
					if pair := utf16.DecodeRune(r, r2); ok && pair != utf8.RuneError {
						r = pair
						i += 6
					} else {
						r = utf8.RuneError
					}
				}
				out = utf8.AppendRune(out, r)
			default:
				out = append(out, '\\', e)
			}
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			r, n := utf8.DecodeRune(raw[i:])
			out = utf8.AppendRune(out, r)
			i += n
		}
	}
	return out
}

// hex4 decodes the four hex digits at the start of b.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

func (s *scanner) literal(lit string) error {
	if !bytes.HasPrefix(s.data[s.pos:], []byte(lit)) {
		return s.syntax(fmt.Sprintf("invalid literal, expected %s", lit))
	}
	s.pos += len(lit)
	return nil
}

// number reads a number in JSON's grammar.
func (s *scanner) number() error {
	d := s.data
	i := s.pos
	if d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && d[i] >= '1' && d[i] <= '9':
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	default:
		s.pos = i
		return s.syntax("invalid number")
	}
	if i < len(d) && d[i] == '.' {
		i++
		j := i
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
		if i == j {
			s.pos = i
			return s.syntax("invalid number: no digits after the decimal point")
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		j := i
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
		if i == j {
			s.pos = i
			return s.syntax("invalid number: no digits in the exponent")
		}
	}
	s.pos = i
	return nil
}

func (s *scanner) skipWS() {
	d, i := s.data, s.pos
	for i < len(d) && isSpace[d[i]] {
		i++
		// Indentation: skip eight spaces at a time.
		for i+8 <= len(d) && binary.LittleEndian.Uint64(d[i:]) == 0x2020202020202020 {
			i += 8
		}
	}
	s.pos = i
}

var isSpace = [256]bool{' ': true, '\t': true, '\n': true, '\r': true}

func (s *scanner) syntax(msg string) error { return s.syntaxIn(false, msg) }

// syntaxIn reports a syntax error in the innermost container, or with
// current in the member or element being read.
func (s *scanner) syntaxIn(current bool, msg string) error {
	return &SyntaxError{Offset: int64(s.pos), Pointer: s.pointer(current), Msg: msg}
}

// pointer renders the JSON pointer of the innermost open container; with
// current, of the member or element being read in it.
func (s *scanner) pointer(current bool) string {
	n := len(s.stack)
	if !current {
		n--
	}
	var sb strings.Builder
	for i := 0; i < n; i++ {
		f := &s.stack[i]
		sb.WriteByte('/')
		if f.object {
			sb.WriteString(escape(f.key))
		} else {
			sb.WriteString(strconv.Itoa(f.index))
		}
	}
	return sb.String()
}

// escape escapes a key as a JSON pointer reference token (RFC 6901).
func escape(key []byte) string {
	k := string(key)
	if strings.ContainsAny(k, "~/") {
		k = strings.NewReplacer("~", "~0", "/", "~1").Replace(k)
	}
	return k
}

func quoteByte(c byte) string {
	if c >= 0x20 && c < 0x7f {
		return strconv.QuoteRune(rune(c))
	}
	return fmt.Sprintf("byte 0x%02x", c)
}

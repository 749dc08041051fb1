package jsonscan

import (
	"bytes"
	"encoding/json"
	"errors"
	"unicode/utf8"
)

// ErrInvalid is the Decoder's error for input encoding/json or
// Duplicates refuses: invalid JSON, a duplicate key, a value of another
// type than the caller reads (encoding/json's UnmarshalTypeError), a
// number that does not fit. It carries no detail: the caller reads the
// input again the slow way, which says what is wrong.
var ErrInvalid = errors.New("jsonscan: invalid input")

// ErrStop is the Decoder's error when its caller stopped it (Stop): the
// input may be fine, but the caller leaves it to encoding/json, e.g. a
// key that matches a field only case-insensitively.
var ErrStop = errors.New("jsonscan: stopped")

// ErrShort is the Decoder's error when the input ends inside the value
// being read: with more input the value may be complete.
var ErrShort = errors.New("jsonscan: input ends inside a value")

// Decoder reads one JSON value from a byte slice as its caller walks it:
// objects member by member, arrays element by element, scalars into Go
// values. It validates everything it passes, skipped values included, as
// encoding/json does, and refuses duplicate keys as Duplicates does, so
// a value it read to the end is valid JSON without duplicate keys.
//
// What it returns equals what encoding/json would decode into the same
// Go type, or it stops: the first problem sets a sticky error (ErrInvalid,
// ErrStop or ErrShort) and every later call returns zero values. Callers check Err
// once at the end and decode the input with encoding/json when it is set.
// This keeps the Decoder small: it never needs to say what was wrong.
type Decoder struct {
	data  []byte
	pos   int
	err   error
	stack []dframe
	// partial is set when more input may follow data (ResetPartial): a
	// number at its end may go on.
	partial bool
}

// dframe is an open object or array, with the keys read so far for the
// duplicate check.
type dframe struct {
	frame
	started bool // a member or element was read
}

// NewDecoder returns a Decoder reading data.
func NewDecoder(data []byte) *Decoder {
	d := &Decoder{}
	d.Reset(data)
	return d
}

// Reset makes d read data from its start, keeping its buffers.
func (d *Decoder) Reset(data []byte) {
	d.data, d.pos, d.err, d.partial = data, 0, nil, false
	d.stack = d.stack[:0]
}

// ResetPartial is Reset for data that more input may follow, as in a
// stream: a number that reaches the end of data is ErrShort.
func (d *Decoder) ResetPartial(data []byte) {
	d.Reset(data)
	d.partial = true
}

// Err returns ErrInvalid, ErrStop, ErrShort or nil.
func (d *Decoder) Err() error { return d.err }

// Offset is the offset of the next byte to read.
func (d *Decoder) Offset() int { return d.pos }

// Stop makes d stop with ErrStop: the caller found a value it leaves to
// encoding/json (a key that matches a field only case-insensitively).
func (d *Decoder) Stop() { d.fail(ErrStop) }

func (d *Decoder) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

// end fails with ErrShort when the input ended, else with ErrInvalid:
// what is there is not what the caller reads, or not JSON.
func (d *Decoder) end() {
	if d.pos >= len(d.data) {
		d.fail(ErrShort)
		return
	}
	d.fail(ErrInvalid)
}

func (d *Decoder) ws() {
	data, i := d.data, d.pos
	for i < len(data) && isSpace[data[i]] {
		i++
	}
	d.pos = i
}

// peek skips white space and returns the next byte, 0 at the end.
func (d *Decoder) peek() byte {
	d.ws()
	if d.pos >= len(d.data) {
		return 0
	}
	return d.data[d.pos]
}

// Null consumes a null and reports whether there was one.
func (d *Decoder) Null() bool {
	if d.err != nil || d.peek() != 'n' {
		return false
	}
	d.literal("null")
	return d.err == nil
}

// Object opens an object: it reports true for '{' (read its members with
// Key until it returns false), false for null (consumed) and stops on any
// other value.
func (d *Decoder) Object() bool {
	if d.err != nil {
		return false
	}
	switch d.peek() {
	case '{':
		d.pos++
		d.push(true)
		return true
	case 'n':
		d.literal("null")
		return false
	}
	d.end()
	return false
}

// Array opens an array as Object opens an object; read its elements with
// Elem until it returns false.
func (d *Decoder) Array() bool {
	if d.err != nil {
		return false
	}
	switch d.peek() {
	case '[':
		d.pos++
		d.push(false)
		return true
	case 'n':
		d.literal("null")
		return false
	}
	d.end()
	return false
}

func (d *Decoder) push(object bool) {
	n := len(d.stack)
	if n >= maxDepth {
		d.fail(ErrInvalid)
		return
	}
	if n < cap(d.stack) {
		d.stack = d.stack[:n+1]
		f := &d.stack[n]
		f.object, f.index, f.key, f.keys, f.started = object, 0, nil, f.keys[:0], false
		if f.setUsed {
			clear(f.set)
			f.setUsed = false
		}
	} else {
		d.stack = append(d.stack, dframe{frame: frame{object: object}})
	}
	f := &d.stack[n]
	f.exact = object && n > 0 && d.stack[n-1].object && dataMap(d.stack[n-1].key)
}

// Key reads the next member's key of the innermost open object and the
// colon after it; the caller then reads or skips the value. At the end
// of the object it closes it and returns false. The key is unescaped; it
// may point into the input.
func (d *Decoder) Key() ([]byte, bool) {
	if d.err != nil || len(d.stack) == 0 {
		d.fail(ErrInvalid)
		return nil, false
	}
	f := &d.stack[len(d.stack)-1]
	if !f.object {
		d.fail(ErrInvalid)
		return nil, false
	}
	c := d.peek()
	switch {
	case c == '}':
		d.pos++
		d.stack = d.stack[:len(d.stack)-1]
		return nil, false
	case f.started && c == ',':
		d.pos++
		c = d.peek()
	case f.started:
		d.end()
		return nil, false
	}
	if c != '"' {
		d.end()
		return nil, false
	}
	f.started = true
	raw, plain := d.str()
	if d.err != nil {
		return nil, false
	}
	key := raw
	if !plain || !plainKey(raw) {
		key = unquote(raw)
	}
	if _, dup := f.add(key); dup {
		d.fail(ErrInvalid)
		return nil, false
	}
	f.key = key
	if d.peek() != ':' {
		d.end()
		return nil, false
	}
	d.pos++
	return key, true
}

// Elem reports whether the innermost open array has another element,
// which the caller then reads or skips; at the end of the array it
// closes it and returns false.
func (d *Decoder) Elem() bool {
	if d.err != nil || len(d.stack) == 0 {
		d.fail(ErrInvalid)
		return false
	}
	f := &d.stack[len(d.stack)-1]
	if f.object {
		d.fail(ErrInvalid)
		return false
	}
	switch c := d.peek(); {
	case c == ']':
		d.pos++
		d.stack = d.stack[:len(d.stack)-1]
		return false
	case f.started && c == ',':
		d.pos++
		f.index++
	case f.started:
		d.end()
		return false
	}
	f.started = true
	return true
}

// str reads a string at d.pos (its opening quote) and returns its content
// without the quotes. plain is false when it has escapes or bytes that
// are not ASCII: encoding/json unescapes it and replaces invalid UTF-8.
// Control characters and invalid escapes stop the decoder, as they make
// the document invalid.
func (d *Decoder) str() (raw []byte, plain bool) {
	data := d.data
	start := d.pos + 1
	plain = true
	for i := start; i < len(data); {
		c := data[i]
		if !strSpecial[c] {
			i++
			continue
		}
		switch {
		case c == '"':
			d.pos = i + 1
			return data[start:i], plain
		case c == '\\':
			plain = false
			if i+1 >= len(data) {
				d.pos = len(data)
				d.fail(ErrShort)
				return nil, false
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(data) {
					d.pos = len(data)
					d.fail(ErrShort)
					return nil, false
				}
				if _, ok := hex4(data[i+2:]); !ok {
					d.fail(ErrInvalid)
					return nil, false
				}
				i += 6
			default:
				d.fail(ErrInvalid)
				return nil, false
			}
		case c < 0x20:
			d.fail(ErrInvalid)
			return nil, false
		default: // not ASCII
			plain = false
			i++
		}
	}
	d.pos = len(data)
	d.fail(ErrShort)
	return nil, false
}

// strSpecial marks the bytes str looks at: the quote, the backslash,
// control characters and bytes beyond ASCII.
var strSpecial = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c == '"' || c == '\\' || c < 0x20 || c >= utf8.RuneSelf
	}
	return t
}()

// String reads a string value; null reads as "" (encoding/json leaves a
// string field as it was, and the caller's is new).
func (d *Decoder) String() string {
	b, ok := d.stringBytes()
	if !ok {
		return ""
	}
	return string(b)
}

// StringBytes is String without a copy when the string has no escapes:
// the bytes point into the input.
func (d *Decoder) StringBytes() []byte {
	b, _ := d.stringBytes()
	return b
}

func (d *Decoder) stringBytes() ([]byte, bool) {
	if d.err != nil {
		return nil, false
	}
	switch d.peek() {
	case '"':
		start := d.pos
		raw, plain := d.str()
		if d.err != nil {
			return nil, false
		}
		if plain {
			return raw, true
		}
		var s string
		if err := json.Unmarshal(d.data[start:d.pos], &s); err != nil {
			d.fail(ErrInvalid)
			return nil, false
		}
		return []byte(s), true
	case 'n':
		d.literal("null")
		return nil, false
	}
	d.end()
	return nil, false
}

// Bool reads a boolean; null is false. set is false for null.
func (d *Decoder) Bool() (v, set bool) {
	if d.err != nil {
		return false, false
	}
	switch d.peek() {
	case 't':
		d.literal("true")
		return d.err == nil, d.err == nil
	case 'f':
		d.literal("false")
		return false, d.err == nil
	case 'n':
		d.literal("null")
		return false, false
	}
	d.end()
	return false, false
}

// Int64 reads an integer as encoding/json decodes one into an int64: a
// number without fraction or exponent that fits; anything else stops.
// null reads as 0 and set false.
func (d *Decoder) Int64() (v int64, set bool) {
	if d.err != nil {
		return 0, false
	}
	c := d.peek()
	if c == 'n' {
		d.literal("null")
		return 0, false
	}
	if c != '-' && (c < '0' || c > '9') {
		d.end()
		return 0, false
	}
	start := d.pos
	d.number()
	if d.err != nil {
		return 0, false
	}
	lit := d.data[start:d.pos]
	neg := lit[0] == '-'
	digits := lit
	if neg {
		digits = lit[1:]
	}
	var u uint64
	for _, c := range digits {
		if c < '0' || c > '9' || u > (1<<63)/10 {
			d.fail(ErrInvalid) // fraction, exponent or too large: encoding/json's error
			return 0, false
		}
		u = u*10 + uint64(c-'0')
	}
	switch {
	case !neg && u <= 1<<63-1:
		return int64(u), true
	case neg && u <= 1<<63:
		return int64(-u), true
	}
	d.fail(ErrInvalid)
	return 0, false
}

// Raw skips a value and returns its bytes, white space around it
// excluded.
func (d *Decoder) Raw() []byte {
	if d.err != nil {
		return nil
	}
	d.ws()
	start := d.pos
	d.Skip()
	if d.err != nil {
		return nil
	}
	return d.data[start:d.pos]
}

// Skip reads a value of any type without decoding it, validating it and
// checking its objects for duplicate keys.
func (d *Decoder) Skip() {
	if d.err != nil {
		return
	}
	base := len(d.stack)
	for {
		switch d.peek() {
		case '{':
			d.pos++
			d.push(true)
		case '[':
			d.pos++
			d.push(false)
		case '"':
			d.str()
		case 't':
			d.literal("true")
		case 'f':
			d.literal("false")
		case 'n':
			d.literal("null")
		case 0:
			d.end()
		default:
			if c := d.data[d.pos]; c != '-' && (c < '0' || c > '9') {
				d.fail(ErrInvalid)
			} else {
				d.number()
			}
		}
		// After a value, or a container just opened: close what ends and
		// move to the next member or element.
		for d.err == nil && len(d.stack) > base {
			f := &d.stack[len(d.stack)-1]
			if f.object {
				if _, ok := d.Key(); ok {
					break // its value follows
				}
			} else if d.Elem() {
				break
			}
		}
		if d.err != nil || len(d.stack) == base {
			return
		}
	}
}

func (d *Decoder) literal(lit string) {
	if len(d.data)-d.pos < len(lit) {
		if bytes.HasPrefix([]byte(lit), d.data[d.pos:]) {
			d.pos = len(d.data)
			d.fail(ErrShort)
			return
		}
		d.fail(ErrInvalid)
		return
	}
	if string(d.data[d.pos:d.pos+len(lit)]) != lit {
		d.fail(ErrInvalid)
		return
	}
	d.pos += len(lit)
}

// number reads a number in JSON's grammar. A number that reaches the end
// of the input may go on: ErrShort.
func (d *Decoder) number() {
	data := d.data
	i := d.pos
	if data[i] == '-' {
		i++
	}
	digits := func() int {
		j := i
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}
		return i - j
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case i < len(data) && data[i] >= '1' && data[i] <= '9':
		digits()
	default:
		d.pos = i
		d.end()
		return
	}
	if i < len(data) && data[i] == '.' {
		i++
		if digits() == 0 {
			d.pos = i
			d.end()
			return
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if digits() == 0 {
			d.pos = i
			d.end()
			return
		}
	}
	d.pos = i
	if i >= len(data) && d.partial {
		d.fail(ErrShort) // more digits may follow
	}
}

// Done checks that nothing but white space follows the value read, and
// that every object and array was closed.
func (d *Decoder) Done() error {
	if d.err == nil {
		if len(d.stack) > 0 {
			d.fail(ErrInvalid)
		} else if d.peek(); d.pos < len(d.data) {
			d.fail(ErrInvalid)
		}
	}
	return d.err
}

// MemberKey reads an object member's key and the colon after it where no
// object was opened with Object: for a caller that walks the outermost
// object of a stream itself. The key is unescaped.
func (d *Decoder) MemberKey() []byte {
	if d.err != nil {
		return nil
	}
	if d.peek() != '"' {
		d.end()
		return nil
	}
	raw, plain := d.str()
	if d.err != nil {
		return nil
	}
	key := raw
	if !plain || !plainKey(raw) {
		key = unquote(raw)
	}
	if d.peek() != ':' {
		d.end()
		return nil
	}
	d.pos++
	return key
}

// Punct reads the next byte after white space when it is one of set, and
// returns it; else it fails and returns 0.
func (d *Decoder) Punct(set string) byte {
	if d.err != nil {
		return 0
	}
	c := d.peek()
	if c == 0 || bytes.IndexByte([]byte(set), c) < 0 {
		d.end()
		return 0
	}
	d.pos++
	return c
}

// Peek returns the next byte after white space, 0 at the end of the
// input; it fails with ErrShort at the end.
func (d *Decoder) Peek() byte {
	if d.err != nil {
		return 0
	}
	c := d.peek()
	if c == 0 && d.pos >= len(d.data) {
		d.fail(ErrShort)
	}
	return c
}

// Depth is the number of objects and arrays open.
func (d *Decoder) Depth() int { return len(d.stack) }

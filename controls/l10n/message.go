package l10n

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// A message template is a text with typed placeholders, given in German
// and English:
//
//	{name}                    a string as is; a number as digits (decimal comma in German); true/false
//	{name:number}             a number with grouped thousands: 1.234,5 / 1,234.5
//	{name:count:one:many}     a number with its noun: "1 Snapshot", "3 Snapshots"
//	{name:plural:one:many}    the noun alone, for a number or for the length of a list
//	{name:duration}           seconds as a duration: "6 Tage 15 Std." / "6 days 15 h"
//	{name:datetime}           nanoseconds since the epoch: "17.11.2026, 05:00 Uhr (MEZ)" / "2026-11-17 05:00 CET"
//	{name:date}               nanoseconds since the epoch as a day: "17.11.2026" / "2026-11-17"
//	{name:list}               a list joined as running text: "a, b und c"; empty: "keine" / "none";
//	                          items are strings, numbers or nested messages
//	{name:list:word}          the same with the word for an empty list, e.g. {hosts:list:keiner}
//	{name:msg}                a nested message {"id": …, "args": {…}} of the same catalogue
//	{name:msgs}               a list of nested messages, joined by "; "
//	{name:text}               a text given in both languages {"de": …, "en": …}
//
// "{{" and "}}" stand for literal braces. A null argument renders as "–"
// (an empty list for list); a missing argument or one of the wrong type
// is an error.

// Kind is the type of a placeholder.
type Kind string

// The placeholder kinds.
const (
	KindPlain    Kind = ""
	KindNumber   Kind = "number"
	KindCount    Kind = "count"
	KindPlural   Kind = "plural"
	KindDuration Kind = "duration"
	KindDatetime Kind = "datetime"
	KindDate     Kind = "date"
	KindList     Kind = "list"
	KindMsg      Kind = "msg"
	KindMsgs     Kind = "msgs"
	KindText     Kind = "text"
)

// kindParams is how many parameters (after name and kind) each kind
// takes: minimum and maximum.
var kindParams = map[Kind][2]int{
	KindPlain: {0, 0}, KindNumber: {0, 0}, KindCount: {2, 2}, KindPlural: {2, 2},
	KindDuration: {0, 0}, KindDatetime: {0, 0}, KindDate: {0, 0}, KindList: {0, 1},
	KindMsg: {0, 0}, KindMsgs: {0, 0}, KindText: {0, 0},
}

// segment is literal text or one placeholder.
type segment struct {
	lit    string
	name   string // "" for literal text
	kind   Kind
	params []string
}

// Template is a parsed message template in German and English.
type Template struct {
	de, en []segment
	names  []string
}

// Lookup finds the template of a nested message id.
type Lookup func(id string) (*Template, bool)

// Parse parses a message's German and English templates. Both must be
// given, be well-formed, and use the same argument names.
func Parse(de, en string) (*Template, error) {
	if strings.TrimSpace(de) == "" || strings.TrimSpace(en) == "" {
		return nil, fmt.Errorf("want a German and an English text (de and en)")
	}
	sde, err := parseText(de)
	if err != nil {
		return nil, fmt.Errorf("de: %w", err)
	}
	sen, err := parseText(en)
	if err != nil {
		return nil, fmt.Errorf("en: %w", err)
	}
	nde, nen := segmentNames(sde), segmentNames(sen)
	if strings.Join(nde, ",") != strings.Join(nen, ",") {
		return nil, fmt.Errorf("de uses the arguments {%s}, en {%s}: both languages must use the same", strings.Join(nde, "}, {"), strings.Join(nen, "}, {"))
	}
	return &Template{de: sde, en: sen, names: nen}, nil
}

// MustParse is Parse for templates fixed in code; it panics on an error.
func MustParse(de, en string) *Template {
	t, err := Parse(de, en)
	if err != nil {
		panic(fmt.Sprintf("l10n: template %q / %q: %v", de, en, err))
	}
	return t
}

// Names are the argument names the template uses, sorted.
func (t *Template) Names() []string { return t.names }

// Words returns the words of the template in lang: its literal text and
// the nouns of count, plural and list placeholders, without the
// placeholders. A language test builds its word lists from them.
func (t *Template) Words(lang string) string {
	var b strings.Builder
	for _, s := range t.segments(lang) {
		if s.name == "" {
			b.WriteString(s.lit)
			continue
		}
		for _, p := range s.params {
			b.WriteString(" " + p + " ")
		}
	}
	return b.String()
}

func (t *Template) segments(lang string) []segment {
	if lang == "de" {
		return t.de
	}
	return t.en
}

func segmentNames(segs []segment) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range segs {
		if s.name != "" && !seen[s.name] {
			seen[s.name] = true
			out = append(out, s.name)
		}
	}
	sortStrings(out)
	return out
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func parseText(text string) ([]segment, error) {
	var segs []segment
	var lit strings.Builder
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '{' && strings.HasPrefix(text[i:], "{{"):
			lit.WriteByte('{')
			i += 2
		case c == '}' && strings.HasPrefix(text[i:], "}}"):
			lit.WriteByte('}')
			i += 2
		case c == '}':
			return nil, fmt.Errorf("unmatched } at offset %d (write }} for a literal brace)", i)
		case c == '{':
			end := strings.IndexByte(text[i:], '}')
			if end < 0 {
				return nil, fmt.Errorf("unclosed { at offset %d (write {{ for a literal brace)", i)
			}
			seg, err := parsePlaceholder(text[i+1 : i+end])
			if err != nil {
				return nil, err
			}
			if lit.Len() > 0 {
				segs = append(segs, segment{lit: lit.String()})
				lit.Reset()
			}
			segs = append(segs, seg)
			i += end + 1
		default:
			lit.WriteByte(c)
			i++
		}
	}
	if lit.Len() > 0 {
		segs = append(segs, segment{lit: lit.String()})
	}
	return segs, nil
}

func parsePlaceholder(p string) (segment, error) {
	parts := strings.Split(p, ":")
	name := parts[0]
	if !validName(name) {
		return segment{}, fmt.Errorf("placeholder {%s}: the name must be lower case letters, digits and _, starting with a letter", p)
	}
	seg := segment{name: name}
	if len(parts) > 1 {
		seg.kind = Kind(parts[1])
		seg.params = parts[2:]
	}
	n, ok := kindParams[seg.kind]
	if !ok || seg.kind == KindPlain && len(parts) > 1 {
		return segment{}, fmt.Errorf("placeholder {%s}: unknown type %q (want number, count, plural, duration, datetime, date, list, msg, msgs or text)", p, parts[1])
	}
	if len(seg.params) < n[0] || len(seg.params) > n[1] {
		switch seg.kind {
		case KindCount, KindPlural:
			return segment{}, fmt.Errorf("placeholder {%s}: want {%s:%s:singular:plural}", p, name, seg.kind)
		case KindList:
			return segment{}, fmt.Errorf("placeholder {%s}: want {%s:list} or {%s:list:word for none}", p, name, name)
		}
		return segment{}, fmt.Errorf("placeholder {%s}: %s takes no parameters", p, seg.kind)
	}
	for _, w := range seg.params {
		if strings.TrimSpace(w) == "" {
			return segment{}, fmt.Errorf("placeholder {%s}: empty parameter", p)
		}
	}
	return seg, nil
}

func validName(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// maxDepth bounds nested messages, so that a message that contains
// itself cannot recurse forever.
const maxDepth = 8

// Render renders the template in lang ("de" or "en") with args. Nested
// messages ({x:msg}) are looked up with lookup.
func (t *Template) Render(lang string, args map[string]any, lookup Lookup) (string, error) {
	var b strings.Builder
	if err := t.render(&b, lang, args, lookup, 0); err != nil {
		return "", err
	}
	return b.String(), nil
}

func (t *Template) render(b *strings.Builder, lang string, args map[string]any, lookup Lookup, depth int) error {
	for _, s := range t.segments(lang) {
		if s.name == "" {
			b.WriteString(s.lit)
			continue
		}
		v, ok := args[s.name]
		if !ok {
			return fmt.Errorf("argument %s missing", s.name)
		}
		if err := s.write(b, lang, v, lookup, depth); err != nil {
			return fmt.Errorf("argument %s: %w", s.name, err)
		}
	}
	return nil
}

// null is how a null argument reads.
const null = "–"

func (s segment) write(b *strings.Builder, lang string, v any, lookup Lookup, depth int) error {
	if v == nil && s.kind != KindList && s.kind != KindPlural {
		b.WriteString(null)
		return nil
	}
	switch s.kind {
	case KindPlain:
		str, err := plain(lang, v)
		if err != nil {
			return err
		}
		b.WriteString(str)
	case KindNumber:
		f, ok := number(v)
		if !ok {
			return wantGot("a number", v)
		}
		if f == math.Trunc(f) {
			b.WriteString(Number(lang, f, 0))
		} else {
			// Up to two decimals, without trailing zeros: 1,5 / 99,25.
			b.WriteString(strings.TrimRight(strings.TrimRight(Number(lang, f, 2), "0"), ",."))
		}
	case KindCount:
		f, ok := number(v)
		if !ok || f != math.Trunc(f) {
			return wantGot("a whole number", v)
		}
		b.WriteString(Count(lang, int(f), s.params[0], s.params[1]))
	case KindPlural:
		n, ok := size(v)
		if !ok {
			return wantGot("a whole number or a list", v)
		}
		b.WriteString(Plural(n, s.params[0], s.params[1]))
	case KindDuration:
		f, ok := number(v)
		if !ok {
			return wantGot("a duration in seconds", v)
		}
		b.WriteString(Duration(lang, time.Duration(f*float64(time.Second))))
	case KindDatetime, KindDate:
		ns, ok := nanos(v)
		if !ok {
			return wantGot("a time in nanoseconds since the epoch", v)
		}
		t := time.Unix(0, ns)
		if s.kind == KindDate {
			b.WriteString(Date(lang, t))
		} else {
			b.WriteString(DateTime(lang, t))
		}
	case KindList:
		items, err := list(lang, v, lookup, depth)
		if err != nil {
			return err
		}
		if len(items) == 0 {
			b.WriteString(noneWord(lang, s.params))
		} else {
			b.WriteString(List(lang, items))
		}
	case KindMsg:
		return renderNested(b, lang, v, lookup, depth)
	case KindMsgs:
		xs, ok := v.([]any)
		if !ok {
			return wantGot("a list of messages", v)
		}
		for i, x := range xs {
			if i > 0 {
				b.WriteString("; ")
			}
			if err := renderNested(b, lang, x, lookup, depth); err != nil {
				return fmt.Errorf("message %d: %w", i+1, err)
			}
		}
	case KindText:
		str, err := text(lang, v)
		if err != nil {
			return err
		}
		b.WriteString(str)
	}
	return nil
}

func noneWord(lang string, params []string) string {
	if len(params) > 0 {
		return params[0]
	}
	if lang == "de" {
		return "keine"
	}
	return "none"
}

func wantGot(want string, v any) error {
	return fmt.Errorf("want %s, got %s", want, describe(v))
}

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return strconv.Quote(x)
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	case []any, []string:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// plain renders a string, number or boolean as is.
func plain(lang string, v any) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case bool:
		return strconv.FormatBool(x), nil
	}
	f, ok := number(v)
	if !ok {
		return "", wantGot("a string, number or boolean", v)
	}
	if n, ok := v.(json.Number); ok && !strings.ContainsAny(n.String(), ".eE") {
		return n.String(), nil
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return strconv.FormatInt(int64(f), 10), nil
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if lang == "de" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s, nil
}

// ArgNumber reads a message argument as a number: a JSON number
// (json.Number as OPA gives them) or a Go number (the engine's own
// messages).
func ArgNumber(v any) (float64, bool) { return number(v) }

// number reads a JSON number (json.Number as OPA gives them, or a Go
// number as the engine's own messages do).
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case int32:
		return float64(x), true
	case uint64:
		return float64(x), true
	}
	return 0, false
}

// nanos reads a time in nanoseconds exactly: a float64 cannot hold every
// nanosecond of today.
func nanos(v any) (int64, bool) {
	switch x := v.(type) {
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return n, true
		}
		f, err := x.Float64()
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return 0, false
		}
		return clampInt64(f), true
	case int64:
		return x, true
	case int:
		return int64(x), true
	case time.Time:
		return x.UnixNano(), true
	}
	f, ok := number(v)
	if !ok || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return clampInt64(f), true
}

func clampInt64(f float64) int64 {
	switch {
	case f >= math.MaxInt64:
		return math.MaxInt64
	case f <= math.MinInt64:
		return math.MinInt64
	}
	return int64(f)
}

func size(v any) (int, bool) {
	switch x := v.(type) {
	case nil:
		return 0, true
	case []any:
		return len(x), true
	case []string:
		return len(x), true
	}
	f, ok := number(v)
	if !ok || f != math.Trunc(f) {
		return 0, false
	}
	return int(f), true
}

// list renders the items of a list: strings, numbers and booleans as
// {name} does, message objects as {name:msg} does.
func list(lang string, v any, lookup Lookup, depth int) ([]string, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case []string:
		return x, nil
	case []any:
		out := make([]string, len(x))
		for i, e := range x {
			if _, ok := e.(map[string]any); ok {
				var b strings.Builder
				if err := renderNested(&b, lang, e, lookup, depth); err != nil {
					return nil, fmt.Errorf("item %d: %w", i+1, err)
				}
				out[i] = b.String()
				continue
			}
			s, err := plain(lang, e)
			if err != nil {
				return nil, fmt.Errorf("item %d: %w", i+1, err)
			}
			out[i] = s
		}
		return out, nil
	}
	return nil, wantGot("a list", v)
}

// Texter is a text in both languages, such as controls.Text.
type Texter interface {
	Texts() (de, en string)
}

// Missing marks a text shown in a language it is not available in:
// "[nur englisch verfügbar] …" in a German document, never silently as if
// it were German.
func Missing(lang, text string) string {
	if lang == "de" {
		return "[nur auf Englisch verfügbar] " + text
	}
	return "[only available in German] " + text
}

// text picks the language of a {de, en} object; a missing language is
// marked with Missing.
func text(lang string, v any) (string, error) {
	var de, en string
	switch x := v.(type) {
	case Texter:
		de, en = x.Texts()
	case map[string]string:
		de, en = x["de"], x["en"]
	case map[string]any:
		for k, val := range x {
			s, ok := val.(string)
			if !ok || k != "de" && k != "en" {
				return "", wantGot(`a text {"de": "…", "en": "…"}`, v)
			}
			if k == "de" {
				de = s
			} else {
				en = s
			}
		}
	default:
		return "", wantGot(`a text {"de": "…", "en": "…"}`, v)
	}
	switch {
	case lang == "de" && de != "":
		return de, nil
	case lang != "de" && en != "":
		return en, nil
	case lang == "de" && en != "":
		return Missing(lang, en), nil
	case lang != "de" && de != "":
		return Missing(lang, de), nil
	}
	return null, nil
}

// renderNested renders a nested message object {"id": …, "args": {…}}.
func renderNested(b *strings.Builder, lang string, v any, lookup Lookup, depth int) error {
	id, args, err := SplitMessage(v)
	if err != nil {
		return err
	}
	if depth >= maxDepth {
		return fmt.Errorf("message %s: nested more than %d deep", id, maxDepth)
	}
	if lookup == nil {
		return fmt.Errorf("message %s: no catalogue to look it up in", id)
	}
	t, ok := lookup(id)
	if !ok {
		return fmt.Errorf("unknown message id %q", id)
	}
	if err := t.render(b, lang, args, lookup, depth+1); err != nil {
		return fmt.Errorf("message %s: %w", id, err)
	}
	return nil
}

// SplitMessage reads a message object {"id": "…", "args": {…}}; args may
// be absent.
func SplitMessage(v any) (string, map[string]any, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return "", nil, wantGot(`a message {"id": "…", "args": {…}}`, v)
	}
	id, ok := m["id"].(string)
	if !ok || id == "" {
		return "", nil, fmt.Errorf(`want a message {"id": "…", "args": {…}} with a non-empty id, got id %s`, describe(m["id"]))
	}
	for k := range m {
		if k != "id" && k != "args" {
			return "", nil, fmt.Errorf("message %s: unknown field %q (want id and args)", id, k)
		}
	}
	var args map[string]any
	if raw, ok := m["args"]; ok && raw != nil {
		args, ok = raw.(map[string]any)
		if !ok {
			return "", nil, fmt.Errorf("message %s: args: %w", id, wantGot("an object", raw))
		}
	}
	return id, args, nil
}

package config

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Error is a problem with the configuration file: where it is and what was
// expected. Its text is "<file>:<line>: <key path>: <message>", e.g.
// "nachweis.yaml:12: sources.restic[0].max_age: expected a duration like
// 26h, got "yesterday"". Messages quote at most the offending value and
// never the value of a secret-looking key.
type Error struct {
	File string
	Line int
	// Path is the key path, e.g. sources.restic[0].max_age; empty for
	// problems with the whole file.
	Path string
	Msg  string
}

func (e *Error) Error() string {
	if e.Path == "" {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, e.Path, e.Msg)
}

var (
	durationType = reflect.TypeFor[time.Duration]()
	timeType     = reflect.TypeFor[time.Time]()
)

// maxNodes bounds the work of decoding one file, so that a file of nested
// aliases ("billion laughs") cannot make the decoder run away.
const maxNodes = 1_000_000

// decoder decodes a yaml.Node tree into Go values strictly: every key must
// be a field, every value must have the field's type. Unlike yaml.v3's
// own KnownFields decoding, its errors name the key path and quote only
// the offending value. It records the line of every path it decodes so
// that later validation can point at the same place.
type decoder struct {
	file  string
	lines map[string]int
	nodes int
}

func (d *decoder) errAt(line int, path, format string, args ...any) *Error {
	return &Error{File: d.file, Line: line, Path: path, Msg: fmt.Sprintf(format, args...)}
}

// decode decodes n into v (addressable) at key path p.
func (d *decoder) decode(p string, n *yaml.Node, v reflect.Value) error {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if d.nodes++; d.nodes > maxNodes {
		return d.errAt(n.Line, p, "document too large (more than %d values after expanding aliases)", maxNodes)
	}
	if _, ok := d.lines[p]; !ok {
		d.lines[p] = n.Line
	}
	if isNull(n) {
		return nil // an empty value leaves the zero value: "not given"
	}
	switch v.Type() {
	case durationType:
		s, err := d.scalar(p, n, "a duration like 26h or 7d")
		if err != nil {
			return err
		}
		dur, ok := parseDuration(s)
		if !ok {
			return d.errAt(n.Line, p, "expected a duration like 26h or 7d, got %s", quote(s))
		}
		v.SetInt(int64(dur))
		return nil
	case timeType:
		s, err := d.scalar(p, n, "a date YYYY-MM-DD")
		if err != nil {
			return err
		}
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return d.errAt(n.Line, p, "expected a date YYYY-MM-DD, got %s", quote(s))
		}
		v.Set(reflect.ValueOf(t))
		return nil
	}
	switch v.Kind() {
	case reflect.Pointer:
		e := reflect.New(v.Type().Elem())
		if err := d.decode(p, n, e.Elem()); err != nil {
			return err
		}
		v.Set(e)
		return nil
	case reflect.Struct:
		return d.decodeStruct(p, n, v)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return d.errAt(n.Line, p, "expected a list, got %s", describe(n))
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			cp := fmt.Sprintf("%s[%d]", p, i)
			d.lines[cp] = c.Line
			if err := d.decode(cp, c, s.Index(i)); err != nil {
				return err
			}
		}
		v.Set(s)
		return nil
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			return d.errAt(n.Line, p, "expected a mapping, got %s", describe(n))
		}
		m := reflect.MakeMapWithSize(v.Type(), len(n.Content)/2)
		seen := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode || isNull(k) {
				return d.errAt(k.Line, p, "expected a mapping with text keys, got a key that is %s", describe(k))
			}
			cp := join(p, k.Value)
			if first, dup := seen[k.Value]; dup {
				return d.errAt(k.Line, cp, "key repeated (first on line %d)", first)
			}
			seen[k.Value] = k.Line
			d.lines[cp] = k.Line
			e := reflect.New(v.Type().Elem()).Elem()
			if err := d.decode(cp, val, e); err != nil {
				return err
			}
			m.SetMapIndex(reflect.ValueOf(k.Value), e)
		}
		v.Set(m)
		return nil
	case reflect.String:
		s, err := d.scalar(p, n, "text")
		if err != nil {
			return err
		}
		v.SetString(s)
		return nil
	case reflect.Int:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
			return d.errAt(n.Line, p, "expected a whole number, got %s", describe(n))
		}
		var i int
		if err := n.Decode(&i); err != nil {
			return d.errAt(n.Line, p, "expected a whole number, got %s", describe(n))
		}
		v.SetInt(int64(i))
		return nil
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			return d.errAt(n.Line, p, "expected true or false, got %s", describe(n))
		}
		var b bool
		if err := n.Decode(&b); err != nil {
			return d.errAt(n.Line, p, "expected true or false, got %s", describe(n))
		}
		v.SetBool(b)
		return nil
	}
	// Only reachable when a field of an unsupported type is added to the
	// schema; a test decodes every field, so this is a programming error.
	return d.errAt(n.Line, p, "cannot decode into %s", v.Type())
}

// scalar returns the text of a scalar node or an error naming what was
// expected instead.
func (d *decoder) scalar(p string, n *yaml.Node, want string) (string, error) {
	if n.Kind != yaml.ScalarNode {
		return "", d.errAt(n.Line, p, "expected %s, got %s", want, describe(n))
	}
	return n.Value, nil
}

// field is one key of a struct: its index path (through inline embedded
// structs) in the Go value.
type field struct {
	key   string
	index []int
}

// fieldsOf lists the yaml keys of a struct type, following embedded
// structs tagged ",inline".
func fieldsOf(t reflect.Type) []field {
	var out []field
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		if tag == "-" || !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if opts == "inline" && f.Type.Kind() == reflect.Struct {
			for _, inner := range fieldsOf(f.Type) {
				inner.index = append([]int{i}, inner.index...)
				out = append(out, inner)
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out = append(out, field{key: name, index: []int{i}})
	}
	return out
}

func (d *decoder) decodeStruct(p string, n *yaml.Node, v reflect.Value) error {
	if n.Kind != yaml.MappingNode {
		return d.errAt(n.Line, p, "expected a mapping, got %s", describe(n))
	}
	fields := fieldsOf(v.Type())
	byKey := make(map[string][]int, len(fields))
	for _, f := range fields {
		byKey[f.key] = f.index
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return d.errAt(k.Line, p, "expected a mapping with text keys, got a key that is %s", describe(k))
		}
		cp := join(p, k.Value)
		index, ok := byKey[k.Value]
		if !ok {
			if isSecretKey(k.Value) {
				return d.errAt(k.Line, cp, "a literal secret does not belong in the configuration; %s (the value is not shown)", secretAdvice(fields))
			}
			return d.errAt(k.Line, cp, "unknown key (expected one of: %s)", keyList(fields))
		}
		if first, dup := seen[k.Value]; dup {
			return d.errAt(k.Line, cp, "key repeated (first on line %d)", first)
		}
		seen[k.Value] = k.Line
		d.lines[cp] = k.Line
		if err := d.decode(cp, val, v.FieldByIndex(index)); err != nil {
			return err
		}
	}
	return nil
}

// secretWords are key names (or key suffixes after "_") that hold a
// secret value rather than a reference to one.
var secretWords = []string{"password", "passphrase", "passwd", "token", "secret", "api_key", "apikey", "access_key", "secret_key", "private_key", "client_secret", "credentials"}

func isSecretKey(key string) bool {
	k := strings.ToLower(key)
	for _, w := range secretWords {
		if k == w || strings.HasSuffix(k, "_"+w) {
			return true
		}
	}
	return false
}

// secretAdvice names the reference keys the mapping offers instead.
func secretAdvice(fields []field) string {
	var refs []string
	for _, f := range fields {
		if strings.HasSuffix(f.key, "_file") || strings.HasSuffix(f.key, "_env") {
			refs = append(refs, f.key)
		}
	}
	switch len(refs) {
	case 0:
		return "keep it in a file or an environment variable and reference it with a *_file or *_env key of the source"
	case 1:
		return "reference it with " + refs[0] + " instead"
	default:
		return "reference it with " + strings.Join(refs[:len(refs)-1], ", ") + " or " + refs[len(refs)-1] + " instead"
	}
}

func keyList(fields []field) string {
	keys := make([]string, len(fields))
	for i, f := range fields {
		keys[i] = f.key
	}
	return strings.Join(keys, ", ")
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// describe names a node for an error message: scalars are quoted
// (shortened), collections named by kind.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if isNull(n) {
		return "nothing"
	}
	return quote(n.Value)
}

// quote quotes a value for a message, shortened so that a message never
// carries more than the start of a long value.
func quote(s string) string {
	const max = 60
	if utf8.RuneCountInString(s) > max {
		r := []rune(s)
		return strconv.Quote(string(r[:max])) + "…"
	}
	return strconv.Quote(s)
}

func join(p, key string) string {
	if p == "" {
		return key
	}
	return p + "." + key
}

var dayDuration = regexp.MustCompile(`^([0-9]+)d(.*)$`)

// parseDuration parses a positive Go duration, also accepting a leading
// day count: "7d", "1d12h".
func parseDuration(s string) (time.Duration, bool) {
	var days time.Duration
	rest := s
	if m := dayDuration.FindStringSubmatch(s); m != nil {
		n, err := strconv.Atoi(m[1])
		if err != nil || n > 100_000 {
			return 0, false
		}
		days = time.Duration(n) * 24 * time.Hour
		rest = m[2]
		if strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "+") {
			return 0, false
		}
	}
	var d time.Duration
	if rest != "" {
		var err error
		if d, err = time.ParseDuration(rest); err != nil {
			return 0, false
		}
	}
	d += days
	if d <= 0 {
		return 0, false
	}
	return d, true
}

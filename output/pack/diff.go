package pack

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// DiffJSON describes where two JSON documents differ, as JSON pointers
// with both values ("/checks/3/status: packed "pass", re-evaluated
// "fail""), at most max of them in document order; the second return is
// how many differences there are in all. want is the packed document, got
// the re-evaluated one. A document that is not JSON is one difference at
// "".
func DiffJSON(want, got []byte, max int) ([]string, int) {
	w, err1 := decodeAny(want)
	g, err2 := decodeAny(got)
	if err1 != nil || err2 != nil {
		return []string{fmt.Sprintf(`"": not comparable as JSON (packed: %v, re-evaluated: %v)`, err1, err2)}, 1
	}
	var out []string
	n := 0
	diffValue("", w, g, func(ptr string, a, b any) {
		n++
		if len(out) < max {
			out = append(out, fmt.Sprintf("%s: packed %s, re-evaluated %s", ptrOrRoot(ptr), short(a), short(b)))
		}
	})
	return out, n
}

func decodeAny(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// missing marks a value absent on one side.
type missing struct{}

func diffValue(ptr string, a, b any, report func(string, any, any)) {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			report(ptr, a, b)
			return
		}
		keys := map[string]bool{}
		for k := range x {
			keys[k] = true
		}
		for k := range y {
			keys[k] = true
		}
		sorted := make([]string, 0, len(keys))
		for k := range keys {
			sorted = append(sorted, k)
		}
		sort.Strings(sorted)
		for _, k := range sorted {
			av, aok := x[k]
			bv, bok := y[k]
			p := ptr + "/" + escapePointer(k)
			switch {
			case !aok:
				report(p, missing{}, bv)
			case !bok:
				report(p, av, missing{})
			default:
				diffValue(p, av, bv, report)
			}
		}
	case []any:
		y, ok := b.([]any)
		if !ok {
			report(ptr, a, b)
			return
		}
		for i := 0; i < len(x) || i < len(y); i++ {
			p := ptr + "/" + strconv.Itoa(i)
			switch {
			case i >= len(x):
				report(p, missing{}, y[i])
			case i >= len(y):
				report(p, x[i], missing{})
			default:
				diffValue(p, x[i], y[i], report)
			}
		}
	default:
		if !scalarEqual(a, b) {
			report(ptr, a, b)
		}
	}
}

func scalarEqual(a, b any) bool {
	switch a.(type) {
	case nil, bool, string, json.Number:
		return a == b
	}
	return false
}

func escapePointer(k string) string {
	return strings.ReplaceAll(strings.ReplaceAll(k, "~", "~0"), "/", "~1")
}

func ptrOrRoot(p string) string {
	if p == "" {
		return "(the whole document)"
	}
	return p
}

// short renders a value for a message, cut at 80 characters.
func short(v any) string {
	if _, ok := v.(missing); ok {
		return "nothing"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	s := string(b)
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return s
}

package evidence

import (
	"encoding/json"
	"strconv"
	"strings"
)

// scanFrame is an open object or array during duplicateKind's scan.
type scanFrame struct {
	object  bool
	sawKind bool
	key     []byte // the current key of an object, raw
	index   int    // the current index of an array
}

// duplicateKind returns the JSON pointer of the first object in data that
// has the key "kind" twice (also when spelt with escapes, "\u006bind", or
// in another letter case, "Kind", which encoding/json takes for it too),
// "" for the top-level value. A decoder keeps one of the two, so such an
// object could be a Secret to one reader and a ConfigMap to another;
// Kubernetes redaction decides by kind and refuses it. data must be valid
// JSON (it has been decoded already); the scan does not validate it.
func duplicateKind(data []byte) (string, bool) {
	var stack []scanFrame
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '{':
			stack = append(stack, scanFrame{object: true})
		case '[':
			stack = append(stack, scanFrame{})
		case '}', ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case ',':
			if n := len(stack); n > 0 && !stack[n-1].object {
				stack[n-1].index++
			}
		case '"':
			end := stringEnd(data, i)
			if end < 0 {
				return "", false
			}
			j := end + 1
			for j < len(data) && (data[j] == ' ' || data[j] == '\t' || data[j] == '\r' || data[j] == '\n') {
				j++
			}
			if n := len(stack); n > 0 && stack[n-1].object && j < len(data) && data[j] == ':' {
				top := &stack[n-1]
				top.key = data[i+1 : end]
				if strings.EqualFold(unescapeKey(top.key), "kind") {
					if top.sawKind {
						return pointerOf(stack[:n-1]), true
					}
					top.sawKind = true
				}
			}
			i = end
		}
	}
	return "", false
}

// stringEnd is the index of the quote that closes the JSON string opening
// at data[start], or -1.
func stringEnd(data []byte, start int) int {
	for i := start + 1; i < len(data); i++ {
		switch data[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return -1
}

// unescapeKey decodes the raw bytes of a JSON string.
func unescapeKey(raw []byte) string {
	if !strings.ContainsRune(string(raw), '\\') {
		return string(raw)
	}
	var s string
	if json.Unmarshal([]byte(`"`+string(raw)+`"`), &s) != nil {
		return string(raw)
	}
	return s
}

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

// pointerOf is the JSON pointer (RFC 6901) of the value the frames lead
// to.
func pointerOf(frames []scanFrame) string {
	var sb strings.Builder
	for _, f := range frames {
		sb.WriteByte('/')
		if f.object {
			sb.WriteString(pointerEscaper.Replace(unescapeKey(f.key)))
		} else {
			sb.WriteString(strconv.Itoa(f.index))
		}
	}
	return sb.String()
}

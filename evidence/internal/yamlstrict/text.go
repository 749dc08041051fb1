package yamlstrict

import (
	"strconv"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// IsNull reports whether n is an empty value: null, ~ or nothing at all.
func IsNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// Describe names a node for an error message: scalars are quoted
// (shortened), collections named by kind.
func Describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if IsNull(n) {
		return "nothing"
	}
	return Quote(n.Value)
}

// Quote quotes a value for a message, shortened so that a message never
// carries more than the start of a long value.
func Quote(s string) string {
	const max = 60
	if utf8.RuneCountInString(s) > max {
		r := []rune(s)
		return strconv.Quote(string(r[:max])) + "…"
	}
	return strconv.Quote(s)
}

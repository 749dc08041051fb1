package l10n

import "strings"

// Plural picks the singular for exactly one, else the plural: "Objekt",
// "Objekte".
func Plural(n int, singular, plural string) string {
	if n == 1 {
		return singular
	}
	return plural
}

// Count is a number with its noun: "1 Objekt", "2 Objekte", "1.200
// Objekte" (de); "1 object", "1,200 objects" (en).
func Count(lang string, n int, singular, plural string) string {
	return Int(lang, n) + " " + Plural(n, singular, plural)
}

// List joins items as running text: "a", "a und b", "a, b und c" (de),
// "a and b", "a, b and c" (en). An empty list is empty; callers choose
// the word for "none" that fits their sentence.
func List(lang string, items []string) string {
	and := " and "
	if lang == "de" {
		and = " und "
	}
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + and + items[len(items)-1]
}

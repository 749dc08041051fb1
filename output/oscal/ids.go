package oscal

import (
	"io/fs"
	"net/url"
	"strings"
	"time"
	"unicode"
)

// OSCALVersion is the OSCAL version the documents conform to.
const OSCALVersion = "1.1.3"

// NS is the namespace of nachweis's own props.
const NS = "https://github.com/nachweis/nachweis/ns/oscal"

// ControlID returns the OSCAL control id (an NCName token) of a
// requirement: the framework, a dash and the id in lower case, with
// GDPR's parentheses as dots: c5-2020-ops-06, c5-2026-ops-31,
// iso27001-2022-a.8.13, gdpr-32.1.c. The reference as nachweis writes it
// (c5-2020:OPS-06) goes into a prop.
func ControlID(framework, id string) string {
	var b strings.Builder
	b.WriteString(framework)
	b.WriteByte('-')
	for _, r := range id {
		switch {
		case r == '(':
			b.WriteByte('.')
		case r == ')':
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == '_':
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}

// frameworkNames are the short names of the frameworks in titles.
var frameworkNames = map[string]string{"c5-2020": "C5:2020", "c5-2026": "C5:2026", "iso27001-2022": "ISO/IEC 27001:2022", "gdpr": "GDPR"}

func frameworkName(fw string) string {
	if n, ok := frameworkNames[fw]; ok {
		return n
	}
	return fw
}

// props collects nachweis props, leaving out empty values and folding
// whitespace, since an OSCAL prop value is one line without leading or
// trailing blanks.
type props []prop

func (p *props) add(name, value string) {
	v := strings.Join(strings.Fields(value), " ")
	if v == "" {
		return
	}
	*p = append(*p, prop{Name: name, NS: NS, Value: v})
}

// timestamp formats t as an OSCAL date-time with time zone (UTC).
func timestamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// href returns the relative reference root+p with every path segment
// escaped, or "" when p is not a relative slash path (such a file is not
// beside the document and gets no link).
func href(root, p string) string {
	if !fs.ValidPath(p) || p == "." {
		return ""
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return root + strings.Join(segs, "/")
}

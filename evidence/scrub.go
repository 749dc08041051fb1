package evidence

import (
	"encoding/base64"
	"regexp"
	"strings"
)

// Redacted is what a scrubbed credential is replaced with.
const Redacted = "[redacted]"

// Credential shapes ScrubCredentials recognises without knowing the value.
// Each collector also scrubs the credentials it knows by value; these
// patterns are the second line of defence for the ones it does not know (a
// proxy's, a plugin's) and for collectors that forget.
var (
	// authHeaderRE finds an Authorization or Proxy-Authorization header as
	// servers and proxies echo it; authCredentials takes the value apart.
	authHeaderRE = regexp.MustCompile(`(?i)\b(?:proxy-)?authorization"?\s*[:=]\s*["\[]?`)
	// bearerRE finds "Bearer <token>" anywhere.
	bearerRE = regexp.MustCompile(`(?i)\bbearer\s+([A-Za-z0-9\-._~+/]+=*)`)
	// basicRE finds "Basic <base64>"; basicCredentials decides whether the
	// base64 is a user:password pair.
	basicRE = regexp.MustCompile(`\bBasic\s+([A-Za-z0-9+/]{4,}={0,2})`)
	// tokenRE finds tokens whose shape gives them away: GitHub (ghp_,
	// gho_, ghu_, ghs_, ghr_, github_pat_), GitLab (glpat-), Slack (xox?-),
	// JSON web tokens (Kubernetes service accounts, OIDC, Azure AD),
	// EKS's k8s-aws-v1. and Google's ya29. access tokens.
	tokenRE = regexp.MustCompile(`\b(?:gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{16,}|glpat-[A-Za-z0-9_\-]{16,}|xox[abpors]-[A-Za-z0-9\-]{10,}|eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]*|k8s-aws-v1\.[A-Za-z0-9_\-]{16,}|ya29\.[A-Za-z0-9_\-]{16,})`)
	// urlPasswordRE finds the password of a URL's user information
	// (https://user:password@proxy:3128).
	urlPasswordRE = regexp.MustCompile(`([a-zA-Z][a-zA-Z0-9+.\-]*://[^\s/:@]*:)([^\s/@]+)@`)
)

// ScrubCredentials replaces the credentials in msg that have a recognisable
// shape with [redacted]: the value of an echoed Authorization or
// Proxy-Authorization header (its scheme stays), a "Bearer" token, a
// "Basic" user:password pair, the password of a URL, and tokens of known
// shapes (see tokenRE). Everything else is left as it is.
func ScrubCredentials(msg string) string {
	if msg == "" {
		return msg
	}
	msg = scrubAuthHeaders(msg)
	msg = bearerRE.ReplaceAllStringFunc(msg, func(m string) string {
		tok := bearerRE.FindStringSubmatch(m)[1]
		if !tokenLike(tok) {
			return m
		}
		return m[:len(m)-len(tok)] + Redacted
	})
	msg = basicRE.ReplaceAllStringFunc(msg, func(m string) string {
		cred := basicRE.FindStringSubmatch(m)[1]
		if !basicCredentials(cred) {
			return m
		}
		return m[:len(m)-len(cred)] + Redacted
	})
	msg = tokenRE.ReplaceAllString(msg, Redacted)
	return urlPasswordRE.ReplaceAllString(msg, "${1}"+Redacted+"@")
}

// scrubAuthHeaders replaces the credential after every "Authorization:"
// in msg: the word after the scheme ("Bearer", "token", "Basic") or, with
// no scheme, the first word.
func scrubAuthHeaders(msg string) string {
	var sb strings.Builder
	for {
		loc := authHeaderRE.FindStringIndex(msg)
		if loc == nil {
			sb.WriteString(msg)
			return sb.String()
		}
		end := loc[1]
		if msg[end-1] == '[' && strings.HasPrefix(msg[end-1:], Redacted) {
			end-- // the bracket opens "[redacted]"
		}
		sb.WriteString(msg[:end])
		msg = msg[end:]
		first := credentialEnd(msg)
		if first == 0 {
			continue
		}
		// "Bearer xyz": keep the scheme, replace what follows it.
		rest := msg[first:]
		spaces := len(rest) - len(strings.TrimLeft(rest, " "))
		if spaces > 0 && isScheme(msg[:first]) {
			if second := credentialEnd(rest[spaces:]); second > 0 {
				sb.WriteString(msg[:first+spaces] + Redacted)
				msg = rest[spaces+second:]
				continue
			}
		}
		sb.WriteString(Redacted)
		msg = msg[first:]
	}
}

// credentialEnd is the length of the credential word at the start of s:
// up to white space, a quote, a bracket or a separator. "[redacted]" is
// one word.
func credentialEnd(s string) int {
	if strings.HasPrefix(s, Redacted) {
		return len(Redacted)
	}
	return strings.IndexFunc(s+" ", func(r rune) bool {
		return r <= ' ' || strings.ContainsRune(`"'<>()[]{},;\`, r)
	})
}

// isScheme reports whether w is an HTTP authentication scheme (Bearer,
// Basic, token, Negotiate, AWS4-HMAC-SHA256, ...): a word of letters,
// digits and dashes that starts with a letter.
func isScheme(w string) bool {
	if w == "" || len(w) > 32 || !(w[0] >= 'A' && w[0] <= 'Z' || w[0] >= 'a' && w[0] <= 'z') {
		return false
	}
	for _, r := range w {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// tokenLike tells a bearer token from an English word after "bearer":
// long enough, and either long or not only letters.
func tokenLike(s string) bool {
	if len(s) >= 20 {
		return true
	}
	return len(s) >= 8 && strings.ContainsFunc(s, func(r rune) bool { return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') })
}

// basicCredentials reports whether s is the base64 of a user:password
// pair, as an HTTP Basic Authorization header carries.
func basicCredentials(s string) bool {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		b, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
	}
	return err == nil && strings.IndexByte(string(b), ':') > 0
}

// secretPrefixes start credentials of well-known services; an
// environment variable name never starts with them.
var secretPrefixes = []string{
	"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xoxa-", "xoxb-", "xoxp-", "xoxr-", "xoxs-",
	"sk_live_", "sk_test_", "rk_live_", "eyJ", "ya29.", "k8s-aws-v1.",
}

// keyIDRE matches AWS access key ids and Google API keys, whose prefixes
// alone (ASIA) could start a variable name.
var keyIDRE = regexp.MustCompile(`^(?:(?:AKIA|ASIA)[A-Z0-9]{16}|AIza[0-9A-Za-z_\-]{35})$`)

// LooksLikeSecret reports whether s, given where a name belongs (an
// environment variable name), looks like a secret value instead: a token
// of a well-known shape, or a random-looking string (mixed case with
// digits, or a long run of letters and digits without separators).
func LooksLikeSecret(s string) bool {
	for _, p := range secretPrefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	if keyIDRE.MatchString(s) || ScrubCredentials(s) != s {
		return true
	}
	var lower, upper, digit, other bool
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			lower = true
		case r >= 'A' && r <= 'Z':
			upper = true
		case r >= '0' && r <= '9':
			digit = true
		default:
			other = true
		}
	}
	switch {
	case lower && upper && digit && len(s) >= 12:
		return true
	case !other && digit && (lower || upper) && len(s) >= 20:
		return true
	}
	return len(s) > 64
}

// ShowableEnvName reports whether an environment variable name may be
// quoted in a message: written the conventional way (upper-case letters,
// digits and '_') and not looking like a secret. Other names are valid
// but might be a lower-case password pasted where the name belongs; a
// message names the configuration key instead.
func ShowableEnvName(name string) bool {
	if name == "" || name[0] >= '0' && name[0] <= '9' || LooksLikeSecret(name) {
		return false
	}
	for _, r := range name {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

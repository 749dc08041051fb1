package printable

import "testing"

func TestString(t *testing.T) {
	for in, want := range map[string]string{
		"plain ä/~1 name €":   "plain ä/~1 name €",
		"a\nb\rc\td":          "a%0Ab%0Dc%09d",
		"\x1b]0;t\x07":        "%1B]0;t%07",
		"evil\u202etxt":       "evil%E2%80%AEtxt",
		"bad \xff byte":       "bad %FF byte",
		"line\u2028sep\u0085": "line%E2%80%A8sep%C2%85",
	} {
		if got := String(in); got != want {
			t.Errorf("String(%q) = %q, want %q", in, got, want)
		}
	}
}

package output

import (
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/controls"
)

func TestSafeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"kube-system äöü € 😀", "kube-system äöü € 😀"},
		{"line\n\tindented", "line\n\tindented"},
		{"\x1b]0;title\x07", "\ufffd]0;title\ufffd"},
		{"\x1b[2J\x1b[31mred", "\ufffd[2J\ufffd[31mred"},
		{"over\rwrite", "over\ufffdwrite"},
		{"evil\u202etxt.exe \u2066x\u2069", "evil\ufffdtxt.exe \ufffdx\ufffd"},
		{"csi \u009b31m", "csi \ufffd31m"},
		{"bad \xff\x9b byte", "bad \ufffd\ufffd byte"},
	}
	for _, tt := range tests {
		if got := SafeText(tt.in); got != tt.want {
			t.Errorf("SafeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// hostileResults is the fixture with terminal escapes planted in every
// kind of text the summary prints: resources, messages, measured values,
// reasons, collector errors, attestation and exception fields.
func hostileResults() *controls.Results {
	const esc = "\x1b]0;pwned\x07\x1b[2J\u202eevil\r\x9b"
	r := fixture()
	r.Tenant += esc
	r.BundleDigest += esc
	for i := range r.Checks {
		c := &r.Checks[i]
		c.Title.EN += esc
		plant := func(m *controls.Message) {
			m.Text.DE += esc
			m.Text.EN += esc
		}
		plant(&c.Reason)
		for j := range c.Findings {
			f := &c.Findings[j]
			f.Resource += esc
			plant(&f.Message)
			plant(&f.Measured)
			plant(&f.Expected)
		}
	}
	for i := range r.Requirements {
		r.Requirements[i].Title.EN += esc
	}
	for i := range r.Sources {
		r.Sources[i].Name += esc
		r.Sources[i].Error += esc
	}
	for i := range r.Attestations {
		r.Attestations[i].By += esc
		r.Attestations[i].File += esc
	}
	for i := range r.Exceptions {
		r.Exceptions[i].Scope += esc
		r.Exceptions[i].RiskOwner += esc
	}
	return r
}

// TestWriteTextNeutralisesEscapes: no control character from the results
// reaches the terminal; with colours, the only escape sequences are our
// own SGR codes.
func TestWriteTextNeutralisesEscapes(t *testing.T) {
	r := hostileResults()
	for _, color := range []bool{false, true} {
		out := writeText(t, r, TextOptions{Lang: "en", Color: color})
		if !strings.Contains(out, "\ufffd]0;pwned\ufffd") {
			t.Errorf("color %v: planted text not shown neutralised", color)
		}
		rest := regexp.MustCompile(`\x1b\[(0|1|2|31|32|33|35|36)m`).ReplaceAllString(out, "")
		if !color {
			rest = out
		}
		for _, bad := range []string{"\x1b", "\x07", "\r", "\u202e", "\u009b"} {
			if strings.Contains(rest, bad) {
				t.Errorf("color %v: output holds %q", color, bad)
			}
		}
	}
	// The caller's results are left as they were.
	if diff := cmp.Diff(hostileResults(), r); diff != "" {
		t.Errorf("WriteText changed its input:\n%s", diff)
	}
}

// TestSafeResultsCopiesOnlyWhatChanges: safe results are returned as they
// are; a hostile string deep in one finding gives a copy in which that
// string is neutralised and the findings that needed no change are
// shared, not copied.
func TestSafeResultsCopiesOnlyWhatChanges(t *testing.T) {
	r := fixture()
	if got := safeResults(r); got != r {
		t.Fatal("safe results were copied")
	}
	var ci, fi int = -1, -1
	for i := range r.Checks {
		if len(r.Checks[i].Findings) > 1 {
			ci, fi = i, 1
			break
		}
	}
	if ci < 0 {
		t.Fatal("fixture has no check with two findings")
	}
	r.Checks[ci].Findings[fi].Message.Args = map[string]any{"name": "x\x1b]0;pwned\x07"}
	got := safeResults(r)
	if got == r {
		t.Fatal("hostile results were returned unchanged")
	}
	if a := got.Checks[ci].Findings[fi].Message.Args["name"]; a != "x\ufffd]0;pwned\ufffd" {
		t.Errorf("argument = %q, want it neutralised", a)
	}
	if a := r.Checks[ci].Findings[fi].Message.Args["name"]; a != "x\x1b]0;pwned\x07" {
		t.Errorf("the caller's argument changed to %q", a)
	}
	if &got.Checks[ci].Findings[0] == &r.Checks[ci].Findings[0] {
		t.Error("the changed finding's slice is shared with the caller's")
	}
	if len(r.Checks) > 1 {
		other := (ci + 1) % len(r.Checks)
		if len(r.Checks[other].Findings) > 0 && &got.Checks[other].Findings[0] != &r.Checks[other].Findings[0] {
			t.Error("an unchanged check's findings were copied")
		}
	}
}

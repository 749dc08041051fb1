package output

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nachweis/nachweis/controls"
)

func writeText(t *testing.T, r *controls.Results, opt TextOptions) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteText(&buf, r, opt); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestWriteTextContent(t *testing.T) {
	tests := []struct {
		lang string
		want []string
	}{
		{"en", []string{
			"Evaluated at:      2026-11-23 14:05 UTC",
			"Evidence cut-off:  2026-11-23 13:58 UTC",
			"Tenant:            acme",
			"Requirements: not met (6)",
			"Requirements: not assessed – evidence missing (4)",
			// No-evidence requirements by name, with their reasons.
			"c5-2020 IDM-09  Authentication mechanisms",
			"gdpr 28(3)(e)  Assistance with data subject rights",
			"Measures: none – no measure covers this requirement",
			"Measure TOM-ORG-03: no attestation on record",
			"Reason: evidence github.organization missing: 403 Forbidden",
			// The second axis: a failed check ran, an attestation alone
			// is no measurement.
			"Basis of the assessment per framework",
			"Basis: technically verified",
			"Check BAK-01 [high] Backups are at most 26 hours old: not met",
			"expected: ≤ 26 h; measured: 30 h",
			"… and 2 more",
			"(findings listed above under c5-2020 OPS-06)",
			"Collector errors (1)",
			"403 Forbidden (must be an organization owner)",
			"Expired attestations (1)",
			"expired on 2026-10-31",
			"Accepted exceptions (risk acceptance) (2)",
			"EXC-2026-003  check K8S-NET-01",
		}},
		{"de", []string{
			"Bewertet am:             23.11.2026, 14:05 Uhr (UTC)",
			"Anforderungen: nicht erfüllt (6)",
			"Anforderungen: nicht bewertet – Nachweis fehlt (4)",
			"gdpr 32(1)(d)  Regelmäßige Überprüfung der Wirksamkeit",
			"Prüfung BAK-01 [hoch] Datensicherungen sind höchstens 26 Stunden alt: nicht erfüllt",
			"erwartet: ≤ 26 Std.; gemessen: 30 Std.",
			"Grund: Nachweis github.organization fehlt: 403 Forbidden",
			"Maßnahme TOM-ORG-02: Bestätigung ATT-2025-007 ist am 31.10.2026 abgelaufen",
			"Grundlage der Bewertung je Rahmenwerk",
			"Grundlage: technisch geprüft",
			"… und 2 weitere",
			"abgelaufen am 31.10.2026",
			"Akzeptierte Abweichungen (Risikoakzeptanz) (2)",
			"genehmigt am 02.03.2026, gültig bis 01.03.2027",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			got := writeText(t, fixture(), TextOptions{Lang: tt.lang})
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("summary lacks %q", w)
				}
			}
			// Every outcome and basis label appears in the count tables.
			for _, o := range controls.Outcomes {
				if !strings.Contains(got, "\n  "+o.Label(tt.lang)+" ") {
					t.Errorf("count table lacks the row %q", o.Label(tt.lang))
				}
			}
			for _, b := range controls.Bases {
				if !strings.Contains(got, "\n  "+b.Label(tt.lang)+" ") {
					t.Errorf("basis table lacks the row %q", b.Label(tt.lang))
				}
			}
			for _, bad := range []string{"\x1b[", "compliant", " ok ", "OK", "konform", "Ausnahme"} {
				if strings.Contains(got, bad) {
					t.Errorf("summary contains %q", bad)
				}
			}
			// Only the first five failing findings of BAK-01 are shown.
			if strings.Contains(got, "db-6") || !strings.Contains(got, "db-5") {
				t.Errorf("findings are not truncated after five")
			}
		})
	}
}

func TestWriteTextWidth(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		got := writeText(t, fixture(), TextOptions{Lang: lang})
		for i, l := range strings.Split(got, "\n") {
			if n := utf8.RuneCountInString(l); n > textWidth {
				t.Errorf("%s line %d has %d columns: %q", lang, i+1, n, l)
			}
			if strings.ContainsRune(l, '\u00a0') {
				t.Errorf("%s line %d keeps a non-breaking space: %q", lang, i+1, l)
			}
		}
	}
}

func TestWriteTextColor(t *testing.T) {
	plain := writeText(t, fixture(), TextOptions{Lang: "en"})
	color := writeText(t, fixture(), TextOptions{Lang: "en", Color: true})
	if !strings.Contains(color, "\x1b[31mnot met\x1b[0m") {
		t.Errorf("coloured summary does not colour the fail label red")
	}
	// Colour codes must not change the layout.
	stripped := strings.NewReplacer("\x1b[0m", "", "\x1b[1m", "", "\x1b[2m", "", "\x1b[31m", "", "\x1b[32m", "",
		"\x1b[33m", "", "\x1b[35m", "", "\x1b[36m", "").Replace(color)
	if stripped != plain {
		t.Errorf("coloured summary without colour codes differs from the plain one")
	}
}

func TestWriteTextLanguage(t *testing.T) {
	if got := writeText(t, fixture(), TextOptions{}); got != writeText(t, fixture(), TextOptions{Lang: "en"}) {
		t.Errorf("empty language is not English")
	}
	err := WriteText(&bytes.Buffer{}, fixture(), TextOptions{Lang: "fr"})
	if err == nil || !strings.Contains(err.Error(), `"fr"`) {
		t.Errorf("got %v, want an error naming the language", err)
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		s                   string
		indent, hang, width int
		want                []string
	}{
		{"a b c", 2, 2, 10, []string{"  a b c"}},
		{"aaa bbb ccc", 0, 2, 7, []string{"aaa bbb", "  ccc"}},
		{"key:  value", 2, 0, 80, []string{"  key:  value"}},
		{"averyveryverylongword x", 0, 0, 5, []string{"averyveryverylongword", "x"}},
		{"one\ntwo", 1, 1, 80, []string{" one", "  two"}},
		{"\x1b[31mred\x1b[0m word", 0, 0, 8, []string{"\x1b[31mred\x1b[0m word"}},
	}
	for _, tt := range tests {
		got := wrap(tt.s, tt.indent, tt.hang, tt.width)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("wrap(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

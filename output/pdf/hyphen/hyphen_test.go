package hyphen

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// The expected breaks are hand-hyphenated after the Duden rules for the
// reformed orthography (syllables; compounds at their joints; "ck", "ch",
// "sch" stay together; a single vowel is not split off) and, for English,
// after Merriam-Webster's syllable division. Breaks closer to the word's
// end than three letters, or to its start than two, are left out: the
// renderer never uses them.
func TestGermanWords(t *testing.T) {
	h := mustFor(t, "de")
	words := []string{
		"In-for-ma-ti-ons-si-cher-heits-be-auf-trag-ter",
		"Auf-trags-ver-ar-bei-tung",
		"Da-ten-schutz-be-auf-tragte",
		"Wie-der-her-stell-bar-keit",
		"Wie-der-her-stel-lungs-tests",
		"Un-ter-auf-trags-ver-ar-bei-ter",
		"Ver-schlüs-se-lung",
		"Be-stä-ti-gung",
		"Ri-si-ko-ak-zep-tanz",
		"Nach-weis-ver-zeich-nis",
		"Gel-tungs-be-reich",
		"Man-dan-ten-tren-nung",
		"Zu-gangs-kon-trolle",
		"Ein-ga-be-kon-trolle",
		"Ver-füg-bar-keits-kon-trolle",
		"Be-reit-stel-lungs-platt-form",
		"Dritt-land-über-mitt-lung",
		"Selbst-be-wer-tung",
		"Fest-stel-lun-gen",
		"Prüf-ge-gen-stand",
		"Tren-nungs-ge-bot",
		"Schwach-stel-len",
		"Maß-nah-men",
		"Lö-schung",
		"er-füllt",
		"Quell-code",
		// too short or in capitals: no break
		"Straße",
		"Amt",
		"DSGVO",
		"GitHub",
		strings.Repeat("Donaudampfschifffahrt", 10), // longer than any word
		"iPhone",
	}
	checkWords(t, h, words)
}

func TestEnglishWords(t *testing.T) {
	h := mustFor(t, "en")
	checkWords(t, h, []string{
		"in-for-ma-tion",
		"avail-abil-ity",
		"re-spon-si-bil-ity",
		"as-sess-ment",
		"en-cryp-tion",
		"re-quire-ments",
		"or-ga-ni-za-tion",
		"man-u-script", // from the file's exception list
		"GDPR",
	})
}

func checkWords(t *testing.T, h *Hyphenator, words []string) {
	t.Helper()
	for _, want := range words {
		word := strings.ReplaceAll(want, "-", "")
		if got := h.Hyphenate(word, "-"); got != want {
			t.Errorf("Hyphenate(%q) = %q, want %q", word, got, want)
		}
	}
}

func mustFor(t *testing.T, lang string) *Hyphenator {
	t.Helper()
	h, err := For(lang)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestParse runs the eight patterns of the TeXbook's example (appendix H)
// by hand: hy3ph gives hy-ph, he2n and hen5at give n-a (5 beats 2 and the
// 1 of 1na), 1tio gives a-t (2io only decides t|i), o2n forbids o-n.
func TestParse(t *testing.T) {
	h, err := Parse(`% comment
\patterns{ % more
hy3ph he2n hen5at 1na n2at 1tio 2io o2n
}`, 2, 2)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int{2, 6, 7}, h.Points("hyphenation")); diff != "" {
		t.Errorf("Points(hyphenation) (-want +got):\n%s", diff)
	}
	if got := h.Hyphenate("Hyphenation", "-"); got != "Hy-phen-a-tion" {
		t.Errorf("Hyphenate(Hyphenation) = %q", got)
	}
}

func TestParseErrors(t *testing.T) {
	for _, src := range []string{
		``,
		`\patterns{ a1b`,
		`\patterns{ a1b a2b }`,
		`\patterns{ a_b }`,
		`\patterns{ 12 }`,
		`\patterns{ ab1c } \hyphenation{ ab1c }`,
	} {
		if _, err := Parse(src, 2, 3); err == nil {
			t.Errorf("Parse(%q): no error", src)
		}
	}
	if _, err := For("fr"); err == nil {
		t.Error(`For("fr"): no error`)
	}
}

// FuzzPoints: any string gives increasing offsets at rune boundaries
// strictly inside it, and the same answer twice (the cache).
func FuzzPoints(f *testing.F) {
	for _, s := range []string{"Informationssicherheitsbeauftragter", "", "ä", "Ab\xffcdefgh", "straßenbahnhaltestelle", "ÄÖÜäöüß", "a1b2c3d4", "İstanbul"} {
		f.Add(s)
	}
	de, err := For("de")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := de.Points(s)
		last := 0
		for _, o := range p {
			if o <= last || o >= len(s) || !utf8.RuneStart(s[o]) {
				t.Fatalf("Points(%q) = %v: bad offset %d", s, p, o)
			}
			last = o
		}
		if again := de.Points(s); !cmp.Equal(p, again) {
			t.Fatalf("Points(%q) = %v, then %v", s, p, again)
		}
	})
}

func BenchmarkPoints(b *testing.B) {
	de, err := For("de")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("cached", func(b *testing.B) {
		for b.Loop() {
			de.Points("Informationssicherheitsbeauftragter")
		}
	})
	b.Run("uncached", func(b *testing.B) {
		for b.Loop() {
			de.points("Informationssicherheitsbeauftragter")
		}
	})
}

// BenchmarkLoad parses the German patterns, which happens once per
// process.
func BenchmarkLoad(b *testing.B) {
	raw, err := patternFiles.ReadFile(languages["de"].file)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Parse(string(raw), 2, 3); err != nil {
			b.Fatal(err)
		}
	}
}

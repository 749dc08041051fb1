package pdf

import (
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/output/pdf/hyphen"
)

func mustHyphen(t testing.TB, lang string) *hyphen.Hyphenator {
	t.Helper()
	hy, err := hyphen.For(lang)
	if err != nil {
		t.Fatal(err)
	}
	return hy
}

// TestGlueSpaces: the spaces shown as "·" never break a line.
func TestGlueSpaces(t *testing.T) {
	for _, want := range []string{
		"gemäß Art.·32 Abs.·1 lit.·b DSGVO",
		"Art.·28 Abs.·3 lit.·g und §·147 AO",
		"§§·147, 257 HGB",
		"99,50·% der Maßnahmen, 12·€ pro Monat",
		"nach 26·Std. oder 7·Tagen",
		"am 23.11.2026, 20:00·Uhr·(MEZ) erhoben",
		"2026-11-23 19:00·UTC",
		"z.·B. eine Sicherung, d.·h. täglich",
		"siehe Anhang·B: Nachweise",
		"Art.·32(1)(b) GDPR, Annex·A",
		"in 3 Schritten, Satz·2 der Regel",
		"Der Satz ist kurz, 3 Objekte.",
	} {
		text := strings.ReplaceAll(want, "·", " ")
		glued := glueSpaces(text)
		var b strings.Builder
		for i := 0; i < len(text); i++ {
			if glued[i] {
				b.WriteString("·")
				continue
			}
			b.WriteByte(text[i])
		}
		if got := b.String(); got != want {
			t.Errorf("glueSpaces(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestWordBreaks shows each word with its breaks: "=" where a hyphen is
// added, "|" where the line ends without one, "^" at a no-break space
// (used only when the glued phrase is wider than a line).
func TestWordBreaks(t *testing.T) {
	if err := measureFaces(); err != nil {
		t.Fatal(err)
	}
	digest := "9e2b921d8c7d5f184e4338e418796c2b52e2db6775b252f6b51640bdd24874f4"
	de := mustHyphen(t, "de")
	tests := []struct {
		word, want string
		natural    bool
	}{
		{"Informationssicherheitsbeauftragter", "In=for=ma=ti=ons=si=cher=heits=be=auf=trag=ter", true},
		{"(Risikoakzeptanz),", "(Ri=si=ko=ak=zep=tanz),", true},
		{"„Auftragsverarbeitung“", "„Auf=trags=ver=ar=bei=tung“", true},
		{"Zwei-Faktor-Authentisierung", "Zwei-|Fak=tor-|Au=then=ti=sie=rung", true},
		{"GitHub-Organisation", "GitHub-|Or=ga=ni=sa=tion", true},
		{"Quellcode-", "Quell=code-", true},
		{"E-Mail-Adresse", "E-Mail-|Adresse", true},
		{"DSGVO-konform", "DSGVO-|kon=form", true},
		{"prod/storageclass/low-latency", "prod/|storageclass/|low|-latency", false},
		{"acme-prod", "acme-prod", false},
		{"acme-prod/db-credentials", "acme|-prod/|db|-credentials", false},
		{"acme-prod/data", "acme-prod/data", false},
		{"23.11.2026,", "23.11.2026,", false},
		{"2026-06-28", "2026-06-28", false},
		{"2026-11-23T14:24:00Z", "2026-11-23T14:24:00Z", false},
		{"TOM-ZGR-07", "TOM-ZGR-07", false},
		{"EV-b964e568-0004", "EV-b964e568-0004", false},
		{"prod/namespace/acme-prod", "prod/|namespace/|acme|-prod", false},
		{"https://api.github.com/orgs", "https://|api|.github|.com/|orgs", false},
		{"csi-driver.example-vendor.example;", "csi|-driver|.example|-vendor|.example;", false},
		{"v1.33.7", "v1.33.7", false},
		{digest, "9e2b921d|8c7d5f18|4e4338e4|18796c2b|52e2db67|75b252f6|b51640bd|d24874f4", false},
		{"sha256:" + digest + ")", "sha256:|9e2b921d|8c7d5f18|4e4338e4|18796c2b|52e2db67|75b252f6|b51640bd|d24874f4)", false},
		{"Art.\u00a032", "Art.^\u00a032", false},
		{"Sicherungsrepository\u00a0web01", "Si=che=rungs=re=po=si=tory^\u00a0web01", false},
	}
	for _, tt := range tests {
		toks := words([]run{{text: tt.word}})
		if len(toks) != 1 {
			t.Fatalf("%q: %d words", tt.word, len(toks))
		}
		ops, natural := wordBreaks(toks[0].frags, de)
		var b strings.Builder
		last := 0
		text := fragsText(toks[0].frags)
		for _, o := range ops {
			b.WriteString(text[last:o.at])
			switch {
			case o.hyphen:
				b.WriteString("=")
			case o.glue:
				b.WriteString("^")
			default:
				b.WriteString("|")
			}
			last = o.at
		}
		b.WriteString(text[last:])
		if got := b.String(); got != tt.want || natural != tt.natural {
			t.Errorf("wordBreaks(%q) = %q natural=%v, want %q natural=%v", tt.word, got, natural, tt.want, tt.natural)
		}
	}
}

// germanText is body text of the TOM annex, with a digest, a glued
// citation and names.
const germanText = "Der Informationssicherheitsbeauftragte prüft die Auftragsverarbeitung " +
	"gemäß Art. 28 Abs. 3 lit. h DSGVO; die Datenschutzbeauftragte bestätigt die " +
	"Wiederherstellbarkeit der Sicherungsrepositorys nach 26 Std. mit 99,50 % Erfolg. " +
	"Zwei-Faktor-Authentisierung gilt in der Quellcode- und Bereitstellungsplattform " +
	"für prod/clusterrolebinding/kubecfg-cluster-admin und github/example-org/repository/octocat/Spoon-Knife. " +
	"Nachweis-Bundle sha256:bb1d5819ff3c4ac1cfb36141133572d72e767322158aac8a014578cb28b736f5 " +
	"vom 23.11.2026, 20:00 Uhr (MEZ)."

// TestLayoutBreaks lays out German text at many widths and checks every
// line end: at a space of the text; or with a hyphen that is not in the
// text, inside a word the patterns allow to break; or after a hyphen,
// slash or separator of the text; or between groups of a digest. Glued
// phrases stay on one line and nothing overflows.
func TestLayoutBreaks(t *testing.T) {
	if err := measureFaces(); err != nil {
		t.Fatal(err)
	}
	de := mustHyphen(t, "de")
	hyphenated := 0
	for w := 24.0; w <= 120; w += 3.5 {
		lines := layoutText([]run{{text: germanText}}, bodySize, w, de)
		var rebuilt strings.Builder
		for i, ln := range lines {
			if ln.w > w+fitSlack {
				t.Errorf("width %.1f: line %d is %.2f mm wide", w, i, ln.w)
			}
			s := lineText(ln)
			for _, g := range []string{"Art. 28", "Abs. 3", "lit. h", "26 Std.", "99,50 %", "20:00 Uhr (MEZ)"} {
				if strings.Contains(germanText, g) && strings.HasSuffix(s, strings.Fields(g)[0]) && i+1 < len(lines) {
					t.Errorf("width %.1f: %q split at the end of line %q", w, g, s)
				}
			}
			if i == len(lines)-1 {
				rebuilt.WriteString(s)
				break
			}
			pos := rebuilt.Len()
			switch src := germanText[pos:]; {
			case strings.HasPrefix(src, s+" "):
				rebuilt.WriteString(s + " ")
			case strings.HasSuffix(s, softHyphen) && strings.HasPrefix(src, strings.TrimSuffix(s, softHyphen)):
				// An added hyphen: the word goes on, and the patterns allow it.
				hyphenated++
				head := strings.TrimSuffix(s, softHyphen)
				rebuilt.WriteString(head)
				word := lastWord(head) + firstWord(germanText[pos+len(head):])
				if !allowed(de, word, len(lastWord(head))) {
					t.Errorf("width %.1f: %q broken after %q, not a pattern break", w, word, lastWord(head))
				}
			case strings.HasPrefix(src, s):
				rebuilt.WriteString(s)
				end := s[len(s)-1]
				hexRun := len(s) - len(strings.TrimRightFunc(s, isHexRune))
				if !strings.ContainsRune(identSeparators+"-", rune(end)) && hexRun%hashGroup != 0 && !strings.ContainsAny(src[len(s):len(s)+1], identBefore) {
					t.Errorf("width %.1f: line %q ends inside a word without a hyphen", w, s)
				}
			default:
				t.Fatalf("width %.1f: line %q does not continue the text at %q", w, s, src[:min(len(src), 40)])
			}
		}
		if got := rebuilt.String(); got != strings.ReplaceAll(germanText, "\u00a0", " ") {
			t.Errorf("width %.1f: text changed:\n%s", w, got)
		}
	}
	if hyphenated == 0 {
		t.Error("no line ended with an added hyphen: hyphenation is off")
	}
}

func isHexRune(r rune) bool { return r < 128 && isHex(byte(r)) }

// allowed reports whether the patterns break word after its first n bytes.
func allowed(hy *hyphen.Hyphenator, word string, n int) bool {
	for _, p := range hy.Points(word) {
		if p == n {
			return true
		}
	}
	return false
}

func lastWord(s string) string {
	i := strings.LastIndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	return s[i+1:]
}

func firstWord(s string) string {
	if i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }); i >= 0 {
		return s[:i]
	}
	return s
}

// lineText is a laid-out line's text with its spaces, no-break spaces as
// plain ones.
func lineText(ln line) string {
	var b strings.Builder
	end := 0.0
	for _, p := range ln.pieces {
		if p.x > end+0.01 {
			b.WriteString(" ")
		}
		end = p.x + p.w
		b.WriteString(p.text)
	}
	return strings.ReplaceAll(b.String(), "\u00a0", " ")
}

// TestHashWrapsInGroups: a digest in a table cell of any width wraps only
// between groups of eight digits, and in a hash column in two lines of
// four groups.
func TestHashWrapsInGroups(t *testing.T) {
	if err := measureFaces(); err != nil {
		t.Fatal(err)
	}
	digest := "9e2b921d8c7d5f184e4338e418796c2b52e2db6775b252f6b51640bdd24874f4"
	for w := 15.0; w < 140; w += 5 {
		lines := layoutText([]run{{text: digest}}, tableSize, w, nil)
		for i, ln := range lines[:len(lines)-1] {
			if n := len(lineText(ln)); n%hashGroup != 0 {
				t.Errorf("width %.0f: line %d holds %d digits", w, i, n)
			}
			for _, p := range ln.pieces {
				if p.st != mono || !p.hash {
					t.Errorf("width %.0f: digest piece %q not in the mono face", w, p.text)
				}
			}
		}
	}
	lines := layoutText([]run{{text: digest}}, tableSize, hashColumnWidth(hashGroupsPerLine)-2*cellPadX, nil)
	var got []string
	for _, ln := range lines {
		got = append(got, lineText(ln))
	}
	if d := cmp.Diff([]string{digest[:32], digest[32:]}, got); d != "" {
		t.Errorf("digest in a hash column (-want +got):\n%s", d)
	}
}

// FuzzLayoutText: any text at any width is laid out without a panic,
// within the width (unless a single character is wider), and loses no
// character: the lines, without the added hyphens, give back the text's
// words.
func FuzzLayoutText(f *testing.F) {
	for _, s := range []string{germanText, "", " ", "a\nb", "Art. 32", "sha256:" + strings.Repeat("ab", 32),
		strings.Repeat("&#x1F600;", 40), "x-y-z/a.b.c", "\u00ad\u00a0\u00ad", "12 % 3 Std. z. B. § 1"} {
		f.Add(s, 30.0)
	}
	if err := measureFaces(); err != nil {
		f.Fatal(err)
	}
	de := mustHyphen(f, "de")
	f.Fuzz(func(t *testing.T, s string, w float64) {
		if w < 5 || w > 500 || len(s) > 4000 {
			return
		}
		s = drawable(strings.ReplaceAll(s, "\n", " "))
		lines := layoutText([]run{{text: s}}, bodySize, w, de)
		var got strings.Builder
		for _, ln := range lines {
			if ln.w > w+fitSlack && len(ln.pieces) > 1 {
				t.Fatalf("line %q is %.2f mm wide, max %.2f", lineText(ln), ln.w, w)
			}
			for _, p := range ln.pieces {
				got.WriteString(p.text)
			}
		}
		norm := func(x string) string {
			x = strings.NewReplacer(softHyphen, "", "\u00a0", "", " ", "").Replace(x)
			return x
		}
		if norm(got.String()) != norm(s) {
			t.Fatalf("layout changed the text:\n%q\n%q", norm(s), norm(got.String()))
		}
	})
}

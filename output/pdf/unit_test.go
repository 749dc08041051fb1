package pdf

import (
	"fmt"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/google/go-cmp/cmp"
)

func TestSanitize(t *testing.T) {
	if err := measureFaces(); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{"äöü ÄÖÜ ß € § „“ ” – —", "äöü ÄÖÜ ß € § „“ ” – —"},
		{"Start 🚀 Ende", "Start □ Ende"},
		{"❤️ ok", "□ ok"},                          // BMP heart + variation selector
		{"✅ erfüllt", "□ erfüllt"},                 // BMP, but not in the embedded fonts
		{"a\x00b\x1bc\td\ne\rf", "a□b□c\td\ne\rf"}, // ESC of a terminal sequence shows
		{"𝔘𝔫𝔦", "□□□"},
		{"&#x1F600; &lt;b&gt;", "&#x1F600; &lt;b&gt;"}, // entities stay as written
		{"evil\u202etxt.exe \u2066x\u2069 \u200fy", "evil□txt.exe □x□ □y"},
		{"bad \xff\xfe byte", "bad □□ byte"},
		{"\xe2\x82", "□□"}, // a UTF-8 sequence cut short
	}
	for _, tt := range tests {
		if got := sanitize(tt.in); got != tt.want {
			t.Errorf("sanitize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestWidthsMatchFpdf checks that our measurement equals what fpdf uses to
// lay out text, for every face.
func TestWidthsMatchFpdf(t *testing.T) {
	if err := measureFaces(); err != nil {
		t.Fatal(err)
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	if err := addFonts(pdf); err != nil {
		t.Fatal(err)
	}
	const s = "Maßnahmen „Größe“ 12 € – § 3 sha256:9f2c4e1b ÄÖÜ □ {}[]"
	for st, fc := range faces {
		pdf.SetFont(fc.family, fc.style, 9.5)
		want := pdf.GetStringWidth(s)
		if got := width(s, style(st), 9.5); fmt.Sprintf("%.6f", got) != fmt.Sprintf("%.6f", want) {
			t.Errorf("%s%s: width %.6f, fpdf %.6f", fc.family, fc.style, got, want)
		}
	}
}

func TestLayoutRuns(t *testing.T) {
	if err := measureFaces(); err != nil {
		t.Fatal(err)
	}
	digest := "sha256:39fa9ec190eee7b6f4dff1100d6343e10918d044c75eac8f9e9a2596173f80c9"
	url := "https://api.github.com/orgs/acme-gmbh/members?filter=2fa_disabled&per_page=100"
	tests := []struct {
		name string
		runs []run
		maxW float64
		want []string
	}{
		{"words wrap whole", []run{{text: "Technische und organisatorische Maßnahmen"}}, 40,
			[]string{"Technische und", "organisatorische", "Maßnahmen"}},
		{"styles join into one word", []run{{text: "Nach"}, {text: "weis", st: bold}, {text: " gilt"}}, 100,
			[]string{"Nachweis gilt"}},
		{"hard break", []run{{text: "eins\nzwei"}}, 100, []string{"eins", "zwei"}},
		{"digest broken by width", []run{{text: digest, st: mono}}, 30, nil},
		{"url broken after separators", []run{{text: "Quelle: " + url, link: url}}, 45, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := layoutRuns(tt.runs, 9, tt.maxW)
			var got []string
			var joined strings.Builder
			for _, ln := range lines {
				if ln.w > tt.maxW+fitSlack {
					t.Errorf("line %.2f mm wide, max %.2f", ln.w, tt.maxW)
				}
				var b strings.Builder
				end := 0.0
				for _, p := range ln.pieces {
					if p.x > end+0.01 {
						b.WriteString(" ") // a space is a gap, not a piece
					}
					end = p.x + p.w
					b.WriteString(p.text)
					joined.WriteString(p.text)
				}
				got = append(got, b.String())
			}
			if tt.want != nil {
				if d := cmp.Diff(tt.want, got); d != "" {
					t.Errorf("lines (-want +got):\n%s", d)
				}
				return
			}
			if len(got) < 2 {
				t.Fatalf("got %q, want the token broken over several lines", got)
			}
			want := strings.ReplaceAll(plainText(tt.runs), " ", "")
			if joined.String() != want {
				t.Errorf("text changed by breaking: %q", joined.String())
			}
			if strings.HasPrefix(tt.name, "url") {
				for _, l := range got[:len(got)-1] {
					if !strings.ContainsAny(l[len(l)-1:], breakSeparators) {
						t.Errorf("URL line %q does not end at a separator", l)
					}
				}
			}
		})
	}
}

func TestColumnWidths(t *testing.T) {
	if err := measureFaces(); err != nil {
		t.Fatal(err)
	}
	cell := func(s string) tableCell { return tableCell{runs: []run{{text: s}}} }
	digest := strings.Repeat("9f2c4e1b", 8)
	tests := []struct {
		name  string
		rows  []tableRow
		check func(t *testing.T, w []float64)
	}{
		{"short content fills the width by preference", []tableRow{
			{cells: []tableCell{cell("Nr."), cell("Ergebnis der Prüfung")}},
		}, func(t *testing.T, w []float64) {
			if w[1] <= w[0] {
				t.Errorf("widths %v: wider content got less", w)
			}
		}},
		{"narrow columns keep their longest word", []tableRow{
			{cells: []tableCell{cell("Nr."), cell("EV-20261123-0001"), cell(digest), cell(digest + " " + digest)}},
		}, func(t *testing.T, w []float64) {
			for j, s := range []string{"Nr.", "EV-20261123-0001"} {
				if need := width(s, regular, tableSize) + 2*cellPadX; w[j]+fitSlack < need {
					t.Errorf("column %d is %.2f mm, %q needs %.2f", j, w[j], s, need)
				}
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cols := len(tt.rows[0].cells)
			w := columnWidths(tt.rows, cols, contentW)
			sum := 0.0
			for _, x := range w {
				if x <= 0 {
					t.Errorf("column width %v", w)
				}
				sum += x
			}
			if sum > contentW+1e-9 || sum < contentW-0.1 {
				t.Errorf("widths %v sum to %.2f, want %.2f", w, sum, contentW)
			}
			tt.check(t, w)
		})
	}
}

func TestParseChart(t *testing.T) {
	legend := "legend | pass=erfüllt | fail=nicht erfüllt"
	tests := []struct {
		name    string
		lines   []string
		want    chart
		wantErr string
	}{
		{"valid", []string{legend, "OIS – Organisation | 3 | 1", "", "SP | 0 | 0"}, chart{
			series: []chartSeries{{"pass", "erfüllt"}, {"fail", "nicht erfüllt"}},
			rows:   []chartRow{{label: "OIS – Organisation", values: []int{3, 1}, total: 4}, {label: "SP", values: []int{0, 0}}},
		}, ""},
		{"empty", nil, chart{}, "barchart: empty"},
		{"no legend", []string{"OIS | 1 | 2"}, chart{}, `barchart line 10: first line must start with "legend"`},
		{"legend without series", []string{"legend"}, chart{}, "barchart line 10: legend names no series"},
		{"legend entry without label", []string{"legend | pass"}, chart{}, `barchart line 10: legend entry "pass": want code=label`},
		{"unknown code", []string{"legend | ok=gut"}, chart{}, `barchart line 10: unknown outcome code "ok"`},
		{"duplicate code", []string{"legend | pass=a | pass=b"}, chart{}, `outcome code "pass" appears twice`},
		{"too few values", []string{legend, "OIS | 3"}, chart{}, `barchart line 11: row "OIS" has 1 values, want 2`},
		{"negative", []string{legend, "OIS | 3 | -1"}, chart{}, `barchart line 11: row "OIS", fail: "-1" is not a non-negative integer`},
		{"empty label", []string{legend, " | 3 | 1"}, chart{}, "barchart line 11: empty row label"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nums := make([]int, len(tt.lines))
			for i := range nums {
				nums[i] = 10 + i
			}
			got, err := parseChart(tt.lines, nums)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, got, cmp.AllowUnexported(chart{}, chartSeries{}, chartRow{})); d != "" {
				t.Errorf("chart (-want +got):\n%s", d)
			}
		})
	}
}

// TestFacesCoverDocumentCharacters: every embedded face draws what the
// documents print, the replacement □ included, and the soft hyphen of a
// break looks like a hyphen (same width).
func TestFacesCoverDocumentCharacters(t *testing.T) {
	if err := measureFaces(); err != nil {
		t.Fatal(err)
	}
	for _, r := range "äöüÄÖÜßéèàç€§„“”‚‘’–—→•◦…·×±≤≥°²%‰□\u00a0\u00ad" {
		if !covered(r) {
			t.Errorf("an embedded face lacks %q (%U)", r, r)
		}
	}
	for st, fc := range faces {
		if fc.widths[0xad] != fc.widths['-'] {
			t.Errorf("face %d: soft hyphen %d wide, hyphen %d", st, fc.widths[0xad], fc.widths['-'])
		}
	}
}

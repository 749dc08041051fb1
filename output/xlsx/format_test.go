package xlsx

import (
	"bytes"
	"strings"
	"testing"

	"github.com/nachweis/nachweis/controls"
)

// TestFormatsSurviveFlush looks into the sheet XML: the auto-filter,
// drop-downs and conditional formats must be there, which they are not
// when set after the stream writer's Flush.
func TestFormatsSurviveFlush(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		// sheet → substrings its XML must contain
		want map[string][]string
	}{
		{"soa", renderSoA(t, "de"), map[string][]string{
			"xl/worksheets/sheet1.xml": {
				`<autoFilter ref="$A$1:$V$94"`,
				`<dataValidation `, `sqref="G2:G94"`, `<formula1>'Legende'!$B$2:$B$5</formula1>`,
				`sqref="D2:D94"`, `<formula1>'Legende'!$B$6:$B$7</formula1>`,
				`<conditionalFormatting sqref="J2:J94">`, `<formula>&#34;nicht erfüllt&#34;</formula>`,
				`<conditionalFormatting sqref="Q2:Q94">`, `<formula>&#34;Widerspruch&#34;</formula>`,
				`<pane activePane="bottomLeft" state="frozen" topLeftCell="A2" ySplit="1"`,
				`tabSelected="true"`, `<pageSetup fitToHeight="0" fitToWidth="2" orientation="landscape" pageOrder="overThenDown" paperSize="8"`, `<pageSetUpPr fitToPage="true"`,
				`<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"`,
				`<oddFooter>&amp;LSoA&amp;RSeite &amp;P von &amp;N</oddFooter>`,
			},
			"xl/workbook.xml":          {`<definedName localSheetId="0" name="_xlnm.Print_Titles">&#39;SoA&#39;!$A:$B,&#39;SoA&#39;!$1:$1</definedName>`},
			"xl/worksheets/sheet5.xml": {`<autoFilter `, `<conditionalFormatting sqref="E2:E`},
			"docProps/core.xml": {
				`<dc:creator>nachweis</dc:creator>`,
				`<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-23T19:00:00Z</dcterms:created>`,
				`<dcterms:modified xsi:type="dcterms:W3CDTF">2026-11-23T19:00:00Z</dcterms:modified>`,
			},
		}},
		{"matrix", renderMatrix(t, controls.C5, "de"), map[string][]string{
			"xl/worksheets/sheet1.xml": {`<autoFilter ref="$A$1:$Y$122"`, `<conditionalFormatting sqref="I2:I122">`, `state="frozen"`,
				`<dataValidation `, `sqref="T2:T122"`, `sqref="X2:X122"`, `<pageSetup fitToHeight="0" fitToWidth="2" orientation="landscape" pageOrder="overThenDown" paperSize="8"`},
			"xl/workbook.xml":          {`<definedName localSheetId="0" name="_xlnm.Print_Titles">&#39;Matrix&#39;!$A:$B,&#39;Matrix&#39;!$1:$1</definedName>`},
			"xl/worksheets/sheet2.xml": {`<autoFilter `, `<conditionalFormatting sqref="D2:D`},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := zipEntries(t, tt.data)
			for name, wants := range tt.want {
				x, ok := files[name]
				if !ok {
					t.Errorf("no %s in the workbook", name)
					continue
				}
				for _, w := range wants {
					if !strings.Contains(x, w) {
						t.Errorf("%s lacks %s", name, w)
					}
				}
			}
		})
	}
}

// TestDeterministic renders each document twice: same inputs, same bytes.
func TestDeterministic(t *testing.T) {
	tests := []struct {
		name   string
		render func() []byte
	}{
		{"soa de", func() []byte { return renderSoA(t, "de") }},
		{"soa en", func() []byte { return renderSoA(t, "en") }},
		{"matrix c5", func() []byte { return renderMatrix(t, controls.C5, "de") }},
		{"matrix iso27001", func() []byte { return renderMatrix(t, controls.ISO27001, "en") }},
		{"matrix gdpr", func() []byte { return renderMatrix(t, controls.GDPR, "de") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := tt.render(), tt.render()
			if !bytes.Equal(a, b) {
				t.Errorf("two renders differ (%d and %d bytes)", len(a), len(b))
			}
		})
	}
}

func TestWrappedLines(t *testing.T) {
	tests := []struct {
		text  string
		width float64
		want  int
	}{
		{"", 10, 1},
		{"kurz", 10, 1},
		{"eins zwei drei", 10, 2}, // "eins zwei" fits 9, "drei" wraps
		{"eins\nzwei", 40, 2},     // explicit line breaks count
		{"EV-f0103e78-0001 EV-f0103e78-0002", 19, 2}, // one id per line
		{strings.Repeat("x", 30), 11, 3},             // a long word breaks every 10 characters
	}
	for _, tt := range tests {
		if got := wrappedLines(tt.text, tt.width); got != tt.want {
			t.Errorf("wrappedLines(%q, %v) = %d, want %d", tt.text, tt.width, got, tt.want)
		}
	}
}

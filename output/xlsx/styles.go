package xlsx

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/nachweis/nachweis/controls"
)

// styles are the cell styles and conditional formats of a workbook.
type styles struct {
	lang string
	// header is the header of the columns nachweis fills, manual that of
	// the columns a person fills (the provider or the auditor).
	header, manual, body, number, day int
	// moments are the date-time styles by time zone name, made when a
	// zone is first used.
	moments      map[string]int
	f            *excelize.File
	outcomeRules []excelize.ConditionalFormatOptions
	flagRules    []excelize.ConditionalFormatOptions
}

// colour is a font and fill colour pair.
type colour struct{ font, fill string }

// outcomeColours: met green, not met red, evidence missing orange,
// attestation expired amber, accepted exception violet, attested blue,
// not applicable grey. The same in every workbook and in the legend.
var outcomeColours = map[controls.Outcome]colour{
	controls.Pass:               {"006100", "C6EFCE"},
	controls.Fail:               {"9C0006", "FFC7CE"},
	controls.NoEvidence:         {"843C0C", "F8CBAD"},
	controls.AttestationExpired: {"7F6000", "FFE699"},
	controls.Exception:          {"5B2C6F", "E4DFEC"},
	controls.Attested:           {"1F4E78", "DDEBF7"},
	controls.NotApplicable:      {"404040", "E7E6E6"},
}

// flagColours colour the consistency flags: a contradiction like a
// failure, a scope question like an expired attestation, an undeclared
// control grey.
var flagColours = map[flag]colour{
	flagContradiction: outcomeColours[controls.Fail],
	flagCheckScope:    outcomeColours[controls.AttestationExpired],
	flagNotDeclared:   outcomeColours[controls.NotApplicable],
}

func newStyles(f *excelize.File, lang string) (*styles, error) {
	st := &styles{lang: lang, f: f, moments: map[string]int{}}
	var err error
	st.header, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"305496"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Border:    borders("8EA9DB"),
	})
	if err != nil {
		return nil, fmt.Errorf("header style: %w", err)
	}
	st.manual, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"548235"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Border:    borders("A9D08E"),
	})
	if err != nil {
		return nil, fmt.Errorf("header style: %w", err)
	}
	st.body, err = f.NewStyle(&excelize.Style{
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Border:    borders("D9D9D9"),
	})
	if err != nil {
		return nil, fmt.Errorf("body style: %w", err)
	}
	if st.number, err = st.formatted("0"); err != nil {
		return nil, fmt.Errorf("number style: %w", err)
	}
	if st.day, err = st.formatted(dayFormats[lang]); err != nil {
		return nil, fmt.Errorf("date style: %w", err)
	}
	for _, o := range controls.Outcomes {
		rule, err := equalsRule(f, o.Label(lang), outcomeColours[o])
		if err != nil {
			return nil, err
		}
		st.outcomeRules = append(st.outcomeRules, rule)
	}
	for _, fl := range flags {
		rule, err := equalsRule(f, fl.label(lang), flagColours[fl])
		if err != nil {
			return nil, err
		}
		st.flagRules = append(st.flagRules, rule)
	}
	return st, nil
}

// formatted is a body style with a number format.
func (st *styles) formatted(format string) (int, error) {
	return st.f.NewStyle(&excelize.Style{
		Alignment:    &excelize.Alignment{Horizontal: "left", Vertical: "top"},
		Border:       borders("D9D9D9"),
		CustomNumFmt: &format,
	})
}

// momentStyle is the date-time style of a time zone.
func (st *styles) momentStyle(zone string) (int, error) {
	if id, ok := st.moments[zone]; ok {
		return id, nil
	}
	id, err := st.formatted(momentFormat(st.lang, zone))
	if err != nil {
		return 0, fmt.Errorf("date-time style: %w", err)
	}
	st.moments[zone] = id
	return id, nil
}

// equalsRule colours a cell whose text is exactly value.
func equalsRule(f *excelize.File, value string, c colour) (excelize.ConditionalFormatOptions, error) {
	id, err := f.NewConditionalStyle(&excelize.Style{
		Font: &excelize.Font{Color: c.font},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c.fill}},
	})
	if err != nil {
		return excelize.ConditionalFormatOptions{}, fmt.Errorf("conditional style %s: %w", value, err)
	}
	return excelize.ConditionalFormatOptions{Type: "cell", Criteria: "==", Format: &id, Value: formulaString(value)}, nil
}

// formulaString quotes s as a string literal of a spreadsheet formula.
func formulaString(s string) string {
	out := []rune{'"'}
	for _, r := range s {
		if r == '"' {
			out = append(out, '"')
		}
		out = append(out, r)
	}
	return string(append(out, '"'))
}

func borders(c string) []excelize.Border {
	var b []excelize.Border
	for _, side := range []string{"left", "right", "top", "bottom"} {
		b = append(b, excelize.Border{Type: side, Color: c, Style: 1})
	}
	return b
}

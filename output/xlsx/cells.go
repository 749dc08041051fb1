package xlsx

import (
	"fmt"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/nachweis/nachweis/controls/l10n"
)

// A table cell is a string (text), an int (a number), a day or a moment.
// Days and moments are written as spreadsheet dates: a serial number with
// a date format of the document's language, so that a reader sorts and
// filters them as dates, not as text.

// day is a calendar day in Berlin time (l10n.Location), shown as
// 23.11.2026 (de) or 2026-11-23 (en). The zero day is an empty cell.
type day time.Time

// moment is a point in time to the minute in Berlin time with its zone,
// shown as "23.11.2026, 20:00 Uhr (MEZ)" (de) or "2026-11-23 20:00 CET"
// (en), as l10n.DateTime writes it. The zero moment is an empty cell.
type moment time.Time

// excelEpoch is day 0 of the 1900 date system as spreadsheets count it
// (1899-12-30, which absorbs Lotus' missing 29 February 1900).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// serial is the spreadsheet serial number of t's wall-clock time in
// Berlin: whole days since excelEpoch plus the fraction of the day, to
// the second.
func serial(t time.Time, withTime bool) float64 {
	t = t.In(l10n.Location())
	y, m, d := t.Date()
	days := float64(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Sub(excelEpoch) / (24 * time.Hour))
	if !withTime {
		return days
	}
	return days + float64(t.Hour()*3600+t.Minute()*60+t.Second())/86400
}

// Date formats (number format codes, which are the same in every
// locale): German TT.MM.JJJJ, English ISO 8601.
var dayFormats = map[string]string{"de": "DD.MM.YYYY", "en": "YYYY-MM-DD"}

// momentFormat is the number format of a moment in a time zone: the
// zone's name is a literal, as it differs between summer and winter.
func momentFormat(lang, zone string) string {
	if lang == "de" {
		if z, ok := map[string]string{"CET": "MEZ", "CEST": "MESZ"}[zone]; ok {
			zone = z
		}
		return `DD.MM.YYYY", "hh:mm" Uhr (` + zone + `)"`
	}
	return `YYYY-MM-DD hh:mm" ` + zone + `"`
}

// cell is the excelize cell of a table value with the body style or the
// date style it needs.
func (st *styles) cell(v any) (excelize.Cell, error) {
	switch x := v.(type) {
	case string:
		return excelize.Cell{StyleID: st.body, Value: x}, nil
	case int:
		return excelize.Cell{StyleID: st.number, Value: x}, nil
	case day:
		if time.Time(x).IsZero() {
			return excelize.Cell{StyleID: st.body}, nil
		}
		return excelize.Cell{StyleID: st.day, Value: serial(time.Time(x), false)}, nil
	case moment:
		t := time.Time(x)
		if t.IsZero() {
			return excelize.Cell{StyleID: st.body}, nil
		}
		zone, _ := t.In(l10n.Location()).Zone()
		id, err := st.momentStyle(zone)
		if err != nil {
			return excelize.Cell{}, err
		}
		return excelize.Cell{StyleID: id, Value: serial(t, true)}, nil
	}
	return excelize.Cell{}, fmt.Errorf("table cell of type %T", v)
}

// text is the value as a reader sees it, for row heights and for the
// values a legend lists.
func text(lang string, v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	case day:
		if time.Time(x).IsZero() {
			return ""
		}
		return l10n.Date(lang, time.Time(x))
	case moment:
		if time.Time(x).IsZero() {
			return ""
		}
		return l10n.DateTime(lang, time.Time(x))
	}
	return ""
}

package l10n

import (
	"math"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // documents must not depend on the machine's zoneinfo
)

// Languages are the document languages.
var Languages = []string{"de", "en"}

// Valid reports whether lang is a document language.
func Valid(lang string) bool { return lang == "de" || lang == "en" }

var berlin = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		// The embedded database has it; this cannot happen.
		panic("l10n: load Europe/Berlin: " + err.Error())
	}
	return loc
}()

// Location is the time zone documents show times in.
func Location() *time.Location { return berlin }

// Date formats a day: 23.11.2026 (de), 2026-11-23 (en). The zero time is
// "–".
func Date(lang string, t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	t = t.In(berlin)
	if lang == "de" {
		return t.Format("02.01.2006")
	}
	return t.Format("2006-01-02")
}

// DateTime formats a time to the minute with its zone: "23.11.2026,
// 14:05 Uhr (MEZ)" (de), "2026-11-23 14:05 CET" (en).
func DateTime(lang string, t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	t = t.In(berlin)
	zone, _ := t.Zone()
	if lang == "de" {
		z := map[string]string{"CET": "MEZ", "CEST": "MESZ"}[zone]
		if z == "" {
			z = zone
		}
		return t.Format("02.01.2006, 15:04") + " Uhr (" + z + ")"
	}
	return t.Format("2006-01-02 15:04") + " " + zone
}

// Number formats f with the given number of decimals, grouping thousands:
// 1.234,50 (de), 1,234.50 (en).
func Number(lang string, f float64, decimals int) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "–"
	}
	s := strconv.FormatFloat(math.Abs(f), 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	thousands, point := ",", "."
	if lang == "de" {
		thousands, point = ".", ","
	}
	var b strings.Builder
	if f < 0 && strings.Trim(s, "0.") != "" {
		b.WriteByte('-')
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(thousands)
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString(point)
		b.WriteString(frac)
	}
	return b.String()
}

// Int formats an integer with grouped thousands: 12.345 (de), 12,345 (en).
func Int(lang string, n int) string { return Number(lang, float64(n), 0) }

// Percent formats a percentage (50 means 50 %): "99,50 %" with a
// non-breaking space (de), "99.50%" (en).
func Percent(lang string, p float64, decimals int) string {
	if lang == "de" {
		return Number(lang, p, decimals) + "\u00a0%"
	}
	return Number(lang, p, decimals) + "%"
}

// Ratio is Percent of part/whole; a whole of zero gives "–".
func Ratio(lang string, part, whole int, decimals int) string {
	if whole == 0 {
		return "–"
	}
	return Percent(lang, 100*float64(part)/float64(whole), decimals)
}

// Duration formats a duration for running text (document-specs §6):
// below a minute in seconds, below an hour in minutes, below two days in
// hours and minutes unless it is a whole day, else in days and hours
// (minutes dropped). German: "45 Sek.", "12 Min.", "26 Std.",
// "1 Std. 30 Min.", "1 Tag", "6 Tage 15 Std."; English: "45 s", "12 min",
// "26 h", "1 h 30 min", "1 day", "6 days 15 h".
func Duration(lang string, d time.Duration) string {
	if d < 0 {
		return "-" + Duration(lang, -d)
	}
	u := units[lang == "de"]
	switch {
	case d < time.Minute:
		return strconv.Itoa(int(d/time.Second)) + " " + u.second
	case d < time.Hour:
		return strconv.Itoa(int(d/time.Minute)) + " " + u.minute
	case d < 48*time.Hour && d%(24*time.Hour) != 0:
		s := strconv.Itoa(int(d/time.Hour)) + " " + u.hour
		if m := int(d % time.Hour / time.Minute); m != 0 {
			s += " " + strconv.Itoa(m) + " " + u.minute
		}
		return s
	}
	days, hours := int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour)
	s := strconv.Itoa(days) + " " + u.days
	if days == 1 {
		s = "1 " + u.day
	}
	if hours != 0 {
		s += " " + strconv.Itoa(hours) + " " + u.hour
	}
	return s
}

// units are the words and abbreviations of Duration, German (true) and
// English (false).
var units = map[bool]struct{ second, minute, hour, day, days string }{
	true:  {"Sek.", "Min.", "Std.", "Tag", "Tage"},
	false: {"s", "min", "h", "day", "days"},
}

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

// Duration formats a duration in days and hours, e.g. "7 Tage", "26 h",
// "1 Tag 2 h" (de) and "7 days", "26 h", "1 day 2 h" (en). Durations below
// one hour are shown in minutes.
func Duration(lang string, d time.Duration) string {
	if d < 0 {
		return "-" + Duration(lang, -d)
	}
	if d < time.Hour {
		return strconv.Itoa(int(d/time.Minute)) + " min"
	}
	hours := int(d / time.Hour)
	if hours%24 != 0 && hours < 48 {
		return strconv.Itoa(hours) + " h"
	}
	days, rest := hours/24, hours%24
	unit := map[bool][2]string{true: {"Tag", "Tage"}, false: {"day", "days"}}[lang == "de"]
	s := strconv.Itoa(days) + " " + unit[1]
	if days == 1 {
		s = "1 " + unit[0]
	}
	if rest != 0 {
		s += " " + strconv.Itoa(rest) + " h"
	}
	return s
}

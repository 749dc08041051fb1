package l10n

import (
	"testing"
	"time"
)

func TestFormats(t *testing.T) {
	winter := time.Date(2026, 11, 23, 13, 5, 0, 0, time.UTC)
	summer := time.Date(2026, 7, 1, 22, 30, 0, 0, time.UTC)
	tests := []struct {
		name, got, want string
	}{
		{"date de", Date("de", winter), "23.11.2026"},
		{"date en", Date("en", winter), "2026-11-23"},
		{"date crosses midnight in Berlin", Date("de", summer), "02.07.2026"},
		{"zero date", Date("de", time.Time{}), "–"},
		{"datetime de winter", DateTime("de", winter), "23.11.2026, 14:05 Uhr (MEZ)"},
		{"datetime en winter", DateTime("en", winter), "2026-11-23 14:05 CET"},
		{"datetime de summer", DateTime("de", summer), "02.07.2026, 00:30 Uhr (MESZ)"},
		{"percent de", Percent("de", 99.5, 2), "99,50\u00a0%"},
		{"percent en", Percent("en", 99.5, 2), "99.50%"},
		{"number de", Number("de", 1234567.891, 2), "1.234.567,89"},
		{"number en", Number("en", 1234567.891, 2), "1,234,567.89"},
		{"negative", Number("de", -1234, 0), "-1.234"},
		{"negative zero", Number("en", -0.001, 2), "0.00"},
		{"int small", Int("de", 999), "999"},
		{"int", Int("en", 12345), "12,345"},
		{"ratio", Ratio("de", 1, 3, 1), "33,3\u00a0%"},
		{"ratio of nothing", Ratio("en", 0, 0, 1), "–"},
		{"hours de", Duration("de", 26*time.Hour), "26 Std."},
		{"hours en", Duration("en", 26*time.Hour), "26 h"},
		{"hours and minutes", Duration("de", 90*time.Minute), "1 Std. 30 Min."},
		{"days de", Duration("de", 7*24*time.Hour), "7 Tage"},
		{"one day de", Duration("de", 24*time.Hour), "1 Tag"},
		{"one day en", Duration("en", 24*time.Hour), "1 day"},
		{"a day and a half hour", Duration("en", 24*time.Hour+30*time.Minute), "24 h 30 min"},
		{"days and hours de", Duration("de", 6*24*time.Hour+15*time.Hour+20*time.Minute), "6 Tage 15 Std."},
		{"days and hours en", Duration("en", 74*time.Hour), "3 days 2 h"},
		{"minutes de", Duration("de", 5*time.Minute), "5 Min."},
		{"minutes en", Duration("en", 5*time.Minute), "5 min"},
		{"seconds de", Duration("de", 45*time.Second), "45 Sek."},
		{"seconds en", Duration("en", 45*time.Second), "45 s"},
		{"negative", Duration("de", -2*time.Hour), "-2 Std."},
		{"one object", Count("de", 1, "Objekt", "Objekte"), "1 Objekt"},
		{"objects", Count("de", 1200, "Objekt", "Objekte"), "1.200 Objekte"},
		{"no objects", Count("en", 0, "object", "objects"), "0 objects"},
		{"list of one", List("de", []string{"a"}), "a"},
		{"list of two de", List("de", []string{"a", "b"}), "a und b"},
		{"list of three en", List("en", []string{"a", "b", "c"}), "a, b and c"},
		{"empty list", List("en", nil), ""},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

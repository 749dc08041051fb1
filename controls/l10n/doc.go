// Package l10n formats dates, times, numbers, durations, counted nouns and
// lists for the documents in German and English, as document-specs §0.3
// and §6 fix them: 23.11.2026 and 2026-11-23, "23.11.2026, 14:05 Uhr (MEZ)"
// and "2026-11-23 14:05 CET", 99,50 % and 99.50%, 1.234 and 1,234, "6 Tage
// 15 Std." and "6 days 15 h", "2 Objekte", "a, b und c". It also parses and
// renders message templates: texts with typed placeholders in both
// languages (see message.go), which checks and the engine use instead of
// finished sentences.
//
// It imports nothing else of nachweis, so that controls, policies,
// templates and output can all use it.
//
// Times are shown in Europe/Berlin, the time zone of the documents'
// readers; the zone database is embedded so that output does not depend on
// the machine.
package l10n

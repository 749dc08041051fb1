// Package controls holds the compliance model of nachweis: the requirement
// catalogs (BSI C5:2020, BSI C5:2026 with its sub-criteria and general
// conditions, ISO/IEC 27001:2022 Annex A, GDPR Art. 28/32), keyed by
// versioned framework ids (c5-2020, c5-2026, iso27001-2022, gdpr; c5 and
// iso27001 are aliases), the provider's measures (the rows of a TOM
// annex), the crosswalk between the frameworks, the C5:2020 → C5:2026
// migration through which the C5:2026 criteria get their measures (by
// meaning, never by an equal id), the seven-value outcome vocabulary, the basis beside it
// (technically verified, partly verified, attested only, none) and the
// results model that every output format renders. Texts of checks and of
// the engine are Messages: an id with typed arguments and the text
// rendered in German and English (controls/l10n), so that every writer
// only picks a language.
//
// The package depends on nothing else of nachweis but controls/l10n.
// Evaluation (package policies) fills the results model; writers (package
// output) render it.
package controls

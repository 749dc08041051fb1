// Package controls holds the compliance model of nachweis: the requirement
// catalogs (BSI C5:2020, ISO/IEC 27001:2022 Annex A, GDPR Art. 28/32), the
// provider's measures (the rows of a TOM annex), the crosswalk between the
// frameworks, the seven-value outcome vocabulary and the results model that
// every output format renders.
//
// The package depends on nothing else of nachweis. Evaluation (package
// policies) fills the results model; writers (package output) render it.
package controls

// Command nachweis evaluates BSI C5:2020, ISO/IEC 27001:2022 Annex A and
// GDPR Art. 28/32 controls against evidence from Kubernetes, backups and
// GitHub organisations, and renders the results.
//
// Exit codes: 0 ok, 1 error, 2 usage, 3 controls failing at or above
// --fail-on.
package main

// Package templates turns the results model into documents: for each
// document (TOM annex, audit report) a view model built from
// controls.Results, the provider's configuration and the control model,
// and one embedded Go text/template per language (text/<doc>.<lang>.md.tmpl)
// that writes it as Markdown. The result is a Document: Markdown plus the
// metadata the PDF renderer (output/pdf) puts around it. Templates can be
// overridden per file (--template-dir, Options.Dir); see text/README.md.
//
// Every TOM annex and audit report carries its document control
// (control.go): a version, the approvals of exactly its content
// (evidence/approval) and, given the previous version's results, the
// changes since (control_changes.go, with stable finding ids).
//
// Dates, numbers and labels are localised by controls/l10n and the outcome
// labels of package controls, so a template never formats a value itself.
package templates

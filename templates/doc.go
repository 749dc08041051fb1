// Package templates will hold the embedded Markdown templates (Go
// text/template, one per document and language) from which the TOM annex,
// the audit report and the deletion protocol are rendered by package
// output. The documents are built on the results model in package
// controls; this package has no templates yet because no document is
// rendered yet (the CI outputs in package output need none).
package templates

// Package approval records who prepared, reviewed and approved which
// version of a document, bound to the document's content.
//
// A record names a document series (TOM-acme: the TOM annex of tenant
// acme; REPORT-c5: the C5 audit report), the version, the content digest
// (Digest: the sha256 of what defines the content — the results, the
// templates of both languages, the configuration and the previous results
// the change history compares with), the step (prepared, reviewed,
// approved), the person's name and role, the time and an optional comment.
// Records live in approvals.yaml beside the configuration and are decoded
// strictly (evidence/internal/yamlstrict): an unknown or repeated field, a
// bad digest or time is one error naming the file, line and field.
//
// Because the digest covers the content-defining input and not the PDF
// bytes, re-rendering the same content keeps its approval, and any change
// of evidence, configuration or wording voids it. A rendered document
// carries its series, version and digest in the PDF keywords (Keywords)
// and on its title page; ReadStamp reads them back from a PDF, so that
// `nachweis approve FILE.pdf` approves exactly what the approver read.
package approval

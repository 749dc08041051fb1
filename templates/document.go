package templates

import "time"

// Document is a rendered document before layout: Markdown for the body and
// what the PDF renderer puts around it (title page, running header, footer,
// metadata). The templates produce it; output/pdf lays it out.
type Document struct {
	// Lang is de or en.
	Lang string
	// ID is the stable document id, e.g. TOM-acme-2026-v1 (document-specs
	// §0.2); printed in every footer.
	ID string
	// Title and Subtitle are printed on the title page; Title also in the
	// running header and the PDF metadata.
	Title    string
	Subtitle string
	// ShortTitle replaces Title in the running header when set.
	ShortTitle string
	// Organisation issues the document (PDF author).
	Organisation string
	// Classification is printed in the running header and on the title
	// page, e.g. "Vertraulich – nur für den Auftraggeber".
	Classification string
	// Status is the release label, "Entwurf"/"Draft" or
	// "Freigegeben"/"Released".
	Status string
	// Draft marks every page with Watermark (e.g. "Entwurf – nicht alle
	// Maßnahmen nachgewiesen").
	Draft     bool
	Watermark string
	// Notice is a prominent line on the title page, e.g. "Selbstbewertung
	// – kein Testat, kein Zertifikat".
	Notice string
	// Cover is the metadata block of the title page (document-specs §0.2),
	// label and value per row, in order.
	Cover []Field
	// BundleDigest is the evidence bundle digest printed in every footer.
	BundleDigest string
	// Created is the document date (PDF creation and modification date);
	// the evaluation clock, so that the same clock gives the same bytes.
	Created time.Time
	// Subject and Keywords go into the PDF metadata.
	Subject  string
	Keywords []string
	// Markdown is the body (CommonMark with GFM tables). Level-1 and
	// level-2 headings make the table of contents and the bookmarks. A
	// fenced code block with the info string "barchart" is drawn as a
	// chart (see output/pdf).
	Markdown []byte
}

// Field is one labelled value, e.g. of the title page's metadata block.
type Field struct {
	Label string
	Value string
}

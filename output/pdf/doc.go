// Package pdf lays out a templates.Document as an A4 PDF: a title page, a
// table of contents with page numbers, the Markdown body (CommonMark with
// GFM tables, walked from goldmark's AST into fpdf), a running header, a
// footer with "Seite X von Y" / "Page X of Y", the document id and the
// evidence bundle digest, PDF metadata and bookmarks.
//
// A fenced code block with the info string "barchart" is drawn as a
// horizontal stacked bar chart of control outcomes (see barchart.go for the
// format).
//
// Typography: headings keep the start of what follows them on their page,
// paragraphs leave no single line at a page's foot or head, tables start
// with two rows and end with two (blocks.go, table.go). Words are
// hyphenated with TeX patterns (package hyphen) and a break inside a word
// always shows a hyphen; glued spaces keep "Art. 32" or "99,50 %"
// together; names break at their separators and digests between groups
// of eight digits (words.go, breaking.go).
//
// Output is deterministic: the same Document gives byte-identical bytes.
//
// Batches (tom --all-tenants renders a thousand annexes) share what is the
// same for every document, process-wide and safe for concurrent renders:
// the fonts as fpdf parses them and the subsets cut from them (fonts.go,
// third_party/fpdf), the lines of each text laid out (layoutcache.go) and
// the watermark's outline operators (furniture.go). Each cache gives the
// bytes the work it saves would give; BenchmarkRenderTOM measures a TOM
// annex.
//
// Fonts: Liberation Sans (Regular, Bold, Italic, Bold Italic) for text and
// Liberation Mono for code, identifiers and hashes, version 2.1.5 from
// Debian's fonts-liberation2, are embedded as subsets. They are under the
// SIL Open Font License 1.1, whose text ships in fonts/LICENSE and must
// accompany redistributed binaries. Runes the fonts cannot draw, such as
// emoji, are replaced by "□" (U+25A1, which every embedded face has), and
// so are control characters, bidirectional controls (U+202E) and bytes
// that are not UTF-8.
//
// Text reaches the PDF exactly as written: backslash escapes are resolved,
// HTML entities (&lt;, &#x1F600;) are not decoded and raw HTML is printed
// as text. No input may crash the renderer; Render recovers a panic and
// returns it as an error, and a document longer than MaxPages is an error.
package pdf

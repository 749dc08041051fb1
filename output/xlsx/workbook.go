package xlsx

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/controls/l10n"
)

// Meta is what the Lauf sheet states besides the results (document-specs
// §0.2); empty fields are left out.
type Meta struct {
	// DocumentID overrides the generated document id.
	DocumentID     string
	Organisation   string
	Classification string
	// ToolVersion overrides the results' tool version.
	ToolVersion string
}

// workbook is a workbook being built: its sheets are written in order,
// the first one renames the default sheet.
type workbook struct {
	f      *excelize.File
	st     *styles
	lang   string
	sheets int
}

func newWorkbook(lang, title string, res *controls.Results) (*workbook, error) {
	if !l10n.Valid(lang) {
		return nil, fmt.Errorf("language %q: want de or en", lang)
	}
	f := excelize.NewFile()
	// Fixed properties: the evaluation time stands for created and
	// modified, so that the same inputs give the same bytes.
	at := res.EvaluatedAt.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: title, Creator: "nachweis", LastModifiedBy: "nachweis",
		Created: at, Modified: at, Language: lang,
	}); err != nil {
		f.Close()
		return nil, fmt.Errorf("document properties: %w", err)
	}
	st, err := newStyles(f, lang)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &workbook{f: f, st: st, lang: lang}, nil
}

// add writes a table into a new sheet.
func (wb *workbook) add(tb *table) error {
	if wb.sheets == 0 {
		if err := wb.f.SetSheetName("Sheet1", tb.sheet); err != nil {
			return fmt.Errorf("sheet %s: %w", tb.sheet, err)
		}
	} else if _, err := wb.f.NewSheet(tb.sheet); err != nil {
		return fmt.Errorf("sheet %s: %w", tb.sheet, err)
	}
	wb.sheets++
	return tb.write(wb.f, wb.st, wb.lang)
}

// finish writes the workbook to w, its package entries in a fixed
// order, and releases it. The first sheet is the renamed default sheet,
// which is already the active one; SetActiveSheet would parse every
// streamed sheet back into memory.
func (wb *workbook) finish(w io.Writer) error {
	buf, err := wb.f.WriteToBuffer()
	if err = errors.Join(err, wb.f.Close()); err != nil {
		return err
	}
	return canonicalZip(w, buf.Bytes())
}

func (wb *workbook) close() { wb.f.Close() }

// runSheet is the Lauf sheet: the metadata block of document-specs §0.2
// as far as the results and the caller know it.
func runSheet(lang string, res *controls.Results, m *controls.Model, meta Meta, docTitle, docID string, frameworks []string, extra [][2]string) *table {
	tool := meta.ToolVersion
	if tool == "" {
		tool = res.ToolVersion
	}
	rows := [][]any{
		{t("Dokument", "Document").In(lang), docTitle},
		{t("Dokument-ID", "Document ID").In(lang), docID},
	}
	add := func(label controls.Text, value string) {
		if value != "" {
			rows = append(rows, []any{label.In(lang), value})
		}
	}
	at := func(label controls.Text, value time.Time) {
		if !value.IsZero() {
			rows = append(rows, []any{label.In(lang), moment(value)})
		}
	}
	add(t("Organisation", "Organisation"), meta.Organisation)
	add(t("Klassifizierung", "Classification"), meta.Classification)
	add(t("Art der Bewertung", "Kind of assessment"), t("Selbstbewertung – kein Testat, kein Zertifikat", "Self-assessment – not an attestation, not a certificate").In(lang))
	add(t("Lauf-ID", "Run ID"), res.RunID)
	at(t("Bewertet am", "Evaluated at"), res.EvaluatedAt)
	at(t("Stichtag der Nachweise", "Evidence cut-off"), res.EvidenceCutoff)
	add(t("Mandant", "Tenant"), res.Tenant)
	add(t("Nachweis-Bundle (SHA-256)", "Evidence bundle (SHA-256)"), res.BundleDigest)
	add(t("Werkzeugversion", "Tool version"), tool)
	var cats []string
	for _, fw := range frameworks {
		if c := m.Catalog(fw); c != nil {
			cats = append(cats, fmt.Sprintf("%s, %s, %s", c.Name.In(lang), c.Version, c.PublishedBy.In(lang)))
		}
	}
	add(t("Kataloge", "Catalogues"), lines(cats))
	// The counts are numbers, one row each, so that they can be summed
	// and compared.
	if s, ok := summaryOf(res, frameworks); ok {
		for _, o := range controls.Outcomes {
			rows = append(rows, []any{sprintf(lang, t("Anforderungen nach Ergebnis: %s", "Requirements by outcome: %s"), o.Label(lang)), s.Counts[o]})
		}
		for _, b := range controls.Bases {
			rows = append(rows, []any{sprintf(lang, t("Anforderungen nach Grundlage der Bewertung: %s", "Requirements by basis of the assessment: %s"), b.Label(lang)), s.Basis[b]})
		}
	}
	for _, e := range extra {
		rows = append(rows, []any{e[0], e[1]})
	}
	var sources []string
	for _, s := range res.Sources {
		status := s.Status
		if st, ok := sourceStatuses[s.Status]; ok {
			status = st.In(lang)
		}
		line := fmt.Sprintf("%s/%s: %s, %s", s.Kind, s.Name, status, l10n.DateTime(lang, s.CollectedAt))
		if s.Error != "" {
			line += " – " + s.Error
		}
		sources = append(sources, line)
	}
	add(t("Nachweisquellen", "Evidence sources"), lines(sources))
	return &table{
		sheet: sheetRun.In(lang),
		cols:  []column{{t("Feld", "Field"), 30}, {t("Wert", "Value"), 100}},
		rows:  rows,
	}
}

// summaryOf is the summary of the document's framework (the first of
// frameworks) in the results.
func summaryOf(res *controls.Results, frameworks []string) (controls.FrameworkSummary, bool) {
	if len(frameworks) == 0 {
		return controls.FrameworkSummary{}, false
	}
	for _, s := range res.Summary {
		if s.Framework == frameworks[0] {
			return s, true
		}
	}
	return controls.FrameworkSummary{}, false
}

// sourceStatuses are the states of an evidence source as the Lauf sheet
// names them.
var sourceStatuses = map[string]controls.Text{
	"ok":    t("erhoben", "collected"),
	"error": t("Fehler beim Erheben", "collection error"),
}

// evidenceSheet lists the evidence items with the given ids, in the
// order of the evidence index.
func evidenceSheet(lang string, res *controls.Results, ids map[string]bool) *table {
	tb := &table{
		sheet: sheetEvidence.In(lang),
		cols: []column{
			{t("Nachweis-ID", "Evidence ID"), 19},
			{t("Quelle", "Source"), 22},
			{t("Art", "Kind"), 28},
			{t("Datei", "File"), 48},
			{t("Erhoben am", "Collected at"), 27},
			{t("SHA-256", "SHA-256"), 66},
		},
		filter:    true,
		titleCols: 1,
	}
	for _, e := range res.Evidence {
		if ids[e.ID] {
			tb.rows = append(tb.rows, []any{e.ID, e.Source, e.Kind, e.File, moment(e.CollectedAt), e.SHA256})
		}
	}
	return tb
}

// documentID is the generated id: prefix, evaluation year and the run
// id's first eight characters, e.g. SOA-2026-f0103e78.
func documentID(meta Meta, prefix string, res *controls.Results) string {
	if meta.DocumentID != "" {
		return meta.DocumentID
	}
	run, _, _ := strings.Cut(res.RunID, "-")
	return fmt.Sprintf("%s-%d-%s", prefix, res.EvaluatedAt.Year(), run)
}

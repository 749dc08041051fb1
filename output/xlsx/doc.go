// Package xlsx writes the spreadsheet documents of nachweis with excelize:
// the ISO/IEC 27001:2022 Statement of Applicability (WriteSoA,
// document-specs §3) and the control matrix of a framework (WriteMatrix,
// document-specs §4) for BSI C5:2020, ISO/IEC 27001:2022 Annex A or GDPR
// Art. 28/32. Both are thin writers over controls.Results.
//
// The Statement of Applicability has the sheets SoA (exactly the 93 Annex
// A controls in catalog order; another count or a duplicate is an error),
// Legende (the value lists of the drop-downs, and the outcomes, bases and
// flags the sheets use, with their meaning and colours), Lauf (run metadata, document-specs §0.2),
// Nachweise (the evidence items the SoA cites) and Widersprüche (every
// control whose declaration and verification disagree, or that is not
// declared). The declared columns (applicable, justifications, declared
// status, description, owner, last review) come only from the ISMS
// owner's declarations file (config.SoA); the package never fills them
// in, and a control missing there reads "nicht erklärt". The consistency
// flag is "Widerspruch" when a control is declared "Umgesetzt" but
// verified as not met, without evidence or with an expired attestation,
// and "Umfang prüfen" when the tool holds a control not applicable that
// is declared applicable, or a control declared not applicable has
// automated checks mapped (those checks are listed as excluded).
//
// The matrix has one row per requirement (C5: 121 criteria in 17
// domains, ISO: 93, GDPR: 27) with domain, id, title, scope, the provider's
// measures with their descriptions, the automated checks, how far the
// requirement is automated ("teilweise automatisiert" when checks and
// attested measures share it, document-specs §4.3), the outcome and its
// basis, the day it was checked, its detail, the open findings, evidence
// ids, the related requirements of the two other frameworks (crosswalk),
// attestations with the earliest validity as a date, and risk
// acceptances. "Im Umfang" comes from the recorded decisions only: "Nein"
// where a scope decision (MatrixInput.Config, scope.not_applicable, which
// includes the SoA's exclusions) or the decisions not to use every
// supporting measure take the requirement out, with the justification and
// who decided when; "Ja" where none does. A decision the results do not
// reflect is an error. A sheet Feststellungen has one row per failing,
// missing or excepted finding; Legende, Lauf and Nachweise are as in the
// SoA.
//
// A matrix of a C5 catalog (c5, c5-2020, c5-2026 …: isC5) has six more
// columns, which a person fills and whose headers are green: additional
// criterion addressed (Ja/Nein), complementary customer controls
// (Ja/Nein), sub-service organisation (the configuration's
// sub-processors, another name after a warning), test procedure
// (Befragung, Beobachtung, Einsichtnahme, Nachvollzug, a combination
// after a warning), auditor result (keine Abweichung, Abweichung, nicht
// geprüft) and auditor comment; all but the comment have drop-downs whose
// values, with their meanings, are lists of the Legende sheet.
//
// Left out on purpose, because the results hold no data for them: the
// ISO/IEC 27002 attributes of the SoA, and in the matrix the outcome of
// the C5 additional criterion and period statistics (Type-2 runs).
// Finding ids (F-<yyyy>-<nnn>) do not exist yet either; a finding is
// cited by check id and resource.
//
// Cells: dates are date cells (a serial number with the format TT.MM.JJJJ
// in German, ISO 8601 in English workbooks), so a reader sorts and
// filters them as dates: the SoA's "Geprüft am" (only for a control that
// automated checks assessed, basis technically or partly verified; empty
// where it rests on attestations or nothing) and "Letzte Überprüfung",
// the matrix's "Geprüft am" and "Bestätigung gültig bis", the evidence's
// collection times and the run's times (date-times shown with their zone,
// "23.11.2026, 20:00 Uhr (MEZ)"); the counts of the Lauf sheet are
// numbers.
//
// Legend: the Legende sheet of a workbook lists the values of its
// drop-downs (their sources) and, for the columns nachweis fills
// (outcome, basis, flag, scope, automation, severity), only the values
// the workbook's sheets use, each with its meaning.
//
// Layout: a bold white-on-blue header row that stays frozen, an
// auto-filter over each table, wrapped text with column widths set per
// column (no header word wider than its column) and row heights computed
// from the text (so nothing is cut off even where a viewer does not fit
// rows itself), drop-downs on the declared columns (status from the
// Legende sheet, applicable Ja/Nein), and conditional formats on the
// exact outcome labels: met green, not met red, evidence missing orange,
// attestation expired amber, accepted exception violet, attested blue,
// not applicable grey. The sheets are written with excelize's stream
// writer; the auto-filter, drop-downs, conditional formats and page
// setup are set before Flush, because the stream writer silently drops
// them afterwards; fit-to-page is set even before the stream writer is
// created, because it writes the sheet properties first. Printing is A3
// landscape with narrow margins, the header row and the id columns
// repeated on every page, fit to as many pages wide as keep the scale at
// 60 % or more (the C5 matrix and the SoA print two pages wide rather
// than shrunk onto one), across then down, pages numbered in the footer.
//
// Language: Lang "de" or "en" selects headers, labels, dates and the
// sheet names, translated consistently (SoA, Legend, Run, Evidence,
// Contradictions, Matrix, Findings in English). Outcome labels are those
// of controls.Outcome.Label (document-specs §0.1).
//
// Output is deterministic: document properties carry the creator
// "nachweis" and the evaluation time as created and modified, nothing
// reads the clock, and the package entries are written in a fixed order
// (excelize emits streamed sheets in map order), so the same inputs give
// byte-identical files.
package xlsx

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence/approval"
)

// approvalProvider writes a provider whose one tenant passes the release
// gate: every measure is recorded as not used except TOM-AUF-10, which an
// attestation covers. It returns the bundle and the configuration.
func approvalProvider(t *testing.T, statement string) (bundle, config string) {
	t.Helper()
	dir := t.TempDir()
	bundle = filepath.Join(dir, "bundle")
	src := filepath.Join("..", "..", "evidence", "demo", "src", "restic-web01", "snapshots.json")
	if _, errOut, code := nachweis(t, nil, "import", "-o", bundle, "--collected-at", "2026-11-23T19:00:00Z", "--source", "web01", src); code != exitOK {
		t.Fatalf("import: exit %d: %s", code, errOut)
	}
	model, err := controls.Load()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("organisation: {name: Beispiel Cloud GmbH, dpo: {name: Dr. Erika Mustermann, email: datenschutz@beispiel-cloud.de}}\n")
	b.WriteString("tenants:\n  - id: acme\n    name: ACME GmbH\n    namespaces: [acme-prod]\n")
	b.WriteString("scope:\n  measures_not_applicable:\n")
	for _, m := range model.Measures {
		if m.ID == "TOM-AUF-10" {
			continue
		}
		b.WriteString("    - {id: " + m.ID + ", justification: {de: Im Test nicht eingesetzt., en: Not used in this test.}, decided_by: DSB, decided_on: 2026-01-15}\n")
	}
	b.WriteString("attestations: [./attestations]\n")
	config = filepath.Join(dir, "nachweis.yaml")
	writeApprovalFile(t, config, b.String())
	writeApprovalFile(t, filepath.Join(dir, "attestations", "recht.yaml"), `attestations:
- id: ATT-2026-037
  measure: TOM-AUF-10
  statement:
    de: `+statement+`
    en: Investigation requests are reviewed by the legal department before any disclosure.
  attested_by: {name: Stefan Hoffmann, role: Rechtsabteilung}
  date: 2026-03-08
  valid_until: 2027-03-07
`)
	return bundle, config
}

func writeApprovalFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestApprovedTOMIsReleasedUntilItsContentChanges: an annex that passes
// its gate is a draft until a person approves it; approving the PDF
// releases every rendering of the same content, and a change of one
// measure's evidence (the attestation's statement) makes it a draft
// again, saying that the approval is for other content. Each version is
// read back with pdftotext.
func TestApprovedTOMIsReleasedUntilItsContentChanges(t *testing.T) {
	bundle, config := approvalProvider(t, "Ermittlungsanfragen werden vor jeder Herausgabe rechtlich geprüft.")
	dir := t.TempDir()
	render := func(name string, extra ...string) (string, string) {
		t.Helper()
		out := filepath.Join(dir, name)
		args := append([]string{"tom", "--bundle", bundle, "--config", config, "--tenant", "acme", "--now", demoNow, "-o", out}, extra...)
		_, errOut, code := nachweis(t, nil, args...)
		if code != exitOK {
			t.Fatalf("tom: exit %d: %s", code, errOut)
		}
		return out, errOut
	}

	draft, errOut := render("draft.pdf")
	text := pdfText(t, draft)
	mustContain(t, "unapproved annex", text, "Status Entwurf", "Entwurf. Diese Anlage ist nicht freigegeben, weil keine Freigabe für genau diesen Inhalt erfasst ist.",
		"Für genau diesen Inhalt ist keine Freigabe erfasst.", "Version 1")
	mustContain(t, "stderr", errOut, "draft, the release gate passes but no approval of exactly this content is recorded; approve it with: nachweis approve "+draft)
	if _, err := os.Stat(strings.TrimSuffix(draft, ".pdf") + ".release-checklist.de.md"); err == nil {
		t.Error("a release checklist for an annex whose gate passes")
	}
	all := filepath.Join(dir, "all")
	if _, errOut, code := nachweis(t, nil, "tom", "--bundle", bundle, "--config", config, "--all-tenants", "--now", demoNow, "-o", all); code != exitOK {
		t.Fatalf("tom --all-tenants: exit %d: %s", code, errOut)
	} else {
		mustContain(t, "stderr of --all-tenants", errOut, filepath.Join(all, "tom-acme.de.pdf")+": draft, the release gate passes but no approval of exactly this content is recorded")
	}

	stdout, errOut, code := nachweis(t, nil, "approve", draft, "--as", "Dr. Erika Mustermann", "--role", "Datenschutzbeauftragte", "--config", config, "--comment", "Erstausgabe", "--now", "2026-11-24T09:00:00Z")
	if code != exitOK {
		t.Fatalf("approve: exit %d: %s", code, errOut)
	}
	approvals := filepath.Join(filepath.Dir(config), "approvals.yaml")
	mustContain(t, "approve's stdout", stdout, approvals+": TOM-acme version 1 (sha256:", "approved by Dr. Erika Mustermann (Datenschutzbeauftragte) at 2026-11-24T09:00:00Z")

	results := filepath.Join(dir, "released.results.json")
	released, _ := render("released.pdf", "--results", results)
	text = pdfText(t, released)
	mustContain(t, "approved annex", text, "Status Freigegeben", "Freigabe Dr. Erika Mustermann (Datenschutzbeauftragte), 24.11.2026",
		"Freigabe dieses Inhalts", "Dr. Erika Mustermann Datenschutzbeauftragte 24.11.2026, 10:00 Uhr (MEZ) Erstausgabe")
	if strings.Contains(text, "Diese Anlage ist nicht freigegeben") || strings.Contains(text, "Entwurf –") {
		t.Errorf("the approved annex still reads as a draft:\n%s", text)
	}
	// The approval is of the content, which both languages share.
	english, _ := render("released.en.pdf", "--lang", "en")
	mustContain(t, "approved English annex", pdfText(t, english), "Status Released", "Approval Dr. Erika Mustermann (Datenschutzbeauftragte), 2026-11-24")

	// The next version compares with the released one's results: nothing
	// changed, but comparing is new content, version 2, not approved yet.
	next, _ := render("next.pdf", "--previous", results)
	mustContain(t, "next version", pdfText(t, next), "Version 2", "Status Entwurf",
		"2 (dieses Dokument) 23.11.2026 – keine Änderungen gegenüber Version 1",
		"Änderungen gegenüber Version 1 Gegenüber Version 1 haben sich weder Feststellungen noch Ergebnisse von Maßnahmen geändert.")
	if fi, err := os.Stat(results); err != nil {
		t.Errorf("--results: %v", err)
	} else if fi.Mode().Perm() != 0o600 {
		t.Errorf("--results: mode %v, want 0600 (results are private)", fi.Mode())
	}

	s1 := readStamp(t, draft)
	if s2 := readStamp(t, released); s2 != s1 {
		t.Errorf("re-rendering the same content changed the stamp: %v, then %v", s1, s2)
	}

	// One measure's evidence changes: the attestation's statement.
	_, config2 := approvalProvider(t, "Ermittlungsanfragen werden vor jeder Herausgabe von der Rechtsabteilung geprüft.")
	data, err := os.ReadFile(filepath.Join(filepath.Dir(config2), "attestations", "recht.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	writeApprovalFile(t, filepath.Join(filepath.Dir(config), "attestations", "recht.yaml"), string(data))
	changed, errOut := render("changed.pdf")
	text = pdfText(t, changed)
	mustContain(t, "annex of changed content", text, "Status Entwurf",
		"Diese Anlage ist nicht freigegeben, weil die erfasste Freigabe (Version 1) einen anderen Inhalt betrifft: Nachweise, Konfiguration oder Vorlagen haben sich seither geändert.",
		"Version 2", "Version 2", "1 24.11.2026 Dr. Erika Mustermann (Datenschutzbeauftragte) Erstausgabe",
		"Für genau diesen Inhalt ist keine Freigabe erfasst.")
	mustContain(t, "stderr", errOut, "the recorded approval (version 1) is for other content")
	if s3 := readStamp(t, changed); s3.Content == s1.Content || s3.Version != 2 || s3.Document != "TOM-acme" {
		t.Errorf("stamp after the change %v, before %v: want a new digest as version 2", s3, s1)
	}
}

func readStamp(t *testing.T, path string) approval.Stamp {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := approval.ReadStamp(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return s
}

// TestApproveReadsTheStampWhateverRewroteThePDF: a PDF tool that rewrites
// the file into compressed object streams keeps the stamp readable, and
// approve accepts the digest from the title page instead of the file.
func TestApproveReadsTheStampWhateverRewroteThePDF(t *testing.T) {
	needTool(t, "qpdf")
	dir := t.TempDir()
	doc := filepath.Join(dir, "report.pdf")
	if _, errOut, code := nachweis(t, nil, "report", "--demo", "--framework", "gdpr", "--now", demoNow, "-o", doc); code != exitOK {
		t.Fatalf("report: exit %d: %s", code, errOut)
	}
	want := readStamp(t, doc)
	if want.Document != "BER-gdpr" || want.Version != 1 {
		t.Errorf("stamp %v, want BER-gdpr version 1", want)
	}
	rewritten := filepath.Join(dir, "rewritten.pdf")
	if out, err := exec.Command("qpdf", "--object-streams=generate", "--compress-streams=y", "--recompress-flate", doc, rewritten).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v\n%s", err, out)
	}
	if got := readStamp(t, rewritten); got != want {
		t.Errorf("stamp of the rewritten PDF %v, want %v", got, want)
	}
	approvals := filepath.Join(dir, "approvals.yaml")
	if _, errOut, code := nachweis(t, nil, "approve", "--digest", want.Content, "--document", want.Document, "--version", "1",
		"--as", "Jonas Weber", "--role", "ISB", "--step", "reviewed", "--approvals", approvals, "--now", "2026-11-24T08:00:00Z"); code != exitOK {
		t.Fatalf("approve --digest: exit %d: %s", code, errOut)
	}
	if _, errOut, code := nachweis(t, nil, "approve", rewritten, "--as", "Jonas Weber", "--role", "ISB", "--step", "reviewed", "--approvals", approvals); code != exitError ||
		!strings.Contains(errOut, approvals+": approval: Jonas Weber already recorded this step for this content (entry 1)") {
		t.Errorf("approving the same step twice: exit %d: %s", code, errOut)
	}
}

// TestReportPreparedReviewedApproved: the audit report's Annex C names
// who prepared, reviewed and approved exactly its content, the title page
// the approver, and the approval releases it.
func TestReportPreparedReviewedApproved(t *testing.T) {
	dir := t.TempDir()
	approvals := filepath.Join(dir, "approvals.yaml")
	render := func(name string) string {
		t.Helper()
		out := filepath.Join(dir, name)
		if _, errOut, code := nachweis(t, nil, "report", "--demo", "--framework", "c5", "--now", demoNow, "--approvals", approvals, "-o", out); code != exitOK {
			t.Fatalf("report: exit %d: %s", code, errOut)
		}
		return out
	}
	writeApprovalFile(t, approvals, "schema: nachweis.approvals/v1\napprovals: []\n")
	draft := render("draft.pdf")
	mustContain(t, "draft report", pdfText(t, draft), "Status: Entwurf",
		"Erstellt von nicht erfasst – – – Geprüft von nicht erfasst – – – Freigegeben von nicht erfasst – – –",
		"Dieser Bericht ist ein Entwurf, weil keine Freigabe für genau diesen Inhalt erfasst ist.")
	for _, a := range [][]string{
		{"prepared", "Jonas Weber", "Informationssicherheitsbeauftragter", "2026-11-24T08:00:00Z"},
		{"reviewed", "Sabine Keller", "Interne Revision", "2026-11-24T09:00:00Z"},
		{"approved", "Thomas Berger", "Geschäftsführung", "2026-11-24T10:00:00Z"},
	} {
		if _, errOut, code := nachweis(t, nil, "approve", draft, "--step", a[0], "--as", a[1], "--role", a[2], "--now", a[3], "--approvals", approvals); code != exitOK {
			t.Fatalf("approve --step %s: exit %d: %s", a[0], code, errOut)
		}
	}
	text := pdfText(t, render("released.pdf"))
	mustContain(t, "released report", text, "Status: Freigegeben",
		"Freigabe Thomas Berger (Geschäftsführung), 24.11.2026",
		"Erstellt von Jonas Weber Informationssicherheitsbeauftragter 24.11.2026, 09:00 Uhr (MEZ)",
		"Geprüft von Sabine Keller Interne Revision 24.11.2026, 10:00 Uhr (MEZ)",
		"Freigegeben von Thomas Berger Geschäftsführung 24.11.2026, 11:00 Uhr (MEZ)",
		"Dieser Bericht ist freigegeben.",
		"1 (dieses Dokument) 24.11.2026 Freigegeben von: Thomas Berger (Geschäftsführung)")
	if strings.Contains(text, "Status: Entwurf") {
		t.Error("a released report that calls itself a draft")
	}
}

// TestBadApprovalsFile: a broken approvals file stops the document with
// one line naming the file, the line and the field; nothing is written.
func TestBadApprovalsFile(t *testing.T) {
	dir := t.TempDir()
	approvals := filepath.Join(dir, "approvals.yaml")
	writeApprovalFile(t, approvals, "schema: nachweis.approvals/v1\napprovals:\n  - document: TOM-acme\n    version: 1\n    content: sha256:00\n")
	out := filepath.Join(dir, "tom.pdf")
	_, errOut, code := nachweis(t, nil, "tom", "--demo", "--tenant", "acme", "--now", demoNow, "--approvals", approvals, "-o", out)
	want := approvals + `:5: approvals[0].content: expected a content digest "sha256:" followed by 64 lowercase hex digits, got "sha256:00"`
	if code != exitError || strings.TrimSpace(errOut) != "nachweis: "+want && !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stderr %q; want exit 1 naming %q", code, errOut, want)
	}
	if strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
		t.Errorf("more than one line: %q", errOut)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("an annex was written despite the broken approvals file")
	}
}
